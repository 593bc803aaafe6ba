"""Which occurrence of an assignment an answer is credited to, and what that makes of its status.

The rules, in the client's time zone:
  1. An answer that names a day (core.days) is credited to the occurrence due that day; after
     its due time it is ``late``, whenever it comes.
  2. An answer that names no day, or a day nothing is due on, goes to the most recent
     occurrence that is due and still open, if it arrived within ``grace`` of that due time
     (then it is ``late``); otherwise to the next one due (``done``).
  3. After the last due time, beyond the grace: the latest occurrence still open or missed
     (``late``), else the last one.
An occurrence the therapist set by hand keeps her status, and one excused stays excused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol, TypeVar

UNANSWERED = ("open", "missed")


class OccurrenceLike(Protocol):
    @property
    def due_at(self) -> datetime: ...

    @property
    def status(self) -> str: ...


Occ = TypeVar("Occ", bound=OccurrenceLike)


def pick_occurrence(
    occurrences: Sequence[Occ],
    received_at: datetime,
    grace: timedelta,
    named_day: date | None = None,
    tz: tzinfo | None = None,
) -> Occ | None:
    """The occurrence an answer received at ``received_at`` is credited to (rules 1-3)."""
    ordered = sorted(occurrences, key=lambda o: o.due_at)
    if not ordered:
        return None
    if named_day is not None and tz is not None:
        that_day = [o for o in ordered if o.due_at.astimezone(tz).date() == named_day]
        if that_day:
            return that_day[0]
    in_grace = [o for o in ordered if o.status == "open" and o.due_at < received_at <= o.due_at + grace]
    if in_grace:
        return in_grace[-1]
    following = next((o for o in ordered if o.due_at >= received_at), None)
    if following is not None:
        return following
    unanswered = [o for o in ordered if o.status in UNANSWERED]
    return unanswered[-1] if unanswered else ordered[-1]


def status_on_submit(due_at: datetime, received_at: datetime, status: str) -> str:
    """An occurrence's status once an answer for it arrived: done on time, else late; an
    answered or excused occurrence keeps its status."""
    if status not in UNANSWERED:
        return status
    return "done" if received_at <= due_at else "late"
