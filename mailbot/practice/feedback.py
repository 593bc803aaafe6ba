"""The 24-hour promise: each filed submission's feedback deadline, and what the therapist settles
by hand (given or skipped). Her replies in the Sent folder settle it too: see passes.sent."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.feedback import (
    deadline,
    hours_to_reply,
    status,
)
from mailbot.db import practice_queries
from mailbot.db.models import Feedback, Submission
from mailbot.db.records import audit
from mailbot.errors import UsageError

log = logging.getLogger(__name__)


def start_feedback(session: Session, config: Config, submission: Submission) -> None:
    """Open the feedback of a newly filed submission, due ``sla_hours`` after it arrived."""
    session.add(
        Feedback(submission_id=submission.id, due_at=feedback_due(config, submission.received_at), open=True)
    )


def feedback_due(config: Config, received_at: datetime) -> datetime:
    """When the feedback on a submission received at ``received_at`` is due."""
    return deadline(received_at, config.feedback.sla_hours, config.therapist.tz, config.feedback.working)


def feedback_rows(session: Session, now: datetime) -> list[dict[str, Any]]:
    """Every feedback, newest first, with the fields of ``mailbot feedback list``."""
    rows = practice_queries.all_feedback(session)
    return [
        {
            "submission_id": f.submission_id,
            "client_email": f.submission.from_address,
            "received_at": f.submission.received_at,
            "due_at": f.due_at,
            "status": status(
                f.due_at,
                now,
                f.replied_at,
                f.skipped_reason is not None,
                in_drafts=f.draft is not None and f.draft.state == "written",
            ),
            "replied_at": f.replied_at,
            "hours_to_reply": hours_to_reply(f.submission.received_at, f.replied_at),
        }
        for f in rows
    ]


def settle_by_hand(session: Session, now: datetime, ref: str, reason: str | None) -> Feedback:
    """The therapist marks feedback given (``reason`` None) or skipped."""
    feedback = session.get(Feedback, int(ref)) if ref.strip().isdigit() else None
    if feedback is None:
        raise UsageError(f"No feedback for submission {ref!r}; see: mailbot feedback list.")
    if reason is None:
        feedback.replied_at = feedback.replied_at or now
        audit(session, now, "feedback_done", "submission", feedback.submission_id, "by hand")
    else:
        feedback.skipped_reason = reason or "skipped"
        audit(session, now, "feedback_skipped", "submission", feedback.submission_id)
    feedback.open = False
    return feedback
