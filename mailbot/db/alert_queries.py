"""What the risk alerts read: an alert by its message, the alerts not yet emailed, the list."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, ScalarResult, select
from sqlalchemy.orm import Session

from mailbot.db.models import Client, OutgoingMessage, RiskAlert, Submission


def alert_of_message(session: Session, key: str) -> int | None:
    """The alert already recorded for the message of this dedupe key, if any."""
    return session.scalars(select(RiskAlert.id).where(RiskAlert.dedupe_key == key)).first()


def submission_of_message(session: Session, key: str) -> int | None:
    """The submission filed from the message of this dedupe key, if any."""
    return session.scalars(select(Submission.id).where(Submission.dedupe_key == key)).first()


def first_unsent_alert(session: Session) -> int | None:
    """One alert not yet emailed, if any."""
    return session.scalars(select(RiskAlert.id).where(RiskAlert.outgoing_id.is_(None))).first()


def unsent_alerts(session: Session) -> list[int]:
    """Every alert not yet emailed."""
    return list(session.scalars(select(RiskAlert.id).where(RiskAlert.outgoing_id.is_(None))))


def outgoing_by_message_id(session: Session, message_id: str) -> int | None:
    """The recorded outgoing email of this Message-ID, if any."""
    return session.scalars(select(OutgoingMessage.id).where(OutgoingMessage.message_id == message_id)).first()


def open_alerts_of(session: Session, message_ids: set[str]) -> ScalarResult[RiskAlert]:
    """The open alerts about these client messages."""
    return session.scalars(
        select(RiskAlert).where(RiskAlert.state == "open", RiskAlert.message_id.in_(sorted(message_ids)))
    )


def alerts_with_names(session: Session) -> Sequence[Row[RiskAlert, str]]:
    """Every alert with its client's name, newest first."""
    return session.execute(
        select(RiskAlert, Client.name)
        .join(Client, RiskAlert.client_id == Client.id)
        .order_by(RiskAlert.id.desc())
    ).all()
