"""The journal parser: daily entries, several days in one mail, three good things."""

from __future__ import annotations

import re

from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework.journal import TYPE, fields, resolve_date

DETAILS = {"good_things": True}


def is_iso(value: object) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def parse(text: str) -> list[dict[str, object]]:
    entries = TYPE.parse(text, DETAILS)
    assert_cut_from(text, entries, made={"date": is_iso})
    return entries


def test_the_form_filled_in_gives_every_field() -> None:
    text = """Date: Monday 3 June 2024
Situation (what happened): Argument with my sister about the holidays
Thoughts (what went through your mind): She never listens to me
Behaviour (what you did): Went for a run to calm down
Three good things (optional):
1. Sunny morning
2. Coffee with Tom
3. Finished the report"""
    assert parse(text) == [
        {
            "date": "2024-06-03",
            "situation": "Argument with my sister about the holidays",
            "thoughts": "She never listens to me",
            "behaviour": "Went for a run to calm down",
            "good_things": ["Sunny morning", "Coffee with Tom", "Finished the report"],
        }
    ]


def test_three_days_in_one_mail_give_three_entries() -> None:
    text = """Monday:
Situation: quiet day at work
Thoughts: maybe things are OK
Behavior: cooked dinner for once

Tuesday 4 June
Situation: missed the train
Thoughts: typical, nothing ever goes right
Behaviour: snapped at a colleague

Wednesday - Situation: therapy session
Thoughts: I'm making progress
Behaviour: told Sam about it"""
    assert parse(text) == [
        {
            "date": "Monday",
            "situation": "quiet day at work",
            "thoughts": "maybe things are OK",
            "behaviour": "cooked dinner for once",
        },
        {
            "date": "Tuesday 4 June",
            "situation": "missed the train",
            "thoughts": "typical, nothing ever goes right",
            "behaviour": "snapped at a colleague",
        },
        {
            "date": "Wednesday",
            "situation": "therapy session",
            "thoughts": "I'm making progress",
            "behaviour": "told Sam about it",
        },
    ]


def test_free_prose_days_are_read_at_cue_phrases() -> None:
    text = """Monday: I stayed in bed most of the morning. I kept thinking that I'm lazy, so I forced myself to take a shower and walk to the shop.

Tuesday: Lunch with Jo went well. I thought she might be bored but she asked to meet again. Good things today were the sunshine, Jo's laugh and a good night's sleep."""
    assert parse(text) == [
        {
            "date": "Monday",
            "situation": "I stayed in bed most of the morning",
            "thoughts": "I'm lazy",
            "behaviour": "forced myself to take a shower and walk to the shop",
        },
        {
            "date": "Tuesday",
            "situation": "Lunch with Jo went well",
            "thoughts": "she might be bored but she asked to meet again",
            "good_things": ["the sunshine", "Jo's laugh", "a good night's sleep"],
        },
    ]


def test_prose_without_cues_is_kept_whole_as_the_entrys_text() -> None:
    assert parse("Today was fine. Work, gym, early night.") == [
        {"text": "Today was fine. Work, gym, early night"}
    ]


def test_an_html_table_gives_one_day_per_row() -> None:
    text = """Date | Situation | Thoughts | Behaviour | Good things
2024-06-03 | Job interview | I'll freeze | Prepared answers the night before | the bus was on time
2024-06-04 | Waiting to hear back | They hated me | Kept checking my phone | dinner with mum; a funny film"""
    assert parse(text) == [
        {
            "date": "2024-06-03",
            "situation": "Job interview",
            "thoughts": "I'll freeze",
            "behaviour": "Prepared answers the night before",
            "good_things": ["the bus was on time"],
        },
        {
            "date": "2024-06-04",
            "situation": "Waiting to hear back",
            "thoughts": "They hated me",
            "behaviour": "Kept checking my phone",
            "good_things": ["dinner with mum", "a funny film"],
        },
    ]


