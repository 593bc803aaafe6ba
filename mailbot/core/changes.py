"""The therapist's changes to running work, decided: the next step of an exposure ladder, and
what a word about a client's reminders sets them to. The shell (practice/changes.py) finds the
records, applies the answer and audits it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any


class ChangeRefused(ValueError):
    """A change that cannot be made; the sentence says why."""


REMINDER_STATES = {"on": "on", "off": "off", "pause": "paused", "paused": "paused", "resume": "on"}


def reminder_setting(wanted: str) -> tuple[str, str | None]:
    """The reminders state and who paused them, when the therapist says ``wanted``: whoever
    paused them before (the client, a worrying message), the therapist's word settles it."""
    state = REMINDER_STATES[wanted]
    return state, "therapist" if state == "paused" else None


def next_ladder_step(assignment_id: int, details: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """An exposure ladder's details moved to its next step, with when that step began kept in
    its history; ChangeRefused at the top step."""
    current, steps = int(details.get("current", 0)), details.get("steps", [])
    if current + 1 >= len(steps):
        raise ChangeRefused(f"Assignment {assignment_id} is already at the top step ({len(steps)}).")
    history = [*details.get("history", []), {"from": current, "to": current + 1, "at": now.isoformat()}]
    return {**details, "current": current + 1, "history": history}
