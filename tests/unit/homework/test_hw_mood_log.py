"""The daily mood log parser, on answers written the many ways clients write them."""

from __future__ import annotations

from collections.abc import Mapping

from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework.mood_log import TYPE

STAGE_1: dict[str, object] = {}
STAGE_2 = {"stage": 2}


def parse(text: str, details: Mapping[str, object] = STAGE_1) -> list[dict[str, object]]:
    entries = TYPE.parse(text, details)
    assert_cut_from(text, entries)
    return entries


def test_the_form_filled_in_gives_every_field() -> None:
    # given the form from the assignment email, filled in under its labels and hints
    text = """Hi Anna,

Here is my mood log.

Situation (where you were, what you were doing): In the team meeting on Tuesday
Trigger (what set it off): My manager asked who wrote the summary
Automatic thought (what went through your mind): She thinks it's rubbish
Emotion: embarrassed
Intensity (0-100): 85

Best wishes,
Ben"""
    # when it is parsed, then the one row has every field, the rating as a number
    assert parse(text) == [
        {
            "situation": "In the team meeting on Tuesday",
            "trigger": "My manager asked who wrote the summary",
            "automatic_thought": "She thinks it's rubbish",
            "emotion": "embarrassed",
            "intensity": 85,
        }
    ]


def test_an_edited_partly_filled_form_gives_the_fields_that_are_there() -> None:
    # given a form the client retyped: lower case, "Thought", "Feeling", emotion and rating together, no trigger
    text = """situation - waiting for the bus after work
thought - everyone on the bus can tell I'm nervous
feeling - anxious (7/10)
"""
    assert parse(text) == [
        {
            "situation": "waiting for the bus after work",
            "automatic_thought": "everyone on the bus can tell I'm nervous",
            "emotion": "anxious",
            "intensity": 70,
        }
    ]


def test_free_prose_is_read_at_its_cue_phrases() -> None:
    # given two paragraphs of prose, one moment each
    text = (
        'Yesterday I was on the bus when a man stared at me. I immediately thought "he thinks I\'m weird". '
        "I felt embarrassed, about seventy percent.\n\n"
        "On Wednesday I was at my desk and the phone rang. I thought it would be bad news and felt anxious 8/10."
    )
    assert parse(text) == [
        {
            "situation": "Yesterday I was on the bus",
            "trigger": "a man stared at me",
            "automatic_thought": "he thinks I'm weird",
            "emotion": "embarrassed",
            "intensity": 70,
        },
        {
            "situation": "On Wednesday I was at my desk and the phone rang",
            "automatic_thought": "it would be bad news",
            "emotion": "anxious",
            "intensity": 80,
        },
    ]


def test_an_html_table_gives_one_entry_per_row() -> None:
    # given an HTML-only reply whose table was converted to " | " rows
    text = """Situation | Trigger | Automatic thought | Emotion | Intensity
Sunday lunch with my parents | Dad asked about my job search | I'm a disappointment | ashamed | 75%
Monday morning, alone at home | No replies to my applications | Nobody will ever hire me | hopeless | 90"""
    assert parse(text) == [
        {
            "situation": "Sunday lunch with my parents",
            "trigger": "Dad asked about my job search",
            "automatic_thought": "I'm a disappointment",
            "emotion": "ashamed",
            "intensity": 75,
        },
        {
            "situation": "Monday morning, alone at home",
            "trigger": "No replies to my applications",
            "automatic_thought": "Nobody will ever hire me",
            "emotion": "hopeless",
            "intensity": 90,
        },
    ]


def test_a_reply_below_the_quoted_form_fills_the_quoted_labels() -> None:
    # given a bottom-posted reply: the quoted assignment above, the answers typed under quoted labels
    text = """On Mon, 3 Jun 2024 at 09:00, Anna Berg <anna@practice.example> wrote:
> Dear Ben,
> here is your homework until we next meet: Daily mood log.
>
> Situation (where you were, what you were doing):
At the supermarket checkout
> Trigger (what set it off):
The queue was long and someone tutted
> Automatic thought (what went through your mind):
They think I'm too slow
> Emotion:
irritated
> Intensity (0-100):
60"""
    assert parse(text) == [
        {
            "situation": "At the supermarket checkout",
            "trigger": "The queue was long and someone tutted",
            "automatic_thought": "They think I'm too slow",
            "emotion": "irritated",
            "intensity": 60,
        }
    ]


