"""The daily digest: read what the digest needs, ask the core what it says, render it, send it
at most once a day.

Every query is bounded: by time (the last 28 days, or since the last digest), by an open flag,
or by the practice's size (clients, open assignments), and an index serves each bound, so the
digest does not slow down as the history grows (tests/integration/test_daily_digest.py checks
the plans). The digest's Message-ID is the same all
day (``<digest-2026-11-23.mailbot@practice.example>``), and the unique constraint on
``outgoing_message.message_id`` makes a second send on the same day impossible, across restarts
and racing processes alike. Nothing here logs a client's name.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import Session

from mailbot.app import App
from mailbot.config import Config
from mailbot.core import digest as core
from mailbot.core.digest import DAY, MONTH, Digest
from mailbot.core.mail_commands import command_link
from mailbot.core.when import day_text, when_text
from mailbot.db.attention import gather_attention
from mailbot.db.models import (
    Assignment,
    AuditEvent,
    Client,
    ClientEmail,
    Feedback,
    Occurrence,
    OutgoingMessage,
    Problem,
    Reminder,
    StoredAttachment,
    Submission,
)
from mailbot.errors import UsageError
from mailbot.mail.compose import build_message, render, template_environment
from mailbot.passes.reminders import stopped_assignments
from mailbot.sending import refusal, said_in, send_once

log = logging.getLogger(__name__)

MAX_TRIAGE = 100  # triage items shown at most, those waiting longest
LOOKBACK_DAYS = 7  # how many days back the last digest is looked for
FILED_ACTIONS = ("submission_filed", "submission_triage", "triage_settled")
# Written into the SQL, not bound: the partial index ix_submission_triage serves only a query that
# names 'triage' itself. PostgreSQL may plan a statement psycopg has prepared (one the daemon runs
# day after day) for any value of its parameters, and that plan walks every submission received.
TRIAGE = literal("triage", literal_execute=True)


def gather(session: Session, config: Config, now: datetime) -> Digest:
    """The digest at ``now``, from the database rows it needs and nothing more."""
    tz = config.therapist.tz
    since = last_digest_at(session, config, now) or now - DAY
    open_work = session.execute(
        select(Assignment.id, Assignment.client_id, Assignment.title)
        .where(Assignment.status == "open")
        .order_by(Assignment.id)
    ).all()
    names = {client_id: name for client_id, name in session.execute(select(Client.id, Client.name))}
    digest = core.build_digest(
        now,
        tz,
        since=since,
        clients=_clients(session, now, {cid for _a, cid, _t in open_work}),
        feedback=_feedback(session, now),
        new=_new(session, now, since),
        triage=_triage(session, now, names, open_work),
        occurrences=_occurrences(session, now, tz),
        answers=_answers(session, now),
        reminders=_reminders(session, now, since, list(names)),
        problems=_problems(session, now, since, names),
        inactive_days=config.digest.inactive_days,
        stopped=_stopped(session, config, now, names),
    )
    return replace(digest, attention=gather_attention(session, now, since, tz))


def _stopped(
    session: Session, config: Config, now: datetime, names: dict[int, str]
) -> list[core.StoppedLine]:
    """Open assignments whose reminders a missed streak stopped (reminding.stopped_assignments)."""
    assignments = list(session.scalars(select(Assignment).where(Assignment.status == "open")))
    stopped = stopped_assignments(session, config, assignments, now)
    return [
        core.StoppedLine(names.get(a.client_id, "?"), a.title, stopped[a.id])
        for a in assignments
        if a.id in stopped
    ]


def digest_message_id(config: Config, day: date) -> str:
    """The digest's Message-ID for one local date: the same all day, so sent at most once."""
    domain = config.therapist.email.rsplit("@", 1)[-1]
    return f"<digest-{day.isoformat()}.mailbot@{domain}>"


