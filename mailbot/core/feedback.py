"""The therapist's feedback promise: when feedback on a submission is due, and whether it was given.

A submission is due ``feedback.sla_hours`` after it was received. Without working time these are
elapsed hours: 24 hours over a daylight-saving change is 24 real hours, so the local clock time of
the deadline moves by one hour. With working time only the hours inside each working day's window
count; each day's window is taken in the therapist's local wall time and turned into UTC, and the
real time elapsed inside it is counted (a window that spans a DST change is an hour shorter or
longer). Public holidays are out of scope: a holiday on a working day counts as a working day.

Feedback is given when the therapist sends a message from any client that answers the submission:
its In-Reply-To or References name the submission's Message-ID, or it carries the draft's marker.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.schedule import to_utc

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class WorkingTime:
    """The therapist's working window (local wall time, ``start`` < ``end`` on one day) and the
    weekdays it applies to (Monday = 0)."""

    start: time = time(9, 0)
    end: time = time(17, 0)
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError(
                f"working hours must end after they start, not {self.start:%H:%M}-{self.end:%H:%M}"
            )
        if not self.days or not self.days <= set(range(7)):
            raise ValueError("working days must be at least one of Monday (0) to Sunday (6)")


@dataclass(frozen=True)
class SentMessage:
    """What the shell reads of one message in the therapist's Sent folder."""

    message_id: str | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    draft_marker: str | None  # mailbot's draft header, when the therapist sent the draft itself
    date: datetime | None  # the Date header, aware
    is_mailbot: bool  # a reminder, digest or assignment mailbot sent: never feedback


@dataclass(frozen=True)
class Pending:
    """A submission still waiting for feedback."""

    submission_id: int
    message_id: str | None
    draft_marker: str | None
    received_at: datetime
    client_id: int | None = None
    thread: tuple[str, ...] = ()  # the Message-IDs the client's own mail answered (its thread)
    day: str | None = None  # combine_key: set when [feedback] combine = "client-day"


def parse_working_hours(text: str) -> tuple[time, time]:
    """The (start, end) of a ``feedback.working_hours`` value such as "09:00-17:00"."""
    found = _HOURS.match(text)
    if found is None:
        raise ValueError(f'feedback.working_hours must look like "09:00-17:00", not "{text}"')
    sh, sm, eh, em = (int(part) for part in found.groups())
    if sh > 23 or eh > 23 or sm > 59 or em > 59:
        raise ValueError(f'feedback.working_hours "{text}" holds a time that does not exist')
    start, end = time(sh, sm), time(eh, em)
    if start >= end:
        raise ValueError(f'feedback.working_hours "{text}" must end after it starts on the same day')
    return start, end


def parse_working_days(names: Sequence[str]) -> frozenset[int]:
    """The weekdays (Monday = 0) named by ``feedback.working_days``: names such as "mon" or
    "monday", or ranges such as "mon-fri" ("sun-thu" wraps over the weekend)."""
    days: set[int] = set()
    for name in names:
        first, dash, last = name.strip().lower().partition("-")
        a = _day_number(first, name)
        b = _day_number(last, name) if dash else a
        days.update((a + step) % 7 for step in range((b - a) % 7 + 1))
    if not days:
        raise ValueError('feedback.working_days must name at least one day, e.g. ["mon-fri"]')
    return frozenset(days)


def _day_number(word: str, name: str) -> int:
    word = word.strip()
    for names in (DAY_NAMES, FULL_DAY_NAMES):
        if word in names:
            return names.index(word)
    raise ValueError(
        f'feedback.working_days: "{name}" is not a day; use mon, tue, ... sun or a range such as "mon-fri"'
    )


def deadline(received_at: datetime, sla_hours: float, tz: ZoneInfo, working: WorkingTime | None) -> datetime:
    """When feedback on a submission received at ``received_at`` is due (aware, UTC).

    Without ``working`` it is ``sla_hours`` elapsed hours later. With it, ``sla_hours`` of working
    time in ``tz``; a deadline that uses up a window exactly is that window's end, not the next
    opening. A submission received outside working hours starts counting at the next opening.
    """
    if received_at.tzinfo is None:
        raise ValueError("received_at must be an aware datetime")
    if not math.isfinite(sla_hours) or sla_hours < 0:
        raise ValueError(f"feedback.sla_hours must be a number of hours >= 0, not {sla_hours}")
    received = received_at.astimezone(UTC)
    remaining = timedelta(hours=sla_hours)
    if working is None:
        return received + remaining
    for opens, closes in _windows(received.astimezone(tz).date(), tz, working):
        cursor = max(received, opens)
        if cursor > closes:
            continue
        if remaining <= closes - cursor:
            return cursor + remaining
        remaining -= closes - cursor
    raise AssertionError("unreachable: working days repeat every week")


