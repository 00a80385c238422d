"""Assignments written for nbgrader grade under gc100 as `nbgrader autograde` grades them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from course_factory import with_answers, write_course
from nbformat.v4 import new_code_cell
from nbgrader_reference import generate_release, nbgrader_scores

from grader import cells
from grader.cli import main
from grader.course import load_course
from grader.gradebook import Gradebook
from grader.release import answer_from_solution

pytestmark = pytest.mark.slow


def quickstart(folder: Path) -> Path:
    """nbgrader's own quickstart course, as `nbgrader quickstart` writes it."""
    nbgrader = Path(sys.executable).with_name("nbgrader")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    folder.mkdir(parents=True)
    subprocess.run([str(nbgrader), "quickstart", "course101"], cwd=folder, env=env, check=True,
                   capture_output=True, timeout=300)
    return folder / "course101"


def test_ps1_with_a_cell_added_the_ordinary_way_grades_as_nbgrader_grades_it(tmp_path: Path) -> None:
    """ps1's problem1 is nbformat 4.0; a cell added with nbformat's own new_code_cell carries an
    id, which 4.0 does not allow. nbformat reads such a notebook (upgrading it), nbgrader grades
    it, and so must gc100: every cell's score the same, no notebook rejected."""
    source_dir = quickstart(tmp_path / "quickstart") / "source" / "ps1"
    problem1 = source_dir / "problem1.ipynb"
    nb = nbformat.read(problem1, as_version=4)
    nb.cells.insert(1, new_code_cell("import math"))
    nbformat.write(nb, problem1)
    raw = json.loads(problem1.read_text())
    assert (raw["nbformat"], raw["nbformat_minor"]) == (4, 0)
    assert sum("id" in cell for cell in raw["cells"]) == 1

    released = nbformat.read(generate_release(problem1, tmp_path / "release"), as_version=4)
    solutions = {cells.grade_id(c): answer_from_solution(c.source)
                 for c in nb.cells if cells.is_solution(c)}
    students = {"instructor": with_answers(released, solutions),
                "blank": released,
                "partial": with_answers(released, {"squares": solutions["squares"]})}
    course = write_course(tmp_path / "gc100", students, nb, assignment="ps1")
    shutil.copy(source_dir / "jupyter.png", course / "source" / "ps1")
    assert main(["--course", str(course), "grade", "ps1", "--workers", "2"]) == 0

    with Gradebook(load_course(course).db_url) as gradebook:
        records = {r.student_id: r for r in gradebook.latest_records()}
    assert {s: r.status for s, r in records.items()} == dict.fromkeys(students, "graded")
    ours = {s: {c.grade_id: c.points for c in r.cells if not c.manual} for s, r in records.items()}
    theirs = nbgrader_scores(problem1, students, tmp_path / "nbgrader")
    autograded = {gid for gid in ours["instructor"]}
    theirs = {s: {gid: score or 0.0 for gid, score in scores.items() if gid in autograded}
              for s, scores in theirs.items()}
    assert ours == theirs
    assert sum(ours["instructor"].values()) == 3 and sum(ours["blank"].values()) == 0
    assert sum(ours["partial"].values()) == 2

