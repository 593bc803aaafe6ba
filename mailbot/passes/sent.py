"""The Sent folder scan: the therapist's replies, from mailbot's draft or from any other mail client,
settle the 24-hour promise of the submissions they answer (practice.feedback)."""

from __future__ import annotations

import email
import logging
from datetime import datetime
from email import policy

from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.feedback import (
    Pending,
    SentMessage,
    combine_key,
    replies,
)
from mailbot.db import sent_queries
from mailbot.db.engine import transaction
from mailbot.db.models import FolderState
from mailbot.db.records import audit
from mailbot.mail.compose import MAILBOT_HEADER
from mailbot.mail.imap import SENT, Mailbox
from mailbot.mail.parse import parse_header
from mailbot.passes.drafts import DRAFT_HEADER, retire_drafts, retire_settled
from mailbot.passes.risk_alerts import settle_by_reply

log = logging.getLogger(__name__)


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
    rows = sent_queries.open_feedback_named(session, ids, markers)
    clients = {s.client_id for _f, s, _d in rows if s.client_id is not None}
    if clients:  # what else of those clients a reply may settle: their thread, their day
        rows += sent_queries.open_feedback_of_clients(session, clients)
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