def test_a_reply_above_a_quote_keeps_only_the_new_words() -> None:
    text = """Situation: Ran into my ex at the café
Thoughts: She's doing so much better than me
Behaviour: Left without ordering

> Dear Ben,
> Once a day, write a short entry: a situation from the day, the thoughts you had, and what you did.
> Situation (what happened):
> Thoughts (what went through your mind):"""
    assert parse(text) == [
        {
            "situation": "Ran into my ex at the café",
            "thoughts": "She's doing so much better than me",
            "behaviour": "Left without ordering",
        }
    ]


def test_a_reply_below_a_quote_fills_the_quoted_labels() -> None:
    text = """> Several days in one email are fine: start each with the day.
> Situation (what happened):
Sat 8 June 2024: the wedding
> Thoughts (what went through your mind):
Everyone is judging my dancing
> Behaviour (what you did):
Danced anyway!"""
    assert parse(text) == [
        {
            "date": "2024-06-08",
            "situation": "the wedding",
            "thoughts": "Everyone is judging my dancing",
            "behaviour": "Danced anyway!",
        }
    ]


def test_an_outlook_quote_and_mobile_signature_are_ignored() -> None:
    text = """Thursday
Situation: presentation to the board
Thoughts: my voice will shake and they'll notice
Behaviour: did it anyway, with notes
Gratitude: my team's support

Sent from my Galaxy

-----Original Message-----
From: Anna Berg <anna@practice.example>
Sent: Monday, June 3, 2024 9:00 AM
To: Ben Miller
Subject: Homework: Journal
Situation (what happened):"""
    assert parse(text) == [
        {
            "date": "Thursday",
            "situation": "presentation to the board",
            "thoughts": "my voice will shake and they'll notice",
            "behaviour": "did it anyway, with notes",
            "good_things": ["my team's support"],
        }
    ]


def test_good_things_written_in_every_way() -> None:
    text = """Day 1
Situation: a
Good things: 1) tea 2) a walk 3) a call with Dad

Day 2
Situation: b
Good thing 1: sunshine
Good thing 2: soup

Day 3
Situation: c
3 good things:
- the cat
- an early night
- Jo's text
- music"""
    assert parse(text) == [
        {"date": "Day 1", "situation": "a", "good_things": ["tea", "a walk", "a call with Dad"]},
        {"date": "Day 2", "situation": "b", "good_things": ["sunshine", "soup"]},
        {
            "date": "Day 3",
            "situation": "c",
            "good_things": ["the cat", "an early night", "Jo's text\n- music"],
        },
    ]


def test_a_transposed_table_gives_one_entry_per_day_column() -> None:
    text = "\tMonday\tTuesday\nSituation\twork\thome\nThoughts\tI'm behind\tI can rest\nBehaviour\tstayed late\tread"
    assert parse(text) == [
        {"date": "Monday", "situation": "work", "thoughts": "I'm behind", "behaviour": "stayed late"},
        {"date": "Tuesday", "situation": "home", "thoughts": "I can rest", "behaviour": "read"},
    ]


def test_dates_resolve_only_when_beyond_doubt() -> None:
    assert resolve_date("Monday, June 3rd, 2024") == "2024-06-03"
    assert resolve_date("13/06/2024") == "2024-06-13"
    assert resolve_date("03/06/2024") == "03/06/2024"  # 3 June or 6 March
    assert resolve_date("3 June") == "3 June"  # no year, and no clock to guess one
    assert resolve_date("31/02/2024") == "31/02/2024"
    assert resolve_date("3 Junk 2024") == "3 Junk 2024"
    assert resolve_date("5th of Sept 2024") == "2024-09-05"
    assert resolve_date("Yesterday") == "Yesterday"


def test_the_form_shows_good_things_only_when_asked() -> None:
    assert [f.key for f in fields({})] == ["date", "situation", "thoughts", "behaviour"]
    assert [f.key for f in fields(DETAILS)][-1] == "good_things"


@settings(max_examples=examples(100), deadline=None)
@given(
    answers(["Date", "Situation", "Thoughts", "Behaviour", "Behavior", "Good things", "Three good things"])
)
def test_parsing_never_raises_and_nothing_is_made_up(text: str) -> None:
    entries = parse(text)
    assert bool(entries) == bool(text.strip())
