"""Where a risk pattern can start: the first few characters each pattern can begin with.

Trying every pattern at every word of a mail (one alternation of all of them, 80,000 characters)
was the largest cost of reading a client's mail. Each pattern's expression is read once, as
Python's own parser reads it, and the strings of up to :data:`LENGTH` characters that a match can
begin with are listed; then only the positions of a text that begin with one of them are tried,
and only with the patterns that can begin there.

The lists may hold more than a pattern can match, never less: what the reading does not follow
(a lookahead, a character class such as ``\\w``, a back-reference, anything unknown) ends the
string there, which lets any continuation through, and a pattern that cannot be read at all
starts everywhere. So a position is skipped only where its pattern could not match; a
whitespace character stands for every whitespace character, as ``\\s`` does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

# Python's own reading of an expression (private, so typeshed has no stubs for it; a change in it
# makes a pattern start everywhere, never go unmatched).
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

from mailbot.core import risk_gate
from mailbot.core.risk_needs import needed, parsed

LENGTH = 6  # characters of a start, at most
WEAK_START = 3  # characters: a pattern that may start with so few is looked for by what it needs
_MOST = 4000  # starts kept per pattern; beyond, they are cut shorter
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"\w")
# ASCII with every character that is no letter (\W) made a space
_MARKS_TO_SPACES = bytes(code if code > 127 or _WORD.match(chr(code)) else 32 for code in range(256))
_CACHED = 50_000  # positions' characters whose patterns are kept
_WIDEST_RANGE = 64  # a range of more characters ([a-z] is 26) ends the start instead

# A start being read: its characters so far, and whether it may still grow.
_Start = tuple[str, bool]
_Tree = dict[str, "_Tree"]  # the starts as a tree of characters; "" marks where one ends
_Item = tuple[Any, Any]  # one item of an expression as re._parser reads it: (opcode, argument)
# A pattern's ``match``: the text, the position.
Matcher = Callable[[str, int], "re.Match[str] | None"]


@dataclass(frozen=True)
class PatternStarts:
    """For each length, the starts of that length and the patterns (by index) that begin with them."""

    by_length: tuple[tuple[int, dict[str, tuple[int, ...]]], ...]
    # finds each character that is no letter and is followed by some start (the text's beginning is
    # tried as if a space stood before it: a start is LENGTH characters at most)
    after: re.Pattern[str]
    # the same over ASCII text made bytes, every character that is no letter made a space: the search
    # for a space is a scan for one byte (a class tried at every character cost twice the search)
    after_ascii: re.Pattern[bytes]

    def places(self, folded: str) -> list[int]:
        """Every position where some pattern may begin, in order."""
        return [place for place in self._tried(folded) if self.matchers_at(folded, place)]

    def _tried(self, folded: str) -> list[int]:
        """The places, and for ASCII text some more (where a mark stands for a space)."""
        if folded.isascii():
            spaced = folded.encode("ascii").translate(_MARKS_TO_SPACES)
            found = [place.end() for place in self.after_ascii.finditer(spaced)]
        else:
            found = [place.end() for place in self.after.finditer(folded)]
        return [0, *found] if self.after.match(" " + folded[:LENGTH]) else found

    def matches(self, folded: str) -> list[int]:
        """Every position where some pattern matches, in order (none, at once, in a text where the
        gate finds no pattern: most mail)."""
        if self.gate is not None and not self.gate(risk_gate.readable(folded)):
            return []
        found = []
        known = self._found
        for place in self._tried(folded):
            matchers = known.get(folded[place : place + LENGTH])
            if matchers is None:
                matchers = self.matchers_at(folded, place)
            for match in matchers:
                if match(folded, place):
                    found.append(place)
                    break
        searched = [
            place
            for strings, regex in self.searched
            if any(string in folded for string in strings)
            for place in _every_match(regex, folded)
        ]
        return sorted({*found, *searched}) if searched else found

    regexes: tuple[re.Pattern[str], ...]
    # patterns with a common short word for a start ("i ", "im "), left out of the places: each is
    # looked for in mail that holds one of the strings its matches hold (core.risk_needs)
    searched: tuple[tuple[frozenset[str], re.Pattern[str]], ...]
    # what matchers_at found for the characters at a position, by those characters (a cache)
    _found: dict[str, tuple[Matcher, ...]] = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def gate(self) -> risk_gate.Gate | None:
        """All the patterns in one automaton (core.risk_gate), built on first use."""
        return risk_gate.gate(self.regexes)

    def patterns_at(self, folded: str, position: int) -> list[int]:
        """The indexes of the patterns that may match at ``position``, in list order."""
        key = _SPACE.sub(" ", folded[position : position + LENGTH])
        return sorted(
            {number for length, starts in self.by_length for number in starts.get(key[:length], ())}
        )

    def matchers_at(self, folded: str, position: int) -> tuple[Matcher, ...]:
        """The ``match`` of each pattern that may match at ``position`` (:meth:`patterns_at`)."""
        text = folded[position : position + LENGTH]
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= _CACHED:
                self._found.clear()
            numbers = self.patterns_at(folded, position)
            found = self._found[text] = tuple(self.regexes[number].match for number in numbers)
        return found


def pattern_starts(regexes: Sequence[re.Pattern[str]]) -> PatternStarts:
    """The starts of each of ``regexes`` (a pattern's index is its place in the sequence)."""
    index: dict[str, list[int]] = {}
    searched = []
    for number, regex in enumerate(regexes):
        starts, strings = _read(regex)
        if strings is not None:
            searched.append((strings, regex))
            continue
        for start in starts:
            index.setdefault(start, []).append(number)
    lengths: dict[int, dict[str, tuple[int, ...]]] = {}
    for start, numbers in index.items():
        lengths.setdefault(len(start), {})[start] = tuple(numbers)
    return PatternStarts(tuple(sorted(lengths.items())), *_places(index), tuple(regexes), tuple(searched))


@functools.lru_cache(maxsize=1024)
def _read(regex: re.Pattern[str]) -> tuple[frozenset[str], frozenset[str] | None]:
    """A pattern's starts, and the strings it is looked for by when it may start with too few
    characters: read once per process (every set of rules holds the built-in patterns)."""
    starts = _starts_of(regex)
    return frozenset(starts), needed(regex) if min(map(len, starts)) <= WEAK_START else None


def _every_match(regex: re.Pattern[str], folded: str) -> list[int]:
    """Each position where ``regex`` matches (a search from each one after the last found)."""
    found = []
    position = 0
    while position <= len(folded) and (hit := regex.search(folded, position)) is not None:
        found.append(hit.start())
        position = hit.start() + 1
    return found


def _starts_of(regex: re.Pattern[str]) -> set[str]:
    if regex.flags & re.IGNORECASE:
        return {""}
    try:
        tree = parsed(regex)
        return {text for text, _ in _extend({("", True)}, list(tree))}
    except Exception:  # noqa: BLE001 - a pattern this reading cannot follow starts everywhere
        return {""}


def _extend(starts: set[_Start], items: Iterable[_Item]) -> set[_Start]:
    """``starts`` followed by the sequence ``items`` of a parsed expression."""
    for op, value in items:
        growing = {text for text, grows in starts if grows}
        if not growing:
            return starts
        done = {start for start in starts if not start[1]}
        starts = done | _step(growing, op, value)
        if len(starts) > _MOST:
            starts = _shorten(starts)
    return starts


def _step(growing: set[str], op: Any, value: Any) -> set[_Start]:
    """The starts ``growing`` followed by one item of a parsed expression."""
    if op is sre.LITERAL:
        return _append(growing, {_symbol(chr(value))})
    if op is sre.IN:
        chars = _class_chars(value)
        return _append(growing, chars) if chars is not None else _stop(growing)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {(text, True) for text in growing}  # zero width: what it asks of the text is not kept
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, items = value
        if add_flags & re.IGNORECASE:
            return _stop(growing)
        return _extend({(text, True) for text in growing}, items)
    if op is sre.ATOMIC_GROUP:
        return _extend({(text, True) for text in growing}, value)
    if op is sre.BRANCH:
        _, branches = value
        found: set[_Start] = set()
        for branch in branches:
            found |= _extend({(text, True) for text in growing}, branch)
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, most, items = value
        return _repeat({(text, True) for text in growing}, least, most, items)
    return _stop(growing)  # any character, a back-reference, a conditional: anything may follow


def _repeat(starts: set[_Start], least: int, most: int, items: list[_Item]) -> set[_Start]:
    """``starts`` followed by ``items`` from ``least`` to ``most`` times (all of them together)."""
    found: set[_Start] = set()
    times = 0
    while True:
        if times >= least:
            found |= starts
        if most != sre.MAXREPEAT and times >= most:
            return found
        following = _extend(starts, items)
        if following == starts:  # nothing grows any more: every further time is the same
            return found | starts
        starts, times = following, times + 1
        if times > least + 4 * LENGTH:  # cannot happen for what the lists hold; stay safe anyway
            return found | {(text, False) for text, _ in starts}


def _append(growing: set[str], chars: set[str]) -> set[_Start]:
    return {(text + char, len(text) + 1 < LENGTH) for text in growing for char in chars}


def _stop(growing: set[str]) -> set[_Start]:
    return {(text, False) for text in growing}


def _shorten(starts: set[_Start]) -> set[_Start]:
    """Fewer, shorter starts: each cut by its last character (a shorter start lets more through)."""
    while len(starts) > _MOST:
        starts = {(text[:-1], False) for text, _ in starts}
    return starts


def _class_chars(items: list[_Item]) -> set[str] | None:
    """The characters of a class such as ``[\\s,]``, or None when it holds too many to list."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(_symbol(chr(value)))
        elif op is sre.RANGE and value[1] - value[0] <= _WIDEST_RANGE:
            chars.update(_symbol(chr(code)) for code in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value is sre.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return chars


def _symbol(char: str) -> str:
    return " " if _SPACE.match(char) else char


def _places(index: dict[str, list[int]]) -> tuple[re.Pattern[str], re.Pattern[bytes]]:
    """Expressions for "some start begins here", its starts written as a tree of characters: after
    a character that is no letter (a pattern begins a word), in text and in ASCII text made bytes.

    The start itself is looked at ahead, so that finding one place never hides the next one inside
    it; taking the character before it lets the search skip to the next such character in one step,
    where looking behind at every position cost twice as much.
    """
    if not index:
        return re.compile(r"(?!)"), re.compile(rb"(?!)")
    ahead = "(?=" + _branches(_tree(index)) + ")"
    # a start with a mark in it stands for every start with any mark there; one that is not ASCII
    # begins nowhere in ASCII text
    spaced = {"".join(c if _WORD.match(c) else " " for c in start) for start in index if start.isascii()}
    spaced_ahead = " (?=" + _branches(_tree(spaced)) + ")" if spaced else "(?!)"
    return re.compile(r"\W" + ahead), re.compile(spaced_ahead.encode("ascii"))


def _tree(starts: Iterable[str]) -> _Tree:
    tree: _Tree = {}
    for start in starts:
        node = tree
        for char in start:
            node = node.setdefault(char, {})
        node[""] = {}
    return tree


def _branches(node: _Tree) -> str:
    branches = [
        (r"\s" if char == " " else re.escape(char)) + _branches(node[char]) for char in sorted(node) if char
    ]
    if not branches:
        return ""
    either = "(?:" + "|".join(branches) + ")"
    return either + "?" if "" in node else either
