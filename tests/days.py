"""The days of the curriculum as test data: their notebooks, mutants, and graded runs."""

from __future__ import annotations

import copy
import functools
import importlib.util
import shutil
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from grader import cells
from grader.course import load_course
from grader.execute import Limits
from grader.grade import grade_assignment
from grader.gradebook import Gradebook
from grader.release import answer_from_solution, release_notebook
from grader.warmup import start_parents

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "graphcompute"


def day_notebooks() -> list[Path]:
    return sorted(p / f"{p.name}.ipynb" for p in NOTEBOOKS.glob("day[0-9][0-9][0-9]-*") if p.is_dir())


def mutants(day: str) -> list[dict]:
    path = Path(__file__).parent / "mutants" / f"{day[:6]}.py"
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location(f"mutants_{day[:6]}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTANTS


def students_for(source: NotebookNode, day: str) -> dict[str, NotebookNode]:
    """The instructor's answers, the untouched release, and one student per mutant."""
    released = release_notebook(source)
    answers = {cells.grade_id(c): answer_from_solution(c.source) for c in source.cells
               if cells.is_solution(c)}

    def with_answers(overrides: dict[str, str]) -> NotebookNode:
        nb = copy.deepcopy(released)
        for cell in nb.cells:
            gid = cells.grade_id(cell)
            if gid in answers:
                cell.source = overrides.get(gid, answers[gid])
        return nb

    students = {"instructor": with_answers({}), "released": released}
    for number, mutant in enumerate(mutants(day)):
        students[f"mutant{number:02d}"] = with_answers({mutant["cell"]: mutant["source"]})
    return students


@functools.cache
def warm_parents() -> None:
    """Start the kernels' and the test runners' parents once, with every day's packages, so that
    no later day makes them start again with more."""
    sources = [nbformat.read(path, as_version=4) for path in day_notebooks()]
    for starting in start_parents(sources, threads=1):
        starting.join()


def grade_day(notebook: Path, workdir: Path, students: dict[str, NotebookNode],
              workers: int = 1) -> tuple[dict, Path]:
    """Grade `students` on one day with the real grader; return the latest records by student."""
    day = notebook.parent.name
    course_dir = workdir / "course"
    shutil.copytree(notebook.parent, course_dir / "source" / day,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for name, nb in students.items():
        folder = course_dir / "submitted" / name / day
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / notebook.name)
    course = load_course(course_dir)
    warm_parents()
    with Gradebook(course.db_url) as gradebook:
        grade_assignment(course, day, gradebook, workers=workers,
                         limits=Limits(cell_timeout=120, notebook_timeout=300),
                         kernel_threads=1)  # pytest-xdist already runs one day per core
        records = {r.student_id: r for r in gradebook.latest_records()}
    return records, course_dir
