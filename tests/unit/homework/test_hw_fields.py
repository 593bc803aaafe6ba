"""The extraction every homework type shares: labels, tables, entries, leftovers, prose cues."""

from __future__ import annotations

import pytest
from hw_checks import answers, assert_cut_from
from hypothesis import given, settings
from support.budget import examples

from mailbot.core.homework import FormField
from mailbot.core.homework.fields import Block, Item, cells, heading, read_blocks, strip_leftovers
from mailbot.core.homework.prose import at_least_one, clean_value, segment

FORM = (
    FormField("situation", "Situation", aliases=("where",)),
    FormField(
        "thought", "Automatic thought", "what went through your mind", aliases=("thought", "hot thought")
    ),
    FormField("intensity", "Intensity", "0-100"),
)


def items(
    text: str, repeatable: tuple[str, ...] = (), rated: tuple[str, ...] = ()
) -> list[list[tuple[str, str]]]:
    blocks = read_blocks(text, FORM, repeatable=repeatable, rated=rated)
    return [[(item.key, item.value) for item in block.items] for block in blocks]


@pytest.mark.parametrize(
    "line",
    [
        "Situation: at work",
        "situation:at work",
        "SITUATION : at work",
        "**Situation:** at work",
        "**Situation**: at work",
        "__Situation__: at work",
        "1. Situation: at work",
        "2) Situation - at work",
        "- Situation: at work",
        "• Situation – at work",
        "* Situation = at work",
        "## Situation: at work",
        "Situation (where you were): at work",
        "Situation\tat work",
        "| Situation | at work |",
        "Situation | at work",
        "My situation: at work",
        "Where: at work",
    ],
)
def test_a_label_is_found_however_it_is_dressed(line: str) -> None:
    # given one labelled line in any of the ways clients write labels, then its value is read
    assert items(line) == [[("situation", "at work")]]


def test_a_label_alone_takes_the_lines_below_it() -> None:
    assert items("Situation\nat work,\nin a meeting") == [[("situation", "at work,\nin a meeting")]]


def test_a_value_runs_over_blank_lines_until_the_next_label() -> None:
    text = "Situation: at work.\n\nIt was a long day.\n\nAutomatic thought: I'm useless"
    assert items(text) == [[("situation", "at work.\n\nIt was a long day."), ("thought", "I'm useless")]]


def test_a_rated_or_short_value_ends_at_a_blank_line() -> None:
    text = "Intensity: 80\n\nIt was a tough week."
    [block] = read_blocks(text, FORM, rated=("intensity",))
    assert block.items == [Item("intensity", "80")] and block.prose == ["It was a tough week."]


def test_a_rating_right_after_a_rated_label_is_its_value() -> None:
    assert items("Intensity 80%", rated=("intensity",)) == [[("intensity", "80%")]]


def test_a_number_after_a_label_is_the_entry_number_not_the_value() -> None:
    [block] = read_blocks("Thought 2: nobody cares", FORM)
    assert block.items == [Item("thought", "nobody cares", "2")]


def test_a_repeated_label_starts_a_new_entry() -> None:
    text = "Situation: work\nThought: useless\nSituation: home\nThought: alone"
    assert items(text) == [
        [("situation", "work"), ("thought", "useless")],
        [("situation", "home"), ("thought", "alone")],
    ]


def test_a_repeatable_label_stays_in_its_entry() -> None:
    assert items("Thought: a\nThought: b", repeatable=("thought",)) == [[("thought", "a"), ("thought", "b")]]


@pytest.mark.parametrize(
    ("line", "opened"),
    [
        ("Entry 2", ("Entry 2", "")),
        ("Row 3:", ("Row 3", "")),
        ("Day 3", ("Day 3", "")),
        ("Monday:", ("Monday", "")),
        ("**Tuesday**", ("Tuesday", "")),
        ("## Wed 5 June", ("Wed 5 June", "")),
        ("Monday 3 June 2024", ("Monday 3 June 2024", "")),
        ("2024-06-03", ("2024-06-03", "")),
        ("03/06/2024:", ("03/06/2024", "")),
        ("Yesterday - went out", ("Yesterday", "went out")),
        ("Monday: Situation: work", ("Monday", "Situation: work")),
        ("Date: Friday", ("Friday", "")),
    ],
)
def test_headings_open_an_entry(line: str, opened: tuple[str, str]) -> None:
    assert heading(line) == opened


@pytest.mark.parametrize("line", ["Monday was awful", "8/10", "3/6", "I went out on Monday", "May"])
def test_ordinary_lines_are_not_headings(line: str) -> None:
    assert heading(line) is None


def test_headings_split_entries_and_are_kept() -> None:
    blocks = read_blocks("Monday:\nSituation: work\n\nTuesday\nSituation: home", FORM)
    assert [(b.heading, b.items) for b in blocks] == [
        ("Monday", [Item("situation", "work")]),
        ("Tuesday", [Item("situation", "home")]),
    ]


@pytest.mark.parametrize(
    "table",
    [
        "Situation | Thought | Intensity\nwork | useless | 80\nhome | alone | 60",
        "| Situation | Thought | Intensity |\n|---|---|---|\n| work | useless | 80 |\n| home | alone | 60 |",
        "Situation\tThought\tIntensity\nwork\tuseless\t80\nhome\talone\t60",
        "Situation | Thought | Intensity\n\nwork | useless | 80\n\nhome | alone | 60",
    ],
)
def test_a_table_gives_one_entry_per_row(table: str) -> None:
    assert items(table) == [
        [("situation", "work"), ("thought", "useless"), ("intensity", "80")],
        [("situation", "home"), ("thought", "alone"), ("intensity", "60")],
    ]


