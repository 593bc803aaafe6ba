"""Days and times as people write them, read on a given day (pure)."""

from __future__ import annotations

from datetime import date, time

import pytest

from mailbot.core.when import parse_clock, parse_day, split_day_and_clock

TUESDAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14 December", date(2026, 12, 14)),
        ("14th of Dec", date(2026, 12, 14)),
        ("December 14, 2027", date(2027, 12, 14)),
        ("14.12.", date(2026, 12, 14)),
        ("14/12/2026", date(2026, 12, 14)),
        ("12/14", date(2026, 12, 14)),  # month first when the day cannot be a month
        ("2026-12-24", date(2026, 12, 24)),
        ("3 January", date(2027, 1, 3)),  # a date already past this year is next year's
        ("today", TUESDAY),
        ("tomorrow", date(2026, 12, 2)),
        ("Thursday", date(2026, 12, 3)),
        ("next Tuesday", date(2026, 12, 8)),  # a weekday is never today
        ("in 3 days", date(2026, 12, 4)),
        ("in a week", date(2026, 12, 8)),
        ("14 Dezember", date(2026, 12, 14)),
    ],
)
def test_a_day_written_as_people_write_it_is_read(text: str, day: date) -> None:
    assert parse_day(text, TUESDAY) == day


@pytest.mark.parametrize("text", ["soon", "31 February", "the 14th", "", "14"])
def test_what_names_no_day_is_none(text: str) -> None:
    assert parse_day(text, TUESDAY) is None


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("21:00", time(21)),
        ("9pm", time(21)),
        ("9.30 am", time(9, 30)),
        ("12 am", time(0)),
        ("noon", time(12)),
    ],
)
def test_a_time_of_day_is_read(text: str, clock: time) -> None:
    assert parse_clock(text) == clock


def test_a_bare_number_is_no_time_and_a_wrong_one_neither() -> None:
    assert parse_clock("21") is None and parse_clock("25:00") is None


def test_day_and_time_come_apart_in_either_order() -> None:
    assert split_day_and_clock("Thursday 15:00", TUESDAY) == (date(2026, 12, 3), time(15), "")
    assert split_day_and_clock("at 9pm on 14 December", TUESDAY)[2] != ""
    assert split_day_and_clock("9pm tomorrow", TUESDAY) == (date(2026, 12, 2), time(21), "")
    assert split_day_and_clock("someday", TUESDAY) == (None, None, "someday")
