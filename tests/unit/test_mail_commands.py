"""The therapist's commands by mail, one per line (pure)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from mailbot.core.mail_commands import (
    Command,
    Unreadable,
    command_link,
    is_own_address,
    meant_for_mailbot,
    read_command,
    read_commands,
)
from mailbot.errors import UsageError
from mailbot.passes.commanding import renewal


@pytest.mark.parametrize(
    ("line", "verb", "numbers", "words", "rest"),
    [
        ("triage 12 to 3", "triage", (12, 3), "", ""),
        ("Triage assign 12 3", "triage", (12, 3), "", ""),
        ("done 13", "done", (13,), "", ""),
        ("feedback done #13.", "done", (13,), "", ""),
        ("skip 14 not needed", "skip", (14,), "", "not needed"),
        ("skip 14", "skip", (14,), "", ""),
        ("pause Anna", "pause", (), "Anna", ""),
        ("resume reminders for Anna Lima", "resume", (), "Anna Lima", ""),
        ("stage 2 Anna mood log", "stage", (2,), "Anna mood log", ""),
        ("assignment stage 7 2", "stage", (2, 7), "", ""),
        ("advance Ben ladder", "advance", (), "Ben ladder", ""),
        ("close 7", "close", (7,), "", ""),
        ("renew 7 until 21 December", "renew", (7,), "", "until 21 December"),
        ("next session Anna Thursday 15:00", "next-session", (), "Anna Thursday 15:00", ""),
        ("brief Anna", "brief", (), "Anna", ""),
        ("add client Anna Smith <anna@example.org>", "add-client", (), "Anna Smith", "anna@example.org"),
        ("mailbot: help", "help", (), "", ""),
    ],
)
def test_each_command_reads_in_plain_words(
    line: str, verb: str, numbers: tuple[int, ...], words: str, rest: str
) -> None:
    assert read_command(line) == Command(verb, line, numbers, words, rest)


def test_a_line_that_is_no_command_is_unreadable() -> None:
    assert read_command("please file the last one") == Unreadable("please file the last one")
    assert read_command("triage twelve to three") == Unreadable("triage twelve to three")


def test_quotes_signatures_and_phone_sign_offs_are_not_commands() -> None:
    text = "done 13\n\npause Anna\nSent from my iPhone\n\nOn Tue, Ada wrote:\n> done 99\n-- \nAda"

    assert [c.line for c in read_commands(text)] == ["done 13", "pause Anna"]


def test_a_link_opens_a_mail_to_herself_with_the_command_as_its_body() -> None:
    link = command_link("ada+mailbot@example.org", "triage 12 to 3")
    parts = urlsplit(link)
    query = parse_qs(parts.query)

    assert parts.scheme == "mailto" and parts.path == "ada+mailbot@example.org"
    assert query["body"] == ["triage 12 to 3"] and query["subject"] == ["mailbot: triage 12 to 3"]
    assert " " not in link and "&amp;" not in link


def test_her_own_address_includes_its_plus_addresses_only() -> None:
    assert is_own_address("Ada+mailbot@Example.org", "ada@example.org")
    assert not is_own_address("ada@example.org.evil", "ada@example.org")
    assert not is_own_address("adam@example.org", "ada@example.org")


def test_a_note_to_herself_is_not_for_mailbot_but_a_command_mail_is() -> None:
    own = "ada@example.org"

    assert not meant_for_mailbot([own], own, "insurer", "Remember to call the insurer\ndone by Friday")
    assert meant_for_mailbot([own], own, "whatever", "done 13\nskip 14")
    assert meant_for_mailbot([own], own, "Re: mailbot: done 13", "thanks")
    assert meant_for_mailbot(["ada+mailbot@example.org"], own, "", "please do the thing")
    assert meant_for_mailbot([own], own, "pause Anna", "")


def test_how_far_to_renew_reads_a_day_a_length_or_a_count() -> None:
    today = date(2026, 12, 1)

    assert renewal("until 21 December", today) == (date(2026, 12, 21), None)
    assert renewal("for 2 weeks", today) == (date(2026, 12, 15), None)
    assert renewal("5 times", today) == (None, 5)
    with pytest.raises(UsageError, match="renew 7 until 21 December"):
        renewal("whenever", today)
