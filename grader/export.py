"""Export: the gradebook as CSV, JSON, or Gradescope's results.json per submission.

Scores are summed over an assignment's notebooks from the current grade of each cell
(grader.current: a person's newest grade, else the autograder's). As nbgrader exports, `score`
is the points earned so far and `max_score` counts every point, manual ones too. Every student of
the roster appears for every assignment: one who handed nothing in has status `missing`. Where
the course sets a due date, late work loses what its late policy says (grader.late): `score` is
after the penalty, `raw_score` before it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from grader.course import Course
from grader.current import CurrentNotebook, current_grades
from grader.gradebook import Gradebook
from grader.late import LatePolicy, lateness

CSV_FIELDS = ["assignment", "student_id", "score", "max_score", "status", "pending_manual",
              "graded_at", "submission_hash", "submitted_at", "hours_late", "late_penalty",
              "raw_score"]


def _late_settings(course: Course | None) -> tuple[dict, LatePolicy]:
    return (course.due, course.late) if course is not None else ({}, LatePolicy())


def assignment_totals(notebooks: list[CurrentNotebook], roster_ids: list[str] = (),
                      course: Course | None = None, assignments: list[str] = ()) -> list[dict]:
    """One row per (assignment, student): graded ones from `notebooks`, and a `missing` row for
    each student of `roster_ids` without any grade of an assignment that is graded, has a due
    date, or is named in `assignments`."""
    due, policy = _late_settings(course)
    totals: dict[tuple[str, str], dict] = {}
    for n in notebooks:
        r = n.record
        row = totals.setdefault((r.assignment, r.student_id), {
            "assignment": r.assignment, "student_id": r.student_id, "raw_score": 0.0,
            "max_score": 0.0, "status": "graded", "pending_manual": False, "graded_at": "",
            "submission_hash": "", "submitted_at": None, "notes": []})
        row["raw_score"] += n.score
        row["max_score"] += n.max_score
        row["pending_manual"] = row["pending_manual"] or n.pending
        if r.status != "graded":
            row["status"] = r.status
        row["graded_at"] = max(row["graded_at"], r.graded_at.isoformat())
        row["submission_hash"] = row["submission_hash"] or r.submission_hash
        if r.submitted_at is not None:
            row["submitted_at"] = max(filter(None, [row["submitted_at"], r.submitted_at]))
        row["notes"] += ([r.reason] if r.reason else []) + r.flag_list()
    for assignment in sorted({a for a, _ in totals} | set(due) | set(assignments)):
        most = max((row["max_score"] for (a, _), row in totals.items() if a == assignment),
                   default=0.0)
        for student in roster_ids:
            totals.setdefault((assignment, student), {
                "assignment": assignment, "student_id": student, "raw_score": 0.0,
                "max_score": most, "status": "missing", "pending_manual": False,
                "graded_at": "", "submission_hash": "", "submitted_at": None,
                "notes": ["nothing was handed in"]})
    for row in totals.values():
        late = lateness(row["submitted_at"], due.get(row["assignment"]), row["raw_score"], policy)
        row["hours_late"], row["late_penalty"] = late.hours_late, late.penalty
        row["score"] = row["raw_score"] - late.penalty
        if late.late:
            row["notes"].append(f"{late.hours_late} hour(s) late: {policy.describe()}"
                                + (f", {late.penalty:g} points off" if late.penalty else ""))
    return [totals[k] for k in sorted(totals)]


def _rows(gradebook: Gradebook, course: Course | None) -> list[dict]:
    return assignment_totals(current_grades(gradebook), [s.id for s in gradebook.roster()], course)


def to_csv(gradebook: Gradebook, course: Course | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in _rows(gradebook, course):
        writer.writerow({**row, "score": f"{row['score']:g}", "max_score": f"{row['max_score']:g}",
                         "raw_score": f"{row['raw_score']:g}",
                         "late_penalty": f"{row['late_penalty']:g}",
                         "submitted_at": row["submitted_at"].isoformat() if row["submitted_at"] else ""})
    return buffer.getvalue()


def to_json(gradebook: Gradebook, course: Course | None = None) -> str:
    """One entry per notebook, its cells as they now stand (with who graded each by hand, and
    why), and one entry per missing student and assignment; the assignment's late penalty is on
    each of its notebooks' entries and is taken once from the assignment's total."""
    notebooks = current_grades(gradebook)
    totals = {(row["assignment"], row["student_id"]): row
              for row in assignment_totals(notebooks, [s.id for s in gradebook.roster()], course)}
    out = []
    for n in notebooks:
        r = n.record
        total = totals[(r.assignment, r.student_id)]
        out.append({
            "assignment": r.assignment, "student_id": r.student_id, "notebook": r.notebook,
            "score": n.score, "max_score": n.max_score, "status": r.status, "reason": r.reason,
            "flags": r.flag_list(), "graded_at": r.graded_at.isoformat(),
            "submission_hash": r.submission_hash,
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
            "hours_late": total["hours_late"], "assignment_late_penalty": total["late_penalty"],
            "cells": [{"grade_id": c.grade_id, "points": c.points, "max_points": c.max_points,
                       "outcome": c.outcome, "message": c.message, "graded_by": c.by,
                       "source": c.source, "comment": "\n".join(c.said),
                       "reason": c.reason} for c in n.cells]})
    for row in totals.values():
        if row["status"] == "missing":
            out.append({"assignment": row["assignment"], "student_id": row["student_id"],
                        "notebook": None, "score": 0.0, "max_score": row["max_score"],
                        "status": "missing", "reason": "nothing was handed in", "flags": [],
                        "cells": []})
    return json.dumps(out, indent=2)


def gradescope_results(notebooks: list[CurrentNotebook], penalty: float = 0.0,
                       notes: list[str] = ()) -> dict:
    """Gradescope's results.json for one submission (one student's assignment)."""
    tests = []
    for n in notebooks:
        for c in n.cells:
            tests.append({"name": f"{n.record.notebook}: {c.grade_id}", "score": c.points or 0.0,
                          "max_score": c.max_points,
                          "output": "\n".join(c.said) or c.message or c.outcome,
                          "visibility": "visible"})
    return {"score": sum(n.score for n in notebooks) - penalty, "output": "\n".join(notes),
            "tests": tests}


def write_gradescope(gradebook: Gradebook, out_dir: Path, course: Course | None = None) -> list[Path]:
    """One `<assignment>/<student_id>/results.json` per submission under `out_dir`."""
    notebooks = current_grades(gradebook)
    totals = {(row["assignment"], row["student_id"]): row
              for row in assignment_totals(notebooks, [], course)}
    grouped: dict[tuple[str, str], list[CurrentNotebook]] = {}
    for n in notebooks:
        grouped.setdefault((n.record.assignment, n.record.student_id), []).append(n)
    written = []
    for key, group in grouped.items():
        path = out_dir / key[0] / key[1] / "results.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        total = totals[key]
        path.write_text(json.dumps(gradescope_results(group, total["late_penalty"], total["notes"]),
                                   indent=2))
        written.append(path)
    return written
