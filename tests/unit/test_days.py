"""The day a client names, in five languages, and the mail cut into one section per day."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mailbot.core.days import DayName, find_day, resolve
from mailbot.core.sections import NAMED_DAY, dated_entries, split_sections

THURSDAY = date(2026, 3, 5)


def named(line: str, heading: bool = False) -> date | None:
    day = find_day(line, heading)
    return resolve(day, THURSDAY) if day else None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday", date(2026, 3, 2)),
        ("montag", date(2026, 3, 2)),
        ("lundi", date(2026, 3, 2)),
        ("Miércoles", date(2026, 3, 4)),
        ("donderdag", date(2026, 3, 5)),
        ("Friday's log", date(2026, 2, 27)),
        ("Sonntag war schwer", date(2026, 3, 1)),
    ],
)
def test_a_weekday_name_is_the_latest_such_day_on_or_before_arrival(line: str, expected: date) -> None:
    assert named(line) == expected


@pytest.mark.parametrize(
    ("line", "offset"),
    [
        ("Here's yesterday's", -1),
        ("Was last night ok", -1),
        ("tonight I felt calm", 0),
        ("today", 0),
        ("Gestern Abend", -1),
        ("heute", 0),
        ("hier soir", -1),
        ("aujourd'hui", 0),
        ("ayer", -1),
        ("anoche", -1),
        ("hoy", 0),
        ("gisteren", -1),
        ("vanavond", 0),
    ],
)
def test_today_tonight_yesterday_and_last_night_in_every_language(line: str, offset: int) -> None:
    assert named(line) == date(2026, 3, 5 + offset)


@pytest.mark.parametrize(
    "line",
    [
        "2 March",
        "March 2nd",
        "2nd of March",
        "2. März",
        "le 2 mars",
        "2 de marzo",
        "2 maart",
        "2.3.",
        "2.3.2026",
        "2026-03-02",
    ],
)
def test_dates_as_people_write_them(line: str) -> None:
    assert named(line) == date(2026, 3, 2)


def test_a_date_without_year_is_the_latest_not_after_tomorrow() -> None:
    assert resolve(DayName("date", 0, 12, 31), date(2026, 1, 2)) == date(2025, 12, 31)
    assert resolve(DayName("date", 0, 3, 6), THURSDAY) == date(2026, 3, 6)


def test_a_date_beats_the_weekday_beside_it() -> None:
    assert named("Sunday, 1st March") == date(2026, 3, 1)


@pytest.mark.parametrize(
    "line",
    ["I sat down with it", "Do you think so", "hier ist mein Tagebuch", "Mood 8.5 overall", "May I ask"],
)
def test_words_that_only_look_like_days_name_none(line: str) -> None:
    assert named(line) is None


def test_two_letter_abbreviations_count_only_as_headings() -> None:
    assert named("Do:", heading=True) == THURSDAY
    assert named("Do:") is None
    assert named("Sat", heading=True) == date(2026, 2, 28)


def test_a_name_survives_its_text_form() -> None:
    for day in (
        DayName("weekday", 3),
        DayName("offset", -1),
        DayName("date", 0, 3, 2),
        DayName("date", 0, 3, 2, 2026),
    ):
        assert DayName.from_spec(day.spec()) == day
    assert DayName.from_spec("nonsense") is None


TWO_DAYS = """Hi Ada,

**Monday**
Situation: work
Emotion: sad 60

Tue 3.3. - mood 4
Emotion: anxious 40
Thursday was better though.

Thanks, Ben"""


def test_a_mail_with_two_dated_headings_is_two_sections_with_the_greeting_in_the_first() -> None:
    first, second = split_sections(TWO_DAYS)

    assert first.day == DayName("weekday", 0) and first.text.startswith("Hi Ada,")
    assert "Situation: work" in first.text and "anxious" not in first.text
    assert second.day == DayName("date", 0, 3, 3)
    assert second.text.startswith("mood 4") and "Thursday was better" in second.text


def test_prose_that_mentions_a_day_after_the_opening_heads_no_section() -> None:
    [only] = split_sections("Situation: work\nThursday was better though.\nEmotion: calm 20")
    assert only.day is None


def test_an_undivided_mail_takes_the_day_of_its_opening_lines_else_of_a_fresh_subject() -> None:
    assert split_sections("Here is yesterday's log.\nSituation: x")[0].day == DayName("offset", -1)
    assert split_sections("Situation: x\nToday was odd", "Re: homework")[0].day is None
    assert split_sections("Mood 5", "Tuesday")[0].day == DayName("weekday", 1)
    assert split_sections("Mood 5", "Re: Tuesday")[0].day is None


def test_each_sections_entries_carry_its_day_and_an_unreadable_dated_section_still_counts() -> None:
    def parse(text: str) -> list[dict[str, Any]]:
        return [{"text": line} for line in text.splitlines() if line.startswith("Situation")]

    entries = dated_entries("Monday:\nSituation: a\nTuesday:\nnothing the form knows", "", parse)

    assert entries == [{"text": "Situation: a", NAMED_DAY: "weekday:0"}, {NAMED_DAY: "weekday:1"}]
    assert dated_entries("Situation: b", "Re: x", parse) == [{"text": "Situation: b"}]
