"""Release: the learner's version of an instructor notebook, and the student repository.

A pipeline of pure steps in nbgrader's order: lock cells, clear solutions, clear outputs,
compute checksums, clear hidden tests and mark schemes, compute checksums again. The released
checksums describe the cells the learner receives, as nbgrader's do, so a release made by either
tool is understood by the other.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from grader import cells
from grader.course import Course

CODE_STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
TEXT_STUB = ["YOUR ANSWER HERE"]
# Files that never travel with a release: editor state, caches, and anything of the grader's.
SKIPPED_NAMES = {".ipynb_checkpoints", "__pycache__", ".DS_Store", "gradebook.db"}


class ReleaseError(ValueError):
    """The instructor notebook cannot be released as it stands."""


def replace_region(source: str, begin: str, end: str, stub: list[str]) -> tuple[str, bool]:
    """Replace every line range from a `begin` marker to an `end` marker with `stub`, indented."""
    out: list[str] = []
    inside = False
    replaced = False
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise ReleaseError(f"nested '{begin}' markers")
            inside = replaced = True
            indent = re.match(r"\s*", line).group(0)
            out.extend(indent + s for s in stub)
        elif end in line:
            if not inside:
                raise ReleaseError(f"'{end}' without '{begin}'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ReleaseError(f"'{begin}' without '{end}'")
    return "\n".join(out), replaced


def answer_from_solution(source: str) -> str:
    """The instructor's answer as a student would type it: the markers gone, the code kept.

    The inverse of clearing a solution, for making example and test submissions.
    """
    return "\n".join(line for line in source.split("\n")
                     if cells.BEGIN_SOLUTION not in line and cells.END_SOLUTION not in line)


def lock_cells(nb: NotebookNode) -> NotebookNode:
    """Jupyter's own flags: answers cannot be deleted, tests and read-only cells not edited either."""
    for cell in nb.cells:
        if cells.is_solution(cell):
            cell.metadata["deletable"] = False
        elif cells.is_grade(cell) or cells.is_locked(cell):
            cell.metadata["deletable"] = False
            cell.metadata["editable"] = False
    return nb


def clear_solutions(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        stub = CODE_STUB if cell.cell_type == "code" else TEXT_STUB
        cell.source, replaced = replace_region(cell.source, cells.BEGIN_SOLUTION,
                                               cells.END_SOLUTION, stub)
        if replaced and not cells.is_solution(cell):
            raise ReleaseError(f"a solution region lies outside an answer cell: {cell.source[:60]!r}")
        if cells.is_solution(cell) and not replaced:  # no markers: the whole cell is the answer
            cell.source = "\n".join(stub)
    nb.metadata.pop("celltoolbar", None)
    return nb


def clear_outputs(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
    return nb


def compute_checksums(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        meta = cells.nbgrader_metadata(cell)
        if cells.is_grade(cell) or cells.is_solution(cell) or cells.is_locked(cell):
            meta["checksum"] = cells.compute_checksum(cell)
            meta["cell_type"] = cell.cell_type
    return nb


def clear_hidden_tests(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        cell.source, _ = replace_region(cell.source, cells.BEGIN_HIDDEN_TESTS,
                                        cells.END_HIDDEN_TESTS, [])
    return nb


def clear_mark_schemes(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source, _ = replace_region(cell.source, "=== BEGIN MARK SCHEME ===",
                                            "=== END MARK SCHEME ===", [])
    return nb


def release_notebook(source: NotebookNode) -> NotebookNode:
    """The learner's version of `source`; `source` itself is left untouched."""
    try:
        cells.check_source_metadata(source)
    except cells.MetadataError as error:
        raise ReleaseError(str(error)) from None
    nb = copy.deepcopy(source)
    for step in (lock_cells, clear_solutions, clear_outputs, clear_hidden_tests, clear_mark_schemes,
                 compute_checksums):
        nb = step(nb)
    return nb


def copy_assets(source_dir: Path, target_dir: Path) -> None:
    """Files beside the notebooks (images, data, small modules) travel with them."""
    for item in source_dir.iterdir():
        if item.name in SKIPPED_NAMES or item.suffix == ".ipynb" or item.is_symlink():
            continue
        if item.is_dir():
            shutil.copytree(item, target_dir / item.name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(*SKIPPED_NAMES), symlinks=False)
        else:
            shutil.copy2(item, target_dir / item.name)


def release_assignment(course: Course, assignment: str, target_root: Path | None = None) -> list[Path]:
    """Write the released notebooks and assets of one assignment; return the notebooks written."""
    target = (target_root or course.release_dir) / assignment
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in course.source_notebooks(assignment):
        released = release_notebook(nbformat.read(path, as_version=4))
        out = target / path.name
        nbformat.write(released, out)
        written.append(out)
    copy_assets(course.source_dir / assignment, target)
    return written


STUDENT_README = """# Graph Compute 100

A 100-day course on computational graphs and automatic differentiation, one notebook a day.

## Start
- **In GitHub Codespaces**: press *Code > Codespaces > Create codespace*. JupyterLab opens on day 1
  when the codespace is ready; everything is installed.
- **On your own machine** (Python 3.11+): `make lab`.

## Work day by day
Open `notebooks/day001-*/` and work top to bottom. Each day ends with exercises: write your answer
in the cells that say `# YOUR CODE HERE`, then run the test cell below it.

## Check your work
```
gc100 check notebooks/day001-learning-sandbox/day001-learning-sandbox.ipynb
```
runs the notebook and prints, for each exercise, its points and whether its visible tests pass.
Hidden tests decide the grade; passing the visible ones is a good sign, not a promise.
"""

STUDENT_REPO_ITEMS = ("src", "grader", "jupyter", "environment.yml", "requirements.lock", ".devcontainer",
                      "pyproject.toml", "Makefile", ".gitignore")


def write_student_repo(course: Course, project_root: Path, out: Path,
                       assignments: Iterable[str] | None = None) -> Path:
    """A complete student repository, ready to push as a GitHub Classroom template.

    Released notebooks under `notebooks/`, the course library and tools, the environment files and a
    student README; never the instructor's notebooks, the tests or the mutants.
    """
    out.mkdir(parents=True, exist_ok=True)
    for name in STUDENT_REPO_ITEMS:
        item = project_root / name
        if item.is_dir():
            shutil.copytree(item, out / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(*SKIPPED_NAMES, "*.egg-info"))
        elif item.is_file():
            shutil.copy2(item, out / name)
    for assignment in assignments or course.assignments():
        release_assignment(course, assignment, out / "notebooks")
    (out / "README.md").write_text(STUDENT_README)
    return out
