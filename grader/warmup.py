"""Starting the warm parents early: their imports take seconds, and so do gc100's own.

The kernels' parent (grader.sandbox.warm) and the test runners' parent (grader.boundary) import
the packages the assignment's notebooks use: torch alone takes seconds. `gc100 grade` starts
them before it imports its own pipeline (nbformat, nbclient, SQLAlchemy: seconds too), so the
two happen at once. These are the parents grading would start anyway, with the same modules and
the same environment: grading finds them running and uses them.

This module reads notebooks as plain JSON and imports nothing heavy itself.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from grader.course import Course, CourseError


def start_parents(notebooks: Iterable[Any], threads: int, *, kernels: bool = True,
                  runners: bool = True) -> list[threading.Thread]:
    """Start, in the background, the parents that grading `notebooks` needs: the kernels' (with
    `kernels`, for warm kernels) and the runners' (with `runners`, for the test boundary).
    `threads` is each kernel's math-library thread count, which its parent imports with.
    Returns the threads starting them, which end when the parents are ready."""
    from grader.boundary import ZYGOTE, heavy_imports, preimports, runner_environment
    from grader.sandbox.policy import kernel_environment
    from grader.sandbox.warm import KERNELS

    notebooks = list(notebooks)
    started = []
    if kernels:
        modules = frozenset().union(*(heavy_imports(nb, tests=False) for nb in notebooks))
        started.append(KERNELS.warm(modules, kernel_environment(threads=threads)))
    if runners:
        modules = frozenset().union(*(preimports(nb) for nb in notebooks))
        runner = threading.Thread(target=ZYGOTE.warm, args=(modules, runner_environment()),
                                  daemon=True)
        runner.start()
        started.append(runner)
    return started


def start_parents_for(course: Course, assignments: Iterable[str], threads: int, *,
                      kernels: bool = True, runners: bool = True) -> None:
    """`start_parents` for the source notebooks of `assignments` that have submissions, read
    as JSON. A notebook that cannot be read is left to grading, which says why."""
    notebooks = []
    for assignment in assignments:
        if not course.students(assignment):
            continue
        try:
            paths = course.source_notebooks(assignment)
        except CourseError:
            continue
        for path in paths:
            notebook = read_cells(path.read_bytes())
            if notebook is not None:
                notebooks.append(notebook)
    if notebooks:
        start_parents(notebooks, threads, kernels=kernels, runners=runners)


class Cell(dict):
    """A cell read as JSON, with attribute access to its fields as nbformat's NotebookNode
    gives, without nbformat's import."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def read_cells(data: bytes) -> SimpleNamespace | None:
    """A notebook's cells with what grader.boundary reads (cell_type, source, metadata), without
    nbformat; None if it is no notebook."""
    try:
        raw = json.loads(data)
        cells = [Cell(cell_type=str(cell.get("cell_type", "")), source=_text(cell.get("source", "")),
                      metadata=cell.get("metadata") or {})
                 for cell in raw["cells"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return SimpleNamespace(cells=cells)


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)
