"""Every day through the real grader: the instructor's answers earn 10 and label every axis they
draw, the release earns 0 without crashing, and every mutant loses the points of the tests it
names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from days import day_notebooks, grade_day, mutant_groups, mutants, with_answers
from figure_labels import problems_of, with_label_check

from grader import cells
from grader.release import release_notebook

pytestmark = pytest.mark.slow
DAYS = day_notebooks()


def errors_outside_exercises(nb: nbformat.NotebookNode) -> list[str]:
    """Errors in cells that are neither answers nor tests: a teaching cell failed."""
    bad = []
    for cell in nb.cells:
        if cell.cell_type != "code" or cells.is_solution(cell) or cells.is_grade(cell):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                bad.append(f"{cells.grade_id(cell)}: {out.get('ename')}: {out.get('evalue')}")
    return bad


def has_figure(nb: nbformat.NotebookNode) -> bool:
    return any("image/png" in out.get("data", {}) or "image/svg+xml" in out.get("data", {})
               for c in nb.cells if c.cell_type == "code" for out in c.get("outputs", []))


def _grade_one(notebook: Path, tmp_path: Path, student: str,
               make: Callable[[nbformat.NotebookNode], nbformat.NotebookNode]):
    """Grade `make(source)` as `student` with the real grader; its record and executed notebook."""
    day = notebook.parent.name
    source = nbformat.read(notebook, as_version=4)
    records, course = grade_day(notebook, tmp_path, {student: make(source)})
    executed = course / "autograded" / student / day / notebook.name
    return records[student], nbformat.read(executed, as_version=4) if executed.exists() else None


# one test per group of a day's mutants (days.mutant_groups), not one per day: the days' costs
# differ tenfold, and small tests keep both of CI's cores busy to the end
def _groups() -> list:
    params = []
    for notebook in DAYS:
        found = mutants(notebook.parent.name)
        source = nbformat.read(notebook, as_version=4)
        for group in mutant_groups(source, found):
            numbers = "+".join(f"{k:02d}" for k in group)
            params.append(pytest.param(notebook, group, id=f"{notebook.parent.name[:6]}-mutant{numbers}"))
    return params


@pytest.mark.parametrize("notebook", DAYS, ids=lambda p: p.parent.name)
def test_the_instructors_answers_earn_full_marks(notebook: Path, tmp_path: Path) -> None:
    """Graded with the figure check of tests/figure_labels.py around it (a cell before and one
    after, as a student may add), so one execution also checks every axis the day draws."""
    record, executed = _grade_one(notebook, tmp_path, "instructor",
                                  lambda s: with_label_check(with_answers(s, {})))
    by_hand = sum(c.max_points for c in record.cells if c.manual)  # a written answer waits
    assert (record.score, record.max_score) == (10 - by_hand, 10), [
        (c.grade_id, c.points, c.message) for c in record.cells]
    assert all(c.points is None for c in record.cells if c.manual)
    assert record.flag_list() == []
    assert errors_outside_exercises(executed) == []
    assert has_figure(executed), "every day has at least one figure"
    assert problems_of(executed) == [], "every axis with tick labels says what it shows"


@pytest.mark.parametrize("notebook", DAYS, ids=lambda p: p.parent.name)
def test_the_release_earns_nothing_and_runs_to_the_end(notebook: Path, tmp_path: Path) -> None:
    record, executed = _grade_one(notebook, tmp_path, "released", release_notebook)
    assert record.status == "graded" and record.score == 0
    assert not [f for f in record.flag_list() if "kernel" in f or "time" in f]
    assert errors_outside_exercises(executed) == []


def _kept_points(record, found: list[dict], numbers: list[int]) -> dict[int, list[str]]:
    earned = {c.grade_id: (c.points, c.max_points) for c in record.cells}
    return {k: kept for k in numbers
            if (kept := [gid for gid in found[k]["loses"] if earned[gid][0] >= earned[gid][1]])}


@pytest.mark.parametrize(("notebook", "group"), _groups())
def test_a_mutant_loses_the_points_it_names(notebook: Path, group: list[int], tmp_path: Path) -> None:
    """Graded together when they cannot influence each other; a group whose run was not clean (a
    timeout, a dead kernel) and any mutant that keeps points are graded again alone, and that
    grading decides."""
    day = notebook.parent.name
    source = nbformat.read(notebook, as_version=4)
    found = mutants(day)
    student = with_answers(source, {found[k]["cell"]: found[k]["source"] for k in group})
    records, _ = grade_day(notebook, tmp_path / "group", {"group": student})
    kept = _kept_points(records["group"], found, group)
    if len(group) > 1:  # the group's word is final only where a clean run caught the mutant
        again = group if records["group"].flag_list() else list(kept)
        kept = {}
        for k in again:
            name = f"mutant{k:02d}"
            alone, _ = grade_day(notebook, tmp_path / name,
                                 {name: with_answers(source, {found[k]["cell"]: found[k]["source"]})})
            kept |= _kept_points(alone[name], found, [k])
    assert not kept, "; ".join(f"mutant {k:02d} '{found[k]['name']}' keeps the points of {cells_}"
                               for k, cells_ in kept.items())
