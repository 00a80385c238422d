"""Grading throughput: gc100 grade against nbgrader autograde, on the same submissions.

Builds N synthetic students for two nbgrader-format assignments: `torchfit` (imports torch and
trains a tiny model for about half a second) and `trivial` (one function, one test). Grades them
with `nbgrader autograde` and with `gc100 grade`, in the same run, and prints seconds per
submission for each, the ratio, and gc100's overhead per submission beyond the notebook's own
compute (measured by running the notebook's cells once, in-process, without a kernel).

    .venv/bin/python benchmarks/grade_throughput.py [--students 48] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from grader.release import answer_from_solution

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

TORCH_ANSWER = '''import torch

def fit(steps: int = 300) -> float:
    """Train a tiny model; return its final loss."""
    ### BEGIN SOLUTION
    torch.manual_seed(0)
    x = torch.randn(256, 8)
    y = x @ torch.randn(8, 1) + 0.1 * torch.randn(256, 1)
    model = torch.nn.Sequential(torch.nn.Linear(8, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
    return loss.item()
    ### END SOLUTION'''
TORCH_TEST = "assert fit() < 0.05\n### BEGIN HIDDEN TESTS\nassert isinstance(fit(10), float)\n### END HIDDEN TESTS"
TRIVIAL_ANSWER = "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"
TRIVIAL_TEST = "assert double(2) == 4\n### BEGIN HIDDEN TESTS\nassert double(-3) == -6\n### END HIDDEN TESTS"


def meta(gid: str, **kw) -> dict:
    return {"nbgrader": {"schema_version": 3, "grade_id": gid, "grade": False, "solution": False,
                         "locked": False, **kw}}


def assignment(answer: str, test: str) -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": {"name": "graphcompute", "language": "python",
                                               "display_name": "Graph Compute 100 (Python 3)"}})
    nb.cells = [new_code_cell(answer, metadata=meta("answer", solution=True)),
                new_code_cell(test, metadata=meta("tests", grade=True, locked=True, points=1))]
    return nb


def solved(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = nbformat.from_dict(nbformat.from_dict(dict(nb)))
    for cell in out.cells:
        cell.source = answer_from_solution(cell.source)
    return out


def build_course(root: Path, students: int) -> dict[str, nbformat.NotebookNode]:
    sources = {"torchfit": assignment(TORCH_ANSWER, TORCH_TEST),
               "trivial": assignment(TRIVIAL_ANSWER, TRIVIAL_TEST)}
    for name, nb in sources.items():
        (root / "source" / name).mkdir(parents=True)
        nbformat.write(nb, root / "source" / name / f"{name}.ipynb")
        for i in range(students):
            folder = root / "submitted" / f"s{i:03d}" / name
            folder.mkdir(parents=True)
            nbformat.write(solved(nb), folder / f"{name}.ipynb")
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    return sources


def own_compute(nb: nbformat.NotebookNode) -> float:
    """Seconds the notebook's own cells take in a warm interpreter: the work no grader can avoid."""
    namespace: dict = {}
    code = [c.source for c in solved(nb).cells]
    exec(code[0], namespace)  # imports happen here, outside the measurement
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        for source in code:
            exec(source, namespace)
    return time.perf_counter() - started


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "PYTHONWARNINGS": "ignore"}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=48)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gc100-bench-"))
    try:
        sources = build_course(root, args.students)
        print(f"{args.students} students x {len(sources)} assignments, {args.workers} workers, "
              f"{os.cpu_count()} cores")
        rows = []
        for name, nb in sources.items():
            nbg_dir = root / "nbgrader"
            shutil.rmtree(nbg_dir, ignore_errors=True)
            shutil.copytree(root, nbg_dir, ignore=shutil.ignore_patterns("nbgrader", "gc100"))
            timed([str(BIN / "nbgrader"), "generate_assignment", name, "--force",
                   f"--CourseDirectory.root={nbg_dir}"], nbg_dir)
            nbgrader = timed([str(BIN / "nbgrader"), "autograde", name, "--force",
                              f"--CourseDirectory.root={nbg_dir}"], nbg_dir)
            gc_dir = root / "gc100"
            shutil.rmtree(gc_dir, ignore_errors=True)
            shutil.copytree(root, gc_dir, ignore=shutil.ignore_patterns("nbgrader", "gc100"))
            gc100 = timed([str(BIN / "gc100"), "--course", str(gc_dir), "grade", name, "--workers",
                           str(args.workers)], gc_dir)
            compute = own_compute(nb)
            n = args.students
            rows.append((name, nbgrader / n, gc100 / n, nbgrader / gc100,
                         gc100 / n - compute / args.workers, compute))
        print(f"{'assignment':<10} {'nbgrader s/sub':>15} {'gc100 s/sub':>12} {'speed-up':>9} "
              f"{'gc100 overhead s/sub':>21} {'own compute s':>14}")
        for name, nbg, gc, ratio, overhead, compute in rows:
            print(f"{name:<10} {nbg:>15.3f} {gc:>12.3f} {ratio:>8.2f}x {overhead:>21.3f} {compute:>14.3f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
