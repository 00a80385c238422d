"""`make demo`'s job: the example course grades complete, partial and blank as such."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.cli import main
from grader.course import load_course
from grader.gradebook import Gradebook

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def test_examples_grade_complete_partial_blank(tmp_path: Path) -> None:
    course = tmp_path / "examples"
    shutil.copytree(ROOT / "examples" / "submitted", course / "submitted")
    (course / "gc100.toml").write_text(f'source = "{ROOT / "notebooks"}"\n')
    assert main(["--course", str(course), "grade", "--workers", "2"]) == 0
    with Gradebook(load_course(course).db_url) as gb:
        records = gb.latest_records()
        scores = {r.student_id: (r.score, r.max_score) for r in records}
    # the examples are day 1's current release: a stale copy would put "was edited" notes on all
    assert [(r.student_id, r.flags) for r in records if r.flags != "[]"] == []
    assert scores["ada"] == (10, 10)
    assert 0 < scores["ben"][0] < 10
    assert scores["cleo"] == (0, 10)
    assert len(scores) >= 3
