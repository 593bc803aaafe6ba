"""The bibliotherapy parser: what was read, answers to the reflection questions, free reflection."""

from __future__ import annotations

from collections.abc import Mapping

from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework.bibliotherapy import TYPE, fields

Q1 = "What surprised you in the chapter?"
Q2 = "Which thinking error do you recognise in yourself?"
Q3 = "What will you try this week?"
DETAILS = {"reading": "Feeling Good, chapter 3 (pp. 40-62)", "questions": [Q1, Q2, Q3]}


def parse(text: str, details: Mapping[str, object] = DETAILS) -> list[dict[str, object]]:
    entries = TYPE.parse(text, details)
    assert_cut_from(text, entries)
    return entries


def answered(question: str | None, answer: str) -> dict[str, str | None]:
    return {"question": question, "answer": answer}


def test_the_form_filled_in_gives_every_answer() -> None:
    text = """What I read: Feeling Good, chapter 3
Answer 1: That the thoughts come before the feelings, not after.
Answer 2: Mind reading. I always assume people are annoyed with me.
Answer 3: Writing down the thought when I notice my mood drop."""
    assert parse(text) == [
        {
            "reading": "Feeling Good, chapter 3",
            "answers": [
                answered(Q1, "That the thoughts come before the feelings, not after."),
                answered(Q2, "Mind reading. I always assume people are annoyed with me."),
                answered(Q3, "Writing down the thought when I notice my mood drop."),
            ],
        }
    ]


def test_numbered_answers_and_what_was_read_in_prose() -> None:
    text = """Hi Anna,

I read chapter 3 of Feeling Good, pages 40-62.

1. That the thoughts come before the feelings.
2) Mind reading, definitely.
3. Writing down my thoughts when I get upset.

Best,
Ben"""
    assert parse(text) == [
        {
            "reading": "chapter 3 of Feeling Good, pages 40-62",
            "answers": [
                answered(Q1, "That the thoughts come before the feelings."),
                answered(Q2, "Mind reading, definitely."),
                answered(Q3, "Writing down my thoughts when I get upset."),
            ],
            "reflection": "I read chapter 3 of Feeling Good, pages 40-62.",
        }
    ]


def test_answers_under_the_copied_questions() -> None:
    text = f"""{Q1}
How common these thinking errors are.

{Q2} All-or-nothing thinking, especially about work.

{Q3}
Catch one thought a day."""
    assert parse(text) == [
        {
            "answers": [
                answered(Q1, "How common these thinking errors are."),
                answered(Q2, "All-or-nothing thinking, especially about work."),
                answered(Q3, "Catch one thought a day."),
            ]
        }
    ]


def test_free_prose_is_the_reflection_and_answers_the_question_it_shares_words_with() -> None:
    text = (
        "I've read the chapter twice now. The bit about mind reading really hit home, I do it all the time "
        "with my partner.\n\nI want to try catching those moments this week."
    )
    assert parse(text) == [
        {"answers": [answered(Q3, "I want to try catching those moments this week.")], "reflection": text}
    ]


def test_a_reply_below_the_quoted_questions() -> None:
    text = f"""On Mon, 3 Jun 2024 at 09:00, Anna Berg <anna@practice.example> wrote:
> Please read: Feeling Good, chapter 3
> {Q1}
That I'm not the only one who thinks like this
> {Q2}
Fortune telling
> {Q3}
The triple column technique"""
    assert parse(text) == [
        {
            "answers": [
                answered(Q1, "That I'm not the only one who thinks like this"),
                answered(Q2, "Fortune telling"),
                answered(Q3, "The triple column technique"),
            ]
        }
    ]


def test_a_reply_above_a_quote_ignores_the_quote() -> None:
    text = """Q1: That feelings aren't facts.
Q2: Labelling - I call myself an idiot a lot.

> Afterwards, take a few minutes with these questions:
>   1. What surprised you in the chapter?
>   2. Which thinking error do you recognise in yourself?"""
    assert parse(text) == [
        {
            "answers": [
                answered(Q1, "That feelings aren't facts."),
                answered(Q2, "Labelling - I call myself an idiot a lot."),
            ]
        }
    ]


def test_an_html_table_of_questions_and_answers() -> None:
    text = f"""Reading | Feeling Good ch. 3
{Q1} | The list of distortions
{Q2} | Should statements
{Q3} | Replacing "should" with "could\""""
    assert parse(text) == [
        {
            "reading": "Feeling Good ch. 3",
            "answers": [
                answered(Q1, "The list of distortions"),
                answered(Q2, "Should statements"),
                answered(Q3, 'Replacing "should" with "could"'),
            ],
        }
    ]


def test_an_outlook_quote_and_mobile_signature_are_ignored() -> None:
    text = """Question 1: How physical anxiety is.
Question 2: Catastrophising
Question 3: Breathing exercise before meetings

Sent from my iPhone

From: Anna Berg <anna@practice.example>
Sent: Monday, June 3, 2024 9:00 AM
To: Ben Miller
Subject: Homework: Chapter 3
1. What surprised you in the chapter?"""
    assert parse(text) == [
        {
            "answers": [
                answered(Q1, "How physical anxiety is."),
                answered(Q2, "Catastrophising"),
                answered(Q3, "Breathing exercise before meetings"),
            ]
        }
    ]


def test_a_reading_label_and_a_reflection_after_it() -> None:
    text = (
        "Reading: Feeling Good ch. 3\n\nI found it really helpful. I want to practise catching my thoughts."
    )
    assert parse(text) == [
        {
            "reading": "Feeling Good ch. 3",
            "reflection": "I found it really helpful. I want to practise catching my thoughts.",
        }
    ]


def test_answers_without_questions_in_the_assignment_have_no_question() -> None:
    text = "1. the chapter on worry\n2. I worry to feel in control"
    assert parse(text, {"reading": "The Worry Cure"}) == [
        {"answers": [answered(None, "the chapter on worry"), answered(None, "I worry to feel in control")]}
    ]


def test_the_form_asks_one_answer_per_question() -> None:
    assert [f.key for f in fields(DETAILS)] == ["reading", "answers.0", "answers.1", "answers.2"]
    assert [f.label for f in fields(DETAILS)][1:] == ["Answer 1", "Answer 2", "Answer 3"]


@settings(max_examples=examples(100), deadline=None)
@given(answers(["What I read", "Reading", "Answer 1", "Q2", "3.", Q1, Q2, "Reflection", "I read "]))
def test_parsing_never_raises_and_nothing_is_made_up(text: str) -> None:
    entries = parse(text)
    assert bool(entries) == bool(text.strip())
