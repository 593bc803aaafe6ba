"""A client's rights over their data: everything held about them in one archive (access), and
its removal from mailbot's storage (erasure). Both are written to the audit log."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.db import privacy_queries as q
from mailbot.db.models import Client, Feedback
from mailbot.db.records import audit
from mailbot.errors import UsageError
from mailbot.practice.views import assignment_detail, client_row, submission_detail


def export_client(session: Session, config: Config, client: Client, path: Path, now: datetime) -> int:
    """Write a zip (0600) of the client's records as JSON, raw messages and attachments; how many
    files it holds. Refuses to overwrite."""
    if path.exists():
        raise UsageError(f"{path} already exists; give a new file name for the export.")
    submissions = q.client_submissions(session, client)
    feedback = {f.submission_id: f for f in q.feedback_of(session, [s.id for s in submissions])}
    records: dict[str, Any] = {
        "exported_at": now,
        "client": client_row(client),
        "assignments": [assignment_detail(a, now) for a in client.assignments],
        "submissions": [
            {**submission_detail(s), "feedback": _feedback(feedback.get(s.id))} for s in submissions
        ],
        "reminders": [
            {
                "assignment_id": r.assignment_id,
                "kind": r.kind,
                "scheduled_for": r.scheduled_for,
                "recorded_at": r.recorded_at,
            }
            for r in q.client_reminders(session, client.id)
        ],
        "risk_alerts": [
            {"id": a.id, "submission_id": a.submission_id, "received_at": a.received_at, "state": a.state}
            for a in q.client_alerts(session, client.id)
        ],
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    count = 1
    with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.json", json.dumps(records, ensure_ascii=False, indent=2, default=str))
        for sub in submissions:
            for source, name in [
                (Path(sub.raw_path), "message.eml"),
                *((Path(a.path), f"attachments/{a.filename}") for a in sub.attachments),
            ]:
                if source.is_file():
                    archive.write(source, f"submissions/{sub.id}/{name}")
                    count += 1
    audit(session, now, "client_exported", "client", client.id, f"files={count}")
    return count


def _feedback(feedback: Feedback | None) -> dict[str, Any] | None:
    if feedback is None:
        return None
    return {
        "due_at": feedback.due_at,
        "replied_at": feedback.replied_at,
        "skipped_reason": feedback.skipped_reason,
    }


def erase_client(session: Session, config: Config, client: Client, now: datetime) -> list[str]:
    """Remove the client's records and stored files from mailbot; what it says about the rest."""
    submissions = q.client_submissions(session, client)
    folders = {Path(s.raw_path).parent for s in submissions}
    submission_ids = [s.id for s in submissions]
    assignment_ids = [a.id for a in client.assignments]
    draft_ids = q.draft_ids_of(session, submission_ids)
    q.delete_client_rows(session, client.id, submission_ids, draft_ids, assignment_ids)
    # The audit log stays whole: it holds ids and outcomes, never the client's content.
    folder = config.folders.filed.format(client=client.folder)
    client_id = client.id
    session.delete(client)
    session.flush()
    data_dir = config.storage.data_dir.resolve()
    for path in folders:
        if path.resolve().is_relative_to(data_dir) and path.is_dir():
            shutil.rmtree(path)
    audit(
        session,
        now,
        "client_erased",
        "client",
        client_id,
        f"submissions={len(submission_ids)} assignments={len(assignment_ids)}",
    )
    return [
        f"erased client {client_id}: {len(submission_ids)} submissions with their files, "
        f"{len(assignment_ids)} assignments, their reminders and feedback",
        f"left on the mail server: the folder {folder} ({len(submission_ids)} messages filed there), "
        "and any of their mail in your inbox, Sent, Drafts and Homework/Triage; "
        "delete those in your mail client if the erasure should cover them too",
    ]
