"""What the session brief says: pure decisions over one client's facts and a clock.

The brief makes homework review the first ten minutes of a session (Tompkins 2002; Kazantzis):
what to read first, each assignment since the last session with its true adherence (the one
definition, core.adherence), the client's entries and own words, change over time as small
charts, a suggested agenda (core.brief_agenda) and the files the client sent. The shell reads the
facts (plain values, never ORM objects); ``build_brief`` orders and counts. Every time in the
Brief is in the therapist's time zone.

"Since" is the client's previous session, else the last 14 days; an occurrence counts when it
fell due after it and by ``now``, an entry when it arrived after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.core.adherence import Adherence, adherence
from mailbot.core.brief_agenda import Suggestion, agenda
from mailbot.core.brief_charts import Chart, charts_for
from mailbot.core.brief_facts import (
    AlertFact,
    AnswerFact,
    AssignmentFact,
    AttachmentFact,
    NoteFact,
    OccurrenceFact,
)

DEFAULT_LOOKBACK = timedelta(days=14)
MAX_STRIP_DAYS = 42  # a strip longer than six weeks is cut to its last six
MAX_CELL = 90  # characters of a field in the compact table; the quotes keep every word
MAX_QUOTE = 600
MAX_QUOTES = 5  # per assignment, the latest different words
COLUMNS: Mapping[str, tuple[tuple[str, str], ...]] = {  # (entry key, column heading)
    "mood-log": (
        ("situation", "Situation"),
        ("automatic_thought", "Automatic thought"),
        ("emotion", "Emotion"),
        ("intensity", "Int."),
        ("balanced_thought", "Balanced thought"),
        ("intensity_after", "After"),
    ),
    "exposure": (
        ("step", "Step"),
        ("suds_before", "Before"),
        ("suds_peak", "Peak"),
        ("suds_after", "After"),
        ("notes", "Notes"),
    ),
    "experiment": (
        ("prediction", "Prediction"),
        ("belief_before", "Belief"),
        ("experiment", "Experiment"),
        ("outcome", "What happened"),
        ("belief_after", "Belief after"),
    ),
    "journal": (
        ("situation", "Situation"),
        ("thoughts", "Thoughts"),
        ("behaviour", "Behaviour"),
        ("good_things", "Good things"),
    ),
    "bibliotherapy": (("reading", "Read"), ("answers", "Answers"), ("reflection", "Reflection")),
    "cognitive-exercise": (
        ("belief", "Belief"),
        ("action", "Action"),
        ("prediction", "Prediction"),
        ("dialogue", "Dialogue"),
    ),
    "custom": (("text", "Answer"),),
}
# The client's own words worth reading aloud in session, quoted exactly: (entry key, label).
KEY_WORDS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "mood-log": (("automatic_thought", "automatic thought"),),
    "experiment": (("prediction", "prediction"), ("outcome", "what happened")),
    "journal": (("thoughts", "thoughts"),),
    "exposure": (("notes", "notes"),),
    "cognitive-exercise": (("belief", "belief"), ("rational", "rational voice")),
    "bibliotherapy": (("answers", "answer"),),
    "custom": (("text", "answer"),),
}


@dataclass(frozen=True)
class Row:
    submission_id: int
    at: datetime  # when it arrived (local)
    day: str | None  # the day the client named for it (ISO), if any
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    submission_id: int  # the latest that said it
    at: datetime
    label: str  # "automatic thought"
    text: str  # exactly as the client wrote it (capped at MAX_QUOTE characters)
    times: int = 1  # how often these very words came in the period


@dataclass(frozen=True)
class DayMark:
    day: date
    mark: str  # done, late, missed, excused, waiting, none (nothing due)


@dataclass(frozen=True)
class Streak:
    first: datetime  # the first missed due time of the run (local)
    last: datetime
    length: int


@dataclass(frozen=True)
class AssignmentBrief:
    assignment_id: int
    title: str
    type: str
    status: str
    rationale: str
    obstacles: str
    since_session: Adherence  # occurrences due since the last session
    overall: Adherence  # every occurrence: the figure of ``assignment show``
    strip: tuple[DayMark, ...]
    missed_streaks: tuple[Streak, ...]  # runs of two or more missed in a row
    missed_days: tuple[datetime, ...]  # missed due times since the session (local)
    headings: tuple[str, ...]
    rows: tuple[Row, ...]
    quotes: tuple[Quote, ...]
    details: Mapping[str, Any] = field(default_factory=dict)
    entries: tuple[tuple[int, datetime, Mapping[str, Any]], ...] = ()  # (submission, arrived, fields)


@dataclass(frozen=True)
class Brief:
    now: datetime
    client_id: int
    client_name: str
    client_email: str
    session_at: datetime | None  # the session it prepares (local), if one is known
    previous_session: datetime | None
    since: datetime
    alerts: list[AlertFact]
    notes: list[NoteFact]
    homework: list[AssignmentBrief]
    charts: list[Chart]
    agenda: list[Suggestion]
    attachments: list[AttachmentFact]

    @property
    def since_what(self) -> str:
        """What ``since`` is: "the last session", or "14 days ago" (no session known, or --since)."""
        return "the last session" if self.previous_session == self.since else f"{self._days} days ago"

    @property
    def _days(self) -> int:
        return round((self.now - self.since) / timedelta(days=1))

    @property
    def nothing_since(self) -> bool:
        """Nothing arrived from the client in the period: no answer, note, worrying mail or file.
        (Older alerts and notes still open are listed all the same.)"""
        return not (
            any(a.rows for a in self.homework)
            or self.attachments
            or any(n.received_at > self.since for n in self.notes)
            or any(a.received_at > self.since for a in self.alerts)
        )

    @property
    def total(self) -> Adherence:
        """All the brief's assignments together, since the session."""
        return sum_adherence(a.since_session for a in self.homework)


