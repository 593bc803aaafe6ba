"""A line that no marks can start is read by one expression of every label's words (issue 20,
seventh session): ``Labels.match`` must read what trying every label's own pattern in turn, longest
first, read (kept here as the definition), for any form and any line.

The shortcut holds because with nothing before the words each pattern tries them at the first
character only, and what follows them is the same expression for every label; ASCII lines are
matched in lower case against the labels in lower case when the labels are ASCII.
"""

from __future__ import annotations

from typing import Any

from hw_checks import match_one_by_one
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard
from support.corpora import text_lines

from mailbot.core.homework import FormField
from mailbot.core.homework.exposure import _ALL_SUDS, _KEYS, FORM
from mailbot.core.homework.labels import _SAID_MOST, Labels, labels_of
from mailbot.core.homework.registry import TYPES

FORMS: list[tuple[tuple[FormField, ...], frozenset[str]]] = [
    (tuple(t.fields({"questions": ["What stayed with you?"], "good_things": True})), frozenset())
    for t in TYPES.values()
]
FORMS += [((*FORM, _ALL_SUDS), frozenset(_KEYS))]  # as exposure reads them
LABELS = [name for form, _ in FORMS for f in form for name in (f.label, *f.aliases)]
MARKS = [
    "- ",
    "* ",
    "• ",
    "1. ",
    "12) ",
    "(3) ",
    "a) ",
    "B. ",
    "# ",
    "## ",
    "**",
    "__",
    "my ",
    "The ",
    " ",
    "\t",
]
ODD = [
    "K",
    "ſ",
    "ı",
    "İ",
    "ß",
    "é",
    "’",
    "'",
    "?",
    "??",
    ":",
    "(s)",
    "s",
    "S",
    " 3",
    "#2",
    "\u00a0",
    "\n",
    "٣",
]
AFTER = [": ", ":", " - ", " = ", " | ", "\t", "?", "3.", " (where): ", "**: ", " 80%", " 8/10", "", "  "]
VALUES = ["the office", "80", "about 70", "After lunch I", "", "x", "Müller said hi", "eight out of ten"]

NAME = st.one_of(
    st.sampled_from(LABELS),
    st.lists(
        st.sampled_from(["Situation", "SUDS", "before", "it's", "why", "my", "the", "a)", "K", "ſ", "?"]),
        min_size=1,
        max_size=3,
    ).map(" ".join),
    st.text(min_size=1, max_size=8),
)
PIECE = st.one_of(
    st.sampled_from(LABELS),
    st.sampled_from(MARKS),
    st.sampled_from(ODD),
    st.sampled_from(AFTER),
    st.sampled_from(VALUES),
    st.text(max_size=4),
)


def _form(names: list[str], rated: int) -> Labels:
    fields = [FormField(f"k{n % 4}", name) for n, name in enumerate(names)]
    return Labels(fields, {f"k{n}" for n in range(rated)})


def _match_as_it_was(labels: Labels, line: str) -> tuple[str, str, str | None] | None:
    """Labels.match before the shortcut: the labels that could start the line, one by one (what
    ``match_one_by_one`` reads, quicker to ask of every corpus line; one line in 20 asks that too)."""
    return labels._one_by_one(line) if labels._start and labels._start.match(line) else None


def test_every_line_of_the_corpora_matches_the_label_it_matched() -> None:
    every = [labels_of(form, rated) for form, rated in FORMS]
    lines = text_lines()
    assert len(lines) > 1000
    for line in lines:
        for labels in every:
            assert labels.match(line) == _match_as_it_was(labels, line), line
    for line in lines[::20]:
        assert every[-1].match(line) == match_one_by_one(every[-1], line), line


@settings(max_examples=guard(), deadline=None)
@given(st.sampled_from(FORMS), st.lists(PIECE, max_size=6).map("".join))
def test_a_line_matches_the_label_it_matched(form: Any, line: str) -> None:
    labels = labels_of(*form)
    assert labels.match(line) == match_one_by_one(labels, line)


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(NAME, min_size=1, max_size=6), st.integers(0, 4), st.lists(st.one_of(NAME, PIECE), max_size=6)
)
def test_any_form_matches_any_line_as_its_labels_one_by_one(
    names: list[str], rated: int, pieces: list[str]
) -> None:
    labels = _form(names, rated)
    line = "".join(pieces)
    assert labels.match(line) == match_one_by_one(labels, line)
    assert labels.match(line.lower()) == match_one_by_one(labels, line.lower())


def test_the_first_label_is_the_one_its_pattern_tries_first() -> None:
    labels = _form(["SUDS before", "SUDS", "Why?", "Why", "the situation", "Situation", "it's"], 2)
    cases = {
        "SUDS before: 60": ("k0", "60", None),
        "SUDS beforehand: 60": None,  # "SUDS" with no separator: a sentence
        "suds   BEFORE 60": ("k0", "60", None),
        "SUDS before 60%": ("k0", "60%", None),
        "Why ? because": ("k2", "because", None),
        "Why: because": ("k3", "because", None),
        "The situation: work": ("k0", "work", None),
        "Situations: work": ("k1", "work", None),
        "Situational awareness": None,
        "IT’S: fine": ("k2", "fine", None),
        "SUDS 3: 40": ("k1", "40", "3"),
        "SUDS before: ſ": ("k0", "ſ", None),
        "ſUDS before: 60": ("k0", "60", None),
        "": None,
    }
    for line, read in cases.items():
        assert labels.match(line) == read == match_one_by_one(labels, line), line


def test_labels_outside_ascii_are_matched_ignoring_case_as_the_patterns_do() -> None:
    labels = _form(["ſuds", "Kälte", "Situation"], 0)  # "ſ" is an "s" to them, and "K" a "k"
    for line in ("SUDS: 3", "suds: 3", "KÄLTE: x", "kälte: x", "ſituation: x", "Situation: ſ"):
        assert labels.match(line) == match_one_by_one(labels, line) is not None, line


def test_a_label_without_words_matches_a_blank_line_as_it_did() -> None:
    labels = _form(["?", "Notes"], 0)
    for line in ("", "?", " ? x", "Notes: x", "- Notes"):
        assert labels.match(line) == match_one_by_one(labels, line), line


def test_the_words_kept_per_form_are_bounded() -> None:
    labels = _form(["How strongly you believe it"], 0)
    for n in range(_SAID_MOST + 10):
        line = "How" + " " * (n % 40 + 1) + "strongly" + "\t" * (n // 40 + 1) + "you believe it: 80"
        assert labels.match(line) == ("k0", "80", None)
    assert len(labels._said[True]) <= _SAID_MOST and not labels._said[False]
