"""The gradebook as gc100 first wrote it: grade records and their cells.

A gradebook made before migrations existed holds exactly these tables; grader.gradebook.migrate
stamps it with this revision and upgrades it from here.

Revision ID: 0001_grades
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_grades"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grade_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignment", sa.String(200), nullable=False),
        sa.Column("student_id", sa.String(200), nullable=False),
        sa.Column("notebook", sa.String(300), nullable=False),
        sa.Column("submission_hash", sa.String(64), nullable=False),
        sa.Column("source_hash", sa.String(64), nullable=False),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flags", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False))
    op.create_index("ix_grade_records_assignment", "grade_records", ["assignment"])
    op.create_index("ix_grade_records_student_id", "grade_records", ["student_id"])
    op.create_table(
        "cell_grades",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("record_id", sa.Integer(), sa.ForeignKey("grade_records.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("grade_id", sa.String(200), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False))
    op.create_index("ix_cell_grades_record_id", "cell_grades", ["record_id"])


def downgrade() -> None:
    op.drop_table("cell_grades")
    op.drop_table("grade_records")
