"""What a filed submission does to its assignment: the occurrence it fulfils, the answers in it."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.orm import Session, object_session

from mailbot import reading
from mailbot.core.occurrences import pick_occurrence, status_on_submit
from mailbot.lifecycle import close_finished, close_if_finished
from mailbot.models import Assignment, Occurrence

log = logging.getLogger(__name__)


def fulfil(
    assignment: Assignment, received_at: datetime, fields: list[dict[str, Any]] | None = None
) -> int | None:
    """Mark the occurrence a submission received at ``received_at`` fulfils; its id.

    A day the client names in their answers (an ISO ``date`` field, as the journal parser
    gives) picks the occurrence due that day, if there is one.
    """
    occurrence = pick_occurrence(
        assignment.occurrences, received_at, named_day(fields or []), ZoneInfo(assignment.client.timezone)
    )
    if occurrence is None:
        return None
    occurrence.status = status_on_submit(occurrence.due_at, received_at, occurrence.status)
    session = object_session(assignment)
    assert session is not None
    close_if_finished(session, received_at, assignment)  # a one-off, once answered
    return occurrence.id


def named_day(fields: list[dict[str, Any]]) -> date | None:
    """The one day the entries name, if they name exactly one (as an ISO date)."""
    days = set()
    for entry in fields:
        try:
            days.add(date.fromisoformat(str(entry.get("date", ""))))
        except ValueError:
            continue
    return days.pop() if len(days) == 1 else None


def answers(assignment: Assignment, text: str, defects: list[str]) -> list[dict[str, Any]]:
    """The client's answers parsed by the assignment's homework type, one object per entry
    (see mailbot.reading.answers)."""
    return reading.answers(assignment.type, assignment.details, text, defects)


def mark_missed(session: Session, now: datetime, grace: timedelta) -> int:
    """Open occurrences past their due time plus ``grace`` become "missed"; how many did."""
    result = session.execute(
        update(Occurrence)
        .where(Occurrence.status == "open", Occurrence.due_at < now - grace)
        .values(status="missed")
        .execution_options(synchronize_session=False)
    )
    missed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    close_finished(session, now)  # a repeating assignment whose last occurrence is now missed
    return missed
