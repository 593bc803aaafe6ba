"""Reply drafts in the therapist's own Drafts folder: one per submission (or per client and day),
written once, whatever crashes or repeats.

A draft is recorded (``to_write``) before it is appended and marked ``written`` after; an
interrupted append is settled by looking for the draft's Message-ID in the folder before
appending again. A draft the therapist deletes is never written again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from mailbot.config import Config
from mailbot.core.feedback import combine_key
from mailbot.core.homework.registry import get_type
from mailbot.db import transaction
from mailbot.faults import checkpoint
from mailbot.mail.compose import build_message, new_message_id, render, template_environment
from mailbot.mail.imap import DRAFTS, Mailbox
from mailbot.models import Draft, Feedback, Submission
from mailbot.records import audit

log = logging.getLogger(__name__)

DRAFT_HEADER = "X-Mailbot-Draft"


def write_drafts(config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, now: datetime) -> int:
    """Plan drafts for new submissions, then write every draft not yet in the folder; how many."""
    if not config.feedback.drafts:
        return 0
    folder = mailbox.special_folder(DRAFTS, config.folders.drafts)
    if folder is None:
        log.warning("drafts: no Drafts folder found; set [folders] drafts")
        return 0
    _plan(config, sessions, now)
    checkpoint("drafts.planned")
    written = 0
    with transaction(sessions) as session:
        todo = list(session.scalars(select(Draft).where(Draft.state.in_(("to_write", "to_replace")))))
    for draft in todo:
        if draft.state == "to_write":
            written += _append(config, sessions, mailbox, folder, draft, now)
        else:
            _remove(sessions, mailbox, folder, draft, now)
    if written:
        log.info("drafts: %d written", written)
    return written


def _plan(config: Config, sessions: sessionmaker[Session], now: datetime) -> None:
    """Give every open feedback without a draft one (to write), combining per client and day."""
    tz = config.therapist.tz
    with transaction(sessions) as session:
        waiting = list(
            session.scalars(
                select(Feedback)
                .where(Feedback.open.is_(True), Feedback.draft_id.is_(None))
                .options(selectinload(Feedback.submission))
            )
        )
        groups: dict[str, list[Feedback]] = defaultdict(list)
        for feedback in waiting:
            sub = feedback.submission
            key = (
                combine_key(sub.client_id or 0, sub.received_at, tz)
                if config.feedback.combine == "client-day"
                else f"s{sub.id}"
            )
            groups[key].append(feedback)
        for key, members in groups.items():
            marker = f"{key}:{members[0].submission_id}"
            previous = _combinable(session, key) if config.feedback.combine == "client-day" else None
            if previous is not None:
                members += list(session.scalars(select(Feedback).where(Feedback.draft_id == previous.id)))
                previous.state = "to_replace" if previous.state == "written" else "replaced"
                marker = previous.marker
            draft = Draft(
                marker=marker,
                message_id=new_message_id(config.therapist.email),
                state="to_write",
                created_at=now,
            )
            session.add(draft)
            session.flush()
            for feedback in members:
                feedback.draft_id = draft.id
            audit(session, now, "draft_planned", "draft", draft.id, f"submissions={len(members)}")


def _combinable(session: Session, key: str) -> Draft | None:
    """The latest draft of this client and day whose submissions all still wait for a reply."""
    drafts = session.scalars(
        select(Draft)
        .where(Draft.marker.startswith(f"{key}:"), Draft.state.in_(("to_write", "written")))
        .order_by(Draft.id.desc())
    )
    for draft in drafts:
        covered = list(session.scalars(select(Feedback).where(Feedback.draft_id == draft.id)))
        if covered and all(f.open for f in covered):
            return draft
    return None


def _append(
    config: Config,
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    folder: str,
    draft: Draft,
    now: datetime,
) -> int:
    if mailbox.find_by_message_id(folder, draft.message_id):
        written = 0  # appended before an interruption: do not write it twice
    else:
        with sessions() as session:
            message = compose_draft(config, session, draft)
        checkpoint("drafts.before_append")
        mailbox.append(folder, bytes(message), flags=[b"\\Draft", b"\\Seen"], when=now)
        checkpoint("drafts.after_append")
        written = 1
    with transaction(sessions) as session:
        row = session.get(Draft, draft.id)
        assert row is not None
        row.state, row.written_at = "written", now
        audit(session, now, "draft_written", "draft", draft.id)
    return written


def _remove(
    sessions: sessionmaker[Session], mailbox: Mailbox, folder: str, draft: Draft, now: datetime
) -> None:
    """Take a replaced draft out of the folder (if the therapist has not already)."""
    uids = mailbox.find_by_message_id(folder, draft.message_id)
    if uids:
        mailbox.delete(folder, uids)
    with transaction(sessions) as session:
        row = session.get(Draft, draft.id)
        assert row is not None
        row.state = "replaced"
        audit(session, now, "draft_replaced", "draft", draft.id)


def compose_draft(config: Config, session: Session, draft: Draft) -> EmailMessage:
    """The draft reply: to the address the client wrote from, threaded under their message."""
    covered = list(
        session.scalars(
            select(Submission)
            .join(Feedback, Feedback.submission_id == Submission.id)
            .where(Feedback.draft_id == draft.id)
            .order_by(Submission.received_at)
        )
    )
    latest = covered[-1]
    client = latest.assignment.client if latest.assignment else None
    tz = ZoneInfo(client.timezone) if client else config.therapist.tz
    items = [
        {
            "submission": sub,
            "assignment": sub.assignment,
            "fields": sub.fields,
            "type_label": get_type(sub.assignment.type).label if sub.assignment else "homework",
            "received_local": sub.received_at.astimezone(tz),
            "sender_name": sub.from_name or sub.from_address,
        }
        for sub in covered
        if sub.assignment is not None
    ]
    name = client.name if client else (latest.from_name or latest.from_address)
    context = {
        "therapist": config.therapist,
        "items": items,
        "client": {"name": name, "first_name": name.split()[0] if name else ""},
    }
    text = render(template_environment(config.templates_dir), ["feedback/draft.txt.j2"], context)
    subject = latest.subject or "your homework"
    references = [*latest.references, *([latest.message_id] if latest.message_id else [])]
    return build_message(
        sender=Address(config.therapist.name, addr_spec=config.therapist.email),
        to=[Address(name, addr_spec=latest.from_address)],
        subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
        text=text,
        html=None,
        message_id=draft.message_id,
        date=draft.created_at,
        kind="draft",
        in_reply_to=latest.message_id,
        references=references[-20:],
        extra_headers={DRAFT_HEADER: draft.marker},
    )
