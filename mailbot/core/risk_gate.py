"""A first look at a whole text: could any risk pattern match anywhere in it?

Most mail says nothing worrying, and the scan by starts (core.risk_starts) still tried each of
~240 places of a long mail with Python's backtracking expressions. Here every pattern is written
again as an expression for RE2 (google-re2), whose automaton reads a text once, for all patterns
together, in a fraction of that time. When it finds nothing, no pattern matches: the scan is
skipped. When it finds something, the scan runs as before and decides.

So the rewritten patterns must match MORE than Python's, never less (``translated``):
- a character class becomes the set of ASCII characters Python's own compiled item accepts
  (each tried), a "." every character; only ASCII text is looked at here (other text is always
  scanned), so these sets are exact for it;
- a look-behind of one character as the first item of a pattern, or a look-ahead of one character
  as its last, becomes that character taken (or the text's start or end, for a negative one):
  the same condition, since nothing of the pattern takes that character;
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

_ALL = frozenset(range(128))
_ONE_CHARACTER = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_MOST_TIMES = 1000  # RE2's largest count in a repeat; more becomes "any number"
_MEMORY = 64 << 20  # bytes for RE2's automaton (a text read past it would be read slowly, not wrongly)
_Item = tuple[Any, Any]
_TRIED: dict[tuple[Any, str, int], frozenset[int]] = {}  # the characters of each item read
# Whether some pattern may match somewhere in an ASCII text, given as bytes.
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
    return "(?:" + boundary + "|" + _class(_ALL - chars) + ")"


def _chars(item: _Item, state: Any) -> frozenset[int]:
    """The ASCII characters one item of a pattern takes, as Python's own compiled item says."""
    if item[0] is sre.ANY:
        return _ALL
    key = (item[0], repr(item[1]), state.flags)  # an item's argument may be a list
    found = _TRIED.get(key)
    if found is None:
        one = _compiler.compile(_parser.SubPattern(_parser.State(), [item]), state.flags)
        found = _TRIED[key] = frozenset(code for code in _ALL if one.fullmatch(chr(code)))
    return found


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
