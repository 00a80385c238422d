"""Run: execute the instructor's notebooks of a course in parallel, with papermill.

For authors and CI: every day must run top to bottom with its solutions, and this says how long
each took. Parameters go in through papermill (a cell tagged `parameters`, or injected first).
Executed copies are written to an output folder; the sources are never touched.
"""

from __future__ import annotations

import ast
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError
from traitlets import default

from grader.course import Course


@dataclass(frozen=True)
class RunResult:
    assignment: str
    notebook: Path
    output: Path
    seconds: float
    error: str = ""  # one line; empty when every cell ran

    @property
    def ok(self) -> bool:
        return not self.error


class SocketFolderKernelManager(AsyncKernelManager):
    """A kernel reached over Unix sockets in a folder of its own, removed with the kernel: no
    TCP port opened on the machine for the notebook's code and outputs to cross."""

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return os.path.join(tempfile.mkdtemp(prefix="gc100-kernel-"), "k")

    async def cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart and self.transport == "ipc":
            shutil.rmtree(os.path.dirname(self.ip), ignore_errors=True)


def parse_parameters(pairs: list[str]) -> dict[str, object]:
    """`name=value` pairs; values are Python literals when they parse as one, else strings."""
    params: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            raise ValueError(f"parameter {pair!r} is not name=value")
        try:
            params[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[name] = value
    return params


def run_notebook(assignment: str, notebook: Path, output: Path, parameters: dict[str, object],
                 kernel_name: str | None, timeout: float) -> RunResult:
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    error = ""
    try:
        # the kernel starts beside the notebook; papermill's own `cwd` would chdir the whole
        # process, which races with the other worker threads starting their kernels
        papermill.execute_notebook(str(notebook), str(output), parameters=parameters,
                                   kernel_name=kernel_name, progress_bar=False,
                                   request_save_on_cell_execute=False,
                                   resources={"metadata": {"path": str(notebook.parent)}},
                                   execution_timeout=timeout,
                                   kernel_manager_class=SocketFolderKernelManager)
    except PapermillExecutionError as failure:
        error = f"cell {failure.exec_count}: {failure.ename}: {failure.evalue}".split("\n")[0]
    except Exception as failure:  # a kernel that would not start, a notebook that will not parse
        error = f"{type(failure).__name__}: {failure}".split("\n")[0]
    return RunResult(assignment, notebook, output, time.monotonic() - started, error[:300])


def run_course(course: Course, assignments: list[str], output_dir: Path, *, workers: int = 2,
               parameters: dict[str, object] | None = None, kernel_name: str | None = None,
               timeout: float = 300, on_done: Callable[[RunResult], None] | None = None
               ) -> list[RunResult]:
    """Execute every source notebook of `assignments`, `workers` at a time, in name order."""
    jobs = [(a, nb) for a in assignments for nb in course.source_notebooks(a)]
    results: list[RunResult] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(run_notebook, a, nb, output_dir / a / nb.name, parameters or {},
                               kernel_name or _kernel_of(nb), timeout) for a, nb in jobs]
        for future in futures:
            result = future.result()
            results.append(result)
            if on_done:
                on_done(result)
    return results


def _kernel_of(notebook: Path) -> str | None:
    try:
        return nbformat.read(notebook, as_version=4).metadata.get("kernelspec", {}).get("name")
    except Exception:
        return None
