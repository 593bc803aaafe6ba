"""Two per-line shortcuts of reading a form read exactly what their definitions read: a line with
neither a bar nor a tab is no table row, and the characters that end the marks before a label are
a set rather than an expression. The previous ``cells`` is kept here as the definition."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard
from support.corpora import text_lines

from mailbot.core.homework import labels
from mailbot.core.homework.fields import cells


def cells_by_definition(line: str) -> list[str] | None:
    stripped = line.strip(" \n")
    if "\t" in stripped.strip():
        parts = stripped.split("\t")
    elif (stripped := stripped.strip()).startswith("|") or " | " in stripped or stripped.count("|") >= 2:
        parts = stripped.strip("|").split("|")
    else:
        return None
    parts = [part.strip() for part in parts]
    return parts if len(parts) >= 2 else None


ROW = st.lists(
    st.sampled_from(["|", " | ", "\t", " ", "\n", "a", "Situation", "7", "\u00a0", "||", "-"]), max_size=10
)


@settings(max_examples=guard(), deadline=None)
@given(st.one_of(ROW.map("".join), st.text(max_size=40)))
def test_a_line_is_cut_into_cells_as_before(line: str) -> None:
    assert cells(line) == cells_by_definition(line)


def test_a_line_with_neither_bar_nor_tab_is_no_row() -> None:
    assert cells("Situation: a meeting") is None
    assert cells("a | b") == ["a", "b"] == cells_by_definition("a | b")
    assert cells("a\tb") == ["a", "b"] == cells_by_definition("a\tb")


def test_the_marks_end_at_exactly_the_characters_the_expression_matches() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert labels._ends_marks(char) == (labels._MARK_END.match(char) is not None), hex(code)


def test_every_line_of_the_corpora_is_cut_into_cells_as_before() -> None:
    for line in text_lines():
        assert cells(line) == cells_by_definition(line), line
