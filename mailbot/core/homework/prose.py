"""Values cut out of a client's prose: at cue phrases ("I thought ..."), trimmed of edge
punctuation and dangling words, never rewritten."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailbot.core.homework import Entry

_JOINING_WORDS = ("and", "so", "but", "then", "because")
_DANGLING = frozenset((*_JOINING_WORDS, "which", "when", "while"))
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "„": "“"}


def segment(text: str, cues: Sequence[tuple[str, str]], lead: str | None = None) -> dict[str, str]:
    """Return values cut out of prose at cue phrases: {key: the words after its cue}.

    ``cues`` pairs a key with a regex for the words that introduce it ("I thought( that)?");
    a cue counts at the start of a sentence or clause. Each value runs to the next cue; the
    words before the first cue go to ``lead`` when given. Only a key's first cue counts.
    """
    found: list[tuple[int, int, str]] = []
    for key, cue in cues:
        for match in re.finditer(rf"\b(?:{cue})", text, re.I):
            if _at_boundary(text[: match.start()]) and not any(k == key for _, _, k in found):
                found.append((match.start(), match.end(), key))
                break
    found.sort()
    kept = [f for n, f in enumerate(found) if n == 0 or f[0] >= found[n - 1][1]]
    result: dict[str, str] = {}
    if lead and kept:
        result[lead] = clean_value(text[: kept[0][0]])
    elif lead:
        result[lead] = clean_value(text)
    for n, (_, end, key) in enumerate(kept):
        stop = kept[n + 1][0] if n + 1 < len(kept) else len(text)
        result[key] = clean_value(text[end:stop])
    return {key: value for key, value in result.items() if value}


def clean_value(text: str) -> str:
    """Return ``text`` stripped of edge punctuation, dangling "and"/"so", and enclosing quotes."""
    edges = " \t\r\n,;:-–—"
    text = text.lstrip(edges)
    while True:
        trimmed = text.rstrip(edges)
        words = trimmed.rsplit(None, 1)
        last = words[-1].lower() if words else ""
        if last in _DANGLING and (len(words) == 2 or last in ("and", "so")):
            trimmed = words[0] if len(words) == 2 else ""
        trimmed = trimmed if trimmed.endswith("..") else trimmed.rstrip(".")
        if trimmed == text:
            break
        text = trimmed
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text.strip()


def _at_boundary(before: str) -> bool:
    """Whether a cue after ``before`` starts a sentence or clause."""
    before = before.rstrip()
    if not before or before[-1] in ".!?;:,\n(-–—":
        return True
    words = before[-10:].rsplit(None, 1)
    return bool(words) and words[-1].lower() in _JOINING_WORDS


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text`` (up to ". ", "!", "?" or a line break)."""
    return re.split(r"(?<=[.!?])\s+|\n", text.strip(), maxsplit=1)[0].strip()


def at_least_one(text: str, entries: list[Entry]) -> list[Entry]:
    """Return the non-empty entries, or one empty entry when ``text`` has words but no field was found."""
    kept = [entry for entry in entries if entry]
    return kept or ([{}] if text.strip() else [])
