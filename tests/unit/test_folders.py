"""Folder names as servers know them: namespace prefixes, separators, usual names of Sent/Drafts."""

from __future__ import annotations

import pytest

from mailbot.mail.connect import server_words
from mailbot.mail.folders import DRAFTS, SENT, USUAL_NAMES, Namespace, find_usual, server_name

CPANEL = Namespace("INBOX.", ".")
PLAIN = Namespace("", "/")


@pytest.mark.parametrize(
    ("configured", "namespace", "expected"),
    [
        ("Homework/Zoë Müller", CPANEL, "INBOX.Homework.Zoë Müller"),
        ("Homework/Zoë Müller", PLAIN, "Homework/Zoë Müller"),
        ("INBOX", CPANEL, "INBOX"),
        ("inbox", CPANEL, "INBOX"),
        ("INBOX/Homework/Triage", CPANEL, "INBOX.Homework.Triage"),  # already carries the prefix
        ("INBOX.Homework", CPANEL, "INBOX.Homework"),
        ("Homework/Triage", Namespace("INBOX/", "/"), "INBOX/Homework/Triage"),
    ],
)
def test_configured_folders_go_under_the_personal_prefix_unless_they_carry_it(
    configured: str, namespace: Namespace, expected: str
) -> None:
    assert server_name(configured, namespace) == expected


@pytest.mark.parametrize(
    ("listed", "namespace", "role", "expected"),
    [
        (["INBOX", "INBOX.Gesendet", "INBOX.Entwürfe"], CPANEL, SENT, "INBOX.Gesendet"),
        (["INBOX", "INBOX.Gesendet", "INBOX.Entwürfe"], CPANEL, DRAFTS, "INBOX.Entwürfe"),
        (["INBOX", "Éléments envoyés", "Brouillons"], PLAIN, SENT, "Éléments envoyés"),
        (["INBOX", "Elementos enviados"], PLAIN, SENT, "Elementos enviados"),
        (["INBOX", "Verzonden items"], PLAIN, SENT, "Verzonden items"),
        (["INBOX", "Posta inviata"], PLAIN, SENT, "Posta inviata"),
        (["INBOX", "[Gmail]/Sent Mail", "[Gmail]/Drafts"], PLAIN, SENT, "[Gmail]/Sent Mail"),
        (["INBOX", "[Google Mail]/Gesendet"], PLAIN, SENT, "[Google Mail]/Gesendet"),
        (["INBOX", "INBOX/Sent"], PLAIN, SENT, "INBOX/Sent"),
        (["INBOX", "sent items", "Sent"], PLAIN, SENT, "Sent"),  # the plainer name wins
        (["INBOX", "Homework/Sent"], PLAIN, SENT, None),  # a client's folder is not Sent
        (["INBOX", "Archive"], PLAIN, DRAFTS, None),
    ],
)
def test_sent_and_drafts_are_found_by_their_usual_names_in_many_languages(
    listed: list[str], namespace: Namespace, role: bytes, expected: str | None
) -> None:
    assert find_usual(role, listed, namespace) == expected


def test_at_least_ten_languages_are_known_for_each_role() -> None:
    assert len(USUAL_NAMES[SENT]) >= 10 and len(USUAL_NAMES[DRAFTS]) >= 10


def test_a_servers_words_lose_pythons_wrapping_and_dovecots_timings() -> None:
    import imaplib

    error = imaplib.IMAP4.error(
        "create failed: b\"[CANNOT] Invalid mailbox name: Begins with '~' (0.001 + 0.000 secs).\""
    )

    assert server_words(error) == "[CANNOT] Invalid mailbox name: Begins with '~'."
