"""The ratings in the digest: each rated homework's recent points (mood intensity, exposure
SUDS) and which way they go."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.core.digest_facts import AnswerFact

RATING_STEP = 10  # mean rating change (0-100) that counts as rising or falling
MAX_POINTS = 20  # rating points shown per series, the latest
RATING_KEYS = {"mood-log": ("intensity",), "exposure": ("suds_before", "suds_peak", "suds_after")}


@dataclass(frozen=True)
class RatingPoint:
    at: datetime
    values: Mapping[str, int]


@dataclass(frozen=True)
class RatingSeries:
    client_name: str
    title: str
    type: str  # mood-log or exposure
    keys: tuple[str, ...]  # the ratings each point may hold, in display order
    points: tuple[RatingPoint, ...]  # oldest first, at most MAX_POINTS
    total: int  # points in the window, before the cut to MAX_POINTS
    direction: str  # falling, rising or steady: the first key's mean, first half against second
    assignment_id: int = 0
    stage: int | None = None  # a mood log's stage

    @property
    def actions(self) -> tuple[tuple[str, str], ...]:
        """The mail command that moves this work on: a mood log to stage 2, a ladder up a step."""
        if self.type == "mood-log" and self.stage == 1:
            return ((f"stage 2 {self.assignment_id}", "switch to stage 2"),)
        if self.type == "exposure":
            return ((f"advance {self.assignment_id}", "advance the ladder"),)
        return ()


def rating_series(
    tz: ZoneInfo, answers: Iterable[AnswerFact], max_points: int = MAX_POINTS
) -> list[RatingSeries]:
    """Mood-log intensity and exposure SUDS over time, one series per assignment, by client."""
    by_assignment: dict[int, list[AnswerFact]] = defaultdict(list)
    for answer in answers:
        if answer.type in RATING_KEYS:
            by_assignment[answer.assignment_id].append(answer)
    series = []
    for found in by_assignment.values():
        first = found[0]
        keys = RATING_KEYS[first.type]
        points = [
            RatingPoint(a.received_at.astimezone(tz), values)
            for a in sorted(found, key=lambda a: a.received_at)
            for entry in a.entries
            if (values := ratings_of(entry, keys))
        ]
        if points:
            series.append(
                RatingSeries(
                    first.client_name,
                    first.title,
                    first.type,
                    keys,
                    tuple(points[-max_points:]),
                    len(points),
                    direction([p.values.get(keys[0]) for p in points]),
                    first.assignment_id,
                    first.stage,
                )
            )
    return sorted(series, key=lambda s: (s.client_name, s.title))


def ratings_of(entry: Mapping[str, Any], keys: Sequence[str]) -> dict[str, int]:
    """The 0-100 ratings among ``keys`` of one parsed entry."""
    return {
        k: v for k in keys if isinstance(v := entry.get(k), int) and not isinstance(v, bool) and 0 <= v <= 100
    }


def direction(values: Sequence[int | None]) -> str:
    """ "falling", "rising" or "steady": the mean of the second half against the first."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return "steady"
    half = len(known) // 2
    change = sum(known[-half:]) / half - sum(known[:half]) / half
    if abs(change) < RATING_STEP:
        return "steady"
    return "rising" if change > 0 else "falling"
