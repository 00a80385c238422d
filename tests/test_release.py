"""Release: solutions and hidden tests go, checksums match nbgrader's own release."""

from __future__ import annotations

import copy

import nbformat
import pytest
from course_factory import meta, squares_source
from nbformat.v4 import new_code_cell

from grader import cells
from grader.release import ReleaseError, release_notebook


def test_solutions_become_stubs_and_hidden_tests_vanish() -> None:
    released = release_notebook(squares_source())
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "squares(10) ==" not in text  # a hidden test
    assert "return sum(squares(n))" not in text  # a solution line
    answer = next(c for c in released.cells if cells.grade_id(c) == "ex1_answer")
    assert answer.source.splitlines()[-2:] == ["    # YOUR CODE HERE", "    raise NotImplementedError()"]
    assert answer.source.startswith("def squares(n):")  # what is outside the markers stays
    written = next(c for c in released.cells if cells.grade_id(c) == "ex3_answer")
    assert written.source == "YOUR ANSWER HERE"


def test_release_locks_cells_and_clears_outputs() -> None:
    source = squares_source()
    source.cells[1].outputs = [nbformat.v4.new_output("stream", text="old")]
    released = release_notebook(source)
    for cell in released.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
        if cells.is_grade(cell) and not cells.is_solution(cell):
            assert cell.metadata["editable"] is False and cell.metadata["deletable"] is False
        if cells.is_solution(cell):
            assert cell.metadata["deletable"] is False and "editable" not in cell.metadata
    assert source.cells[1].outputs, "release must not modify its input"


def test_release_matches_nbgrader_generate_assignment(tmp_path) -> None:
    """Same sources and the same checksums as `nbgrader generate_assignment` writes, answer
    cells without solution markers (replaced whole: nothing of the instructor's is left) and
    a task cell included."""
    from nbformat.v4 import new_markdown_cell
    from nbgrader_reference import generate_release

    source = squares_source()
    source.cells += [
        new_code_cell("def cube(n):\n    return n ** 3", metadata=meta("cube", solution=True)),
        new_markdown_cell("Because squares grow.", metadata=meta("why", solution=True, grade=True,
                                                                 points=1)),
        new_markdown_cell("Plot the squares.", metadata={"nbgrader": {
            "grade": False, "solution": False, "task": True, "locked": True, "points": 2,
            "grade_id": "plot_task", "schema_version": 3}})]
    folder = tmp_path / "src" / "squares"
    folder.mkdir(parents=True)
    nbformat.write(source, folder / "squares.ipynb")
    theirs = nbformat.read(generate_release(folder / "squares.ipynb", tmp_path / "nbg"), as_version=4)
    ours = release_notebook(source)
    assert [c.source for c in ours.cells] == [c.source for c in theirs.cells]
    assert [cells.nbgrader_metadata(c).get("checksum") for c in ours.cells] == \
           [cells.nbgrader_metadata(c).get("checksum") for c in theirs.cells]
    assert "n ** 3" not in nbformat.writes(ours) and "Because squares grow" not in nbformat.writes(ours)


@pytest.mark.parametrize("source, reason", [
    ("### BEGIN SOLUTION\nx = 1", "without"),
    ("x = 1\n### END SOLUTION", "without"),
])
def test_unbalanced_markers_are_refused(source: str, reason: str) -> None:
    nb = squares_source()
    nb.cells[3].source = source
    with pytest.raises(ReleaseError, match=reason):
        release_notebook(nb)


def test_solution_outside_an_answer_cell_is_refused() -> None:
    nb = squares_source()
    nb.cells.append(new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                                  metadata=meta("oops", locked=True)))
    with pytest.raises(ReleaseError, match="not an answer cell|outside"):
        release_notebook(nb)


def test_duplicate_grade_ids_are_refused() -> None:
    nb = squares_source()
    nb.cells.append(copy.deepcopy(nb.cells[4]))
    with pytest.raises(ReleaseError, match="more than one cell"):
        release_notebook(nb)


def test_a_test_cell_of_nbgrader_autotest_directives_is_refused(tmp_path, capsys) -> None:
    """Unexpanded, `### AUTOTEST squares(3)` is a comment and the test would pass for
    everyone: gc100 says so in one line instead of grading it."""
    from grader.cli import main

    source = squares_source()
    source.cells.append(new_code_cell("### AUTOTEST squares(3)", metadata=meta(
        "auto", grade=True, locked=True, points=1)))
    with pytest.raises(ReleaseError, match="AUTOTEST"):
        release_notebook(source)
    course = tmp_path / "course"
    (course / "source" / "squares").mkdir(parents=True)
    nbformat.write(source, course / "source" / "squares" / "squares.ipynb")
    assert main(["--course", str(course), "grade", "squares"]) == 2
    out = capsys.readouterr().out
    assert "AUTOTEST directive" in out and "Traceback" not in out
