"""What every homework parser test checks: values are cut out of the client's words, never made up."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from mailbot.core.homework.labels import Labels, _label_regex
from mailbot.core.homework.ratings import parse_rating

# Keys whose values come from a fixed vocabulary or the assignment, not from the client's words.
_VOCABULARY = ("voice", "question")


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space."""
    return " ".join(text.split())


def assert_cut_from(
    text: str, entries: Sequence[Mapping[str, Any]], made: Mapping[str, Callable[[Any], bool]] | None = None
) -> None:
    """Every string found is a piece of ``text`` (modulo whitespace), paragraph by paragraph; every
    int is a 0-100 rating. ``made`` lets a key hold values the parser derives (an ISO date, "A")."""
    source = flat(text)
    for entry in entries:
        for key, value in entry.items():
            if made and key in made and made[key](value):
                continue
            for piece in _pieces(value):
                if isinstance(piece, int):
                    assert 0 <= piece <= 100, (key, piece)
                    continue
                assert piece.strip(), (key, value)
                for paragraph in re.split(r"\n\s*\n", piece):
                    assert flat(paragraph) in source, (key, paragraph)


def _pieces(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _pieces(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _VOCABULARY and item is not None:
                yield from _pieces(item)
    else:
        yield value


def answers(labels: Sequence[str]) -> st.SearchStrategy[str]:
    """Arbitrary text, and text built of form labels, ratings and mail leftovers, to fuzz a parser."""
    fragments = [
        *labels,
        ":",
        " - ",
        " | ",
        "\t",
        "\n",
        "\n\n",
        "> ",
        "**",
        "1. ",
        "- ",
        "80",
        "8/10",
        "80%",
        "eight out of ten",
        "Monday:",
        "Entry 2",
        "From: a\nSent: b\nTo: c\nSubject: d\n",
        "Sent from my iPhone",
        "-- \n",
        "Thanks,\nBen",
        "I thought ",
        "I felt ",
        " when ",
        "(",
        ")",
        "'",
        "?",
        ".",
        ",",
        "3 June 2024",
    ]
    built = st.lists(st.one_of(st.sampled_from(fragments), st.text(max_size=12)), max_size=40).map("".join)
    return st.one_of(st.text(), built)


def match_one_by_one(labels: Labels, line: str) -> tuple[str, str, str | None] | None:
    """Labels.match as it was first: every label's pattern in turn, longest label first (the
    definition its shortcuts are held to)."""
    for name, key in zip(labels._names, labels._keys, strict=True):
        found = _label_regex(name).match(line)
        if not found:
            continue
        value = found.group("value").strip().rstrip("*_").strip()
        number = found.group("num")
        if key in labels._rated and found.group("sep") is None and (value or number):
            after = line[found.end("label") :].strip(" \t*_")
            if parse_rating(after) is not None:
                return key, after, None
        if found.group("sep") is None and value and not found.group("label").endswith("?"):
            continue
        return key, value, number
    return None
