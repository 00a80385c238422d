"""nbgrader itself can release and autograde the days: the course's notebooks are nbgrader
assignments, not only gc100 ones. `nbgrader generate_assignment` makes the release, and
`nbgrader autograde` gives the instructor's answers full marks and the untouched release none."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from days import day_notebooks
from nbgrader_reference import nbgrader_scores

from grader import cells
from grader.release import answer_from_solution, release_notebook

pytestmark = pytest.mark.slow

# modules 3 to 5 (days 21-50), where the tests use torch, FX and the boundary most
MODULES_3_5 = [p for p in day_notebooks() if 21 <= int(p.parent.name[3:6]) <= 50]


@pytest.mark.parametrize("notebook", MODULES_3_5, ids=lambda p: p.parent.name[:6])
def test_nbgrader_generates_and_autogrades_the_day(notebook: Path, tmp_path: Path) -> None:
    source = nbformat.read(notebook, as_version=4)
    released = release_notebook(source)
    answered = nbformat.from_dict(released)
    answers = {cells.grade_id(c): answer_from_solution(c.source) for c in source.cells
               if cells.is_solution(c)}
    for cell in answered.cells:
        if cells.grade_id(cell) in answers:
            cell.source = answers[cells.grade_id(cell)]
    scores = nbgrader_scores(notebook, {"instructor": answered, "released": released}, tmp_path)
    auto = {c.metadata["nbgrader"]["grade_id"]: cells.points(c) for c in source.cells
            if cells.is_grade(c) and not cells.is_solution(c) and c.cell_type == "code"}
    got = {gid: scores["instructor"].get(gid) for gid in auto}
    assert got == auto, f"nbgrader's scores for the instructor's answers: {got}, expected {auto}"
    assert all(not scores["released"].get(gid) for gid in auto), scores["released"]
