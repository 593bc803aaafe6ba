"""The reminder pass: read what is near due, ask the core what to send, send each email once.

Every reminder item is written to the database (unique per occurrence, kind and nudge number)
together with its email's record *before* the email goes out. A crash between the two leaves
a "pending" record, which the next pass marks "unknown" and reports, never resends.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config, parse_clock
from mailbot.core.adherence import missed_in_a_row
from mailbot.core.homework.registry import get_type
from mailbot.core.reminder_policy import client_view as reminder_view
from mailbot.core.reminders import (
    ClientView,
    Item,
    OccurrenceView,
    ReminderEmail,
    SentReminder,
    due_emails,
    is_daily,
    widest,
    window,
    wording,
)
from mailbot.core.schedule import missed
from mailbot.db import reminder_queries
from mailbot.db.engine import transaction
from mailbot.db.models import Assignment, Client, Reminder
from mailbot.db.records import audit
from mailbot.mail.compose import build_message, new_message_id, render, template_environment
from mailbot.mail.smtp import Outbox
from mailbot.practice.lifecycle import next_session
from mailbot.sending import SentCopies, send_once

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Planned:
    """One reminder email, ready to record and send."""

    email: ReminderEmail
    message: EmailMessage
    assignment_ids: tuple[int, ...]
    description: str  # for --dry-run: client, assignments, why


def client_view(client: Client, config: Config) -> ClientView:
    """The client's reminder settings on top of the configured policy (core.reminder_policy)."""
    return reminder_view(
        client.id,
        client.timezone,
        client.reminders,
        bounced=any(e.bounced_at is not None for e in client.emails[:1]),
        hour=parse_clock(client.reminder_hour, "--reminder-hour") if client.reminder_hour else None,
        policy=config.reminders.policy,
        type_policies=config.reminders.types,
    )


def settle_unknown(sessions: sessionmaker[Session], now: datetime) -> int:
    """Reminder emails recorded but never marked sent (a crash in between) become "unknown"."""
    with transaction(sessions) as session:
        stale = reminder_queries.pending_reminders(session)
        for outgoing in stale:
            outgoing.status = "unknown"
            audit(
                session,
                now,
                "mail_unknown",
                "outgoing_message",
                outgoing.id,
                "recorded before a crash; not resent",
            )
        return len(stale)


def plan(
    config: Config, session: Session, now: datetime, failed: list[tuple[int, str]] | None = None
) -> list[Planned]:
    """The reminder emails due at ``now``, composed but not yet recorded. One that cannot be
    composed (a template error, an address the mail library refuses) is left out and added to
    ``failed`` as (client id, what went wrong): it never costs the other clients theirs."""
    policies = [config.reminders.policy, *config.reminders.types.values()]
    start, end = window(now, widest(policies))
    rows = reminder_queries.occurrences_near_due(session, start, end)
    if not rows:
        return []
    assignments = {a.id: a for _o, a in rows}
    views = _views(rows, stopped_assignments(session, config, list(assignments.values()), now))
    client_ids = {v.client_id for v in views}
    clients = {c.id: c for c in reminder_queries.clients_with_emails(session, client_ids)}
    already = _already(session, views, client_ids, now)
    emails = due_emails(now, views, {cid: client_view(c, config) for cid, c in clients.items()}, already)
    assignment_emails = _assignment_emails(
        session, {item.assignment_id for email in emails for item in email.items}
    )
    sender = Address(config.therapist.name, addr_spec=config.therapist.email)
    planned = []
    for email in emails:
        try:
            client = clients[email.client_id]
            planned.append(_compose(config, sender, now, email, client, assignments, assignment_emails))
        except Exception as exc:  # one client's reminder, whatever its failure, stays that client's
            log.warning(
                "remind: the reminder to client %s could not be composed (%s)",
                email.client_id,
                type(exc).__name__,
            )
            if failed is not None:
                failed.append((email.client_id, type(exc).__name__))
    return planned


def _views(rows: Sequence[Any], stopped: Mapping[int, int]) -> list[OccurrenceView]:
    """The occurrences near due as the decision sees them."""
    return [
        OccurrenceView(
            o.id,
            a.id,
            a.client_id,
            a.type,
            o.due_at,
            o.status,
            "repeat" in a.details,
            daily=is_daily(a.details.get("repeat")),
            assigned_at=a.created_at,
            stopped=a.id in stopped,
        )
        for o, a in rows
    ]


def _already(
    session: Session, views: Sequence[OccurrenceView], client_ids: set[int], now: datetime
) -> list[SentReminder]:
    """The reminders recorded for these occurrences, and each client's of the last day (the cap)."""
    return [
        SentReminder(r.occurrence_id, r.kind, r.seq, r.client_id, r.recorded_at)
        for r in reminder_queries.reminders_recorded(
            session, [v.occurrence_id for v in views], client_ids, now
        )
    ]


def streaks(
    session: Session, assignments: Sequence[Assignment], now: datetime, grace: timedelta
) -> dict[int, int]:
    """Each assignment's missed streak (core.adherence.missed_in_a_row), in one query."""
    if not assignments:
        return {}
    due: defaultdict[int, list[tuple[datetime, str]]] = defaultdict(list)
    rows = reminder_queries.occurrences_due_by(session, [a.id for a in assignments], now)
    for assignment_id, due_at, status in rows:
        # Past its grace period it is missed, whether or not an intake pass has said so yet.
        settled = "missed" if missed(due_at, status, now, grace) else status
        due[assignment_id].append((due_at, settled))
    return {a.id: missed_in_a_row(due[a.id], now, a.renewed_at) for a in assignments}


