"""Daily mood log (``mood-log``): one row per moment the mood changed.

Stage 1 asks for the situation, the trigger, the automatic thought and the emotion with its
intensity (0-100). Stage 2, switched on per assignment (``details["stage"] == 2``), adds for each
thought a balanced alternative and the emotion re-rated. Entry keys: ``situation``, ``trigger``,
``automatic_thought``, ``emotion``, ``intensity`` (int) and in stage 2 ``balanced_thought`` and
``intensity_after`` (int), and ``text`` for prose without cue phrases, kept whole rather than
guessed into a field. "anxious 80" or "sad (8/10)" as the emotion gives the emotion word and
the intensity; several ratings in it ("anxious 80, sad 60") keep the emotion whole and take the
first as the intensity. A short "hopeless, 90" line at the end of a labelled value is the emotion and its
intensity when neither is labelled. Stage-2 labels always end a stage-1 value, but their answers are filed
only in stage 2. Prose is read at cue phrases: "I was at work when my boss called. I thought
'I'm useless'. I felt anxious, about 80%." Each paragraph of prose that names a new situation
is a new row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import Block, read_blocks
from mailbot.core.homework.prose import at_least_one, clean_value, first_sentence, segment
from mailbot.core.homework.ratings import find_rating, find_ratings, split_rating

STAGE_ONE = (
    FormField(
        "situation",
        "Situation",
        "where you were, what you were doing",
        aliases=("where", "what happened", "event", "where I was"),
    ),
    FormField(
        "trigger",
        "Trigger",
        "what set it off",
        aliases=("what set it off", "what triggered it", "triggered by", "cause"),
    ),
    FormField(
        "automatic_thought",
        "Automatic thought",
        "what went through your mind",
        aliases=(
            "thought",
            "hot thought",
            "negative thought",
            "NAT",
            "what went through my mind",
            "what went through your mind",
        ),
    ),
    FormField(
        "emotion",
        "Emotion",
        aliases=("feeling", "mood", "emotion and intensity", "emotion & intensity", "emotion/intensity"),
    ),
    FormField(
        "intensity",
        "Intensity",
        "0-100",
        aliases=("rating", "how strong", "strength", "emotion rating", "intensity of emotion", "how intense"),
    ),
)
STAGE_TWO = (
    FormField(
        "balanced_thought",
        "Balanced thought",
        "a more balanced alternative",
        aliases=(
            "balanced alternative",
            "alternative thought",
            "alternative",
            "more balanced thought",
            "balanced view",
            "rational response",
            "helpful thought",
            "rational thought",
        ),
    ),
    FormField(
        "intensity_after",
        "Emotion re-rated",
        "0-100",
        aliases=(
            "re-rated emotion",
            "re-rate emotion",
            "rerate emotion",
            "emotion rerated",
            "emotion after",
            "intensity after",
            "new rating",
            "re-rating",
            "rerating",
            "re-rated",
            "rerated",
            "emotion now",
            "rating after",
            "intensity now",
        ),
    ),
)
_RATED = ("intensity", "intensity_after")

_THOUGHT = (
    r"I\s+(?:immediately\s+|just\s+|automatically\s+|then\s+)?(?:thought|was\s+thinking|kept\s+thinking"
    r"|told\s+myself|said\s+to\s+myself)(?:\s+that)?|my\s+(?:automatic\s+|hot\s+|first\s+)?thought\s+was"
    r"(?:\s+that)?|the\s+thought\s+was(?:\s+that)?|thinking(?:\s+that)?"
)
_CUES_ONE = (
    (
        "trigger",
        r"(?:the\s+)?trigger\s+was|(?:it\s+was\s+)?triggered\s+by|it\s+started\s+when|what\s+set\s+it\s+off\s+was",
    ),
    ("automatic_thought", _THOUGHT),
    (
        "emotion",
        r"I\s+(?:felt|was\s+feeling|feel)|felt|feeling|(?:it\s+|which\s+|this\s+)?made\s+me\s+feel"
        r"|my\s+emotion\s+was|the\s+emotion\s+was",
    ),
    ("intensity", r"(?:the\s+)?intensity\s+(?:was|of)|I['’]?d\s+rate\s+it|I\s+rated\s+it"),
)
_CUES_TWO = (
    (
        "balanced_thought",
        r"(?:a\s+)?(?:more\s+)?balanced\s+(?:thought|view|alternative)\s+(?:would\s+be|is|was|might\s+be)"
        r"(?:\s+that)?|(?:an\s+)?alternative\s+thought\s+(?:would\s+be|is|was)(?:\s+that)?"
        r"|instead\s+I\s+(?:could|can)\s+(?:think|tell\s+myself)(?:\s+that)?|I\s+reminded\s+myself"
        r"(?:\s+that)?",
    ),
    (
        "intensity_after",
        r"afterwards|after\s+that|(?:it|the\s+\w+)\s+(?:dropped|went\s+down|came\s+down|fell|eased)"
        r"(?:\s+to)?|now\s+(?:it['’]?s|I['’]?d\s+say)|re-?rated?(?:\s+it)?",
    ),
)


_FEELING_WORD = re.compile(r"^\s*(?:i\s+)?(?:felt|feeling|feel|mood|emotion)\b[\s:,-]*", re.I)


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return the form: stage 1's fields, plus stage 2's when ``details["stage"] == 2``."""
    return STAGE_ONE + STAGE_TWO if details.get("stage") == 2 else STAGE_ONE


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return one entry per row the client wrote (see the module docstring for the keys)."""
    stage_two = details.get("stage") == 2
    entries: list[Entry] = []
    for block in read_blocks(text, STAGE_ONE + STAGE_TWO, rated=_RATED):
        entries.extend([_from_items(block, stage_two)] if block.items else _from_prose(block, stage_two))
    return at_least_one(text, entries)


def _from_items(block: Block, stage_two: bool) -> Entry:
    entry: Entry = {}
    for key in ("situation", "trigger", "automatic_thought"):
        if block.get(key):
            entry[key] = block.get(key)
    entry.update(_emotion(block.get("emotion") or ""))
    intensity = block.rating("intensity")
    if intensity is not None:
        entry["intensity"] = intensity
    if "emotion" not in entry and "intensity" not in entry:
        _emotion_from_last_line(entry)
    if stage_two:
        if block.get("balanced_thought"):
            entry["balanced_thought"] = block.get("balanced_thought")
        after = block.rating("intensity_after")
        if after is not None:
            entry["intensity_after"] = after
    return entry


def _emotion_from_last_line(entry: Entry) -> None:
    """Move an unlabelled "hopeless, 90" or "Feeling anxious 7/10" line that ends a value into
    the emotion and its intensity: a short line of a feeling and a rating is not a situation."""
    for key in ("automatic_thought", "trigger", "situation"):
        value = entry.get(key)
        if not isinstance(value, str) or "\n" not in value:
            continue
        head, _, last = value.rpartition("\n")
        words, rating = split_rating(_FEELING_WORD.sub("", last))
        if rating is not None and words and len(last) <= 40 and len(words.split()) <= 3 and head.strip():
            entry[key] = head.strip()
            entry.update(_emotion(_FEELING_WORD.sub("", last)))
        return


def _emotion(text: str) -> Entry:
    """Return {"emotion": words, "intensity": rating} for what the client wrote as the emotion."""
    ratings = find_ratings(text)
    if len(ratings) > 1:
        return {"emotion": text.strip(), "intensity": ratings[0][0]}
    words, rating = split_rating(text)
    entry: Entry = {"emotion": words} if words else {}
    if rating is not None:
        entry["intensity"] = rating
    return entry


def _from_prose(block: Block, stage_two: bool) -> list[Entry]:
    cues = _CUES_ONE + _CUES_TWO
    parts = []
    for paragraph in block.paragraphs():
        found = segment(paragraph, cues, lead="situation")
        part: Entry = {}
        if set(found) <= {"situation"}:  # no cue: the words stay whole, as the entry's text
            parts.append({"text": paragraph})
            continue
        if "situation" in found:
            situation, _, trigger = found["situation"].partition(" when ")
            part["situation"] = situation.strip().rstrip(",")
            if trigger.strip() and "trigger" not in found:
                part["trigger"] = trigger.strip()
        for key in ("trigger", "automatic_thought"):
            if key in found:
                part[key] = found[key]
        if "emotion" in found:
            part.update(_emotion(first_sentence(found["emotion"])))
        if "intensity" in found and (rating := find_rating(found["intensity"])):
            part["intensity"] = rating[0]
        if stage_two:
            part.update({k: v for k, v in found.items() if k == "balanced_thought"})
            if "intensity_after" in found and (rating := find_rating(found["intensity_after"])):
                part["intensity_after"] = rating[0]
        parts.append({key: value for key, value in part.items() if value != ""})
    return _merge_by_repeat(_situations_by_order(parts))


def _situations_by_order(parts: list[Entry]) -> list[Entry]:
    """A paragraph without cues right before one that has cues but names no situation is that
    row's situation ("I was stuck in traffic.", then "I felt furious, 9/10.")."""
    result: list[Entry] = []
    for part in parts:
        previous = result[-1] if result else None
        if (
            previous is not None
            and set(previous) == {"text"}
            and part
            and not {"situation", "text"} & set(part)
        ):
            result[-1] = {"situation": clean_value(previous["text"]), **part}
        else:
            result.append(part)
    return result


def _merge_by_repeat(parts: Iterable[Entry]) -> list[Entry]:
    """Return ``parts`` merged in order into entries, starting a new one when a key repeats."""
    entries: list[Entry] = []
    for part in parts:
        if not part:
            continue
        if entries and not set(part) & set(entries[-1]):
            entries[-1].update(part)
        else:
            entries.append(dict(part))
    return entries


TYPE = HomeworkType(name="mood-log", label="Daily mood log", fields=fields, parse=parse)
