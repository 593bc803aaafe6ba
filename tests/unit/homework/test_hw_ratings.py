"""Ratings as clients write them, read as whole numbers 0-100."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.homework.ratings import find_rating, find_ratings, parse_rating, split_rating


@pytest.mark.parametrize(
    ("written", "rating"),
    [
        ("80", 80),
        ("80%", 80),
        ("80 %", 80),
        ("80 percent", 80),
        ("80 per cent", 80),
        ("8/10", 80),
        ("8 / 10", 80),
        ("7.5/10", 75),
        ("4/5", 80),
        ("80/100", 80),
        ("8 out of 10", 80),
        ("8 of 10", 80),
        ("eight out of ten", 80),
        ("Eight out of Ten", 80),
        ("eighty", 80),
        ("eighty-five", 85),
        ("eighty five", 85),
        ("a hundred", 100),
        ("eighty percent", 80),
        ("72.5%", 73),
        ("0", 0),
        ("zero", 0),
        ("100", 100),
        ("10/10", 100),
        ("about 80", 80),
        ("~80", 80),
        ("80ish", 80),
        ("(8/10)", 80),
        ("**80**", 80),
        ("  80.  ", 80),
        ("8", 8),
        ("seven", 7),
    ],
)
def test_a_rating_written_any_way_reads_as_0_to_100(written: str, rating: int) -> None:
    # given a rating as a client writes it, when it is parsed, then it is the number on 0-100
    assert parse_rating(written) == rating


@pytest.mark.parametrize(
    "written",
    [
        "0.8",
        "7.5",
        "70-80",
        "7-8/10",
        "70 to 80",
        "3/4",
        "60/85",
        "101",
        "120%",
        "11/10",
        "7,5",
        "",
        "none",
        "N/A",
        "anxious 80",
        "very",
        "about",
    ],
)
def test_ambiguous_or_missing_ratings_are_not_guessed(written: str) -> None:
    # given a decimal, a range, an odd scale, an out-of-range number or words, then there is no rating
    assert parse_rating(written) is None


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ("anxious, about 70%", (70, "70%")),
        ("sad (8/10)", (80, "8/10")),
        ("anxious 80", (80, "80")),
        ("felt eight out of ten scared", (80, "eight out of ten")),
        ("at 3pm I felt sad, 8/10", (80, "8/10")),
        ("step 3 went fine, 60", (60, "60")),
        ("angry - seventy", (70, "seventy")),
    ],
)
def test_a_rating_inside_a_phrase_is_found_with_its_words(phrase: str, found: tuple[int, str]) -> None:
    assert find_rating(phrase) == found


@pytest.mark.parametrize(
    "phrase",
    ["I stayed 20 minutes", "at 10:30", "on step 3", "I had one coffee", "between 70-80%", "page 40", "3pm"],
)
def test_numbers_that_count_or_measure_something_else_are_not_ratings(phrase: str) -> None:
    assert find_rating(phrase) is None


def test_scaled_ratings_win_over_bare_numbers() -> None:
    assert find_rating("at 9 I was sad, 6/10") == (60, "6/10")


def test_all_ratings_in_a_phrase_come_left_to_right() -> None:
    assert [value for value, _, _ in find_ratings("anxious 80, sad 6/10, tired 40%")] == [80, 60, 40]


@pytest.mark.parametrize(
    ("phrase", "split"),
    [
        ("anxious, about 70%", ("anxious", 70)),
        ("sad (8/10)", ("sad", 80)),
        ("8/10 sad", ("sad", 80)),
        ("sad (8/10) and tired", ("sad", 80)),
        ("ashamed at 90", ("ashamed", 90)),
        ("just sad", ("just sad", None)),
    ],
)
def test_split_rating_keeps_the_words_beside_the_rating(phrase: str, split: tuple[str, int | None]) -> None:
    assert split_rating(phrase) == split


@settings(max_examples=examples(100), deadline=None)
@given(st.text())
def test_ratings_never_raise_and_stay_in_range(text: str) -> None:
    rating = parse_rating(text)
    found = find_rating(text)
    assert rating is None or 0 <= rating <= 100
    if found is not None:
        assert 0 <= found[0] <= 100 and found[1] in text
    words, _ = split_rating(text)
    assert words in text
