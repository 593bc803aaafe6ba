"""IMAP sequence sets: a backlog's UIDs as short command lines."""

from __future__ import annotations

from mailbot.mail.imap_commands import uid_set


def test_consecutive_uids_become_ranges() -> None:
    assert uid_set([5, 1, 2, 3, 7, 8, 10]) == "1:3,5,7:8,10"


def test_a_backlog_of_ten_thousand_uids_is_one_short_range() -> None:
    assert uid_set(range(1, 10_001)) == "1:10000"


def test_repeated_uids_are_named_once() -> None:
    assert uid_set([3, 3, 4]) == "3:4"
