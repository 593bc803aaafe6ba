"""Humane reminders: one a day for a daily item, none right after the assignment, none after
a streak of missed days, and wording in the client's own terms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.adherence import Adherence, adherence, missed_in_a_row
from mailbot.core.reminders import (
    ClientView,
    OccurrenceView,
    Policy,
    SentReminder,
    due_emails,
    is_daily,
    scheduled,
    wording,
)
from mailbot.core.schedule import to_utc

BERLIN = ZoneInfo("Europe/Berlin")
CLIENT = ClientView(1, "Europe/Berlin", False, False, Policy())


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return to_utc(datetime(2026, 3, day, hour, minute), BERLIN)


def daily(
    day: int, status: str = "open", assigned_at: datetime | None = None, stopped: bool = False
) -> OccurrenceView:
    return OccurrenceView(day, 7, 1, "mood-log", local(day, 21), status, True, True, assigned_at, stopped)


def test_a_daily_item_is_planned_one_reminder_a_day_at_the_clients_hour() -> None:
    plan = scheduled(daily(3), CLIENT)

    assert [(i.kind, i.scheduled_for) for i in plan] == [("due", local(3, 19)), ("nudge", local(4, 19))]


def test_a_week_of_a_daily_item_never_sends_two_emails_a_day() -> None:
    week = [daily(day) for day in range(2, 9)]
    sent: list[SentReminder] = []
    emails_per_day: dict[int, int] = {}
    moment = local(2, 0)
    while moment < local(10, 0):
        for email in due_emails(moment, week, {1: CLIENT}, sent):
            day = moment.astimezone(BERLIN).day
            emails_per_day[day] = emails_per_day.get(day, 0) + 1
            sent += [SentReminder(i.occurrence_id, i.kind, i.seq, 1, moment) for i in email.items]
        moment += timedelta(minutes=30)

    assert set(emails_per_day.values()) == {1}
    assert sorted(emails_per_day) == list(range(2, 10))  # the 9th: Sunday's nudge alone


def test_no_reminder_within_min_hours_after_the_assignment() -> None:
    set_at_noon = local(3, 12)  # the 19:00 reminder would come 7 hours later

    plan = scheduled(daily(3, assigned_at=set_at_noon), CLIENT)

    assert [i.kind for i in plan] == ["nudge"]
    assert [i.kind for i in scheduled(daily(4, assigned_at=set_at_noon), CLIENT)] == ["due", "nudge"]


def test_a_stopped_assignment_gets_no_reminder_nor_nudge() -> None:
    assert due_emails(local(3, 19, 5), [daily(3, stopped=True)], {1: CLIENT}, []) == []
    assert due_emails(local(3, 19, 5), [daily(3)], {1: CLIENT}, []) != []


def test_the_missed_streak_counts_back_from_the_latest_settled_day() -> None:
    now = local(9, 12)
    days = [
        (local(d, 21), s)
        for d, s in zip(
            range(2, 9), ["done", "missed", "late", "missed", "excused", "missed", "missed"], strict=True
        )
    ]

    assert missed_in_a_row(days, now, None) == 3  # 8th, 7th, (6th excused), 5th
    assert missed_in_a_row(days, now, local(6, 12)) == 2  # renewed on the 6th
    assert missed_in_a_row([*days, (local(9, 9), "late")], now, None) == 0  # the client answered
    assert missed_in_a_row([(local(9, 9), "open"), *days], now, None) == 3  # still in its grace period


def test_wording_is_in_the_clients_terms_without_dates_or_counters() -> None:
    friday_night = datetime(2026, 3, 6, 21, 0, tzinfo=BERLIN)
    saturday = datetime(2026, 3, 7, 19, 0, tzinfo=BERLIN)
    thursday_session = datetime(2026, 3, 12, 15, 0, tzinfo=BERLIN)

    assert wording("due", friday_night, friday_night - timedelta(hours=2)) == "tonight at 9 pm"
    assert wording("before", friday_night, friday_night - timedelta(days=1)) == "tomorrow at 9 pm"
    assert (
        wording("before", friday_night.replace(hour=9, minute=30), friday_night - timedelta(days=3))
        == "on Friday at 9:30 am"
    )
    assert wording("nudge", friday_night, saturday) == "yesterday's (Friday)"
    due_by_session = datetime(2026, 3, 12, 9, 0, tzinfo=BERLIN)
    assert wording("before", due_by_session, saturday, thursday_session) == "before our session on Thursday"


def test_daily_rules_are_told_apart_from_weekly_ones() -> None:
    assert is_daily("daily") and is_daily("weekdays") and is_daily("FREQ=DAILY;COUNT=7")
    assert not is_daily("weekly") and not is_daily("FREQ=DAILY;INTERVAL=2") and not is_daily(None)


def test_adherence_counts_handed_in_over_due_and_excused_neither_way() -> None:
    now = datetime(2026, 3, 9, tzinfo=UTC)
    found = adherence(
        [(local(2, 21), "done"), (local(3, 21), "late"), (local(4, 21), "missed"), (local(5, 21), "excused"),
         (local(8, 21), "open"), (local(12, 21), "open")],
        now,
    )  # fmt: skip

    assert found == Adherence(done=1, late=1, missed=1, excused=1, waiting=1, upcoming=1)
    assert (found.handed_in, found.due) == (2, 3)
    assert found.summary() == "2 of 3 handed in (1 late), 1 missed, 1 excused, 1 in the grace period"
