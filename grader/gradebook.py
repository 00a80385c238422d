"""The gradebook: every grade ever given, in a real database through SQLAlchemy.

Append-only: grading a submission again adds a record and never rewrites an old one, so a grade
once written is never lost or silently changed, and a regrade of changed work shows as a new
record with a new submission hash. Each record and its cell grades go in one transaction: a crash
mid-batch leaves every earlier grade intact, and the batch resumes where it stopped. A person's
grade (a manual cell scored, an autograded cell overridden) is a record of its own, also never
rewritten: the newest one for a cell is its grade, and the ones before it are its history.

The schema changes only through the migrations in grader/migrations (Alembic): opening a
gradebook upgrades it, whichever gc100 wrote it, and keeps every record.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (Boolean, Column, Connection, DateTime, Engine, Float, ForeignKey, Integer,
                        String, Table, Text, create_engine, event, func, inspect, select, text)
from sqlalchemy.orm import (DeclarativeBase, Mapped, Session, mapped_column, relationship,
                            selectinload)

from grader.score import CellScore


class Base(DeclarativeBase):
    pass


class GradebookError(ValueError):
    """A write the gradebook refuses; the message is one line a grader can act on."""


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
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
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


class Student(Base):
    """One row of the roster (`gc100 roster import`): who should hand work in."""

    __tablename__ = "students"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    """An account of the console: an instructor, or a grader who may only grade."""

    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # instructor | grader
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # every session cookie names it; moving it on ends every session of the account
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


manual_grade_comments = Table(
    "manual_grade_comments", Base.metadata,
    Column("manual_grade_id", ForeignKey("manual_grades.id"), primary_key=True),
    Column("comment_id", ForeignKey("bank_comments.id"), primary_key=True))


class BankComment(Base):
    """A comment written once for one question and applied to many answers: editing it changes
    what every answer it was applied to says."""

    __tablename__ = "bank_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment: Mapped[str] = mapped_column(String(200), index=True)
    grade_id: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ManualGrade(Base):
    """A person's grade of one cell of one student's notebook: `manual` for a cell that waits for
    a person, `override` (with a reason) for an autograded one. Never rewritten. It grades the
    work whose hash it names: once the student hands in changed work, it is history."""

    __tablename__ = "manual_grades"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment: Mapped[str] = mapped_column(String(200), index=True)
    student_id: Mapped[str] = mapped_column(String(200), index=True)
    notebook: Mapped[str] = mapped_column(String(300))
    submission_hash: Mapped[str] = mapped_column(String(64))
    grade_id: Mapped[str] = mapped_column(String(200))
    points: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))  # manual | override
    grader: Mapped[str] = mapped_column(String(100))
    graded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comments: Mapped[list[BankComment]] = relationship(secondary=manual_grade_comments,
                                                       order_by=BankComment.id)


# -- the schema's history ------------------------------------------------------------------------

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0003_sessions"  # the newest revision in grader/migrations (a test checks they agree)
BEFORE_MIGRATIONS = "0001_grades"  # the schema of gradebooks written before migrations existed


def schema_revision(connection: Connection) -> str | None:
    """The revision a gradebook is at: None for an empty database, BEFORE_MIGRATIONS for one that
    gc100 wrote before it had migrations."""
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    if current is None and inspect(connection).has_table("grade_records"):
        return BEFORE_MIGRATIONS
    return current


@contextlib.contextmanager
def _migration_lock(engine: Engine, connection: Connection) -> Iterator[None]:
    """One process migrates at a time: two gc100 commands opening a new gradebook at once must
    not both create its tables."""
    database = engine.url.database or ""
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        with open(database + ".migrating", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
        return
    if engine.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_lock(4210042)"))  # any constant of ours
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(4210042)"))
        return
    yield


def alembic_config(connection: Connection):
    """Alembic's configuration for running the gradebook's migrations on `connection`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Bring the gradebook's schema to the newest revision through the migrations, stamping a
    gradebook from before migrations with its revision first."""
    from alembic import command

    with engine.connect() as connection:
        if schema_revision(connection) == HEAD:
            return
    with engine.connect() as connection, _migration_lock(engine, connection):
        connection.commit()  # the lock's own statement must not hold a transaction open
        config = alembic_config(connection)
        if schema_revision(connection) == BEFORE_MIGRATIONS and \
                not inspect(connection).has_table("alembic_version"):
            command.stamp(config, BEFORE_MIGRATIONS)
        command.upgrade(config, "head")
        connection.commit()


class CellTotals:
    """A notebook's totals from its `cells` (points None: waiting for a person)."""

    cells: list | tuple

    @property
    def score(self) -> float:
        return sum(c.points or 0.0 for c in self.cells)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.cells)

    @property
    def pending(self) -> bool:
        return any(c.points is None for c in self.cells)