def stopped_assignments(
    session: Session, config: Config, assignments: Sequence[Assignment], now: datetime
) -> dict[int, int]:
    """The assignments whose reminders stopped after ``[reminders] stop_after_missed`` missed
    in a row, with their streak. Not a client's pause: the client answering, or a renewal,
    starts them again by itself."""
    found = {}
    grace = timedelta(hours=config.homework.grace_hours)
    by_id = {a.id: a for a in assignments}  # a search per assignment was quadratic in open work
    for assignment_id, streak in streaks(session, assignments, now, grace).items():
        assignment = by_id[assignment_id]
        limit = config.reminders.types.get(assignment.type, config.reminders.policy).stop_after_missed
        if limit and streak >= limit:
            found[assignment_id] = streak
    return found


def _assignment_emails(
    session: Session, assignment_ids: set[int]
) -> Mapping[int | None, list[tuple[int, str]]]:
    """The sent assignment emails of these assignments, as (record id, Message-ID) oldest first:
    one query for the whole pass, not one per reminder email."""
    found: defaultdict[int | None, list[tuple[int, str]]] = defaultdict(list)
    if not assignment_ids:
        return found
    rows = reminder_queries.assignment_emails_sent(session, assignment_ids)
    for assignment_id, outgoing_id, message_id in rows:
        found[assignment_id].append((outgoing_id, message_id))
    return found


def _compose(
    config: Config,
    sender: Address,
    now: datetime,
    email: ReminderEmail,
    client: Client,
    assignments: dict[int, Assignment],
    assignment_emails: Mapping[int | None, list[tuple[int, str]]],
) -> Planned:
    tz = ZoneInfo(client.timezone)
    ids = tuple(dict.fromkeys(item.assignment_id for item in email.items))
    session_at = next_session(client, now)
    local_now, local_session = now.astimezone(tz), session_at.astimezone(tz) if session_at else None
    items: list[dict[str, Any]] = []
    for assignment_id in ids:  # each assignment once, however many of its days are reminded
        # The day at hand first, then the days still open before it.
        mine = sorted(
            (item for item in email.items if item.assignment_id == assignment_id),
            key=lambda item: (item.kind == "nudge", -item.due_at.timestamp()),
        )
        phrases = [_phrase(item, tz, local_now, local_session) for item in mine]
        assignment = assignments[assignment_id]
        items.append(
            {
                "kinds": [item.kind for item in mine],
                "reason": "; ".join(phrases[:1] + [f"{p} too" for p in phrases[1:]]),
                "assignment": assignment,
                "type_label": get_type(assignment.type).label,
            }
        )
    # The assignment emails of every assignment named, in the order they were recorded.
    threads = [message_id for _id, message_id in sorted(e for i in ids for e in assignment_emails.get(i, ()))]
    context = {
        "therapist": config.therapist,
        "items": items,
        "client": {"name": client.name, "first_name": client.name.split()[0]},
    }
    env = template_environment(config.templates_dir)
    text = render(env, ["reminder/email.txt.j2"], context)
    html = render(env, ["reminder/email.html.j2"], context)
    tokens = " ".join(f"[{assignments[i].token}]" for i in ids)
    stop = f"mailto:{config.therapist.email}?subject=stop%20reminders"
    message = build_message(
        sender=sender,
        to=[Address(client.name, addr_spec=client.primary_email)],
        subject=f"A reminder from {config.therapist.name} {tokens}",
        text=text,
        html=html,
        message_id=new_message_id(config.therapist.email),
        date=now,
        kind="reminder",
        in_reply_to=threads[0] if threads else None,
        references=threads,
        extra_headers={"Auto-Submitted": "auto-generated", "List-Unsubscribe": f"<{stop}>"},
    )
    why = "; ".join(f"assignment {i['assignment'].id} ({'+'.join(i['kinds'])}: {i['reason']})" for i in items)
    return Planned(email, message, ids, f"client {client.id} <{client.primary_email}>: {why}")


def _phrase(item: Item, tz: ZoneInfo, local_now: datetime, session: datetime | None) -> str:
    """One reminded day in the client's terms: "due tonight at 9 pm", "yesterday's (Friday)
    is still welcome"."""
    due = item.due_at.astimezone(tz)
    said = wording(item.kind, due, local_now, session)
    return f"{said} is still welcome" if item.kind == "nudge" else f"due {said}"


def _items(planned: Planned, now: datetime) -> Callable[[Session, int], None]:
    """What is written with a reminder email's record, in its transaction: one row a reminded
    item, unique per occurrence, kind and nudge number, so that no item is reminded twice."""

    def write(session: Session, outgoing_id: int) -> None:
        for item in planned.email.items:
            session.add(
                Reminder(
                    occurrence_id=item.occurrence_id,
                    assignment_id=item.assignment_id,
                    client_id=planned.email.client_id,
                    kind=item.kind,
                    seq=item.seq,
                    scheduled_for=item.scheduled_for,
                    recorded_at=now,
                    outgoing_id=outgoing_id,
                )
            )

    return write


def send_reminders(
    sessions: sessionmaker[Session],
    outbox: Outbox,
    sent: SentCopies | None,
    planned: Sequence[Planned],
    now: datetime,
) -> dict[str, int]:
    """Record, then send, each planned email once (sending.send_once); counts by outcome."""
    counts = {"sent": 0, "failed": 0, "unknown": 0, "skipped": 0}
    for one in planned:
        status = send_once(
            sessions,
            outbox,
            one.message,
            "reminder",
            now,
            client_id=one.email.client_id,
            assignment_id=one.assignment_ids[0] if len(one.assignment_ids) == 1 else None,
            also=_items(one, now),
            sent=sent,
        )
        counts[status or "skipped"] += 1
    return counts
