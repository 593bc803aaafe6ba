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


def test_submission_fills_the_occurrence_whose_day_it_arrives_in() -> None:
    days = [Occ(START + n * DAY) for n in range(3)]
    assert pick_occurrence(days, START + DAY - timedelta(hours=2)) is days[1]


def test_second_reply_on_the_same_day_joins_the_done_occurrence() -> None:
    days = [Occ(START, "done"), Occ(START + DAY)]
    assert pick_occurrence(days, START - timedelta(hours=1)) is days[0]


def test_reply_after_the_last_due_time_fills_the_latest_open_one() -> None:
    days = [Occ(START, "done"), Occ(START + DAY), Occ(START + 2 * DAY, "done")]
    assert pick_occurrence(days, START + 5 * DAY) is days[1]


def test_status_on_submit_is_done_on_time_and_late_after() -> None:
    assert status_on_submit(START, START, "open") == "done"
    assert status_on_submit(START, START + timedelta(seconds=1), "open") == "late"
    assert status_on_submit(START, START + DAY, "missed") == "late"
    assert status_on_submit(START, START + DAY, "done") == "done"


def test_a_day_the_client_names_picks_that_days_occurrence() -> None:
    from datetime import date
    from zoneinfo import ZoneInfo

    days = [Occ(START + n * DAY) for n in range(4)]
    late_reply = START + 3 * DAY - timedelta(hours=1)  # arrives in day 3's window
    assert pick_occurrence(days, late_reply, date(2026, 11, 24), ZoneInfo("UTC")) is days[1]
    assert pick_occurrence(days, late_reply, date(2027, 1, 1), ZoneInfo("UTC")) is days[3]
