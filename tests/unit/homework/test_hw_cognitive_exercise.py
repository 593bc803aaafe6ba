"""The cognitive exercise parser: belief, action, prediction, and the dialogue between two voices."""

from __future__ import annotations

from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework.cognitive_exercise import TYPE


def parse(text: str) -> list[dict[str, object]]:
    entries = TYPE.parse(text, {})
    assert_cut_from(text, entries)
    return entries


def irrational(text: str) -> dict[str, str]:
    return {"voice": "irrational", "text": text}


def rational(text: str) -> dict[str, str]:
    return {"voice": "rational", "text": text}


def test_the_form_filled_in_gives_every_field() -> None:
    text = """Belief to challenge: If I speak up in meetings people will think I'm stupid
Planned action: Ask one question in Thursday's team meeting
Prediction: Everyone will go quiet and stare at me
Dialogue (the irrational voice and the rational voice, line by line):
Irrational: You'll say something dumb and they'll remember it forever.
Rational: People ask questions all the time. Nobody remembers them.
Irrational: But your voice will shake.
and everyone will notice
Rational: Even if it shakes, that's ok."""
    assert parse(text) == [
        {
            "belief": "If I speak up in meetings people will think I'm stupid",
            "action": "Ask one question in Thursday's team meeting",
            "prediction": "Everyone will go quiet and stare at me",
            "dialogue": [
                irrational("You'll say something dumb and they'll remember it forever."),
                rational("People ask questions all the time. Nobody remembers them."),
                irrational("But your voice will shake.\nand everyone will notice"),
                rational("Even if it shakes, that's ok."),
            ],
        }
    ]


def test_voices_named_in_other_words() -> None:
    text = """Belief: I have to be perfect or I'm a failure
- Negative voice: The report has a typo, you're hopeless.
- Balanced voice: One typo in twenty pages is normal.
- Critic - Your boss will notice.
- Compassionate voice - If she does, she'll just fix it."""
    assert parse(text) == [
        {
            "belief": "I have to be perfect or I'm a failure",
            "dialogue": [
                irrational("The report has a typo, you're hopeless."),
                rational("One typo in twenty pages is normal."),
                irrational("Your boss will notice."),
                rational("If she does, she'll just fix it."),
            ],
        }
    ]


def test_free_prose_then_a_critic_and_me_dialogue() -> None:
    # given prose for the belief, action and prediction, then "Critic:" / "Me:" lines, two on one line
    text = """I'm challenging the belief that I'm unlikeable. I'll invite Sam for coffee. I predict she'll say no.

Critic: She only puts up with you. Me: She's texted me twice this week.
Critic: That's just politeness
Me: Polite people don't ask about your weekend."""
    assert parse(text) == [
        {
            "belief": "I'm unlikeable",
            "action": "invite Sam for coffee",
            "prediction": "she'll say no",
            "dialogue": [
                irrational("She only puts up with you."),
                rational("She's texted me twice this week."),
                irrational("That's just politeness"),
                rational("Polite people don't ask about your weekend."),
            ],
        }
    ]


def test_me_is_left_out_when_both_voices_are_named() -> None:
    text = "Irrational: You'll fail.\nMe: I'm not sure.\nRational: You passed last time."
    assert parse(text) == [{"dialogue": [irrational("You'll fail."), rational("You passed last time.")]}]


def test_an_html_table_of_the_two_voices_gives_turns_row_by_row() -> None:
    text = """Belief to challenge | Planned action | Prediction
I can't say no | Decline the Saturday shift | My manager will be angry

Irrational voice | Rational voice
You'll get fired | People decline shifts all the time
They'll think you're lazy | I've covered five shifts this month"""
    assert parse(text) == [
        {
            "belief": "I can't say no",
            "action": "Decline the Saturday shift",
            "prediction": "My manager will be angry",
            "dialogue": [
                irrational("You'll get fired"),
                rational("People decline shifts all the time"),
                irrational("They'll think you're lazy"),
                rational("I've covered five shifts this month"),
            ],
        }
    ]