def test_a_reply_above_a_quoted_earlier_mail_ignores_the_quote() -> None:
    # given a top-posted reply with the assignment quoted below it, labels and all
    text = """Situation: phone call with my sister
Trigger: she cancelled our plans again
Automatic thought: I don't matter to her
Emotion: hurt, 65

On Mon, 3 Jun 2024 at 09:00, Anna Berg <anna@practice.example> wrote:
> Situation (where you were, what you were doing):
> Trigger (what set it off):
> Automatic thought (what went through your mind):"""
    assert parse(text) == [
        {
            "situation": "phone call with my sister",
            "trigger": "she cancelled our plans again",
            "automatic_thought": "I don't matter to her",
            "emotion": "hurt",
            "intensity": 65,
        }
    ]


def test_an_outlook_quote_left_in_the_text_is_ignored() -> None:
    # given a reply whose Outlook "From: / Sent: / To: / Subject:" block and old form reached the parser
    text = """Situation: Lying in bed at 2am
Trigger: Couldn't stop replaying the conversation with Tom
Automatic thought: I've ruined the friendship
Emotion: guilty 70%

________________________________
From: Anna Berg <anna@practice.example>
Sent: 03 June 2024 09:00
To: Ben Miller <ben@client.example>
Subject: Homework: Daily mood log [HW-7F3K]

Situation (where you were, what you were doing):
Trigger (what set it off):
Emotion:"""
    assert parse(text) == [
        {
            "situation": "Lying in bed at 2am",
            "trigger": "Couldn't stop replaying the conversation with Tom",
            "automatic_thought": "I've ruined the friendship",
            "emotion": "guilty",
            "intensity": 70,
        }
    ]


def test_a_mobile_signature_is_not_part_of_the_last_field() -> None:
    # given a reply typed on a phone, with its signature and a sign-off after the last field
    text = """Situation: gym changing room
Thought: everyone is looking at my body
Emotion: self-conscious
Intensity: 8 out of 10

Thx
Sent from my iPhone"""
    assert parse(text) == [
        {
            "situation": "gym changing room",
            "automatic_thought": "everyone is looking at my body",
            "emotion": "self-conscious",
            "intensity": 80,
        }
    ]


def test_ratings_in_every_written_form_become_numbers() -> None:
    # given five rows under day headings, each rating written differently
    text = """Monday:
Situation: work
Emotion: anxious
Intensity: 80

Tuesday:
Situation: bus
Emotion: scared 80%

Wednesday:
Situation: dinner
Emotion: sad (8/10)

Thursday:
Situation: shop
Emotion: embarrassed, eight out of ten

Friday:
Situation: home
Emotion: lonely
Intensity: eighty"""
    assert parse(text) == [
        {"situation": "work", "emotion": "anxious", "intensity": 80},
        {"situation": "bus", "emotion": "scared", "intensity": 80},
        {"situation": "dinner", "emotion": "sad", "intensity": 80},
        {"situation": "shop", "emotion": "embarrassed", "intensity": 80},
        {"situation": "home", "emotion": "lonely", "intensity": 80},
    ]


def test_several_rows_with_repeated_labels_give_several_entries() -> None:
    # given three moments written one after the other, no headings, numbered labels
    text = """1. Situation: Team meeting
2. Automatic thought: I'll say something stupid
3. Emotion: anxious 70

1. Situation: Lunch alone
2. Automatic thought: Nobody wants to sit with me
3. Emotion: lonely 50

1. Situation: Drive home
2. Automatic thought: I wasted the whole day
3. Emotion: frustrated 40"""
    assert parse(text) == [
        {
            "situation": "Team meeting",
            "automatic_thought": "I'll say something stupid",
            "emotion": "anxious",
            "intensity": 70,
        },
        {
            "situation": "Lunch alone",
            "automatic_thought": "Nobody wants to sit with me",
            "emotion": "lonely",
            "intensity": 50,
        },
        {
            "situation": "Drive home",
            "automatic_thought": "I wasted the whole day",
            "emotion": "frustrated",
            "intensity": 40,
        },
    ]


