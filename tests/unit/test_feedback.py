"""The feedback promise: deadlines in clock or working hours, status, and replies found in Sent."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.feedback import (
    Pending,
    SentMessage,
    WorkingTime,
    combine_key,
    deadline,
    hours_to_reply,
    parse_working_days,
    parse_working_hours,
    replies,
    status,
)

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = WorkingTime()  # 09:00-17:00, Monday to Friday
QUARTER = timedelta(minutes=15)


def berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# Deadlines


def test_clock_hour_deadline_is_received_plus_sla() -> None:
    assert deadline(berlin(2026, 11, 20, 16, 0), 24, BERLIN, None) == berlin(2026, 11, 21, 16, 0)


def test_clock_hours_are_elapsed_hours_across_dst() -> None:
    due = deadline(berlin(2026, 3, 28, 12, 0), 24, BERLIN, None)
    assert due == datetime(2026, 3, 29, 11, 0, tzinfo=UTC)
    assert due.astimezone(BERLIN).hour == 13  # the clock jumped forward in between


def test_deadline_comes_back_in_utc() -> None:
    assert deadline(berlin(2026, 11, 23, 10, 0), 2, BERLIN, OFFICE).tzinfo is UTC


def test_friday_afternoon_mail_is_due_wednesday_at_the_same_hour() -> None:
    # given 1 h left on Friday, 8 h on Monday and Tuesday, 7 h more on Wednesday
    due = deadline(berlin(2026, 11, 20, 16, 0), 24, BERLIN, OFFICE)
    assert due == berlin(2026, 11, 25, 16, 0)


def test_mail_received_late_in_the_day_counts_from_the_next_opening() -> None:
    assert deadline(berlin(2026, 11, 24, 20, 0), 2, BERLIN, OFFICE) == berlin(2026, 11, 25, 11, 0)


def test_mail_received_before_opening_counts_from_opening() -> None:
    assert deadline(berlin(2026, 11, 23, 7, 0), 4, BERLIN, OFFICE) == berlin(2026, 11, 23, 13, 0)


def test_mail_received_on_saturday_counts_from_monday() -> None:
    assert deadline(berlin(2026, 11, 21, 10, 0), 8.5, BERLIN, OFFICE) == berlin(2026, 11, 24, 9, 30)


def test_sla_used_up_exactly_at_closing_is_due_at_closing_not_next_opening() -> None:
    assert deadline(berlin(2026, 11, 21, 10, 0), 8, BERLIN, OFFICE) == berlin(2026, 11, 23, 17, 0)


def test_fractional_sla_carries_into_the_next_day() -> None:
    assert deadline(berlin(2026, 11, 23, 16, 0), 1.5, BERLIN, OFFICE) == berlin(2026, 11, 24, 9, 30)


def test_zero_sla_is_due_at_receipt_or_next_opening() -> None:
    assert deadline(berlin(2026, 11, 23, 10, 0), 0, BERLIN, OFFICE) == berlin(2026, 11, 23, 10, 0)
    assert deadline(berlin(2026, 11, 23, 18, 0), 0, BERLIN, OFFICE) == berlin(2026, 11, 24, 9, 0)


def test_working_hours_over_the_spring_change_keep_the_local_hour() -> None:
    # DST starts Sunday 29 March 2026: Friday CET (UTC+1), Wednesday CEST (UTC+2)
    due = deadline(berlin(2026, 3, 27, 16, 0), 24, BERLIN, OFFICE)
    assert due == datetime(2026, 4, 1, 14, 0, tzinfo=UTC)
    assert due.astimezone(BERLIN) == berlin(2026, 4, 1, 16, 0)


def test_working_hours_over_the_autumn_change_keep_the_local_hour() -> None:
    # DST ends Sunday 25 October 2026: Friday CEST (UTC+2), Wednesday CET (UTC+1)
    due = deadline(berlin(2026, 10, 23, 16, 0), 24, BERLIN, OFFICE)
    assert due == datetime(2026, 10, 28, 15, 0, tzinfo=UTC)


def test_a_window_spanning_the_spring_change_holds_one_hour_less() -> None:
    night = WorkingTime(time(0, 0), time(6, 0), frozenset({6}))  # Sundays 00:00-06:00
    # 29 March: 00:00 CET to 06:00 CEST is 5 real hours, so the 6th falls on 5 April
    due = deadline(berlin(2026, 3, 28, 12, 0), 6, BERLIN, night)
    assert due.astimezone(BERLIN) == berlin(2026, 4, 5, 1, 0)


def test_a_window_spanning_the_autumn_change_holds_one_hour_more() -> None:
    night = WorkingTime(time(0, 0), time(6, 0), frozenset({6}))
    # 25 October: 00:00 CEST to 06:00 CET is 7 real hours
    due = deadline(berlin(2026, 10, 24, 12, 0), 6.5, BERLIN, night)
    assert due == datetime(2026, 10, 25, 4, 30, tzinfo=UTC)


@pytest.mark.parametrize("sla", [-1.0, float("nan"), float("inf")])
def test_an_impossible_sla_is_refused(sla: float) -> None:
    with pytest.raises(ValueError, match="sla_hours"):
        deadline(berlin(2026, 11, 23, 10, 0), sla, BERLIN, OFFICE)


def test_a_naive_receipt_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        deadline(datetime(2026, 11, 23, 10, 0), 24, BERLIN, None)


# Properties

ZONES = st.sampled_from([BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"), ZoneInfo("UTC")])
RECEIVED = st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31), timezones=st.just(UTC))


@st.composite
def working_times(draw: st.DrawFn) -> WorkingTime:
    # windows from 05:00 on stay clear of the night-time DST changes of these zones
    start = draw(st.integers(5 * 4, 14 * 4))
    length = draw(st.integers(3 * 4, 9 * 4))
    days = draw(st.frozensets(st.integers(0, 6), min_size=2))
    return WorkingTime(_quarter(start), _quarter(start + length), days)


def _quarter(quarters: int) -> time:
    return time(quarters // 4, quarters % 4 * 15)


@given(RECEIVED, st.floats(0, 10_000), ZONES)
def test_property_clock_hour_deadline_is_exactly_sla_later(
    received: datetime, sla: float, tz: ZoneInfo
) -> None:
    assert deadline(received, sla, tz, None) - received == timedelta(hours=sla)


@given(RECEIVED, st.floats(0, 200), ZONES, working_times())
def test_property_working_deadline_is_after_receipt_and_inside_working_hours(
    received: datetime, sla: float, tz: ZoneInfo, working: WorkingTime
) -> None:
    due = deadline(received, sla, tz, working)
    local = due.astimezone(tz)
    assert due >= received
    assert local.weekday() in working.days
    assert working.start <= local.time() <= working.end


@settings(max_examples=examples(60))
@given(RECEIVED, st.integers(1, 160), ZONES, working_times())
def test_property_working_deadline_matches_counting_quarter_hours(
    received: datetime, quarters: int, tz: ZoneInfo, working: WorkingTime
) -> None:
    received = received.replace(minute=received.minute // 15 * 15, second=0, microsecond=0)
    assert deadline(received, quarters / 4, tz, working) == _count_quarters(received, quarters, tz, working)


def _count_quarters(received: datetime, quarters: int, tz: ZoneInfo, working: WorkingTime) -> datetime:
    """The end of the ``quarters``-th working quarter hour after ``received``, one by one."""
    moment, counted = received, 0
    while True:
        local = moment.astimezone(tz)
        if local.weekday() in working.days and working.start <= local.time() < working.end:
            counted += 1
            if counted == quarters:
                return moment + QUARTER
        moment += QUARTER


# Parsing configuration


def test_working_hours_parse_to_times() -> None:
    assert parse_working_hours("09:00-17:00") == (time(9, 0), time(17, 0))
    assert parse_working_hours(" 8:30 - 12:15 ") == (time(8, 30), time(12, 15))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("9-5", "09:00-17:00"),
        ("17:00-09:00", "end after"),
        ("09:00-25:00", "does not exist"),
    ],
)
def test_bad_working_hours_say_why(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_working_hours(text)


def test_working_days_parse_names_and_ranges() -> None:
    assert parse_working_days(["mon-fri"]) == frozenset({0, 1, 2, 3, 4})
    assert parse_working_days(["Mon", "wednesday", "sat"]) == frozenset({0, 2, 5})
    assert parse_working_days(["sun-thu"]) == frozenset({6, 0, 1, 2, 3})


@pytest.mark.parametrize("names", [["funday"], ["mon-"], []])
def test_bad_working_days_say_why(names: list[str]) -> None:
    with pytest.raises(ValueError, match="working_days"):
        parse_working_days(names)


def test_working_time_refuses_an_empty_window() -> None:
    with pytest.raises(ValueError, match="end after"):
        WorkingTime(time(17, 0), time(9, 0))


# Status and time to reply


def test_status_moves_from_drafted_to_overdue_at_the_deadline() -> None:
    due = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert status(due, due - timedelta(hours=1), None, skipped=False, in_drafts=True) == "drafted"
    assert status(due, due, None, skipped=False, in_drafts=True) == "drafted"
    assert status(due, due + timedelta(seconds=1), None, skipped=False, in_drafts=True) == "overdue"


def test_status_is_replied_once_answered_even_late() -> None:
    due = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert (
        status(due, due + timedelta(days=3), due + timedelta(days=2), skipped=False, in_drafts=True)
        == "replied"
    )


def test_status_skipped_wins_over_everything() -> None:
    due = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert status(due, due + timedelta(days=3), None, skipped=True, in_drafts=True) == "skipped"
    assert status(due, due + timedelta(days=3), due, skipped=True, in_drafts=True) == "skipped"


def test_hours_to_reply_rounds_half_up_to_a_tenth() -> None:
    received = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert hours_to_reply(received, received + timedelta(minutes=90)) == 1.5
    assert hours_to_reply(received, received + timedelta(minutes=15)) == 0.3
    assert hours_to_reply(received, received + timedelta(minutes=14)) == 0.2
    assert hours_to_reply(received, received + timedelta(hours=26, minutes=2)) == 26.0
    assert hours_to_reply(received, None) is None


# Replies found in the Sent folder

RECEIVED_AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SEEN_AT = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
FIRST = Pending(1, "<mood-1@client.example>", "draft-1", RECEIVED_AT)
SECOND = Pending(2, "<mood-2@client.example>", "draft-2", RECEIVED_AT)


def sent(
    in_reply_to: tuple[str, ...] = (),
    references: tuple[str, ...] = (),
    marker: str | None = None,
    hours_after: float | None = 3,
    is_mailbot: bool = False,
) -> SentMessage:
    date = None if hours_after is None else RECEIVED_AT + timedelta(hours=hours_after)
    return SentMessage("<reply@therapist.example>", in_reply_to, references, marker, date, is_mailbot)


def test_reply_by_in_reply_to_counts_at_its_date() -> None:
    found = replies([sent(in_reply_to=(FIRST.message_id or "",))], [FIRST, SECOND], SEEN_AT)
    assert found == {1: RECEIVED_AT + timedelta(hours=3)}


def test_phone_reply_naming_the_submission_only_in_references_counts() -> None:
    phone = sent(
        in_reply_to=("<assignment@mailbot.example>",),
        references=("<assignment@mailbot.example>", FIRST.message_id or ""),
    )
    assert replies([phone], [FIRST, SECOND], SEEN_AT) == {1: RECEIVED_AT + timedelta(hours=3)}


def test_sent_draft_counts_by_its_marker() -> None:
    found = replies([sent(marker="draft-2")], [FIRST, SECOND], SEEN_AT)
    assert found == {2: RECEIVED_AT + timedelta(hours=3)}


def test_reply_without_date_counts_when_seen() -> None:
    assert replies([sent(marker="draft-1", hours_after=None)], [FIRST], SEEN_AT) == {1: SEEN_AT}


def test_mailbots_own_messages_are_never_feedback() -> None:
    reminder = sent(in_reply_to=(FIRST.message_id or "",), marker="draft-1", is_mailbot=True)
    assert replies([reminder], [FIRST], SEEN_AT) == {}


def test_reply_dated_before_receipt_is_ignored() -> None:
    assert replies([sent(marker="draft-1", hours_after=-1)], [FIRST], SEEN_AT) == {}


def test_unrelated_sent_mail_answers_nothing() -> None:
    other = sent(in_reply_to=("<someone-else@example.org>",), marker="draft-9")
    assert replies([other], [FIRST, SECOND], SEEN_AT) == {}


def test_earliest_reply_wins() -> None:
    later, earlier = sent(marker="draft-1", hours_after=20), sent(marker="draft-1", hours_after=2)
    for order in ([later, earlier], [earlier, later]):
        assert replies(order, [FIRST], SEEN_AT) == {1: RECEIVED_AT + timedelta(hours=2)}


def test_one_combined_draft_answers_both_submissions_it_covers() -> None:
    morning = Pending(3, "<a@client.example>", "draft-day", RECEIVED_AT)
    evening = Pending(4, "<b@client.example>", "draft-day", RECEIVED_AT + timedelta(hours=8))
    found = replies([sent(marker="draft-day", hours_after=9)], [morning, evening, FIRST], SEEN_AT)
    assert found == {3: RECEIVED_AT + timedelta(hours=9), 4: RECEIVED_AT + timedelta(hours=9)}


def test_combine_key_groups_by_the_therapists_local_date() -> None:
    late_utc = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # already 24 November in Berlin
    assert combine_key(7, late_utc, BERLIN) == "7:2026-11-24"
    assert combine_key(7, late_utc, BERLIN) == combine_key(7, berlin(2026, 11, 24, 18, 0), BERLIN)
    assert combine_key(7, late_utc, BERLIN) != combine_key(8, late_utc, BERLIN)


def test_status_says_waiting_not_drafted_while_no_draft_is_in_drafts() -> None:
    due = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert status(due, due - timedelta(hours=1), None, skipped=False, in_drafts=False) == "waiting"
    assert status(due, due + timedelta(hours=1), None, skipped=False, in_drafts=False) == "overdue"