def last_digest_at(session: Session, config: Config, now: datetime) -> datetime | None:
    """When the latest digest of the last week was sent (found by its Message-IDs), if any."""
    today = now.astimezone(config.therapist.tz).date()
    ids = [digest_message_id(config, today - timedelta(days=back)) for back in range(LOOKBACK_DAYS + 1)]
    return session.scalar(
        select(OutgoingMessage.sent_at)
        .where(
            OutgoingMessage.message_id.in_(ids),
            OutgoingMessage.status == "sent",
            OutgoingMessage.sent_at <= now,
        )
        .order_by(OutgoingMessage.sent_at.desc())
        .limit(1)
    )


def _clients(session: Session, now: datetime, with_open_work: set[int]) -> list[core.ClientFact]:
    last = {
        client_id: at
        for client_id, at in session.execute(
            select(Submission.client_id, func.max(Submission.received_at))
            .where(
                Submission.received_at > now - MONTH,
                Submission.received_at <= now,
                Submission.client_id.is_not(None),
            )
            .group_by(Submission.client_id)
        )
    }
    return [
        core.ClientFact(c.id, c.name, c.created_at, c.reminders, c.id in with_open_work, last.get(c.id))
        for c in session.scalars(select(Client).order_by(Client.id))
    ]


def _feedback(session: Session, now: datetime) -> list[core.FeedbackFact]:
    rows = session.execute(
        select(
            Feedback.submission_id,
            Feedback.due_at,
            Submission.received_at,
            Submission.from_address,
            Client.name,
            Assignment.title,
        )
        .join(Submission, Feedback.submission_id == Submission.id)
        .outerjoin(Client, Submission.client_id == Client.id)
        .outerjoin(Assignment, Submission.assignment_id == Assignment.id)
        .where(Feedback.open.is_(True), Feedback.due_at < now + DAY, Submission.received_at <= now)
    )
    return [
        core.FeedbackFact(sid, name or address, title or "homework", received, due)
        for sid, due, received, address, name, title in rows
    ]


def _new(session: Session, now: datetime, since: datetime) -> list[core.SubmissionFact]:
    """Filed since the last digest: received since, or filed since (mail that waited for a poll)."""
    filed_since = select(AuditEvent.entity_id).where(
        AuditEvent.at > since,
        AuditEvent.at <= now,
        AuditEvent.entity == "submission",
        AuditEvent.action.in_(FILED_ACTIONS),
    )
    rows = session.execute(
        select(
            Submission.id,
            Submission.received_at,
            Submission.from_address,
            Client.name,
            Assignment.title,
            Occurrence.due_at,
        )
        .outerjoin(Client, Submission.client_id == Client.id)
        .outerjoin(Assignment, Submission.assignment_id == Assignment.id)
        .outerjoin(Occurrence, Submission.occurrence_id == Occurrence.id)
        .where(
            Submission.status == "filed",
            Submission.received_at <= now,
            or_(Submission.received_at > since, Submission.id.in_(filed_since)),
        )
    ).all()
    files = _attachment_counts(session, [r[0] for r in rows])
    return [
        core.SubmissionFact(
            sid,
            name or address,
            title or "homework",
            received,
            due is not None and received > due,
            files.get(sid, 0),
        )
        for sid, received, address, name, title, due in rows
    ]


def _attachment_counts(session: Session, submission_ids: Sequence[int]) -> dict[int, int]:
    if not submission_ids:
        return {}
    return {
        submission_id: count
        for submission_id, count in session.execute(
            select(StoredAttachment.submission_id, func.count())
            .where(StoredAttachment.submission_id.in_(submission_ids))
            .group_by(StoredAttachment.submission_id)
        )
    }


