"""The facts of the digest's first sections (core.attention): open risk alerts, notes, a client's
other mail left in the inbox, and the answers that call for the therapist's decision."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.core.attention import AlertFact, Attention, NoteFact, OtherMailFact, WorkFact, build_attention
from mailbot.db.models import Assignment, AuditEvent, Client, RiskAlert, Submission

MAX_LINES = 100  # per section: the digest stays readable after a backlog


def gather_attention(session: Session, now: datetime, since: datetime, tz: ZoneInfo) -> Attention:
    names = {client_id: name for client_id, name in session.execute(select(Client.id, Client.name))}
    alerts = [
        AlertFact(a.id, names.get(a.client_id, "a client"), a.received_at, a.submission_id)
        for a in session.scalars(
            select(RiskAlert).where(RiskAlert.state == "open").order_by(RiskAlert.id).limit(MAX_LINES)
        )
    ]
    recent = (
        select(Submission, Assignment)
        .join(Assignment, Submission.assignment_id == Assignment.id)
        .where(Submission.status == "filed", Submission.received_at > since, Submission.received_at <= now)
        .order_by(Submission.received_at)
        .limit(MAX_LINES * 5)
    )
    notes, work = [], []
    for sub, assignment in session.execute(recent):
        name = names.get(assignment.client_id, sub.from_address)
        if sub.kind == "note":
            notes.append(NoteFact(sub.id, name, assignment.title, sub.received_at))
        elif "risk" not in (sub.flags or []):
            work.append(
                WorkFact(
                    name, assignment.id, assignment.title, assignment.type, dict(assignment.details or {})
                )
            )
    other = [
        OtherMailFact(names.get(client_id or 0, "A client"), at)
        for client_id, at in session.execute(
            select(AuditEvent.entity_id, AuditEvent.at)
            .where(AuditEvent.action == "correspondence_left", AuditEvent.at > since, AuditEvent.at <= now)
            .order_by(AuditEvent.at)
            .limit(MAX_LINES)
        )
    ]
    return build_attention(tz, alerts, notes, other, work)
