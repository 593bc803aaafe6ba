"""Cognitive exercise (``cognitive-exercise``): challenge a belief by action and by dialogue.

Entry keys: ``belief`` (the belief to challenge), ``action`` (the planned action), ``prediction``
and ``dialogue``, a list of {"voice": "irrational" | "rational", "text": str} in the client's
order. Voices are recognised by name before a colon, at the start of a line or of a sentence:
irrational is "Irrational", "Negative", "Critic", "Inner critic", "Anxious voice", "Worry",
"NAT" and the like; rational is "Rational", "Balanced", "Healthy voice", "Compassionate voice",
"Wise mind", "Coach" and the like; "... voice" may follow each. "Me:" answers back, so it is the
rational voice when the dialogue has an irrational voice and no rational one ("Critic:" / "Me:");
otherwise whose side "Me" takes is unclear and its lines are left out. Lines under no voice
continue the turn above them. A dialogue in prose with no voice names is not split.
A two-column table headed by the two voices gives one turn per cell, row by row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import Block, read_blocks
from mailbot.core.homework.prose import at_least_one, segment

FORM = (
    FormField(
        "belief",
        "Belief to challenge",
        aliases=(
            "belief",
            "the belief",
            "belief I'm challenging",
            "belief I am challenging",
            "unhelpful belief",
            "irrational belief",
            "negative belief",
            "core belief",
            "thought to challenge",
            "old belief",
        ),
    ),
    FormField(
        "action",
        "Planned action",
        aliases=(
            "action",
            "plan",
            "my plan",
            "what I will do",
            "what I'll do",
            "what I did",
            "planned behaviour",
            "planned behavior",
            "the action",
        ),
    ),
    FormField(
        "prediction",
        "Prediction",
        aliases=(
            "my prediction",
            "what I predict",
            "what I expect",
            "I predict",
            "predicted outcome",
            "expected outcome",
        ),
    ),
    FormField(
        "dialogue",
        "Dialogue",
        "the irrational voice and the rational voice, line by line",
        aliases=("conversation", "inner dialogue", "the dialogue", "dialogue between the voices"),
    ),
)
_IRRATIONAL = (
    "irrational voice",
    "irrational",
    "negative voice",
    "negative",
    "critic",
    "inner critic",
    "critical voice",
    "anxious voice",
    "anxiety",
    "worry",
    "worried voice",
    "unhelpful voice",
    "NAT",
    "irrational me",
    "old me",
    "automatic thought",
)
_RATIONAL = (
    "rational voice",
    "rational",
    "balanced voice",
    "balanced",
    "healthy voice",
    "compassionate voice",
    "wise voice",
    "wise mind",
    "coach",
    "helpful voice",
    "kind voice",
    "rational me",
    "new me",
    "rational response",
)
_ME = ("me", "myself")
VOICES = (
    FormField("dialogue.irrational", "Irrational voice", aliases=_IRRATIONAL),
    FormField("dialogue.rational", "Rational voice", aliases=_RATIONAL),
    FormField("dialogue.me", "Me", aliases=_ME),
)
_VOICE_KEYS = tuple(voice.key for voice in VOICES)
_NAMES = {name.lower(): voice.key for voice in VOICES for name in (voice.label, *voice.aliases)}
_INLINE = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+|\n[ \t]*(?:[-*•][ \t]+)?)(?P<name>"
    + "|".join(re.escape(name) for name in sorted(_NAMES, key=len, reverse=True))
    + r")(?:[ \t]+voice)?[ \t]*+(?::|[-–—][ \t])[ \t]*",
    re.I,
)
_CUES = (
    (
        "belief",
        r"the\s+belief\s+I(?:['’]m|\s+am|\s+was)?\s+challeng(?:ing|ed)\s+(?:is|was)(?:\s+that)?"
        r"|I(?:['’]m|\s+am)\s+challenging\s+(?:the|my)\s+(?:belief|thought)(?:\s+that)?"
        r"|my\s+belief\s+(?:is|was)(?:\s+that)?|I\s+(?:tend\s+to\s+)?believe(?:\s+that)?",
    ),
    (
        "action",
        r"I\s+will|I['’]ll|I\s+am\s+going\s+to|I['’]m\s+going\s+to|I\s+plan(?:ned)?\s+to|I\s+decided\s+to"
        r"|my\s+plan\s+(?:is|was)\s+to|the\s+(?:planned\s+)?action\s+(?:is|was)(?:\s+to)?",
    ),
    (
        "prediction",
        r"I\s+predict(?:ed)?(?:\s+that)?|my\s+prediction\s+(?:is|was)(?:\s+that)?|I\s+expect(?:ed)?"
        r"(?:\s+that)?",
    ),
)
_MAIN = ("belief", "action", "prediction")


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return the form: belief, action, prediction, dialogue."""
    return FORM


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return one entry per exercise (see the module docstring for the keys)."""
    entries: list[Entry] = []
    for block in read_blocks(text, (*FORM, *VOICES), repeatable=_VOICE_KEYS):
        part = _part(block)
        starts_new = (
            not entries or (block.heading and entries[-1]) or set(part) & set(entries[-1]) - {"dialogue"}
        )
        if starts_new:
            entries.append({})
        entry = entries[-1]
        for key, value in part.items():
            entry[key] = entry.get(key, []) + value if key == "dialogue" else value
    return at_least_one(text, [_resolve_me(entry) for entry in entries])


def _part(block: Block) -> Entry:
    part: Entry = {key: block.get(key) for key in _MAIN if block.get(key)}
    prose = {k: v for chunk in block.prose for k, v in segment(chunk, _CUES).items()}
    part.update({key: value for key, value in prose.items() if key not in part})
    turns: list[dict[str, str]] = []
    for item in block.items:
        if item.key == "dialogue":
            turns.extend(split_dialogue(item.value))
        elif item.key in _VOICE_KEYS:
            first, *rest = split_dialogue(item.value, item.key) or [{"voice": item.key, "text": ""}]
            turns.extend([first, *rest] if first["text"] else rest)
    if turns:
        part["dialogue"] = turns
    return part


def split_dialogue(text: str, voice: str | None = None) -> list[dict[str, str]]:
    """Return the turns in ``text``: {"voice": key, "text": words}, split where a voice is named.

    Words before the first name belong to ``voice`` (when the text sits under a voice label)
    or are left out. Voice keys are "dialogue.irrational", "dialogue.rational", "dialogue.me"
    here; :func:`parse` turns them into the entry's "irrational" / "rational".
    """
    marks = list(_INLINE.finditer(text))
    turns: list[dict[str, str]] = []
    if voice and (lead := text[: marks[0].start() if marks else len(text)].strip()):
        turns.append({"voice": voice, "text": lead})
    for n, mark in enumerate(marks):
        words = text[mark.end() : marks[n + 1].start() if n + 1 < len(marks) else len(text)].strip()
        if words:
            turns.append({"voice": _NAMES[mark["name"].lower()], "text": words})
    return turns


def _resolve_me(entry: Entry) -> Entry:
    turns = entry.pop("dialogue", [])
    voices = {turn["voice"] for turn in turns}
    me = "rational" if "dialogue.irrational" in voices and "dialogue.rational" not in voices else None
    names = {"dialogue.irrational": "irrational", "dialogue.rational": "rational", "dialogue.me": me}
    dialogue = [
        {"voice": names[turn["voice"]], "text": turn["text"]} for turn in turns if names[turn["voice"]]
    ]
    if dialogue:
        entry["dialogue"] = dialogue
    return entry


TYPE = HomeworkType(name="cognitive-exercise", label="Cognitive exercise", fields=fields, parse=parse)
