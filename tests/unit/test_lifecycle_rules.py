"""When homework is over, how it continues, and when the next session is: pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mailbot.core.lifecycle import finished, next_session, renewal_due_times, sessions_rule
from mailbot.core.schedule import RuleError, due_times

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_21 = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)  # 21:00 in Berlin


def test_a_one_off_is_finished_once_answered_late_or_on_time() -> None:
    assert finished(False, ["done"]) and finished(False, ["late"])
    assert not finished(False, ["open"]) and not finished(False, ["missed"])


def test_a_repeating_assignment_is_finished_only_after_its_last_occurrence() -> None:
    assert not finished(True, ["done", "missed", "open"])
    assert finished(True, ["done", "open", "missed"]) is True  # the last one settled
    assert finished(True, ["done", "done", "excused"])
    assert not finished(True, [])


def test_renewing_a_daily_item_by_count_continues_after_its_last_day_at_the_same_local_time() -> None:
    week = due_times(MONDAY_21, BERLIN, "daily", count=7)

    added = renewal_due_times(MONDAY_21, week[-1], BERLIN, "daily", 7, count=3)

    assert [d.astimezone(BERLIN).strftime("%a %d %H:%M") for d in added] == [
        "Mon 09 21:00",
        "Tue 10 21:00",
        "Wed 11 21:00",
    ]


def test_renewing_until_a_date_across_the_dst_change_keeps_the_clients_hour() -> None:
    week = due_times(MONDAY_21, BERLIN, "weekly", count=3)

    added = renewal_due_times(MONDAY_21, week[-1], BERLIN, "weekly", 3, until=date(2026, 4, 6))

    assert [d.astimezone(BERLIN).strftime("%m-%d %H:%M") for d in added] == [
        "03-23 21:00",
        "03-30 21:00",
        "04-06 21:00",
    ]


def test_a_one_off_renewed_until_a_day_is_due_that_day_at_its_own_time() -> None:
    assert renewal_due_times(MONDAY_21, MONDAY_21, BERLIN, None, 1, until=date(2026, 3, 9)) == [
        datetime(2026, 3, 9, 20, 0, tzinfo=UTC)
    ]
    with pytest.raises(RuleError):
        renewal_due_times(MONDAY_21, MONDAY_21, BERLIN, None, 1, count=2)


def test_renewing_to_a_day_already_past_says_so() -> None:
    with pytest.raises(RuleError, match="no"):
        renewal_due_times(MONDAY_21, MONDAY_21, BERLIN, "daily", 1, until=date(2026, 3, 2))


def test_the_next_session_is_the_next_of_the_regular_ones_in_the_clients_zone() -> None:
    rule = sessions_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=15", datetime(2026, 3, 2, 10))

    assert next_session(MONDAY_21, BERLIN, None, rule) == datetime(2026, 3, 5, 14, 0, tzinfo=UTC)
    after_first = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)
    assert next_session(after_first, BERLIN, None, rule) == datetime(2026, 3, 19, 14, 0, tzinfo=UTC)


def test_a_session_set_by_hand_counts_when_it_comes_first_and_is_still_ahead() -> None:
    rule = sessions_rule("FREQ=WEEKLY;BYDAY=TH;BYHOUR=15", datetime(2026, 3, 2))
    tuesday = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)

    assert next_session(MONDAY_21, BERLIN, tuesday, rule) == tuesday
    assert next_session(datetime(2026, 3, 4, tzinfo=UTC), BERLIN, tuesday, rule) == datetime(
        2026, 3, 5, 14, 0, tzinfo=UTC
    )
    assert next_session(MONDAY_21, BERLIN, None, None) is None


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;BYDAY=TH", "every thursday", "FREQ=WEEKLY;BYDAY=XX;BYHOUR=15"])
def test_a_sessions_rule_without_a_time_or_that_is_no_rrule_is_refused(rule: str) -> None:
    with pytest.raises(RuleError):
        sessions_rule(rule, datetime(2026, 3, 2))
