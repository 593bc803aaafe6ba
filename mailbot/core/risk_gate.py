"""A first look at a whole text: could any risk pattern match anywhere in it?

Most mail says nothing worrying, and the scan by starts (core.risk_starts) still tried each of
~240 places of a long mail with Python's backtracking expressions. Here every pattern is written
again as an expression for RE2 (google-re2), whose automaton reads a text once, for all patterns
together, in a fraction of that time. When it finds nothing, no pattern matches: the scan is
skipped. When it finds something, the scan runs as before and decides.

So the rewritten patterns must match MORE than Python's, never less (``translated``). The text is
read as bytes (``readable``): ASCII as it is, every other character as one of two bytes, one for
the characters Python's ``\\w`` takes (letters, digits) and one for the rest.
- a character class becomes the set of ASCII characters Python's own compiled item accepts (each
  tried), plus the byte of the letters if it may take some letter beyond ASCII and the byte of
  the rest if it may take some other character beyond ASCII (a "." takes both, and a line break
  only with re.DOTALL, as Python's);
- a look-behind of one character as the first item of a pattern, or a look-ahead of one character
  as its last, becomes that character taken (or the text's start or end, for a negative one):
  the same condition, since nothing of the pattern takes that character (a negative one takes
  a byte beyond ASCII unless the class surely holds all its characters: ``\\w`` the letters);
- every other look-around and anchor is dropped (it could only forbid a match), a lazy or
  possessive repeat or an atomic group matches as a plain one, a back-reference as any text;
- anything else (a conditional, flags inside the expression, a case-blind pattern) makes the
  whole gate unused: every text is scanned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

# Python's own reading of an expression (private, as in core.risk_starts).
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

from mailbot.core.risk_needs import parsed

try:
    import re2  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - a dependency; without it every text is scanned
    re2 = None

_ASCII = frozenset(range(128))
_LETTER, _OTHER = 0x80, 0x81  # the bytes that stand for a character beyond ASCII
_BEYOND = frozenset({_LETTER, _OTHER})
_ALL = _ASCII | _BEYOND
_WORD = re.compile(r"\w")
_ASCII_BYTES = bytes(range(128))
_UTF8 = ("utf-8", "surrogatepass")  # a lone surrogate (from a mail's bad bytes) goes there and back
_ONE_CHARACTER = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_MOST_TIMES = 1000  # RE2's largest count in a repeat; more becomes "any number"
_MEMORY = 64 << 20  # bytes for RE2's automaton (a text read past it would be read slowly, not wrongly)
_Item = tuple[Any, Any]
_TRIED: dict[tuple[Any, str, int], frozenset[int]] = {}  # the characters of each item read
# Whether some pattern may match somewhere in a text, given as :func:`readable` makes it.
Gate = Callable[[bytes], bool]


class Unreadable(Exception):
    """A pattern this rewriting does not follow."""


def gate(regexes: Sequence[re.Pattern[str]]) -> Gate | None:
    """The gate for ``regexes``, or None when one of them cannot be rewritten (scan every text)."""
    if re2 is None or not regexes:
        return None
    try:
        source = "|".join("(?:" + translated(regex) + ")" for regex in regexes)
        options = re2.Options()
        options.encoding = re2.Options.Encoding.LATIN1
        options.never_capture = True
        options.log_errors = False
        options.max_mem = _MEMORY
        search = re2.compile(source.encode("latin-1"), options).search
    except (Unreadable, re2.error):
        return None
    return lambda text: search(text) is not None


@functools.lru_cache(maxsize=1024)
def translated(regex: re.Pattern[str]) -> str:
    """``regex`` as an RE2 expression over ASCII bytes that matches wherever it matches, or more."""
    if regex.flags & re.IGNORECASE:
        raise Unreadable(regex.pattern)
    tree = parsed(regex)
    return _sequence(list(tree), tree.state, top=True)


def _sequence(items: list[_Item], state: Any, top: bool = False) -> str:
    """One after the other; at the top, a one-character look-around at either end is kept."""
    parts = []
    for number, (op, value) in enumerate(items):
        if top and op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, inner = value
            at_end = number == len(items) - 1 if direction > 0 else number == 0
            parts.append(_edge(op, inner, state, "$" if direction > 0 else "^") if at_end else "")
        else:
            parts.append(_item(op, value, state))
    return "".join(parts)


def _item(op: Any, value: Any, state: Any) -> str:
    if op in _ONE_CHARACTER:
        return _class(_chars((op, value), state))
    if op is sre.BRANCH:
        return "(?:" + "|".join(_sequence(list(branch), state) for branch in value[1]) + ")"
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = value
        if add_flags or del_flags:
            raise Unreadable("flags inside an expression")
        return "(?:" + _sequence(list(inner), state) + ")"
    if op is sre.ATOMIC_GROUP:
        return "(?:" + _sequence(list(value), state) + ")"
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, most, inner = value
        upto = "" if most is sre.MAXREPEAT or most > _MOST_TIMES else str(most)
        return "(?:" + _sequence(list(inner), state) + "){" + f"{min(least, _MOST_TIMES)},{upto}" + "}"
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return ""  # it could only forbid a match
    if op is sre.GROUPREF:
        return _class(_ALL) + "*"
    raise Unreadable(str(op))


def _edge(op: Any, inner: Any, state: Any, boundary: str) -> str:
    """A look-around of one character at the start (behind) or end (ahead) of a pattern, as that
    character taken; a negative one also holds at the text's start or end."""
    items = list(inner)
    if len(items) != 1 or items[0][0] not in _ONE_CHARACTER:
        return ""
    chars = _chars(items[0], state)
    if op is sre.ASSERT:
        return _class(chars)
    others = (_ASCII - chars) | (_BEYOND - _surely(items[0], state.flags))
    return "(?:" + boundary + "|" + _class(others) + ")"


