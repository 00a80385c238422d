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
    """Same sources and the same checksums as `nbgrader generate_assignment` writes."""
    from nbgrader_reference import generate_release

    source = squares_source()
    folder = tmp_path / "src" / "squares"
    folder.mkdir(parents=True)
    nbformat.write(source, folder / "squares.ipynb")
    theirs = nbformat.read(generate_release(folder / "squares.ipynb", tmp_path / "nbg"), as_version=4)
    ours = release_notebook(source)
    assert [c.source for c in ours.cells] == [c.source for c in theirs.cells]
    assert [cells.nbgrader_metadata(c).get("checksum") for c in ours.cells] == \
           [cells.nbgrader_metadata(c).get("checksum") for c in theirs.cells]


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
