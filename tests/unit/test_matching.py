"""The matcher's rules, strongest evidence first, as a pure function."""

from __future__ import annotations

from mailbot.core.matching import CLOSED_TOKEN, Candidate, Evidence, match_message

BEN, CLARA = 1, 2
CLIENTS = {"ben@client.example": BEN, "ben@work.example": BEN, "clara@client.example": CLARA}
JOURNAL = Candidate(10, BEN, "HW-AAAA", "Evening journal", "journal", True)
MOOD = Candidate(11, BEN, "HW-BBBB", "Daily mood log", "mood-log", True)
OLD = Candidate(12, BEN, "HW-CCCC", "Chapter 2", "bibliotherapy", False)
CLARAS = Candidate(20, CLARA, "HW-DDDD", "Exposure ladder", "exposure", True)


def evidence(
    sender: str = "ben@client.example",
    subject: str = "",
    text: str = "",
    recipients: tuple[str, ...] = ("ada@practice.example",),
    in_reply_to: tuple[str, ...] = (),
    references: tuple[str, ...] = (),
) -> Evidence:
    return Evidence(sender, recipients, subject, text, in_reply_to, references)


def test_thread_reply_matches_by_thread_even_with_several_open() -> None:
    result = match_message(
        evidence(in_reply_to=("<sent@bot>",)), CLIENTS, [JOURNAL, MOOD], {"<sent@bot>": MOOD.id}
    )
    assert (result.status, result.assignment_id, result.matched_by) == ("filed", MOOD.id, "thread")


def test_thread_beats_a_token_for_another_assignment() -> None:
    result = match_message(
        evidence(subject="[HW-AAAA]", references=("<x@y>", "<sent@bot>")),
        CLIENTS,
        [JOURNAL, MOOD],
        {"<sent@bot>": MOOD.id},
    )
    assert result.matched_by == "thread" and result.assignment_id == MOOD.id


def test_token_in_subject_matches_case_insensitively() -> None:
    result = match_message(evidence(subject="Re: homework [hw-bbbb]"), CLIENTS, [JOURNAL, MOOD], {})
    assert (result.assignment_id, result.matched_by) == (MOOD.id, "token")


def test_token_in_plus_address_matches() -> None:
    result = match_message(
        evidence(recipients=("ada+HW-AAAA@practice.example",)), CLIENTS, [JOURNAL, MOOD], {}
    )
    assert (result.assignment_id, result.matched_by) == (JOURNAL.id, "token")


def test_token_of_a_closed_assignment_goes_to_triage_naming_it() -> None:
    result = match_message(evidence(subject="late! HW-CCCC"), CLIENTS, [JOURNAL, OLD], {})
    assert (result.status, result.assignment_id, result.reason) == ("triage", OLD.id, CLOSED_TOKEN)


def test_token_of_another_clients_assignment_goes_to_triage() -> None:
    result = match_message(evidence(subject="[HW-DDDD]"), CLIENTS, [JOURNAL, CLARAS], {})
    assert (result.status, result.client_id, result.assignment_id) == ("triage", BEN, None)


def test_token_from_an_unknown_address_goes_to_triage_not_ignored() -> None:
    result = match_message(
        evidence(sender="ben.new@else.example", subject="[HW-AAAA]"), CLIENTS, [JOURNAL], {}
    )
    assert (result.status, result.client_id) == ("triage", None)


def test_any_of_a_clients_addresses_with_one_open_assignment_matches_by_sender() -> None:
    result = match_message(evidence(sender="ben@work.example"), CLIENTS, [JOURNAL, OLD], {})
    assert (result.status, result.assignment_id, result.matched_by) == ("filed", JOURNAL.id, "sender")


def test_title_in_subject_picks_one_of_several_by_content() -> None:
    result = match_message(evidence(subject="my evening journal"), CLIENTS, [JOURNAL, MOOD], {})
    assert (result.assignment_id, result.matched_by) == (JOURNAL.id, "content")


def test_homework_type_in_text_picks_one_of_several_by_content() -> None:
    result = match_message(evidence(text="Here is the mood log for Monday"), CLIENTS, [JOURNAL, MOOD], {})
    assert (result.assignment_id, result.matched_by) == (MOOD.id, "content")


def test_text_naming_two_assignments_goes_to_triage() -> None:
    result = match_message(evidence(text="my journal and my mood log"), CLIENTS, [JOURNAL, MOOD], {})
    assert (result.status, result.assignment_id, result.matched_by) == ("triage", None, None)


def test_client_with_nothing_open_goes_to_triage() -> None:
    result = match_message(evidence(), CLIENTS, [OLD], {})
    assert result.status == "triage"


def test_stranger_without_token_or_thread_is_ignored() -> None:
    result = match_message(
        evidence(sender="news@shop.example", subject="Journal sale"), CLIENTS, [JOURNAL], {}
    )
    assert result.status == "ignore"


def test_missing_sender_is_ignored() -> None:
    result = match_message(evidence(sender=""), CLIENTS, [JOURNAL], {})
    assert result.status == "ignore"


def test_thread_of_a_reminder_for_two_assignments_is_settled_by_the_words() -> None:
    result = match_message(
        evidence(references=("<a@bot>", "<b@bot>"), text="the journal entry"),
        CLIENTS,
        [JOURNAL, MOOD],
        {"<a@bot>": JOURNAL.id, "<b@bot>": MOOD.id},
    )
    assert (result.status, result.assignment_id, result.matched_by) == ("filed", JOURNAL.id, "thread")


def test_thread_of_a_reminder_for_two_assignments_without_words_goes_to_triage() -> None:
    result = match_message(
        evidence(references=("<a@bot>", "<b@bot>")),
        CLIENTS,
        [JOURNAL, MOOD],
        {"<a@bot>": JOURNAL.id, "<b@bot>": MOOD.id},
    )
    assert (result.status, result.reason) == ("triage", "thread names several assignments")


def test_a_closed_assignment_never_competes_with_an_open_one_named_beside_it() -> None:
    result = match_message(evidence(subject="Re: [HW-AAAA] [HW-CCCC]"), CLIENTS, [JOURNAL, OLD], {})
    assert (result.status, result.assignment_id, result.matched_by) == ("filed", JOURNAL.id, "token")


def test_a_closed_assignment_does_not_keep_the_sender_rule_from_filing() -> None:
    result = match_message(evidence(subject="hello"), CLIENTS, [JOURNAL, OLD], {})
    assert (result.status, result.assignment_id, result.matched_by) == ("filed", JOURNAL.id, "sender")


LABELS = {
    MOOD.id: ["Situation", "Automatic thought", "Emotion"],
    JOURNAL.id: ["Date", "Situation", "Thoughts"],
}


def test_a_reply_naming_two_assignments_goes_to_the_one_whose_form_it_fills_in() -> None:
    text = "Situation: meeting\nAutomatic thought: I'll fail\nEmotion: anxious 70"

    result = match_message(
        evidence(subject="[HW-AAAA] [HW-BBBB]", text=text), CLIENTS, [JOURNAL, MOOD], {}, LABELS
    )

    assert (result.status, result.assignment_id, result.matched_by) == ("filed", MOOD.id, "content")


def test_a_reply_that_fills_in_no_form_and_names_none_still_goes_to_triage() -> None:
    result = match_message(
        evidence(subject="[HW-AAAA] [HW-BBBB]", text="ok"), CLIENTS, [JOURNAL, MOOD], {}, LABELS
    )

    assert (result.status, result.reason) == ("triage", "token names several assignments")
