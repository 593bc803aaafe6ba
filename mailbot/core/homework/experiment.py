"""Behavioural experiment (``experiment``): test a thought like a scientist.

Entry keys: ``thought`` (the thought to test), ``prediction``, ``belief_before`` (int 0-100, how
strongly the prediction is believed), ``experiment`` (what the client did or will do), ``option``
("A" or "B", only when the client names one: "Option: B", "Option A - ask a colleague", "(B)",
"I went with option b"), ``outcome`` (what happened) and ``belief_after`` (int, the belief re-rated).
A rating that closes the prediction ("they'll laugh at me (90%)") is the belief when no belief
is given on its own. Prose is read at cue phrases ("I predicted that ...", "I believed it 80%",
"What actually happened was ...", "Now I believe it 30%"). A lone "a" or "b" in prose is not
taken for an option: it is too often an article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import Block, read_blocks
from mailbot.core.homework.prose import at_least_one, first_sentence, segment
from mailbot.core.homework.ratings import find_rating, locate_rating

FORM = (
    FormField(
        "thought",
        "Thought to test",
        aliases=(
            "thought",
            "the thought",
            "thought being tested",
            "thought I'm testing",
            "belief to test",
            "negative thought",
            "hot thought",
            "what I'm testing",
        ),
    ),
    FormField(
        "prediction",
        "Prediction",
        "what you expect to happen",
        aliases=(
            "my prediction",
            "what I predict",
            "what I predicted",
            "predicted outcome",
            "what I expect",
            "what I expected",
            "what I expect will happen",
            "expected outcome",
            "I predict",
        ),
    ),
    FormField(
        "belief_before",
        "How strongly you believe it",
        "0-100 %",
        aliases=(
            "how strongly I believe it",
            "how strongly do you believe it",
            "how much I believe it",
            "how much do you believe it",
            "belief",
            "belief before",
            "belief rating",
            "strength of belief",
            "belief strength",
            "confidence",
            "how sure",
            "how sure I am",
            "initial belief",
            "rating before",
            "rating",
        ),
    ),
    FormField(
        "experiment",
        "Experiment",
        "option A or B, and what you will do",
        aliases=(
            "the experiment",
            "my experiment",
            "what I did",
            "what I will do",
            "what I'll do",
            "plan",
            "experiment plan",
        ),
    ),
    FormField(
        "option",
        "Option",
        "A or B",
        aliases=("option chosen", "chosen option", "which option", "option A or B", "A or B"),
    ),
    FormField(
        "outcome",
        "What happened",
        aliases=("outcome", "result", "what actually happened", "actual outcome", "what really happened"),
    ),
    FormField(
        "belief_after",
        "Belief re-rated",
        "0-100 %",
        aliases=(
            "belief after",
            "belief now",
            "re-rated belief",
            "re-rate belief",
            "rerate belief",
            "belief rerated",
            "new belief",
            "new rating",
            "belief afterwards",
            "rating after",
            "how strongly I believe it now",
            "how strongly do you believe it now",
            "how much I believe it now",
            "re-rating",
            "rerating",
            "now",
            "after",
            "afterwards",
        ),
    ),
)
_RATED = ("belief_before", "belief_after")
_CUES = (
    (
        "thought",
        r"the\s+thought\s+I\s+(?:wanted\s+to\s+|was\s+)?test(?:ed|ing)?\s+(?:was|is)(?:\s+that)?"
        r"|I\s+(?:wanted\s+to\s+)?test(?:ed)?\s+the\s+thought(?:\s+that)?|my\s+thought\s+(?:was|is)(?:\s+that)?",
    ),
    (
        "prediction",
        r"I\s+predicted(?:\s+that)?|my\s+prediction\s+(?:was|is)(?:\s+that)?|I\s+expected(?:\s+that)?",
    ),
    ("belief_before", r"I\s+believed\s+(?:it|this|that)?|(?:my\s+)?belief\s+(?:before\s+)?was"),
    (
        "experiment",
        r"(?:for\s+)?the\s+experiment(?:\s+was)?|I\s+decided\s+to|what\s+I\s+did\s+was"
        r"|(?:I\s+(?:went\s+with|chose|picked|did)\s+)?(?:option|plan)\s+\(?[AB]\b\)?(?:\s*(?:and|:|,|-))?",
    ),
    (
        "outcome",
        r"what\s+(?:actually\s+|really\s+)?happened\s+(?:was|is)(?:\s+that)?|in\s+the\s+end"
        r"|it\s+turned\s+out(?:\s+that)?|the\s+(?:result|outcome)\s+was(?:\s+that)?",
    ),
    (
        "belief_after",
        r"now\s+I\s+(?:only\s+)?believe\s+(?:it|this)?|I\s+now\s+(?:only\s+)?believe\s+(?:it|this)?"
        r"|now\s+I['’]?d\s+(?:say|rate\s+it)|(?:I\s+)?re-?rated?\s+(?:it|my\s+belief)?(?:\s+at)?"
        r"|(?:my\s+)?belief\s+(?:dropped|went\s+down|fell|is\s+now)(?:\s+to)?",
    ),
)
_OPTION_LEAD = re.compile(
    r"^\s*(?:(?:option|plan)\s*\(?(?P<a>[ab])\)?|\(?(?P<b>[AB])\))(?:\s*[:.)\-–—]\s*|\s+|$)", re.I
)
_OPTION_WORD = re.compile(r"\b(?:option|plan)\s+\(?([ab])\b\)?", re.I)
_LONE_LETTER = re.compile(r"^\s*+\(?([AaBb])\)?\s*+[.!]?\s*+$|(?<![\w'’])([AB])(?![\w'’])")
_CLOSING = re.compile(r"^[\s)\].*_]*$")


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return the form, in the order of the experiment."""
    return FORM


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return one entry per experiment the client reported (see the module docstring for the keys)."""
    return at_least_one(
        text, [_entry(block) for block in read_blocks(text, FORM, rated=_RATED, short=("option",))]
    )


def _entry(block: Block) -> Entry:
    found = {key: block.get(key) for key in ("thought", "prediction", "experiment", "outcome")}
    ratings = {key: block.rating(key) for key in _RATED}
    option = _option(block.get("option") or "")
    if not block.items:
        prose = {k: v for chunk in block.prose for k, v in segment(chunk, _CUES).items()}
        found = {key: prose.get(key) for key in found}
        ratings = {key: _rating(prose.get(key)) for key in _RATED}
        option = option or next((m[1].upper() for c in block.prose if (m := _OPTION_WORD.search(c))), None)
    if found["experiment"]:
        found["experiment"], named = _split_option(found["experiment"])
        option = option or named
    for key in ("prediction", "thought"):
        value = found[key]
        if value and ratings["belief_before"] is None:
            found[key], ratings["belief_before"] = _closing_rating(value)
    entry: Entry = {key: value for key, value in found.items() if value}
    entry.update({key: value for key, value in ratings.items() if value is not None})
    if option:
        entry["option"] = option
    return {
        key: entry[key]
        for key in (
            "thought",
            "prediction",
            "belief_before",
            "experiment",
            "option",
            "outcome",
            "belief_after",
        )
        if key in entry
    }


def _rating(text: str | None) -> int | None:
    found = find_rating(first_sentence(text)) if text else None
    return found[0] if found else None


def _option(text: str) -> str | None:
    """Return "A" or "B" when the option answer names one, else None."""
    found = _OPTION_LEAD.match(text) or _OPTION_WORD.search(text) or _LONE_LETTER.search(text)
    if not found:
        return None
    letter = next(group for group in found.groups() if group)
    return letter.upper()


def _split_option(text: str) -> tuple[str, str | None]:
    """Return (the experiment without a leading "Option A:", the option it names)."""
    found = _OPTION_LEAD.match(text)
    if not found:
        return text, None
    return text[found.end() :].strip(), (found["a"] or found["b"]).upper()


def _closing_rating(text: str) -> tuple[str, int | None]:
    """Return (text, rating) split at a closing rating ``text``, else (text, None)."""
    found = locate_rating(text)
    if not found or not _CLOSING.match(text[found[2] :]):
        return text, None
    before = re.sub(r"[\s(\[,;:\-–—]+$", "", text[: found[1]])
    before = re.sub(r"\s+(?:about|around|maybe|at)$", "", before, flags=re.I).strip()
    return (before, found[0]) if before else (text, None)


TYPE = HomeworkType(name="experiment", label="Behavioural experiment", fields=fields, parse=parse)
