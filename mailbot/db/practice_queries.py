"""What the practice's bookkeeping reads and settles in bulk: open assignments to close
(practice.lifecycle), occurrences past due to mark missed (practice.crediting), the feedback
list (practice.feedback)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session, selectinload

from mailbot.db.models import Assignment, Feedback, Occurrence


def open_assignments_with_occurrences(session: Session, ids: Sequence[int]) -> list[Assignment]:
    """Those of ``ids`` still open, their occurrences loaded."""
    query = select(Assignment).where(Assignment.id.in_(ids), Assignment.status == "open")
    return list(session.scalars(query.options(selectinload(Assignment.occurrences))))


def open_schedules(session: Session, ids: Sequence[int]) -> dict[int, tuple[bool, list[str]]]:
    """Of assignments ``ids``, those still open: whether each repeats, and its occurrences'
    statuses by due time. Plain rows: as objects they cost many times more to load."""
    found: dict[int, tuple[bool, list[str]]] = {
        aid: ("repeat" in (details or {}), [])
        for aid, details in session.execute(
            select(Assignment.id, Assignment.details).where(
                Assignment.id.in_(ids), Assignment.status == "open"
            )
        )
    }
    if found:
        rows = session.execute(
            select(Occurrence.assignment_id, Occurrence.status)
            .where(Occurrence.assignment_id.in_(sorted(found)))
            .order_by(Occurrence.assignment_id, Occurrence.due_at)  # unique per assignment
        )
        for aid, status in rows:
            found[aid][1].append(status)
    return found


def open_due_occurrences(session: Session, now: datetime) -> Sequence[Row[int, int, datetime, str]]:
    """(id, assignment_id, due_at, status) of every open occurrence due by ``now``."""
    return session.execute(
        select(Occurrence.id, Occurrence.assignment_id, Occurrence.due_at, Occurrence.status).where(
            Occurrence.status == "open", Occurrence.due_at <= now
        )
    ).all()


def mark_missed_if_open(session: Session, ids: Sequence[int]) -> int:
    """Those of occurrences ``ids`` still open become "missed"; how many did."""
    result = session.execute(
        update(Occurrence)
        .where(Occurrence.id.in_(ids), Occurrence.status == "open")
        .values(status="missed")
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def all_feedback(session: Session) -> list[Feedback]:
    """Every feedback, newest first, with its submission and draft loaded."""
    return list(
        session.scalars(
            select(Feedback)
            .options(selectinload(Feedback.submission), selectinload(Feedback.draft))
            .order_by(Feedback.submission_id.desc())
        )
    )
