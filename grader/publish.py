"""Publishing what people decided: feedback pages regenerated from the gradebook's current
grades (grader.current), with the points and comments given by hand and the late penalty, over
the notebooks as the grader executed them. `gc100 feedback` runs it; the console runs it for a
student's notebook each time a grade is saved."""

from __future__ import annotations

from pathlib import Path

import nbformat

from grader.course import Course
from grader.current import CurrentNotebook, current_grades
from grader.feedback import render_feedback
from grader.gradebook import Gradebook, NotebookGrade
from grader.late import late_note
from grader.score import CellScore


def _as_grade(notebook: CurrentNotebook) -> NotebookGrade:
    r = notebook.record
    cells = [CellScore(c.grade_id, c.points, c.max_points, c.outcome, c.message, c.needs_person)
             for c in notebook.cells]
    return NotebookGrade(r.assignment, r.student_id, r.notebook, r.submission_hash, r.source_hash,
                         r.status, r.reason, r.flag_list(), cells, r.seconds, r.submitted_at)


def write_feedback(course: Course, notebook: CurrentNotebook, show_hidden: bool = False) -> Path:
    grade = _as_grade(notebook)
    executed_path = course.autograded_dir / grade.student_id / grade.assignment / grade.notebook
    try:
        executed = nbformat.read(executed_path, as_version=4)
    except (OSError, ValueError):
        executed = nbformat.v4.new_notebook()
    said = {}
    for c in notebook.cells:
        why = [f"Changed from the autograder's points: {c.reason}"] \
            if c.source == "override" and c.reason else []
        if c.said or why:
            said[c.grade_id] = [*c.said, *why]
    late = late_note(grade.submitted_at, course.due.get(grade.assignment), notebook.score,
                     course.late)
    folder = course.feedback_dir / grade.student_id / grade.assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (Path(grade.notebook).stem + ".html")
    path.write_text(render_feedback(executed, grade, show_hidden=show_hidden, said=said, late=late),
                    encoding="utf-8")
    return path


def regenerate_feedback(course: Course, gradebook: Gradebook, assignment: str | None = None,
                        student: str | None = None, show_hidden: bool = False) -> list[Path]:
    """Every feedback page (of `assignment`, of `student`) written again from the gradebook."""
    return [write_feedback(course, n, show_hidden)
            for n in current_grades(gradebook, assignment, student)]
