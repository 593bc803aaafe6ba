"""The 24-hour promise: each filed submission's feedback deadline, and the therapist's replies
found in the Sent folder, from mailbot's draft or from any other mail client."""

from __future__ import annotations

import email
import logging
from datetime import datetime
from email import policy
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from mailbot.config import Config
from mailbot.core.feedback import (
    Pending,
    SentMessage,
    combine_key,
    deadline,
    hours_to_reply,
    replies,
    status,
)
from mailbot.db import transaction
from mailbot.drafting import DRAFT_HEADER, retire_drafts, retire_settled
from mailbot.errors import UsageError
from mailbot.mail.compose import MAILBOT_HEADER
from mailbot.mail.imap import SENT, Mailbox
from mailbot.mail.parse import parse_header
from mailbot.models import Draft, Feedback, FolderState, Submission
from mailbot.records import audit
from mailbot.risk_alerts import settle_by_reply

log = logging.getLogger(__name__)


def start_feedback(session: Session, config: Config, submission: Submission) -> None:
    """Open the feedback of a newly filed submission, due ``sla_hours`` after it arrived."""
    session.add(
        Feedback(submission_id=submission.id, due_at=feedback_due(config, submission.received_at), open=True)
    )


def feedback_due(config: Config, received_at: datetime) -> datetime:
    """When the feedback on a submission received at ``received_at`` is due."""
    return deadline(received_at, config.feedback.sla_hours, config.therapist.tz, config.feedback.working)


def scan_sent(config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, now: datetime) -> int:
    """Read what is new in the Sent folder and mark the feedback it gives; how many were marked."""
    folder = mailbox.special_folder(SENT, config.folders.sent)
    if folder is None:
        log.warning("feedback: no Sent folder found; set [folders] sent")
        return 0
    status_ = mailbox.select(folder)
    with transaction(sessions) as session:
        state = session.get(FolderState, folder)
        if state is None or state.uidvalidity != status_.uidvalidity:
            state = session.merge(FolderState(folder=folder, uidvalidity=status_.uidvalidity, last_uid=0))
        last_uid = state.last_uid
    uids = mailbox.uids_after(last_uid)
    marked = 0
    for start in range(0, len(uids), config.intake.batch_size):
        batch = uids[start : start + config.intake.batch_size]
        sent = [_sent_message(h.data) for h in mailbox.fetch_headers(batch)]
        with transaction(sessions) as session:
            marked += _mark(session, config, sent, now)
            row = session.get(FolderState, folder)
            assert row is not None
            row.last_uid = max(row.last_uid, *batch)
    if marked:
        log.info("feedback: %d submissions answered", marked)
    retire_drafts(config, sessions, mailbox, now)
    return marked


def _sent_message(header: bytes) -> SentMessage:
    parsed = parse_header(header)
    raw = email.message_from_bytes(header, policy=policy.compat32)
    kind = (raw.get(MAILBOT_HEADER) or "").strip().lower()
    return SentMessage(
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        draft_marker=(raw.get(DRAFT_HEADER) or "").strip() or None,
        date=parsed.date,
        is_mailbot=bool(kind) and kind != "draft",
    )


def _mark(session: Session, config: Config, sent: list[SentMessage], now: datetime) -> int:
    ids = {mid for s in sent for mid in (*s.in_reply_to, *s.references)}
    settle_by_reply(
        session, {mid for s in sent if not s.is_mailbot for mid in (*s.in_reply_to, *s.references)}, now
    )
    markers = {s.draft_marker for s in sent if s.draft_marker}
    if not ids and not markers:
        return 0
    query = (
        select(Feedback, Submission, Draft)
        .join(Submission, Feedback.submission_id == Submission.id)
        .outerjoin(Draft, Feedback.draft_id == Draft.id)
        .where(Feedback.open.is_(True))
    )
    rows = list(session.execute(query.where(Submission.message_id.in_(ids) | Draft.marker.in_(markers))))
    clients = {s.client_id for _f, s, _d in rows if s.client_id is not None}
    if clients:  # what else of those clients a reply may settle: their thread, their day
        rows += session.execute(query.where(Submission.client_id.in_(clients))).all()
    combine = config.feedback.combine == "client-day"
    pending = [
        Pending(
            f.submission_id,
            s.message_id,
            d.marker if d else None,
            s.received_at,
            s.client_id,
            tuple([*s.in_reply_to, *s.references]),
            combine_key(s.client_id or 0, s.received_at, config.therapist.tz) if combine else None,
        )
        for f, s, d in {row[0].submission_id: row for row in rows}.values()
    ]
    answered = replies(sent, pending, now)
    settled_drafts = set()
    for feedback, _sub, draft in rows:
        if feedback.submission_id in answered and feedback.open:
            feedback.replied_at, feedback.open = answered[feedback.submission_id], False
            audit(session, now, "feedback_replied", "submission", feedback.submission_id)
            if draft is not None:
                settled_drafts.add(draft.id)
    retire_settled(session, settled_drafts, now)
    return len(answered)


def feedback_rows(session: Session, now: datetime) -> list[dict[str, Any]]:
    """Every feedback, newest first, with the fields of ``mailbot feedback list``."""
    rows = session.scalars(
        select(Feedback)
        .options(selectinload(Feedback.submission), selectinload(Feedback.draft))
        .order_by(Feedback.submission_id.desc())
    )
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
