"""The due line of a homework block, as people write it: "daily at 21:00 until 14 December",
"Friday 18:00", "every Monday and Thursday for 3 weeks", "weekdays at 8:30 pm, 10 times".

Pure: ``read_due`` gives the first due time, the repeat rule and its bound, read in the
therapist's time zone at ``local_now``, or one sentence saying what to fix. Defaults: 20:00
without a time; a daily repeat without an end runs for a week, a weekly one for four weeks.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.core.schedule import to_utc
from mailbot.core.when import WEEKDAYS, parse_clock, parse_day, split_day_and_clock

DEFAULT_CLOCK = time(20, 0)

_REPEATS = (
    (
        re.compile(r"\b(?:daily|every\s*day|each\s+day|every\s+(?:evening|morning|night)|nightly|täglich)\b"),
        "daily",
    ),
    (re.compile(r"\b(?:on\s+)?(?:weekdays|every\s+weekday|mon(?:day)?\s*-\s*fri(?:day)?)\b"), "weekdays"),
    (re.compile(r"\b(?:weekly|every\s+week|once\s+a\s+week|wöchentlich)\b"), "weekly"),
)
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_EVERY_DAYS = re.compile(
    rf"\b(?:every|each|on)\s+((?:{_WEEKDAY})(?:\s*(?:,|and|&|\+|/)?\s*(?:{_WEEKDAY})\b)*)\b"
)
_UNTIL = re.compile(r"\b(?:until|till|til|through|thru|bis|ending)\s+(.+?)(?=\s+(?:at|from|starting)\b|$)")
_FOR = re.compile(r"\bfor\s+(a|an|one|two|three|four|five|six|\d{1,3})\s+(days?|weeks?|times?)\b")
_TIMES = re.compile(r"\b(\d{1,3})\s*(?:times|x)\b")
_FROM = re.compile(r"\b(?:from|starting(?:\s+on)?|beginning|ab)\s+(.+?)(?=\s+(?:at|until|till|for)\b|$)")
_AT = re.compile(r"\b(?:at|um)\s+(\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h|uhr)?|noon|midnight)")
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

Due = tuple[datetime, str | None, date | None, int | None]


def read_due(
    text: str, local_now: datetime, until_text: str | None = None, count_text: str | None = None
) -> Due | str:
    """First due time (UTC), repeat rule, last day and count from a due line such as
    "daily at 21:00 until 14 December", "Friday 18:00", "every Monday and Thursday for 3 weeks";
    a sentence saying what to fix when it cannot be read."""
    words = " " + " ".join(text.lower().replace(",", " , ").split()).replace(" , ", ", ") + " "
    words = words.replace(",", " ")
    today = local_now.date()
    repeat, words = _repeat(words)
    clock, words = _take(_AT, words, lambda t: parse_clock(f"{t}:00" if t.isdigit() else t))
    start, words = _take(_FROM, words, lambda t: parse_day(t, today))
    until, words = _take(_UNTIL, words, lambda t: parse_day(t, today))
    length, words = _take(_FOR, words, lambda t: t)
    times, words = _take(_TIMES, words, int)
    if until_text:
        until = parse_day(until_text, today)
        if until is None:
            return f'"Until: {until_text}" is not a day mailbot can read; write it like "14 December".'
    if count_text:
        times = int(count_text) if count_text.strip().isdigit() else None
        if times is None:
            return f'"Times: {count_text}" should be a whole number.'
    rest = " ".join(words.split())
    if repeat is None:
        return _one_off(text, rest or "in a week", clock, local_now)
    if rest:
        return (
            f'"Due: {text}": mailbot could not read "{rest}"; '
            'write it like "daily at 21:00 until 14 December".'
        )
    clock = clock or DEFAULT_CLOCK
    if start is None:
        start = today if local_now.time() < clock else today + timedelta(days=1)
    if length:
        number, unit = length
        if unit.startswith("time"):
            times = number
        else:
            until = start + timedelta(days=number * (7 if unit.startswith("week") else 1) - 1)
    if until is None and times is None:
        until = start + timedelta(days=6 if repeat in ("daily", "weekdays") else 27)
    if until is not None and until < start:
        return f'"Due: {text}" ends on {until:%d %B %Y}, before it starts; check the day after "until".'
    first = to_utc(datetime.combine(start, clock), _zone(local_now))
    return first, repeat, until, times


def _one_off(text: str, rest: str, clock: time | None, local_now: datetime) -> Due | str:
    today = local_now.date()
    day, named_clock, unread = split_day_and_clock(rest, today)
    if unread or (day is None and named_clock is None and clock is None):
        return (
            f'"Due: {text}" is not a day mailbot can read; write it like "Friday 18:00", '
            '"14 December", "daily at 21:00 until 14 December" or "every Monday for 4 weeks".'
        )
    clock = clock or named_clock or DEFAULT_CLOCK
    if day is None:
        day = today if local_now.time() < clock else today + timedelta(days=1)
    first = to_utc(datetime.combine(day, clock), _zone(local_now))
    if first <= local_now.astimezone(UTC):
        return f'"Due: {text}" is already past ({day:%d %B} {clock:%H:%M}); give a later day or time.'
    return first, None, None, None


def _zone(local_now: datetime) -> ZoneInfo:
    tz = local_now.tzinfo
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo("UTC")


def _repeat(words: str) -> tuple[str | None, str]:
    for pattern, rule in _REPEATS:
        if pattern.search(words):
            return rule, pattern.sub(" ", words, count=1)
    match = _EVERY_DAYS.search(words)
    if match and (match.group(0).startswith(("every", "each")) or match.group(1).endswith("s")):
        days = [WEEKDAYS[d] for d in re.findall(_WEEKDAY, match.group(1))]
        rule = "FREQ=WEEKLY;BYDAY=" + ",".join(_BYDAY[d] for d in sorted(set(days)))
        return rule, words[: match.start()] + " " + words[match.end() :]
    return None, words


def _take(pattern: re.Pattern[str], words: str, read: Any) -> tuple[Any, str]:
    """Read what ``pattern`` finds (None when absent or unreadable) and cut it from ``words``."""
    match = pattern.search(words)
    if not match:
        return None, words
    if pattern is _FOR:
        amount = _SMALL.get(match.group(1)) or int(match.group(1))
        return (amount, match.group(2)), words[: match.start()] + " " + words[match.end() :]
    value = read(match.group(1).strip())
    if value is None:
        return None, words
    return value, words[: match.start()] + " " + words[match.end() :]
