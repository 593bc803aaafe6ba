"""A mail covering several days, cut into one section per day it names.

A section starts at a heading line that names a day ("Monday:", "**Tue 3.3.**", "Yesterday -
slept badly", "2 March"): the day first, then at most one other word before a ":" or a dash,
or at most one other word on the line at all. Prose that merely mentions a day ("Thursday was
better") heads nothing. Text before the first heading (a greeting) joins the first section.

A mail without headings is one section; its day is the first day named in its opening lines
(up to three, before the first "Label: value" line of a form), else in a subject the client
wrote (not "Re: ..."), else none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mailbot.core.days import (
    ABBREVIATIONS,
    MONTHS,
    RELATIVE,
    WEEKDAYS,
    DayName,
    find_day,
    find_folded_day,
    fold,
    words_of,
)

MARKUP = re.compile(r"^[\s>*#_\-•–]*|[\s*#_]*$")
_SPACES = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())  # all of them lie below U+3001
_MARKUP_BEFORE = _SPACES + ">*#_-•–"
_MARKUP_AFTER = _SPACES + "*#_"
LABEL = re.compile(r"^(.{1,40}?)\s*(?::|\s[-–—]\s)\s*(.*)$")
FIELD_LINE = re.compile(r"^[^:\n]{1,40}:\s*\S")
REPLY_SUBJECT = re.compile(r"^\s*(re|aw|antw|sv|r|rif|fw|fwd|wg)\s*:", re.IGNORECASE)
DAY_WORDS = {*WEEKDAYS, *ABBREVIATIONS, *MONTHS, *(w for phrase in RELATIVE for w in phrase.split())}
_UNCOUNTED = frozenset((*DAY_WORDS, "st", "nd", "rd", "th", "er", "de", "of"))  # what _other_words skips
OPENING_LINES = 3
NAMED_DAY = "named_day"  # the key an entry's named day is kept under until it is filed

Parse = Callable[[str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Section:
    day: DayName | None
    text: str


def split_sections(text: str, subject: str = "") -> list[Section]:
    """The sections of a client's text, in order (see the module's docstring)."""
    lines = text.splitlines()
    starts = [(i, day) for i, line in enumerate(lines) if (day := heading_day(line)) is not None]
    if not starts:
        return [Section(opening_day(lines, subject), text)]
    sections = []
    for n, (start, day) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        body = [_after_heading(lines[start]), *lines[start + 1 : end]]
        if n == 0:
            body = [*lines[:start], *body]
        sections.append(Section(day, "\n".join(body).strip("\n")))
    return sections


def dated_entries(text: str, subject: str, parse: Parse) -> list[dict[str, Any]]:
    """The entries ``parse`` reads, section by section, each with the day its section names
    under ``NAMED_DAY`` (a ``DayName.spec``). A dated section the parser reads nothing from is
    one entry holding only its day, so that the day is credited all the same."""
    sections = split_sections(text, subject)
    if len(sections) == 1 and sections[0].day is None:
        return parse(text)
    entries: list[dict[str, Any]] = []
    for section in sections:
        found = parse(section.text) if section.text.strip() else []
        if section.day is not None:
            found = [{**entry, NAMED_DAY: section.day.spec()} for entry in found or [{}]]
        entries.extend(found)
    return entries


def heading_day(line: str) -> DayName | None:
    """The day a heading line names; None for a line that is no heading."""
    bare = strip_markup(line)
    if not bare or len(bare) > 80:
        return None
    label = LABEL.match(bare) if ":" in bare or _has_dash(bare) else None  # LABEL needs one of them
    return _head_day(label.group(1) if label else bare)


@functools.lru_cache(maxsize=2048)
def _head_day(head: str) -> DayName | None:
    """The day a heading's head (what comes before its ":" or dash) names. Kept per head: most
    heads are a form's labels ("Situation", "SUDS before"), written again in every entry."""
    folded = fold(head)
    words = words_of(folded)
    if _other_words(words) > 1:
        return None
    if len(folded) > 300:  # find_day reads the first 300 characters only
        return find_day(head, heading=True)
    return find_folded_day(folded, words, heading=True)


def opening_day(lines: list[str], subject: str) -> DayName | None:
    """The day named in a mail's opening lines, else in a subject the client wrote."""
    opening: list[str] = []
    for line in lines:
        if FIELD_LINE.match(line.strip()) or len(opening) == OPENING_LINES:
            break
        if line.strip():
            opening.append(line)
    for line in opening:
        day = find_day(line)
        if day is not None:
            return day
    return None if REPLY_SUBJECT.match(subject) else find_day(subject)


def strip_markup(line: str) -> str:
    """``line`` without the quote marks, bullets, emphasis and spaces around its words: what
    ``MARKUP.sub("", line)`` leaves, by two strips (every line of a mail comes here)."""
    return line.lstrip(_MARKUP_BEFORE).rstrip(_MARKUP_AFTER)


def _after_heading(line: str) -> str:
    label = LABEL.match(strip_markup(line))
    return label.group(2) if label else ""


def _other_words(words: list[str]) -> int:
    """Words (``words_of`` a folded heading) that name no day: "Monday evening" has one,
    "Thursday was better" two."""
    return len(words) - sum(map(_UNCOUNTED.__contains__, words))


def _has_dash(text: str) -> bool:
    return "-" in text or "–" in text or "—" in text
