"""What the instructor's console records: the roster, accounts, manual grades and overrides
(append-only, each with who, when and why), the comment bank, and when work was submitted.

Revision ID: 0002_console
Revises: 0001_grades
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_console"
down_revision = "0001_grades"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # when the student handed the work in (nbgrader's timestamp.txt, else the file's time);
    # empty in records graded before this revision, which late work then treats as on time
    with op.batch_alter_table("grade_records") as batch:
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "students",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("email", sa.String(300), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False))
    op.create_table(
        "users",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "manual_grades",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignment", sa.String(200), nullable=False),
        sa.Column("student_id", sa.String(200), nullable=False),
        sa.Column("notebook", sa.String(300), nullable=False),
        sa.Column("submission_hash", sa.String(64), nullable=False),
        sa.Column("grade_id", sa.String(200), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("grader", sa.String(100), nullable=False),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=False))
    op.create_index("ix_manual_grades_assignment", "manual_grades", ["assignment"])
    op.create_index("ix_manual_grades_student_id", "manual_grades", ["student_id"])
    op.create_table(
        "bank_comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignment", sa.String(200), nullable=False),
        sa.Column("grade_id", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False))
    op.create_index("ix_bank_comments_assignment", "bank_comments", ["assignment"])
    op.create_table(
        "manual_grade_comments",
        sa.Column("manual_grade_id", sa.Integer(), sa.ForeignKey("manual_grades.id"),
                  primary_key=True),
        sa.Column("comment_id", sa.Integer(), sa.ForeignKey("bank_comments.id"),
                  primary_key=True))


def downgrade() -> None:
    op.drop_table("manual_grade_comments")
    op.drop_table("bank_comments")
    op.drop_index("ix_manual_grades_student_id", "manual_grades")
    op.drop_index("ix_manual_grades_assignment", "manual_grades")
    op.drop_table("manual_grades")
    op.drop_table("users")
    op.drop_table("students")
    with op.batch_alter_table("grade_records") as batch:
        batch.drop_column("submitted_at")
