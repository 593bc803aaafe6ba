"""How a client names a homework in their own words: its title, else its type ("my mood log")."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

# How clients name a homework type in their own words.
TYPE_WORDS: Mapping[str, tuple[str, ...]] = {
    "bibliotherapy": ("bibliotherapy", "reading", "chapter", "book"),
    "mood-log": ("mood log", "mood-log", "moodlog", "thought record", "thought log"),
    "cognitive-exercise": ("cognitive exercise", "cognitive-exercise"),
    "journal": ("journal", "diary"),
    "exposure": ("exposure", "ladder", "suds"),
    "experiment": ("behavioural experiment", "behavioral experiment", "experiment"),
}


_WORD = re.compile(r"[\w%-]+")


class Named(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def type(self) -> str: ...


N = TypeVar("N", bound=Named)


def named_in(text: str, candidates: Sequence[N]) -> list[N]:
    """The candidates whose title, or else whose homework type, ``text`` mentions."""
    folded = fold(text)
    if not folded:
        return []
    by_title = [c for c in candidates if (title := fold_name(c.title)) and mentions(folded, title)]
    if by_title:
        return by_title
    return [c for c in candidates if any(mentions(folded, word) for word in TYPE_WORDS.get(c.type, ()))]


def fold(text: str) -> str:
    """``text`` as comparable words: case-folded, punctuation gone, one space between."""
    return " ".join(_WORD.findall(text.casefold()))


@functools.lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """:func:`fold` of a title or label, which every line of a reply is compared with (kept)."""
    return fold(name)


def mentions(folded_text: str, phrase: str) -> bool:
    # most lines name no homework: a plain substring test rules them out at a fraction of the cost
    return phrase in folded_text and _as_word(phrase).search(folded_text) is not None


@functools.lru_cache(maxsize=1024)
def _as_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
