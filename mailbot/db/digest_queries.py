"""What the daily digest reads: one bounded query per kind of fact (core.digest_facts).

Every query is bounded: by time (the last 28 days, or since the last digest), by an open flag,
or by the practice's size (clients, open assignments), and an index serves each bound, so the
digest does not slow down as the history grows (tests/integration/test_daily_digest.py checks
the plans).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, func, literal, or_, select
from sqlalchemy.orm import Session

from mailbot.core import digest_facts as core
from mailbot.core.digest import DAY, MONTH
from mailbot.core.digest_problems import REMINDERS_STOPPED, problem_reason, reminders_stopped, send_problem
from mailbot.core.digest_ratings import RATING_KEYS
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
from mailbot.db.records import said_in

MAX_TRIAGE = 100  # triage items shown at most, those waiting longest
FILED_ACTIONS = ("submission_filed", "submission_triage", "triage_settled")
# Written into the SQL, not bound: the partial index ix_submission_triage serves only a query that
# names 'triage' itself. PostgreSQL may plan a statement psycopg has prepared (one the daemon runs
# day after day) for any value of its parameters, and that plan walks every submission received.
TRIAGE = literal("triage", literal_execute=True)


def client_facts(session: Session, now: datetime, with_open_work: set[int]) -> list[core.ClientFact]:
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


def feedback_facts(session: Session, now: datetime) -> list[core.FeedbackFact]:
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


def new_facts(session: Session, now: datetime, since: datetime) -> list[core.SubmissionFact]:
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


def triage_facts(
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


def occurrence_facts(session: Session, now: datetime, tz: ZoneInfo) -> list[core.OccurrenceFact]:
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


def answer_facts(session: Session, now: datetime) -> list[core.AnswerFact]:
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
            Assignment.type.in_(list(RATING_KEYS)),
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


def reminder_facts(
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


def problem_facts(
    session: Session, now: datetime, since: datetime, names: dict[int, str]
) -> list[core.ProblemFact]:
    found = [
        core.ProblemFact(p.kind, p.at, problem_reason(p.kind, p.reason, p.uid, p.folder, p.attempts))
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
        name = names.get(client_id) if client_id is not None else None
        reason = send_problem(kind, status, name, said.get(outgoing_id))
        found.append(core.ProblemFact("send", at, reason))
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


def _stopped_reminders(
    session: Session, now: datetime, since: datetime, names: dict[int, str]
) -> list[core.ProblemFact]:
    rows = session.execute(
        select(AuditEvent.action, AuditEvent.at, AuditEvent.entity_id).where(
            AuditEvent.at > since, AuditEvent.at <= now, AuditEvent.action.in_(list(REMINDERS_STOPPED))
        )
    )
    return [
        core.ProblemFact("reminders", at, reminders_stopped(action, names.get(client_id or 0)))
        for action, at, client_id in rows
    ]


def open_work(session: Session) -> Sequence[Row[int, int, str]]:
    """(id, client, title) of every open assignment, oldest first."""
    return session.execute(
        select(Assignment.id, Assignment.client_id, Assignment.title)
        .where(Assignment.status == "open")
        .order_by(Assignment.id)
    ).all()


def client_names(session: Session) -> dict[int, str]:
    """Every client's name, by id."""
    return {client_id: name for client_id, name in session.execute(select(Client.id, Client.name))}


def open_assignments(session: Session) -> list[Assignment]:
    """Every open assignment, whole."""
    return list(session.scalars(select(Assignment).where(Assignment.status == "open")))


def latest_sent_at(session: Session, message_ids: list[str], now: datetime) -> datetime | None:
    """When the latest of these mails was sent (by ``now``), if any was."""
    return session.scalar(
        select(OutgoingMessage.sent_at)
        .where(
            OutgoingMessage.message_id.in_(message_ids),
            OutgoingMessage.status == "sent",
            OutgoingMessage.sent_at <= now,
        )
        .order_by(OutgoingMessage.sent_at.desc())
        .limit(1)
    )


def status_of(session: Session, message_id: str) -> str | None:
    """The status of the mail recorded under ``message_id``, if any was."""
    return session.scalar(select(OutgoingMessage.status).where(OutgoingMessage.message_id == message_id))
