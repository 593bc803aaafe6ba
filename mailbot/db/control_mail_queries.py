"""What the mail-control passes read of the therapist's mails to mailbot (ControlMail): whether
one is recorded, those waiting for a client or an answer, those answered and to be tidied."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, ScalarResult, select
from sqlalchemy.orm import Session

from mailbot.db.models import ControlMail, OutgoingMessage


def recorded(session: Session, key: str) -> bool:
    """Whether the mail of this key is recorded already."""
    return session.scalars(select(ControlMail.id).where(ControlMail.key == key)).first() is not None


def waiting_for(session: Session, addresses: list[str]) -> ScalarResult[ControlMail]:
    """Homework written to any of these addresses before they were a client's."""
    return session.scalars(select(ControlMail).where(ControlMail.waiting_for.in_(addresses)))


def to_answer(session: Session) -> list[int]:
    """The mails acted on and not yet answered, oldest first."""
    return list(
        session.scalars(select(ControlMail.id).where(ControlMail.state == "acted").order_by(ControlMail.id))
    )


def replied(
    session: Session,
) -> Sequence[Row[int, str, datetime, dict[str, Any] | None, str, OutgoingMessage | None]]:
    """(id, Message-ID, received, request, kind, answer email) of the mails answered, to tidy."""
    return session.execute(
        select(
            ControlMail.id,
            ControlMail.message_id,
            ControlMail.received_at,
            ControlMail.request,
            ControlMail.kind,
            OutgoingMessage,
        )
        .outerjoin(OutgoingMessage, ControlMail.reply_id == OutgoingMessage.id)
        .where(ControlMail.state == "replied")
    ).all()


def homework_answered_by(session: Session, message_ids: list[str]) -> ControlMail | None:
    """The homework mail whose answer has one of these Message-IDs, if any."""
    return session.scalars(
        select(ControlMail)
        .join(OutgoingMessage, ControlMail.reply_id == OutgoingMessage.id)
        .where(OutgoingMessage.message_id.in_(message_ids), ControlMail.kind == "homework")
    ).first()
