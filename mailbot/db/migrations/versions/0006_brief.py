"""session brief: the client's last session set by hand

When the therapist sets the next session after one has taken place, the one that took place is
kept as ``last_session``: the session brief covers what came since it.

Revision ID: 0006_brief
Revises: 0005_trust
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_brief"
down_revision: str | None = "0005_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_session", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_column("last_session")
