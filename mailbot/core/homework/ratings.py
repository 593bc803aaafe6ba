"""Ratings as clients write them ("80", "80%", "8/10", "eight out of ten"), read as whole numbers 0-100.

Understood: a whole number 0-100 ("80"), a percentage ("80%", "80 %", "72.5 percent"), a fraction
over 5, 10 or 100 ("8/10", "7.5/10", "4/5", "80/100"), the same with "out of" or "of" ("8 out of 10",
"eight out of ten"), and number words ("eighty", "eighty-five", "a hundred"). Hedges around a
rating are fine ("about 80", "~80", "80ish"). Results are rounded half up ("7.25/10" gives 73).

Deliberately not understood, so the client's words stay as written rather than a guess:
  * a bare decimal ("0.8", "7.5"): 0.8 could mean 0.8 % or 80 %, 7.5 could be 7.5 or 75;
  * a range ("70-80", "7 to 8/10"): the client did not pick one number;
  * fractions over anything but 5, 10 or 100 ("3/4", "60/85"), which look like dates or lists;
  * anything above 100 or below 0, and comma decimals ("7,5").
A bare "8" is 8 on the 0-100 scale the forms ask for, not 80.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_SMALL_WORDS = "|".join(sorted(_SMALL, key=len, reverse=True))
_TENS_WORDS = "|".join(_TENS)
_HUNDRED = r"(?:a\s+|one\s+)?hundred"
_TEENS = "|".join(word for word in _SMALL if word.endswith("teen"))
# Word numbers that are plausibly a rating on their own inside a sentence: not "one" or "two".
_BIG_WORD = rf"(?:(?:{_TENS_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?|{_HUNDRED}|ten|eleven|twelve|{_TEENS}|zero)"
_ANY_WORD = rf"(?:(?:{_TENS_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?|{_HUNDRED}|{_SMALL_WORDS})"
_DIGITS = r"\d{1,3}(?:\.\d{1,3})?"
_NUMBER = rf"(?:{_DIGITS}(?![\d.])|\b{_ANY_WORD}\b)"
_DENOMINATOR = rf"(?:100|10|5|ten|five|{_HUNDRED})(?![\d.]\d|\w)"

_EXPLICIT = re.compile(
    rf"""(?<![\w.,/])(?:
        (?P<num>{_NUMBER})\s*(?:/|\bout\s+of\b|\bof\b)\s*(?P<den>{_DENOMINATOR})
      | (?P<pct>{_NUMBER})\s*(?:%|\bper\s?cent\b|\bpct\b)
    )""",
    re.I | re.X,
)
_BARE = re.compile(
    rf"(?<![\w.,/:#£$€@+-])(?:(?P<int>\d{{1,3}})(?![\w/%]|[.,:]\d)|(?P<word>\b{_BIG_WORD}\b))", re.I
)
_ANY_BARE = re.compile(rf"(?:(?P<int>\d{{1,3}})|(?P<word>{_ANY_WORD}))", re.I)
# A number right after these words counts something else: "step 3", "page 40".
_COUNTED_BEFORE = re.compile(
    r"(?:\b(?:step|level|rung|stage|number|no|page|pages|pp?|chapter|ch|day|week|entry|row|item|question"
    r"|q|part|option|version|room|floor|bus|line|session|exercise|attempt)\.?\s*#?\s*)$",
    re.I,
)
# ...and a number right before these words measures something else: "3 pm", "20 minutes".
_UNIT_AFTER = re.compile(
    r"\s*(?:am|pm|a\.m|p\.m|h|hrs?|hours?|mins?|minutes?|secs?|seconds?|km|kms|miles?|m|kg|lbs?|st|nd"
    r"|rd|th|x|times|days?|weeks?|months?|years?|yrs?|people|friends|pages?|o'?clock|euros?|dollars?"
    r"|pounds?|steps?|calls?|emails?|chapters?|°)\b",
    re.I,
)
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–—]|to)\s*$", re.I)
_RANGE_AFTER = re.compile(r"\s*(?:[-–—]|to)\s*\d", re.I)
_HEDGE = r"(?:about|around|roughly|approx\.?|approximately|maybe|probably|perhaps|circa|ca\.|c\.|~|≈|like|at)"
# Every rating has a digit or a number word in it, and most sentences have neither: plain substring
# tests tell so sooner than the expressions (the words are those no other contains: "six" stands
# for "sixteen" and "sixty"). Case is ignored as lower() does, but for these, which match an ASCII
# letter when the expressions ignore case ("ſ" is an "s").
_NUMBER_WORDS = (*_SMALL, *_TENS, "hundred")
_NUMBER_STEMS = tuple(w for w in _NUMBER_WORDS if not any(o != w and o in w for o in _NUMBER_WORDS))
_CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(rf"\b(?:{_ANY_WORD})\b", re.I)
# What the expressions need, told by the words of a text without those twins: a number word is a
# run of \w (a word) that is one of _NUMBER_WORDS in lower case; a scale or percentage needs "/",
# "%" or one of the words "of", "per", "percent", "pct" (a fraction a denominator too); a bare
# number a digit or one of the words _BIG_WORD is made of. A text's words are found in its UTF-8
# bytes, everything but ASCII letters, digits and "_" made a space: in ASCII exactly its words;
# otherwise a few more (a letter outside ASCII splits a word), never fewer.
_WORD_BYTES = bytes.maketrans(
    bytes(range(256)),
    bytes(ord(chr(c).lower()) if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256)),
)
_NUMBER_TOKENS = frozenset(word.encode() for word in _NUMBER_WORDS)
_SCALE_TOKENS = frozenset((b"per", b"percent", b"pct"))
_DENOMINATOR_TOKENS = frozenset((b"ten", b"five", b"hundred"))
_BIG_WORDS = (*_TENS, "hundred", "ten", "eleven", "twelve", "zero", *_TEENS.split("|"))
_BIG_TOKENS = frozenset(word.encode() for word in _BIG_WORDS)
_TWIN = re.compile("[" + "".join(_CASE_TWINS) + "]")
# _BARE when no number word can match: its digits alone (the same groups, the word one never taken)
_BARE_DIGITS = re.compile(r"(?=\d)(?<![\w.,/:#£$€@+-])(?:(?P<int>\d{1,3})(?![\w/%]|[.,:]\d)|(?P<word>(?!)))")
_WRAPPED = re.compile(
    rf"^[\s*_(\[]*(?:{_HEDGE}\s*)*(?P<core>.*?)(?:\s*-?\s*ish)?[\s*_)\].!,;]*$", re.I | re.S
)


def parse_rating(text: str) -> int | None:
    """Return the 0-100 rating that ``text`` is, or None when it is not just a rating.

    ``text`` may wrap the rating in hedges, brackets or emphasis ("about 80%", "(8/10)",
    "**80**", "80ish"); anything else in it ("anxious 80") makes this None: use
    :func:`find_rating` for a rating inside a phrase.
    """
    if len(text) > 60:  # nothing that long is only a rating
        return None
    if not _may_hold_rating(text, whole_words=False):
        return None
    wrapped = _WRAPPED.match(text)
    core = wrapped.group("core").strip() if wrapped else ""
    explicit = _EXPLICIT.fullmatch(core)
    if explicit:
        return _explicit_value(explicit)
    bare = _ANY_BARE.fullmatch(core)
    if bare:
        return _bare_value(bare)
    return None


def find_rating(text: str) -> tuple[int, str] | None:
    """Return (rating, the substring it was written as) for the first rating in ``text``, or None.

    Ratings written with a scale ("70%", "8/10", "eight out of ten") win over bare numbers
    ("anxious 70"), so "at 3 I felt sad, 8/10" gives (80, "8/10"). Bare numbers that count
    or measure something else ("step 3", "20 minutes", "3pm", "10:30") and ranges are skipped.
    """
    found = locate_rating(text)
    return (found[0], text[found[1] : found[2]]) if found else None


def locate_rating(text: str) -> tuple[int, int, int] | None:
    """Return (rating, start, end) of the rating :func:`find_rating` picks, or None."""
    gates = _gates(text)
    if gates is None:
        return None
    explicit, bare = gates
    for match in _EXPLICIT.finditer(text) if explicit else ():
        value = _explicit_value(match)
        if value is not None and not _in_range(text, match.start(), match.end()):
            return value, match.start(), match.end()
    for match in bare.finditer(text):
        value = _bare_value(match)
        if value is not None and _stands_alone(text, match.start(), match.end()):
            return value, match.start(), match.end()
    return None


def find_ratings(text: str) -> list[tuple[int, int, int]]:
    """Return (rating, start, end) for every rating in ``text``, left to right, none overlapping."""
    found: list[tuple[int, int, int]] = []
    gates = _gates(text)
    if gates is None:
        return found
    explicit, bare = gates
    for match in _EXPLICIT.finditer(text) if explicit else ():
        value = _explicit_value(match)
        if value is not None and not _in_range(text, match.start(), match.end()):
            found.append((value, match.start(), match.end()))
    starts = [start for _, start, _ in found]
    for match in bare.finditer(text):
        value = _bare_value(match)
        # finditer's matches do not overlap, so only the explicit one starting last before it can
        before = bisect_left(starts, match.end()) - 1
        overlaps = before >= 0 and found[before][2] > match.start()
        if value is not None and not overlaps and _stands_alone(text, match.start(), match.end()):
            found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def split_rating(text: str) -> tuple[str, int | None]:
    """Return (the words beside the rating, the rating) for a phrase such as "anxious, about 70%".

    The words are the part before the rating (or, when nothing comes before it, the part
    after), stripped of hedges and punctuation, so they are always a piece of ``text``:
    "sad (8/10) and tired" gives ("sad", 80). Without a rating: (text stripped, None).
    """
    found = locate_rating(text)
    if found is None:
        return text.strip(), None
    value, start, end = found
    before = _strip_hedges(text[:start])
    return (before if before else _strip_leading(text[end:])), value


def _gates(text: str) -> tuple[bool, re.Pattern[str]] | None:
    """None when ``text`` cannot hold a rating (``_may_hold_rating``); else whether _EXPLICIT could
    match in it, and the expression that finds its bare numbers: _BARE_DIGITS where none of the
    words _BARE reads is in it (the same matches, found sooner)."""
    digit = _DIGIT.search(text) is not None
    ascii_only = text.isascii()
    if not ascii_only and _TWIN.search(text):  # a number word may hide behind a twin: ask the expressions
        return (True, _BARE) if digit or _NUMBER_WORD.search(text) else None
    words = set(text.encode().translate(_WORD_BYTES).split())
    if not digit and (words.isdisjoint(_NUMBER_TOKENS) or not ascii_only and not _NUMBER_WORD.search(text)):
        return None
    fraction = ("/" in text or b"of" in words) and (
        "5" in text or "10" in text or not words.isdisjoint(_DENOMINATOR_TOKENS)
    )
    explicit = fraction or "%" in text or not words.isdisjoint(_SCALE_TOKENS)
    return explicit, (_BARE_DIGITS if words.isdisjoint(_BIG_TOKENS) else _BARE)


def may_hold_rating(text: str) -> bool:
    """False when ``text`` cannot hold a rating that ``find_ratings`` finds, in it or in any piece
    of it cut where no word is split: no digit and no number word of its own is in it."""
    return _gates(text) is not None


def may_hold_words(text: str, words: frozenset[bytes]) -> bool:
    """False when none of ``words`` (ASCII, lower case, as bytes) is a word of its own in ``text``,
    as an expression ignoring case sees it (``\\b`` on both sides); True when one may be."""
    if not text.isascii() and _TWIN.search(text):
        return True
    return not words.isdisjoint(text.encode().translate(_WORD_BYTES).split())


def _may_hold_rating(text: str, whole_words: bool = True) -> bool:
    """False when ``text`` cannot hold a rating: no digit and no number word in it (as a word of
    its own when ``whole_words``, as the scales and bare numbers of ``find_ratings`` need)."""
    if whole_words:
        return _gates(text) is not None
    if _DIGIT.search(text) or any(twin in text for twin in _CASE_TWINS):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _NUMBER_STEMS)


def _strip_hedges(text: str) -> str:
    text = text.rstrip(" \t\n([*_~≈")
    while True:
        trimmed = re.sub(rf"(?:\b|(?<=\s)|^){_HEDGE}$", "", text, flags=re.I).rstrip(" \t\n([*_~≈")
        if trimmed == text:
            break
        text = trimmed
    return text.rstrip(" \t\n,;:-–—/([*_").strip()


def _strip_leading(text: str) -> str:
    return re.sub(r"^[\s)\]*_,;:.\-–—/]+", "", text).strip()


def _explicit_value(match: re.Match[str]) -> int | None:
    if match.group("pct"):
        return _scaled(match.group("pct"), "100")
    return _scaled(match.group("num"), match.group("den"))


def _bare_value(match: re.Match[str]) -> int | None:
    value = int(match.group("int")) if match.group("int") else _word_value(match.group("word"))
    return value if value is not None and 0 <= value <= 100 else None


def _scaled(number: str, denominator: str) -> int | None:
    top = _number_value(number)
    bottom = _number_value(denominator)
    if top is None or not bottom or top > bottom:
        return None
    return int((top * 100 / bottom).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _number_value(text: str) -> Decimal | None:
    text = text.strip()
    if text[:1].isdigit():
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    value = _word_value(text)
    return Decimal(value) if value is not None else None


def _word_value(text: str) -> int | None:
    words = re.split(r"[\s-]+", text.lower().strip())
    if words[-1] == "hundred":
        return 100
    if words[0] in _TENS:
        unit = _SMALL.get(words[1], 0) if len(words) > 1 else 0
        return _TENS[words[0]] + unit
    return _SMALL.get(words[0])


def _in_range(text: str, start: int, end: int) -> bool:
    return bool(_RANGE_BEFORE.search(text[max(0, start - 8) : start]) or _RANGE_AFTER.match(text, end))


def _stands_alone(text: str, start: int, end: int) -> bool:
    if _in_range(text, start, end) or _UNIT_AFTER.match(text, end):
        return False
    return not _COUNTED_BEFORE.search(text[max(0, start - 16) : start])
