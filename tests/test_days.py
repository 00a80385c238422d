"""Every day through the real grader: the instructor's answers earn 10, the release 0 without
crashing, and every mutant loses the points of the tests it names."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from days import day_notebooks, grade_day, mutants, students_for

from grader import cells

pytestmark = pytest.mark.slow
DAYS = day_notebooks()


def errors_outside_exercises(nb: nbformat.NotebookNode) -> list[str]:
    """Errors in cells that are neither answers nor tests: a teaching cell failed."""
    bad = []
    for cell in nb.cells:
        if cell.cell_type != "code" or cells.is_solution(cell) or cells.is_grade(cell):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                bad.append(f"{cells.grade_id(cell)}: {out.get('ename')}: {out.get('evalue')}")
    return bad


def has_figure(nb: nbformat.NotebookNode) -> bool:
    return any("image/png" in out.get("data", {}) or "image/svg+xml" in out.get("data", {})
               for c in nb.cells if c.cell_type == "code" for out in c.get("outputs", []))


@pytest.mark.parametrize("notebook", DAYS, ids=lambda p: p.parent.name)
def test_day_grades_as_designed(notebook: Path, tmp_path: Path) -> None:
    day = notebook.parent.name
    source = nbformat.read(notebook, as_version=4)
    records, course = grade_day(notebook, tmp_path, students_for(source, day))

    instructor = records["instructor"]
    assert (instructor.score, instructor.max_score) == (10, 10), [
        (c.grade_id, c.points, c.message) for c in instructor.cells]
    assert instructor.flag_list() == []
    executed = nbformat.read(course / "autograded" / "instructor" / day / notebook.name, as_version=4)
    assert errors_outside_exercises(executed) == []
    assert has_figure(executed), "every day has at least one figure"

    released = records["released"]
    assert released.status == "graded" and released.score == 0
    assert not [f for f in released.flag_list() if "kernel" in f or "time" in f]
    executed = nbformat.read(course / "autograded" / "released" / day / notebook.name, as_version=4)
    assert errors_outside_exercises(executed) == []

    for number, mutant in enumerate(mutants(day)):
        record = records[f"mutant{number:02d}"]
        earned = {c.grade_id: (c.points, c.max_points) for c in record.cells}
        kept = [gid for gid in mutant["loses"] if earned[gid][0] >= earned[gid][1]]
        assert not kept, f"mutant '{mutant['name']}' keeps the points of {kept}"
