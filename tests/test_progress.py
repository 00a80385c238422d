"""`gc100 progress`: a learner's days, their visible tests, a table, a figure and a cache.

The learner's folder is built from released notebooks only (day 1 of the course, and the small
`squares` assignment of course_factory as a second day), with answers typed in as a learner would,
next to days that are missing, corrupt or not notebooks at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from course_factory import GOOD, squares_source, with_answers

from grader import progress
from grader.check import CheckRow
from grader.progress import (
    CACHE_NAME,
    FAIL,
    NOT_STARTED,
    PASS,
    DayProgress,
    collect,
    exercises_from_rows,
    find_days,
)
from grader.release import release_notebook

ROOT = Path(__file__).resolve().parent.parent
DAY1 = "day001-learning-sandbox"
ARTIFACTS = ROOT / "test-artifacts" / "progress"


def _solution(source_nb, grade_id: str) -> str:
    cell = next(c for c in source_nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "\n".join(line for line in cell.source.split("\n")
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


def write_learner_folder(folder: Path) -> Path:
    """Day 1 with exercise 1 right, 2 wrong and 3 untouched; `squares` as day 2, answered so that
    its visible tests pass (its hidden tests would not: the learner's file has none); then a day
    with no notebook, a corrupt one, a picture named .ipynb, and a day that is a text file."""
    source = nbformat.read(ROOT / "notebooks" / DAY1 / f"{DAY1}.ipynb", as_version=4)
    day1 = with_answers(release_notebook(source), {
        "ex1_answer": _solution(source, "ex1_answer"),
        "ex2_answer": 'def first_graph() -> list:\n    return [("+", "x"), ("+", "y"), ("*", "+"), ("*", "z")]',
    })
    (folder / DAY1).mkdir(parents=True)
    nbformat.write(day1, folder / DAY1 / f"{DAY1}.ipynb")
    squares = with_answers(release_notebook(squares_source()), {
        **GOOD, "ex1_answer": "def squares(n):\n    return [i * i for i in range(1, n + 1)]"})
    (folder / "day002-squares").mkdir()
    nbformat.write(squares, folder / "day002-squares" / "day002-squares.ipynb")
    (folder / "day003-empty").mkdir()
    (folder / "day004-corrupt").mkdir()
    (folder / "day004-corrupt" / "day004-corrupt.ipynb").write_text('{"cells": [ this is not json')
    (folder / "day005-picture").mkdir()
    (folder / "day005-picture" / "day005-picture.ipynb").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff" * 8)
    (folder / "day006-notes.txt").write_text("my notes\n")
    (folder / "README.md").write_text("not a day\n")
    return folder


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DayProgress], float]:
    folder = write_learner_folder(tmp_path_factory.mktemp("learner") / "notebooks")
    started = time.monotonic()
    days = collect(folder, timeout=60, workers=2)
    return folder, days, time.monotonic() - started


def _copy(first_run, tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    shutil.copytree(first_run[0], folder)
    return folder


# -- what the table says ---------------------------------------------------------------------------
@pytest.mark.slow
def test_every_day_has_one_row_and_bad_days_do_not_stop_the_rest(first_run) -> None:
    _, days, _ = first_run
    by_day = {d.day: d for d in days}
    assert sorted(by_day) == [1, 2, 3, 4, 5, 6]
    day1 = by_day[1]
    assert day1.status == "ok" and day1.title == "Setting up the learning sandbox"
    assert [(e.name, e.state) for e in day1.exercises] == [
        ("ex1", PASS), ("ex2", FAIL), ("ex3", NOT_STARTED)]
    assert (day1.earned, day1.points, day1.passing) == (3, 10, 1)
    assert "('x', '+') is missing" in day1.exercises[1].problem
    # only the visible tests in the learner's own file: squares without its ValueError passes
    day2 = by_day[2]
    assert [(e.name, e.state) for e in day2.exercises] == [("ex1", PASS), ("ex2", PASS)]
    assert (day2.earned, day2.points) == (7, 7) and day2.title == "Squares"
    assert (by_day[3].status, by_day[3].message) == ("missing", "no notebook in this folder")
    assert by_day[4].status == "unreadable" and "not valid JSON" in by_day[4].message
    assert by_day[5].status == "unreadable" and "not UTF-8" in by_day[5].message
    assert by_day[6].status == "unreadable" and "not a notebook" in by_day[6].message


@pytest.mark.slow
def test_the_cache_holds_only_finished_days_keyed_by_content(first_run) -> None:
    folder, _, _ = first_run
    cache = json.loads((folder / CACHE_NAME).read_text())
    assert cache["format"] == progress.CACHE_FORMAT
    assert sorted(cache["days"]) == [DAY1, "day002-squares"]
    import hashlib

    data = (folder / DAY1 / f"{DAY1}.ipynb").read_bytes()
    assert cache["days"][DAY1]["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.slow
def test_a_second_run_over_unchanged_days_runs_nothing(first_run, tmp_path, monkeypatch) -> None:
    folder = _copy(first_run, tmp_path)

    def no_kernels(*args, **kwargs):
        raise AssertionError("an unchanged day was executed again")

    monkeypatch.setattr(progress, "run_day", no_kernels)
    started = time.monotonic()
    days = collect(folder)
    seconds = time.monotonic() - started
    assert [d.cached for d in days if d.status == "ok"] == [True, True]
    assert [(d.day, d.earned) for d in days] == [(d.day, d.earned) for d in first_run[1]]
    assert seconds < 5, f"a cached run took {seconds:.1f} s"


@pytest.mark.slow
def test_only_the_changed_day_runs_again(first_run, tmp_path, monkeypatch) -> None:
    folder = _copy(first_run, tmp_path)
    path = folder / "day002-squares" / "day002-squares.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.write(with_answers(nb, {"ex2_answer": "def sum_of_squares(n):\n    return 0"}), path)
    ran: list[str] = []
    real = progress.run_day

    def counting(entry, data, timeout):
        ran.append(entry.name)
        return real(entry, data, timeout)

    monkeypatch.setattr(progress, "run_day", counting)
    days = {d.day: d for d in collect(folder, timeout=60)}
    assert ran == ["day002-squares"]
    assert days[1].cached and not days[2].cached
    assert [(e.name, e.state) for e in days[2].exercises] == [("ex1", PASS), ("ex2", FAIL)]
    # and --force runs everything
    ran.clear()
    collect(folder, timeout=60, use_cache=False)
    assert sorted(ran) == [DAY1, "day002-squares"]


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "notebooks"
    (folder / "day001-a").mkdir(parents=True)
    (folder / "day001-a" / "day001-a.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    (folder / CACHE_NAME).write_text("{ broken")
    monkeypatch.setattr(progress, "run_day",
                        lambda entry, data, timeout: DayProgress(entry.name, entry.day, "A"))
    days = collect(folder)
    assert [d.name for d in days] == ["day001-a"]
    assert json.loads((folder / CACHE_NAME).read_text())["days"]["day001-a"]["result"]["title"] == "A"


# -- pieces --------------------------------------------------------------------------------------------
def test_exercises_group_test_cells_by_their_prefix() -> None:
    rows = [CheckRow("ex1_tests", 2, True, ""), CheckRow("ex1_tests_more", 1, True, ""),
            CheckRow("ex2_tests", 3, False, "NotImplementedError"),
            CheckRow("ex3_tests", 2, True, ""), CheckRow("ex3_tests_edge", 2, False,
                                                           "AssertionError: wrong at line 2"),
            CheckRow("bonus", 1, False, "CellTimeoutError: this cell ran longer than 60 s")]
    got = exercises_from_rows(rows)
    assert [(e.name, e.state, e.earned, e.points) for e in got] == [
        ("ex1", PASS, 3, 3), ("ex2", NOT_STARTED, 0, 3), ("ex3", FAIL, 2, 4), ("bonus", FAIL, 0, 1)]
    assert got[2].problem.startswith("AssertionError")
    day = DayProgress("day009-x", 9, exercises=got)
    assert progress.is_transient(day)  # a timeout is not the learner's answer: never cached
    # an answer that defines a value fails its tests with a NameError while it is still the stub
    rows = [CheckRow("ex1_tests", 2, False, "NameError: name 'G' is not defined")]
    assert exercises_from_rows(rows)[0].state == FAIL
    assert exercises_from_rows(rows, {"ex1"})[0].state == NOT_STARTED


def test_stubbed_exercises_are_the_answers_still_raising() -> None:
    released = release_notebook(squares_source())
    assert progress.stubbed_exercises(released) == {"ex1", "ex2"}
    assert progress.stubbed_exercises(with_answers(released, GOOD)) == set()


def test_find_days_takes_folders_and_notebook_files_in_day_order(tmp_path) -> None:
    (tmp_path / "day010-later").mkdir()
    (tmp_path / "day002-b").mkdir()
    (tmp_path / "day002-b" / "other.ipynb").write_text("{}")
    (tmp_path / "day003-flat.ipynb").write_text("{}")
    (tmp_path / "notes").mkdir()
    (tmp_path / "dayfoo").mkdir()
    days = find_days(tmp_path)
    assert [(d.name, d.day) for d in days] == [("day002-b", 2), ("day003-flat.ipynb", 3),
                                                ("day010-later", 10)]
    assert days[0].notebook.name == "other.ipynb" and days[2].notebook is None


# -- the command ---------------------------------------------------------------------------------------
def _gc100(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    gc100 = Path(sys.executable).with_name("gc100")
    env = {**os.environ, "COLUMNS": "220", "TERM": "dumb"}
    return subprocess.run([str(gc100), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False,
                          timeout=300)


@pytest.mark.slow
def test_the_command_prints_the_table_and_saves_the_figure(first_run, tmp_path, capsys,
                                                          monkeypatch) -> None:
    from grader.cli import main

    folder = _copy(first_run, tmp_path)  # cached: the command itself runs no kernel
    figure = tmp_path / "figures" / "mine.png"
    done = _gc100("progress", str(folder), "--figure", str(figure), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "Setting up the learning sandbox" in out and "Squares" in out
    assert "1/3" in out and "3 / 10" in out and "7 / 7" in out
    for word in ("missing", "unreadable", "not valid JSON", "not a notebook"):
        assert word in out, word
    assert "10 of 17 points pass their visible tests" in out
    assert "2 unchanged" in out
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    height, width = matplotlib.image.imread(figure).shape[:2]
    assert width > 300 and height > 200
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(figure, ARTIFACTS / "progress-test-folder.png")

    # by default the figure goes beside the notebooks; drawn again only when what it shows changes
    # (in this process from here on: the command's start-up was proven above)
    def again() -> str:
        assert main(["progress", str(folder)]) == 0
        return capsys.readouterr().out

    monkeypatch.setattr(progress.console, "width", 220)
    capsys.readouterr()
    assert "figure saved to" in again() and (folder / "progress.png").is_file()
    assert "figure unchanged" in again()
    (folder / "day003-empty" / "day003-empty.ipynb").write_text("{}")  # missing -> unreadable
    out = again()
    assert "figure saved to" in out and "is JSON but not a Jupyter notebook" in out


def test_a_folder_without_days_says_so(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("nothing here\n")
    done = _gc100("progress", "empty", cwd=tmp_path)
    assert done.returncode == 1
    assert "no days in empty" in done.stdout
    done = _gc100("progress", "nowhere", cwd=tmp_path)
    assert done.returncode == 2 and "nowhere is not a folder" in done.stdout
    # without DIR: the course's notebooks/ folder
    done = _gc100("--course", str(tmp_path), "progress", cwd=tmp_path)
    assert done.returncode == 2 and "notebooks is not a folder" in done.stdout
