"""What the digest says of a problem: pure wording from what was recorded."""

from __future__ import annotations

from mailbot.core.digest_problems import problem_reason, reminders_stopped, send_problem


def test_a_refused_email_names_its_client_and_the_servers_words() -> None:
    said = send_problem("reminder", "failed", "Ben", "550 no such user")

    assert said == "the reminder email to Ben was refused by the mail server (550 no such user)"


def test_a_refused_email_without_kept_words_and_without_a_client_still_reads_well() -> None:
    assert send_problem("digest", "failed", None, None) == "the digest email was refused by the mail server"


def test_an_email_of_unknown_fate_says_it_was_not_sent_again() -> None:
    said = send_problem("assignment", "unknown", "Ben", None)

    assert said.endswith("may not have arrived (the connection broke); mailbot did not send it again")


def test_stopped_reminders_say_how_to_start_them_again() -> None:
    assert reminders_stopped("address_bounced", None).startswith("reminders to a client stopped: a delivery")
    assert "mailbot client clear-bounce" in reminders_stopped("address_bounced", "Ben")


def test_a_message_problem_says_where_the_message_is_and_how_often_it_was_tried() -> None:
    assert problem_reason("message", "parse", 12, "INBOX", 3) == "parse (message 12 in INBOX, 3 attempts)"
    assert problem_reason("poll", "login refused", None, None, 1) == "login refused"
