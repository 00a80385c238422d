"""What a grading batch is made of: source notebooks, jobs, and the grade of a job the grader failed.

Both the local pipeline (`grader.grade`) and the Dask one (`grader.distributed`) build on these,
so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nbformat import NotebookNode

from grader import cells
from grader.gradebook import NotebookGrade
from grader.score import CellScore
from grader.submission import Submission

if TYPE_CHECKING:
    from grader.course import Course
    from grader.execute import Limits
    from grader.sandbox import SandboxPolicy

INTERNAL_ERROR = "internal error"


@dataclass(frozen=True)
class SourceNotebook:
    """An instructor notebook with what grading needs of it, computed once per batch."""

    assignment: str
    path: Path
    nb: NotebookNode
    released: NotebookNode
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name

    def zero_scores(self, message: str) -> list[CellScore]:
        return [CellScore(g.grade_id, 0.0, g.points, "failed", message, manual=g.manual)
                for g in cells.graded_cells(self.nb)]


@dataclass(frozen=True)
class Job:
    """One notebook of one student to grade."""

    source: SourceNotebook
    student_id: str
    submission: Submission | None
    problem: str = ""  # set when the submission could not even be read


# The per-notebook work: grade one job, return its grade and the executed notebook.
GradeFunction = Callable[["Course", Job, "Limits", int, "SandboxPolicy | None"],
                         tuple[NotebookGrade, NotebookNode | None]]


def internal_error(job: Job, error: Exception) -> tuple[NotebookGrade, None]:
    """The grade of a job the grader failed on: zero for now, graded again on the next run."""
    reason = f"{INTERNAL_ERROR} while grading: {type(error).__name__}: {error}".split("\n")[0]
    return (NotebookGrade(job.source.assignment, job.student_id, job.source.name,
                          job.submission.sha256 if job.submission else "",
                          job.source.sha256, "rejected", reason, [],
                          job.source.zero_scores(reason)), None)
