"""performance, third round: a submission's move state in a narrow table of its own

``submission.imap_state`` moves to ``submission_move`` (one row per submission: its id and
the state). Settling a move changed the state's length, and SQLite rewrote the whole
submission row for it, its texts and answers with it (~20 KB a backlog's submission: 220 MB
of write-ahead log and ~1 CPU-s per 10,000 mails). Each submission's state is kept as it was.

Revision ID: 0008_mainio
Revises: 0007_perf
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_mainio"
down_revision: str | None = "0007_perf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "submission_move",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("imap_state", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("submission_id"),
    )
    op.create_index("ix_submission_move_imap_state", "submission_move", ["imap_state"], unique=False)
    op.execute(
        "INSERT INTO submission_move (submission_id, imap_state) SELECT id, imap_state FROM submission"
    )
    op.drop_index("ix_submission_imap_state", table_name="submission")
    # A plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch copy of the table: copying
    # would drop the old submission table, which foreign_keys=ON cascades to its attachments.
    op.drop_column("submission", "imap_state")


def downgrade() -> None:
    # Added nullable, then filled: SQLite cannot make it NOT NULL without copying the table.
    op.add_column("submission", sa.Column("imap_state", sa.String(length=16), nullable=True))
    op.execute(
        "UPDATE submission SET imap_state = (SELECT m.imap_state FROM submission_move AS m "
        "WHERE m.submission_id = submission.id)"
    )
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("submission", "imap_state", existing_type=sa.String(length=16), nullable=False)
    op.create_index("ix_submission_imap_state", "submission", ["imap_state"], unique=False)
    op.drop_index("ix_submission_move_imap_state", table_name="submission_move")
    op.drop_table("submission_move")
