"""What a client's rights over their data read and remove (practice.privacy): everything held
about one client, found by the client and by the addresses they wrote from."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from mailbot.db.models import (
    Assignment,
    Client,
    Draft,
    Feedback,
    Occurrence,
    OutgoingMessage,
    Reminder,
    RiskAlert,
    Submission,
)


def client_submissions(session: Session, client: Client) -> list[Submission]:
    """The client's submissions, and any mail from one of their addresses, by id."""
    addresses = [e.address for e in client.emails]
    return list(
        session.scalars(
            select(Submission)
            .where(or_(Submission.client_id == client.id, Submission.from_address.in_(addresses)))
            .order_by(Submission.id)
        )
    )


def feedback_of(session: Session, submission_ids: Sequence[int]) -> list[Feedback]:
    return list(session.scalars(select(Feedback).where(Feedback.submission_id.in_(submission_ids))))


def client_reminders(session: Session, client_id: int) -> list[Reminder]:
    return list(session.scalars(select(Reminder).where(Reminder.client_id == client_id)))


def client_alerts(session: Session, client_id: int) -> list[RiskAlert]:
    return list(session.scalars(select(RiskAlert).where(RiskAlert.client_id == client_id)))


def draft_ids_of(session: Session, submission_ids: Sequence[int]) -> list[int]:
    """The drafts written for these submissions' feedback."""
    return [
        d
        for d in session.scalars(select(Feedback.draft_id).where(Feedback.submission_id.in_(submission_ids)))
        if d is not None
    ]


def delete_client_rows(
    session: Session,
    client_id: int,
    submission_ids: list[int],
    draft_ids: list[int],
    assignment_ids: list[int],
) -> None:
    """Delete every row held about the client but the client itself (and the audit log)."""
    session.execute(delete(RiskAlert).where(RiskAlert.client_id == client_id))
    session.execute(delete(Feedback).where(Feedback.submission_id.in_(submission_ids)))
    session.execute(delete(Draft).where(Draft.id.in_(draft_ids)))
    session.execute(delete(Submission).where(Submission.id.in_(submission_ids)))
    session.execute(delete(Reminder).where(Reminder.client_id == client_id))
    session.execute(
        delete(OutgoingMessage).where(
            or_(OutgoingMessage.client_id == client_id, OutgoingMessage.assignment_id.in_(assignment_ids))
        )
    )
    session.execute(delete(Occurrence).where(Occurrence.assignment_id.in_(assignment_ids)))
    session.execute(delete(Assignment).where(Assignment.id.in_(assignment_ids)))
