"""The gradebook: its schema comes only from migrations, old gradebooks upgrade without losing a
record, a person's grades are append-only records laid over the autograder's, and all of it works
on SQLite and on a real PostgreSQL server (tests/postgres_server.py)."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from grader.current import current_grades
from grader.gradebook import (
    BEFORE_MIGRATIONS,
    HEAD,
    MIGRATIONS,
    Base,
    Gradebook,
    GradebookError,
    NotebookGrade,
    alembic_config,
    migrate,
    schema_revision,
)
from grader.score import CellScore

BEFORE = Path(__file__).parent / "data" / "gradebook-before-migrations.db"  # gc100 grade, at 64929e5


def _grade(student: str, *, written: float | None = None, auto: float = 2.0,
           hash_: str = "h1") -> NotebookGrade:
    """One notebook: an autograded test worth 2 and a written answer worth 3 for a person."""
    cells = [CellScore("ex1_tests", auto, 2.0, "passed" if auto == 2 else "failed",
                       "" if auto == 2 else "AssertionError: squares(3) gave [1, 4]"),
             CellScore("ex2_written", written, 3.0, "pending", "", manual=True)]
    return NotebookGrade("ps1", student, "ps1.ipynb", hash_, "s1", "graded", "", [], cells)


def test_head_is_the_newest_migration() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_heads() == [HEAD]
    assert script.get_base() == BEFORE_MIGRATIONS


def test_the_migrations_build_exactly_the_models(gradebook_url: str) -> None:
    """What the migrations create is what the models describe: columns, types, indexes and keys
    (Alembic's autogenerate finds nothing to add), on SQLite and on PostgreSQL."""
    with Gradebook(gradebook_url) as gradebook, gradebook.engine.connect() as connection:
        assert schema_revision(connection) == HEAD
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_migration_goes_down_and_up_again(gradebook_url: str) -> None:
    with Gradebook(gradebook_url) as gradebook:
        gradebook.record(_grade("ann"))
        with gradebook.engine.connect() as connection:
            command.downgrade(alembic_config(connection), BEFORE_MIGRATIONS)
            connection.commit()
            assert schema_revision(connection) == BEFORE_MIGRATIONS
        migrate(gradebook.engine)
        assert [r.student_id for r in gradebook.latest_records()] == ["ann"]


def _rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("grade_records", "cell_grades")}


def test_a_gradebook_from_before_migrations_upgrades_and_keeps_every_record(tmp_path: Path) -> None:
    """tests/data/gradebook-before-migrations.db was written by `gc100 grade` (three students of
    day 1, one graded twice) before the gradebook had migrations. Opening it stamps it, upgrades
    it to the newest schema, and every row of every table reads back unchanged; new work
    records beside the old."""
    path = tmp_path / "gradebook.db"
    shutil.copy(BEFORE, path)
    before = _rows(path)
    assert len(before["grade_records"]) == 4 and len(before["cell_grades"]) == 16
    with Gradebook(f"sqlite:///{path}") as gradebook:
        with gradebook.engine.connect() as connection:
            assert schema_revision(connection) == HEAD
        latest = {r.student_id: r.score for r in gradebook.latest_records()}
        assert latest == {"ada": 10.0, "ben": 6.0, "cleo": 0.0}
        assert len(gradebook.history("day001-learning-sandbox", "ben")) == 2
        assert all(r.submitted_at is None for r in gradebook.latest_records())
    after = _rows(path)
    assert [row[:14] for row in after["grade_records"]] == before["grade_records"]
    assert after["cell_grades"] == before["cell_grades"]
    with Gradebook(f"sqlite:///{path}") as gradebook:  # opening again changes nothing
        gradebook.record(_grade("dev"))
        assert len(gradebook.latest_records()) == 4
    assert _rows(path)["cell_grades"][:16] == before["cell_grades"]


def _open(url: str) -> str:
    with Gradebook(url) as gradebook:
        gradebook.record(_grade("ann"))
    return "ok"


def test_two_processes_opening_a_new_gradebook_at_once_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert pool.map(_open, [url, url]) == ["ok", "ok"]
    with Gradebook(url) as gradebook:
        assert len(gradebook.history("ps1", "ann")) == 2


