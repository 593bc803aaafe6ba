"""Sending mail at most once: every message is recorded before it leaves and marked after.

A message whose fate is unknown (the connection broke after the server may have taken it)
is marked "unknown" and reported, never sent again by mailbot.
"""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy.orm import Session, sessionmaker

from mailbot.db import transaction
from mailbot.faults import checkpoint
from mailbot.mail.imap import NETWORK_ERRORS as IMAP_ERRORS
from mailbot.mail.imap import SENT, Mailbox
from mailbot.mail.smtp import Outbox
from mailbot.models import OutgoingMessage
from mailbot.records import audit

log = logging.getLogger(__name__)

# Refusals that prove the server did not take the message: safe to call it failed.
REFUSED = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPHeloError,
    smtplib.SMTPNotSupportedError,
    smtplib.SMTPDataError,
)


RETRY_DELAYS = (1.0, 2.0, 4.0)


def _temporary(exc: BaseException) -> bool:
    """Whether an SMTP refusal is temporary (4xx), for every recipient it names."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in exc.recipients.values())
    code = getattr(exc, "smtp_code", 0)
    return isinstance(code, int) and 400 <= code < 500


def record(
    sessions: sessionmaker[Session],
    message: EmailMessage,
    kind: str,
    now: datetime,
    client_id: int | None = None,
    assignment_id: int | None = None,
) -> int:
    """Write down that ``message`` is about to be sent; its record id."""
    with transaction(sessions) as session:
        outgoing = OutgoingMessage(
            message_id=str(message["Message-ID"]),
            kind=kind,
            client_id=client_id,
            assignment_id=assignment_id,
            created_at=now,
            status="pending",
        )
        session.add(outgoing)
        session.flush()
        return outgoing.id


def deliver(
    sessions: sessionmaker[Session],
    outbox: Outbox,
    message: EmailMessage,
    outgoing_id: int,
    now: datetime,
    pause: Callable[[float], None] = time.sleep,
) -> str:
    """Send a recorded message once; its new status: "sent", "failed" or "unknown".

    A temporary refusal (a 4xx answer: the server said it did not take the message) is tried
    again after 1, 2 and 4 seconds; a broken connection is never retried, since the server may
    have taken the message before it broke.
    """
    checkpoint("send.before")
    status = "unknown"
    for delay in (*RETRY_DELAYS, None):
        try:
            outbox.send(message)
            status = "sent"
            break
        except REFUSED as exc:
            status = "failed"
            if delay is None or not _temporary(exc):
                log.warning(
                    "send: message %s refused by the SMTP server (%s)", outgoing_id, type(exc).__name__
                )
                break
            log.info("send: message %s refused for now; trying again in %d s", outgoing_id, delay)
            pause(delay)
        except (OSError, smtplib.SMTPException, ValueError) as exc:  # ValueError: smtplib's encoding
            status = "unknown"
            log.warning(
                "send: message %s outcome unknown (%s); it will not be resent",
                outgoing_id,
                type(exc).__name__,
            )
            break
    checkpoint("send.after")
    with transaction(sessions) as session:
        outgoing = session.get(OutgoingMessage, outgoing_id)
        assert outgoing is not None
        outgoing.status = status
        outgoing.sent_at = now if status == "sent" else None
        audit(session, now, f"mail_{status}", "outgoing_message", outgoing_id, f"kind={outgoing.kind}")
    return status


def copy_to_sent(
    mailbox: Mailbox, message: EmailMessage, configured: str | None, when: datetime, policy: bool | str
) -> bool:
    """Put a copy of a sent message into the therapist's Sent folder (marked read), as
    [smtp] append_to_sent (``policy``) says: "auto" leaves it to a provider that files what
    its SMTP server sent by itself (Gmail, Microsoft 365), where a copy would be a second one."""
    if policy is False or policy == "auto" and mailbox.files_sent_mail():
        return False
    try:
        folder = mailbox.special_folder(SENT, configured)
        if folder is None:
            log.warning("send: no Sent folder found; set [folders] sent to keep copies")
            return False
        mailbox.append(folder, bytes(message), flags=[b"\\Seen"], when=when)
        return True
    except IMAP_ERRORS as exc:
        log.warning("send: copying to Sent failed (%s)", type(exc).__name__)
        return False
