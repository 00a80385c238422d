"""Every day is a well-formed assignment: checked without running a kernel."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from days import KERNEL_NAME, day_notebooks, mutants

from grader import cells
from grader.release import release_notebook

DAYS = day_notebooks()


def test_there_are_days() -> None:
    assert DAYS, "no day notebooks found"


@pytest.mark.parametrize("path", DAYS, ids=lambda p: p.parent.name)
def test_day_is_a_well_formed_assignment(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    number = int(path.parent.name[3:6])
    assert path.parent.name == path.stem
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    assert re.match(rf"# Day {number} · \S", nb.cells[0].source), "header: '# Day N · Title'"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "clear outputs"
    graded = cells.graded_cells(nb)
    assert sum(g.points for g in graded) == 10
    assert not any(g.manual and g.points for g in graded), "every point is autograded"
    tested = [c for c in nb.cells if cells.is_grade(c)]
    exercises = {cells.grade_id(c).split("_")[0] for c in tested}  # ex1_tests, ex1_tests_reuse: ex1
    assert 3 <= len(exercises) <= 6, f"three to six exercises, found {sorted(exercises)}"
    hidden = {cells.grade_id(c).split("_")[0] for c in tested if cells.BEGIN_HIDDEN_TESTS in c.source}
    assert exercises <= hidden, f"exercises without hidden tests: {sorted(exercises - hidden)}"
    for cell in nb.cells:
        meta = cells.nbgrader_metadata(cell)
        assert meta.get("schema_version") == 3 and cells.grade_id(cell), "every cell has nbgrader metadata"
    release_notebook(nb)  # releases without complaint


@pytest.mark.parametrize("path", DAYS, ids=lambda p: p.parent.name)
def test_every_exercise_has_a_mutant(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    answers = {cells.grade_id(c) for c in nb.cells if cells.is_solution(c) and c.cell_type == "code"}
    grade_ids = {cells.grade_id(c) for c in nb.cells if cells.is_grade(c)}
    found = mutants(path.parent.name)
    assert found, f"tests/mutants/{path.parent.name[:6]}.py is missing"
    for mutant in found:
        assert mutant["cell"] in answers, mutant["name"]
        assert mutant["loses"] and set(mutant["loses"]) <= grade_ids, mutant["name"]
    assert answers <= {m["cell"] for m in found}, "every answer cell needs at least one mutant"
    exercises = {gid.split("_")[0] for gid in grade_ids}
    caught = {gid.split("_")[0] for m in found for gid in m["loses"]}
    assert exercises <= caught, f"exercises no mutant is caught by: {sorted(exercises - caught)}"
