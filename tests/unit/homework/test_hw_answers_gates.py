"""Reading answers was made cheaper again (issue 20, fifth session): tests that text an expression
is not asked about holds nothing it would find, against the code as it was before (kept here).

- ratings: plain substrings tell whether a scaled rating could be in a text ("/", "%", "of", "per",
  "pct", and for a fraction a denominator) and whether a number word _BARE reads could be (if not,
  a bare number is read by its digits alone);
- exposure: a sentence is searched for the words around SUDS ("before", "peaked at", ...) only
  when one of the words each of them holds is a word of it;
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.homework import exposure, ratings

NUMBERS = [
    *("80", "8/10", "80%", "7.5 / 10", "4 out of 5", "40 of 100", "3 of ten", "5", "10", "100", "٣", "１"),
    *("eight out of ten", "sixteen", "a hundred", "one  hundred", "twenty-one", "fifty five", "zero", "ten"),
    *(
        "five",
        "one",
        "two",
        "per",
        "per cent",
        "percent",
        "pct",
        "of",
        "out of",
        "/",
        "%",
        "often",
        "someone",
    ),
    *("ſix", "fıve", "İ", "K", "ſ", "ı", "é", "_", "-", ".", ",", ":", "#", "step ", "page ", " pm", " to "),
    *("about ", "~", "ish", "(", ")", "*", "Ten", "FIVE", "Hundred", "OF", "PeR", "PCT", "’", "\u00a0", "ü"),
]
CUES = [
    *("before", "Beforehand", "at the start", "to begin with", "initially", "at first", "started out at"),
    *("peaked at", "at its worst", "highest", "max", "went up to", "rose to", "topped out at", "during"),
    *("afterwards", "at the end", "came back down to", "dropping back to", "fell to", "settled at"),
    *("ended up at", "finished at", "AFTER", "ſtart", "fırst", "wor", "st", "up", "end", "é", "_", "’"),
]
TEXT = st.one_of(
    st.text(max_size=30),
    st.lists(
        st.one_of(st.sampled_from(NUMBERS), st.sampled_from(" \n"), st.text(max_size=3)), max_size=12
    ).map("".join),
)


def _may_hold_as_it_was(text: str) -> bool:
    if ratings._DIGIT.search(text):
        return True
    if not any(twin in text for twin in ratings._CASE_TWINS):
        lowered = text.lower()
        if not any(word in lowered for word in ratings._NUMBER_STEMS):
            return False
    return ratings._NUMBER_WORD.search(text) is not None


def _locate_as_it_was(text: str) -> tuple[int, int, int] | None:
    if not _may_hold_as_it_was(text):
        return None
    for match in ratings._EXPLICIT.finditer(text):
        value = ratings._explicit_value(match)
        if value is not None and not ratings._in_range(text, match.start(), match.end()):
            return value, match.start(), match.end()
    for match in ratings._BARE.finditer(text):
        value = ratings._bare_value(match)
        if value is not None and ratings._stands_alone(text, match.start(), match.end()):
            return value, match.start(), match.end()
    return None


def _find_all_as_it_was(text: str) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    if not _may_hold_as_it_was(text):
        return found
    for match in ratings._EXPLICIT.finditer(text):
        value = ratings._explicit_value(match)
        if value is not None and not ratings._in_range(text, match.start(), match.end()):
            found.append((value, match.start(), match.end()))
    starts = [start for _, start, _ in found]
    for match in ratings._BARE.finditer(text):
        value = ratings._bare_value(match)
        before = bisect_left(starts, match.end()) - 1
        overlaps = before >= 0 and found[before][2] > match.start()
        if value is not None and not overlaps and ratings._stands_alone(text, match.start(), match.end()):
            found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


@settings(max_examples=examples(2000), deadline=None)
@given(TEXT)
def test_ratings_are_found_as_before(text: str) -> None:
    assert ratings._may_hold_rating(text) == _may_hold_as_it_was(text)
    assert ratings.locate_rating(text) == _locate_as_it_was(text)
    assert ratings.find_ratings(text) == _find_all_as_it_was(text)


@settings(max_examples=examples(2000), deadline=None)
@given(TEXT)
def test_the_gates_let_through_every_text_an_expression_matches_in(text: str) -> None:
    gates = ratings._gates(text)
    if gates is None:
        assert not ratings._EXPLICIT.search(text) and not ratings._BARE.search(text)
        return
    explicit, bare = gates
    if not explicit:
        assert not ratings._EXPLICIT.search(text)
    assert [m.span() for m in bare.finditer(text)] == [m.span() for m in ratings._BARE.finditer(text)]


def test_only_the_twins_match_a_letter_of_a_number_word_outside_ascii() -> None:
    letter = re.compile("[a-z]", re.I)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if letter.match(char) or re.search("[a-z]", char.lower()):
            assert char in ratings._CASE_TWINS, hex(code)


def test_gated_examples() -> None:
    assert ratings._gates("I felt ashamed, maybe 80, and then annoyed") == (False, ratings._BARE_DIGITS)
    assert ratings._gates("a part of the day") is None
    assert ratings._gates("80 of 100")[0] and ratings._gates("8/ten")[0] and ratings._gates("40 per cent")[0]
    assert not ratings._gates("8 of 9")[0]
    assert ratings._gates("about sixty")[1] is ratings._BARE
    for text in (
        "éone",
        "one’s",
        "café\u00a0one",
        "ｏｎｅ",
        "oneé",
        "_one",
        "twenty_",
        "tenfold",
        "often ten",
    ):
        assert ratings._may_hold_rating(text) == _may_hold_as_it_was(text), text
    assert ratings.find_ratings("sad 6/10, tired 40%, anxious eighty") == [
        (60, 4, 8),
        (40, 16, 19),
        (80, 29, 35),
    ]


@settings(max_examples=examples(2000), deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(CUES), st.sampled_from(NUMBERS), st.sampled_from(" \n.;,")), max_size=10
    ).map("".join)
    | st.text(max_size=30)
)
def test_a_sentence_without_a_cue_word_holds_no_cue(text: str) -> None:
    assert exposure._cues(text) == [(m.start(), m.lastgroup, None) for m in exposure._CUE.finditer(text)]
