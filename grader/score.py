"""nbgrader's scoring rules, applied to an executed notebook.

A test cell earns its points when it ran without error; an `execute_result` that reads as a number
is partial credit; an answer cell that is also graded waits for a person (or scores 0 when it is
unchanged from the release). One deliberate difference: nbgrader gives 0 to a test cell that wrote
anything to stderr, so a correct answer that triggers a library warning loses its points; gc100
judges by errors only (see README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nbformat import NotebookNode

from grader import cells

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class CellScore:
    grade_id: str
    points: float | None  # None: waiting for manual grading
    max_points: float
    outcome: str  # passed | partial | failed | pending | unanswered
    message: str = ""
    manual: bool = False


def partial_credit(output: NotebookNode, max_points: float) -> tuple[float, str]:
    """nbgrader's reading of an execute_result: a number in [0, max] is the score, else full."""
    text = output.get("data", {}).get("text/plain", "")
    if isinstance(text, list):
        if len(text) > 1:
            return max_points, ""
        text = text[0] if text else ""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return max_points, ""
    if value != value:  # NaN compares false with everything; nbgrader would give full points
        return max_points, ""
    if value < 0:
        return max_points, ""
    if value > max_points:
        return max_points, f"partial credit {value:g} is more than the cell's {max_points:g} points"
    return value, ""


# A test's message is what a learner reads to fix their answer ("expected ... got ..." over
# several lines): kept whole, up to this many characters
MESSAGE_LIMIT = 2000


def error_value(output: NotebookNode, limit: int = MESSAGE_LIMIT) -> str:
    """The exception's message, every line of it, without colour codes, at most `limit` long."""
    value = ANSI.sub("", str(output.get("evalue", ""))).strip()
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def error_message(output: NotebookNode) -> str:
    """The exception's name and its whole message."""
    name = output.get("ename", "Error")
    value = error_value(output)
    return f"{name}: {value}" if value else name


def failing_line(output: NotebookNode) -> int | None:
    """The line of the cell itself where the error was raised, from IPython's traceback."""
    for frame in output.get("traceback", []):  # the outermost frame is the cell that ran
        match = re.search(r"Cell In\[\d+\], line (\d+)", ANSI.sub("", frame))
        if match:
            return int(match.group(1))
    return None


def score_cell(cell: NotebookNode, released_checksum: str | None = None) -> CellScore:
    gid = cells.grade_id(cell) or ""
    max_points = cells.points(cell)
    if cells.is_task(cell):  # a task has no answer cell of its own: always graded by hand
        return CellScore(gid, None, max_points, "pending", "waiting for manual grading", manual=True)
    if cells.is_solution(cell):
        if released_checksum is not None and cells.compute_checksum(cell) == released_checksum:
            return CellScore(gid, 0.0, max_points, "unanswered", "no answer given", manual=True)
        return CellScore(gid, None, max_points, "pending", "waiting for manual grading", manual=True)
    if cell.cell_type != "code":
        return CellScore(gid, None, max_points, "pending", "waiting for manual grading", manual=True)
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return CellScore(gid, 0.0, max_points, "failed", error_message(output))
        if output.get("output_type") == "execute_result":
            value, note = partial_credit(output, max_points)
            outcome = "passed" if value == max_points else "partial"
            return CellScore(gid, value, max_points, outcome, note)
    return CellScore(gid, max_points, max_points, "passed")


def score_notebook(nb: NotebookNode, released_checksums: dict[str, str]) -> list[CellScore]:
    return [score_cell(c, released_checksums.get(cells.grade_id(c) or ""))
            for c in nb.cells if cells.is_grade(c) or cells.is_task(c)]
