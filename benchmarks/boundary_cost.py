"""The cost of running tests outside the student's kernel: per notebook, per test cell, per call.

Grades the same synthetic submissions twice with `gc100 grade`: with test cells in the trusted
runner (the default) and with `--tests-in-kernel` (nbgrader's way), and prints the difference:
- per notebook: one test cell that calls the student's function once;
- per test cell: twenty such cells, less the one above;
- per call: one test cell that calls the student's function 2000 times, less one call.

    .venv/bin/python benchmarks/boundary_cost.py [--students 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

import nbformat
from common import BIN, assignment, solved, timed

ANSWER = "def f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION"
CALLS = 2000
CELLS = 20
VARIANTS = {
    "one": ["assert f(1) == 2"],
    "cells": [f"assert f({i}) == {i + 1}" for i in range(CELLS)],
    "calls": [f"for i in range({CALLS}):\n    assert f(i) == i + 1"],
}


def grade_seconds(root: Path, name: str, workers: int, inside: bool) -> float:
    course = root / ("inside" if inside else "outside")
    shutil.rmtree(course, ignore_errors=True)
    shutil.copytree(root / "course", course)
    return timed([str(BIN / "gc100"), "--course", str(course), "grade", name, "--workers",
                  str(workers), *(["--tests-in-kernel"] if inside else [])], root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gc100-boundary-"))
    try:
        for name, tests in VARIANTS.items():
            nb = assignment(ANSWER, tests)
            (root / "course" / "source" / name).mkdir(parents=True)
            nbformat.write(nb, root / "course" / "source" / name / f"{name}.ipynb")
            answers = solved(nb)
            for i in range(args.students):
                folder = root / "course" / "submitted" / f"s{i:03d}" / name
                folder.mkdir(parents=True)
                nbformat.write(answers, folder / f"{name}.ipynb")
        n = args.students
        print(f"{n} students, {args.workers} workers, {os.cpu_count()} cores; seconds of wall time")
        delta = {}
        for name in VARIANTS:
            inside = grade_seconds(root, name, args.workers, inside=True)
            outside = grade_seconds(root, name, args.workers, inside=False)
            delta[name] = (outside - inside) * args.workers / n  # per notebook, per worker
            print(f"{name:<6} in the kernel {inside:7.2f}  outside {outside:7.2f}  "
                  f"boundary per notebook {delta[name]:+.3f}")
        print(f"boundary cost: per notebook {delta['one']:+.3f} s, "
              f"per test cell {(delta['cells'] - delta['one']) / (CELLS - 1) * 1000:+.1f} ms, "
              f"per call {(delta['calls'] - delta['one']) / (CALLS - 1) * 1000:+.3f} ms")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
