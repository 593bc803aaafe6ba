"""Sending mail at most once: every message is recorded before it leaves and marked after.

``send_once`` is the one way mail leaves mailbot: record, deliver over SMTP, then copy to the
therapist's Sent folder when one is wanted. A message whose fate is unknown (the connection
broke after the server may have taken it) is marked "unknown" and reported, never sent again.
"""

from __future__ import annotations

import logging
import re
import smtplib
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from email.message import EmailMessage
from types import TracebackType

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mailbot.db import outgoing as outgoing_queries
from mailbot.db.engine import transaction
from mailbot.db.models import OutgoingMessage
from mailbot.db.records import SERVER_SAID, audit, said_in
from mailbot.errors import MailbotError
from mailbot.faults import checkpoint
from mailbot.mail.connect import MAIL_FAILURES, server_words
from mailbot.mail.imap import NETWORK_ERRORS as IMAP_ERRORS
from mailbot.mail.imap import SENT
from mailbot.mail.ports import HoldsMail, SendsMail

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
# What opening or using IMAP for a Sent copy may raise: the copy is lost, never the sending.
COPY_FAILURES: tuple[type[BaseException], ...] = (MailbotError, *MAIL_FAILURES)
ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def refusal_words(exc: BaseException) -> str:
    """What the SMTP server said when it refused a message, every email address in it written
    "[address]": a refusal often names the recipient, and these words reach the log, the
    audit trail, the digest and the command line."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        said = [
            server_words(smtplib.SMTPResponseException(code, msg)) for code, msg in exc.recipients.values()
        ]
        words = "; ".join(dict.fromkeys(said))
    else:
        words = server_words(exc)
    return ADDRESS.sub("[address]", words)


def refusal(sessions: sessionmaker[Session], message_id: str) -> str | None:
    """The server's words (addresses hidden) when it last refused the message ``message_id``;
    None when it did not refuse it."""
    with sessions() as session:
        sent = outgoing_queries.sent_record(session, message_id)
        if sent is None:
            return None
        detail = outgoing_queries.last_refusal_detail(session, sent.id, sent.created_at)
    return said_in(detail) if detail is not None else None


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
    also: Callable[[Session, int], None] | None = None,
) -> int | None:
    """Write down that ``message`` is about to be sent; its record id, or None when its
    Message-ID (or what ``also`` writes) is recorded already. ``also`` writes what belongs with
    the record (a reminder's items, an alert's link) in the same transaction, given the record's
    id; whatever else it raises rolls the record back and reaches the caller."""
    try:
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
            if also is not None:
                also(session, outgoing.id)
            return outgoing.id
    except IntegrityError:
        return None


def deliver(
    sessions: sessionmaker[Session],
    outbox: SendsMail,
    message: EmailMessage,
    outgoing_id: int,
    now: datetime,
    pause: Callable[[float], None] = time.sleep,
) -> str:
    """Send a recorded message once; its new status: "sent", "failed" or "unknown".

    A temporary refusal (a 4xx answer: the server said it did not take the message) is tried
    again after 1, 2 and 4 seconds; a broken connection is never retried, since the server may
    have taken the message before it broke. The words of a final refusal, addresses hidden, are
    kept in the audit trail for the digest and the command line (``refusal``).
    """
    checkpoint("send.before")
    status, said = "unknown", ""
    for delay in (*RETRY_DELAYS, None):
        try:
            outbox.send(message)
            status = "sent"
            break
        except REFUSED as exc:
            status, said = "failed", refusal_words(exc)
            if delay is None or not _temporary(exc):
                log.warning("send: message %s refused by the SMTP server (%s)", outgoing_id, said)
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
        detail = f"kind={outgoing.kind}" + (f"{SERVER_SAID}{said}" if status == "failed" else "")
        audit(session, now, f"mail_{status}", "outgoing_message", outgoing_id, detail)
    return status


def copy_to_sent(
    mailbox: HoldsMail, message: EmailMessage, configured: str | None, when: datetime, policy: bool | str
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


class SentCopies:
    """Copies of sent mail for the therapist's Sent folder, as [smtp] append_to_sent says.

    IMAP is opened at the first copy wanted, once for a whole pass, and closed with this object.
    A failure of IMAP costs the copies only, never the sending: mail that needs only SMTP still
    goes out while the IMAP server is down."""

    def __init__(self, open_mailbox: Callable[[], HoldsMail], folder: str | None, policy: bool | str):
        self._open, self.folder, self.policy = open_mailbox, folder, policy
        self._mailbox: HoldsMail | None = None
        self._unreachable = False
        self._stack = ExitStack()

    def keep(self, message: EmailMessage, when: datetime) -> bool:
        """Copy ``message`` (sent at ``when``) into Sent; whether a copy was made."""
        if self.policy is False or self._unreachable:
            return False
        try:
            if self._mailbox is None:
                self._mailbox = self._stack.enter_context(self._open())
            return copy_to_sent(self._mailbox, message, self.folder, when, self.policy)
        except COPY_FAILURES as exc:
            self._unreachable = True  # one warning a pass, not one timeout a message
            log.warning("send: sent, but not copied to the Sent folder (%s)", type(exc).__name__)
            return False

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> SentCopies:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def send_once(
    sessions: sessionmaker[Session],
    outbox: SendsMail,
    message: EmailMessage,
    kind: str,
    now: datetime,
    *,
    client_id: int | None = None,
    assignment_id: int | None = None,
    also: Callable[[Session, int], None] | None = None,
    take_over_refused: bool = False,
    sent: SentCopies | None = None,
) -> str | None:
    """Record ``message``, deliver it over ``outbox``, then copy it to Sent (with ``sent``).

    Its delivery status ("sent", "failed" or "unknown"), or None when its Message-ID (or what
    ``also`` writes) was recorded already: by an earlier pass, or by one killed mid-way, whose
    outcome stands; the message is not sent again. With ``take_over_refused``, an earlier
    attempt the server refused ("failed") is taken over and sent now: for mail whose
    Message-ID is fixed by what it is (the day's digest), a refusal must not end the day."""
    outgoing_id = record(sessions, message, kind, now, client_id, assignment_id, also)
    if outgoing_id is None and take_over_refused:
        outgoing_id = _take_over_refused(sessions, str(message["Message-ID"]), now)
    if outgoing_id is None:
        return None
    status = deliver(sessions, outbox, message, outgoing_id, now)
    if status == "sent" and sent is not None:
        sent.keep(message, now)
    return status


def _take_over_refused(sessions: sessionmaker[Session], message_id: str, now: datetime) -> int | None:
    """The record of ``message_id`` made pending again if the server refused it; else None."""
    with transaction(sessions) as session:
        outgoing_id = outgoing_queries.outgoing_id(session, message_id)
        if outgoing_id is None:
            return None
        return outgoing_id if outgoing_queries.pending_again_if_failed(session, outgoing_id, now) else None
