"""Write the example submissions of `make demo` from the current day 1.

Three students, as an instructor meets them: `ada` answered everything correctly, `ben` solved
two exercises and wrote a plausible wrong answer to the third, `cleo` handed in the notebook
untouched. Run again after day 1 changes: `python examples/make_examples.py`.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from grader import cells
from grader.release import answer_from_solution, release_notebook

HERE = Path(__file__).resolve().parent
DAY = "day001-learning-sandbox"
SOURCE = HERE.parent / "notebooks" / DAY / f"{DAY}.ipynb"

# ben forgets that inputs have in-degree 0 too: a wrong answer learners really write
BEN_IN_DEGREES = '''def in_degrees(edges: list) -> dict:
    """Map every node in `edges` to the number of edges that arrive at it."""
    degree = {}
    for u, v in edges:
        degree[v] = degree.get(v, 0) + 1
    return degree'''


def student(released: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        if cells.grade_id(cell) in answers:
            cell.source = answers[cells.grade_id(cell)]
    return nb


def main() -> None:
    source = nbformat.read(SOURCE, as_version=4)
    released = release_notebook(source)
    answers = {cells.grade_id(c): answer_from_solution(c.source) for c in source.cells
               if cells.is_solution(c)}
    submissions = {
        "ada": student(released, answers),
        "ben": student(released, {**answers, "ex3_answer": BEN_IN_DEGREES}),
        "cleo": copy.deepcopy(released),
    }
    for name, nb in submissions.items():
        folder = HERE / "submitted" / name / DAY
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{DAY}.ipynb")
        print(f"wrote {folder.relative_to(HERE)}")


if __name__ == "__main__":
    main()