def sum_adherence(figures: Iterable[Adherence]) -> Adherence:
    """Several adherence figures as one: each count added up."""
    found = list(figures)
    return Adherence(
        *(
            sum(getattr(f, name) for f in found)
            for name in ("done", "late", "missed", "excused", "waiting", "upcoming")
        )
    )


def since_when(now: datetime, previous_session: datetime | None, given: datetime | None) -> datetime:
    """The start of the period: what was asked, else the previous session, else 14 days back."""
    if given is not None:
        return given
    return previous_session if previous_session is not None else now - DEFAULT_LOOKBACK


def build_brief(
    now: datetime,
    tz: ZoneInfo,
    *,
    client_id: int,
    client_name: str,
    client_email: str,
    since: datetime,
    session_at: datetime | None = None,
    previous_session: datetime | None = None,
    assignments: Sequence[AssignmentFact] = (),
    answers: Sequence[AnswerFact] = (),
    alerts: Sequence[AlertFact] = (),
    notes: Sequence[NoteFact] = (),
) -> Brief:
    """The brief at ``now`` (aware) for one client; times in ``tz``."""
    by_assignment: dict[int, list[AnswerFact]] = defaultdict(list)
    for answer in sorted(answers, key=lambda a: a.received_at):
        if since < answer.received_at <= now:
            by_assignment[answer.assignment_id].append(answer)
    homework = [
        assignment_brief(now, tz, since, a, by_assignment.get(a.assignment_id, []))
        for a in sorted(assignments, key=lambda a: a.assignment_id)
    ]
    homework = [h for h in homework if h.since_session.due or h.since_session.excused or h.rows]
    homework.sort(key=lambda h: (-len(h.rows), -h.since_session.due, h.assignment_id))
    files = [
        replace(f, received_at=f.received_at.astimezone(tz))
        for a in answers
        if since < a.received_at <= now
        for f in a.attachments
    ]
    partial = Brief(
        now=now.astimezone(tz),
        client_id=client_id,
        client_name=client_name,
        client_email=client_email,
        session_at=session_at.astimezone(tz) if session_at else None,
        previous_session=previous_session.astimezone(tz) if previous_session else None,
        since=since.astimezone(tz),
        alerts=[replace(a, received_at=a.received_at.astimezone(tz)) for a in sorted(alerts, key=_at)],
        notes=[replace(n, received_at=n.received_at.astimezone(tz)) for n in sorted(notes, key=_at)],
        homework=homework,
        charts=[c for h in homework for c in charts_for(h)],
        agenda=[],
        attachments=sorted(files, key=lambda f: (f.received_at, f.attachment_id)),
    )
    return replace(partial, agenda=agenda(partial, assignments))


def _at(fact: AlertFact | NoteFact) -> datetime:
    return fact.received_at


def assignment_brief(
    now: datetime, tz: ZoneInfo, since: datetime, fact: AssignmentFact, answers: Sequence[AnswerFact]
) -> AssignmentBrief:
    """One assignment since ``since``: adherence, day strip, missed runs, entries and words."""
    window = [o for o in fact.occurrences if since < o.due_at <= now]
    pairs = [(o.due_at, o.status) for o in window]
    entries = tuple((a.submission_id, a.received_at.astimezone(tz), e) for a in answers for e in a.entries)
    headings, rows = table(fact.type, entries)
    return AssignmentBrief(
        assignment_id=fact.assignment_id,
        title=fact.title,
        type=fact.type,
        status=fact.status,
        rationale=str(fact.details.get("rationale") or ""),
        obstacles=str(fact.details.get("obstacles") or ""),
        since_session=adherence(pairs, now),
        overall=adherence(((o.due_at, o.status) for o in fact.occurrences), now),
        strip=day_strip(now, tz, since, window),
        missed_streaks=missed_streaks(tz, window),
        missed_days=tuple(o.due_at.astimezone(tz) for o in sorted(window, key=_due) if o.status == "missed"),
        headings=headings,
        rows=rows,
        quotes=key_words(fact.type, entries),
        details=dict(fact.details),
        entries=entries,
    )


