"""The practice run from the mail client: what the therapist tells mailbot through her Sent folder.

Only the mailbox owner writes to Sent, so only a mail found there is obeyed, whatever its From
header says; the same text arriving in the inbox does nothing. Two kinds of mail count:

- a mail to herself (her address or a plus address, ada+mailbot@...): commands, one per line
  (mailbot/core/mail_commands.py), carried out by mailbot/passes/commanding.py;
- a mail to a client starting with a homework block (mailbot/core/homework_block.py): the
  assignment is set, with that mail as its assignment email, so the client's reply matches by
  thread. mailbot sends nothing to the client: she already has what the therapist wrote.

Exactly once, whatever crashes: a mail's ControlMail row (keyed by its Message-ID) is written
in the transaction that carries it out, so it is never carried out twice; its answer is
recorded before it is sent (mailbot/sending.py), so it is never sent twice; command mails and
their answers are then moved to [folders] commands.
"""

from __future__ import annotations

import email
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.homework_block import HomeworkRequest, block_lines
from mailbot.core.mail_commands import is_own_address, meant_for_mailbot, read_commands
from mailbot.db import control_mail_queries
from mailbot.db.engine import transaction
from mailbot.db.models import Client, ControlMail, FolderState
from mailbot.db.records import audit
from mailbot.errors import MailbotError
from mailbot.faults import checkpoint
from mailbot.mail.compose import MAILBOT_HEADER
from mailbot.mail.imap import SENT, Fetched, Mailbox
from mailbot.mail.parse import ParsedMessage, parse_header, parse_message
from mailbot.mail.smtp import Outbox
from mailbot.passes.answering import answer, tidy
from mailbot.passes.commanding import carry_out
from mailbot.passes.homework_mail import homework_corrected, recipients_of, set_homework
from mailbot.practice.assigning import adopt_written_email

log = logging.getLogger(__name__)

STALE = timedelta(days=3)  # older mail found in Sent (a first scan, a UIDVALIDITY change) is history
MAX_MESSAGE_BYTES = 10 * 1024 * 1024  # a Sent mail larger than this is not read for a block


@dataclass
class ControlReport:
    commands: int = 0
    homework: int = 0
    answered: int = 0
    tidied: int = 0

    def summary(self) -> str:
        return (
            f"{self.commands} command mails, {self.homework} homework mails, "
            f"{self.answered} answered, {self.tidied} tidied"
        )

    def suffix(self) -> str:
        """The summary to add to a job's line, when there was anything to do."""
        busy = self.commands or self.homework or self.answered or self.tidied
        return f"; {self.summary()}" if busy else ""


def state_key(folder: str) -> str:
    """This pass's FolderState row: apart from the feedback scan's, which reads the same folder."""
    return f"{folder} (commands)"


def mark_seen(config: Config, sessions: sessionmaker[Session], mailbox: Mailbox) -> None:
    """Start reading Sent after what it holds now (``mailbot init``): old mail is no command."""
    folder = mailbox.special_folder(SENT, config.folders.sent)
    if folder is None:
        return
    status = mailbox.select(folder)
    with transaction(sessions) as session:
        if session.get(FolderState, state_key(folder)) is None:
            last = status.uidnext - 1 if status.uidnext else max(mailbox.uids_after(0), default=0)
            session.add(FolderState(folder=state_key(folder), uidvalidity=status.uidvalidity, last_uid=last))


def control_pass(
    config: Config,
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    outbox: Callable[[], Outbox],
    now: datetime,
) -> ControlReport:
    """Read what is new in Sent, carry it out, answer, tidy."""
    report = ControlReport()
    folder = mailbox.special_folder(SENT, config.folders.sent)
    if folder is None:
        log.debug("commands: no Sent folder found; set [folders] sent")
        return report
    _read_new(config, sessions, mailbox, folder, now, report)
    report.answered = answer(config, sessions, outbox, now)
    report.tidied = tidy(config, sessions, mailbox, folder, now)
    return report


def _read_new(
    config: Config,
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    folder: str,
    now: datetime,
    report: ControlReport,
) -> None:
    status = mailbox.select(folder)
    with transaction(sessions) as session:
        state = session.get(FolderState, state_key(folder))
        if state is None or state.uidvalidity != status.uidvalidity:
            state = session.merge(
                FolderState(folder=state_key(folder), uidvalidity=status.uidvalidity, last_uid=0)
            )
        last_uid = state.last_uid
    uids = mailbox.uids_after(last_uid)
    for start in range(0, len(uids), config.intake.batch_size):
        batch = uids[start : start + config.intake.batch_size]
        wanted = [h.uid for h in mailbox.fetch_headers(batch) if _worth_reading(config, h, now)]
        for message in mailbox.fetch_messages(wanted):
            _take(config, sessions, message, now, report)
        with transaction(sessions) as session:
            row = session.get(FolderState, state_key(folder))
            assert row is not None
            row.last_uid = max(row.last_uid, *batch)


def _worth_reading(config: Config, header: Fetched, now: datetime) -> bool:
    """Her own mail, recent, not too large, and not one mailbot wrote (a copy of its own mail)."""
    raw = email.message_from_bytes(header.data, policy=policy.compat32)
    if raw.get(MAILBOT_HEADER) or header.size > MAX_MESSAGE_BYTES:
        return False
    parsed = parse_header(header.data)
    return (parsed.date or header.internal_date) >= now - STALE and bool(parsed.recipients)