def test_a_persons_grade_is_a_new_record_and_the_newest_counts(gradebook_url: str) -> None:
    with Gradebook(gradebook_url) as gradebook:
        gradebook.record(_grade("ann", auto=0.0))
        assert current_grades(gradebook)[0].pending
        bank = gradebook.add_comment("ps1", "ex2_written", "Name the invariant.", "tess")
        gradebook.record_manual("ps1", "ann", "ps1.ipynb", "ex2_written", 2, "tess",
                                comment="Good start.", comment_ids=(bank.id,))
        gradebook.record_manual("ps1", "ann", "ps1.ipynb", "ex2_written", 2.5, "uma")
        gradebook.record_manual("ps1", "ann", "ps1.ipynb", "ex1_tests", 1, "tess",
                                reason="the test is too strict about order")
        (notebook,) = current_grades(gradebook)
        written = {c.grade_id: c for c in notebook.cells}["ex2_written"]
        assert (written.points, written.by, written.source) == (2.5, "uma", "manual")
        assert [(h.points, h.grader) for h in written.history] == [(2.0, "tess"), (2.5, "uma")]
        override = {c.grade_id: c for c in notebook.cells}["ex1_tests"]
        assert (override.points, override.source, override.reason) == \
            (1.0, "override", "the test is too strict about order")
        assert override.autograded.points == 0.0  # the autograder's grade is kept as it was
        assert (notebook.score, notebook.max_score, notebook.pending) == (3.5, 5.0, False)
        gradebook.edit_comment(bank.id, "Name the loop invariant.", "tess")
        assert gradebook.manual_grades()[0].comments[0].text == "Name the loop invariant."
        assert len(gradebook.manual_grades()) == 3


def test_a_persons_grade_counts_for_the_work_it_graded(gradebook_url: str) -> None:
    """Changed work, regraded by the autograder, waits for a person again; the same work
    regraded keeps the person's grade."""
    with Gradebook(gradebook_url) as gradebook:
        gradebook.record(_grade("ann"))
        gradebook.record_manual("ps1", "ann", "ps1.ipynb", "ex2_written", 3, "tess")
        gradebook.record(_grade("ann"))  # gc100 grade --force: the same submission
        assert current_grades(gradebook)[0].score == 5.0
        gradebook.record(_grade("ann", hash_="h2"))  # the student handed in changed work
        (notebook,) = current_grades(gradebook)
        assert notebook.pending and notebook.score == 2.0
        assert len(gradebook.manual_grades()) == 1  # still there, as history


@pytest.mark.parametrize(("cell", "points", "reason", "why"), [
    ("ex3_nothing", 1, "", "has no graded cell ex3_nothing"),
    ("ex2_written", 4, "", "takes 0 to 3 points, not 4"),
    ("ex2_written", -1, "", "takes 0 to 3 points"),
    ("ex1_tests", 1, " ", "is autograded: overriding it needs a reason"),
])
def test_a_grade_that_cannot_be_right_is_refused(tmp_path: Path, cell: str, points: float,
                                                  reason: str, why: str) -> None:
    with Gradebook(f"sqlite:///{tmp_path / 'g.db'}") as gradebook:
        gradebook.record(_grade("ann"))
        with pytest.raises(GradebookError, match=why):
            gradebook.record_manual("ps1", "ann", "ps1.ipynb", cell, points, "tess", reason=reason)
        assert gradebook.manual_grades() == []


def test_a_bank_comment_of_another_question_is_refused(tmp_path: Path) -> None:
    with Gradebook(f"sqlite:///{tmp_path / 'g.db'}") as gradebook:
        gradebook.record(_grade("ann"))
        other = gradebook.add_comment("ps1", "ex1_tests", "Check the order.", "tess")
        with pytest.raises(GradebookError, match="not in its comment bank"):
            gradebook.record_manual("ps1", "ann", "ps1.ipynb", "ex2_written", 1, "tess",
                                    comment_ids=(other.id,))


def test_the_roster_reimports_without_losing_anyone(gradebook_url: str) -> None:
    with Gradebook(gradebook_url) as gradebook:
        assert gradebook.import_roster([("ann", "Ann", "ann@example.org"),
                                        ("bob", "Bob", "")]) == (2, 0)
        assert gradebook.import_roster([("ann", "Ann Lee", "ann@example.org")]) == (0, 1)
        assert [(s.id, s.name) for s in gradebook.roster()] == [("ann", "Ann Lee"), ("bob", "Bob")]


def test_failed_sign_ins_are_counted_until_one_succeeds(gradebook_url: str) -> None:
    with Gradebook(gradebook_url) as gradebook:
        gradebook.add_user("tess", "grader", "not-a-real-hash")
        for _ in range(3):
            gradebook.note_login("tess", succeeded=False)
        assert gradebook.user("tess").failed_logins == 3
        gradebook.note_login("tess", succeeded=True)
        assert gradebook.user("tess").failed_logins == 0


def test_postgresql_is_really_postgresql(postgresql_server) -> None:
    """The PostgreSQL runs are not SQLite in disguise."""
    with Gradebook(postgresql_server.new_database()) as gradebook, \
            gradebook.engine.connect() as connection:
        assert gradebook.engine.dialect.name == "postgresql"
        assert connection.execute(text("SELECT version()")).scalar().startswith("PostgreSQL")
