"""The current grade of every cell: the newest grade a person gave the work, else the
autograder's.

Both kinds of record stay in the gradebook as they were written; this is where they meet, for
export, statistics, the console and feedback. A person's grade counts for the work it graded
(the same submission hash): when a student hands in changed work, the autograder's new record
stands, and the person's grade is history until someone grades the new work.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.gradebook import CellGrade, CellTotals, GradeRecord, ManualGrade

AUTOGRADER = "autograder"


@dataclass(frozen=True)
class CurrentCell:
    grade_id: str
    points: float | None  # None: waiting for a person
    max_points: float
    outcome: str
    message: str
    needs_person: bool  # a manually graded cell (nbgrader's "manual")
    source: str  # autograder | manual | override
    by: str  # who decided: "autograder" or a grader's name
    comment: str = ""
    bank: tuple[str, ...] = ()  # the texts of the bank comments applied
    bank_ids: tuple[int, ...] = ()
    reason: str = ""
    history: tuple[ManualGrade, ...] = ()  # every person's grade of this cell and work, oldest first
    autograded: CellGrade | None = None

    @property
    def said(self) -> tuple[str, ...]:
        """What the person who graded the cell wrote: the bank's comments, then their own."""
        return tuple(text for text in (*self.bank, self.comment) if text)


@dataclass(frozen=True)
class CurrentNotebook(CellTotals):
    record: GradeRecord
    cells: tuple[CurrentCell, ...]


def _current_cell(cell: CellGrade, history: list[ManualGrade]) -> CurrentCell:
    if not history:
        return CurrentCell(cell.grade_id, cell.points, cell.max_points, cell.outcome, cell.message,
                           cell.manual, AUTOGRADER, AUTOGRADER, autograded=cell)
    newest = history[-1]
    outcome = "passed" if newest.points >= cell.max_points else \
        "partial" if newest.points > 0 else "failed"
    return CurrentCell(cell.grade_id, newest.points, cell.max_points, outcome, cell.message,
                       cell.manual, newest.kind, newest.grader, newest.comment,
                       tuple(c.text for c in newest.comments), tuple(c.id for c in newest.comments),
                       newest.reason, tuple(history), cell)


def current_notebooks(records: list[GradeRecord],
                      manual_grades: list[ManualGrade]) -> list[CurrentNotebook]:
    """Each record with a person's grades laid over its cells (`manual_grades` oldest first, as
    Gradebook.manual_grades gives them)."""
    by_cell: dict[tuple[str, str, str, str, str], list[ManualGrade]] = {}
    for grade in manual_grades:
        key = (grade.assignment, grade.student_id, grade.notebook, grade.submission_hash,
               grade.grade_id)
        by_cell.setdefault(key, []).append(grade)
    out = []
    for record in records:
        cells = tuple(
            _current_cell(cell, by_cell.get((record.assignment, record.student_id, record.notebook,
                                             record.submission_hash, cell.grade_id), []))
            for cell in record.cells)
        out.append(CurrentNotebook(record, cells))
    return out


def current_grades(gradebook, assignment: str | None = None,
                   student_id: str | None = None) -> list[CurrentNotebook]:
    """The current grade of every notebook in `gradebook` (of `assignment`, of `student_id`)."""
    return current_notebooks(gradebook.latest_records(assignment, student_id),
                             gradebook.manual_grades(assignment, student_id))
