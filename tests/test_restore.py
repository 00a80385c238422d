"""Restore: the source decides what runs; tampering is repaired and reported."""

from __future__ import annotations

import copy

import pytest
from course_factory import GOOD, meta, squares_source, with_answers
from nbformat.v4 import new_code_cell

from grader import cells
from grader.release import release_notebook
from grader.restore import restore_notebook
from grader.submission import SubmissionError


@pytest.fixture
def source():
    return squares_source()


@pytest.fixture
def released(source):
    return release_notebook(source)


def ids(nb) -> list[str | None]:
    return [cells.grade_id(c) for c in nb.cells]


def test_an_honest_submission_runs_with_hidden_tests_and_its_answers(source, released) -> None:
    restored = restore_notebook(source, released, with_answers(released, GOOD))
    assert restored.flags == []
    assert ids(restored.nb) == ids(source)
    by_id = {cells.grade_id(c): c for c in restored.nb.cells}
    assert "BEGIN HIDDEN TESTS" in by_id["ex1_tests"].source
    assert by_id["ex1_answer"].source == GOOD["ex1_answer"]


def test_an_edited_test_cell_is_put_back(source, released) -> None:
    student = with_answers(released, {"ex1_tests": "pass"})
    restored = restore_notebook(source, released, student)
    tests = next(c for c in restored.nb.cells if cells.grade_id(c) == "ex1_tests")
    assert tests.source == source.cells[4].source
    assert any("'ex1_tests' was edited" in f for f in restored.flags)


def test_a_deleted_test_cell_is_put_back_after_its_answer(source, released) -> None:
    student = copy.deepcopy(released)
    student.cells = [c for c in student.cells if cells.grade_id(c) != "ex1_tests"]
    restored = restore_notebook(source, released, student)
    order = ids(restored.nb)
    assert order.index("ex1_tests") == order.index("ex1_answer") + 1
    assert any("'ex1_tests' was deleted" in f for f in restored.flags)


def test_a_deleted_answer_comes_back_unanswered(source, released) -> None:
    student = copy.deepcopy(released)
    student.cells = [c for c in student.cells if cells.grade_id(c) != "ex2_answer"]
    restored = restore_notebook(source, released, student)
    answer = next(c for c in restored.nb.cells if cells.grade_id(c) == "ex2_answer")
    assert "NotImplementedError" in answer.source


def test_a_duplicated_graded_cell_keeps_only_the_first(source, released) -> None:
    student = copy.deepcopy(released)
    student.cells.insert(5, copy.deepcopy(student.cells[4]))
    restored = restore_notebook(source, released, student)
    assert ids(restored.nb).count("ex1_tests") == 1
    assert any("more than once" in f for f in restored.flags)
    assert len({c.get("id") for c in restored.nb.cells}) == len(restored.nb.cells)


def test_raised_points_and_invented_graded_cells_earn_nothing(source, released) -> None:
    student = with_answers(released, GOOD)
    student.cells[4].metadata["nbgrader"]["points"] = 100
    student.cells.append(new_code_cell("pass", metadata=meta("bonus", grade=True, locked=True,
                                                               points=50)))
    restored = restore_notebook(source, released, student)
    assert cells.points(next(c for c in restored.nb.cells if cells.grade_id(c) == "ex1_tests")) == 2
    assert "bonus" not in ids(restored.nb)
    assert sum(g.points for g in cells.graded_cells(restored.nb)) == 8
    assert any("'bonus'" in f for f in restored.flags)


def test_an_answer_cell_marked_as_graded_is_graded_as_an_answer(source, released) -> None:
    student = with_answers(released, GOOD)
    answer = next(c for c in student.cells if cells.grade_id(c) == "ex1_answer")
    answer.metadata["nbgrader"].update(grade=True, points=10)
    restored = restore_notebook(source, released, student)
    again = next(c for c in restored.nb.cells if cells.grade_id(c) == "ex1_answer")
    assert not cells.is_grade(again) and again.source == GOOD["ex1_answer"]


def test_students_own_cells_are_kept(source, released) -> None:
    student = with_answers(released, GOOD)
    student.cells.insert(4, new_code_cell("helper = 42"))
    restored = restore_notebook(source, released, student)
    assert any(c.source == "helper = 42" for c in restored.nb.cells)


def test_another_assignments_notebook_is_refused(source, released) -> None:
    other = copy.deepcopy(released)
    for c in other.cells:
        if "nbgrader" in c.metadata:
            c.metadata["nbgrader"]["grade_id"] = "other_" + c.metadata["nbgrader"]["grade_id"]
    with pytest.raises(SubmissionError, match="another assignment"):
        restore_notebook(source, released, other)


def test_a_notebook_without_any_graded_cells_is_refused(source, released) -> None:
    bare = copy.deepcopy(released)
    for c in bare.cells:
        c.metadata.pop("nbgrader", None)
    with pytest.raises(SubmissionError, match="none of the assignment's cells"):
        restore_notebook(source, released, bare)
