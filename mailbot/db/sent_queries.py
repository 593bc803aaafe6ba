"""What the Sent scan reads: the open feedback a reply of the therapist's may settle."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Row, Select, select
from sqlalchemy.orm import Session

from mailbot.db.models import Draft, Feedback, Submission


def _open_feedback() -> Select[Feedback, Submission, Draft]:
    return (
        select(Feedback, Submission, Draft)
        .join(Submission, Feedback.submission_id == Submission.id)
        .outerjoin(Draft, Feedback.draft_id == Draft.id)
        .where(Feedback.open.is_(True))
    )


def open_feedback_named(
    session: Session, message_ids: set[str], markers: set[str]
) -> list[Row[Feedback, Submission, Draft]]:
    """(feedback, submission, draft) of the open feedback whose message or draft is named."""
    where: ColumnElement[bool] = Submission.message_id.in_(message_ids) | Draft.marker.in_(markers)
    return list(session.execute(_open_feedback().where(where)))


def open_feedback_of_clients(
    session: Session, client_ids: set[int]
) -> list[Row[Feedback, Submission, Draft]]:
    """(feedback, submission, draft) of these clients' open feedback."""
    return list(session.execute(_open_feedback().where(Submission.client_id.in_(client_ids))).all())
