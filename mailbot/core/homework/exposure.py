"""Graded exposure (``exposure``): a ladder of steps; each report rates distress before, at peak and after.

Details: ``details["steps"]`` (list of {"step": str, "suds": int}, the expected distress) and
``details["current"]`` (index of the current step). Entry keys: ``step`` (as the client reported
it, a text or a number: "Step: 3 - the dog", "step 3" in prose; for "Step 3: the dog" the text;
when they name none, ``details["current_step"]`` or else the current step's text from the
ladder), ``suds_before``, ``suds_peak``, ``suds_after`` (ints 0-100) and ``notes``.
SUDS are read from labels ("Before: 60", "SUDS at peak: 8/10"), from one line of three
("SUDS: 60/85/30", "60, 85, 30"), and from prose, whether the word comes before the number
("peaked at 85") or after it ("60 before, 30 after"). Unlabelled words are the notes. Several
reports (a table row, a day heading or a repeated label each) give several entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import Block, read_blocks
from mailbot.core.homework.prose import at_least_one
from mailbot.core.homework.ratings import (
    find_rating,
    find_ratings,
    may_hold_rating,
    may_hold_words,
    parse_rating,
)

FORM = (
    FormField(
        "step",
        "Step",
        "which step of your ladder",
        aliases=(
            "current step",
            "ladder step",
            "step practised",
            "step practiced",
            "which step",
            "task",
            "exposure",
            "exercise",
            "what I practised",
            "what I practiced",
        ),
    ),
    FormField(
        "suds_before",
        "SUDS before",
        "0-100",
        aliases=(
            "before",
            "distress before",
            "anxiety before",
            "SUDS at start",
            "SUDS at the start",
            "start",
            "at the start",
            "beginning",
            "SUDS beginning",
        ),
    ),
    FormField(
        "suds_peak",
        "SUDS at peak",
        "0-100",
        aliases=(
            "peak",
            "SUDS peak",
            "peak SUDS",
            "at peak",
            "at the peak",
            "highest",
            "highest SUDS",
            "max",
            "maximum",
            "worst",
            "during",
            "SUDS during",
            "peak distress",
            "peak anxiety",
        ),
    ),
    FormField(
        "suds_after",
        "SUDS after",
        "0-100",
        aliases=(
            "after",
            "afterwards",
            "distress after",
            "anxiety after",
            "SUDS at end",
            "SUDS at the end",
            "end",
            "at the end",
            "SUDS end",
            "SUDS afterwards",
        ),
    ),
    FormField(
        "notes",
        "Notes",
        aliases=(
            "note",
            "comments",
            "comment",
            "what happened",
            "how it went",
            "observations",
            "anything else",
            "reflection",
            "reflections",
        ),
    ),
)
_ALL_SUDS = FormField(
    "suds",
    "SUDS",
    aliases=(
        "SUDS before/peak/after",
        "SUDS before, peak, after",
        "SUDS ratings",
        "ratings",
        "distress",
        "SUDS scores",
    ),
)
_KEYS = ("suds_before", "suds_peak", "suds_after")
_CUES = {
    "suds_before": (
        r"before(?:hand)?|at\s+(?:the\s+)?(?:start|beginning)|to\s+(?:start|begin)\s+with|initially"
        r"|at\s+first|start(?:ed|ing)?(?:\s+(?:at|out\s+at|off\s+at))?"
    ),
    "suds_peak": (
        r"peak(?:ed)?(?:\s+(?:at|of))?|at\s+(?:the|its|my)\s+(?:worst|highest|peak)|highest|max(?:imum)?"
        r"|(?:went|shot|got)\s+up\s+to|rose\s+to|climbed\s+to|worst|top(?:ped)?\s+out\s+at|during"
    ),
    "suds_after": (
        r"after(?:wards)?|at\s+the\s+end|by\s+the\s+end|in\s+the\s+end|(?:came|went)\s+(?:back\s+)?down"
        r"(?:\s+to)?|dropp(?:ed|ing)(?:\s+(?:back\s+)?to)?|fell\s+to|settled(?:\s+at)?"
        r"|end(?:ed)?(?:\s+(?:at|up\s+at))?|finish(?:ed)?(?:\s+at)?"
    ),
}
_CUE = re.compile("|".join(rf"\b(?P<{key}>{cue})\b" for key, cue in _CUES.items()), re.I)
# A word each cue holds, whole (a run of \w between others): a sentence without one (in lower case,
# and without the letters outside ASCII that match i, k or s ignoring case) holds no cue.
_CUE_WORDS = frozenset(
    word.encode()
    for word in (
        *("before", "beforehand", "start", "started", "starting", "begin", "beginning", "initially", "first"),
        *("peak", "peaked", "worst", "highest", "max", "maximum", "up", "rose", "climbed", "top", "topped"),
        *("during", "after", "afterwards", "end", "ended", "down", "dropped", "dropping", "fell", "settled"),
        *("finish", "finished"),
    )
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|[;\n]")
_CLAUSE = re.compile(r"[,!?]|\.(?=\s|$)|\b(?:and|then|but)\b", re.I)
_TRIPLE = re.compile(
    r"(?<![\w./])(\d{1,3})\s*+%?\s*+(/|→|->|,|-)\s*+(\d{1,3})\s*+%?\s*+\2\s*+(\d{1,3})(?![\w/])"
)
_STEP = re.compile(r"\bstep\s*#?\s*(\d{1,2})\b", re.I)
_STEP_BEFORE = re.compile(r"\bstep\s*#?\s*$", re.I)


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return the form: the step and the three SUDS ratings, then notes."""
    return FORM


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return one entry per exposure report (see the module docstring for the keys)."""
    blocks = read_blocks(text, (*FORM, _ALL_SUDS), rated=_KEYS, short=("step",))
    entries = [_entry(block) for block in blocks]
    fallback = _current_step(details)
    for entry in entries:
        if entry and "step" not in entry and fallback:
            entry["step"] = fallback
    return at_least_one(text, entries)


def _entry(block: Block) -> Entry:
    entry: Entry = {}
    step = next((item for item in block.items if item.key == "step"), None)
    if step and (step.value or step.number):
        entry["step"] = step.value or step.number
    suds: dict[str, int] = {}
    for key in _KEYS:
        value = block.get(key)
        if value is not None:
            rated = parse_rating(value)
            read = {key: rated} if rated is not None else scan_suds(value, implied=key)
            if key not in read and (located := find_rating(value)):  # "Peak: hopeless, 90"
                read[key] = located[0]
            suds.update({k: v for k, v in read.items() if k not in suds})
    for value in block.values("suds"):
        suds.update({k: v for k, v in scan_suds(value).items() if k not in suds})
    notes = block.get("notes") or "\n\n".join(block.prose).strip()
    for text in (*block.prose, block.get("notes") or ""):
        suds.update({k: v for k, v in scan_suds(text).items() if k not in suds})
        if "step" not in entry and (found := _STEP.search(text)):
            entry["step"] = found[1]
    entry.update({key: suds[key] for key in _KEYS if key in suds})
    if notes:
        entry["notes"] = notes
    return entry


def scan_suds(text: str, implied: str | None = None) -> dict[str, int]:
    """Return the SUDS ratings in ``text`` by the words around them, e.g. "60 before, peaked at 85".

    ``implied`` is the rating a value starts with when it sits under a label ("Before: 60, peak 85").
    A sentence of three ratings and no such words ("SUDS 60/85/30") gives before, peak and after.
    Every reading needs a rating: a text (or a sentence) that cannot hold one holds none in its
    sentences and clauses either (they are cut between words), so it is not read further.
    """
    result: dict[str, int] = {}
    if not may_hold_rating(text):
        return result  # most texts
    for number, sentence in enumerate(s for s in _SENTENCE.split(text) if s and s.strip()):
        if not may_hold_rating(sentence):
            continue
        first = implied if number == 0 else None
        ratings = find_ratings(sentence)
        cues = _cues(sentence)
        items = _merge(cues, ratings, first)
        found = _all_then_ratings(items) or _pair(sentence, first, cues)
        if not any(key for _, key, _ in items) and not found:
            found = _triple(sentence, [value for value, _, _ in ratings])
        result.update({k: v for k, v in found.items() if k not in result})
    return result


_Item = tuple[int, str | None, int | None]  # (where, the cue's key, the rating): one of the two is None


def _cues(text: str) -> list[_Item]:
    if not may_hold_words(text, _CUE_WORDS):
        return []
    return [(m.start(), m.lastgroup, None) for m in _CUE.finditer(text)]


def _merge(cues: list[_Item], found: list[tuple[int, int, int]], implied: str | None) -> list[_Item]:
    ratings: list[_Item] = [(start, None, value) for value, start, _ in found]
    return ([(-1, implied, None)] if implied else []) + sorted(cues + ratings, key=lambda item: item[0])


def _all_then_ratings(items: list[_Item]) -> dict[str, int]:
    """Read "before, peak and after: 60, 85, 30": every cue first, then as many ratings."""
    keys = list(dict.fromkeys(key for _, key, _ in items if key))
    ratings = [rating for _, _, rating in items if rating is not None]
    first_rating = next((n for n, (_, _, rating) in enumerate(items) if rating is not None), len(items))
    if len(keys) < 2 or len(keys) != len(ratings) or any(key for _, key, _ in items[first_rating:]):
        return {}
    return dict(zip(keys, ratings, strict=True))


def _pair(sentence: str, implied: str | None, cues: list[_Item]) -> dict[str, int]:
    """Pair cues and ratings clause by clause, cue-first ("peaked at 85") or rating-first ("60 before").

    ``cues``: the sentence's. A clause holds those that start in it: no cue spans the end of a
    clause (a comma, a full stop, "and", "then", "but"), nor starts inside one."""
    result: dict[str, int] = {}
    if not cues and not implied:
        return result  # a clause without cue words pairs nothing, unless a label implies its first
    for number, (start, clause) in enumerate(_clauses(sentence)):
        if not cues and number > 0:
            break
        end = start + len(clause)
        inside: list[_Item] = [(where - start, key, None) for where, key, _ in cues if start <= where < end]
        items = _merge(inside, find_ratings(clause), implied if number == 0 else None)
        rating_first = bool(items) and items[0][2] is not None
        pending_key: str | None = None
        pending_rating: int | None = None
        for _, key, rating in items:
            if rating_first and rating is not None:
                pending_rating = rating
            elif rating_first and key and pending_rating is not None:
                result.setdefault(key, pending_rating)
                pending_rating = None
            elif not rating_first and key and key not in result:
                pending_key = key
            elif not rating_first and rating is not None and pending_key:
                result.setdefault(pending_key, rating)
                pending_key = None
    return result


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """``_CLAUSE.split(sentence)``, each clause with where it starts."""
    clauses, start = [], 0
    for cut in _CLAUSE.finditer(sentence):
        clauses.append((start, sentence[start : cut.start()]))
        start = cut.end()
    return [*clauses, (start, sentence[start:])]


def _triple(sentence: str, ratings: list[int]) -> dict[str, int]:
    """Read "60/85/30" as before, peak and after (``ratings``: those the sentence holds)."""
    position = 0
    while found := _TRIPLE.search(sentence, position):
        if not _STEP_BEFORE.search(sentence[: found.start()]):
            ratings = [int(found[1]), int(found[3]), int(found[4])]
            break
        position = found.start() + 1
    if len(ratings) == 3 and all(0 <= value <= 100 for value in ratings):
        return dict(zip(_KEYS, ratings, strict=True))
    return {}


def _current_step(details: Mapping[str, Any]) -> str | None:
    if details.get("current_step") not in (None, ""):
        return str(details["current_step"])
    steps, current = details.get("steps"), details.get("current")
    if isinstance(steps, list) and isinstance(current, int) and 0 <= current < len(steps):
        step = steps[current]
        return str(step.get("step")) if isinstance(step, Mapping) and step.get("step") else None
    return None


TYPE = HomeworkType(name="exposure", label="Graded exposure", fields=fields, parse=parse)
