"""Cutting a combined reply reads each line as it did before its shortcuts: the markup around a
possible heading is stripped by two strips instead of ``MARKUP.sub``, and words are folded by a
compiled expression. The previous line reading is kept here as the definition."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard
from support.corpora import text_lines

from mailbot.core import combined_reply
from mailbot.core.combined_reply import EXTRA_HEADING_WORDS, MAX_AFTER_HEADING, MAX_HEADING, split_reply
from mailbot.core.matching import Candidate
from mailbot.core.naming import TYPE_WORDS, fold, fold_name
from mailbot.core.sections import LABEL, MARKUP
from mailbot.practice.reading import form_labels

ITEMS = [
    Candidate(10, 1, "HW-AAAA", "Evening journal", "journal", True),
    Candidate(11, 1, "HW-BBBB", "Daily mood log", "mood-log", True),
    Candidate(12, 1, "HW-CCCC", "Chapter 3", "bibliotherapy", True),
    Candidate(13, 1, "HW-DDDD", "", "exposure", True),
]
LABELS = {c.id: form_labels(c.type, {}) for c in ITEMS}
FORMS = {c.id: {fold_name(label) for label in LABELS[c.id]} for c in ITEMS}


def fold_by_definition(text: str) -> str:
    return " ".join(re.findall(r"[\w%-]+", text.casefold()))


def mentions_by_definition(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", folded) is not None


def named_by_definition(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    folded = fold_by_definition(text)
    if not folded:
        return []
    by_title = [
        c
        for c in candidates
        if (title := fold_by_definition(c.title)) and mentions_by_definition(folded, title)
    ]
    if by_title:
        return by_title
    return [
        c
        for c in candidates
        if any(mentions_by_definition(folded, word) for word in TYPE_WORDS.get(c.type, ()))
    ]


def heading_by_definition(
    line: str, candidates: Sequence[Candidate], forms: Mapping[int, set[str]]
) -> tuple[int, str] | None:
    """``combined_reply._heading`` as it was before its shortcuts."""
    bare = MARKUP.sub("", line)
    if not bare or len(bare) > MAX_HEADING:
        return None
    label = LABEL.match(bare)
    head, after = (label.group(1), label.group(2).strip()) if label else (bare, "")
    named = named_by_definition(head, candidates)
    if len(named) != 1:
        return None
    item = named[0]
    folded = fold_by_definition(head)
    title = fold_by_definition(item.title)
    if title and mentions_by_definition(folded, title):
        name = title
    else:
        words = (w for w in TYPE_WORDS.get(item.type, ()) if mentions_by_definition(folded, w))
        name = max(words, key=len, default="")
    if len(folded.split()) - len(name.split()) > EXTRA_HEADING_WORDS:
        return None
    if after and (folded in forms.get(item.id, set()) or len(after.split()) > MAX_AFTER_HEADING):
        return None
    return item.id, after


PIECES = st.sampled_from(
    [
        "Mood log",
        "Evening journal",
        "evening JOURNAL",
        "Chapter 3",
        "my diary",
        "exposure",
        "suds",
        "Situation",
        "Emotion",
        "Thoughts",
        "Monday",
        ":",
        " - ",
        " – ",
        "**",
        "__",
        "#",
        "> ",
        "•",
        "-",
        "\t",
        " ",
        "\u00a0",
        "\u2003",
        "%",
        "ß",
        "x" * 41,
    ]
)
LINE = st.one_of(st.lists(PIECES, max_size=8).map("".join), st.text(max_size=60))


@settings(max_examples=guard(), deadline=None)
@given(LINE)
def test_a_line_is_read_as_a_heading_exactly_as_before(line: str) -> None:
    assert fold(line) == fold_by_definition(line)
    assert combined_reply._heading(line, ITEMS, FORMS) == heading_by_definition(line, ITEMS, FORMS)


@settings(max_examples=guard(150), deadline=None)
@given(st.lists(LINE, max_size=12))
def test_a_reply_is_cut_where_the_headings_read_as_before_say(lines: list[str]) -> None:
    text = "\n".join(lines)
    headings = [heading_by_definition(line, ITEMS, FORMS) for line in text.splitlines()]
    assert [combined_reply._heading(line, ITEMS, FORMS) for line in text.splitlines()] == headings
    split_reply(text, ITEMS, LABELS)  # and the whole cut still runs over such text


def test_markup_around_a_heading_is_stripped_as_before() -> None:
    line = "> **Mood log – Monday** __"
    assert (
        combined_reply._heading(line, ITEMS, FORMS)
        == (11, "Monday")
        == heading_by_definition(line, ITEMS, FORMS)
    )


def test_every_line_of_the_corpora_is_read_as_a_heading_as_before() -> None:
    for line in text_lines():
        assert fold(line) == fold_by_definition(line), line
        assert combined_reply._heading(line, ITEMS, FORMS) == heading_by_definition(line, ITEMS, FORMS), line
