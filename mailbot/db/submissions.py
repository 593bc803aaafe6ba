"""Single look-ups about received mail that the therapist's corrections need (practice.refiling,
practice.triage, cli.setup): a submission by Message-ID, a risk flag by dedupe key, who owns an
address, whether any homework was ever filed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.db.models import ClientEmail, RiskAlert, Submission


def by_message_id(session: Session, message_id: str) -> Submission | None:
    return session.scalars(select(Submission).where(Submission.message_id == message_id)).first()


def risk_flagged(session: Session, dedupe_key: str) -> bool:
    """Whether a risk alert was raised on the message with ``dedupe_key``."""
    return bool(session.scalars(select(RiskAlert.id).where(RiskAlert.dedupe_key == dedupe_key)).first())


def address_owner(session: Session, address: str) -> ClientEmail | None:
    """The client address row of ``address`` (already lower case), if a client has it."""
    return session.scalars(select(ClientEmail).where(ClientEmail.address == address)).first()


def any_submission(session: Session) -> bool:
    return session.scalar(select(Submission.id).limit(1)) is not None
