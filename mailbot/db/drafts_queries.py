"""What the drafts pass reads: drafts by state, the feedback waiting for one, what a draft covers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, ScalarResult, select
from sqlalchemy.orm import Session, selectinload

from mailbot.db.models import Assignment, Client, Draft, Feedback, Submission


def drafts_to_write(session: Session) -> Sequence[Row[int, str, str]]:
    """(id, state, Message-ID) of every draft to write or to replace, oldest first."""
    return session.execute(
        select(Draft.id, Draft.state, Draft.message_id)
        .where(Draft.state.in_(("to_write", "to_replace")))
        .order_by(Draft.id)
    ).all()


def feedback_waiting(session: Session) -> Sequence[Row[int, int | None, datetime, str]]:
    """(submission, client, received, raw file) of every open feedback without a draft yet."""
    return session.execute(
        select(Feedback.submission_id, Submission.client_id, Submission.received_at, Submission.raw_path)
        .join(Submission, Feedback.submission_id == Submission.id)
        .where(Feedback.open.is_(True), Feedback.draft_id.is_(None))
        .order_by(Feedback.submission_id)
    ).all()


def submissions_of_draft(session: Session, draft_id: int) -> ScalarResult[int]:
    """The submissions a draft answers."""
    return session.scalars(select(Feedback.submission_id).where(Feedback.draft_id == draft_id))


def drafts_marked(session: Session, key: str) -> ScalarResult[Draft]:
    """The drafts whose marker starts with ``key:``, newest first."""
    return session.scalars(select(Draft).where(Draft.marker.startswith(f"{key}:")).order_by(Draft.id.desc()))


def feedback_open_of_draft(session: Session, draft_id: int) -> ScalarResult[bool]:
    """Whether each feedback a draft answers is still open."""
    return session.scalars(select(Feedback.open).where(Feedback.draft_id == draft_id))


def drafts_by_id(session: Session, draft_ids: list[int]) -> ScalarResult[Draft]:
    """These drafts, whole."""
    return session.scalars(select(Draft).where(Draft.id.in_(draft_ids)))


def open_submission_of_draft(session: Session, draft_id: int) -> int | None:
    """One submission of this draft still waiting for a reply, if any."""
    return session.scalars(
        select(Feedback.submission_id).where(Feedback.draft_id == draft_id, Feedback.open.is_(True))
    ).first()


def drafts_to_retire(session: Session) -> Sequence[Row[int, str]]:
    """(id, Message-ID) of the drafts to take out of the folder."""
    return session.execute(select(Draft.id, Draft.message_id).where(Draft.state == "to_retire")).all()


def submissions_covered(session: Session, draft_ids: Sequence[int]) -> dict[int, list[Submission]]:
    """The submissions each of these drafts covers, in the order they came, with what a draft
    says of them (assignment, client and addresses, attachments): a few queries for all the
    drafts, not a few for each."""
    rows = session.execute(
        select(Feedback.draft_id, Submission)
        .join(Feedback, Feedback.submission_id == Submission.id)
        .where(Feedback.draft_id.in_(draft_ids))
        .order_by(Submission.received_at, Submission.id)
        .options(
            selectinload(Submission.attachments),
            selectinload(Submission.assignment).selectinload(Assignment.client).selectinload(Client.emails),
        )
    ).all()
    covered: dict[int, list[Submission]] = defaultdict(list)
    for draft_id, submission in rows:
        if draft_id is not None:  # always: the query asks for these drafts
            covered[draft_id].append(submission)
    return covered
