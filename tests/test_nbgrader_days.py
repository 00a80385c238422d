"""nbgrader itself can release and autograde the days: the course's notebooks are nbgrader
assignments, not only gc100 ones. `nbgrader generate_assignment` releases every day of a module,
and `nbgrader autograde` gives the instructor's answers full marks, each test cell its points.
(That the release earns nothing, without crashing, gc100's grading checks: tests/test_days.py;
an nbgrader execution of each release too would add minutes to the suite and no new failure.)"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from days import day_notebooks, with_answers
from nbgrader_reference import nbgrader_scores_of_days

from grader import cells

pytestmark = pytest.mark.slow

# modules 3 on (days 21 and later), where the tests use torch, FX and the boundary most; one
# nbgrader course per module, since each nbgrader command costs seconds before it grades anything
TORCH_DAYS = [p for p in day_notebooks() if int(p.parent.name[3:6]) >= 21]
MODULES = sorted({(int(p.parent.name[3:6]) - 1) // 10 + 1 for p in TORCH_DAYS})


def instructor_only(notebook: Path) -> dict[str, nbformat.NotebookNode]:
    return {"instructor": with_answers(nbformat.read(notebook, as_version=4), {})}


def wrong_scores(notebook: Path, scores: dict[str, dict[str, float | None]]) -> list[str]:
    """What nbgrader scored differently from the day's points: full for the instructor.
    (`python tests/nbgrader_reference.py NOTEBOOK` grades a day's release with nbgrader too.)"""
    source = nbformat.read(notebook, as_version=4)
    auto = {c.metadata["nbgrader"]["grade_id"]: cells.points(c) for c in source.cells
            if cells.is_grade(c) and not cells.is_solution(c) and c.cell_type == "code"}
    day = notebook.parent.name
    got = {gid: scores["instructor"].get(gid) for gid in auto}
    return [] if got == auto else [f"{day}: the instructor's answers scored {got}, expected {auto}"]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: f"module{m}")
def test_nbgrader_generates_and_autogrades_the_days(module: int, tmp_path: Path) -> None:
    days = [p for p in TORCH_DAYS if (int(p.parent.name[3:6]) - 1) // 10 + 1 == module]
    scores = nbgrader_scores_of_days({day: instructor_only(day) for day in days}, tmp_path)
    wrong = [line for day in days for line in wrong_scores(day, scores[day])]
    assert not wrong, "\n".join(wrong)
