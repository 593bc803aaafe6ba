"""Which occurrence of an assignment a submission fulfils, and what that makes of its status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import Protocol, TypeVar


class OccurrenceLike(Protocol):
    @property
    def due_at(self) -> datetime: ...

    @property
    def status(self) -> str: ...


Occ = TypeVar("Occ", bound=OccurrenceLike)


def pick_occurrence(
    occurrences: Sequence[Occ], received_at: datetime, named_day: date | None = None, tz: tzinfo | None = None
) -> Occ | None:
    """The occurrence a submission received at ``received_at`` belongs to.

    When the client names the day (``named_day``, a local date in ``tz``) and an occurrence is
    due that day, it is that one.

    Occurrence k covers the time after occurrence k-1's due time up to its own. A submission
    inside a window belongs to it (a second reply the same day joins the first); one after
    every due time belongs to the latest occurrence still open, else to the last one.
    """
    ordered = sorted(occurrences, key=lambda o: o.due_at)
    if not ordered:
        return None
    if named_day is not None and tz is not None:
        that_day = [o for o in ordered if o.due_at.astimezone(tz).date() == named_day]
        if that_day:
            return that_day[0]
    current = next((o for o in ordered if o.due_at >= received_at), None)
    if current is not None:
        return current
    still_open = [o for o in ordered if o.status in ("open", "missed")]
    return still_open[-1] if still_open else ordered[-1]


def status_on_submit(due_at: datetime, received_at: datetime, status: str) -> str:
    """An occurrence's status once a submission for it arrived: done on time, else late."""
    if status in ("done", "late"):
        return status
    return "done" if received_at <= due_at else "late"
