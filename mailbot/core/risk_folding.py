"""The copy of a client's text that the risk patterns read: lower case, no accents, whitespace
folded, chat spellings rewritten ("wanna" -> "want to").

:func:`fold` makes that copy alone, as fast as it can, for every client mail; :func:`normalise`
makes the same copy with each character's origin in the text, which places a quote: it runs
only for a mail where some pattern matched. Pure: no I/O.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from mailbot.core.risk_phrases.spelling import SPELLINGS

_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018`\u00b4\u02bc\u2032"), "'")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACE_RUN = re.compile(r"\s+")  # what str.isspace() calls whitespace, in runs
# The runs that fold to something else than themselves: all but a lone space or line break. The
# expression begins with one class, so that the search skips to the next whitespace in one step.
_SPACE_RUN_TO_FOLD = re.compile(r"\s(?:(?<![ \n])|(?=\s))\s*")
# Whitespace that is neither a space nor a line break ("\t", "\r", no-break spaces), and the pairs
# that begin every other run that folds (a lone "\n\n" folds to itself).
_ODD_SPACES = tuple(char for char in map(chr, range(0x3001)) if char.isspace() and char not in " \n")
_SPACE_PAIRS = ("  ", " \n", "\n ", "\n\n\n")
_ODD_ASCII_SPACES = tuple(char for char in _ODD_SPACES if char.isascii())
_WORD = re.compile(r"[\w']+")
_ASCII_BYTES = bytes(range(128))
_UTF8 = ("utf-8", "surrogatepass")  # a lone surrogate (from a mail's bad bytes) goes there and back
_LOWER_ASCII: dict[int, str | None] = {
    ord(char): char.lower() for char in map(chr, range(ord("A"), ord("Z") + 1))
}


def fold(text: str) -> str:
    """The normalised text, exactly ``normalise(text)[0]``, without the origins."""
    spaced = _SPACE_RUN_TO_FOLD.sub(_space, text) if _spaces_to_fold(text) else text
    plain = spaced.lower() if spaced.isascii() else _lower_non_ascii(spaced)
    return _respell(plain, None)[0]


def _spaces_to_fold(text: str) -> bool:
    """Whether some whitespace run of ``text`` folds to something else (most mail has none)."""
    odd = _ODD_ASCII_SPACES if text.isascii() else _ODD_SPACES
    return any(pair in text for pair in _SPACE_PAIRS) or any(char in text for char in odd)


def _lower_non_ascii(text: str) -> str:
    """``text`` lowered and made plain, character by character, as :func:`plain_char` does.

    The ASCII letters are lowered as bytes (``bytes.lower`` leaves every other byte alone), and each
    of the few other characters a mail holds is replaced on its own; a table that ``str.translate``
    looked up for every character cost 0.4 ms a message.
    """
    raw = text.encode(*_UTF8)
    others = set(raw.translate(None, _ASCII_BYTES).decode(*_UTF8))
    plain = {char: _plain_or_none(char) or "" for char in others}
    if _replaced_again(plain):
        return text.translate(_LOWER_ASCII | {ord(char): _plain_or_none(char) for char in others})
    lowered = raw.lower().decode(*_UTF8)
    for char, out in plain.items():
        lowered = lowered.replace(char, out)
    return lowered


def _replaced_again(plain: dict[str, str]) -> bool:
    """Whether a character's replacement holds another character replaced by something else (the
    double prime, whose plain form is two primes, each made an apostrophe): replacing one at a time
    would then differ from replacing all at once. A dash or a quote mark stays as it is."""
    return any(
        plain[char] != char
        for out in plain.values()
        if not out.isascii()
        for char in set(out)
        if char in plain
    )


def normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased, accent-free text with whitespace runs folded, and each character's origin.

    A run of whitespace becomes one space, or one newline if it held a line break (two if it
    held a blank line, which ends a sentence). Runs of ASCII between the whitespace are lowered
    whole (most mail is mostly ASCII: a character-by-character loop cost 20 ms a message).
    """
    out: list[str] = []
    origin: list[int] = []
    index = 0
    for space in _SPACE_RUN.finditer(text):
        _fold_word(text, index, space.start(), out, origin)
        index, end = space.start(), space.end()
        fold = _space(space)
        out.append(fold)
        origin.extend([index] * len(fold))
        index = end
    _fold_word(text, index, len(text), out, origin)
    folded, mapped = _respell("".join(out), origin)
    assert mapped is not None
    return folded, mapped