def _triage(
    session: Session, now: datetime, names: dict[int, str], open_work: Sequence[Any]
) -> list[core.TriageFact]:
    options: dict[int, list[tuple[int, str]]] = {}
    for assignment_id, client_id, title in open_work:
        options.setdefault(client_id, []).append((assignment_id, title))
    waiting = session.execute(
        select(
            Submission.id,
            Submission.client_id,
            Submission.from_address,
            Submission.from_name,
            Submission.subject,
            Submission.received_at,
            Submission.triage_reason,
            Submission.assignment_id,
        )
        .where(Submission.status == TRIAGE, Submission.received_at <= now)
        .order_by(Submission.received_at)
        .limit(MAX_TRIAGE)
    )
    rows = waiting.all()
    clients_addresses = {
        (client_id, address)
        for client_id, address in session.execute(
            select(ClientEmail.client_id, ClientEmail.address).where(
                ClientEmail.address.in_({row.from_address for row in rows})
            )
        )
    }
    facts = []
    for sid, client_id, address, from_name, subject, received, reason, named in rows:
        client = names.get(client_id) if client_id is not None else None
        stranger = f"{from_name} <{address}>" if from_name else address
        facts.append(
            core.TriageFact(
                sid,
                client or stranger,
                subject or "(no subject)",
                received,
                reason or "needs your decision",
                named,
                tuple(options.get(client_id, ())) if client_id is not None else (),
                from_client=(client_id, address) in clients_addresses,
            )
        )
    return facts


def _occurrences(session: Session, now: datetime, tz: ZoneInfo) -> list[core.OccurrenceFact]:
    """Occurrences due in the last 28 days and the rest of today."""
    tomorrow = datetime.combine(now.astimezone(tz).date() + DAY, datetime.min.time(), tz)
    rows = session.execute(
        select(
            Occurrence.due_at,
            Occurrence.status,
            Assignment.id,
            Assignment.title,
            Assignment.status,
            Client.id,
            Client.name,
        )
        .join(Assignment, Occurrence.assignment_id == Assignment.id)
        .join(Client, Assignment.client_id == Client.id)
        .where(
            Occurrence.status.in_(("open", "done", "late", "missed", "excused")),
            Occurrence.due_at > now - MONTH,
            Occurrence.due_at < tomorrow,
        )
    )
    return [
        core.OccurrenceFact(aid, cid, name, title, due, status, a_status == "open")
        for due, status, aid, title, a_status, cid, name in rows
    ]


def _answers(session: Session, now: datetime) -> list[core.AnswerFact]:
    """The parsed entries of rated homework (mood logs, exposure) of the last 28 days."""
    rows = session.execute(
        select(
            Submission.fields,
            Submission.received_at,
            Assignment.id,
            Assignment.title,
            Assignment.type,
            Client.name,
            Assignment.details,
        )
        .join(Assignment, Submission.assignment_id == Assignment.id)
        .join(Client, Assignment.client_id == Client.id)
        .where(
            Submission.received_at > now - MONTH,
            Submission.received_at <= now,
            Submission.status == "filed",
            Assignment.type.in_(list(core.RATING_KEYS)),
        )
    )
    return [
        core.AnswerFact(
            name,
            aid,
            title,
            type_,
            received,
            tuple(e for e in (fields or []) if isinstance(e, dict)),
            (details or {}).get("stage") if type_ == "mood-log" else None,
        )
        for fields, received, aid, title, type_, name, details in rows
    ]


def _reminders(
    session: Session, now: datetime, since: datetime, client_ids: list[int]
) -> list[core.ReminderFact]:
    if not client_ids:
        return []
    rows = session.execute(
        select(Reminder.kind, Reminder.recorded_at, OutgoingMessage.status, Client.name, Assignment.title)
        .join(Client, Reminder.client_id == Client.id)
        .join(Assignment, Reminder.assignment_id == Assignment.id)
        .outerjoin(OutgoingMessage, Reminder.outgoing_id == OutgoingMessage.id)
        # by client, so that the (client_id, recorded_at) index serves the time bound
        .where(Reminder.client_id.in_(client_ids), Reminder.recorded_at > since, Reminder.recorded_at <= now)
    )
    return [
        core.ReminderFact(name, title, kind, at, status or "unknown")
        for kind, at, status, name, title in rows
    ]