def _windows(first_day: date, tz: ZoneInfo, working: WorkingTime) -> Iterator[tuple[datetime, datetime]]:
    """Each working day's (opens, closes) in UTC from ``first_day`` on, without end."""
    day = first_day
    while True:
        if day.weekday() in working.days:
            yield (
                to_utc(datetime.combine(day, working.start), tz),
                to_utc(datetime.combine(day, working.end), tz),
            )
        day += timedelta(days=1)


def status(
    due_at: datetime, now: datetime, replied_at: datetime | None, skipped: bool, *, in_drafts: bool
) -> str:
    """Where the feedback stands: "skipped" (the therapist chose to give none), "replied" (on time
    or late), "overdue" (no reply and ``now`` is past ``due_at``), "drafted" (no reply, not yet
    due, its draft written to Drafts) or "waiting" (the same, with no draft in Drafts)."""
    if skipped:
        return "skipped"
    if replied_at is not None:
        return "replied"
    if now > due_at:
        return "overdue"
    return "drafted" if in_drafts else "waiting"


def hours_to_reply(received_at: datetime, replied_at: datetime | None) -> float | None:
    """Hours from receipt to reply, rounded half up to 0.1 h and never below 0; None without a reply."""
    if replied_at is None:
        return None
    half_tenths = max(replied_at - received_at, timedelta(0)) // timedelta(seconds=180)
    return ((half_tenths + 1) // 2) / 10


def replies(
    sent: Sequence[SentMessage], pending: Sequence[Pending], seen_at: datetime
) -> dict[int, datetime]:
    """``submission_id -> replied_at`` for each pending submission that a sent message settles.

    A message answers a submission when its In-Reply-To or References name the submission's
    Message-ID, or its draft marker equals the submission's (one combined draft answers all the
    submissions it covers). It settles, besides, every pending submission of the same client
    that its thread covers (the reply names a message that submission answered, such as the
    assignment email or a reminder both replied to), and with "client-day" those of that day.
    ``replied_at`` is the message's Date, or ``seen_at`` without one. A
    message dated before the submission was received does not answer it, mailbot's own messages
    answer nothing, and of several answers the earliest counts.
    """
    found: dict[int, datetime] = {}
    for message in sent:
        if message.is_mailbot:
            continue
        when = message.date or seen_at
        named = {*message.in_reply_to, *message.references}
        direct = [p for p in pending if _answers(message, named, p) and when >= p.received_at]
        covered = [p for p in pending if when >= p.received_at and any(_covers(named, d, p) for d in direct)]
        for submission in covered:
            earlier = found.get(submission.submission_id)
            found[submission.submission_id] = when if earlier is None else min(earlier, when)
    return found


def _answers(message: SentMessage, named: set[str], submission: Pending) -> bool:
    by_thread = submission.message_id is not None and submission.message_id in named
    by_draft = message.draft_marker is not None and message.draft_marker == submission.draft_marker
    return by_thread or by_draft


def _covers(named: set[str], answered: Pending, other: Pending) -> bool:
    """Whether a reply that answers ``answered`` settles ``other`` too: the same submission, or
    the same client's in the same thread (the reply names a message the other one answered), or
    of the same client and day when drafts combine them."""
    if other.submission_id == answered.submission_id:
        return True
    if other.client_id is None or other.client_id != answered.client_id:
        return False
    return bool(named & set(other.thread)) or (other.day is not None and other.day == answered.day)


def combine_key(client_id: int, received_at: datetime, tz: ZoneInfo) -> str:
    """The "client-day" key, e.g. "7:2026-03-27": submissions sharing it share one draft."""
    return f"{client_id}:{received_at.astimezone(tz).date().isoformat()}"
