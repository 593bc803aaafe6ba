"""What every match of a risk pattern must hold: a few strings, one of which is in its text.

A pattern that can begin at a common short word ("i ", "me ", "no ") is tried at hundreds of
places in every mail, though what it is about ("bring ... mich um") is in almost none. Such a
pattern is looked for only in mail that holds one of the strings each of its matches holds
("bring"), which one substring test per string tells.

The strings are read from the expression as Python's own parser reads it, and may only be too
few, never wrong: a run of plain characters that every match passes through is such a string; of
a choice (``a|b``), one string of each alternative; anything else (a class, a repeat that may not
happen, a look around, an unknown item) gives none and ends the run. A pattern with no strings of
:data:`SHORTEST` characters or more, or more than :data:`MOST` of them, keeps its starts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

# Python's own reading of an expression, as core.risk_starts reads it (private: no stubs).
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

SHORTEST = 5  # characters: a shorter string is in too many mails to rule them out
MOST = 2  # strings: a substring test of a mail costs about what three places tried cost

_Strings = frozenset[str]


@functools.lru_cache(maxsize=1024)
def parsed(regex: re.Pattern[str]) -> Any:
    """``regex`` as Python's own parser reads it, once per process (risk_starts, risk_gate and this
    module each read every pattern). Read only: the tree is shared."""
    return _parser.parse(regex.pattern, regex.flags)


def needed(regex: re.Pattern[str]) -> _Strings | None:
    """Strings one of which every match of ``regex`` holds (the fewest, longest such), or None."""
    if regex.flags & re.IGNORECASE:
        return None
    try:
        groups = _groups(list(parsed(regex)))
    except Exception:  # noqa: BLE001 - a pattern this reading cannot follow keeps its starts
        return None
    usable = [group for group in groups if min(map(len, group)) >= SHORTEST and len(group) <= MOST]
    return _best(usable) if usable else None


def _groups(items: Sequence[tuple[Any, Any]]) -> list[_Strings]:
    """Sets of strings: every match of the sequence ``items`` holds one string of each."""
    groups: list[_Strings] = []
    run = ""
    for op, value in items:
        if op is sre.LITERAL:
            run += chr(value)
            continue
        if run:
            groups.append(frozenset({run}))
            run = ""
        groups.extend(_groups_of(op, value))
    if run:
        groups.append(frozenset({run}))
    return groups


def _groups_of(op: Any, value: Any) -> list[_Strings]:
    """The sets of strings of one item that is not a plain character."""
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, items = value
        return [] if add_flags & re.IGNORECASE else _groups(items)
    if op is sre.ATOMIC_GROUP:
        return _groups(value)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _most, items = value
        return _groups(items) if least >= 1 else []
    if op is sre.BRANCH:
        either: set[str] = set()
        for branch in value[1]:
            groups = _groups(branch)
            if not groups:
                return []  # an alternative that needs no string: the choice needs none
            either |= _best(groups)
        return [frozenset(either)]
    return []


def _best(groups: Sequence[_Strings]) -> _Strings:
    """The set that rules out the most: its shortest string longest, then the fewest strings."""
    return max(groups, key=lambda group: (min(map(len, group)), -len(group)))
