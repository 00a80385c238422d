"""A small nbgrader-format course written for the grader's tests.

`squares` has the shapes of cell nbgrader assignments use: locked markdown and code, code answers
with visible and hidden tests, a test cell that gives partial credit, a manually graded written
answer, and a test cell that deletes and restores a student global (as nbgrader's own ps1 does).
Students are made from the instructor's version by replacing answer cells.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNELSPEC = {"name": "graphcompute", "display_name": "Graph Compute 100 (Python 3)",
              "language": "python"}


def meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
         points: float | None = None) -> dict:
    m = {"schema_version": 3, "grade_id": grade_id, "grade": grade, "solution": solution,
         "locked": locked}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


SQUARES_ANSWER = '''def squares(n):
    """The squares of 1..n as a list."""
    ### BEGIN SOLUTION
    if n < 1:
        raise ValueError("n must be at least 1")
    return [i * i for i in range(1, n + 1)]
    ### END SOLUTION'''

SUM_ANSWER = '''def sum_of_squares(n):
    """1^2 + ... + n^2, using squares."""
    ### BEGIN SOLUTION
    return sum(squares(n))
    ### END SOLUTION'''

SQUARES_TESTS = '''"""squares returns the right list"""
assert squares(1) == [1]
assert squares(3) == [1, 4, 9]
### BEGIN HIDDEN TESTS
assert squares(10) == [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]
try:
    squares(0)
except ValueError:
    pass
else:
    raise AssertionError("squares(0) should raise ValueError")
### END HIDDEN TESTS'''

SUM_TESTS = '''"""sum_of_squares uses squares"""
assert sum_of_squares(1) == 1
orig_squares = squares
del squares
try:
    sum_of_squares(1)
except NameError:
    pass
else:
    raise AssertionError("sum_of_squares should call squares")
finally:
    squares = orig_squares
### BEGIN HIDDEN TESTS
assert sum_of_squares(10) == 385
### END HIDDEN TESTS'''

PARTIAL_TESTS = '''"""partial credit: one point for each n that sum_of_squares gets right"""
earned = 0
for n, want in [(2, 5), (3, 14), (4, 30)]:
    try:
        if sum_of_squares(n) == want:
            earned += 1
    except Exception:
        pass
earned'''


def squares_source() -> NotebookNode:
    nb = new_notebook(metadata={"kernelspec": KERNELSPEC,
                                "language_info": {"name": "python"}})
    nb.cells = [
        new_markdown_cell("# Squares\nA tiny assignment in nbgrader's format.",
                          metadata=meta("header", locked=True)),
        new_code_cell("import math", metadata=meta("setup", locked=True)),
        new_markdown_cell("Write `squares(n)`.", metadata=meta("ex1_statement", locked=True)),
        new_code_cell(SQUARES_ANSWER, metadata=meta("ex1_answer", solution=True)),
        new_code_cell(SQUARES_TESTS, metadata=meta("ex1_tests", grade=True, locked=True, points=2)),
        new_code_cell(SUM_ANSWER, metadata=meta("ex2_answer", solution=True)),
        new_code_cell(SUM_TESTS, metadata=meta("ex2_tests", grade=True, locked=True, points=2)),
        new_code_cell(PARTIAL_TESTS, metadata=meta("ex2_partial", grade=True, locked=True, points=3)),
        new_markdown_cell("Why is `sum_of_squares` O(n)?\n\n=== BEGIN MARK SCHEME ===\n",
                          metadata=meta("ex3_statement", locked=True)),
        new_markdown_cell("### BEGIN SOLUTION\nIt adds n numbers.\n### END SOLUTION",
                          metadata=meta("ex3_answer", grade=True, solution=True, points=1)),
    ]
    nb.cells[-2].source = "Why is `sum_of_squares` O(n)?"
    return nb


def with_answers(released: NotebookNode, answers: dict[str, str]) -> NotebookNode:
    """A student's notebook: the released version with some answer cells filled in."""
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


GOOD = {
    "ex1_answer": 'def squares(n):\n    if n < 1:\n        raise ValueError("n")\n    return [i * i for i in range(1, n + 1)]',
    "ex2_answer": "def sum_of_squares(n):\n    return sum(squares(n))",
    "ex3_answer": "Because it sums n squares.",
}


def squares_students(released: NotebookNode) -> dict[str, NotebookNode]:
    """Students whose scores exercise every scoring rule."""
    return {
        "complete": with_answers(released, GOOD),
        "blank": copy.deepcopy(released),
        # squares right but no ValueError: loses ex1's hidden test; ex2 passes
        "no_check": with_answers(released, {**GOOD, "ex1_answer": "def squares(n):\n    return [i * i for i in range(1, n + 1)]"}),
        # sum_of_squares does not call squares, and is wrong for n >= 3: partial credit 1 of 3
        "partial": with_answers(released, {**GOOD, "ex2_answer": "def sum_of_squares(n):\n    return 1 if n == 1 else 5"}),
        # an answer that crashes at definition time
        "crash": with_answers(released, {**GOOD, "ex1_answer": "def squares(n):\n    return undefined_name"}),
    }


def write_course(root: Path, students: dict[str, NotebookNode] | None = None,
                 source: NotebookNode | None = None, assignment: str = "squares") -> Path:
    """A course folder with `source/<assignment>/<assignment>.ipynb` and the given submissions."""
    from grader.release import release_notebook

    source = source or squares_source()
    folder = root / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(source, folder / f"{assignment}.ipynb")
    released = release_notebook(source)
    for student, nb in (students if students is not None else squares_students(released)).items():
        sub = root / "submitted" / student / assignment
        sub.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, sub / f"{assignment}.ipynb")
    return root
