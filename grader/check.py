"""The learner's pipeline: run my notebook and tell me which exercises pass their visible tests.

It runs exactly the steps grading runs (same executor, same scoring rules), on the learner's own
notebook in its own folder, so a pass here means the visible tests pass under the grader too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode

from grader import cells
from grader.boundary import is_test_cell
from grader.execute import Limits, execute_notebook, kernel_environment
from grader.score import error_value, failing_line, score_cell
from grader.submission import parse_notebook


@dataclass(frozen=True)
class CheckRow:
    grade_id: str
    points: float
    passed: bool
    problem: str  # the first failing assertion or error, one line


@dataclass(frozen=True)
class CheckReport:
    notebook: Path
    rows: list[CheckRow]
    seconds: float
    # the first error outside the test cells (a setup cell's missing import, an answer that does
    # not parse): shown before the table, because the tests' NameErrors below it are its echo
    first_error: str = ""

    @property
    def all_passed(self) -> bool:
        return bool(self.rows) and all(r.passed for r in self.rows)


def first_problem(cell: NotebookNode) -> str:
    """`AssertionError: message` plus the line that failed, so a bare `assert` still says something."""
    for output in cell.get("outputs", []):
        if output.get("output_type") != "error":
            continue
        name = output.get("ename", "Error")
        first, _, rest = error_value(output).partition("\n")
        line_no = failing_line(output)
        lines = cell.source.split("\n")
        where = ""
        if line_no and 0 < line_no <= len(lines):
            where = f" at line {line_no}: {lines[line_no - 1].strip()}"
        # the message's first line, where it failed, then the rest of the message (the values)
        return f"{name}{': ' + first if first else ''}{where}" + (f"\n{rest}" if rest else "")
    return ""


def first_error_outside_tests(nb: NotebookNode) -> str:
    """`cell 3 (setup): ImportError: ...` for the first code cell, not a test cell, that raised."""
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or is_test_cell(cell):
            continue
        problem = first_problem(cell).split("\n", 1)[0]
        if problem:
            name = cells.grade_id(cell)
            return f"cell {index}{f' ({name})' if name else ''}: {problem}"
    return ""


def check_notebook(path: Path, limits: Limits = Limits()) -> CheckReport:
    nb = parse_notebook(path.read_bytes(), path.name)
    env = kernel_environment({"NBGRADER_EXECUTION": "validate"}, threads=2)
    execution = execute_notebook(nb, path.parent.resolve(), limits, env)
    rows = []
    for cell in execution.nb.cells:
        if not is_test_cell(cell):
            continue
        score = score_cell(cell)
        problem = first_problem(cell)
        if score.outcome == "partial":
            problem = f"partial credit: {score.points:g} of {score.max_points:g} points"
        rows.append(CheckRow(cells.grade_id(cell) or "?", cells.points(cell),
                             score.outcome == "passed", problem))
    return CheckReport(path, rows, execution.seconds, first_error_outside_tests(execution.nb))
