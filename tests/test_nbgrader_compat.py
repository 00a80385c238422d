"""Assignments written for nbgrader grade under gc100 as `nbgrader autograde` grades them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from course_factory import with_answers, write_course
from nbformat.v4 import new_code_cell
from nbgrader_reference import generate_release, nbgrader_scores

from grader import cells
from grader.cli import main
from grader.course import load_course
from grader.gradebook import Gradebook
from grader.release import answer_from_solution

pytestmark = pytest.mark.slow


def quickstart(folder: Path) -> Path:
    """nbgrader's own quickstart course, as `nbgrader quickstart` writes it."""
    nbgrader = Path(sys.executable).with_name("nbgrader")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    folder.mkdir(parents=True)
    subprocess.run([str(nbgrader), "quickstart", "course101"], cwd=folder, env=env, check=True,
                   capture_output=True, timeout=300)
    return folder / "course101"


def test_ps1_with_a_cell_added_the_ordinary_way_grades_as_nbgrader_grades_it(tmp_path: Path) -> None:
    """ps1's problem1 is nbformat 4.0; a cell added with nbformat's own new_code_cell carries an
    id, which 4.0 does not allow. nbformat reads such a notebook (upgrading it), nbgrader grades
    it, and so must gc100: every cell's score the same, no notebook rejected."""
    source_dir = quickstart(tmp_path / "quickstart") / "source" / "ps1"
    problem1 = source_dir / "problem1.ipynb"
    nb = nbformat.read(problem1, as_version=4)
    nb.cells.insert(1, new_code_cell("import math"))
    nbformat.write(nb, problem1)
    raw = json.loads(problem1.read_text())
    assert (raw["nbformat"], raw["nbformat_minor"]) == (4, 0)
    assert sum("id" in cell for cell in raw["cells"]) == 1

    released = nbformat.read(generate_release(problem1, tmp_path / "release"), as_version=4)
    solutions = {cells.grade_id(c): answer_from_solution(c.source)
                 for c in nb.cells if cells.is_solution(c)}
    students = {"instructor": with_answers(released, solutions),
                "blank": released,
                "partial": with_answers(released, {"squares": solutions["squares"]})}
    course = write_course(tmp_path / "gc100", students, nb, assignment="ps1")
    shutil.copy(source_dir / "jupyter.png", course / "source" / "ps1")
    assert main(["--course", str(course), "grade", "ps1", "--workers", "2"]) == 0

    with Gradebook(load_course(course).db_url) as gradebook:
        records = {r.student_id: r for r in gradebook.latest_records()}
    assert {s: r.status for s, r in records.items()} == dict.fromkeys(students, "graded")
    ours = {s: {c.grade_id: c.points for c in r.cells if not c.manual} for s, r in records.items()}
    theirs = nbgrader_scores(problem1, students, tmp_path / "nbgrader")
    autograded = {gid for gid in ours["instructor"]}
    theirs = {s: {gid: score or 0.0 for gid, score in scores.items() if gid in autograded}
              for s, scores in theirs.items()}
    assert ours == theirs
    assert sum(ours["instructor"].values()) == 3 and sum(ours["blank"].values()) == 0
    assert sum(ours["partial"].values()) == 2



# Assignments written for nbgrader by other people, each folder as its authors publish it
# (tests/data/nbgrader_compat/README.md says where each comes from, at which commit, under which
# license): one test per source, each assignment of it released by nbgrader and graded by both.
COMPAT = Path(__file__).parent / "data" / "nbgrader_compat"
SOURCES = sorted(p for p in COMPAT.iterdir() if p.is_dir())


def assignments_of(source: Path) -> list[Path]:
    return sorted(p for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def students_of(source: dict[str, nbformat.NotebookNode], released: dict[str, nbformat.NotebookNode],
                ) -> dict[str, dict[str, nbformat.NotebookNode]]:
    """The instructor's answers, a blank release, and the first half of the answers, each in
    nbgrader's own release of every notebook."""
    out: dict[str, dict[str, nbformat.NotebookNode]] = {"instructor": {}, "blank": {}, "partial": {}}
    for name, nb in source.items():
        answers = {cells.grade_id(c): answer_from_solution(c.source)
                   for c in nb.cells if cells.is_solution(c) and cells.grade_id(c)}
        half = dict(list(answers.items())[:len(answers) // 2])
        out["instructor"][name] = with_answers(released[name], answers)
        out["blank"][name] = released[name]
        out["partial"][name] = with_answers(released[name], half)
    return out


def test_the_compatibility_suite_holds_enough_of_other_peoples_work() -> None:
    notebooks = [nb for source in SOURCES for a in assignments_of(source) for nb in a.glob("*.ipynb")]
    assert len(SOURCES) >= 3 and len(notebooks) >= 15, (len(SOURCES), len(notebooks))
    for source in SOURCES:
        assert (source / "LICENSE").is_file(), source
        assert f"`{source.name}`" in (COMPAT / "README.md").read_text(), source


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_other_peoples_nbgrader_assignments_grade_as_nbgrader_grades_them(source: Path, tmp_path: Path,
                                                                         capsys) -> None:
    """Every assignment of one source: released by nbgrader, submitted by three students,
    graded by `nbgrader autograde` and by `gc100 grade`; every graded cell's score compared."""
    from nbgrader_reference import autograde_folder, release_folder

    theirs, students, course = {}, {}, tmp_path / "gc100"
    for folder in assignments_of(source):
        workdir = tmp_path / "nbgrader" / folder.name
        released = release_folder(folder, workdir)
        updated = workdir / "source" / folder.name  # the instructor's source, as nbgrader updated it
        own = {p.name: nbformat.read(p, as_version=4) for p in sorted(updated.glob("*.ipynb"))}
        students[folder.name] = students_of(own, released)
        theirs[folder.name] = autograde_folder(workdir, folder.name, students[folder.name])
        shutil.copytree(updated, course / "source" / folder.name)
        for student, notebooks in students[folder.name].items():
            target = course / "submitted" / student / folder.name
            shutil.copytree(workdir / "release" / folder.name, target,
                            ignore=shutil.ignore_patterns("*.ipynb"))
            for name, nb in notebooks.items():
                nbformat.write(nb, target / name)
    assert main(["--course", str(course), "grade", *theirs, "--workers", "2"]) == 0
    capsys.readouterr()
    with Gradebook(load_course(course).db_url) as gradebook:
        records = gradebook.latest_records()
    assert not [(r.student_id, r.notebook, r.reason) for r in records if r.status != "graded"]
    ours = {(r.assignment, r.student_id, r.notebook): {c.grade_id: c.points for c in r.cells}
            for r in records}
    compared, differ = 0, []
    for assignment, by_student in theirs.items():
        for student, notebooks in by_student.items():
            for name, scores in notebooks.items():
                mine = ours[(assignment, student, name)]
                assert set(mine) == set(scores), (assignment, student, name)
                compared += len(scores)
                differ += [(assignment, student, name, gid, mine[gid], points)
                           for gid, points in scores.items() if mine[gid] != points]
    assert not differ, differ
    with capsys.disabled():
        print(f"\n{source.name}: {len(theirs)} assignments, "
              f"{sum(len(n) for b in students.values() for n in b.values()) // 3} notebooks, "
              f"{compared} cells compared, 0 differ")
