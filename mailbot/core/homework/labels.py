"""A form's labels, matched against lines the way clients write them ("**Situation** (where): ...").

Every label is one pattern: bullets, numbering and emphasis before it, its words (any case, any
run of spaces or tabs between them), a number or a hint in brackets after it, then a separator
and the value. The longest label is tried first. A form's ``Labels`` are built once and kept
(``labels_of``). A line that no marks can start (most of them: "Situation: ...") is read by one
expression of every label's words (``Labels._first``): the first label whose pattern matches it,
found in C. Any other line tries only the labels that could start it (``Labels._candidates``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable

from mailbot.core.homework import FormField
from mailbot.core.homework.ratings import parse_rating

_PREFIX = r"^[ \t]*+(?:[-*•·+][ \t]++)?(?:\#{1,6}[ \t]*+)?(?:\(?(?:\d{1,2}|[a-h])[.)][ \t]*+)?"
_SEP = r"(?P<sep>:|=|\||\t|[-–—]+(?=\s|$)|\?|(?<=\d)[.)])"
_LABEL_START = rf"{_PREFIX}[*_]{{0,2}}[ \t]*+(?:(?:my|the)[ \t]++)?"
# What follows a label's words in its pattern: a plural, a number, a hint, the separator, the value.
_TAIL = (
    r"(?:s|\(s\))?(?![^\W_]|['’])[*_]{0,2}(?:[ \t]*+\#?[ \t]*+(?P<num>\d{1,3})(?!\d))?"
    r"[ \t]*+(?:[(\[][^)\]\n]{0,60}[)\]])?"
    rf"[ \t]*+[*_]{{0,2}}[ \t]*+{_SEP}?[ \t]*+[*_]{{0,2}}(?P<value>.*)$"
)
_SAID_MOST = 1024  # label words as written kept per form (``Labels._said``), against odd input
# Every character _LABEL_START can take: where it ends, a label's words begin...
_MARKS = re.compile(r"(?:[ \t]|[-*•·+]|\#|\(|\d|[a-h]|[.)]|[*_]|m|y|t|h|e)*+", re.I)
# ...right after one of these (its letters end nothing: "my" and "the" need a space after them,
# "a" to "h" a "." or ")").
_MARK_END = re.compile(r"[ \t]|[-*•·+]|\#|\(|\d|[.)]|[*_]", re.I)
_MARK_END_CHARS = frozenset(" \t-*•·+#(.)_")  # and the digits: what _MARK_END matches, as a set


class Labels:
    """The labels of a form, matched against lines the way clients write them."""

    def __init__(self, fields: Iterable[FormField], rated: Collection[str] = ()) -> None:
        names = [(name, f.key) for f in fields for name in (f.label, *f.aliases) if name.strip()]
        names.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._names = [name for name, _ in names]
        self._keys = [key for _, key in names]
        self._start = _any_label_regex(tuple(self._names))
        self._first = _first_regex(tuple(self._names), lower=False)
        ascii_names = all(name.isascii() for name in self._names)
        self._lower = _first_regex(tuple(self._names), lower=True) if ascii_names else None
        self._said: tuple[dict[str, int], dict[str, int]] = ({}, {})  # words as written: which label
        self._rated = frozenset(rated)
        words = [_words(name) for name in self._names]
        self._firsts = [_first_letter(name) for name in self._names]
        self._always = frozenset(i for i, first in enumerate(self._firsts) if first is None)
        self._unplain = [i for i, w in enumerate(words) if w and not " ".join(w).isascii()]
        unplain = frozenset(self._unplain)
        plain = [(" ".join(w).lower(), i) for i, w in enumerate(words) if w and i not in unplain]
        # A line's words begin with a plain label's exactly when they begin with the longest plain
        # label they begin with (one expression finds it) or with a label that one begins with.
        said_all = sorted({said for said, _ in plain}, key=len, reverse=True)
        self._plain = re.compile("|".join(map(re.escape, said_all))) if said_all else None
        self._within = {longest: [i for said, i in plain if longest.startswith(said)] for longest in said_all}
        self._longest = max((len(said) for said, _ in plain), default=0)
        self._most_words = max((len(w) for w in words), default=0)
        self._by_letter: dict[str, frozenset[int]] = {}
        self._patterns: list[re.Pattern[str] | None] = [None] * len(self._names)  # compiled when first tried
        self._blank = self._one_by_one("") if self._start and self._start.match("") else None

    def match(self, line: str) -> tuple[str, str, str | None] | None:
        """Return (key, value, number) when ``line`` starts with a label, else None.

        ``number`` is a number right after the label ("Thought 2:"); for a rated key a rating
        right after the label is its value instead ("Intensity 80%").
        """
        if not line or self._first is None:
            return self._blank
        lower = self._lower is not None and line.isascii()
        said = line.lower() if lower else line
        first = (self._lower if lower else self._first).match(said)  # type: ignore[union-attr]
        if first is None:
            return None  # no label starts the line: most lines are words, not labels
        if first.lastindex != 1:  # no marks before the words: their label's pattern matches
            end = first.end()
            read = self._read(self._which(said[:end], lower), line, first, (0, end))
            if read is not None:
                return read
        elif not self._start or not self._start.match(line):
            return None
        return self._one_by_one(line)

    def _one_by_one(self, line: str) -> tuple[str, str, str | None] | None:
        """What the first label whose pattern matches ``line`` and reads a label from it reads."""
        patterns = self._patterns
        for index in self._candidates(line):
            pattern = patterns[index] or self._pattern(index)
            found = pattern.match(line)
            read = self._read(index, line, found, found.span("label")) if found else None
            if read is not None:
                return read
        return None

    def _which(self, said: str, lower: bool) -> int:
        """The first label whose words are ``said`` (the words of a line ``_first`` matched)."""
        known = self._said[lower]
        index = known.get(said)
        if index is None:
            if len(known) >= _SAID_MOST:
                known.clear()
            found = _words_regex(tuple(self._names), lower).fullmatch(said)
            index = known[said] = found.lastindex - 1  # type: ignore[union-attr,operator]
        return index

    def alone(self, text: str) -> str | None:
        """Return the key when ``text`` is nothing but a label (a table header cell), else None."""
        found = self.match(text)
        return found[0] if found and not found[1] and not found[2] else None

    def _candidates(self, line: str) -> list[int]:
        """The labels that could start ``line``, longest first; the others cannot match it.

        A label's words begin where the bullets, numbering and emphasis before them end: at one
        of the line's first characters, up to the first that cannot be such a mark, right after
        one that can end them."""
        reach = _MARKS.match(line).end()  # type: ignore[union-attr]  # it matches the empty string
        first = self._starting_at(line, 0)
        if not reach and not self._always:
            return sorted(first)  # the words begin at the first character: most labelled lines
        found = {*self._always, *first}
        for start in range(1, reach + 1):
            char = line[start - 1]
            if char in _MARK_END_CHARS or char.isdecimal():  # _ends_marks(char), asked of a few characters
                found.update(self._starting_at(line, start))
        return sorted(found)

    def _pattern(self, index: int) -> re.Pattern[str]:
        pattern = self._patterns[index] = _label_regex(self._names[index])
        return pattern

    def _starting_at(self, line: str, start: int) -> Iterable[int]:
        """The labels whose words could begin at ``start``: in ASCII the words themselves, one
        space between them, compared in lower case (what the patterns' ignoring case is there);
        in other text, by the first letter only."""
        said = line[start : start + self._longest]
        if "\t" in said or "  " in said:  # the words of a label may have any spaces between them
            said = " ".join(line[start:].split(None, self._most_words)[: self._most_words])
        if said.isascii():
            longest = self._plain.match(said.lower()) if self._plain else None
            found = self._within[longest.group()] if longest else []
            return found + self._unplain if self._unplain else found
        letter = line[start : start + 1]
        if letter not in self._by_letter:
            self._by_letter[letter] = frozenset(
                i for i, first in enumerate(self._firsts) if first is not None and first.match(letter)
            )
        return self._by_letter[letter]

    def _read(
        self, index: int, line: str, found: re.Match[str], label: tuple[int, int]
    ) -> tuple[str, str, str | None] | None:
        """The key, value and number label ``index`` read from ``line``, where its words span
        ``label`` and ``found`` matched what follows them (in ``line`` or ``line.lower()``); None
        when the match is not a label after all (a label word that starts a sentence: "After
        lunch I ...")."""
        key = self._keys[index]
        start, end = found.span("value")
        value = line[start:end].strip().rstrip("*_").strip()
        number = found.group("num")  # digits: the same in lower case
        if key in self._rated and found.group("sep") is None and (value or number):
            after = line[label[1] :].strip(" \t*_")
            if parse_rating(after) is not None:
                return key, after, None
        if found.group("sep") is None and value and not line[label[0] : label[1]].endswith("?"):
            return None
        return key, value, number


def _ends_marks(char: str) -> bool:
    """``_MARK_END.match(char)`` without the expression: it is asked at a line's first characters."""
    return char in _MARK_END_CHARS or char.isdecimal()


def labels_of(fields: Iterable[FormField], rated: Collection[str] = ()) -> Labels:
    """The ``Labels`` of a form, built once per form: their patterns are the costly part."""
    form, rated_keys = tuple(fields), frozenset(rated)
    try:
        return _labels(form, rated_keys)
    except TypeError:  # a field that cannot be hashed (aliases in a list): built afresh
        return Labels(form, rated_keys)


@functools.lru_cache(maxsize=256)
def _labels(fields: tuple[FormField, ...], rated: frozenset[str]) -> Labels:
    return Labels(fields, rated)


@functools.lru_cache(maxsize=1024)
def _label_regex(name: str) -> re.Pattern[str]:
    return re.compile(_label_pattern(name), re.I)


@functools.lru_cache(maxsize=256)
def _any_label_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """What every label's pattern starts with, for any of ``names``: a line this does not match
    cannot match any of them (their shared prefix, then one alternation of the label words)."""
    if not names:
        return None
    words = "|".join(_label_words(name) for name in names)
    return re.compile(rf"{_LABEL_START}(?:{words})", re.I)


@functools.lru_cache(maxsize=256)
def _first_regex(names: tuple[str, ...], lower: bool) -> re.Pattern[str] | None:
    """Where the words of the first label whose pattern matches a line end, and the groups of
    what follows them, when no marks can start the line ("1.", "- ", "**", "the "): then every
    pattern tries its words at the first character only, as this does, and what follows them by
    the same expression. A line that marks can start matches group 1 (its labels are tried one by
    one then); no match: no label starts it.

    ``lower``: for lines in ASCII put in lower case, ``names`` being in ASCII. Ignoring case is
    nothing else there: the expression makes the same choices in the same order."""
    if not names:
        return None
    words = "|".join(_label_body(name.lower() if lower else name) for name in names)
    return re.compile(rf"{_LABEL_START}(?<=[\s\S])()|(?:{words})(?={_TAIL})", 0 if lower else re.I)


@functools.lru_cache(maxsize=256)
def _words_regex(names: tuple[str, ...], lower: bool) -> re.Pattern[str]:
    """Group n + 1 when the words of label n are a text, and of none before it (``_first``'s
    choice: the same words are followed by the same rest)."""
    words = "|".join(f"{_label_body(name.lower() if lower else name)}()" for name in names)
    return re.compile(words, 0 if lower else re.I)


def _words(name: str) -> list[str]:
    return name.strip().rstrip(":").strip().rstrip("?").split()


def _first_letter(name: str) -> re.Pattern[str] | None:
    """What the first letter of a label's words matches (None: the label has no words, only "?")."""
    words = _label_words(name)
    if not words:
        return None
    return re.compile(words[:2] if words[0] == "\\" else ("['’]" if words[0] == "[" else words[0]), re.I)


def _label_words(name: str) -> str:
    return r"[ \t]+".join(re.escape(word).replace("'", "['’]") for word in _words(name))


def _label_body(name: str) -> str:
    """A label's words as its pattern reads them, with the "?" of a question."""
    question = r"[ \t]*\?" if name.strip().rstrip(":").strip().endswith("?") else ""
    return _label_words(name) + question


def _label_pattern(name: str) -> str:
    return rf"{_LABEL_START}(?P<label>{_label_body(name)}){_TAIL}"
