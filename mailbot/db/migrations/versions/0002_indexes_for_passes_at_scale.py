"""indexes for passes at scale

Every query of the digest and the drafts pass is served by an index bounded by status or time,
so neither walks the history (docs/benchmarks.md, "Scheduling at scale"): submissions in triage;
submissions by time with their client, status and assignment (the index by time alone, which it
replaces, made the digest read whole rows to learn those); outgoing emails by when they were
written; reminders a crash left pending; open assignments; drafts still to write.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIAGE = "status = 'triage'"
PENDING = "status = 'pending'"


def upgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_received_at")
        batch_op.create_index(
            "ix_submission_received", ["received_at", "client_id", "status", "assignment_id"], unique=False
        )
        batch_op.create_index(
            "ix_submission_triage",
            ["received_at"],
            unique=False,
            sqlite_where=sa.text(TRIAGE),
            postgresql_where=sa.text(TRIAGE),
        )

    with op.batch_alter_table("outgoing_message", schema=None) as batch_op:
        batch_op.create_index("ix_outgoing_message_created_at", ["created_at"], unique=False)
        batch_op.create_index(
            "ix_outgoing_message_pending",
            ["kind"],
            unique=False,
            sqlite_where=sa.text(PENDING),
            postgresql_where=sa.text(PENDING),
        )

    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_status"), ["status"], unique=False)

    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_state"))

    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_status"))

    with op.batch_alter_table("outgoing_message", schema=None) as batch_op:
        batch_op.drop_index("ix_outgoing_message_pending")
        batch_op.drop_index("ix_outgoing_message_created_at")

    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_triage")
        batch_op.drop_index("ix_submission_received")
        batch_op.create_index("ix_submission_received_at", ["received_at"], unique=False)
