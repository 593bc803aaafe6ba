"""The words around a client's answers that are not answers: greetings, preambles, apologies, sign-offs.

They stay in the submission's text; the parsers leave them out of fields, so "Sorry it's late!"
never becomes a situation and "Ben" never ends the notes. Only the first and last few lines of
a mail are looked at, and only whole lines (or a closing apology sentence) are taken out.
"""

from __future__ import annotations

import re

_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|dear|good\s+(?:morning|afternoon|evening)|morning)\b.{0,60}$", re.I
)
_INTRO = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|right|well)[,\s]+)?(?:here\s+(?:is|are|goes|it\s+is)|here['’]s|please\s+find"
    r"|see\s+(?:below|attached)|below\s+(?:is|are)|attached|as\s+promised|this\s+is\s+my|my\s+(?:homework|answers?)"
    r"|this\s+week['’]s|(?:my\s+)?(?:homework|log|diary|journal|record|answers?)\s+for\s+(?:this|the|last)\s+week"
    r"|finally\s+(?:sending|getting)|sending\s+(?:my|this|it))\b[^.!?\n]{0,80}[.:!]*\s*$",
    re.I,
)
# An apology for the mail itself (late, not sent, short), not "Sorry, I had a panic attack": an
# apology that carries an answer is left to the parsers.
_APOLOGY = re.compile(
    r"^\s*(?:(?:oh\s+|and\s+)?(?:so|really|very|terribly|super)\s+)?(?:sorry|apologies|my\s+apologies"
    r"|i['’]?m\s+(?:so\s+|really\s+|very\s+|terribly\s+)?sorry|i\s+am\s+(?:so\s+|really\s+|very\s+)?sorry"
    r"|(?:please\s+)?(?:excuse|forgive)\s+(?:the|my)\s+(?:delay|lateness|late\s+reply)"
    r"|(?:a\s+(?:bit|little)\s+)?late\s+again|better\s+late\s+than\s+never)\b"
    r"(?=[^\n]{0,100}?\b(?:late|lateness|delay(?:ed)?|yesterday|send(?:ing)?|sent|forg[oe]t(?:ten)?|sooner"
    r"|earlier|long|missed|busy|mess(?:y)?|typos?|again|never|short|brief)\b|[\s.!]*$)[^\n]{0,160}$",
    re.I,
)
# A closing apology sentence at the end of the last answer line: "... went to bed. Sorry it's late!"
_CLOSING_APOLOGY = re.compile(
    r"(?<=[.!?])\s+(?:(?:so|really)\s+)?(?:sorry|apologies)\b[^.!?\n]{0,80}[.!?]*\s*$", re.I
)
_SIGN_OFF = re.compile(
    r"^\s*(?i:thanks|thank\s+you|many\s+thanks|thx|cheers|best|best\s+wishes|all\s+the\s+best|kind\s+regards"
    r"|regards|warm\s+regards|warmly|love|take\s+care|speak\s+soon|talk\s+soon|see\s+you|bye|sincerely)"
    r"(?i:\s+(?:so\s+much|again|very\s+much|a\s+lot|for\s+\w+(?:\s+\w+){0,3}|on\s+\w+|next\s+week|soon))?"
    r"[\s,.!]*+(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?[\s,.!x]*$"
)
_NAME_LINE = re.compile(r"^\s*[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}[\s.,!x]*$|^\s*x+\s*$")
# A name alone, as a client signs: "Ben", "Anna K.", "C.", "-Jo", "B x", "xx".
_BARE_NAME = re.compile(
    r"^\s*[-–—~]?\s*(?:[A-Z][a-zà-ÿ'’-]{1,15}(?:\s+[A-Z][a-zà-ÿ'’-]{0,15}\.?)?|[A-Z]\.?(?:\s?[A-Z]\.?)?)"
    r"(?:\s+x+)?\s*$|^\s*x{1,4}\s*$"
)
# Single words that end an answer and are not names.
_NOT_NAMES = frozenset(
    [
        "anxious",
        "sad",
        "angry",
        "happy",
        "calm",
        "tired",
        "ashamed",
        "guilty",
        "scared",
        "afraid",
        "lonely",
        "hopeless",
        "fine",
        "ok",
        "okay",
        "good",
        "bad",
        "better",
        "worse",
        "yes",
        "no",
        "none",
        "nothing",
        "done",
        "same",
        "relieved",
        "hurt",
        "jealous",
        "frustrated",
        "nervous",
        "worried",
    ]
)


def drop_chatter(lines: list[str | None]) -> None:
    """Replace the chatter at the top and at the end of ``lines`` with None (lines stay in place)."""
    filled = [i for i, line in enumerate(lines) if line is not None and line.strip()]
    _drop_opening(lines, filled)
    filled = [i for i in filled if lines[i] is not None]
    _drop_closing(lines, filled)


def _drop_opening(lines: list[str | None], filled: list[int]) -> None:
    """A greeting, then "here is my homework" lines and apologies, before the first answer."""
    for position, i in enumerate(filled[:3]):
        line = lines[i] or ""
        greeting = position == 0 and _GREETING.match(line) and ":" not in line
        if greeting or _INTRO.match(line) or _APOLOGY.match(line):
            lines[i] = None
        else:
            break


def _drop_closing(lines: list[str | None], filled: list[int]) -> None:
    """A sign-off with the names under it, apologies and a name alone, after the last answer."""
    tail = filled[-4:]
    for position, i in enumerate(tail):
        after = tail[position + 1 :]
        if _SIGN_OFF.match(lines[i] or "") and all(_NAME_LINE.match(lines[j] or "") for j in after):
            _clear_from(lines, i)
            return
    cut = None
    for position in range(len(filled) - 1, max(-1, len(filled) - 4), -1):
        i = filled[position]
        line = lines[i] or ""
        if (
            _APOLOGY.match(line)
            or _SIGN_OFF.match(line)
            or position == len(filled) - 1
            and _is_signed_name(lines, i)
        ):
            cut = i
        else:
            break
    if cut is not None:
        _clear_from(lines, cut)
    last = next((i for i in reversed(filled) if lines[i] is not None), None)
    if last is not None:
        lines[last] = _CLOSING_APOLOGY.sub("", lines[last] or "")


def _is_signed_name(lines: list[str | None], index: int) -> bool:
    """A name alone on the last line, set apart from the answers by a blank line (or an initial)."""
    line = (lines[index] or "").strip()
    if not _BARE_NAME.match(line) or line.lower().strip(".!") in _NOT_NAMES:
        return False
    before = lines[index - 1] if index > 0 else ""
    initial = len(line.rstrip(". x")) <= 3
    return initial or before is None or not before.strip()


def _clear_from(lines: list[str | None], start: int) -> None:
    for j in range(start, len(lines)):
        lines[j] = None
