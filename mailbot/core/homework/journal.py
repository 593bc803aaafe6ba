"""Journal (``journal``): a daily entry (situation, thoughts, behaviour) and optionally three good things.

Entry keys: ``date``, ``situation``, ``thoughts``, ``behaviour``, ``good_things`` and ``text``. ``date`` is
an ISO date when the client names a full date ("3 June 2024", "2024-06-03", "13/06/2024"), else
the day as written ("Monday", "Day 3", "3 June"): the parser has no clock, so weekdays, dates
without a year and numeric dates that read two ways ("03/06/2024") stay as written.
``good_things`` lists up to three: one a line, numbered ("1) ... 2) ..."), or split at ";" or at
"," and a last "and" when every part is short ("tea, a walk and a call" gives three; "fish and
chips" at the end of such a list is split too); a fourth and later thing stays in the third.
Several days in one mail, each under its day ("Monday:", "Tuesday 4 June") or with its labels
repeated, give several entries. Prose is read at cue phrases: the words before "I thought" or
"so I" are the situation, the words after them the thoughts and the behaviour; prose without
cues is kept whole as the entry's ``text`` rather than guessed into the situation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import DAY_LABEL, Block, read_blocks
from mailbot.core.homework.prose import at_least_one, clean_value, segment

DAILY = (
    FormField("date", "Date", "the day you write about", aliases=("day",)),
    FormField(
        "situation",
        "Situation",
        "what happened",
        aliases=("what happened", "event", "events", "the day", "today"),
    ),
    FormField(
        "thoughts",
        "Thoughts",
        "what went through your mind",
        aliases=("thought", "my thoughts", "what I thought", "thinking", "what went through my mind"),
    ),
    FormField(
        "behaviour",
        "Behaviour",
        "what you did",
        aliases=("behavior", "what I did", "what did I do", "actions", "action", "reaction", "response"),
    ),
)
GOOD_THINGS = FormField(
    "good_things",
    "Three good things",
    "optional",
    aliases=(
        "good things",
        "3 good things",
        "three good things of the day",
        "good things today",
        "good thing",
        "gratitude",
        "grateful for",
        "things I'm grateful for",
        "positives",
    ),
)
_CUES = (
    (
        "thoughts",
        r"I\s+(?:thought|was\s+thinking|kept\s+thinking|told\s+myself)(?:\s+that)?"
        r"|my\s+thoughts?\s+(?:was|were)(?:\s+that)?|thinking(?:\s+that)?",
    ),
    (
        "behaviour",
        r"(?:so|then)\s+I(?!\s+(?:thought|felt|was|kept|told))|I\s+ended\s+up|what\s+I\s+did\s+was"
        r"|in\s+the\s+end\s+I|I\s+decided\s+to",
    ),
    (
        "good_things",
        r"(?:my\s+)?(?:three|3)\s+good\s+things(?:\s+(?:today|of\s+the\s+day))?(?:\s+(?:were|are))?"
        r"|good\s+things(?:\s+today)?(?:\s+(?:were|are))?|I['’]?m\s+grateful\s+for|grateful\s+for",
    ),
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NAMED_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[a-z]{3,9})\.?|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?),?\s+(?P<y>\d{4})\b",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
_ITEM_MARK = re.compile(r"\s*(?:(?:[-*•·+]|\(?\d{1,2}[.)]|\d{1,2}\s*[-:])\s*)?")  # matches always
_LAST_AND = re.compile(r"\s+and\s+(?!.*\sand\s)")
_AND = re.compile(r"\s*(?:and\s+)?")
_INLINE_MARK = re.compile(r"(?:^|\s)\(?[1-9][.)]\s+")


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return the form: the daily fields, plus the three good things when ``details["good_things"]``."""
    return DAILY + (GOOD_THINGS,) if details.get("good_things") else DAILY


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return one entry per day the client wrote about (see the module docstring for the keys)."""
    blocks = read_blocks(text, (*DAILY, GOOD_THINGS), repeatable=("good_things",), short=("date",))
    return at_least_one(text, [_entry(block) for block in blocks])


def _entry(block: Block) -> Entry:
    entry: Entry = {}
    day = block.get("date") or (block.heading if block.heading and _is_day(block.heading) else None)
    found: dict[str, str] = {}
    for chunk in block.prose:
        cut = segment(chunk, _CUES, lead="situation")
        if set(cut) <= {"situation"}:  # no cue phrase: the words stay whole, as the entry's text
            cut = {"text": clean_value(chunk)}
        found.update({k: v for k, v in cut.items() if k not in found})
    daily = ("situation", "thoughts", "behaviour", "text")
    labelled = any(block.get(key) for key in daily)  # then the prose around the labels is chatter
    for key in daily:
        value = block.get(key) if labelled else found.get(key)
        if value:
            entry[key] = value
    things = [thing for value in block.values("good_things") for thing in _things(value)]
    if not things and "good_things" in found:
        things = _things(found["good_things"])
    if things:
        entry["good_things"] = things
    if entry and day:
        entry = {"date": resolve_date(day), **entry}
    return entry


def _is_day(label: str) -> bool:
    return bool(re.fullmatch(rf"{DAY_LABEL}(?:\s*\([^)\n]{{0,30}}\))?", label, re.I))


def resolve_date(label: str) -> str:
    """Return ``label`` as an ISO date when it names one beyond doubt, else ``label`` as written."""
    found = _ISO.search(label)
    if found:
        return _iso(int(found[1]), int(found[2]), int(found[3])) or label
    found = _NAMED_DATE.search(label)
    if found:
        name = (found["m1"] or found["m2"]).lower()
        month = next((n for n, full in enumerate(_MONTHS, start=1) if full.startswith(name)), None)
        day = int(found["d1"] or found["d2"])
        return _iso(int(found["y"]), month, day) or label if month else label
    found = _NUMERIC.search(label)
    if found:
        first, second, year = int(found[1]), int(found[2]), int(found[3])
        year += 2000 if year < 100 else 0
        if first == second or second > 12:
            return _iso(year, first, second) or label
        if first > 12:
            return _iso(year, second, first) or label
    return label


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _things(value: str) -> list[str]:
    """Return the good things in one answer: one a line, or numbered, or split at ";" or ",".

    More than three keep the third and the rest together, as written.
    """
    spans = _thing_spans(value)
    if len(spans) > 3:
        spans = spans[:2] + [(spans[2][0], spans[-1][1])]
    return [thing for start, end in spans if (thing := clean_value(value[start:end]))]


def _thing_spans(value: str) -> list[tuple[int, int]]:
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", value))
    if len(lines) > 1:
        return [(line.start() + _mark_length(line[0]), line.end()) for line in lines]
    marks = list(_INLINE_MARK.finditer(value))
    if len(marks) > 1:
        ends = [mark.start() for mark in marks[1:]] + [len(value)]
        return [(mark.end(), end) for mark, end in zip(marks, ends, strict=True)]
    for separator in (";", ","):
        cuts = [-1] + [n for n, char in enumerate(value) if char == separator] + [len(value)]
        spans = [(cuts[n] + 1, cuts[n + 1]) for n in range(len(cuts) - 1)]
        last = _LAST_AND.search(value, spans[-1][0]) if len(spans) > 1 else None
        if last:  # "tea, a walk and a call"
            spans[-1:] = [(spans[-1][0], last.start()), (last.end(), spans[-1][1])]
        spans = [(_skip_and(value, start), end) for start, end in spans]
        if len(spans) > 1 and all(0 < len(value[a:b].split()) <= 8 for a, b in spans):
            return spans
    return [(_mark_length(value), len(value))]


def _skip_and(value: str, start: int) -> int:
    found = _AND.match(value, start)
    return found.end() if found else start


def _mark_length(line: str) -> int:
    found = _ITEM_MARK.match(line)
    return found.end() if found else 0


TYPE = HomeworkType(name="journal", label="Journal", fields=fields, parse=parse)
