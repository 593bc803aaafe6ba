"""The therapist's changes to running work: a mood log's stage, an exposure ladder's step, a
client's reminders. Each is one plain function, called alike by the command line and by a
command mail (mailbot/passes/commanding.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

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
    details = dict(assignment.details)
    current, steps = int(details.get("current", 0)), details.get("steps", [])
    if current + 1 >= len(steps):
        raise UsageError(f"Assignment {assignment.id} is already at the top step ({len(steps)}).")
    history = [*details.get("history", []), {"from": current, "to": current + 1, "at": now.isoformat()}]
    details.update(current=current + 1, history=history)
    assignment.details = details
    audit(session, now, "ladder_advanced", "assignment", assignment.id, f"step={current + 2}")
    return assignment


REMINDER_STATES = {"on": "on", "off": "off", "pause": "paused", "paused": "paused", "resume": "on"}


def set_reminders(session: Session, now: datetime, client: Client, wanted: str) -> Client:
    """Turn a client's reminders on, off, or pause them until resumed ("pause", "resume" too)."""
    state = REMINDER_STATES[wanted]
    client.reminders = state
    # Whoever paused them (the client, a worrying message), the therapist's word settles it.
    client.paused_by = "therapist" if state == "paused" else None
    audit(session, now, f"reminders_{state}", "client", client.id, "by the therapist")
    return client
