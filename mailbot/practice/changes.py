"""The therapist's changes to running work: a mood log's stage, an exposure ladder's step, a
client's reminders. Each is one plain function, called alike by the command line and by a
command mail (mailbot/passes/commanding.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from mailbot.core.changes import ChangeRefused, next_ladder_step, reminder_setting
from mailbot.db.models import Assignment, Client
from mailbot.db.records import audit, find_assignment
from mailbot.errors import UsageError


def set_stage(session: Session, now: datetime, ref: str, stage: int) -> Assignment:
    """Switch a mood log between stage 1 (record) and stage 2 (add balanced thoughts)."""
    assignment = find_assignment(session, ref)
    if assignment.type != "mood-log":
        raise UsageError(f"Assignment {assignment.id} is a {assignment.type}; only a mood-log has stages.")
    assignment.details = {**assignment.details, "stage": stage}
    audit(session, now, "stage_set", "assignment", assignment.id, f"stage={stage}")
    return assignment


def advance_ladder(session: Session, now: datetime, ref: str) -> Assignment:
    """Move an exposure ladder to its next step, keeping the history of when each step began."""
    assignment = find_assignment(session, ref)
    if assignment.type != "exposure":
        raise UsageError(f"Assignment {assignment.id} is a {assignment.type}, not an exposure ladder.")
    try:
        assignment.details = next_ladder_step(assignment.id, assignment.details, now)
    except ChangeRefused as exc:
        raise UsageError(str(exc)) from None
    step = assignment.details["current"] + 1
    audit(session, now, "ladder_advanced", "assignment", assignment.id, f"step={step}")
    return assignment


def set_reminders(session: Session, now: datetime, client: Client, wanted: str) -> Client:
    """Turn a client's reminders on, off, or pause them until resumed ("pause", "resume" too)."""
    client.reminders, client.paused_by = reminder_setting(wanted)
    audit(session, now, f"reminders_{client.reminders}", "client", client.id, "by the therapist")
    return client
