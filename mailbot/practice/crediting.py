"""What a filed submission does to its assignment: the occurrences it is credited to, the
answers in it, and the assignment's end once the last of it is settled."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, object_session

from mailbot.core.days import DayName, resolve
from mailbot.core.lifecycle import finished
from mailbot.core.occurrences import pick_occurrence, status_on_submit
from mailbot.core.schedule import missed
from mailbot.core.sections import NAMED_DAY, dated_entries
from mailbot.db import practice_queries
from mailbot.db.models import Assignment
from mailbot.practice import reading
from mailbot.practice.lifecycle import close_finished, close_if_finished

log = logging.getLogger(__name__)

UPDATE_BATCH = 500  # occurrence ids an UPDATE names at most: well under every database's limit


class Creditable(Protocol):
    """An occurrence as crediting sees it: a mapped Occurrence, or a plain row of one."""

    id: int
    due_at: datetime
    status: str
    set_by: str | None


Credited = TypeVar("Credited", bound=Creditable)


def credit(
    assignment: Assignment, received_at: datetime, fields: list[dict[str, Any]], grace: timedelta
) -> tuple[list[int], list[dict[str, Any]]]:
    """Credit an answer received at ``received_at`` to its occurrences (core.occurrences): one
    per day its entries name, else one by the grace rule. The ids credited, first named first,
    and the entries with each named day written out as ``day`` (ISO, the client's calendar).

    An occurrence the therapist set by hand keeps her status. A one-off answered is closed.
    """
    tz = ZoneInfo(assignment.client.timezone)
    credited, entries = credit_occurrences(assignment.occurrences, tz, received_at, fields, grace)
    session = object_session(assignment)
    assert session is not None
    close_if_finished(session, received_at, assignment)
    return [o.id for o in credited], entries


def credit_occurrences(
    occurrences: Sequence[Credited],
    tz: ZoneInfo,
    received_at: datetime,
    fields: list[dict[str, Any]],
    grace: timedelta,
) -> tuple[list[Credited], list[dict[str, Any]]]:
    """``credit`` on an assignment's occurrences, mapped or plain rows: those credited (their
    status set, unless the therapist set it), and the entries with their named days."""
    entries, days = dated(fields, received_at.astimezone(tz).date())
    credited: list[Credited] = []
    named: list[date | None] = list(days) or [None]
    for day in named:
        occurrence = pick_occurrence(occurrences, received_at, grace, day, tz)
        if occurrence is None or any(occurrence is c for c in credited):
            continue
        if occurrence.set_by is None:
            occurrence.status = status_on_submit(occurrence.due_at, received_at, occurrence.status)
        credited.append(occurrence)
    return credited, entries


def dated(fields: list[dict[str, Any]], arrived: date) -> tuple[list[dict[str, Any]], list[date]]:
    """The entries with their named day resolved against the local day of arrival (as
    ``day``), and the distinct days named, in order. A journal's own ISO ``date`` counts too."""
    entries: list[dict[str, Any]] = []
    days: list[date] = []
    for entry in fields:
        entry = dict(entry)
        spec = entry.pop(NAMED_DAY, None)
        name = DayName.from_spec(str(spec)) if spec is not None else None
        day = resolve(name, arrived) if name is not None else _iso(entry.get("date"))
        if day is not None:
            entry["day"] = day.isoformat()
            if day not in days:
                days.append(day)
        entries.append(entry)
    return entries, days


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def answers(assignment: Assignment, text: str, subject: str, defects: list[str]) -> list[dict[str, Any]]:
    """The client's answers parsed by the assignment's homework type, one object per entry,
    one section per day the text names (see mailbot.practice.reading.answers, core.sections)."""
    return dated_entries(
        text, subject, lambda part: reading.answers(assignment.type, assignment.details, part, defects)
    )


def mark_missed(session: Session, now: datetime, grace: timedelta) -> int:
    """Open occurrences past their due time plus ``grace`` become "missed"; how many did.
    A repeating assignment whose last occurrence that settles is closed.

    The rule is core.schedule.missed's alone: the query only narrows to open occurrences already
    due, and the update names each occurrence the rule chose, still open (a submission filed
    meanwhile keeps its credit)."""
    due = practice_queries.open_due_occurrences(session, now)
    chosen = [(oid, aid) for oid, aid, due_at, status in due if missed(due_at, status, now, grace)]
    count = 0
    for start in range(0, len(chosen), UPDATE_BATCH):
        ids = [oid for oid, _aid in chosen[start : start + UPDATE_BATCH]]
        count += practice_queries.mark_missed_if_open(session, ids)
    close_finished(session, now, _may_finish(session, sorted({aid for _oid, aid in chosen})))
    return count


def _may_finish(session: Session, ids: list[int]) -> list[int]:
    """Those of assignments ``ids`` that core.lifecycle.finished calls over, read as plain rows:
    close_finished then loads only these as objects (loading all of them took most of a backlog
    pass's bookkeeping), and decides again."""
    over: list[int] = []
    for start in range(0, len(ids), UPDATE_BATCH):
        schedules = practice_queries.open_schedules(session, ids[start : start + UPDATE_BATCH])
        over.extend(aid for aid, (repeats, statuses) in schedules.items() if finished(repeats, statuses))
    return over
