"""What the session brief reads (practice.briefing): one client's facts, each query bounded by the
client and by time (since the previous session) or by a small flag (open alerts, unanswered
notes), and served by an index (bench/brief.py: 100,000 occurrences)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ScalarResult, func, or_, select
from sqlalchemy.orm import Session

from mailbot.core.brief_agenda import STAGE_TWO_DAYS
from mailbot.core.brief_facts import (
    AlertFact,
    AnswerFact,
    AssignmentFact,
    AttachmentFact,
    NoteFact,
    OccurrenceFact,
)
from mailbot.db.models import (
    Assignment,
    Client,
    Feedback,
    Occurrence,
    RiskAlert,
    StoredAttachment,
    Submission,
)

MAX_LINES = 50  # alerts and unanswered notes listed at most
MAX_NOTE = 400  # characters of a note quoted
STAGE_TWO_LOOKBACK = timedelta(days=STAGE_TWO_DAYS)
STATUSES = ("open", "done", "late", "missed", "excused")  # all: lets ix_occurrence_status_due serve
FAR = datetime(9999, 1, 1, tzinfo=UTC)  # an occurrence not due yet, for core.adherence


def assignments(
    session: Session, client_id: int, since: datetime, now: datetime, answered: set[int]
) -> list[AssignmentFact]:
    """The client's assignments open, due or handed in (``answered``) since ``since``: every
    occurrence of the period (and of the last two weeks, which the agenda's stage-2 rule reads),
    and the rest counted by status, each standing at the start of what was read one by one.
    Found by the client's open work and by what fell due in the period (by time, across the
    practice), never by walking every assignment the client ever had."""
    fell_due = (
        select(Occurrence.assignment_id)
        .join(Assignment, Occurrence.assignment_id == Assignment.id)
        .where(
            Occurrence.status.in_(STATUSES),
            Occurrence.due_at > since,
            Occurrence.due_at <= now,
            Assignment.client_id + 0 == client_id,  # "+ 0": by due time, not the client's index
        )
    )
    still_open = select(Assignment.id).where(Assignment.client_id == client_id, Assignment.status == "open")
    wanted = set(session.scalars(fell_due)) | set(session.scalars(still_open)) | answered
    found = list(
        session.scalars(
            select(Assignment)
            .where(Assignment.id.in_(sorted(wanted)), Assignment.client_id == client_id)
            .order_by(Assignment.id)
        )
    )
    ids = [a.id for a in found]
    if not ids:
        return []
    start = min(since, now - STAGE_TWO_LOOKBACK)
    window: dict[int, list[OccurrenceFact]] = {i: [] for i in ids}
    for oid, aid, due, status in session.execute(
        select(Occurrence.id, Occurrence.assignment_id, Occurrence.due_at, Occurrence.status).where(
            Occurrence.assignment_id.in_(ids), Occurrence.due_at > start, Occurrence.due_at <= now
        )
    ):
        window[aid].append(OccurrenceFact(oid, due, status))
    before: dict[int, list[OccurrenceFact]] = {i: [] for i in ids}
    passed = Occurrence.due_at <= now
    for aid, status, was_due, count in session.execute(
        select(Occurrence.assignment_id, Occurrence.status, passed, func.count())
        .where(Occurrence.assignment_id.in_(ids), or_(Occurrence.due_at <= start, Occurrence.due_at > now))
        .group_by(Occurrence.assignment_id, Occurrence.status, passed)
    ):
        # Outside what is read one by one only the counts matter to core.adherence: due by now
        # or not yet, and the status.
        moment = start if was_due else FAR
        before[aid].extend(OccurrenceFact(0, moment, status) for _ in range(count))
    return [
        AssignmentFact(
            a.id,
            a.type,
            a.title,
            a.status,
            dict(a.details or {}),
            tuple(sorted(window[a.id], key=lambda o: o.due_at)) + tuple(before[a.id]),
        )
        for a in found
    ]


def answers(
    session: Session, client_id: int, since: datetime, now: datetime
) -> tuple[list[AnswerFact], dict[int, str]]:
    rows = session.execute(
        select(Submission.id, Submission.assignment_id, Submission.received_at, Submission.fields)
        .where(
            Submission.client_id + 0 == client_id,  # "+ 0": by time (ix_submission_received), not
            Submission.received_at > since,  # by every submission the client ever sent
            Submission.received_at <= now,
            Submission.status == "filed",
            Submission.kind == "answer",
            Submission.assignment_id.is_not(None),
        )
        .order_by(Submission.received_at)
    ).all()
    files: dict[int, list[AttachmentFact]] = {}
    paths: dict[int, str] = {}
    received = {sid: at for sid, _aid, at, _fields in rows}
    if rows:
        for att in session.scalars(
            select(StoredAttachment)
            .where(StoredAttachment.submission_id.in_(list(received)))
            .order_by(StoredAttachment.id)
        ):
            files.setdefault(att.submission_id, []).append(
                AttachmentFact(
                    att.id,
                    att.submission_id,
                    att.filename,
                    att.content_type,
                    att.size,
                    received[att.submission_id],
                )
            )
            paths[att.id] = att.path
    answers = [
        AnswerFact(
            sid,
            aid,
            at,
            tuple(e for e in (fields or []) if isinstance(e, dict)),
            tuple(files.get(sid, ())),
        )
        for sid, aid, at, fields in rows
    ]
    return answers, paths


def alerts(session: Session, client_id: int, since: datetime, now: datetime) -> list[AlertFact]:
    return [
        AlertFact(a.id, a.received_at, a.sentence, a.state, a.submission_id)
        for a in session.scalars(
            select(RiskAlert)
            .where(
                RiskAlert.client_id == client_id,
                RiskAlert.received_at <= now,
                or_(RiskAlert.state == "open", RiskAlert.received_at > since),
            )
            .order_by(RiskAlert.received_at)
            .limit(MAX_LINES)
        )
    ]


def notes(session: Session, client_id: int, now: datetime) -> list[NoteFact]:
    """Notes and questions with no reply yet, whenever they came: found among the practice's open
    feedback (few, and indexed), not among every submission the client ever sent."""
    owed = select(Feedback.submission_id).where(Feedback.open.is_(True))
    rows = session.execute(
        select(Submission.id, Submission.received_at, Submission.new_text, Submission.text, Assignment.title)
        .outerjoin(Assignment, Submission.assignment_id == Assignment.id)
        .where(
            Submission.id.in_(owed),
            Submission.client_id + 0 == client_id,  # "+ 0": not by the client's index, see above
            Submission.kind == "note",
            Submission.status == "filed",
            Submission.received_at <= now,
        )
        .order_by(Submission.received_at)
        .limit(MAX_LINES)
    )
    return [
        NoteFact(sid, at, title or "homework", " ".join((new_text or text or "").split())[:MAX_NOTE])
        for sid, at, new_text, text, title in rows
    ]


def clients_with_sessions(session: Session) -> ScalarResult[Client]:
    """The clients with a next session or a session schedule (passes.brief: whose brief is due)."""
    return session.scalars(
        select(Client).where(or_(Client.next_session.is_not(None), Client.sessions.is_not(None)))
    )