def test_stage_two_adds_the_balanced_thought_and_the_emotion_re_rated() -> None:
    # given a stage-2 assignment and a markdown table with the extra columns
    text = """| Situation | Trigger | Automatic thought | Emotion | Balanced thought | Emotion re-rated |
|---|---|---|---|---|---|
| Presentation at work | Slide wouldn't load | Everyone thinks I'm incompetent | panicky 90 | Tech fails for everyone | 40 |"""
    assert parse(text, STAGE_2) == [
        {
            "situation": "Presentation at work",
            "trigger": "Slide wouldn't load",
            "automatic_thought": "Everyone thinks I'm incompetent",
            "emotion": "panicky",
            "intensity": 90,
            "balanced_thought": "Tech fails for everyone",
            "intensity_after": 40,
        }
    ]


def test_stage_two_labels_end_a_stage_one_value_but_are_filed_only_in_stage_two() -> None:
    text = "Emotion: anxious 80\nBalanced thought: one email doesn't define me\nEmotion re-rated: 4/10"
    assert parse(text) == [{"emotion": "anxious", "intensity": 80}]
    assert parse(text, STAGE_2) == [
        {
            "emotion": "anxious",
            "intensity": 80,
            "balanced_thought": "one email doesn't define me",
            "intensity_after": 40,
        }
    ]


def test_stage_two_in_prose() -> None:
    text = (
        "I was at work and got a curt email. I thought I'm in trouble. I felt anxious 80%. "
        "A more balanced thought would be that she's just busy. Afterwards it was about 40."
    )
    assert parse(text, STAGE_2) == [
        {
            "situation": "I was at work and got a curt email",
            "automatic_thought": "I'm in trouble",
            "emotion": "anxious",
            "intensity": 80,
            "balanced_thought": "she's just busy",
            "intensity_after": 40,
        }
    ]


def test_a_spreadsheet_paste_with_a_date_column() -> None:
    # given rows pasted from a spreadsheet: tab separated, a date column the mood log has no field for
    text = "Date\tSituation\tAutomatic thought\tEmotion\n3 June\tcommute\tI'll be late\tstressed 60\n4 June\tcall\t\tcalm"
    assert parse(text) == [
        {"situation": "commute", "automatic_thought": "I'll be late", "emotion": "stressed", "intensity": 60},
        {"situation": "call", "emotion": "calm"},
    ]


def test_a_prose_paragraph_without_a_new_situation_joins_the_row_above() -> None:
    text = "I was stuck in traffic on the way to work.\n\nI felt furious, 9/10."
    assert parse(text) == [
        {"situation": "I was stuck in traffic on the way to work", "emotion": "furious", "intensity": 90}
    ]


def test_an_emotion_with_several_ratings_stays_whole_and_the_first_is_the_intensity() -> None:
    assert parse("Situation: exam\nEmotion: anxious 80, sad 6/10") == [
        {"situation": "exam", "emotion": "anxious 80, sad 6/10", "intensity": 80}
    ]


def test_words_with_no_field_give_one_empty_entry_and_nothing_gives_none() -> None:
    assert parse("> just the quoted mail\n") == [{}]
    assert parse("   \n") == []


@settings(max_examples=examples(100), deadline=None)
@given(
    answers(
        [
            "Situation",
            "Trigger",
            "Automatic thought",
            "Emotion",
            "Intensity",
            "Balanced thought",
            "Emotion re-rated",
        ]
    )
)
def test_parsing_never_raises_and_nothing_is_made_up(text: str) -> None:
    for details in (STAGE_1, STAGE_2):
        entries = parse(text, details)
        assert bool(entries) == bool(text.strip())
