"""What the daily digest says: pure decisions over plain facts and a clock.

The shell reads the facts (plain values, never ORM objects) and ``build_digest`` turns them into
a ``Digest``: sections as lists, each already ordered most urgent first, an empty list meaning
"leave the section out". Every time in the Digest is in the therapist's time zone.

"Due today" for feedback means due before the next digest (within 24 hours), so that nothing
becomes overdue unseen. Adherence counts occurrences whose due time has passed: done on time
(status "done") over all due. The trend compares the last 7 days with the 7 before; a change
of less than 10 points (of 100) is "flat", and so is a window with nothing due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.adherence import Adherence, adherence
from mailbot.core.attention import Attention
from mailbot.core.digest_facts import (
    AnswerFact,
    ClientFact,
    FeedbackFact,
    OccurrenceFact,
    ProblemFact,
    ReminderFact,
    SubmissionFact,
    TriageFact,
)
from mailbot.core.digest_ratings import RatingSeries, rating_series
from mailbot.core.problem_kinds import problem_title

DAY = timedelta(days=1)
WEEK = timedelta(days=7)
MONTH = timedelta(days=28)  # how far back adherence, ratings and activity look
TREND_STEP = 0.10  # adherence change that counts as up or down


# What the digest says --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackLine:
    submission_id: int
    client_name: str
    what: str
    received_at: datetime
    due_at: datetime
    hours_left: float  # negative: that many hours late

    @property
    def overdue(self) -> bool:
        return self.hours_left < 0

    @property
    def command(self) -> str:
        """The mail command that marks it given."""
        return f"done {self.submission_id}"


@dataclass(frozen=True)
class DueItem:
    assignment_id: int
    title: str
    due_today: datetime | None  # the next due time later today
    overdue: tuple[datetime, ...]  # due times passed without a submission, oldest first (see due_by_client)


@dataclass(frozen=True)
class ClientDue:
    client_name: str
    items: tuple[DueItem, ...]


@dataclass(frozen=True)
class InactiveLine:
    client_name: str
    last_submission_at: datetime | None  # None: nothing in the last 28 days
    days_quiet: int | None


@dataclass(frozen=True)
class AdherenceLine:
    client_name: str
    done_7: int
    due_7: int
    done_28: int
    due_28: int
    trend: str  # up, down, flat
    days: tuple[str, ...]  # the last 28 days, oldest first: done, late, missed or none

    @property
    def ratio_7(self) -> float | None:
        return self.done_7 / self.due_7 if self.due_7 else None

    @property
    def ratio_28(self) -> float | None:
        return self.done_28 / self.due_28 if self.due_28 else None


@dataclass(frozen=True)
class ProblemLine:
    title: str
    reason: str
    count: int
    last_at: datetime


@dataclass(frozen=True)
class StoppedLine:
    """An assignment whose reminders stopped after missed days in a row: worth a word in session."""

    client_name: str
    title: str
    missed: int

    @property
    def text(self) -> str:
        return (
            f"{self.client_name} has missed {self.missed} in a row ({self.title}): worth talking "
            "about in session; reminders stopped"
        )


@dataclass(frozen=True)
class Digest:
    now: datetime
    since: datetime  # "new" means filed after this
    feedback: list[FeedbackLine]
    new: list[SubmissionFact]
    triage: list[TriageFact]
    due: list[ClientDue]
    inactive: list[InactiveLine]
    adherence: list[AdherenceLine]
    ratings: list[RatingSeries]
    reminders: list[ReminderFact]
    paused: list[str]  # clients whose reminders are paused
    problems: list[ProblemLine]
    inactive_days: int
    attention: Attention = field(default_factory=Attention)  # what comes first (core.attention)
    stopped: list[StoppedLine] = field(default_factory=list)  # reminders stopped by a missed streak

    @property
    def overdue_count(self) -> int:
        return sum(1 for line in self.feedback if line.overdue)


def build_digest(
    now: datetime,
    tz: ZoneInfo,
    *,
    since: datetime,
    clients: Sequence[ClientFact] = (),
    feedback: Sequence[FeedbackFact] = (),
    new: Sequence[SubmissionFact] = (),
    triage: Sequence[TriageFact] = (),
    occurrences: Sequence[OccurrenceFact] = (),
    answers: Sequence[AnswerFact] = (),
    reminders: Sequence[ReminderFact] = (),
    problems: Sequence[ProblemFact] = (),
    inactive_days: int = 3,
    stopped: Sequence[StoppedLine] = (),
) -> Digest:
    """The digest at ``now`` (aware) from the facts the shell read; times in ``tz``."""
    local = now.astimezone(tz)
    return Digest(
        now=local,
        since=since.astimezone(tz),
        feedback=feedback_lines(now, tz, feedback),
        new=[
            replace(s, received_at=s.received_at.astimezone(tz))
            for s in sorted(new, key=lambda s: s.received_at)
            if s.received_at <= now
        ],
        triage=[
            replace(t, received_at=t.received_at.astimezone(tz))
            for t in sorted(triage, key=lambda t: t.received_at)
        ],
        due=due_by_client(now, tz, occurrences),
        inactive=inactive_clients(now, tz, clients, inactive_days),
        adherence=adherence_lines(now, tz, occurrences),
        ratings=rating_series(tz, answers),
        reminders=[replace(r, at=r.at.astimezone(tz)) for r in sorted(reminders, key=lambda r: r.at)],
        paused=sorted(c.name for c in clients if c.reminders == "paused"),
        problems=problem_lines(tz, problems),
        inactive_days=inactive_days,
        stopped=sorted(stopped, key=lambda line: (-line.missed, line.client_name)),
    )


def feedback_lines(now: datetime, tz: ZoneInfo, owed: Iterable[FeedbackFact]) -> list[FeedbackLine]:
    """Feedback overdue (the latest first) and due within a day (the soonest first)."""
    lines = [
        FeedbackLine(
            f.submission_id,
            f.client_name,
            f.what,
            f.received_at.astimezone(tz),
            f.due_at.astimezone(tz),
            (f.due_at - now) / timedelta(hours=1),
        )
        for f in owed
        if f.due_at < now + DAY
    ]
    return sorted(lines, key=lambda line: line.hours_left)


def due_by_client(now: datetime, tz: ZoneInfo, occurrences: Iterable[OccurrenceFact]) -> list[ClientDue]:
    """Open assignments due later today or not handed in, per client, the most behind first.

    Not handed in counts what was due in the last 7 days, and each assignment's latest due time
    that has passed (so a one-off stays listed until it comes); older misses show in adherence.
    """
    today = now.astimezone(tz).date()
    by_assignment: dict[int, list[OccurrenceFact]] = defaultdict(list)
    for o in occurrences:
        if o.assignment_open and o.due_at > now - MONTH:
            by_assignment[o.assignment_id].append(o)
    per_client: dict[int, list[DueItem]] = defaultdict(list)
    names: dict[int, str] = {}
    for assignment_id, found in sorted(by_assignment.items()):
        passed = [o for o in found if o.due_at < now]
        latest = max(passed, key=lambda o: o.due_at, default=None)
        overdue = sorted(
            o.due_at.astimezone(tz)
            for o in passed
            if o.status in ("open", "missed") and (o.due_at > now - WEEK or o is latest)
        )
        later = [
            o.due_at.astimezone(tz)
            for o in found
            if o.due_at >= now and o.status == "open" and o.due_at.astimezone(tz).date() == today
        ]
        if overdue or later:
            per_client[found[0].client_id].append(
                DueItem(assignment_id, found[0].title, min(later, default=None), tuple(overdue))
            )
            names[found[0].client_id] = found[0].client_name
    groups = [ClientDue(names[client_id], tuple(items)) for client_id, items in per_client.items()]
    return sorted(groups, key=lambda g: (-sum(len(i.overdue) for i in g.items), g.client_name))


def inactive_clients(
    now: datetime, tz: ZoneInfo, clients: Iterable[ClientFact], inactive_days: int
) -> list[InactiveLine]:
    """Clients with open work, known longer than ``inactive_days``, with no submission in that
    time: the longest quiet first."""
    quiet = timedelta(days=inactive_days)
    lines = []
    for c in clients:
        last = c.last_submission_at
        if not c.has_open_work or c.created_at > now - quiet or (last is not None and last > now - quiet):
            continue
        lines.append(
            InactiveLine(c.name, last.astimezone(tz) if last else None, (now - last).days if last else None)
        )
    return sorted(
        lines,
        key=lambda line: (-(line.days_quiet if line.days_quiet is not None else 10**6), line.client_name),
    )


def adherence_lines(
    now: datetime, tz: ZoneInfo, occurrences: Iterable[OccurrenceFact]
) -> list[AdherenceLine]:
    """Per client with something due in the last 28 days: handed in over due for 7 and 28 days
    (core.adherence), the trend and a day-by-day strip; the lowest 7-day adherence first."""
    per_client: dict[int, list[OccurrenceFact]] = defaultdict(list)
    for o in occurrences:
        if now - MONTH < o.due_at <= now:
            per_client[o.client_id].append(o)
    lines = []
    for due in per_client.values():
        last_7 = _adherence([o for o in due if o.due_at > now - WEEK], now)
        before = _adherence([o for o in due if now - 2 * WEEK < o.due_at <= now - WEEK], now)
        month = _adherence(due, now)
        if not month.due and not month.excused:
            continue  # only waiting in the grace period: nothing to say yet
        lines.append(
            AdherenceLine(
                due[0].client_name,
                last_7.handed_in,
                last_7.due,
                month.handed_in,
                month.due,
                trend(last_7.ratio, before.ratio),
                day_marks(now, tz, due),
            )
        )

    def urgency(line: AdherenceLine) -> tuple[float, int, str]:
        ratio = line.ratio_7 if line.ratio_7 is not None else line.ratio_28
        return (ratio if ratio is not None else 1.0, line.done_7 - line.due_7, line.client_name)

    return sorted(lines, key=urgency)


def _adherence(occurrences: Sequence[OccurrenceFact], now: datetime) -> Adherence:
    return adherence(((o.due_at, o.status) for o in occurrences), now)


def trend(recent: float | None, before: float | None) -> str:
    """ "up", "down" or "flat": ``recent`` against ``before``, flat when either is unknown."""
    if recent is None or before is None or abs(recent - before) < TREND_STEP - 1e-9:
        return "flat"
    return "up" if recent > before else "down"


def day_marks(now: datetime, tz: ZoneInfo, due: Iterable[OccurrenceFact]) -> tuple[str, ...]:
    """One mark per local day of the last 28, oldest first: "missed" if anything due that day
    was missed, else "late" if anything came late, "done" if something came on time, else "none"
    (nothing due, only excused, or still in the grace period)."""
    today = now.astimezone(tz).date()
    statuses: dict[date, set[str]] = defaultdict(set)
    for o in due:
        statuses[o.due_at.astimezone(tz).date()].add(o.status)
    marks = []
    for back in range(27, -1, -1):
        found = statuses.get(today - timedelta(days=back), set())
        if "missed" in found:
            marks.append("missed")
        elif "late" in found:
            marks.append("late")
        else:
            marks.append("done" if "done" in found else "none")
    return tuple(marks)


def problem_lines(tz: ZoneInfo, problems: Iterable[ProblemFact]) -> list[ProblemLine]:
    """Problems grouped by kind and reason, the most recent first."""
    groups: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for p in problems:
        groups[(p.kind, p.reason)].append(p.at)
    lines = [
        ProblemLine(
            problem_title(kind),
            reason,
            len(times),
            max(times).astimezone(tz),
        )
        for (kind, reason), times in groups.items()
    ]
    return sorted(lines, key=lambda line: line.last_at, reverse=True)