def _space(space: re.Match[str]) -> str:
    """A whitespace run as the patterns see it: a blank line, a line break or a space."""
    run = space.group()
    breaks = run.count("\n") + run.count("\r") // 2
    return "\n\n" if breaks >= 2 or "\n\n" in run else "\n" if breaks else " "


def _fold_word(text: str, start: int, end: int, out: list[str], origin: list[int]) -> None:
    """``text[start:end]`` (no whitespace in it) lowered and made plain, onto ``out``."""
    part = text[start:end]
    if part.isascii():
        out.append(part.lower())
        origin.extend(range(start, end))
        return
    for index in range(start, end):
        char = text[index]
        if char not in INVISIBLE:
            plain = plain_char(char)
            out.append(plain)
            origin.extend([index] * len(plain))


def _respell(folded: str, origin: list[int] | None) -> tuple[str, list[int] | None]:
    """Informal spellings ("wanna", "kiero") rewritten as the patterns expect, origins kept."""
    out: list[str] = []
    mapped: list[int] = []
    done = 0
    for start, end in _spelled(folded):
        # "U-Bahn", "2-3 times", "24/7": part of a longer token, not a chat spelling
        if folded[end : end + 1] in ("-", "/") or folded[start - 1 : start] in ("-", "/"):
            continue
        spelled = SPELLINGS[folded[start:end]]
        out.append(folded[done:start])
        out.append(spelled)
        if origin is not None:
            mapped.extend(origin[done:start])
            mapped.extend([origin[start]] * (len(spelled) - 1) + [origin[end - 1]])
        done = end
    if not out:
        return folded, origin
    out.append(folded[done:])
    if origin is None:
        return "".join(out), None
    mapped.extend(origin[done:])
    return "".join(out), mapped


def _spelled(folded: str) -> Iterator[tuple[int, int]]:
    """Where each whole word (as _WORD finds words) that is a chat spelling stands, in order."""
    first = _SPELLED_FIRST.match(folded)
    if first is not None:
        yield first.span()
    # a byte a character (beyond ASCII: "a" for a letter, a space for another), every character
    # that no word holds a space: the chat spellings are ASCII
    spaced = folded.encode("ascii", _WORD_OR_SPACE).translate(_MARKS_TO_SPACES)
    yield from ((word.start() + 1, word.end()) for word in _SPELLED_AFTER_ASCII.finditer(spaced))


def _alternatives(words: Iterable[str]) -> str:
    """An expression for any of ``words``, as a tree of characters (a long list of alternatives
    was tried one by one at every word)."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _branches(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    either = "(?:" + "|".join(branches) + ")"
    return either + "?" if "" in node else either


# A chat spelling at the start of the text, or after a character no word holds (taken with it: a
# search for that one class is much faster than a look behind at every position).
_SPELLED_FIRST = re.compile(r"(?:" + _alternatives(SPELLINGS) + r")(?![\w'])")
# (the search over the text, which _spelled's search over bytes must equal: the unit tests' definition)
_SPELLED_AFTER = re.compile(r"[^\w'](?:" + _alternatives(SPELLINGS) + r")(?![\w'])")
# The same for ASCII text made bytes, each character that no word holds made a space: the search
# for a space is a scan for one byte, where a class tried at every character cost a third more.
_SPELLED_AFTER_ASCII = re.compile(
    rb" (?:" + _alternatives(SPELLINGS).encode("ascii") + rb")(?![0-9A-Z_a-z'])"
)
_MARKS_TO_SPACES = bytes(code if code > 127 or re.match(r"[\w']", chr(code)) else 32 for code in range(256))
_WORD_OR_SPACE = "mailbot-risk-word-or-space"  # an encoding's error handler, registered below
_LETTER = re.compile(r"\w")


def _word_or_space(error: UnicodeError) -> tuple[str, int]:
    """Each character ASCII cannot hold as "a" when ``\\w`` takes it, else as a space."""
    assert isinstance(error, UnicodeEncodeError)
    part = error.object[error.start : error.end]
    return "".join("a" if _LETTER.match(char) else " " for char in part), error.end


codecs.register_error(_WORD_OR_SPACE, _word_or_space)


def plain_char(char: str) -> str:
    """One character lowered, its accents dropped, a typographic apostrophe made plain."""
    if char.isascii():
        return char.lower()
    return _plain(char)


@functools.lru_cache(maxsize=8192)
def _plain(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _plain_or_none(char: str) -> str | None:
    return None if char in INVISIBLE else _plain(char)
