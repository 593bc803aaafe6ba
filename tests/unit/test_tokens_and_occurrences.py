"""Assignment tokens, and which occurrence a submission fulfils."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mailbot.core.occurrences import pick_occurrence, status_on_submit
from mailbot.core.tokens import ALPHABET, find_tokens, new_token


def test_new_token_is_eight_characters_avoiding_taken_ones_and_ambiguous_letters() -> None:
    letters = itertools.cycle("AAAAAAAAB")
    token = new_token({"HW-AAAAAAAA"}, choice=lambda _alphabet: next(letters))
    assert token == "HW-BAAAAAAA"
    assert len(new_token(set())) == len("HW-") + 8
    assert not set("ILOU") & set(ALPHABET)


def test_find_tokens_in_subjects_and_addresses() -> None:
    assert find_tokens("Re: [hw-7f3k] and HW-7F3K again, HW-ZZZZ") == ["HW-7F3K", "HW-ZZZZ"]
    assert find_tokens("xHW-7F3K") == []
    assert find_tokens("HW-7F3") == []


def test_find_tokens_reads_new_eight_character_tokens_and_crockfords_typing_slips() -> None:
    assert find_tokens("Re: homework [hw-7f3kq2ma]") == ["HW-7F3KQ2MA"]
    assert find_tokens("HW-7F3KO2MI") == ["HW-7F3K02M1"]  # O read as 0, I as 1
    assert find_tokens("HW-7F3KQ2MAX") == []


@dataclass
class Occ:
    due_at: datetime
    status: str = "open"


DAY = timedelta(days=1)
START = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
GRACE = timedelta(hours=24)


def test_an_undated_answer_within_grace_of_an_open_due_time_is_credited_to_it() -> None:
    days = [Occ(START + n * DAY) for n in range(3)]
    assert pick_occurrence(days, START + DAY - timedelta(hours=2), GRACE) is days[0]


def test_an_undated_answer_beyond_grace_goes_to_the_next_one_due() -> None:
    days = [Occ(START + n * DAY) for n in range(3)]
    assert pick_occurrence(days, START + DAY - timedelta(hours=2), timedelta(hours=12)) is days[1]


def test_an_undated_answer_after_an_answered_due_time_goes_to_the_next_one() -> None:
    days = [Occ(START, "done"), Occ(START + DAY)]
    assert pick_occurrence(days, START + timedelta(hours=1), GRACE) is days[1]


def test_second_reply_on_the_same_day_joins_the_done_occurrence() -> None:
    days = [Occ(START, "done"), Occ(START + DAY)]
    assert pick_occurrence(days, START - timedelta(hours=1), GRACE) is days[0]


def test_reply_after_the_last_due_time_fills_the_latest_open_one() -> None:
    days = [Occ(START, "done"), Occ(START + DAY), Occ(START + 2 * DAY, "done")]
    assert pick_occurrence(days, START + 5 * DAY, GRACE) is days[1]


def test_status_on_submit_is_done_on_time_and_late_after() -> None:
    assert status_on_submit(START, START, "open") == "done"
    assert status_on_submit(START, START + timedelta(seconds=1), "open") == "late"
    assert status_on_submit(START, START + DAY, "missed") == "late"
    assert status_on_submit(START, START + DAY, "done") == "done"
    assert status_on_submit(START, START + DAY, "excused") == "excused"


def test_a_day_the_client_names_picks_that_days_occurrence() -> None:
    from datetime import date
    from zoneinfo import ZoneInfo

    days = [Occ(START + n * DAY) for n in range(4)]
    late_reply = START + 3 * DAY - timedelta(hours=1)  # 23 hours after day 2's due time
    assert pick_occurrence(days, late_reply, GRACE, date(2026, 11, 24), ZoneInfo("UTC")) is days[1]
    assert (
        pick_occurrence(days, late_reply, GRACE, date(2027, 1, 1), ZoneInfo("UTC")) is days[2]
    )  # no such day
