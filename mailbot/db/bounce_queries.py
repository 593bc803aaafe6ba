"""What a delivery failure reads: the clients of the mail it names, the address it failed for."""

from __future__ import annotations

from sqlalchemy import ScalarResult, select
from sqlalchemy.orm import Session

from mailbot.db.models import ClientEmail, OutgoingMessage


def clients_of_messages(session: Session, message_ids: set[str]) -> ScalarResult[int | None]:
    """The client of each of our recorded mails with these Message-IDs."""
    return session.scalars(
        select(OutgoingMessage.client_id).where(OutgoingMessage.message_id.in_(message_ids))
    )


def client_address(session: Session, address: str) -> ClientEmail | None:
    """The client address recorded as ``address``, if any."""
    return session.scalars(select(ClientEmail).where(ClientEmail.address == address)).first()
