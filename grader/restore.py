"""Restore: the notebook that is actually run, built from the source and the student's answers.

The source notebook is the only authority on what is graded and for how many points. Every test
cell and locked cell comes from the source (hidden tests included), whatever the student did to
it; the student contributes the source of answer cells and any extra cells of their own. Each
repair is reported as one line, so tampering is visible in the gradebook and the feedback.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import nbformat
from nbformat import NotebookNode

from grader import cells
from grader.submission import SubmissionError


@dataclass
class Restored:
    nb: NotebookNode
    flags: list[str] = field(default_factory=list)
    # grade_id -> checksum of the released answer, to tell "no answer" from an answer
    released_checksums: dict[str, str] = field(default_factory=dict)


def _plain_cell(cell: NotebookNode) -> NotebookNode:
    """A student cell stripped of any grading metadata it claims."""
    new = copy.deepcopy(cell)
    new.metadata.pop("nbgrader", None)
    return new


def _answer_cell(source_cell: NotebookNode, student_cell: NotebookNode) -> NotebookNode:
    """The student's answer text under the source's metadata and cell type."""
    new = copy.deepcopy(source_cell)
    new.source = student_cell.get("source", "")
    if new.cell_type == "code":
        new.outputs = []
        new.execution_count = None
    return new


def _fresh(source_cell: NotebookNode) -> NotebookNode:
    new = copy.deepcopy(source_cell)
    if new.cell_type == "code":
        new.outputs = []
        new.execution_count = None
    return new


def _unique_ids(result: list[NotebookNode]) -> list[NotebookNode]:
    """nbformat 4.5 needs distinct cell ids; a copied or duplicated cell gets a new one."""
    seen: set[str] = set()
    for number, cell in enumerate(result):
        cell_id = cell.get("id")
        if not cell_id or cell_id in seen:
            cell_id = f"gc100-{number}"
            while cell_id in seen:
                cell_id += "x"
            cell["id"] = cell_id
        seen.add(cell_id)
    return result


def restore_notebook(source: NotebookNode, released: NotebookNode,
                     submitted: NotebookNode) -> Restored:
    """Merge `submitted` into `source`; `released` supplies the stubs of unanswered cells."""
    source_cells = {cells.grade_id(c): c for c in source.cells if cells.grade_id(c) and
                    (cells.is_grade(c) or cells.is_solution(c) or cells.is_locked(c))}
    released_cells = {cells.grade_id(c): c for c in released.cells if cells.grade_id(c)}
    order = [cells.grade_id(c) for c in source.cells if cells.grade_id(c) in source_cells]

    submitted_ids = {cells.grade_id(c) for c in submitted.cells if cells.grade_id(c)}
    if source_cells and not submitted_ids & set(source_cells):
        if submitted_ids:
            raise SubmissionError("this notebook belongs to another assignment (none of its "
                                  "graded cells are this assignment's)")
        raise SubmissionError("this notebook has none of the assignment's cells; start again "
                              "from the released notebook")

    flags: list[str] = []
    result: list[NotebookNode] = []
    placed: dict[str, int] = {}
    for cell in submitted.cells:
        gid = cells.grade_id(cell)
        if gid not in source_cells:
            if cells.nbgrader_metadata(cell) and (cells.is_grade(cell) or cells.is_solution(cell)
                                                  or cells.is_locked(cell)):
                flags.append(f"cell {gid!r} claims grading metadata the source does not have; "
                             "run as an ordinary cell")
            result.append(_plain_cell(cell))
            continue
        if gid in placed:
            flags.append(f"cell {gid!r} appears more than once; only the first was kept")
            continue
        src = source_cells[gid]
        if cells.is_solution(src):
            result.append(_answer_cell(src, cell))
        else:
            kept = released_cells.get(gid)
            expected = kept.source if kept is not None else src.source
            if cell.get("source", "") != expected or cell.get("cell_type") != src.cell_type:
                flags.append(f"cell {gid!r} was edited; the original was put back")
            result.append(_fresh(src))
        placed[gid] = len(result) - 1

    for position, gid in enumerate(order):
        if gid in placed:
            continue
        src = source_cells[gid]
        what = "answer" if cells.is_solution(src) else "test" if cells.is_grade(src) else "locked"
        flags.append(f"{what} cell {gid!r} was deleted; the original was put back")
        stub = released_cells.get(gid, src) if cells.is_solution(src) else src
        previous = [placed[g] for g in order[:position] if g in placed]
        index = max(previous) + 1 if previous else 0
        result.insert(index, _fresh(stub))
        for other, at in placed.items():
            if at >= index:
                placed[other] = at + 1
        placed[gid] = index

    nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(source.metadata))
    nb.cells = _unique_ids(result)
    checksums = {gid: cells.compute_checksum(c) for gid, c in released_cells.items()
                 if cells.is_solution(c)}
    return Restored(nb=nb, flags=flags, released_checksums=checksums)