def _problems(
    session: Session, now: datetime, since: datetime, names: dict[int, str]
) -> list[core.ProblemFact]:
    found = [
        core.ProblemFact(p.kind, p.at, _problem_reason(p))
        for p in session.scalars(
            select(Problem).where(Problem.at > since, Problem.at <= now, Problem.resolved.is_(False))
        )
    ]
    failed = session.execute(
        select(
            OutgoingMessage.id,
            OutgoingMessage.kind,
            OutgoingMessage.status,
            OutgoingMessage.created_at,
            OutgoingMessage.client_id,
        ).where(
            OutgoingMessage.created_at > since,
            OutgoingMessage.created_at <= now,
            OutgoingMessage.status.in_(("failed", "unknown")),
        )
    ).all()
    said = _refusals(session, since, now, [row.id for row in failed if row.status == "failed"])
    for outgoing_id, kind, status, at, client_id in failed:
        to = f" to {names[client_id]}" if client_id in names else ""
        outcome = (
            "was refused by the mail server" + (f" ({said[outgoing_id]})" if outgoing_id in said else "")
            if status == "failed"
            else "may not have arrived (the connection broke); mailbot did not send it again"
        )
        found.append(core.ProblemFact("send", at, f"the {kind} email{to} {outcome}"))
    return found + _stopped_reminders(session, now, since, names)


def _refusals(session: Session, since: datetime, now: datetime, outgoing_ids: list[int]) -> dict[int, str]:
    """What the server said refusing each of these messages, made between ``since`` and ``now``
    (sending.deliver kept it in the audit trail, read by its index on time)."""
    if not outgoing_ids:
        return {}
    rows = session.execute(
        select(AuditEvent.entity_id, AuditEvent.detail)
        .where(
            AuditEvent.at > since,
            AuditEvent.at <= now,
            AuditEvent.entity == "outgoing_message",
            AuditEvent.action == "mail_failed",
            AuditEvent.entity_id.in_(outgoing_ids),
        )
        .order_by(AuditEvent.id)
    )
    return {i: words for i, detail in rows if i is not None and (words := said_in(detail)) is not None}


# Why a client's reminders stopped without the therapist (a client's own pause is listed as
# "Paused by the client" already).
_STOPPED = {
    "address_bounced": "a delivery failure for a mail mailbot sent; after fixing the address: "
    "mailbot client clear-bounce <address>",
}


def _stopped_reminders(
    session: Session, now: datetime, since: datetime, names: dict[int, str]
) -> list[core.ProblemFact]:
    rows = session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.entity_id).where(
            AuditEvent.at > since, AuditEvent.at <= now, AuditEvent.action.in_(list(_STOPPED))
        )
    )
    return [
        core.ProblemFact(
            "reminders",
            at,
            f"reminders to {names.get(client_id or 0, 'a client')} stopped: {_STOPPED[action]}",
        )
        for action, at, client_id in rows
    ]


def _problem_reason(problem: Problem) -> str:
    if problem.kind == "message" and problem.uid is not None:
        return f"{problem.reason} (message {problem.uid} in {problem.folder}, {problem.attempts} attempts)"
    return problem.reason


def render_digest(config: Config, digest: Digest) -> tuple[str, str]:
    """The digest as (text, html), from templates/digest/email.{txt,html}.j2."""
    now = digest.now
    context = {
        "d": digest,
        "therapist": config.therapist,
        "mailto": lambda command: command_link(config.therapist.email, command),
        "when": lambda moment: when_text(moment, now),
        "day": day_text,
        "hours": hours_text,
        "percent": _percent,
        "level": _level,
    }
    env = template_environment(config.templates_dir)
    return (render(env, ["digest/email.txt.j2"], context), render(env, ["digest/email.html.j2"], context))


def subject(digest: Digest) -> str:
    """The email's subject, e.g. "mailbot digest: 3 feedback overdue, 5 new, 2 in triage — Mon 23 Nov"."""
    problems = len(digest.problems)
    counts = [
        (digest.overdue_count, "feedback overdue"),
        (len(digest.new), "new"),
        (len(digest.triage), "in triage"),
        (problems, "problem" if problems == 1 else "problems"),
    ]
    said = ", ".join(f"{n} {what}" for n, what in counts if n) or "all quiet"
    urgent = len(digest.attention.read_first)
    first = f"READ FIRST: {urgent} worrying message{'s' if urgent != 1 else ''}; " if urgent else ""
    return f"{first}mailbot digest: {said} — {day_text(digest.now)}"