def _due(o: OccurrenceFact) -> datetime:
    return o.due_at


def day_strip(
    now: datetime, tz: ZoneInfo, since: datetime, occurrences: Sequence[OccurrenceFact]
) -> tuple[DayMark, ...]:
    """One mark per local day from ``since`` to ``now`` (the last MAX_STRIP_DAYS): "missed" if
    anything due that day was missed, else "late", "done", "waiting" (still in its grace
    period), "excused", or "none" when nothing was due."""
    first, last = since.astimezone(tz).date(), now.astimezone(tz).date()
    first = max(first, last - timedelta(days=MAX_STRIP_DAYS - 1))
    statuses: dict[date, set[str]] = defaultdict(set)
    for o in occurrences:
        statuses[o.due_at.astimezone(tz).date()].add("waiting" if o.status == "open" else o.status)
    marks = []
    day = first
    while day <= last:
        found = statuses.get(day, set())
        mark = next((m for m in ("missed", "late", "done", "waiting", "excused") if m in found), "none")
        marks.append(DayMark(day, mark))
        day += timedelta(days=1)
    return tuple(marks)


def missed_streaks(tz: ZoneInfo, occurrences: Sequence[OccurrenceFact]) -> tuple[Streak, ...]:
    """Runs of two or more occurrences missed one after another (excused ones and those still
    open pass over; an answer ends a run), oldest first."""
    runs: list[list[datetime]] = []
    current: list[datetime] = []
    for o in sorted(occurrences, key=_due):
        if o.status in ("excused", "open"):
            continue
        if o.status == "missed":
            current.append(o.due_at.astimezone(tz))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return tuple(Streak(run[0], run[-1], len(run)) for run in runs if len(run) >= 2)


def table(
    type_: str, entries: Sequence[tuple[int, datetime, Mapping[str, Any]]]
) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    """The entries as a compact table: the type's columns that hold anything, one row each."""
    headings = [heading for _key, heading in COLUMNS.get(type_, COLUMNS["custom"])]
    cells = [table_cells(type_, e) for _sid, _at, e in entries]
    kept = [i for i in range(len(headings)) if any(row[i] for row in cells)]
    return tuple(headings[i] for i in kept), tuple(
        Row(sid, at, _text(e.get("day")) or None, tuple(row[i] for i in kept))
        for (sid, at, e), row in zip(entries, cells, strict=True)
    )


def table_cells(type_: str, entry: Mapping[str, Any]) -> tuple[str, ...]:
    """One entry's fields as short cells, in the type's column order ("" for a field not given)."""
    cells: list[str] = []
    for key, _heading in COLUMNS.get(type_, COLUMNS["custom"]):
        value = entry.get(key)
        if value is None and not cells:
            value = entry.get("text")  # prose the parser kept whole shows in the first column
        cells.append(_short(_cell(key, value)))
    return tuple(cells)


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "answers" and isinstance(value, list):
        return f"{sum(1 for a in value if isinstance(a, dict) and a.get('answer'))} answered"
    if key == "dialogue" and isinstance(value, list):
        return f"{len(value)} turns"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values())
    return " ".join(str(value).split())


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1].rstrip() + "…"


def key_words(type_: str, entries: Sequence[tuple[int, datetime, Mapping[str, Any]]]) -> tuple[Quote, ...]:
    """The client's own words for the type's key fields, exactly: the latest MAX_QUOTES different
    ones, each with how often it came."""
    found: dict[tuple[str, str], Quote] = {}
    for sid, at, entry in entries:
        for key, label in KEY_WORDS.get(type_, ()):
            for text in _words(key, entry):
                words = text.strip()[:MAX_QUOTE]
                if words:
                    seen = found.pop((label, words), None)
                    found[(label, words)] = Quote(sid, at, label, words, seen.times + 1 if seen else 1)
    return tuple(list(found.values())[-MAX_QUOTES:])


def _words(key: str, entry: Mapping[str, Any]) -> list[str]:
    if key == "rational":
        turns = entry.get("dialogue") or []
        return [str(t.get("text", "")) for t in turns if isinstance(t, dict) and t.get("voice") == "rational"]
    value = entry.get(key)
    if key == "answers" and isinstance(value, list):
        return [str(a.get("answer", "")) for a in value if isinstance(a, dict) and a.get("answer")]
    return [str(value)] if isinstance(value, str) else []
