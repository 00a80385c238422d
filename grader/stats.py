"""Statistics of every test: how a class did on each graded cell of an assignment.

Per test cell: how many were graded, the pass rate (full points), the mean points, how the
points are distributed, and the failures grouped by what they said, each group with its
students. Messages differ in their numbers (a wrong value, an address), so a group is the
message's first line with every number replaced by `#`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from grader.current import CurrentNotebook

_NUMBER = re.compile(r"0x[0-9a-fA-F]+|[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def failure_key(message: str, outcome: str) -> str:
    """What failures with the same cause have in common: the first line of the message, its
    numbers masked; the outcome where a failure said nothing."""
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return _NUMBER.sub("#", first)[:200] if first else f"({outcome}, no message)"


@dataclass
class FailureGroup:
    key: str
    example: str  # one message of the group, as it was
    students: list[str] = field(default_factory=list)


@dataclass
class CellStats:
    notebook: str
    grade_id: str
    max_points: float
    graded: int = 0  # cells with points (not waiting for a person)
    pending: int = 0
    passed: int = 0
    total_points: float = 0.0
    points: Counter = field(default_factory=Counter)  # points -> how many students
    failures: list[FailureGroup] = field(default_factory=list)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None

    @property
    def mean_points(self) -> float | None:
        return self.total_points / self.graded if self.graded else None

    def as_json(self) -> dict:
        return {"notebook": self.notebook, "grade_id": self.grade_id,
                "max_points": self.max_points, "graded": self.graded, "pending": self.pending,
                "pass_rate": self.pass_rate, "mean_points": self.mean_points,
                "distribution": {f"{k:g}": v for k, v in sorted(self.points.items())},
                "failures": [{"message": g.key, "example": g.example, "count": len(g.students),
                              "students": g.students} for g in self.failures]}


def cell_stats(notebooks: list[CurrentNotebook]) -> list[CellStats]:
    """One entry per graded cell of the assignment's notebooks, in notebook order; failure
    groups largest first."""
    found: dict[tuple[str, str], CellStats] = {}
    groups: dict[tuple[str, str], dict[str, FailureGroup]] = {}
    for n in sorted(notebooks, key=lambda n: (n.record.notebook, n.record.student_id)):
        for cell in n.cells:
            key = (n.record.notebook, cell.grade_id)
            stats = found.setdefault(key, CellStats(n.record.notebook, cell.grade_id, cell.max_points))
            stats.max_points = max(stats.max_points, cell.max_points)
            if cell.points is None:
                stats.pending += 1
                continue
            stats.graded += 1
            stats.total_points += cell.points
            stats.points[cell.points] += 1
            if cell.points >= cell.max_points:
                stats.passed += 1
                continue
            group_key = failure_key(cell.message, cell.outcome)
            group = groups.setdefault(key, {}).setdefault(
                group_key, FailureGroup(group_key, cell.message.strip()[:500]))
            group.students.append(n.record.student_id)
    for key, stats in found.items():
        stats.failures = sorted(groups.get(key, {}).values(), key=lambda g: (-len(g.students), g.key))
    return list(found.values())


def score_distribution(notebooks: list[CurrentNotebook]) -> dict[str, float]:
    """Each student's total over the assignment's notebooks."""
    totals: dict[str, float] = {}
    for n in notebooks:
        totals[n.record.student_id] = totals.get(n.record.student_id, 0.0) + n.score
    return totals
