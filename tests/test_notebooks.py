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
    assert sum(g.points for g in graded) == 10, "a day is worth 10 points"
    by_hand = [c for c in nb.cells if cells.is_grade(c) and cells.is_solution(c)]
    assert all(c.cell_type == "markdown" for c in by_hand), "only written answers are graded by hand"
    tested = [c for c in nb.cells if cells.is_grade(c) and not cells.is_solution(c)]
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
    grade_ids = {cells.grade_id(c) for c in nb.cells if cells.is_grade(c) and not cells.is_solution(c)}
    found = mutants(path.parent.name)
    assert found, f"tests/mutants/{path.parent.name[:6]}.py is missing"
    for mutant in found:
        assert mutant["cell"] in answers, mutant["name"]
        assert mutant["loses"] and set(mutant["loses"]) <= grade_ids, mutant["name"]
    assert answers <= {m["cell"] for m in found}, "every answer cell needs at least one mutant"
    exercises = {gid.split("_")[0] for gid in grade_ids}
    caught = {gid.split("_")[0] for m in found for gid in m["loses"]}
    assert exercises <= caught, f"exercises no mutant is caught by: {sorted(exercises - caught)}"


def _code(gid: str, source: str, *, answer: bool = False, test: bool = False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": gid, "solution": answer, "grade": test, "locked": not answer,
                                 "schema_version": 3, **({"points": 1} if test else {})}
    return cell


def test_mutants_share_a_grading_only_where_one_cannot_move_the_others_points() -> None:
    """days.mutant_groups: independent exercises share a grading; an exercise whose answer a
    later one calls, whose test cell defines a helper a later test uses, or whose test passes a
    teaching value a later exercise reads (it may be changed in place), does not."""
    from days import mutant_groups

    def day(*cells_: nbformat.NotebookNode) -> nbformat.NotebookNode:
        return nbformat.v4.new_notebook(cells=list(cells_))

    def m(cell: str, source: str = "def f(x):\n    return 0") -> dict:
        return {"name": cell, "cell": cell, "loses": [cell.replace("answer", "tests")], "source": source}

    independent = day(_code("setup", "import math\ndef helper(x):\n    return x"),
                      _code("ex1_answer", "def f(x):\n    return x", answer=True),
                      _code("ex1_tests", "for i in range(3):\n    assert f(i) == i", test=True),
                      _code("ex2_answer", "def g(x):\n    return helper(x)", answer=True),
                      _code("ex2_tests", "for i in range(3):\n    assert g(math.floor(i)) == i", test=True))
    assert mutant_groups(independent, [m("ex1_answer"), m("ex2_answer", "def g(x):\n    return 1"),
                                       m("ex1_answer", "def f(x):\n    return 1")]) == [[0, 1], [2]]

    calls_earlier = day(_code("ex1_answer", "def f(x):\n    return x", answer=True),
                        _code("ex1_tests", "assert f(1) == 1", test=True),
                        _code("ex2_answer", "def g(x):\n    return f(x) + 1", answer=True),
                        _code("ex2_tests", "assert g(1) == 2", test=True))
    assert mutant_groups(calls_earlier, [m("ex1_answer"), m("ex2_answer", "def g(x):\n    return 0")]) == [[0], [1]]

    shared_helper = day(_code("ex1_answer", "def f(x):\n    return x", answer=True),
                        _code("ex1_tests", "assert f(1) == 1\ndef _close(a, b):\n    return abs(a - b) < 1e-9", test=True),
                        _code("ex2_answer", "def g(x):\n    return x", answer=True),
                        _code("ex2_tests", "assert _close(g(1), 1)", test=True))
    assert mutant_groups(shared_helper, [m("ex1_answer"), m("ex2_answer", "def g(x):\n    return 0")]) == [[0], [1]]

    shared_data = day(_code("data", "xs = [3, 1, 2]"),
                      _code("ex1_answer", "def f(v):\n    return sorted(v)", answer=True),
                      _code("ex1_tests", "assert f(xs) == [1, 2, 3]", test=True),
                      _code("ex2_answer", "def g(v):\n    return v[0]", answer=True),
                      _code("ex2_tests", "assert g(xs) == 3", test=True))
    in_place = "def f(v):\n    v.sort()\n    return v"
    assert mutant_groups(shared_data, [m("ex1_answer", in_place), m("ex2_answer", "def g(v):\n    return 0")]) == [[0], [1]]

    lasting = "import torch\ndef f(x):\n    torch.manual_seed(0)\n    return 0"
    assert mutant_groups(independent, [m("ex1_answer", lasting), m("ex2_answer", "def g(x):\n    return 1")]) == [[0], [1]]