def test_a_dialogue_written_on_one_line_under_its_label() -> None:
    text = "Dialogue: Irrational: Nobody will come. Rational: Four people said yes already."
    assert parse(text) == [
        {"dialogue": [irrational("Nobody will come."), rational("Four people said yes already.")]}
    ]


def test_a_reply_below_a_quote_fills_the_quoted_labels() -> None:
    text = """> Belief to challenge:
I'm bad at my job
> Planned action:
Ask for feedback on the Hanson project
> Prediction:
It'll be all criticism
Irrational: They'll list everything you got wrong.
Rational: Last time the feedback was mostly good."""
    assert parse(text) == [
        {
            "belief": "I'm bad at my job",
            "action": "Ask for feedback on the Hanson project",
            "prediction": "It'll be all criticism",
            "dialogue": [
                irrational("They'll list everything you got wrong."),
                rational("Last time the feedback was mostly good."),
            ],
        }
    ]


def test_a_reply_above_a_quote_ignores_the_quoted_template() -> None:
    text = """Belief: If I rest I'm lazy
Action: Take Sunday off completely
Prediction: I'll feel guilty all day

On Mon, 3 Jun 2024 at 09:00, Anna Berg <anna@practice.example> wrote:
> ("Irrational: ..." / "Rational: ...").
> Irrational: example
> Rational: example"""
    assert parse(text) == [
        {
            "belief": "If I rest I'm lazy",
            "action": "Take Sunday off completely",
            "prediction": "I'll feel guilty all day",
        }
    ]


def test_an_outlook_quote_and_a_mobile_signature_are_ignored() -> None:
    text = """Belief to challenge: I must never upset anyone
Planned action: Tell Dad I'm not coming at Christmas
Prediction: He'll stop speaking to me
Anxious voice: He'll never forgive you.
Wise mind: He was upset last year too and called a week later.
Sent from my iPad

From: Anna Berg <anna@practice.example>
Sent: Monday, June 3, 2024 9:00 AM
To: Ben Miller
Subject: Homework: Cognitive exercise
Irrational: ..."""
    assert parse(text) == [
        {
            "belief": "I must never upset anyone",
            "action": "Tell Dad I'm not coming at Christmas",
            "prediction": "He'll stop speaking to me",
            "dialogue": [
                irrational("He'll never forgive you."),
                rational("He was upset last year too and called a week later."),
            ],
        }
    ]


def test_two_exercises_in_one_mail_give_two_entries() -> None:
    text = """Belief: I'm boring
Action: Tell a story at dinner
Irrational: They'll yawn.
Rational: They laughed last time.

Belief: I'm a burden
Action: Ask Jo for a lift
Irrational: She'll resent it.
Rational: She offered."""
    assert parse(text) == [
        {
            "belief": "I'm boring",
            "action": "Tell a story at dinner",
            "dialogue": [irrational("They'll yawn."), rational("They laughed last time.")],
        },
        {
            "belief": "I'm a burden",
            "action": "Ask Jo for a lift",
            "dialogue": [irrational("She'll resent it."), rational("She offered.")],
        },
    ]


def test_a_dialogue_in_prose_without_voice_names_is_not_split() -> None:
    text = "Dialogue: part of me said I'd fail, the other part said I'd prepared well."
    assert parse(text) == [{}]


@settings(max_examples=examples(100), deadline=None)
@given(
    answers(
        [
            "Belief to challenge",
            "Planned action",
            "Prediction",
            "Dialogue",
            "Irrational:",
            "Rational:",
            "Critic:",
            "Me:",
            "Negative voice",
        ]
    )
)
def test_parsing_never_raises_and_nothing_is_made_up(text: str) -> None:
    entries = parse(text)
    assert bool(entries) == bool(text.strip())
