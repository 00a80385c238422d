"""The gradebook's schema history, as Alembic migrations (see grader.gradebook.migrate)."""
