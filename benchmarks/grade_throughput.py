"""Grading throughput: gc100 grade against nbgrader autograde, on the same submissions.

Builds N synthetic students for two nbgrader-format assignments: `torchfit` (imports torch and
trains a tiny model for about half a second) and `trivial` (one function, one test). Grades them
with `nbgrader autograde`, with `gc100 grade` and with `gc100 grade --cold` (a new interpreter
per kernel), in the same run, and prints seconds per submission for each, the speed-up over
nbgrader, and gc100's overhead per submission beyond the notebook's own compute (measured by
running the notebook's cells once, in-process, without a kernel).

    .venv/bin/python benchmarks/grade_throughput.py [--students 48] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from common import BIN, assignment, solved, timed

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


def build_course(root: Path, students: int) -> dict[str, nbformat.NotebookNode]:
    sources = {"torchfit": assignment(TORCH_ANSWER, [TORCH_TEST]),
               "trivial": assignment(TRIVIAL_ANSWER, [TRIVIAL_TEST])}
    for name, nb in sources.items():
        (root / "source" / name).mkdir(parents=True)
        nbformat.write(nb, root / "source" / name / f"{name}.ipynb")
        for i in range(students):
            folder = root / "submitted" / f"s{i:03d}" / name
            folder.mkdir(parents=True)
            nbformat.write(solved(nb), folder / f"{name}.ipynb")
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    return sources


def own_compute(nb: nbformat.NotebookNode, threads: int) -> float:
    """Seconds the notebook's own cells take in a warm interpreter: the work no grader can avoid.

    The cells run once before the measurement: imports, and what libraries load on first use
    (torch's first optimizer step imports its compiler, 1.3 s), are costs a grader can pay once
    for all submissions, so they count as overhead, not as the notebook's work. torch gets the
    threads gc100 gives each kernel (the cores shared out among the workers)."""
    namespace: dict = {}
    code = [c.source for c in solved(nb).cells]
    with contextlib.redirect_stdout(io.StringIO()):
        for source in code:
            exec(source, namespace)
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(threads)
        started = time.perf_counter()
        for source in code:
            exec(source, namespace)
    return time.perf_counter() - started


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
            seconds = {}
            for label, flags in (("gc100", []), ("cold", ["--cold"])):
                gc_dir = root / "gc100"
                shutil.rmtree(gc_dir, ignore_errors=True)
                shutil.copytree(root, gc_dir, ignore=shutil.ignore_patterns("nbgrader", "gc100"))
                seconds[label] = timed([str(BIN / "gc100"), "--course", str(gc_dir), "grade", name,
                                        "--workers", str(args.workers), *flags], gc_dir)
            compute = own_compute(nb, max(1, (os.cpu_count() or 1) // args.workers))
            n = args.students
            rows.append((name, nbgrader / n, seconds["cold"] / n, seconds["gc100"] / n,
                         nbgrader / seconds["gc100"],
                         seconds["gc100"] / n - compute / args.workers, compute))
        print(f"{'assignment':<10} {'nbgrader s/sub':>15} {'gc100 --cold':>13} {'gc100 s/sub':>12} "
              f"{'speed-up':>9} {'gc100 overhead s/sub':>21} {'own compute s':>14}")
        for name, nbg, cold, gc, ratio, overhead, compute in rows:
            print(f"{name:<10} {nbg:>15.3f} {cold:>13.3f} {gc:>12.3f} {ratio:>8.2f}x "
                  f"{overhead:>21.3f} {compute:>14.3f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
