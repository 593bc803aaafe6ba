"""clinical trust: notes, risk alerts, the inbox's baseline

Submissions gain a ``kind`` ("answer" or "note") and ``flags`` ("risk"); a client's paused
reminders remember who paused them; a folder remembers the highest UID it held when mailbot first
looked at it (older mail is not filed by sender); worrying messages get a ``risk_alert`` each.

Revision ID: 0005_trust
Revises: 0004_adherence
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_trust"
down_revision: str | None = "0004_adherence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=16), server_default="answer", nullable=False))
        batch_op.add_column(sa.Column("flags", sa.JSON(), server_default="[]", nullable=False))
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_by", sa.String(length=16), nullable=True))
    with op.batch_alter_table("folder_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("baseline_uid", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("rescan_uid", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "risk_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("outgoing_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["outgoing_id"], ["outgoing_message.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedupe_key"),
    )
    with op.batch_alter_table("risk_alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_alert_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_risk_alert_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk_alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_alert_state"))
        batch_op.drop_index(batch_op.f("ix_risk_alert_client_id"))
    op.drop_table("risk_alert")
    with op.batch_alter_table("folder_state", schema=None) as batch_op:
        batch_op.drop_column("rescan_uid")
        batch_op.drop_column("baseline_uid")
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("paused_by")
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("flags")
        batch_op.drop_column("kind")
