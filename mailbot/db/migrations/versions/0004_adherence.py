"""adherence: sessions, closing and renewing, corrections, one credit per dated entry

The client's next session and the RRULE of their sessions (reminder wording, session brief);
when an assignment closed and was last renewed (the missed streak that stops reminders counts
from a renewal); who set an occurrence's status (the therapist's correction is final); and one
row per occurrence a submission credits, since a mail covering two days credits two; and what
each draft said as written, so that only an untouched draft is ever removed.

Revision ID: 0004_adherence
Revises: 0003_mailctl
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_adherence"
down_revision: str | None = "0003_mailctl"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_session", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("sessions", sa.String(length=500), nullable=True))
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("renewed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("occurrence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("set_by", sa.String(length=16), nullable=True))
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_sha256", sa.String(length=64), nullable=True))
    op.create_table(
        "credit",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["occurrence_id"], ["occurrence.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("submission_id", "occurrence_id"),
    )
    with op.batch_alter_table("credit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_credit_occurrence_id"), ["occurrence_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("credit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_occurrence_id"))
    op.drop_table("credit")
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_column("content_sha256")
    with op.batch_alter_table("occurrence", schema=None) as batch_op:
        batch_op.drop_column("set_by")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_column("renewed_at")
        batch_op.drop_column("closed_at")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("sessions")
        batch_op.drop_column("next_session")
