"""The graded exposure parser: which step, and SUDS before, at peak and after."""

from __future__ import annotations

from collections.abc import Mapping

from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework.exposure import TYPE, scan_suds

LADDER = [
    {"step": "Look at photos of dogs", "suds": 30},
    {"step": "Stand across the road from a dog on a lead", "suds": 50},
    {"step": "Stand next to the neighbour's dog", "suds": 70},
]
DETAILS = {"steps": LADDER, "current": 2}
CURRENT = "Stand next to the neighbour's dog"


def parse(text: str, details: Mapping[str, object] = DETAILS) -> list[dict[str, object]]:
    entries = TYPE.parse(text, details)
    assert_cut_from(text, entries, made={"step": lambda value: value == CURRENT})
    return entries


def test_the_form_filled_in_gives_every_field() -> None:
    text = """Step (which step of your ladder): 3 - next to the neighbour's dog
SUDS before (0-100): 60
SUDS at peak (0-100): 85
SUDS after (0-100): 30
Notes: Stayed 15 minutes until it had come down by half."""
    assert parse(text) == [
        {
            "step": "3 - next to the neighbour's dog",
            "suds_before": 60,
            "suds_peak": 85,
            "suds_after": 30,
            "notes": "Stayed 15 minutes until it had come down by half.",
        }
    ]


def test_a_partly_filled_form_takes_the_current_step_from_the_assignment() -> None:
    text = "before: 7/10\npeak: 9/10\n"
    assert parse(text) == [{"step": CURRENT, "suds_before": 70, "suds_peak": 90}]


def test_current_step_in_details_wins_when_the_client_names_no_step() -> None:
    entries = TYPE.parse("SUDS after: 20", {**DETAILS, "current_step": "3"})
    assert entries == [{"step": "3", "suds_after": 20}]


def test_free_prose_gives_the_step_and_the_ratings() -> None:
    text = (
        "Today I did step 3. Before I started my SUDS were 60, they went up to 85 at the worst "
        "and came down to 30 by the end."
    )
    assert parse(text) == [{"step": "3", "suds_before": 60, "suds_peak": 85, "suds_after": 30, "notes": text}]


def test_ratings_written_after_their_words_are_paired_backwards() -> None:
    text = "Did it again with Rex. 60 before, eighty-five at peak, 3/10 after."
    assert parse(text) == [
        {"suds_before": 60, "suds_peak": 85, "suds_after": 30, "notes": text, "step": CURRENT}
    ]


def test_an_html_table_of_several_reports_gives_one_entry_per_row() -> None:
    text = """Date | Step | SUDS before | Peak | After | Notes
Mon 3 June | 3 | 60 | 85 | 30 | shaky but did it
Wed 5 June | 3 | 50% | 70% | 20% |
Fri 7 June | 3 | 4/10 | 6/10 | 1/10 | easier each time"""
    assert parse(text) == [
        {"step": "3", "suds_before": 60, "suds_peak": 85, "suds_after": 30, "notes": "shaky but did it"},
        {"step": "3", "suds_before": 50, "suds_peak": 70, "suds_after": 20},
        {"step": "3", "suds_before": 40, "suds_peak": 60, "suds_after": 10, "notes": "easier each time"},
    ]


def test_three_ratings_on_one_line_are_before_peak_after() -> None:
    text = "Monday: step 3, 60/85/30\nWednesday: step 3, SUDS 50, 70, 20"
    assert parse(text) == [
        {"step": "3", "suds_before": 60, "suds_peak": 85, "suds_after": 30, "notes": "step 3, 60/85/30"},
        {
            "step": "3",
            "suds_before": 50,
            "suds_peak": 70,
            "suds_after": 20,
            "notes": "step 3, SUDS 50, 70, 20",
        },
    ]


def test_a_combined_suds_label_with_a_hint() -> None:
    text = "Step: 3\nSUDS (before / peak / after): 65 / 90 / 35"
    assert parse(text) == [{"step": "3", "suds_before": 65, "suds_peak": 90, "suds_after": 35}]


def test_one_label_holding_all_three_ratings() -> None:
    assert parse("Step 3\nBefore: 60, peak 85, after 30") == [
        {"step": "3", "suds_before": 60, "suds_peak": 85, "suds_after": 30}
    ]


def test_a_reply_above_a_quote_and_with_a_mobile_signature() -> None:
    text = """Step: stood next to Rex for 10 minutes
Before: seventy
Peak: ninety
After: forty
Sent from my iPhone

> This time, practise step 3: Stand next to the neighbour's dog.
> Step (which step of your ladder):
> SUDS before (0-100):"""
    assert parse(text) == [
        {"step": "stood next to Rex for 10 minutes", "suds_before": 70, "suds_peak": 90, "suds_after": 40}
    ]


def test_a_reply_below_a_quote_fills_the_quoted_labels() -> None:
    text = """> Step (which step of your ladder):
the dog one (step 3)
> SUDS before (0-100):
55
> SUDS at peak (0-100):
80 %
> SUDS after (0-100):
about 25"""
    assert parse(text) == [
        {"step": "the dog one (step 3)", "suds_before": 55, "suds_peak": 80, "suds_after": 25}
    ]


def test_an_outlook_quote_is_ignored() -> None:
    text = """Step 3 done!
SUDS before: 60 SUDS peak: 75 SUDS after: 20

From: Anna Berg <anna@practice.example>
Sent: Monday, June 3, 2024 9:00 AM
To: Ben Miller
Subject: Homework: Exposure ladder
Your ladder (expected distress, SUDS 0-100):
1. Look at photos of dogs (30)"""
    assert parse(text) == [
        {"step": "3", "suds_before": 60, "suds_peak": 75, "suds_after": 20, "notes": "Step 3 done!"}
    ]


def test_numbers_that_are_minutes_or_steps_are_not_ratings() -> None:
    assert scan_suds("On step 3 I waited 20 minutes before it dropped to 30") == {"suds_after": 30}


def test_words_with_no_field_give_one_empty_entry() -> None:
    assert parse("> quoted only") == [{}]


@settings(max_examples=examples(100), deadline=None)
@given(
    answers(["Step", "SUDS before", "SUDS at peak", "SUDS after", "Before", "Peak", "After", "Notes", "SUDS"])
)
def test_parsing_never_raises_and_nothing_is_made_up(text: str) -> None:
    entries = parse(text)
    assert bool(entries) == bool(text.strip())