def _take(
    config: Config, sessions: sessionmaker[Session], message: Fetched, now: datetime, report: ControlReport
) -> None:
    parsed = parse_message(message.data)
    own = config.therapist.email
    to_herself = all(is_own_address(r, own) for r in parsed.recipients)
    block = block_lines(parsed.text)
    if not to_herself and block is None:
        return  # her ordinary mail: not mailbot's
    if (
        to_herself
        and block is None
        and not meant_for_mailbot(parsed.recipients, own, parsed.subject, parsed.text)
    ):
        return  # a note to herself: not mailbot's either
    if not parsed.message_id:
        log.warning("commands: a mail in Sent has no Message-ID; it cannot be answered, so it is left alone")
        return
    key = hashlib.sha256(parsed.message_id.encode()).hexdigest()
    sent_at = min(parsed.date or message.internal_date, now)
    try:
        _carry_out(config, sessions, message, parsed, block, key, sent_at, now, report)
    except IntegrityError:  # its key: another pass took the same mail at the same moment
        log.warning("commands: a mail in Sent was taken by another pass; left to it")
        return
    except (OperationalError, OSError):
        raise  # the database or the disk: the pass stops, and the mail is read again next time
    except Exception as exc:  # one mail mailbot cannot handle must not stop the rest
        log.warning("commands: mail uid=%s could not be carried out (%s)", message.uid, type(exc).__name__)
        log.debug("commands: failure detail", exc_info=True)
        _record_failure(sessions, parsed, key, sent_at, now, exc)
    checkpoint("mailctl.acted")


def _record_failure(
    sessions: sessionmaker[Session],
    parsed: ParsedMessage,
    key: str,
    sent_at: datetime,
    now: datetime,
    exc: Exception,
) -> None:
    """A mail whose handling failed (rolled back, so nothing of it was done): say so to her, once."""
    with transaction(sessions) as session:
        if control_mail_queries.recorded(session, key):
            return
        row = ControlMail(
            key=key,
            message_id=parsed.message_id or "",
            kind="failed",
            state="acted",
            received_at=sent_at,
            subject=parsed.subject[:500],
            answer=(
                f"mailbot could not handle this mail ({type(exc).__name__}), so nothing in it was done. "
                "Please send it again, shorter, or use the command line; the log says more.\n"
            ),
        )
        session.add(row)
        session.flush()
        audit(session, now, "control_failed", "control_mail", row.id, type(exc).__name__)


def _carry_out(
    config: Config,
    sessions: sessionmaker[Session],
    message: Fetched,
    parsed: ParsedMessage,
    block: list[str] | None,
    key: str,
    sent_at: datetime,
    now: datetime,
    report: ControlReport,
) -> None:
    """Record the mail and do what it says, in one transaction: once, whatever crashes."""
    own = config.therapist.email
    to_herself = all(is_own_address(r, own) for r in parsed.recipients)
    with transaction(sessions) as session:
        if control_mail_queries.recorded(session, key):
            return
        row = ControlMail(
            key=key,
            message_id=parsed.message_id,
            kind="commands" if to_herself else "homework",
            state="acted",
            received_at=sent_at,
            subject=parsed.subject[:500],
        )
        session.add(row)
        corrected = homework_corrected(session, parsed) if to_herself and block is not None else None
        if block is not None and (corrected is not None or not to_herself):
            row.kind = "homework"
            if corrected is None:
                row.request = {"recipients": recipients_of(message.data, parsed, own)}
            else:
                row.request = {"corrects": corrected.id}
            set_homework(session, config, now, row, parsed, block, sent_at, corrected or row)
            report.homework += 1
        else:
            _commands(session, config, now, row, parsed)
            report.commands += 1
        session.flush()
        audit(session, now, f"control_{row.kind}", "control_mail", row.id, f"state={row.state}")


# Commands -------------------------------------------------------------------------------------------


def _commands(
    session: Session, config: Config, now: datetime, row: ControlMail, parsed: ParsedMessage
) -> None:
    commands = read_commands(parsed.text)
    if not commands:
        commands = read_commands(_subject_command(parsed.subject))
    lines: list[str] = []
    for command in commands:
        outcome = carry_out(session, config, now, command)
        lines.append(f"{command.line}\n  {'done' if outcome.ok else 'NOT DONE'}: {outcome.text}")
        if outcome.added_client is not None:
            lines += _waiting_homework(session, now, outcome.added_client)
        row.request = {"refile": [*(row.request or {}).get("refile", []), *outcome.refile]}
    if not commands:
        lines.append(
            "No command found in this mail. Write one per line, e.g. done 13; write help for the list."
        )
    row.answer = "\n\n".join(lines)


def _subject_command(subject: str) -> str:
    text = subject.strip()
    while text.lower().startswith(("re:", "fwd:", "aw:")):
        text = text.partition(":")[2].strip()
    return text.removeprefix("mailbot:").removeprefix("Mailbot:").strip()


def _waiting_homework(session: Session, now: datetime, client_id: int) -> list[str]:
    """Homework written to a client before she added them: set it now."""
    client = session.get(Client, client_id)
    assert client is not None
    addresses = [e.address for e in client.emails]
    lines = []
    for waiting in control_mail_queries.waiting_for(session, addresses):
        request = HomeworkRequest.from_json(waiting.request or {})
        try:
            with session.begin_nested():
                assignment = adopt_written_email(
                    session, now, client, request, waiting.message_id, waiting.received_at
                )
        except MailbotError as exc:
            lines.append(f'  the homework "{request.title}" you wrote to {client.name} was NOT set: {exc}')
            continue
        waiting.waiting_for, waiting.assignment_id = None, assignment.id
        lines.append(
            f'  the homework "{assignment.title}" you wrote to {client.name} is set: '
            f"assignment {assignment.id}"
        )
    return lines
