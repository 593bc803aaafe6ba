"""The intake decision (core.intake): one outcome per message, each with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from mailbot.core.intake import Action, Incoming, decide
from mailbot.core.matching import Match

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
FILED = Match("filed", 1, 7, "sender")


def incoming(**changes: object) -> Incoming:
    base = Incoming(
        automated=None,
        ours=False,
        sender_client=1,
        command=None,
        already_filed=False,
        match=FILED,
        received_at=NOW,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_homework_matched_to_an_assignment_is_filed_with_how_it_matched() -> None:
    outcome = decide(incoming())

    assert (outcome.action, outcome.client_id, outcome.assignment_id) == (Action.FILE, 1, 7)
    assert (outcome.matched_by, outcome.reason) == ("sender", "matched_by=sender")
    assert outcome.files


def test_mail_the_matcher_cannot_place_goes_to_triage_with_its_reason() -> None:
    outcome = decide(incoming(match=Match("triage", 1, reason="several open assignments and none named")))

    assert (outcome.action, outcome.client_id, outcome.assignment_id) == (Action.TRIAGE, 1, None)
    assert outcome.reason == "several open assignments and none named"
    assert outcome.files


def test_an_auto_reply_from_a_client_is_left_alone_as_machine_mail() -> None:
    outcome = decide(incoming(automated="auto-reply", match=Match("ignore")))

    assert (outcome.action, outcome.reason) == (Action.LEAVE, "automated=auto-reply")
    assert not outcome.files


def test_a_bounce_is_left_alone_and_read_for_failed_addresses() -> None:
    outcome = decide(incoming(automated="bounce", sender_client=None, match=Match("ignore")))

    assert (outcome.action, outcome.reason) == (Action.BOUNCE, "automated=bounce")


def test_mailbots_own_message_is_left_alone_even_from_a_client_address() -> None:
    outcome = decide(incoming(ours=True, match=Match("ignore")))

    assert outcome.action is Action.LEAVE


def test_a_clients_pause_sets_their_reminders_and_files_nothing() -> None:
    outcome = decide(incoming(command="pause", match=Match("ignore")))

    assert (outcome.action, outcome.client_id, outcome.command) == (Action.REMINDERS, 1, "pause")
    assert not outcome.files


def test_a_pause_word_from_a_stranger_is_no_command() -> None:
    outcome = decide(incoming(sender_client=None, command="pause", match=Match("ignore", reason="stranger")))

    assert outcome.action is Action.LEAVE


def test_a_message_filed_before_is_not_filed_again() -> None:
    outcome = decide(incoming(already_filed=True))

    assert outcome.action is Action.SEEN_BEFORE
    assert not outcome.files


def test_a_strangers_mail_is_left_alone_with_the_matchers_reason() -> None:
    outcome = decide(incoming(sender_client=None, match=Match("ignore", reason="sender is not a client")))

    assert (outcome.action, outcome.reason) == (Action.LEAVE, "sender is not a client")


def test_machine_mail_wins_over_a_duplicate_and_a_command() -> None:
    outcome = decide(incoming(automated="auto-reply", already_filed=True, command="pause"))

    assert outcome.action is Action.LEAVE


def test_a_pause_whose_from_is_not_believed_is_left_alone_not_obeyed() -> None:
    outcome = decide(incoming(command="pause", spoofed=True, match=Match("ignore")))

    assert (outcome.action, outcome.reason) == (Action.LEAVE, "possible spoof: pause not obeyed")
    assert outcome.command is None and not outcome.files


def test_a_threaded_reply_that_reads_like_an_autoresponder_is_not_filed() -> None:
    outcome = decide(incoming(autoreply=True, match=Match("filed", 1, 7, "thread")))

    assert (outcome.action, outcome.reason) == (Action.LEAVE, "reads like an automatic reply")
    assert not outcome.files
