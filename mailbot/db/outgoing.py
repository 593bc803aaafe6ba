"""What send_once reads and takes over (sending.py): the record of one outgoing message, found
by its Message-ID, and the audit trail of its refusals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from mailbot.db.models import AuditEvent, OutgoingMessage


def sent_record(session: Session, message_id: str) -> Row[int, datetime] | None:
    """(id, created_at) of the outgoing message ``message_id``, if one was recorded."""
    return session.execute(
        select(OutgoingMessage.id, OutgoingMessage.created_at).where(OutgoingMessage.message_id == message_id)
    ).first()


def last_refusal_detail(session: Session, outgoing_id: int, since: datetime) -> str | None:
    """The audit detail of the latest "mail_failed" of outgoing message ``outgoing_id``."""
    return session.scalar(
        select(AuditEvent.detail)
        .where(
            AuditEvent.at >= since,  # by the index on time: the audit trail is long
            AuditEvent.entity == "outgoing_message",
            AuditEvent.entity_id == outgoing_id,
            AuditEvent.action == "mail_failed",
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


def outgoing_id(session: Session, message_id: str) -> int | None:
    return session.scalar(select(OutgoingMessage.id).where(OutgoingMessage.message_id == message_id))


def pending_again_if_failed(session: Session, outgoing_id: int, now: datetime) -> bool:
    """Make a failed outgoing message pending again, created ``now``; whether it was failed."""
    taken = session.execute(
        update(OutgoingMessage)
        .where(OutgoingMessage.id == outgoing_id, OutgoingMessage.status == "failed")
        .values(status="pending", created_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]