def hours_text(hours: float) -> str:
    """A span for people: "40 min", "5 h", "2 d 3 h" (the sign is dropped)."""
    minutes = round(abs(hours) * 60)
    if minutes < 60:
        return f"{minutes} min"
    whole = round(minutes / 60)
    if whole < 48:
        return f"{whole} h"
    days, rest = divmod(whole, 24)
    return f"{days} d {rest} h" if rest else f"{days} d"


def _percent(ratio: float | None) -> int:
    return round((ratio or 0.0) * 100)


def _level(ratio: float | None) -> str:
    """ "good" (80 % and more), "fair" (50 % and more) or "poor": the colour of a bar."""
    if ratio is None:
        return "none"
    return "good" if ratio >= 0.8 else "fair" if ratio >= 0.5 else "poor"


def digest_message(config: Config, digest: Digest, now: datetime) -> EmailMessage:
    """The digest email (text and HTML) to ``digest.to``, with the day's own Message-ID."""
    text, html = render_digest(config, digest)
    return build_message(
        sender=Address("mailbot", addr_spec=config.therapist.email),
        to=[Address(addr_spec=config.digest.to)],
        subject=subject(digest),
        text=text,
        html=html,
        message_id=digest_message_id(config, digest.now.date()),
        date=now,
        kind="digest",
        extra_headers={"Auto-Submitted": "auto-generated"},
    )


def write_preview(path: Path, html: str) -> None:
    """Write the HTML to ``path``, readable by the owner only (0600), replacing it whole."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(
            f"Cannot write the preview to {path} ({exc.strerror}); give a path in a folder you can write to."
        ) from None


def run_digest(app: App, send: bool, preview: Path | None) -> str:
    """Build the digest at ``app.now``; write the preview and send it as asked; a one-line summary
    (counts, never names)."""
    with app.sessions() as session:
        digest = gather(session, app.config, app.now)
    said = [
        f"digest for {day_text(digest.now)}: {digest.overdue_count} feedback overdue, "
        f"{len(digest.new)} new, {len(digest.triage)} in triage, {len(digest.problems)} "
        f"problem{'' if len(digest.problems) == 1 else 's'}"
    ]
    if preview is not None:
        write_preview(preview, render_digest(app.config, digest)[1])
        said.append(f"preview written to {preview}")
    if send:
        said.append(send_digest(app, digest_message(app.config, digest, app.now)))
    return "; ".join(said)


def send_digest(app: App, message: EmailMessage) -> str:
    """Record, then send, the day's digest once; what happened, in a few words."""
    status, already = send_fixed(app, message, "digest", "today's digest")
    if already:
        return already
    log.info("digest: %s", status)
    said = refusal(app.sessions, str(message["Message-ID"])) if status == "failed" else None
    return f"digest {status} to {app.config.digest.to}" + (f" (the server said: {said})" if said else "")


def send_fixed(
    app: App, message: EmailMessage, kind: str, what: str, client_id: int | None = None
) -> tuple[str, str]:
    """Record, then send, once, a mail whose Message-ID is fixed by what it is (the day's
    digest, a session's brief). Its delivery status and "", or "" and why it was not sent again.

    It connects first, so a refused login leaves no record behind. A refused earlier attempt is
    taken over; one that was sent, or may have been, is not sent again."""
    message_id = str(message["Message-ID"])
    with app.sessions() as session:
        earlier = earlier_status(session, message_id)
    if earlier is not None and earlier != "failed":
        return "", _already(what, earlier)
    with app.outbox() as outbox, app.sent_copies() as sent:
        status = send_once(
            app.sessions,
            outbox,
            message,
            kind,
            app.now,
            client_id=client_id,
            take_over_refused=True,
            sent=sent,
        )
    if status is None:
        with app.sessions() as session:
            return "", _already(what, earlier_status(session, message_id) or "pending")
    return status, ""


def earlier_status(session: Session, message_id: str) -> str | None:
    """The status of the mail recorded under ``message_id``, if any was."""
    return session.scalar(select(OutgoingMessage.status).where(OutgoingMessage.message_id == message_id))


def _already(what: str, status: str) -> str:
    if status == "sent":
        return f"{what} was already sent; not sent again"
    return f"{what} may already have been sent (its outcome is unknown); not sent again"
