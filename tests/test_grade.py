"""`gc100 grade` end to end on the small course: nbgrader's scores, bad input, resume, history."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import nbformat
import pytest
from course_factory import GOOD, squares_source, squares_students, with_answers, write_course

from grader import cells
from grader.cli import main
from grader.course import load_course
from grader.execute import Limits
from grader.grade import grade_assignment
from grader.gradebook import Gradebook
from grader.release import release_notebook

pytestmark = pytest.mark.slow


def cell_scores(course: Path) -> dict[str, dict[str, float]]:
    with Gradebook(load_course(course).db_url) as gb:
        return {r.student_id: {c.grade_id: (c.points or 0.0) for c in r.cells}
                for r in gb.latest_records()}


def records(course: Path) -> dict:
    with Gradebook(load_course(course).db_url) as gb:
        return {r.student_id: r for r in gb.latest_records()}


def test_scores_match_nbgrader_autograde_cell_by_cell(tmp_path: Path) -> None:
    from nbgrader_reference import nbgrader_scores

    source = squares_source()
    students = squares_students(release_notebook(source))
    course = write_course(tmp_path / "course", students, source)
    assert main(["--course", str(course), "grade", "--workers", "2"]) == 0
    ours = cell_scores(course)
    theirs = nbgrader_scores(course / "source" / "squares" / "squares.ipynb", students,
                             tmp_path / "nbgrader")
    theirs = {s: {k: v or 0.0 for k, v in cells_.items()} for s, cells_ in theirs.items()}
    assert ours == theirs
    assert sum(ours["complete"].values()) == 7 and sum(ours["partial"].values()) == 3


def bad_students(released: nbformat.NotebookNode) -> dict[str, object]:
    good = with_answers(released, GOOD)
    deleted = copy.deepcopy(good)
    deleted.cells = [c for c in deleted.cells if cells.grade_id(c) != "ex1_tests"]
    duplicated = copy.deepcopy(good)
    duplicated.cells.insert(5, copy.deepcopy(duplicated.cells[4]))
    edited = with_answers(good, {"ex1_tests": "assert True"})
    foreign = copy.deepcopy(good)
    for c in foreign.cells:
        if "nbgrader" in c.metadata:
            c.metadata["nbgrader"]["grade_id"] += "_x"
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}
    return {
        "good": good,
        "invalid_json": b"{\"cells\": [",
        "nbformat3": json.dumps(v3).encode(),
        "empty": b"",
        "not_utf8": b"\x89PNG\r\n\x1a\n\x00\x00",
        "missing": None,
        "deleted": deleted,
        "duplicated": duplicated,
        "edited": edited,
        "foreign": foreign,
        "endless": with_answers(good, {"ex1_answer": GOOD["ex1_answer"].replace(
            "    if n < 1", "    while n == 10:\n        pass\n    if n < 1")}),
        "dies": with_answers(good, {"ex2_answer": "import os\nos._exit(1)"}),
        "floods": with_answers(good, {"ex1_answer": GOOD["ex1_answer"] + "\nfor _ in range(3000):\n    print('y' * 10_000)"}),
    }


def write_raw(course: Path, student: str, content: object) -> None:
    folder = course / "submitted" / student / "squares"
    folder.mkdir(parents=True, exist_ok=True)
    if content is None:
        return
    path = folder / "squares.ipynb"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        nbformat.write(content, path)


def test_every_bad_input_gets_a_reason_and_the_batch_goes_on(tmp_path: Path) -> None:
    source = squares_source()
    course = write_course(tmp_path / "course", {}, source)
    for student, content in bad_students(release_notebook(source)).items():
        write_raw(course, student, content)
    code = main(["--course", str(course), "grade", "--workers", "2", "--timeout", "4"])
    assert code == 0
    got = records(course)
    assert set(got) == set(bad_students(release_notebook(source)))

    def note(student: str) -> str:
        r = got[student]
        return " | ".join([r.reason] + r.flag_list())

    assert got["good"].score == 7
    for student, words in [("invalid_json", "not valid JSON"), ("nbformat3", "format 3"),
                           ("empty", "empty"), ("not_utf8", "not UTF-8"), ("missing", "missing"),
                           ("foreign", "another assignment")]:
        assert got[student].status == "rejected" and words in note(student), student
        assert got[student].score == 0 and got[student].max_score == 8
    assert "was deleted" in note("deleted") and got["deleted"].score == 7
    assert "more than once" in note("duplicated") and got["duplicated"].score == 7
    assert "was edited" in note("edited") and got["edited"].score == 7
    endless = {c.grade_id: c for c in got["endless"].cells}
    assert "timed out" in note("endless") and endless["ex1_tests"].points == 0
    assert endless["ex2_partial"].points == 3  # the rest is graded
    dies = {c.grade_id: c for c in got["dies"].cells}
    assert "kernel died" in note("dies") and dies["ex1_tests"].points == 2
    assert got["floods"].score == 7
    # feedback pages exist for everyone, rejected ones included, with the reason on them
    for student in got:
        page = (course / "feedback" / student / "squares" / "squares.html").read_text()
        assert student in page
    assert "not valid JSON" in (course / "feedback" / "invalid_json" / "squares" / "squares.html").read_text()


def test_regrading_skips_unchanged_work_and_keeps_history(tmp_path: Path) -> None:
    source = squares_source()
    released = release_notebook(source)
    course = write_course(tmp_path / "course", {"ann": with_answers(released, GOOD),
                                                "bob": copy.deepcopy(released)}, source)
    c = load_course(course)
    with Gradebook(c.db_url) as gb:
        first = grade_assignment(c, "squares", gb, workers=2)
        assert len(first.graded) == 2
        again = grade_assignment(c, "squares", gb, workers=2)
        assert again.graded == [] and len(again.skipped) == 2
        # bob hands in new work: only bob is graded again, and his old grade stays in the history
        write_raw(course, "bob", with_answers(released, GOOD))
        third = grade_assignment(c, "squares", gb, workers=2)
        assert [g.student_id for g in third.graded] == ["bob"]
        history = gb.history("squares", "bob")
        assert [h.score for h in history] == [0, 7]
        assert history[0].submission_hash != history[1].submission_hash
        forced = grade_assignment(c, "squares", gb, workers=2, force=True)
        assert len(forced.graded) == 2
        assert len(gb.history("squares", "ann")) == 2


def test_a_kernel_that_will_not_start_is_not_a_zero(tmp_path: Path) -> None:
    """When no kernel starts (here: too little memory for Python itself), nothing the student
    wrote ran: the record says the grader failed, and the next run grades the work."""
    from grader.sandbox import SandboxPolicy

    source = squares_source()
    released = release_notebook(source)
    course = write_course(tmp_path / "course", {"ann": with_answers(released, GOOD)}, source)
    c = load_course(course)
    with Gradebook(c.db_url) as gb:
        starved = grade_assignment(c, "squares", gb, workers=1, warm=False,
                                   policy=SandboxPolicy(memory_bytes=8 * 2**20))
        [failed] = starved.graded
        assert failed.status == "rejected" and failed.reason.startswith("internal error"), failed.reason
        assert "could not start" in failed.reason
        [graded] = grade_assignment(c, "squares", gb, workers=1).graded
        assert graded.status == "graded" and graded.score == 7


def test_a_crash_mid_batch_keeps_earlier_grades_and_resumes(tmp_path: Path) -> None:
    source = squares_source()
    released = release_notebook(source)
    course = write_course(tmp_path / "course", {s: with_answers(released, GOOD)
                                                for s in ("a1", "a2", "a3")}, source)
    c = load_course(course)

    class Crash(Exception):
        pass

    def crash_after_first(grade) -> None:
        raise Crash()

    with Gradebook(c.db_url) as gb:
        with pytest.raises(Crash):
            grade_assignment(c, "squares", gb, workers=1, on_done=crash_after_first)
        kept = gb.latest_records()
        assert len(kept) == 1 and kept[0].score == 7
        resumed = grade_assignment(c, "squares", gb, workers=1)
        assert sorted(g.student_id for g in resumed.graded) == sorted(
            {"a1", "a2", "a3"} - {kept[0].student_id})
        assert all(len(gb.history("squares", s)) == 1 for s in ("a1", "a2", "a3"))


def test_feedback_hides_hidden_tests_unless_asked(tmp_path: Path) -> None:
    source = squares_source()
    released = release_notebook(source)
    wrong = with_answers(released, {**GOOD, "ex1_answer": "def squares(n):\n    return [i * i for i in range(1, n + 1)]"})
    course = write_course(tmp_path / "course", {"ann": wrong}, source)
    main(["--course", str(course), "grade"])
    page = (course / "feedback" / "ann" / "squares" / "squares.html").read_text()
    assert "squares(10) ==" not in page and "(hidden tests)" in page
    assert "AssertionError" in page and "squares(0) should raise ValueError" in page
    main(["--course", str(course), "grade", "--force", "--show-hidden"])
    page = (course / "feedback" / "ann" / "squares" / "squares.html").read_text()
    assert "squares(10) ==" in page


def test_exports(tmp_path: Path) -> None:
    source = squares_source()
    released = release_notebook(source)
    course = write_course(tmp_path / "course", {"ann": with_answers(released, GOOD),
                                                "bob": copy.deepcopy(released)}, source)
    main(["--course", str(course), "grade"])
    main(["--course", str(course), "export", "--output", str(tmp_path / "g.csv")])
    lines = (tmp_path / "g.csv").read_text().splitlines()
    assert lines[0].startswith("assignment,student_id,score,max_score")
    assert "squares,ann,7,8" in lines[1] and "squares,bob,0,8" in lines[2]
    main(["--course", str(course), "export", "--format", "json", "--output", str(tmp_path / "g.json")])
    data = json.loads((tmp_path / "g.json").read_text())
    assert {d["student_id"]: d["score"] for d in data} == {"ann": 7, "bob": 0}
    main(["--course", str(course), "export", "--format", "gradescope", "--output", str(tmp_path / "gs")])
    result = json.loads((tmp_path / "gs" / "squares" / "ann" / "results.json").read_text())
    assert result["score"] == 7
    assert {t["name"].split(": ")[1] for t in result["tests"]} == {"ex1_tests", "ex2_tests",
                                                                  "ex2_partial", "ex3_answer"}
    assert all({"score", "max_score", "output", "visibility"} <= set(t) for t in result["tests"])


def test_grading_never_touches_the_submission(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    before = {p: p.read_bytes() for p in (course / "submitted").rglob("*") if p.is_file()}
    main(["--course", str(course), "grade"])
    after = {p: p.read_bytes() for p in (course / "submitted").rglob("*") if p.is_file()}
    assert before == after
    assert os.listdir(course / "autograded") and os.listdir(course / "feedback")


def test_a_batch_keeps_no_executed_notebook_once_it_is_written(tmp_path: Path, monkeypatch) -> None:
    """A course of hundreds of students: each executed notebook (outputs, pictures) is freed once
    written, not held until the whole batch ends."""
    import gc
    import weakref

    from grader import grade

    source = squares_source()
    released = release_notebook(source)
    students = {f"s{i}": with_answers(released, GOOD) for i in range(6)}
    course = load_course(write_course(tmp_path / "course", students, source))
    written: list[weakref.ref] = []
    alive: list[int] = []
    original = grade.write_outputs

    def write_outputs(course, grade_, executed, show_hidden=False):
        written.append(weakref.ref(executed))
        original(course, grade_, executed, show_hidden)

    def count_alive(_grade) -> None:
        gc.collect()
        alive.append(sum(ref() is not None for ref in written))

    monkeypatch.setattr(grade, "write_outputs", write_outputs)
    with Gradebook(course.db_url) as gradebook:
        grade_assignment(course, "squares", gradebook, workers=2, on_done=count_alive)
    assert len(written) == 6
    assert max(alive) <= 2, f"executed notebooks still held after each grade: {alive}"
