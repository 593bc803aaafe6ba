"""The intake decision (core.intake): one outcome per message, each with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from mailbot.core.combined_reply import Part
from mailbot.core.intake import SPOOF, Action, Incoming, decide
from mailbot.core.mail_kind import Verdict
from mailbot.core.matching import NO_OPEN, NONE_NAMED, Candidate, Match
from mailbot.core.risk import RiskMatch

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
        candidates=[Candidate(7, 1, "HW-7F3K", "Mood log", "mood-log", True, NOW)],
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


def test_a_threaded_reply_that_reads_like_an_autoresponder_is_filed_as_a_note_not_an_answer() -> None:
    outcome = decide(incoming(autoreply=True, match=Match("filed", 1, 7, "thread")))

    assert (outcome.action, outcome.kind, outcome.assignment_id) == (Action.FILE, "note", 7)
    assert outcome.reason.endswith("note: reads like an automatic reply")


def test_an_autoresponder_placed_by_sender_alone_stays_in_the_inbox() -> None:
    outcome = decide(incoming(autoreply=True, match=Match("filed", 1, 7, "sender")))

    assert (outcome.action, outcome.reason) == (Action.LEAVE, "reads like an automatic reply")
    assert not outcome.files


# Notes, correspondence, old mail, risk ---------------------------------------------------------

HOUR = timedelta(hours=1)
ASSIGNED = Candidate(7, 1, "HW-7F3K", "Mood log", "mood-log", True, NOW - HOUR)
THREAD = Match("filed", 1, 7, "thread")
WORRY = (RiskMatch("nobody would notice if I disappeared", "en", "nobody would notice"),)


def words(kind: str, about: bool = True) -> Verdict:
    return Verdict(kind, "test", about)  # type: ignore[arg-type]


def test_a_note_in_an_assignments_thread_is_filed_as_a_note() -> None:
    outcome = decide(incoming(match=THREAD, words=words("note"), candidates=[ASSIGNED]))

    assert (outcome.action, outcome.kind, outcome.assignment_id) == (Action.FILE, "note", 7)


def test_correspondence_by_sender_stays_in_the_inbox() -> None:
    outcome = decide(incoming(words=words("correspondence"), candidates=[ASSIGNED]))

    assert (outcome.action, outcome.client_id) == (Action.CORRESPONDENCE, 1)
    assert not outcome.files


def test_correspondence_in_an_assignments_thread_stays_in_the_inbox_too() -> None:
    outcome = decide(incoming(match=THREAD, words=words("correspondence"), candidates=[ASSIGNED]))

    assert outcome.action is Action.CORRESPONDENCE


def test_in_doubt_mail_by_sender_alone_stays_in_the_inbox() -> None:
    outcome = decide(incoming(words=words("unsure", about=False), candidates=[ASSIGNED]))

    assert outcome.action is Action.CORRESPONDENCE


def test_in_doubt_mail_in_a_thread_is_filed_as_an_answer() -> None:
    outcome = decide(incoming(match=THREAD, words=words("unsure", about=False), candidates=[ASSIGNED]))

    assert (outcome.action, outcome.kind) == (Action.FILE, "answer")


def test_a_question_by_sender_that_does_not_name_the_homework_is_correspondence() -> None:
    about = decide(incoming(words=words("note", about=True), candidates=[ASSIGNED]))
    other = decide(incoming(words=words("note", about=False), candidates=[ASSIGNED]))

    assert (about.action, about.kind) == (Action.FILE, "note")
    assert other.action is Action.CORRESPONDENCE


def test_mail_read_again_older_than_its_assignment_is_left_alone_by_sender_but_filed_by_thread() -> None:
    old = NOW - 2 * HOUR

    by_sender = decide(
        incoming(received_at=old, rescanned=True, words=words("answer"), candidates=[ASSIGNED])
    )
    by_thread = decide(
        incoming(received_at=old, rescanned=True, match=THREAD, words=words("answer"), candidates=[ASSIGNED])
    )

    assert (by_sender.action, by_sender.reason) == (Action.LEAVE, "older than its assignment")
    assert by_thread.action is Action.FILE


def test_mail_read_as_it_arrives_is_not_judged_by_a_clock_that_may_be_set_elsewhere() -> None:
    outcome = decide(incoming(received_at=NOW - 48 * HOUR, words=words("answer"), candidates=[ASSIGNED]))

    assert outcome.action is Action.FILE


def test_mail_in_the_inbox_before_mailbot_is_left_alone_by_sender() -> None:
    outcome = decide(incoming(before_mailbot=True, words=words("answer"), candidates=[ASSIGNED]))

    assert (outcome.action, outcome.reason) == (Action.LEAVE, "in the inbox before mailbot")


def test_triage_by_sender_needs_mail_newer_than_the_first_open_assignment() -> None:
    second = Candidate(8, 1, "HW-AAAA", "Journal", "journal", True, NOW + HOUR)
    several = Match("triage", 1, reason=NONE_NAMED)

    newer = decide(incoming(match=several, words=words("answer"), candidates=[ASSIGNED, second]))
    older = decide(
        incoming(match=several, received_at=NOW - 2 * HOUR, rescanned=True, candidates=[ASSIGNED, second])
    )

    assert newer.action is Action.TRIAGE
    assert older.action is Action.LEAVE


def test_a_client_without_any_assignment_goes_to_triage_unless_read_again() -> None:
    nothing_open = Match("triage", 1, reason=NO_OPEN)

    fresh = decide(incoming(match=nothing_open, words=words("answer"), candidates=[]))
    again = decide(incoming(match=nothing_open, words=words("answer"), candidates=[], rescanned=True))

    assert (fresh.action, again.action) == (Action.TRIAGE, Action.LEAVE)


def test_worrying_words_flag_whatever_the_mail_becomes() -> None:
    filed = decide(incoming(words=words("answer"), candidates=[ASSIGNED], risk=WORRY))
    note = decide(incoming(match=THREAD, words=words("note"), candidates=[ASSIGNED], risk=WORRY))
    other = decide(incoming(words=words("correspondence"), candidates=[ASSIGNED], risk=WORRY))
    triage = decide(incoming(match=Match("triage", 1, reason=NONE_NAMED), candidates=[ASSIGNED], risk=WORRY))

    assert all(o.alerts for o in (filed, note, other, triage))
    assert (filed.flags, note.kind, other.action) == (("risk",), "note", Action.CORRESPONDENCE)


def test_old_mail_and_machine_mail_raise_no_alert() -> None:
    old = decide(incoming(before_mailbot=True, candidates=[ASSIGNED], risk=WORRY))
    auto = decide(incoming(automated="auto-reply", risk=WORRY))

    assert not old.alerts and not auto.alerts


def test_a_possible_spoof_goes_to_triage_whatever_it_says() -> None:
    outcome = decide(incoming(match=Match("triage", 1, reason=SPOOF), words=words("correspondence")))

    assert outcome.action is Action.TRIAGE


def test_worrying_words_too_short_to_tell_are_filed_as_a_note_not_left_in_doubt() -> None:
    by_sender = decide(incoming(words=words("unsure", about=False), candidates=[ASSIGNED], risk=WORRY))
    in_thread = decide(
        incoming(match=THREAD, words=words("unsure", about=False), candidates=[ASSIGNED], risk=WORRY)
    )

    assert (by_sender.action, by_sender.kind, by_sender.flags) == (Action.FILE, "note", ("risk",))
    assert (in_thread.action, in_thread.kind) == (Action.FILE, "note")


SPLIT = Match("filed", 1, 7, "content", parts=(Part(7, "Emotion: fear 60"), Part(8, "Thoughts: calm")))


def test_an_answer_to_two_items_is_filed_once_per_item() -> None:
    outcome = decide(incoming(match=SPLIT, words=words("answer"), candidates=[ASSIGNED]))

    assert (outcome.action, outcome.kind, outcome.parts) == (Action.FILE, "answer", (7, 8))
    assert outcome.reason == "matched_by=content, answers 2 items"


def test_a_note_naming_two_items_is_filed_once_and_credits_nothing() -> None:
    outcome = decide(incoming(match=SPLIT, words=words("note"), candidates=[ASSIGNED]))

    assert (outcome.action, outcome.kind, outcome.assignment_id, outcome.parts) == (
        Action.FILE,
        "note",
        7,
        (),
    )