@dataclass(frozen=True)
class NotebookGrade(CellTotals):
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
    submitted_at: datetime | None = None


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
        migrate(self.engine)

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
                pending=grade.pending, seconds=grade.seconds, submitted_at=grade.submitted_at)
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

    def latest_records(self, assignment: str | None = None,
                       student_id: str | None = None) -> list[GradeRecord]:
        """The newest record of every (assignment, student, notebook), in a stable order."""
        newest = select(func.max(GradeRecord.id)).group_by(
            GradeRecord.assignment, GradeRecord.student_id, GradeRecord.notebook)
        if assignment:
            newest = newest.where(GradeRecord.assignment == assignment)
        if student_id:
            newest = newest.where(GradeRecord.student_id == student_id)
        with Session(self.engine, expire_on_commit=False) as session:
            rows = session.scalars(select(GradeRecord).where(GradeRecord.id.in_(newest))
                                   .options(selectinload(GradeRecord.cells)))
            return sorted(rows, key=lambda r: (r.assignment, r.student_id, r.notebook))

    def assignments(self) -> list[str]:
        """Every assignment with a grade, in name order."""
        with Session(self.engine) as session:
            return list(session.scalars(select(GradeRecord.assignment).distinct()
                                        .order_by(GradeRecord.assignment)))

    def history(self, assignment: str, student_id: str) -> list[GradeRecord]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(
                select(GradeRecord).where(GradeRecord.assignment == assignment,
                                          GradeRecord.student_id == student_id)
                .order_by(GradeRecord.id)))

    # -- the roster --------------------------------------------------------------------------

    def import_roster(self, entries: list[tuple[str, str, str]]) -> tuple[int, int]:
        """Add or update (id, name, email) rows in one transaction; nobody is removed, so a
        re-import of a shorter file loses no student. Returns (added, updated)."""
        added = updated = 0
        now = datetime.now(timezone.utc)
        with Session(self.engine) as session, session.begin():
            for student_id, name, email in entries:
                row = session.get(Student, student_id)
                if row is None:
                    session.add(Student(id=student_id, name=name, email=email, imported_at=now))
                    added += 1
                elif (row.name, row.email) != (name, email):
                    row.name, row.email, row.imported_at = name, email, now
                    updated += 1
        return added, updated

    def roster(self) -> list[Student]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(select(Student).order_by(Student.id)))

    # -- accounts ----------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password_hash: str) -> None:
        """A new account, or a new password and role for an existing one."""
        with Session(self.engine) as session, session.begin():
            row = session.get(User, name)
            if row is None:
                session.add(User(name=name, role=role, password_hash=password_hash,
                                 created_at=datetime.now(timezone.utc), failed_logins=0))
            else:  # a new password ends the sessions the old one opened
                row.role, row.password_hash, row.failed_logins = role, password_hash, 0
                row.session_epoch += 1

    def end_sessions(self, name: str) -> None:
        """Every session of the account stops working, wherever its cookie was copied."""
        with Session(self.engine) as session, session.begin():
            row = session.get(User, name)
            if row is not None:
                row.session_epoch += 1

    def user(self, name: str) -> User | None:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.get(User, name)

    def users(self) -> list[User]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(select(User).order_by(User.name)))

    def note_login(self, name: str, succeeded: bool) -> None:
        """Count failed sign-ins in a row (the console slows down after several); a success
        resets the count."""
        with Session(self.engine) as session, session.begin():
            row = session.get(User, name)
            if row is None:
                return
            if succeeded:
                row.failed_logins, row.last_failed_at = 0, None
            else:
                row.failed_logins += 1
                row.last_failed_at = datetime.now(timezone.utc)

    # -- grades given by a person ------------------------------------------------------------

    def record_manual(self, assignment: str, student_id: str, notebook: str, grade_id: str,
                      points: float, grader: str, *, comment: str = "", reason: str = "",
                      comment_ids: tuple[int, ...] = ()) -> ManualGrade:
        """A person's grade of one cell, as a new record: `manual` where the autograder left
        the cell to a person, `override` (a reason required) where it scored the cell itself.
        Refused, with a one-line `GradebookError`, for a cell the latest grading does not have,
        points outside 0..max, or bank comments of another question."""
        latest = self.latest(assignment, student_id, notebook)
        cell = next((c for c in latest.cells if c.grade_id == grade_id), None) if latest else None
        if cell is None:
            raise GradebookError(f"{student_id} has no graded cell {grade_id} in {assignment}/{notebook}")
        if not (isinstance(points, int | float) and 0 <= points <= cell.max_points):
            raise GradebookError(f"{grade_id} takes 0 to {cell.max_points:g} points, not {points}")
        kind = "manual" if cell.manual else "override"
        if kind == "override" and not reason.strip():
            raise GradebookError(f"{grade_id} is autograded: overriding it needs a reason")
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            chosen = list(session.scalars(select(BankComment).where(BankComment.id.in_(comment_ids)))) \
                if comment_ids else []
            if len(chosen) != len(set(comment_ids)) or any(
                    (c.assignment, c.grade_id) != (assignment, grade_id) for c in chosen):
                raise GradebookError(f"a comment applied to {grade_id} is not in its comment bank")
            row = ManualGrade(assignment=assignment, student_id=student_id, notebook=notebook,
                              submission_hash=latest.submission_hash, grade_id=grade_id, points=float(points), comment=comment,
                              reason=reason, kind=kind, grader=grader,
                              graded_at=datetime.now(timezone.utc), comments=chosen)
            session.add(row)
            session.flush()
            _ = [c.text for c in row.comments]
            return row

    def manual_grades(self, assignment: str | None = None,
                      student_id: str | None = None) -> list[ManualGrade]:
        """Every grade a person gave (for `assignment`, to `student_id`), oldest first: the last
        one for a cell is its current grade."""
        with Session(self.engine, expire_on_commit=False) as session:
            query = select(ManualGrade).order_by(ManualGrade.id).options(
                selectinload(ManualGrade.comments))
            if assignment:
                query = query.where(ManualGrade.assignment == assignment)
            if student_id:
                query = query.where(ManualGrade.student_id == student_id)
            return list(session.scalars(query))

    # -- the comment bank --------------------------------------------------------------------

    def add_comment(self, assignment: str, grade_id: str, text_: str, author: str) -> BankComment:
        if not text_.strip():
            raise GradebookError("a bank comment needs some text")
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            row = BankComment(assignment=assignment, grade_id=grade_id, text=text_.strip(),
                              author=author, updated_at=datetime.now(timezone.utc))
            session.add(row)
            session.flush()
            return row

    def edit_comment(self, comment_id: int, text_: str, author: str) -> None:
        """Change a bank comment's text everywhere it was applied."""
        if not text_.strip():
            raise GradebookError("a bank comment needs some text")
        with Session(self.engine) as session, session.begin():
            row = session.get(BankComment, comment_id)
            if row is None:
                raise GradebookError(f"no bank comment {comment_id}")
            row.text, row.author, row.updated_at = text_.strip(), author, datetime.now(timezone.utc)

    def comments(self, assignment: str, grade_id: str) -> list[BankComment]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(
                select(BankComment).where(BankComment.assignment == assignment,
                                          BankComment.grade_id == grade_id)
                .order_by(BankComment.id)))
