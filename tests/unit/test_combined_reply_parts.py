"""A reply answering several items of a combined reminder, cut into one part per item."""

from __future__ import annotations

from mailbot.core.combined_reply import split_reply
from mailbot.core.matching import SEVERAL_OPEN, Candidate, Evidence, match_message
from mailbot.practice.reading import form_labels

BEN = 1
CLIENTS = {"ben@client.example": BEN}
MOOD = Candidate(11, BEN, "HW-BBBB", "Daily mood log", "mood-log", True)
JOURNAL = Candidate(10, BEN, "HW-AAAA", "Evening journal", "journal", True)
READING = Candidate(12, BEN, "HW-CCCC", "Chapter 3", "bibliotherapy", True)
ITEMS = [JOURNAL, MOOD, READING]
LABELS = {c.id: form_labels(c.type, {}) for c in ITEMS}
TOKENS = "Re: Your homework [HW-AAAA] [HW-BBBB] [HW-CCCC]"


def parts_of(text: str) -> list[tuple[int, str]]:
    return [(p.assignment_id, p.text) for p in split_reply(text, ITEMS, LABELS).parts]


def match(text: str, subject: str = TOKENS) -> tuple[str, int | None, str | None, tuple[int, ...], str]:
    evidence = Evidence("ben@client.example", ("ada@practice.example",), subject, text, (), ())
    found = match_message(evidence, CLIENTS, ITEMS, {}, LABELS)
    return (
        found.status,
        found.assignment_id,
        found.matched_by,
        tuple(p.assignment_id for p in found.parts),
        found.reason,
    )


def test_headings_naming_two_items_cut_the_reply_into_one_part_each() -> None:
    text = (
        "Hi Ada,\n\nMood log:\nSituation: meeting\nEmotion: anxious 70\n\n"
        "**Evening journal**\nThoughts: it went fine\nWhat I did: a walk\n\nBen"
    )

    parts = parts_of(text)

    assert [item for item, _ in parts] == [MOOD.id, JOURNAL.id]
    assert parts[0][1].startswith("Hi Ada,") and "Emotion: anxious 70" in parts[0][1]
    assert "Mood log" not in parts[0][1] and "Thoughts" not in parts[0][1]
    assert parts[1][1].startswith("Thoughts: it went fine") and parts[1][1].endswith("Ben")


def test_a_heading_by_homework_type_with_a_day_after_it_keeps_the_day_for_the_part() -> None:
    parts = parts_of("My diary - Monday\nslept badly\n\nThe reading:\nWhat I read: chapter 3")

    assert parts == [(JOURNAL.id, "Monday\nslept badly"), (READING.id, "What I read: chapter 3")]


def test_without_headings_the_forms_labels_cut_the_reply() -> None:
    text = "Situation: meeting\nAutomatic thought: I'll fail\nEmotion: anxious 70\nSituation: dinner\nWhat I did: a walk"

    parts = parts_of(text)

    assert [item for item, _ in parts] == [MOOD.id, JOURNAL.id]
    assert parts[1][1] == "Situation: dinner\nWhat I did: a walk"


def test_two_entries_of_one_form_stay_one_part() -> None:
    text = "Situation: bus\nEmotion: fear 60\n\nSituation: shop\nEmotion: fear 40"

    assert [item for item, _ in parts_of(text)] == [MOOD.id]


def test_an_answer_line_that_is_a_forms_label_is_no_heading() -> None:
    # "Reading:" is a label of the bibliotherapy form, and "chapter" a word for its type
    parts = parts_of("Reading: chapter 3 of the book\nSituation: bus\nEmotion: fear 60")

    assert [item for item, _ in parts] == [READING.id, MOOD.id]


def test_a_reply_answering_two_items_is_filed_once_per_item() -> None:
    status, first, by, parts, _ = match(
        "Mood log:\nSituation: bus\nEmotion: fear 60\nJournal:\nToday was calm"
    )

    assert (status, first, by, parts) == ("filed", MOOD.id, "content", (MOOD.id, JOURNAL.id))


def test_a_reply_answering_two_items_with_a_part_that_fits_two_forms_goes_to_triage_saying_so() -> None:
    # the second entry's "Situation:" and "Thought:" are asked by the mood log and the journal alike
    text = "What I read: chapter 3\nEmotion: fear 60\nSituation: bus\n\nSituation: home\nThought: late"

    status, first, _, parts, reason = match(text)

    assert (status, first, parts) == ("triage", None, ())
    assert (
        reason
        == "token names several assignments: it answers 2 of them, and part of it fits several of their forms alike"
    )


def test_a_reply_naming_one_item_is_not_split() -> None:
    found = match("Here is the mood log\nSituation: bus\nEmotion: fear 60")

    assert found[:4] == ("filed", MOOD.id, "token", ())


def test_a_new_mail_answering_two_open_items_is_split_too_and_an_unclear_one_says_why() -> None:
    clear = match("Mood log:\nEmotion: fear 60\nDiary:\ncalm day", subject="homework")
    unclear = match("Book: ch 3\nEmotion: fear\nSituation: bus\nSituation: home", subject="homework")

    assert clear[0] == "filed" and clear[3] == (MOOD.id, JOURNAL.id)
    assert unclear[0] == "triage" and unclear[4].startswith(SEVERAL_OPEN + ":")


def test_words_naming_two_items_without_answers_split_nothing() -> None:
    assert match("my journal and my mood log are coming tomorrow")[:2] == ("triage", None)
