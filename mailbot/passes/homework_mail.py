"""A homework block the therapist wrote at the top of a mail to a client (found in her Sent
folder): set the assignment with that mail as its assignment email, or answer her with what to
fix or whom to add first. mailbot sends the client nothing: she already has the mail."""

from __future__ import annotations

import email
from datetime import datetime
from email import policy
from email.utils import getaddresses
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.homework.registry import get_type
from mailbot.core.homework_block import HomeworkRequest, block_rest, read_block
from mailbot.core.mail_commands import is_own_address
from mailbot.db import command_queries, control_mail_queries
from mailbot.db.models import Assignment, Client, ControlMail
from mailbot.errors import MailbotError
from mailbot.mail.parse import ParsedMessage
from mailbot.practice.assigning import adopt_written_email


def homework_corrected(session: Session, parsed: ParsedMessage) -> ControlMail | None:
    """The homework mail to a client that a block she sends herself corrects: the one whose
    answer (or whose earlier correction's answer) it replies to, if its homework is not set."""
    ids = [*parsed.in_reply_to, *parsed.references][:50]
    if not ids:
        return None
    answered = control_mail_queries.homework_answered_by(session, ids)
    if answered is not None and (answered.request or {}).get("corrects"):
        answered = session.get(ControlMail, int((answered.request or {})["corrects"]))
    return answered if answered is not None and answered.assignment_id is None else None


def set_homework(
    session: Session,
    config: Config,
    now: datetime,
    row: ControlMail,
    parsed: ParsedMessage,
    block: list[str],
    sent_at: datetime,
    original: ControlMail,
) -> None:
    """Set the homework the block asks for, or write down what to fix or whom to add. ``row`` is
    the mail read now; ``original`` the mail to the client (itself, unless ``row`` corrects it)."""
    correcting = original is not row
    request = read_block(block, sent_at, config.therapist.tz)
    recipients = [(str(a), str(n)) for a, n in (original.request or {}).get("recipients", [])]
    if isinstance(request, list):
        row.answer = _unreadable(request, recipients)
        return
    if request.instructions == "" and not correcting:
        request = HomeworkRequest(
            **{**request.__dict__, "instructions": block_rest(parsed.text, block)[:4000]}
        )
    clients = _clients_of(session, [address for address, _name in recipients])
    if len(recipients) != 1 or len(clients) > 1:
        row.answer = (
            "This mail went to several people, so mailbot set no homework: write homework to one client "
            "per mail (nothing was sent to anyone by mailbot)."
        )
        return
    address, name = recipients[0]
    if not clients:
        command = f"add client {name or address.split('@')[0]} {address}"
        original.waiting_for = address
        original.request = {**(original.request or {}), **request.to_json()}
        row.request = {**(row.request or {}), "link": command}
        row.answer = (
            f'{address} is not one of your clients yet, so the homework "{request.title}" is not set.\n'
            f"To add them and set it, send this line to yourself (or tap the link):\n\n  {command}\n"
        )
        return
    client = clients[0]
    try:
        with session.begin_nested():
            assignment = adopt_written_email(
                session, now, client, request, original.message_id, original.received_at
            )
    except MailbotError as exc:
        row.answer = f"The homework could not be set: {exc}"
        return
    original.assignment_id = row.assignment_id = assignment.id
    original.waiting_for = None
    row.answer = set_note(assignment, client, config.therapist.tz, correcting)


def set_note(assignment: Assignment, client: Client, tz: ZoneInfo, correcting: bool) -> str:
    """The short answer to homework set: how mailbot read the dates, so she can check them."""
    dues = [o.due_at.astimezone(tz) for o in assignment.occurrences]
    first, last = dues[0].strftime("%a %d %b %H:%M"), dues[-1].strftime("%a %d %b %H:%M")
    when = f"once, {first}" if len(dues) == 1 else f"{len(dues)} times, from {first} to {last}"
    return (
        f'{"Now set" if correcting else "Set"}: "{assignment.title}" ({get_type(assignment.type).label}) '
        f"for {client.name}, due {when} ({tz.key} time); assignment {assignment.id}.\n"
        f"mailbot sent {client.name} nothing: your mail is the homework, and replies to it are filed "
        f"by thread. If a date is not what you meant, send: close {assignment.id}, and write it again.\n"
    )


def recipients_of(raw: bytes, parsed: ParsedMessage, own: str) -> list[list[str]]:
    """Whom the mail went to, besides herself: [address, display name] pairs."""
    headers = email.message_from_bytes(raw, policy=policy.compat32)
    values = [str(v) for name in ("To", "Cc") for v in headers.get_all(name, [])]
    named = {address.lower(): name for name, address in getaddresses(values)}
    return [[r, named.get(r, "")] for r in parsed.recipients if not is_own_address(r, own)]


def _clients_of(session: Session, addresses: list[str]) -> list[Client]:
    if not addresses:
        return []
    ids = set(command_queries.client_ids_of(session, addresses))
    return [c for c in (session.get(Client, i) for i in sorted(ids)) if c is not None]


def _unreadable(problems: list[str], recipients: list[tuple[str, str]]) -> str:
    who = ", ".join(a for a, _n in recipients) or "your client"
    lines = "\n".join(f"- {p}" for p in problems)
    return (
        f"mailbot could not read the homework block at the top of your mail to {who}, so no homework "
        f"was set (your mail itself was sent as you wrote it).\n\n{lines}\n\n"
        "To set it, reply to this mail with the corrected block, e.g.:\n\n"
        "  Homework: mood log\n  Due: daily at 21:00 until 14 December\n"
    )
