"""Late work: due dates and the late policy read strictly from the course config, nbgrader's
timestamp.txt read as an untrusted file, and penalties applied where grades leave the gradebook,
never written into it."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from course_factory import GOOD, squares_source, with_answers, write_course

from grader.cli import main
from grader.course import CourseError, load_course
from grader.gradebook import Gradebook
from grader.late import LatePolicy, lateness, parse_timestamp
from grader.release import release_notebook

DUE = datetime(2026, 9, 7, 21, 59, tzinfo=UTC)


@pytest.mark.parametrize(("text", "want"), [
    ("2026-09-07 21:59:00.000000 UTC", DUE),  # nbgrader's Exchange.timestamp_format
    ("2026-09-07 21:59:00.5 UTC\n", DUE + timedelta(milliseconds=500)),
    ("2026-09-07 21:59:00", DUE),  # no zone: UTC, as nbgrader's parse_utc reads it
    ("2026-09-07T23:59:00+02:00", DUE),
    ("2026-09-07 23:59:00 +0200", DUE),
    ("yesterday", None), ("2026-13-07 21:59:00 UTC", None), ("2026-09-07 21:59:00 PST", None),
    ("2026-09-07 21:59:00 +2500", None), ("", None),
])
def test_timestamps_are_read_as_nbgrader_writes_them(text: str, want: datetime | None) -> None:
    assert parse_timestamp(text) == want


@pytest.mark.parametrize(("hours", "policy", "score", "want"), [
    (-1, LatePolicy("per_hour", 1.0), 8, (0, 0.0)),
    (0, LatePolicy("per_hour", 1.0), 8, (0, 0.0)),  # at the due time exactly: on time
    (0.01, LatePolicy("per_hour", 1.0), 8, (1, 1.0)),  # a started hour counts
    (2.5, LatePolicy("per_hour", 1.0), 8, (3, 3.0)),
    (30, LatePolicy("per_hour", 1.0, floor=2), 8, (30, 6.0)),  # never below the floor
    (30, LatePolicy("per_hour", 1.0, floor=2), 1, (30, 0.0)),  # a floor raises nobody
    (5, LatePolicy("zero"), 8, (5, 8.0)),
    (5, LatePolicy("none"), 8, (5, 0.0)),
])
def test_the_penalty_follows_the_policy(hours: float, policy: LatePolicy, score: float,
                                        want: tuple[int, float]) -> None:
    late = lateness(DUE + timedelta(hours=hours), DUE, score, policy)
    assert (late.hours_late, late.penalty) == want


@pytest.mark.parametrize(("config", "why"), [
    ("[due]\nsquares = 2026-09-07T23:59:00\n", "needs a UTC offset"),
    ("[due]\nsquares = \"tomorrow\"\n", "must be a TOML datetime"),
    ("[late]\npolicy = \"half\"\n", "late.policy must be one of"),
    ("[late]\npolicy = \"per_hour\"\n", "needs late.points_per_hour"),
    ("[late]\npolicy = \"per_hour\"\npoints_per_hour = -1\n", "zero or more"),
    ("[late]\npolicy = \"zero\"\ngrace = 5\n", "unknown keys: grace"),
])
def test_a_bad_late_config_is_one_clear_error(tmp_path: Path, config: str, why: str) -> None:
    (tmp_path / "gc100.toml").write_text(config)
    with pytest.raises(CourseError, match=why):
        load_course(tmp_path)


def _course(tmp_path: Path) -> Path:
    source = squares_source()
    released = release_notebook(source)
    course = write_course(tmp_path / "course", {"ann": with_answers(released, GOOD),
                                                "bob": with_answers(released, GOOD),
                                                "cat": with_answers(released, GOOD),
                                                "dan": copy.deepcopy(released)}, source)
    (course / "gc100.toml").write_text(
        '[due]\nsquares = 2026-09-07T23:59:00+02:00\n\n'
        '[late]\npolicy = "per_hour"\npoints_per_hour = 0.5\nfloor = 2\n')
    submitted = course / "submitted"
    (submitted / "ann" / "squares" / "timestamp.txt").write_text("2026-09-07 21:00:00.000000 UTC")
    (submitted / "bob" / "squares" / "timestamp.txt").write_text("2026-09-08 00:30:00.000000 UTC")
    (submitted / "cat" / "squares" / "timestamp.txt").write_text("late, sorry")
    on_time = (DUE - timedelta(days=1)).timestamp()
    os.utime(submitted / "cat" / "squares" / "squares.ipynb", (on_time, on_time))
    os.symlink("/etc/hostname", submitted / "dan" / "squares" / "timestamp.txt")
    return course


@pytest.mark.slow
def test_late_work_loses_points_at_export_and_the_gradebook_keeps_the_raw_score(
        tmp_path: Path, capsys) -> None:
    """ann hands in on time, bob 2 h 31 min late (3 started hours: 1.5 points off), cat's
    timestamp.txt is not nbgrader's (her file's time is used, and the instructor is told), dan's
    is a link (not followed). The gradebook records when, and the raw score; export applies the
    policy."""
    course = _course(tmp_path)
    assert main(["--course", str(course), "grade"]) == 0
    with Gradebook(load_course(course).db_url) as gradebook:
        records = {r.student_id: r for r in gradebook.latest_records()}
    assert records["bob"].score == 7  # the gradebook holds the raw score
    assert records["bob"].submitted_at.replace(tzinfo=UTC) == datetime(2026, 9, 8, 0, 30, tzinfo=UTC)
    assert records["cat"].submitted_at.replace(tzinfo=UTC) == DUE - timedelta(days=1)
    assert any("not in nbgrader's format" in f for f in records["cat"].flag_list())
    assert any("was not read" in f and "link" in f for f in records["dan"].flag_list())
    feedback = (course / "feedback" / "bob" / "squares" / "squares.html").read_text()
    assert "handed in 3 hour(s) late (due 2026-09-07 21:59 UTC)" in feedback
    assert "so 1.5 points off" in feedback
    assert "hour(s) late" not in (course / "feedback" / "ann" / "squares" / "squares.html").read_text()
    capsys.readouterr()
    assert main(["--course", str(course), "export"]) == 0
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert (rows["ann"]["score"], rows["ann"]["hours_late"]) == ("7", "0")
    assert (rows["bob"]["raw_score"], rows["bob"]["hours_late"], rows["bob"]["late_penalty"],
            rows["bob"]["score"]) == ("7", "3", "1.5", "5.5")
    assert rows["cat"]["score"] == "7"
    assert main(["--course", str(course), "export", "--format", "gradescope",
                 "--output", str(tmp_path / "gs")]) == 0
    bob = json.loads((tmp_path / "gs" / "squares" / "bob" / "results.json").read_text())
    assert bob["score"] == 5.5 and "3 hour(s) late" in bob["output"]