def _chars(item: _Item, state: Any) -> frozenset[int]:
    """The bytes of the characters one item of a pattern may take: ASCII as Python's own compiled
    item says, beyond it as :func:`_beyond` reads the item."""
    key = (item[0], repr(item[1]), state.flags)  # an item's argument may be a list
    found = _TRIED.get(key)
    if found is None:
        one = _compiler.compile(_parser.SubPattern(_parser.State(), [item]), state.flags)
        ascii_chars = frozenset(code for code in _ASCII if one.fullmatch(chr(code)))
        found = _TRIED[key] = ascii_chars | _beyond(item, state.flags)
    return found


def _beyond(item: _Item, flags: int) -> frozenset[int]:
    """The bytes for characters beyond ASCII that ``item`` may take (both, when unsure)."""
    op, value = item
    if op is sre.LITERAL:
        return frozenset() if value < 128 else frozenset({_byte(chr(value))})
    if op is not sre.IN or any(member is sre.NEGATE for member, _ in value):
        return _BEYOND
    found: set[int] = set()
    for member, argument in value:
        if member is sre.LITERAL:
            found |= _beyond((member, argument), flags)
        elif member is sre.RANGE:
            found |= _BEYOND if argument[1] >= 128 else set()
        elif member is sre.CATEGORY and flags & re.UNICODE and argument in _CATEGORIES:
            found |= _CATEGORIES[argument]
        else:
            return _BEYOND
    return frozenset(found)


def _surely(item: _Item, flags: int) -> frozenset[int]:
    """The bytes beyond ASCII all of whose characters ``item`` takes: ``\\w`` takes every letter,
    ``\\W`` every other character (none, when unsure)."""
    op, value = item
    if op is sre.ANY or (op is sre.NOT_LITERAL and value < 128):
        return _BEYOND
    if op is not sre.IN or not flags & re.UNICODE or any(member is sre.NEGATE for member, _ in value):
        return frozenset()
    found: set[int] = set()
    for member, argument in value:
        if member is sre.CATEGORY and argument is sre.CATEGORY_WORD:
            found.add(_LETTER)
        elif member is sre.CATEGORY and argument is sre.CATEGORY_NOT_WORD:
            found.add(_OTHER)
    return frozenset(found)


# What a class of Python's takes beyond ASCII: a digit is a letter to \w, a space is not.
_CATEGORIES = {
    sre.CATEGORY_WORD: frozenset({_LETTER}),
    sre.CATEGORY_DIGIT: frozenset({_LETTER}),
    sre.CATEGORY_NOT_WORD: frozenset({_OTHER}),
    sre.CATEGORY_SPACE: frozenset({_OTHER}),
}


def _byte(char: str) -> int:
    return _LETTER if _WORD.match(char) else _OTHER


def readable(folded: str) -> bytes:
    """``folded`` as the gate reads it: ASCII as it is, each other character as the byte of its kind.

    UTF-8 replaced a character at a time: no character's bytes begin inside another's, and a
    byte put in place (0x80, 0x81) is no first byte, so each replacement finds that character only.
    """
    if folded.isascii():
        return folded.encode("ascii")
    raw = folded.encode(*_UTF8)
    for char in set(raw.translate(None, _ASCII_BYTES).decode(*_UTF8)):
        raw = raw.replace(char.encode(*_UTF8), bytes([_byte(char)]))
    return raw


@functools.lru_cache(maxsize=1024)
def _class(codes: frozenset[int]) -> str:
    """A class of exactly ``codes`` (one that no byte matches when empty)."""
    if not codes:
        return r"[^\x00-\xff]"
    runs = []
    ordered = sorted(codes)
    first = last = ordered[0]
    for code in ordered[1:]:
        if code != last + 1:
            runs.append((first, last))
            first = code
        last = code
    runs.append((first, last))
    return "[" + "".join(f"\\x{a:02x}" if a == b else f"\\x{a:02x}-\\x{b:02x}" for a, b in runs) + "]"
