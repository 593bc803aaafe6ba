"""The therapist corrects intake: ``mailbot submission file MESSAGE-ID ASSIGNMENT``.

Either way round: a message mailbot left in the inbox as correspondence (or as too short to
tell) is filed as homework, or a submission it filed as a note or put into triage becomes an
answer to the assignment she names. The message is found by its Message-ID: among submissions
first, else in the inbox. Filing is recorded before the message moves, as intake does.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.db import submissions
from mailbot.db.engine import transaction
from mailbot.db.models import Assignment, Client, Credit, Feedback, StoredAttachment, Submission
from mailbot.db.records import audit, find_assignment
from mailbot.errors import UsageError
from mailbot.files import StoredFile, message_dir, save_message
from mailbot.mail.identity import dedupe_key
from mailbot.mail.imap import Mailbox
from mailbot.mail.parse import parse_message
from mailbot.practice.crediting import answers, credit
from mailbot.practice.feedback import start_feedback

log = logging.getLogger(__name__)


def normal_message_id(text: str) -> str:
    text = text.strip()
    if not text or " " in text:
        raise UsageError(
            f"{text!r} is not a Message-ID; copy it from the mail's headers, like <abc@example.org>."
        )
    return text if text.startswith("<") else f"<{text}>"


def file_message(
    config: Config,
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    now: datetime,
    ref: str,
    assignment_ref: str,
) -> tuple[Submission, bool]:
    """File the message ``ref`` names to the assignment as an answer; the submission, and whether
    its message was moved to the client's folder."""
    message_id = normal_message_id(ref)
    with transaction(sessions) as session:
        assignment = find_assignment(session, assignment_ref)
        existing = submissions.by_message_id(session, message_id)
        if existing is not None:
            _as_answer(session, config, now, existing, assignment)
            submission_id, source = existing.id, existing.target_folder
        else:
            submission_id, source = _from_inbox(session, config, mailbox, now, message_id, assignment), None
    with transaction(sessions) as session:
        submission = session.get(Submission, submission_id)
        assert submission is not None
        moved = _move(mailbox, submission, source or config.folders.inbox)
        submission.imap_state = "moved" if moved else submission.imap_state
        session.expunge(submission)
    return submission, moved


def _as_answer(
    session: Session, config: Config, now: datetime, sub: Submission, assignment: Assignment
) -> None:
    if sub.client_id is not None and sub.client_id != assignment.client_id:
        raise UsageError(
            f"Assignment {assignment.id} belongs to another client than submission {sub.id}; "
            "pick one of that client's assignments."
        )
    if sub.status == "filed" and sub.kind == "answer" and sub.assignment_id == assignment.id:
        raise UsageError(f"Submission {sub.id} is filed to assignment {assignment.id} already.")
    defects = list(sub.defects)
    fields = answers(assignment, sub.new_text or sub.text, sub.subject, defects)
    sub.defects = defects
    grace = timedelta(hours=config.homework.grace_hours)
    credited, sub.fields = credit(assignment, sub.received_at, fields, grace)
    sub.occurrence_id = credited[0] if credited else None
    sub.credits = [Credit(occurrence_id=i) for i in credited]
    sub.client_id, sub.assignment_id = assignment.client_id, assignment.id
    sub.status, sub.kind, sub.matched_by, sub.triage_reason = "filed", "answer", "manual", None
    sub.target_folder = _client_folder(session, config, assignment)
    session.flush()
    if session.get(Feedback, sub.id) is None:
        start_feedback(session, config, sub)
    audit(session, now, "submission_refiled", "submission", sub.id, f"assignment={assignment.id}")


def _from_inbox(
    session: Session, config: Config, mailbox: Mailbox, now: datetime, message_id: str, assignment: Assignment
) -> int:
    uids = mailbox.find_by_message_id(config.folders.inbox, message_id)
    if not uids:
        raise UsageError(
            f"No message {message_id} in {config.folders.inbox} nor among submissions; "
            "see: mailbot submission list."
        )
    status = mailbox.select(config.folders.inbox)
    [message] = mailbox.fetch_messages(uids[:1])
    parsed = parse_message(message.data)
    key = dedupe_key(parsed, message.data)
    defects = list(parsed.defects)
    fields = answers(assignment, parsed.new_text or parsed.text, parsed.subject, defects)
    grace = timedelta(hours=config.homework.grace_hours)
    credited, fields = credit(assignment, message.internal_date, fields, grace)
    folder = message_dir(config.storage.data_dir, assignment.client_id, message.internal_date, key)
    raw_path, files = save_message(folder, message.data, parsed.attachments)
    submission = Submission(
        dedupe_key=key,
        client_id=assignment.client_id,
        assignment_id=assignment.id,
        occurrence_id=credited[0] if credited else None,
        credits=[Credit(occurrence_id=i) for i in credited],
        message_id=parsed.message_id,
        from_address=parsed.from_address or "",
        from_name=parsed.from_name,
        subject=parsed.subject,
        received_at=message.internal_date,
        matched_by="manual",
        status="filed",
        kind="answer",
        flags=["risk"] if submissions.risk_flagged(session, key) else [],
        text=parsed.text,
        new_text=parsed.new_text,
        fields=fields,
        in_reply_to=list(parsed.in_reply_to),
        references=list(parsed.references),
        raw_path=str(raw_path),
        defects=defects,
        source_folder=config.folders.inbox,
        source_uidvalidity=status.uidvalidity,
        source_uid=message.uid,
        target_folder=_client_folder(session, config, assignment),
        imap_state="to_move",
        attachments=stored_attachments(files),
    )
    session.add(submission)
    session.flush()
    start_feedback(session, config, submission)
    audit(
        session, now, "submission_filed_by_hand", "submission", submission.id, f"assignment={assignment.id}"
    )
    return submission.id


def _client_folder(session: Session, config: Config, assignment: Assignment) -> str:
    client = session.get(Client, assignment.client_id)
    assert client is not None
    return config.folders.filed.format(client=client.folder)


def _move(mailbox: Mailbox, submission: Submission, source: str) -> bool:
    """Move the message from ``source`` to the submission's folder; found by its Message-ID."""
    if not submission.message_id or source == submission.target_folder:
        return source == submission.target_folder
    uids = mailbox.find_by_message_id(source, submission.message_id)
    if not uids:
        return False
    mailbox.select(source)
    mailbox.ensure_folder(submission.target_folder)
    return bool(mailbox.move(uids, submission.target_folder))


def stored_attachments(files: Sequence[StoredFile]) -> list[StoredAttachment]:
    """The database rows of a message's saved attachments."""
    return [
        StoredAttachment(
            filename=f.filename,
            original_name=f.original_name,
            content_type=f.content_type,
            size=f.size,
            path=str(f.path),
        )
        for f in files
    ]
