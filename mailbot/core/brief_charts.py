"""The session brief's small charts: change over time, one chart per assignment that has any.

Pure: an assignment's entries in, a Chart out, values and labels only. How a chart is drawn is
the template's business (bars made of table cells, which every mail client shows; docs/brief.md).

- mood log: intensity per entry, and the re-rating after the balanced thought (stage 2);
- exposure: SUDS before, at peak and after per attempt, step by step up the ladder;
- experiment: the belief in the prediction before and after each experiment;
- journal: the number of good things per day;
- bibliotherapy: reflection questions answered per reading, out of those asked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mailbot.core.brief import AssignmentBrief

MAX_POINTS = 30  # the latest, per chart


@dataclass(frozen=True)
class ChartPoint:
    label: str  # the day of the month ("3"), a ladder step, or what was read
    at: datetime
    values: Mapping[str, int]


@dataclass(frozen=True)
class Chart:
    assignment_id: int
    title: str  # the assignment's title
    kind: str  # mood, suds, belief, good_things, reading
    caption: str  # what is shown, in words
    keys: tuple[str, ...]  # the series, in drawing order
    labels: Mapping[str, str]  # series key -> legend word
    points: tuple[ChartPoint, ...]  # oldest first (a ladder: lowest step first)
    top: int  # the scale's maximum


SERIES: Mapping[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "mood-log": (
        "mood",
        "intensity 0–100 per entry; after the balanced thought where given",
        (("intensity", "intensity"), ("intensity_after", "after balanced thought")),
    ),
    "exposure": (
        "suds",
        "SUDS 0–100 per attempt, step by step up the ladder",
        (("suds_before", "before"), ("suds_peak", "peak"), ("suds_after", "after")),
    ),
    "experiment": (
        "belief",
        "belief in the prediction, % before and after the experiment",
        (("belief_before", "before"), ("belief_after", "after")),
    ),
}


def charts_for(brief: AssignmentBrief) -> list[Chart]:
    """The chart of one assignment's entries in the period, if its type has one and there is
    anything to draw."""
    if brief.type in SERIES:
        kind, caption, series = SERIES[brief.type]
        keys = tuple(k for k, _label in series)
        points = [
            ChartPoint(_label(brief.type, at, entry), at, values)
            for _sid, at, entry in brief.entries
            if (values := ratings(entry, keys))
        ]
        if brief.type == "exposure":
            points = _up_the_ladder(points, brief.details, [e for _s, _a, e in brief.entries])
        top = 100
    elif brief.type == "journal":
        kind, caption, keys, top = "good_things", "good things written down, per entry", ("good_things",), 3
        series = (("good_things", "good things"),)
        points = [
            ChartPoint(str(at.day), at, {"good_things": len(entry.get("good_things") or [])})
            for _sid, at, entry in brief.entries
        ]
        if not any(p.values["good_things"] for p in points) and not brief.details.get("good_things"):
            points = []
    elif brief.type == "bibliotherapy":
        questions = len(brief.details.get("questions") or []) or 1
        kind, caption, keys, top = (
            "reading",
            f"reflection questions answered per reading (of {questions})",
            ("answered",),
            questions,
        )
        series = (("answered", "answered"),)
        points = [
            ChartPoint(
                str(entry.get("reading") or at.day)[:24],
                at,
                {"answered": min(questions, _answered(entry))},
            )
            for _sid, at, entry in brief.entries
        ]
    else:
        return []
    if not points:
        return []
    return [
        Chart(
            brief.assignment_id,
            brief.title,
            kind,
            caption,
            keys,
            dict(series),
            tuple(points[-MAX_POINTS:]),
            top,
        )
    ]


def ratings(entry: Mapping[str, Any], keys: Sequence[str]) -> dict[str, int]:
    """The 0-100 ratings among ``keys`` of one parsed entry."""
    return {
        k: v for k in keys if isinstance(v := entry.get(k), int) and not isinstance(v, bool) and 0 <= v <= 100
    }


def _label(type_: str, at: datetime, entry: Mapping[str, Any]) -> str:
    if type_ == "exposure" and entry.get("step") not in (None, ""):
        return str(entry["step"])[:24]
    return str(at.day)


def _answered(entry: Mapping[str, Any]) -> int:
    answers = entry.get("answers") or []
    return sum(1 for a in answers if isinstance(a, dict) and a.get("answer"))


def step_index(step: Any, details: Mapping[str, Any]) -> int | None:
    """Which rung of the ladder an entry's ``step`` names: its number, or words of its text."""
    steps = [str(s.get("step", "")) for s in details.get("steps") or [] if isinstance(s, dict)]
    if isinstance(step, int) and not isinstance(step, bool):
        return step - 1 if 1 <= step <= len(steps) else None
    text = " ".join(str(step or "").casefold().split())
    if not text:
        return None
    if text.isdigit():
        return int(text) - 1 if 1 <= int(text) <= len(steps) else None
    for i, name in enumerate(steps):
        name = " ".join(name.casefold().split())
        if name and (name in text or text in name):
            return i
    return None


def _up_the_ladder(
    points: list[ChartPoint], details: Mapping[str, Any], entries: Sequence[Mapping[str, Any]]
) -> list[ChartPoint]:
    """Attempts ordered by the rung they were on (unknown rungs last), then in time."""
    rated = [e for e in entries if ratings(e, ("suds_before", "suds_peak", "suds_after"))]
    rungs = [step_index(e.get("step"), details) for e in rated]
    order = sorted(
        range(len(points)), key=lambda i: (rungs[i] if rungs[i] is not None else 999, points[i].at)
    )
    return [points[i] for i in order]
