"""nbgrader's scoring rules, one by one."""

from __future__ import annotations

import nbformat
import pytest
from course_factory import meta
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from grader import cells
from grader.score import score_cell


def graded_cell(*outputs, points: float = 2) -> nbformat.NotebookNode:
    cell = new_code_cell("...", metadata=meta("t", grade=True, locked=True, points=points))
    cell.outputs = list(outputs)
    return cell


def result(text: str):
    return new_output("execute_result", data={"text/plain": text}, execution_count=1)


def test_no_output_is_full_points() -> None:
    assert score_cell(graded_cell()).points == 2


def test_an_error_is_zero() -> None:
    s = score_cell(graded_cell(new_output("error", ename="AssertionError", evalue="bad", traceback=[])))
    assert (s.points, s.outcome, s.message) == (0, "failed", "AssertionError: bad")


def test_an_error_keeps_its_whole_message_in_the_grade_and_the_feedback() -> None:
    from grader.feedback import render_feedback
    from grader.gradebook import NotebookGrade
    from grader.score import MESSAGE_LIMIT

    evalue = "\x1b[31mwrong values:\x1b[0m\n  expected [1, 4, 9]\n  got <b>[1, 2, 3]</b>"
    s = score_cell(graded_cell(new_output("error", ename="AssertionError", evalue=evalue, traceback=[])))
    assert s.message == "AssertionError: wrong values:\n  expected [1, 4, 9]\n  got <b>[1, 2, 3]</b>"
    grade = NotebookGrade("a", "ann", "a.ipynb", "", "", "graded", "", [], [s])
    page = render_feedback(nbformat.v4.new_notebook(), grade)
    assert "wrong values:\n  expected [1, 4, 9]\n  got &lt;b&gt;[1, 2, 3]&lt;/b&gt;" in page
    long = score_cell(graded_cell(new_output("error", ename="ValueError", evalue="x" * 10**6, traceback=[])))
    assert len(long.message) <= len("ValueError: ") + MESSAGE_LIMIT and long.message.endswith("…")


@pytest.mark.parametrize("text, expected", [("1.5", 1.5), ("0", 0.0), ("'hello'", 2.0),
                                            ("-1", 2.0), ("nan", 2.0), ("2", 2.0)])
def test_a_number_is_partial_credit(text: str, expected: float) -> None:
    assert score_cell(graded_cell(result(text))).points == expected


def test_partial_credit_above_the_points_is_capped_with_a_note() -> None:
    s = score_cell(graded_cell(result("5")))
    assert s.points == 2 and "more than" in s.message


def test_the_first_of_error_or_result_decides() -> None:
    err = new_output("error", ename="E", evalue="", traceback=[])
    assert score_cell(graded_cell(result("1"), err)).points == 1
    assert score_cell(graded_cell(err, result("1"))).points == 0


def test_stderr_alone_does_not_zero_a_cell() -> None:
    """gc100's one deliberate difference from nbgrader (README: a library warning is not a failure)."""
    warning = new_output("stream", name="stderr", text="UserWarning: ...")
    assert score_cell(graded_cell(warning)).points == 2


def test_manual_answers_wait_unless_unchanged() -> None:
    cell = new_markdown_cell("YOUR ANSWER HERE",
                             metadata=meta("w", grade=True, solution=True, points=3))
    released = cells.compute_checksum(cell)
    assert score_cell(cell, released).points == 0  # no answer given
    cell.source = "My answer."
    s = score_cell(cell, released)
    assert s.points is None and s.outcome == "pending" and s.max_points == 3


def test_a_task_is_graded_by_hand_as_nbgrader_records_it() -> None:
    from grader.score import score_notebook

    task = new_markdown_cell("Plot the squares.", metadata={"nbgrader": {
        "grade": False, "solution": False, "task": True, "locked": True, "points": 2,
        "grade_id": "plot_task", "schema_version": 3}})
    nb = nbformat.v4.new_notebook(cells=[task])
    (score,) = score_notebook(nb, {"plot_task": cells.compute_checksum(task)})
    assert (score.grade_id, score.points, score.max_points, score.manual) == ("plot_task", None, 2, True)
    assert [(c.grade_id, c.points, c.manual) for c in cells.graded_cells(nb)] == [("plot_task", 2, True)]