def test_a_table_keeps_a_day_column_as_the_heading_and_skips_empty_cells() -> None:
    blocks = read_blocks("Day\tSituation\tThought\nMon\twork\t\nTue\thome\talone", FORM)
    assert [(b.heading, b.items) for b in blocks] == [
        ("Mon", [Item("situation", "work")]),
        ("Tue", [Item("situation", "home"), Item("thought", "alone")]),
    ]


def test_a_table_with_a_row_per_label_gives_one_entry_per_column() -> None:
    table = "| | Monday | Tuesday |\n| Situation | work | home |\n| Thought | useless | alone |"
    blocks = read_blocks(table, FORM)
    assert [(b.heading, b.items) for b in blocks] == [
        ("Monday", [Item("situation", "work"), Item("thought", "useless")]),
        ("Tuesday", [Item("situation", "home"), Item("thought", "alone")]),
    ]


def test_quotes_are_ignored_but_a_quoted_label_files_the_answer_below_it() -> None:
    text = "> Situation:\nat the bus stop\n> Automatic thought:\n> (what went through your mind)\nthey stare"
    assert items(text) == [[("situation", "at the bus stop"), ("thought", "they stare")]]


def test_a_quote_ends_the_value_above_it() -> None:
    assert items("Situation: work\n> old text\nmore words") == [[("situation", "work")]]


def test_an_outlook_block_and_everything_after_it_are_ignored() -> None:
    text = (
        "Situation: work\n\n________________________________\nFrom: Anna Berg <anna@practice.example>\n"
        "Sent: Monday, 3 June 2024 09:00\nTo: Ben\nSubject: Your homework\n\nSituation:\nAutomatic thought:"
    )
    assert items(text) == [[("situation", "work")]]


@pytest.mark.parametrize(
    "leftover",
    [
        "Sent from my iPhone",
        "Sent from my Galaxy",
        "Get Outlook for Android",
        "-- \nBen Miller\n07700 900123",
        "Thanks,\nBen",
        "Best wishes\nBen Miller",
        "Cheers!",
        "On Mon, 3 Jun 2024 at 09:00, Anna Berg <anna@practice.example> wrote:",
        "-----Original Message-----\nFrom: Anna\nSituation: old",
    ],
)
def test_signatures_sign_offs_and_attributions_do_not_join_the_last_value(leftover: str) -> None:
    assert items(f"Situation: at work\n\n{leftover}") == [[("situation", "at work")]]


def test_a_greeting_and_an_intro_line_are_not_prose() -> None:
    [block] = read_blocks("Hi Anna,\nHere is my log for this week:\nIt was a hard week.", FORM)
    assert block.prose == ["It was a hard week."]


def test_a_subject_line_is_never_a_field() -> None:
    assert read_blocks("Subject: Re: homework", FORM) == []


def test_strip_leftovers_keeps_the_clients_lines() -> None:
    text = "> old\nMy answer.\n\nSecond line.\nSent from my iPhone\n\nFrom: A\nSent: B\nSubject: C\nold"
    assert strip_leftovers(text) == "My answer.\n\nSecond line."


def test_cells_split_pipes_and_tabs_only() -> None:
    assert cells("a | b") == ["a", "b"]
    assert cells("|a|b|") == ["a", "b"]
    assert cells("a\t\tc") == ["a", "", "c"]
    assert cells("either/or, not a | table?") == ["either/or, not a", "table?"]
    assert cells("plain words") is None


CUES = (("thought", r"I\s+thought(?:\s+that)?"), ("feeling", r"I\s+felt"))


def test_segment_cuts_prose_at_cue_phrases() -> None:
    text = "I was at work. I thought that 'I am useless' and I felt anxious, about 80%."
    assert segment(text, CUES, lead="situation") == {
        "situation": "I was at work",
        "thought": "I am useless",
        "feeling": "anxious, about 80%",
    }


def test_segment_ignores_a_cue_inside_a_clause() -> None:
    assert segment("Nobody I thought about came", CUES) == {}


def test_clean_value_strips_edges_and_quotes_only() -> None:
    assert clean_value(' - "I\'m useless" and ') == "I'm useless"
    assert clean_value("really... ") == "really..."


def test_at_least_one_entry_for_words_and_none_for_nothing() -> None:
    assert at_least_one("words", [{}]) == [{}]
    assert at_least_one("  ", []) == []
    assert at_least_one("x", [{}, {"a": 1}]) == [{"a": 1}]


def test_block_reads_ratings_and_paragraphs() -> None:
    block = Block(items=[Item("intensity", "about 8/10, quite bad")], prose=["one\n\ntwo"])
    assert block.rating("intensity") == 80 and block.rating("other") is None
    assert block.paragraphs() == ["one", "two"]


@settings(max_examples=examples(100), deadline=None)
@given(answers(["Situation", "Automatic thought", "Thought", "Intensity", "Where"]))
def test_reading_never_raises_and_cuts_values_out_of_the_text(text: str) -> None:
    for block in read_blocks(text, FORM, rated=("intensity",)):
        assert_cut_from(text, [{item.key: item.value for item in block.items if item.value}])
        assert_cut_from(text, [{"prose": chunk} for chunk in block.prose])
