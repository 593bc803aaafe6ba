"""Days and times as people write them in a mail: "14 December", "Thursday", "tomorrow", "9pm".

Pure: every function takes the day it is read on (``today``) and never reads the clock. A date
without a year is the next such day on or after ``today``; a weekday name is the next such day
after ``today`` ("Friday" written on a Friday means a week later). Numeric dates are read day
first ("14.12.", "14/12/2026") unless the first number cannot be a month's day order ("12/14").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "januar", "janvier"),
            ("february", "feb", "februar", "février", "fevrier"),
            ("march", "mar", "märz", "maerz", "mars"),
            ("april", "apr", "avril"),
            ("may", "mai"),
            ("june", "jun", "juni", "juin"),
            ("july", "jul", "juli", "juillet"),
            ("august", "aug", "août", "aout"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "oktober", "okt", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "dezember", "dez", "décembre", "decembre"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon", "mondays", "montag"),
            ("tuesday", "tue", "tues", "tuesdays", "dienstag"),
            ("wednesday", "wed", "wednesdays", "mittwoch"),
            ("thursday", "thu", "thur", "thurs", "thursdays", "donnerstag"),
            ("friday", "fri", "fridays", "freitag"),
            ("saturday", "sat", "saturdays", "samstag"),
            ("sunday", "sun", "sundays", "sonntag"),
        )
    )
    for name in names
}
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th|\.)?"
_DAY_MONTH = re.compile(rf"^(\d{{1,2}}){_ORDINAL}\s*(?:of\s+)?({_MONTH})\.?,?(?:\s+(\d{{4}}))?$")
_MONTH_DAY = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL},?(?:\s+(\d{{4}}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_IN = re.compile(r"^in\s+(a|an|one|two|three|four|\d{1,3})\s+(day|days|week|weeks)$")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_CLOCK = re.compile(r"^(?:at\s+)?(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h|uhr|o'clock)?$")


def parse_day(text: str, today: date) -> date | None:
    """The day ``text`` names, or None when it names none."""
    words = " ".join(text.strip().lower().replace(",", " ").split())
    if not words:
        return None
    fixed = {"today": 0, "tonight": 0, "heute": 0, "tomorrow": 1, "morgen": 1, "next week": 7}
    if words in fixed:
        return today + timedelta(days=fixed[words])
    if match := _IN.match(words):
        amount = _NUMBERS.get(match.group(1)) or int(match.group(1))
        return today + timedelta(days=amount * (7 if match.group(2).startswith("week") else 1))
    weekday = words.removeprefix("next ").removeprefix("this ").removeprefix("on ")
    if weekday in WEEKDAYS:
        ahead = (WEEKDAYS[weekday] - today.weekday()) % 7
        return today + timedelta(days=ahead or 7)
    return _calendar_day(words, today)


def _calendar_day(words: str, today: date) -> date | None:
    if match := _ISO.match(words):
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    day = month = year = None
    if match := _DAY_MONTH.match(words):
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
    elif match := _MONTH_DAY.match(words):
        day, month, year = int(match.group(2)), MONTHS[match.group(1)], match.group(3)
    elif match := _NUMERIC.match(words):
        first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)
        day, month = (second, first) if second > 12 >= first else (first, second)
    if day is None or month is None:
        return None
    if year:
        return _date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    found = _date(today.year, month, day)
    if found is not None and found < today:
        found = _date(today.year + 1, month, day)
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_clock(text: str) -> time | None:
    """The time of day ``text`` names ("21:00", "9pm", "9.30 am", "noon"), or None."""
    words = text.strip().lower().removeprefix("at ").strip()
    if words in ("noon", "midday"):
        return time(12, 0)
    if words == "midnight":
        return time(23, 59)
    match = _CLOCK.match(words)
    if not match:
        return None
    hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "")
    if suffix.startswith("p") and hour < 12:
        hour += 12
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    if not suffix and match.group(2) is None:
        return None  # a bare number is a count or a day, not a time
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def split_day_and_clock(text: str, today: date) -> tuple[date | None, time | None, str]:
    """A day and a time of day from words like "Thursday 15:00" or "14 December at 9pm".

    The third value is what could not be read ("" when everything was).
    """
    words = text.replace(",", " ").split()
    for cut in range(len(words), -1, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        day = parse_day(head, today) if head else None
        clock = parse_clock(tail) if tail else None
        if (day or not head) and (clock or not tail):
            return day, clock, ""
    for cut in range(len(words) + 1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        clock = parse_clock(head) if head else None
        day = parse_day(tail, today) if tail else None
        if clock and (day or not tail):
            return day, clock, ""
    return None, None, text.strip()


def when_text(moment: datetime, now: datetime) -> str:
    """``moment`` told relative to ``now`` (both local): "today 14:05", "yesterday 09:10",
    "tomorrow 06:00", else "Tue 20 Oct 09:10"."""
    days = (moment.date() - now.date()).days
    named = {0: "today", -1: "yesterday", 1: "tomorrow"}.get(days)
    return f"{named or day_text(moment)} {moment:%H:%M}"


def day_text(moment: datetime | date) -> str:
    """ "Tue 20 Oct" """
    return f"{moment:%a} {moment.day} {moment:%b}"
