"""Settling triage: the therapist files a waiting submission to an assignment by hand."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.db import submissions
from mailbot.db.models import Client, ClientEmail, Credit, Submission
from mailbot.db.records import audit, find_assignment, find_submission, normalize_address
from mailbot.errors import UsageError
from mailbot.mail.imap import NETWORK_ERRORS, Mailbox
from mailbot.practice.crediting import answers, credit
from mailbot.practice.feedback import start_feedback

log = logging.getLogger(__name__)


def settle(
    session: Session,
    config: Config,
    now: datetime,
    submission_ref: str,
    assignment_ref: str,
    trust_sender: bool = False,
) -> Submission:
    """File a triaged submission to an assignment (``matched_by`` "manual").

    Mail from an address that is not the client's is refused unless ``trust_sender`` adds that
    address to the client: anyone can write "Ben Client" above a thread they copied, and what
    is filed to Ben is answered to Ben."""
    submission = find_submission(session, submission_ref)
    if submission.status != "triage":
        raise UsageError(f"Submission {submission.id} is not in triage; see: mailbot triage list.")
    assignment = find_assignment(session, assignment_ref)
    if submission.client_id is not None and submission.client_id != assignment.client_id:
        raise UsageError(
            f"Assignment {assignment.id} belongs to another client than submission "
            f"{submission.id}; pick one of that client's assignments."
        )
    _check_sender(session, now, submission, assignment.client_id, trust_sender)
    defects = list(submission.defects)
    fields = answers(assignment, submission.new_text or submission.text, submission.subject, defects)
    grace = timedelta(hours=config.homework.grace_hours)
    occurrence_ids, submission.fields = credit(assignment, submission.received_at, fields, grace)
    submission.defects = defects
    client = session.get(Client, assignment.client_id)
    assert client is not None
    submission.client_id = assignment.client_id
    submission.assignment_id = assignment.id
    submission.occurrence_id = occurrence_ids[0] if occurrence_ids else None
    submission.credits = [Credit(occurrence_id=i) for i in occurrence_ids]
    submission.status, submission.matched_by, submission.triage_reason = "filed", "manual", None
    submission.kind = "answer"  # filed by hand to an assignment: its homework, fulfilling a day
    if submission.imap_state == "moved":  # else intake still moves it from the inbox, to its new folder
        submission.source_folder = submission.target_folder
    submission.target_folder = config.folders.filed.format(client=client.folder)
    session.flush()
    start_feedback(session, config, submission)
    audit(session, now, "triage_settled", "submission", submission.id, f"assignment={assignment.id}")
    return submission


def _check_sender(
    session: Session, now: datetime, submission: Submission, client_id: int, trust_sender: bool
) -> None:
    address = submission.from_address.lower()
    owner = submissions.address_owner(session, address)
    if owner is not None and owner.client_id == client_id:
        return
    if owner is not None:
        raise UsageError(
            f"Submission {submission.id} came from another client's address; "
            "file it to one of that client's assignments."
        )
    if not trust_sender:
        raise UsageError(
            f"Submission {submission.id} came from an address that is not the client's; check with "
            "the client, then add --trust-sender to file it and add that address to the client."
        )
    session.add(ClientEmail(client_id=client_id, address=normalize_address(address)))
    audit(session, now, "client_email_trusted", "client", client_id, f"submission={submission.id}")


def refile(mailbox: Mailbox, submission: Submission) -> bool:
    """Move a settled submission's message from the triage folder to the client's folder.

    Found by Message-ID; False (the message stays where it is) when it cannot be found.
    """
    if not submission.message_id:
        return False
    try:
        uids = mailbox.find_by_message_id(submission.source_folder, submission.message_id)
        if not uids:
            return False
        mailbox.select(submission.source_folder)
        mailbox.ensure_folder(submission.target_folder)
        mailbox.move(uids, submission.target_folder)
        return True
    except NETWORK_ERRORS:
        log.warning("triage: moving submission %s on the server failed", submission.id)
        return False
