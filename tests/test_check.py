"""`gc100 check`: the learner's table, and an exit status that means something."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from course_factory import GOOD, squares_source, with_answers

from grader.check import check_notebook
from grader.cli import main
from grader.release import release_notebook

pytestmark = pytest.mark.slow


def write(tmp_path: Path, nb) -> Path:
    path = tmp_path / "squares.ipynb"
    nbformat.write(nb, path)
    return path


def test_all_visible_tests_pass_exit_zero(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, with_answers(release_notebook(squares_source()), GOOD))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ex1_tests" in out and "pass" in out and "7 of 7 points" in out


def test_a_failing_assertion_is_named_with_its_line(tmp_path: Path, capsys) -> None:
    wrong = with_answers(release_notebook(squares_source()),
                         {**GOOD, "ex1_answer": "def squares(n):\n    return [i for i in range(1, n + 1)]"})
    report = check_notebook(write(tmp_path, wrong))
    row = next(r for r in report.rows if r.grade_id == "ex1_tests")
    assert not row.passed and row.problem.startswith("AssertionError")
    assert "assert squares(3) == [1, 4, 9]" in row.problem
    assert main(["check", str(write(tmp_path, wrong))]) == 1


def test_the_release_fails_with_not_implemented(tmp_path: Path) -> None:
    report = check_notebook(write(tmp_path, release_notebook(squares_source())))
    assert not report.all_passed
    assert all(r.problem.startswith(("NotImplementedError", "partial credit: 0 of")) for r in report.rows), \
        [r.problem for r in report.rows]


def test_check_never_shows_hidden_tests_that_are_not_in_the_learners_file(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, with_answers(release_notebook(squares_source()), GOOD))
    main(["check", str(path)])
    assert "squares(10)" not in capsys.readouterr().out


def test_a_broken_file_is_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.ipynb"
    path.write_text("{oops")
    assert main(["check", str(path)]) == 2
    assert "not valid JSON" in capsys.readouterr().out


def test_a_message_over_several_lines_reaches_the_learner_whole(tmp_path: Path, capsys) -> None:
    """A visible test that prints what it expected and what it got, on lines of their own: both
    lines reach the table and the feedback page, markup-like text included, as written."""
    source = squares_source()
    for cell in source.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ex1_tests":
            cell.source = ('got = squares(3)\nassert got == [1, 4, 9], (\n'
                           '    f"wrong values [red]:\\n  expected [1, 4, 9]\\n  got      {got}")')
    wrong = with_answers(release_notebook(source),
                         {**GOOD, "ex1_answer": "def squares(n):\n    return [i for i in range(1, n + 1)]"})
    report = check_notebook(write(tmp_path, wrong))
    row = next(r for r in report.rows if r.grade_id == "ex1_tests")
    assert row.problem.split("\n") == [
        "AssertionError: wrong values [red]: at line 2: assert got == [1, 4, 9], (",
        "  expected [1, 4, 9]", "  got      [1, 2, 3]"]
    assert main(["check", str(write(tmp_path, wrong))]) == 1
    out = capsys.readouterr().out
    assert "wrong values [red]:" in out and "expected [1, 4, 9]" in out and "got      [1, 2, 3]" in out


def test_a_setup_cell_that_failed_is_shown_first_as_the_cause(tmp_path: Path, capsys) -> None:
    """A day whose setup cell cannot import its helpers (a file missing beside the notebook) fails
    every test with a NameError; the learner is shown the setup cell's ImportError first."""
    source = squares_source()
    setup = nbformat.v4.new_code_cell("from helpers_beside_the_notebook import squares_helper")
    setup.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": True,
                                  "grade_id": "helpers", "schema_version": 3}
    source.cells.insert(1, setup)
    path = write(tmp_path, with_answers(release_notebook(source), GOOD))
    report = check_notebook(path)
    assert report.first_error.startswith("cell 2 (helpers): ModuleNotFoundError"), report.first_error
    assert "helpers_beside_the_notebook" in report.first_error
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert out.index("ModuleNotFoundError") < out.index("visible tests"), out


def test_no_first_error_is_shown_when_only_tests_fail(tmp_path: Path) -> None:
    wrong = with_answers(release_notebook(squares_source()),
                         {**GOOD, "ex1_answer": "def squares(n):\n    return [i for i in range(1, n + 1)]"})
    assert check_notebook(write(tmp_path, wrong)).first_error == ""
