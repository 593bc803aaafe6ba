"""What the reminder pass reads: occurrences near due, reminders already recorded, the missed
streaks' rows, the assignment emails a reminder threads under, emails left pending."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import Result, Row, ScalarResult, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from mailbot.db.models import Assignment, Client, Occurrence, OutgoingMessage, Reminder

# Written into the SQL, not bound, so that the partial index ix_outgoing_message_pending serves it
# (as digesting.TRIAGE): the pass must not walk every email mailbot ever sent.
PENDING = literal("pending", literal_execute=True)


def pending_reminders(session: Session) -> list[OutgoingMessage]:
    """Reminder emails recorded but never marked sent, failed or unknown."""
    return list(
        session.scalars(
            select(OutgoingMessage).where(
                OutgoingMessage.kind == "reminder", OutgoingMessage.status == PENDING
            )
        )
    )


def occurrences_near_due(
    session: Session, start: datetime, end: datetime
) -> Sequence[Row[Occurrence, Assignment]]:
    """Open or missed occurrences of open assignments due between ``start`` and ``end``."""
    return session.execute(
        select(Occurrence, Assignment)
        .join(Assignment, Occurrence.assignment_id == Assignment.id)
        .where(
            Occurrence.status.in_(("open", "missed")),
            Occurrence.due_at >= start,
            Occurrence.due_at <= end,
            Assignment.status == "open",
        )
    ).all()


def clients_with_emails(session: Session, client_ids: set[int]) -> ScalarResult[Client]:
    """These clients, their addresses loaded with them."""
    return session.scalars(
        select(Client).where(Client.id.in_(client_ids)).options(selectinload(Client.emails))
    )


def reminders_recorded(
    session: Session, occurrence_ids: list[int], client_ids: set[int], now: datetime
) -> ScalarResult[Reminder]:
    """The reminders of these occurrences, and these clients' of the last 26 hours."""
    return session.scalars(
        select(Reminder).where(
            or_(
                Reminder.occurrence_id.in_(occurrence_ids),
                Reminder.client_id.in_(client_ids) & (Reminder.recorded_at >= now - timedelta(hours=26)),
            )
        )
    )


def occurrences_due_by(
    session: Session, assignment_ids: list[int], now: datetime
) -> Result[int, datetime, str]:
    """(assignment, due, status) of every occurrence of these assignments due by ``now``."""
    return session.execute(
        select(Occurrence.assignment_id, Occurrence.due_at, Occurrence.status).where(
            Occurrence.assignment_id.in_(assignment_ids), Occurrence.due_at <= now
        )
    )


def assignment_emails_sent(session: Session, assignment_ids: Iterable[int]) -> Result[int | None, int, str]:
    """(assignment, record id, Message-ID) of the sent assignment emails of these assignments,
    oldest first."""
    return session.execute(
        select(OutgoingMessage.assignment_id, OutgoingMessage.id, OutgoingMessage.message_id)
        .where(
            OutgoingMessage.assignment_id.in_(assignment_ids),
            OutgoingMessage.kind == "assignment",
            OutgoingMessage.status == "sent",
        )
        .order_by(OutgoingMessage.id)
    )
