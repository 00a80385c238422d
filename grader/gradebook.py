"""The gradebook: every grade ever given, in a real database through SQLAlchemy.

Append-only: grading a submission again adds a record and never rewrites an old one, so a grade
once written is never lost or silently changed, and a regrade of changed work shows as a new
record with a new submission hash. Each record and its cell grades go in one transaction: a crash
mid-batch leaves every earlier grade intact, and the batch resumes where it stopped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import (Boolean, DateTime, Float, ForeignKey, Integer, String, Text, create_engine,
                        event, select)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from grader.score import CellScore


class Base(DeclarativeBase):
    pass


class GradeRecord(Base):
    """One grading of one notebook of one student's assignment."""

    __tablename__ = "grade_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment: Mapped[str] = mapped_column(String(200), index=True)
    student_id: Mapped[str] = mapped_column(String(200), index=True)
    notebook: Mapped[str] = mapped_column(String(300))
    submission_hash: Mapped[str] = mapped_column(String(64))
    source_hash: Mapped[str] = mapped_column(String(64))
    graded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))  # graded | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of one-line notes
    score: Mapped[float] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float)
    pending: Mapped[bool] = mapped_column(Boolean, default=False)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    cells: Mapped[list["CellGrade"]] = relationship(back_populates="record",
                                                     order_by="CellGrade.position")

    def flag_list(self) -> list[str]:
        return json.loads(self.flags or "[]")


class CellGrade(Base):
    __tablename__ = "cell_grades"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("grade_records.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    grade_id: Mapped[str] = mapped_column(String(200))
    points: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_points: Mapped[float] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    record: Mapped[GradeRecord] = relationship(back_populates="cells")


@dataclass(frozen=True)
class NotebookGrade:
    """What grading one notebook produced, ready to be recorded."""

    assignment: str
    student_id: str
    notebook: str
    submission_hash: str
    source_hash: str
    status: str
    reason: str
    flags: list[str]
    cells: list[CellScore]
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(c.points or 0.0 for c in self.cells)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.cells)

    @property
    def pending(self) -> bool:
        return any(c.points is None for c in self.cells)


class Gradebook:
    """The course's grades. `record` is the only write; everything else reads."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        if url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _sqlite_pragmas(conn, _record) -> None:  # durability over speed: grades matter
                cursor = conn.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
                cursor.execute("PRAGMA busy_timeout=30000")
                cursor.close()
        Base.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Gradebook":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, grade: NotebookGrade) -> int:
        """Write one notebook's grade and its cells in a single transaction; return its id."""
        with Session(self.engine) as session, session.begin():
            row = GradeRecord(
                assignment=grade.assignment, student_id=grade.student_id, notebook=grade.notebook,
                submission_hash=grade.submission_hash, source_hash=grade.source_hash,
                graded_at=datetime.now(timezone.utc), status=grade.status, reason=grade.reason,
                flags=json.dumps(grade.flags), score=grade.score, max_score=grade.max_score,
                pending=grade.pending, seconds=grade.seconds)
            row.cells = [CellGrade(position=i, grade_id=c.grade_id, points=c.points,
                                   max_points=c.max_points, outcome=c.outcome, message=c.message,
                                   manual=c.manual) for i, c in enumerate(grade.cells)]
            session.add(row)
            session.flush()
            return row.id

    def latest(self, assignment: str, student_id: str, notebook: str) -> GradeRecord | None:
        with Session(self.engine, expire_on_commit=False) as session:
            row = session.scalars(
                select(GradeRecord).where(GradeRecord.assignment == assignment,
                                          GradeRecord.student_id == student_id,
                                          GradeRecord.notebook == notebook)
                .order_by(GradeRecord.id.desc()).limit(1)).first()
            if row is not None:
                _ = row.cells  # load before the session closes
            return row

    def latest_records(self, assignment: str | None = None) -> list[GradeRecord]:
        """The newest record of every (assignment, student, notebook), in a stable order."""
        with Session(self.engine, expire_on_commit=False) as session:
            query = select(GradeRecord).order_by(GradeRecord.id)
            if assignment:
                query = query.where(GradeRecord.assignment == assignment)
            newest: dict[tuple[str, str, str], GradeRecord] = {}
            for row in session.scalars(query):
                newest[(row.assignment, row.student_id, row.notebook)] = row
            for row in newest.values():
                _ = row.cells
            return sorted(newest.values(), key=lambda r: (r.assignment, r.student_id, r.notebook))

    def history(self, assignment: str, student_id: str) -> list[GradeRecord]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(
                select(GradeRecord).where(GradeRecord.assignment == assignment,
                                          GradeRecord.student_id == student_id)
                .order_by(GradeRecord.id)))
