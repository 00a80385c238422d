"""nbgrader's cell metadata: what a cell is, its points, and its checksum.

gc100 speaks nbgrader's format (schema_version 3) so the same notebooks work with both tools; the
checksum is computed exactly as nbgrader computes it, so a release made by either is understood.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat takes a second to import; this module only reads cells
    from nbformat import NotebookNode

SCHEMA_VERSION = 3
BEGIN_SOLUTION = "BEGIN SOLUTION"
END_SOLUTION = "END SOLUTION"
BEGIN_HIDDEN_TESTS = "BEGIN HIDDEN TESTS"
END_HIDDEN_TESTS = "END HIDDEN TESTS"
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")


# nbgrader 0.9's generated tests: `### AUTOTEST expr` and `### HASHED AUTOTEST expr`
AUTOTEST = re.compile(r"^\s*###\s+(HASHED\s+)?AUTOTEST\b")


class MetadataError(ValueError):
    """The instructor's notebook has nbgrader metadata that cannot be graded."""


def nbgrader_metadata(cell: NotebookNode) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def is_grade(cell: NotebookNode) -> bool:
    return bool(nbgrader_metadata(cell).get("grade", False))


def is_solution(cell: NotebookNode) -> bool:
    return bool(nbgrader_metadata(cell).get("solution", False))


def is_task(cell: NotebookNode) -> bool:
    return bool(nbgrader_metadata(cell).get("task", False))


def is_locked(cell: NotebookNode) -> bool:
    """nbgrader's rule: solution cells are never locked, grade cells always are."""
    meta = nbgrader_metadata(cell)
    if not meta or is_solution(cell):
        return False
    if is_grade(cell):
        return True
    return bool(meta.get("locked", False))


def grade_id(cell: NotebookNode) -> str | None:
    value = nbgrader_metadata(cell).get("grade_id")
    return value if isinstance(value, str) else None


def points(cell: NotebookNode) -> float:
    try:
        return float(nbgrader_metadata(cell).get("points", 0) or 0)
    except (TypeError, ValueError):
        return 0.0


def compute_checksum(cell: NotebookNode) -> str:
    """md5 over source, type, flags, id and points: nbgrader's definition, byte for byte."""
    m = hashlib.md5()
    m.update(cell.source.encode("utf-8"))
    m.update(cell.cell_type.encode("utf-8"))
    m.update(str(is_grade(cell)).encode("utf-8"))
    m.update(str(is_solution(cell)).encode("utf-8"))
    m.update(str(is_locked(cell)).encode("utf-8"))
    m.update(nbgrader_metadata(cell)["grade_id"].encode("utf-8"))
    if is_grade(cell):
        m.update(str(float(nbgrader_metadata(cell)["points"])).encode("utf-8"))
    return m.hexdigest()


@dataclass(frozen=True)
class GradedCell:
    """One place points come from: an auto-graded test cell or a manually graded answer."""

    grade_id: str
    points: float
    cell_type: str
    manual: bool


def graded_cells(nb: NotebookNode) -> list[GradedCell]:
    out = []
    for cell in nb.cells:
        if is_grade(cell) or is_task(cell):  # a task is graded by hand, as nbgrader records it
            manual = is_solution(cell) or cell.cell_type != "code" or is_task(cell)
            out.append(GradedCell(grade_id(cell) or "", points(cell), cell.cell_type, manual))
    return out


def check_source_metadata(nb: NotebookNode) -> None:
    """Refuse an instructor notebook whose metadata nbgrader would refuse too."""
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_metadata(cell)
        if not meta:
            continue
        if not (is_grade(cell) or is_solution(cell) or is_locked(cell) or is_task(cell)):
            continue
        gid = grade_id(cell)
        if not gid or not GRADE_ID.match(gid):
            raise MetadataError(f"cell {index} has no valid grade_id (letters, digits, _ and -)")
        if gid in seen:
            raise MetadataError(f"grade_id {gid!r} is used by more than one cell")
        seen.add(gid)
        if is_grade(cell):
            try:
                float(meta["points"])
            except (KeyError, TypeError, ValueError):
                raise MetadataError(f"graded cell {gid!r} has no number of points") from None
        if is_solution(cell) and is_grade(cell) and cell.cell_type == "code":
            continue
        if is_solution(cell) and _has_marker(cell, BEGIN_HIDDEN_TESTS):
            raise MetadataError(f"answer cell {gid!r} contains hidden tests")
    for index, cell in enumerate(nb.cells):
        if not is_solution(cell) and _has_marker(cell, BEGIN_SOLUTION):
            raise MetadataError(f"cell {index} has a solution region but is not an answer cell")
        if is_grade(cell) and cell.cell_type == "code" and any(
                AUTOTEST.match(line) for line in cell.source.split("\n")):
            # unexpanded, the directive is a comment, and the test would pass for everyone
            raise MetadataError(f"test cell {grade_id(cell)!r} uses nbgrader's AUTOTEST directive, "
                                "which gc100 does not expand: write the asserts it stands for")


def _has_marker(cell: NotebookNode, marker: str) -> bool:
    return any(marker in line for line in cell.source.split("\n"))
