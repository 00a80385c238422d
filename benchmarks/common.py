"""What the benchmarks share: nbgrader-format notebooks, solved copies, and timing a command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from grader.release import answer_from_solution

BIN = Path(sys.executable).parent


def meta(gid: str, **kw) -> dict:
    return {"nbgrader": {"schema_version": 3, "grade_id": gid, "grade": False, "solution": False,
                         "locked": False, **kw}}


def assignment(answer: str, tests: list[str]) -> nbformat.NotebookNode:
    """One answer cell, then one test cell of one point per test."""
    nb = new_notebook(metadata={"kernelspec": {"name": "graphcompute", "language": "python",
                                               "display_name": "Graph Compute 100 (Python 3)"}})
    nb.cells = [new_code_cell(answer, metadata=meta("answer", solution=True))]
    nb.cells += [new_code_cell(t, metadata=meta(f"t{i}", grade=True, locked=True, points=1))
                 for i, t in enumerate(tests)]
    return nb


def solved(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The instructor's answers, as a student who got everything right would submit them."""
    out = nbformat.from_dict(nbformat.from_dict(dict(nb)))
    for cell in out.cells:
        cell.source = answer_from_solution(cell.source)
    return out


def timed(command: list[str], cwd: Path) -> float:
    """Wall seconds of a command of this environment; stop the benchmark if it fails."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "PYTHONWARNINGS": "ignore"}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed
