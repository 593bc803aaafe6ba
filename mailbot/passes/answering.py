"""Answering what the therapist told mailbot through her Sent folder, and tidying it away.

Each carried-out mail (a ControlMail in state "acted") gets one answer, threaded under it:
recorded before it is sent and claimed by one pass only, so never sent twice; a pass killed
after recording it leaves its fate "unknown" rather than sending it again (as mailbot/sending.py
does for every mail). Answered command mails (their Sent copy and the copy delivered to her
inbox) and their answers are then moved to [folders] commands.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.mail_commands import command_link
from mailbot.db import control_mail_queries
from mailbot.db.engine import transaction
from mailbot.db.models import ControlMail, OutgoingMessage, Submission
from mailbot.mail.compose import build_message, new_message_id
from mailbot.mail.imap import NETWORK_ERRORS, Mailbox
from mailbot.mail.smtp import Outbox
from mailbot.practice.triage import refile
from mailbot.sending import send_once

log = logging.getLogger(__name__)

TIDY_WAIT = timedelta(days=1)  # how long to look for an answer's copy in the inbox to tidy it
ANSWER_KIND = "answer"


def answer(
    config: Config, sessions: sessionmaker[Session], outbox: Callable[[], Outbox], now: datetime
) -> int:
    """Send each carried-out mail's answer once: recorded first, never sent again after a crash."""
    with sessions() as session:
        ids = control_mail_queries.to_answer(session)
    if not ids:
        return 0
    sent = 0
    with outbox() as box:
        for control_id in ids:
            try:
                sent += _answer_one(config, sessions, box, now, control_id)
            except _Claimed:
                continue
    return sent


def _answer_one(
    config: Config, sessions: sessionmaker[Session], outbox: Outbox, now: datetime, control_id: int
) -> int:
    with transaction(sessions) as session:
        row = session.get(ControlMail, control_id)
        assert row is not None
        # Answers that need nothing more of her are tidied away; what to fix stays in her inbox.
        answered = "replied" if row.kind == "commands" or row.assignment_id is not None else "done"
        if row.reply_id is not None:  # recorded, then a crash: its fate is unknown
            outgoing = session.get(OutgoingMessage, row.reply_id)
            if outgoing is not None and outgoing.status == "pending":
                outgoing.status = "unknown"
                log.warning("commands: answer %s was interrupted; not sent again", row.reply_id)
            row.state = answered
            return 0
        message = answer_email(config, row, now)
    status = send_once(sessions, outbox, message, ANSWER_KIND, now, also=_claim(control_id))
    with transaction(sessions) as session:
        row = session.get(ControlMail, control_id)
        assert row is not None
        row.state = answered
    return int(status == "sent")


def _claim(control_id: int) -> Callable[[Session, int], None]:
    """The answer's record claims its command mail in the record's own transaction: a pass that
    finds it claimed by another rolls its record back and leaves the answer to that pass."""

    def write(session: Session, outgoing_id: int) -> None:
        claimed = session.execute(
            update(ControlMail)
            .where(ControlMail.id == control_id, ControlMail.reply_id.is_(None))
            .values(reply_id=outgoing_id)
            .execution_options(synchronize_session=False)
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            raise _Claimed()

    return write


class _Claimed(Exception):
    """An answer recorded by another pass between our read and our write."""


def answer_email(config: Config, row: ControlMail, now: datetime) -> EmailMessage:
    """The answer to one of her mails, threaded under it: what was done, or why not."""
    subject = row.subject or "mailbot"
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    link = (row.request or {}).get("link")
    text = row.answer + ("\n" if row.answer.endswith("\n") else "\n")
    body = html.escape(row.answer).replace("\n", "<br>\n")
    if link:
        href = html.escape(command_link(config.therapist.email, link), quote=True)
        body += f'<p><a href="{href}">{html.escape(link)}</a></p>'
    me = Address(config.therapist.name, addr_spec=config.therapist.email)
    return build_message(
        sender=Address(f"mailbot for {config.therapist.name}", addr_spec=config.therapist.email),
        to=[me],
        subject=subject,
        text=text,
        html=f'<div style="font-family:sans-serif;font-size:14px">{body}</div>',
        message_id=new_message_id(config.therapist.email),
        date=now,
        kind=ANSWER_KIND,
        in_reply_to=row.message_id or None,
        references=[row.message_id] if row.message_id else [],
        extra_headers={"Auto-Submitted": "auto-replied"},
    )


def tidy(
    config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, sent_folder: str, now: datetime
) -> int:
    """Move answered mails to herself (from Sent and their copies in the inbox) and the answers
    to [folders] commands (of homework set, only the answer: her mail to the client stays);
    settled submissions to their client's folder."""
    with sessions() as session:
        rows = control_mail_queries.replied(session)
    tidied = 0
    target = config.folders.commands
    for control_id, message_id, received_at, request, kind, outgoing in rows:
        to_herself = kind == "commands" or "corrects" in (request or {})
        mine = [message_id] if to_herself else []
        try:
            _refile(sessions, mailbox, (request or {}).get("refile", []))
            mailbox.ensure_folder(target)
            _move_found(mailbox, sent_folder, mine, target)
            answer = [outgoing.message_id] if outgoing is not None and outgoing.status == "sent" else []
            moved = _move_found(mailbox, config.folders.inbox, [*mine, *answer], target)
        except NETWORK_ERRORS:
            log.warning("commands: tidying command mail %s failed; trying again next pass", control_id)
            continue
        answer_found = not answer or answer[0] in moved or bool(mailbox.message_ids_in(target, answer))
        if answer_found or received_at < now - TIDY_WAIT:
            with transaction(sessions) as session:
                row = session.get(ControlMail, control_id)
                assert row is not None
                row.state = "done"
            tidied += 1
    return tidied


def _move_found(mailbox: Mailbox, folder: str, message_ids: list[str], target: str) -> set[str]:
    """Move the messages of ``folder`` with these Message-IDs to ``target``; the ids moved."""
    wanted = [m for m in message_ids if m]
    found = mailbox.message_ids_in(folder, wanted) if wanted else set()
    for message_id in found:
        uids = mailbox.find_by_message_id(folder, message_id)
        mailbox.select(folder)
        mailbox.move(uids, target)
    return found


def _refile(sessions: sessionmaker[Session], mailbox: Mailbox, submission_ids: list[int]) -> None:
    """Move triage settled by mail to its client's folder, as ``mailbot triage assign`` does."""
    for submission_id in submission_ids:
        with sessions() as session:
            submission = session.get(Submission, submission_id)
            if submission is not None:
                refile(mailbox, submission)
