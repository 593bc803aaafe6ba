"""Occurrences from repeat rules, at the client's local hour across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mailbot.core.schedule import RuleError, due_times, missed, to_utc

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def local_hours(times: list[datetime], tz: ZoneInfo) -> set[int]:
    return {t.astimezone(tz).hour for t in times}


def test_one_off_has_one_occurrence() -> None:
    due = datetime(2026, 12, 1, 19, 0, tzinfo=BERLIN)
    assert due_times(due, BERLIN) == [due.astimezone(UTC)]


def test_daily_for_fourteen_days_has_fourteen_at_the_same_local_hour_across_dst() -> None:
    first = datetime(2026, 3, 22, 19, 0, tzinfo=BERLIN)  # DST starts on 29 March
    times = due_times(first, BERLIN, "daily", count=14)
    assert len(times) == 14
    assert local_hours(times, BERLIN) == {19}
    assert {t.hour for t in times} == {18, 17}  # in UTC the hour moves, locally it does not


def test_daily_until_a_date_includes_that_day() -> None:
    times = due_times(
        datetime(2026, 11, 23, 20, 0, tzinfo=NEW_YORK), NEW_YORK, "daily", until=date(2026, 11, 29)
    )
    assert len(times) == 7 and times[-1].astimezone(NEW_YORK).date() == date(2026, 11, 29)


def test_weekdays_skip_weekends() -> None:
    times = due_times(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), BERLIN, "weekdays", count=10)
    assert {t.astimezone(BERLIN).weekday() for t in times} == {0, 1, 2, 3, 4}
    assert len(times) == 10


def test_weekly_and_rrule() -> None:
    weekly = due_times(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), BERLIN, "weekly", count=3)
    assert [t - weekly[0] for t in weekly] == [timedelta(0), timedelta(days=7), timedelta(days=14)]
    rule = due_times(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), BERLIN, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4")
    assert [t.astimezone(BERLIN).strftime("%a %d") for t in rule] == ["Mon 23", "Thu 26", "Mon 30", "Thu 03"]


@pytest.mark.parametrize(
    ("repeat", "words"),
    [
        ("FREQ=SOMETIMES;COUNT=3", "RRULE"),
        ("daily", "--until"),
    ],
)
def test_bad_rules_say_why(repeat: str, words: str) -> None:
    with pytest.raises(RuleError, match=words):
        due_times(datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN), BERLIN, repeat)


def test_local_time_in_the_spring_gap_moves_forward() -> None:
    assert to_utc(datetime(2026, 3, 29, 2, 30), BERLIN) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_missed_only_after_grace() -> None:
    due = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
    assert not missed(due, "open", due + timedelta(hours=23), timedelta(hours=24))
    assert missed(due, "open", due + timedelta(hours=25), timedelta(hours=24))
    assert not missed(due, "done", due + timedelta(days=9), timedelta(hours=24))
