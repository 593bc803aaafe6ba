"""Reading answers was made cheaper again (issue 20, fifth session): tests that text an expression
is not asked about holds nothing it would find, against the code as it was before (kept here).

- ratings: plain substrings tell whether a scaled rating could be in a text ("/", "%", "of", "per",
  "pct", and for a fraction a denominator) and whether a number word _BARE reads could be (if not,
  a bare number is read by its digits alone);
- exposure: a sentence is searched for the words around SUDS ("before", "peaked at", ...) only
  when one of the words each of them holds is a word of it;
- forms: a line that gives a label and a value is not asked whether it heads an entry when no
  heading could change what it is (the reader as it was is kept here).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from typing import Any

from hw_checks import answers
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard

from mailbot.core.homework import exposure, fields, ratings
from mailbot.core.homework.labels import labels_of
from mailbot.core.homework.registry import TYPES

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


@settings(max_examples=guard(), deadline=None)
@given(TEXT)
def test_ratings_are_found_as_before(text: str) -> None:
    assert ratings._may_hold_rating(text) == _may_hold_as_it_was(text)
    assert ratings.locate_rating(text) == _locate_as_it_was(text)
    assert ratings.find_ratings(text) == _find_all_as_it_was(text)


@settings(max_examples=guard(), deadline=None)
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
    beyond = "".join(map(chr, range(128, sys.maxunicode + 1)))
    matched = set(re.findall("[a-z]", beyond, re.I))
    lowered = {char for char in beyond if char.lower() != char and re.search("[a-z]", char.lower())}
    assert matched | lowered == set(ratings._CASE_TWINS)


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


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(CUES), st.sampled_from(NUMBERS), st.sampled_from(" \n.;,")), max_size=10
    ).map("".join)
    | st.text(max_size=30)
)
def test_a_sentence_without_a_cue_word_holds_no_cue(text: str) -> None:
    assert exposure._cues(text) == [(m.start(), m.lastgroup, None) for m in exposure._CUE.finditer(text)]


class _ReaderAsItWas(fields._Reader):
    def feed_line(self, line: str) -> None:
        labelled = self.labels.match(line)
        opened = fields.heading(line)
        if opened and opened[1] and self.key and not "".join(self.value).strip() and not self.block.heading:
            self.block.heading = opened[0]
            self.value.append(opened[1])
        elif opened and not (labelled and labelled[1]):
            self.close_block()
            self.block.heading = opened[0]
            if opened[1]:
                self.feed_line(opened[1])
        elif labelled:
            self.start_value(*labelled)
        elif self.key in self.short and not line.strip() and "".join(self.value).strip():
            self.close_value()
        else:
            (self.value if self.key else self.prose).append(line.strip())


def _read_blocks_as_it_was(text: str, form: Any, rated: Any) -> list[fields.Block]:
    labels = labels_of(form, rated)
    reader = _ReaderAsItWas(labels, frozenset(), frozenset(rated) | frozenset(("step",)))
    lines = fields.clean_lines(text, labels)
    index = 0
    while index < len(lines):
        index = reader.feed(lines, index)
    reader.close_block()
    return [block for block in reader.blocks if block.items or block.paragraphs()]


FORMS = [tuple(t.fields({})) for t in TYPES.values()]
LABELS = [name for form in FORMS for f in form for name in (f.label, *f.aliases)]
HEADINGS = [
    *("Monday:", "Entry 2", "Sat 8 June: the wedding", "Day 3 - ", "**Tue**", "Date: 3 May", "# 4", "Log 2:"),
    *("Exposure 2: the lift\n", "Experiment 3: x\n", "Thought record 1: y\n", "Notes:\n", "Situation:\n"),
]


@settings(max_examples=guard(), deadline=None)
@given(
    st.sampled_from(FORMS), answers([*LABELS, *HEADINGS]), st.sampled_from([(), ("intensity", "suds_peak")])
)
def test_forms_are_read_as_before(form: Any, text: str, rated: Any) -> None:
    expected = _read_blocks_as_it_was(text, form, rated)
    assert fields.read_blocks(text, form, rated=rated, short=("step",)) == expected


def test_a_label_that_heads_an_entry_under_an_empty_label_is_its_heading() -> None:
    form = FORMS[list(TYPES).index("exposure")]
    text = "Notes:\nExposure 2: the lift\nStep: 3"
    assert fields.read_blocks(text, form, short=("step",)) == _read_blocks_as_it_was(text, form, ())
    assert fields.read_blocks(text, form, short=("step",))[0].heading == "Exposure 2"
