"""Statistics of every test and what flows out of the gradebook: `gc100 stats` (table and JSON),
a person's grades in every export, and rostered students who handed nothing in listed as
missing. Through the real CLI, on the squares course graded by the real grader."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from course_factory import squares_source, squares_students, write_course

from grader.cli import main
from grader.course import load_course
from grader.current import current_grades
from grader.gradebook import Gradebook
from grader.release import release_notebook
from grader.stats import cell_stats, failure_key

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    source = squares_source()
    course = write_course(tmp_path_factory.mktemp("stats") / "course",
                          squares_students(release_notebook(source)), source)
    assert main(["--course", str(course), "grade"]) == 0
    roster = course / "roster.csv"
    roster.write_text("id,name,email\n" + "".join(
        f"{s},{s.title()},{s}@example.org\n"
        for s in ("complete", "blank", "no_check", "partial", "crash", "eve")))
    assert main(["--course", str(course), "roster", "import", str(roster)]) == 0
    with Gradebook(load_course(course).db_url) as gradebook:
        bank = gradebook.add_comment("squares", "ex3_answer", "Say why each step is O(1).", "tess")
        gradebook.record_manual("squares", "complete", "squares.ipynb", "ex3_answer", 1, "tess",
                                comment="Clear.", comment_ids=(bank.id,))
        gradebook.record_manual("squares", "partial", "squares.ipynb", "ex2_tests", 2, "tess",
                                reason="sum_of_squares is right for n = 1, 2; the test's n = 1 "
                                       "check is too weak to fail it")
    return course


def test_failures_with_different_numbers_are_one_group() -> None:
    assert failure_key("AssertionError: got 14, want 30\n  more", "failed") == \
        failure_key("AssertionError: got 5, want 14", "failed") == "AssertionError: got #, want #"
    assert failure_key("", "failed") == "(failed, no message)"


def test_stats_json_gives_every_test_cell_its_pass_rate_mean_and_failure_groups(
        graded_course: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--course", str(graded_course), "stats", "squares", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    cells = {c["grade_id"]: c for c in report["cells"]}
    assert report["students"] == 5
    assert set(cells) == {"ex1_tests", "ex2_tests", "ex2_partial", "ex3_answer"}
    ex1 = cells["ex1_tests"]  # complete and partial pass; blank, no_check and crash fail
    assert (ex1["graded"], ex1["pass_rate"], ex1["mean_points"]) == (5, 2 / 5, 4 / 5)
    assert sum(g["count"] for g in ex1["failures"]) == 3
    grouped = {s: g["message"] for g in ex1["failures"] for s in g["students"]}
    assert set(grouped) == {"blank", "no_check", "crash"}
    assert "NotImplementedError" in grouped["blank"] and "ValueError" in grouped["no_check"]
    # graded by a person for one student, 0 for the untouched answer (as nbgrader scores it);
    # the other three wait for a person
    ex3 = cells["ex3_answer"]
    assert (ex3["graded"], ex3["pending"], ex3["pass_rate"]) == (2, 3, 0.5)
    assert cells["ex2_tests"]["distribution"]["2"] == 3  # complete, no_check, and partial by override
    assert main(["--course", str(graded_course), "stats", "squares"]) == 0
    table = capsys.readouterr().out
    assert "ex2_partial" in table and "pass rate" in table


def test_stats_of_an_unknown_assignment_is_one_line(graded_course: Path, capsys) -> None:
    assert main(["--course", str(graded_course), "stats", "nosuch"]) == 2
    assert "no grades of 'nosuch'" in capsys.readouterr().out


def test_export_carries_a_persons_points_and_lists_the_missing(graded_course: Path,
                                                               capsys) -> None:
    capsys.readouterr()
    assert main(["--course", str(graded_course), "export"]) == 0
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["complete"]["score"] == "8" and rows["complete"]["pending_manual"] == "False"
    assert rows["partial"]["score"] == "5"  # 2 (ex1) + 2 (override of ex2_tests) + 1 of 3
    assert (rows["eve"]["status"], rows["eve"]["score"], rows["eve"]["max_score"]) == \
        ("missing", "0", "8")
    assert main(["--course", str(graded_course), "export", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    complete = next(e for e in entries if e["student_id"] == "complete")
    ex3 = next(c for c in complete["cells"] if c["grade_id"] == "ex3_answer")
    assert (ex3["points"], ex3["graded_by"], ex3["source"]) == (1.0, "tess", "manual")
    assert ex3["comment"] == "Say why each step is O(1).\nClear."
    assert any(e["student_id"] == "eve" and e["status"] == "missing" for e in entries)
    out = graded_course / "gradescope"
    assert main(["--course", str(graded_course), "export", "--format", "gradescope",
                 "--output", str(out)]) == 0
    result = json.loads((out / "squares" / "complete" / "results.json").read_text())
    written = next(t for t in result["tests"] if t["name"].endswith("ex3_answer"))
    assert (result["score"], written["score"]) == (8, 1.0)
    assert written["output"] == "Say why each step is O(1).\nClear."


def test_the_stats_the_console_draws_agree_with_the_cli(graded_course: Path) -> None:
    with Gradebook(load_course(graded_course).db_url) as gradebook:
        found = {c.grade_id: c for c in cell_stats(current_grades(gradebook, "squares"))}
    assert found["ex2_partial"].points  # a distribution to draw
    assert found["ex1_tests"].pass_rate == 2 / 5


@pytest.mark.parametrize(("text", "why"), [
    (b"", "empty"),
    (b"id,name\nann,Ann\n", "lacks email"),
    (b"id,name,email\nann,Ann,ann@example.org\nann,Ann B,\n", "row 3: id ann is also on row 2"),
    (b"id,name,email\n../x,Ann,\n", "row 2: '../x' cannot be a student id"),
    (b"id,name,email\nann,Ann\n", "row 2: 2 fields"),
    (b"id,name,email\nann,Ann,not-an-address\n", "is not an email address"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_a_bad_roster_is_refused_whole_with_one_line(graded_course: Path, tmp_path: Path,
                                                     capsys, text: bytes, why: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(text)
    with Gradebook(load_course(graded_course).db_url) as gradebook:
        before = [(s.id, s.name) for s in gradebook.roster()]
    capsys.readouterr()
    assert main(["--course", str(graded_course), "roster", "import", str(path)]) == 2
    said = " ".join(capsys.readouterr().out.split())
    assert why in said and "nothing was imported" in said
    with Gradebook(load_course(graded_course).db_url) as gradebook:
        assert [(s.id, s.name) for s in gradebook.roster()] == before


def test_feedback_pages_are_written_again_with_what_a_person_decided(graded_course: Path,
                                                                     capsys) -> None:
    page = graded_course / "feedback" / "complete" / "squares" / "squares.html"
    assert "Clear." not in page.read_text()  # written by the autograder, before anyone graded
    assert main(["--course", str(graded_course), "feedback", "squares"]) == 0
    assert "wrote 5 feedback page(s)" in capsys.readouterr().out
    text = page.read_text()
    assert "Say why each step is O(1)." in text and "Clear." in text
    assert '<p class="total">8 <small>/ 8 points</small></p>' in text
    partial = (graded_course / "feedback" / "partial" / "squares" / "squares.html").read_text()
    assert "Changed from the autograder&#x27;s points: sum_of_squares is right" in partial
