"""The copy of a client's text that the risk patterns read: lower case, no accents, whitespace
folded, chat spellings rewritten ("wanna" -> "want to").

:func:`fold` makes that copy alone, as fast as it can, for every client mail; :func:`normalise`
makes the same copy with each character's origin in the text, which places a quote: it runs
only for a mail where some pattern matched. Pure: no I/O.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from mailbot.core.risk_phrases.spelling import SPELLINGS

_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018`\u00b4\u02bc\u2032"), "'")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACE_RUN = re.compile(r"\s+")  # what str.isspace() calls whitespace, in runs
# The runs that fold to something else than themselves: all but a lone space or line break.
_SPACE_RUN_TO_FOLD = re.compile(r"(?![ \n](?!\s))\s+")
_WORD = re.compile(r"[\w']+")
# A whole word (as _WORD finds words) that is a chat spelling.
_SPELLED = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, SPELLINGS)) + r")(?![\w'])")
_LOWER_ASCII: dict[int, str | None] = {
    ord(char): char.lower() for char in map(chr, range(ord("A"), ord("Z") + 1))
}


def fold(text: str) -> str:
    """The normalised text, exactly ``normalise(text)[0]``, without the origins."""
    spaced = _SPACE_RUN_TO_FOLD.sub(_space, text)
    if spaced.isascii():
        plain = spaced.lower()
    else:
        table = {ord(char): _plain_or_none(char) for char in set(spaced) if not char.isascii()}
        plain = spaced.translate(_LOWER_ASCII | table)
    return _respell(plain, None)[0]


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
    for word in _SPELLED.finditer(folded):
        # "U-Bahn", "2-3 times", "24/7": part of a longer token, not a chat spelling
        if folded[word.end() : word.end() + 1] in ("-", "/") or folded[word.start() - 1 : word.start()] in (
            "-",
            "/",
        ):
            continue
        spelled = SPELLINGS[word.group()]
        out.append(folded[done : word.start()])
        out.append(spelled)
        if origin is not None:
            mapped.extend(origin[done : word.start()])
            mapped.extend([origin[word.start()]] * (len(spelled) - 1) + [origin[word.end() - 1]])
        done = word.end()
    if not out:
        return folded, origin
    out.append(folded[done:])
    if origin is None:
        return "".join(out), None
    mapped.extend(origin[done:])
    return "".join(out), mapped


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
