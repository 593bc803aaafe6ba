"""The behavioural experiment parser: thought, prediction and belief, the experiment, the outcome."""

from __future__ import annotations

from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework.experiment import TYPE


def parse(text: str) -> list[dict[str, object]]:
    entries = TYPE.parse(text, {})
    assert_cut_from(text, entries, made={"option": lambda value: value in ("A", "B")})
    return entries


def test_the_form_filled_in_gives_every_field() -> None:
    text = """Thought to test: If I leave the dishes, my flatmate will be furious
Prediction (what you expect to happen): She'll shout at me
How strongly you believe it (0-100 %): 90%
Experiment (option A or B, and what you will do): Leave the dishes overnight
Option (A or B): B
What happened: She didn't even mention it.
Belief re-rated (0-100 %): 20%"""
    assert parse(text) == [
        {
            "thought": "If I leave the dishes, my flatmate will be furious",
            "prediction": "She'll shout at me",
            "belief_before": 90,
            "experiment": "Leave the dishes overnight",
            "option": "B",
            "outcome": "She didn't even mention it.",
            "belief_after": 20,
        }
    ]


def test_an_edited_form_with_the_belief_inside_the_prediction() -> None:
    text = """Thought: people will think I'm boring
Prediction - nobody will talk to me at the party (80%)
Experiment - Option A: stay for one hour and start two conversations
Outcome - two people asked me about my job"""
    assert parse(text) == [
        {
            "thought": "people will think I'm boring",
            "prediction": "nobody will talk to me at the party",
            "belief_before": 80,
            "experiment": "stay for one hour and start two conversations",
            "option": "A",
            "outcome": "two people asked me about my job",
        }
    ]


def test_free_prose_is_read_at_its_cue_phrases() -> None:
    text = (
        "The thought I tested was that people will laugh if I eat alone in the canteen. I predicted that at "
        "least two people would stare. I believed it 80%. I went with option A and sat by the window. What "
        "actually happened was that nobody looked up. Now I believe it 25%."
    )
    assert parse(text) == [
        {
            "thought": "people will laugh if I eat alone in the canteen",
            "prediction": "at least two people would stare",
            "belief_before": 80,
            "experiment": "sat by the window",
            "option": "A",
            "outcome": "nobody looked up",
            "belief_after": 25,
        }
    ]


def test_an_html_table_with_a_row_per_label() -> None:
    text = """Thought to test | If I say no, my boss will think I'm lazy
Prediction | He'll be annoyed and bring it up at my review
Belief | 8/10
Experiment | Said no to the extra project
What happened | He said "fair enough" and gave it to Sam
Belief now | 3/10"""
    assert parse(text) == [
        {
            "thought": "If I say no, my boss will think I'm lazy",
            "prediction": "He'll be annoyed and bring it up at my review",
            "belief_before": 80,
            "experiment": "Said no to the extra project",
            "outcome": 'He said "fair enough" and gave it to Sam',
            "belief_after": 30,
        }
    ]


def test_ratings_in_words_and_a_lone_option_letter() -> None:
    text = """Prediction: I'll have a panic attack on the tube
Belief: about seventy percent
Option: I did B in the end
Outcome: Felt wobbly but no panic
Belief after: twenty"""
    assert parse(text) == [
        {
            "prediction": "I'll have a panic attack on the tube",
            "belief_before": 70,
            "option": "B",
            "outcome": "Felt wobbly but no panic",
            "belief_after": 20,
        }
    ]


def test_a_reply_below_a_quote_fills_the_quoted_labels() -> None:
    text = """On Mon, 3 Jun 2024 at 09:00, Anna Berg <anna@practice.example> wrote:
> Thought to test:
Asking for help means I'm weak
> Prediction (what you expect to happen):
My colleague will roll her eyes
> How strongly you believe it (0-100 %):
85
> What happened:
She was glad to help and asked me for help the next day
> Belief re-rated (0-100 %):
15"""
    assert parse(text) == [
        {
            "thought": "Asking for help means I'm weak",
            "prediction": "My colleague will roll her eyes",
            "belief_before": 85,
            "outcome": "She was glad to help and asked me for help the next day",
            "belief_after": 15,
        }
    ]


def test_a_reply_above_a_quote_ignores_the_quote() -> None:
    text = """Prediction: the shop assistant will be irritated if I return the jumper
Belief before: 75
Experiment: returned the jumper without a receipt
What happened: she just asked if I wanted a refund or exchange
Belief after: 10

> Test a thought like a scientist: write down what you predict will happen
> Prediction (what you expect to happen):"""
    assert parse(text) == [
        {
            "prediction": "the shop assistant will be irritated if I return the jumper",
            "belief_before": 75,
            "experiment": "returned the jumper without a receipt",
            "outcome": "she just asked if I wanted a refund or exchange",
            "belief_after": 10,
        }
    ]


def test_an_outlook_quote_and_mobile_signature_are_ignored() -> None:
    text = """Thought to test: I can't cope if I'm late
Prediction: I'll fall apart (9/10)
Experiment: (A) arrived 10 minutes late to yoga on purpose
What happened: Nobody cared, class was fine
Re-rated belief: 2/10

Get Outlook for Android

From: Anna Berg <anna@practice.example>
Sent: Monday, June 3, 2024 9:00 AM
To: Ben Miller
Subject: Homework: Behavioural experiment
Thought to test:"""
    assert parse(text) == [
        {
            "thought": "I can't cope if I'm late",
            "prediction": "I'll fall apart",
            "belief_before": 90,
            "experiment": "arrived 10 minutes late to yoga on purpose",
            "option": "A",
            "outcome": "Nobody cared, class was fine",
            "belief_after": 20,
        }
    ]


def test_two_experiments_in_one_mail_give_two_entries() -> None:
    text = """Experiment 1
Prediction: my sister will hang up on me
Belief: 60
What happened: we talked for an hour

Experiment 2
Prediction: my sister will be cold at lunch
Belief: 50%
What happened: she hugged me"""
    assert parse(text) == [
        {
            "prediction": "my sister will hang up on me",
            "belief_before": 60,
            "outcome": "we talked for an hour",
        },
        {"prediction": "my sister will be cold at lunch", "belief_before": 50, "outcome": "she hugged me"},
    ]


def test_a_rating_inside_the_prediction_is_not_the_belief_unless_it_closes_it() -> None:
    text = "Prediction: I'll fail 8 out of 10 times I try\nOption: plan a"
    assert parse(text) == [{"prediction": "I'll fail 8 out of 10 times I try", "option": "A"}]


def test_a_bare_now_label_is_the_belief_re_rated() -> None:
    text = "Belief: 75%\nWhat happened: Nobody mentioned it\nNow: 20%"
    assert parse(text) == [{"belief_before": 75, "outcome": "Nobody mentioned it", "belief_after": 20}]


def test_a_lone_lower_case_a_in_prose_is_not_an_option() -> None:
    assert parse("I had a good week and did a lot") == [{}]


@settings(max_examples=examples(100), deadline=None)
@given(
    answers(
        [
            "Thought to test",
            "Prediction",
            "Belief",
            "Experiment",
            "Option",
            "What happened",
            "Belief re-rated",
            "Option A",
            "B",
        ]
    )
)
def test_parsing_never_raises_and_nothing_is_made_up(text: str) -> None:
    entries = parse(text)
    assert bool(entries) == bool(text.strip())
