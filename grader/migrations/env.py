"""Alembic's entry point for the gradebook: always run on a connection grader.gradebook opened
(`config.attributes["connection"]`), never from an ini file's URL, so a course's gradebook
migrates itself when gc100 opens it."""

from __future__ import annotations

from alembic import context

from grader.gradebook import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the gradebook's migrations run through grader.gradebook.migrate, "
                       "on a connection it opened")
# batch mode: SQLite alters a table by copying it, which later migrations may need
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
