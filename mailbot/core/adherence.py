"""Adherence: of what was due, how much the client handed in. One definition for the digest,
``assignment list``, ``assignment show`` and the session brief, so they never disagree.

Each occurrence counts by its status: ``done`` (on time) and ``late`` are handed in; ``missed``
is not; ``excused`` counts neither for nor against; ``open`` past its due time is still within
the grace period and counts for nothing yet (``waiting``); ``open`` before it is ``upcoming``.
The figure is handed in over due, where due is handed in plus missed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Adherence:
    done: int = 0  # on time
    late: int = 0
    missed: int = 0
    excused: int = 0
    waiting: int = 0  # past its due time, inside the grace period
    upcoming: int = 0

    @property
    def handed_in(self) -> int:
        return self.done + self.late

    @property
    def due(self) -> int:
        return self.handed_in + self.missed

    @property
    def ratio(self) -> float | None:
        return self.handed_in / self.due if self.due else None

    def summary(self) -> str:
        """ "5 of 7 handed in (1 late), 2 missed, 1 excused" in the therapist's words."""
        if not self.due:
            text = "nothing due yet"
        else:
            text = f"{self.handed_in} of {self.due} handed in" + (f" ({self.late} late)" if self.late else "")
            text += f", {self.missed} missed" if self.missed else ""
        text += f", {self.excused} excused" if self.excused else ""
        return text + (f", {self.waiting} in the grace period" if self.waiting else "")


def adherence(occurrences: Iterable[tuple[datetime, str]], now: datetime) -> Adherence:
    """The adherence of occurrences given as (due time, status), at ``now``."""
    counts = dict.fromkeys(("done", "late", "missed", "excused", "waiting", "upcoming"), 0)
    for due_at, status in occurrences:
        if status == "open":
            counts["waiting" if due_at <= now else "upcoming"] += 1
        elif status in counts:
            counts[status] += 1
    return Adherence(**counts)


def missed_in_a_row(
    occurrences: Iterable[tuple[datetime, str]], now: datetime, since: datetime | None
) -> int:
    """How many of the latest settled occurrences (due by ``now``, and after ``since``: a
    renewal starts afresh) were missed one after another. Excused ones and those still open
    are passed over; an answer, on time or late, ends the streak."""
    streak = 0
    for due_at, status in sorted(occurrences, key=lambda pair: pair[0], reverse=True):
        if due_at > now or (since is not None and due_at <= since) or status in ("open", "excused"):
            continue
        if status != "missed":
            break
        streak += 1
    return streak
