"""Day 40's synthetic cohort names the course's real days and test cells, and is what
`gc100 export` writes: the same seed gives the same files, another seed another cohort."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import nbformat
from days import NOTEBOOKS, day_notebooks

from grader import cells
from grader.export import to_csv, to_json
from grader.gradebook import Gradebook, NotebookGrade
from grader.score import CellScore

FOLDER = next(NOTEBOOKS.glob("day040-*"))


def load_cohort():
    spec = importlib.util.spec_from_file_location("cohort", FOLDER / "cohort.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cohort_names_the_real_days_and_their_test_cells() -> None:
    real = {}
    for path in day_notebooks()[:30]:
        nb = nbformat.read(path, as_version=4)
        real[path.parent.name] = [(cells.grade_id(c), float(c.metadata.nbgrader["points"]))
                                  for c in nb.cells if cells.is_grade(c) and not cells.is_solution(c)]
    assert dict(load_cohort().DAYS) == real


def test_the_exports_have_the_graders_columns_and_depend_on_the_seed(tmp_path: Path) -> None:
    cohort = load_cohort()
    first, again, other = (cohort.generate(seed, n_learners=20) for seed in (1, 1, 2))
    assert first == again and first != other
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        gradebook.record(NotebookGrade("day001-x", "ann", "day001-x.ipynb", "h", "s", "graded", "",
                                       [], [CellScore("ex1_tests", 1.0, 1.0, "passed")]))
        header = to_csv(gradebook).splitlines()[0]
        real = json.loads(to_json(gradebook))[0]
    assert first["gradebook.csv"].splitlines()[0] == header
    record = json.loads(first["gradebook.json"])[0]
    assert set(record) == set(real)
    assert set(record["cells"][0]) == set(real["cells"][0])
    assert next(csv.DictReader(io.StringIO(first["hint_arms.csv"])))["hint"] in ("A", "B")
