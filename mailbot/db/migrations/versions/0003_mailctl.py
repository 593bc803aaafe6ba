"""control mail: the therapist's commands by mail and homework set by writing it

Revision ID: 0003_mailctl
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_mailctl"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "control_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=True),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("waiting_for", sa.String(length=320), nullable=True),
        sa.Column("request", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reply_id"], ["outgoing_message.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("control_mail", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_control_mail_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_control_mail_waiting_for"), ["waiting_for"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("control_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_control_mail_waiting_for"))
        batch_op.drop_index(batch_op.f("ix_control_mail_state"))
    op.drop_table("control_mail")
