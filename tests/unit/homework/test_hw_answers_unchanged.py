"""Reading answers was made cheaper (issue 20) without changing what is read.

``data/answers_golden.json`` holds texts (backlog benchmark mails cut short, every text the
homework unit tests parse, the reply corpus, tests/corpus) and a digest of what each homework type
read from each, day by day (``dated_entries``), written by the code before the work. Each shortcut
taken is also checked against the plain reading it replaces, on text Hypothesis builds.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hw_checks import answers, match_one_by_one
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard

from mailbot.core import days, sections
from mailbot.core.homework import fields, ratings
from mailbot.core.homework.exposure import scan_suds
from mailbot.core.homework.labels import labels_of
from mailbot.core.homework.registry import TYPES, get_type

GOLDEN = Path(__file__).parent / "data" / "answers_golden.json"
FORMS = [(tuple(t.fields({"questions": ["What stayed with you?"]})), ()) for t in TYPES.values()]
FORMS += [
    (tuple(t.fields({})), ("suds_before", "suds_peak", "suds_after", "intensity")) for t in TYPES.values()
]
WORDS = [
    *(name for form, _ in FORMS for f in form for name in (f.label, *f.aliases)),
    *(
        "my ",
        "the ",
        "a) ",
        "1. ",
        "(b) ",
        "# ",
        "- ",
        "• ",
        "* ",
        "__",
        "  ",
        "\t",
        ":",
        " - ",
        "?",
        "=",
        "|",
    ),
    *("80", "8/10", "80%", "about 70", "eight out of ten", "sixteen", "a hundred", "step 3", "10:30", "٣"),
    *("Monday", "Mo:", "2.3.", "3 June 2024", "2024-06-03", "yesterday", "last night", "Miércoles", "heute"),
    *("’", "'s", "é", "ſ", "K", "İ", "ß", "\u00a0", "\u3000", ">", "–", "\n", ". ", ", ", " and "),
    *("before", "peaked at", "after", "came down to", "then", "60/85/30", "SUDS"),
    *(
        "Sent from my iPhone",
        "ſent from",
        "On 3 May, Dr Lee <a@b.c> wrote:",
        "From: x",
        "**Von**:",
        "Subject:",
    ),
    *(
        "-----Original Message-----",
        "_" * 12,
        "Begin forwarded message:",
        "Get Outlook for iOS",
        "Date: ",
        "Day:",
    ),
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=14).map("".join),
)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def _read(kind: str, details: Mapping[str, Any], text: str, subject: str) -> list[dict[str, Any]]:
    def parse(part: str) -> list[dict[str, Any]]:
        try:
            return get_type(kind).parse(part, details)
        except Exception as exc:  # as practice.reading.answers: a parser failure is kept, not raised
            return [{"error": type(exc).__name__}]

    return sections.dated_entries(text, subject, parse)


def test_every_homework_type_reads_the_recorded_texts_as_before() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = [
        (n, kind, case["text"][:80], _read(kind, golden["forms"][kind], case["text"], case["subject"]))
        for n, case in enumerate(golden["cases"])
        for kind, expected in case["read"].items()
        if _digest(_read(kind, golden["forms"][kind], case["text"], case["subject"])) != expected
    ]
    assert len(golden["cases"]) > 400
    assert not changed, changed[:3]


@settings(max_examples=guard(), deadline=None)
@given(st.sampled_from(FORMS), TEXT)
def test_a_line_matches_the_label_it_matched_one_pattern_at_a_time(form: Any, line: str) -> None:
    labels = labels_of(*form)
    assert labels.match(line) == match_one_by_one(labels, line)


def test_labels_no_letter_can_start_are_never_tried() -> None:
    labels = labels_of(get_type("mood-log").fields({}))
    assert labels.match("**Situation** (where): the office") == ("situation", "the office", None)
    assert labels.match("1. My situation - the office") == ("situation", "the office", None)
    assert [labels._names[n] for n in labels._candidates("Situation: x")] == ["Situation"]
    assert [labels._names[n] for n in labels._candidates("* Situation (where): x")] == ["Situation"]
    assert "Situation" in [labels._names[n] for n in labels._candidates("Situation (ſ): x")]


@settings(max_examples=guard(), deadline=None)
@given(TEXT)
def test_text_without_digits_or_number_words_holds_no_rating(text: str) -> None:
    if not ratings._may_hold_rating(text):
        assert not list(ratings._EXPLICIT.finditer(text))
        assert not list(ratings._BARE.finditer(text))
        assert ratings.find_ratings(text) == [] and ratings.locate_rating(text) is None
    if not ratings._may_hold_rating(text, whole_words=False):
        assert not ratings._ANY_BARE.search(text) and not ratings._EXPLICIT.search(text)


@settings(max_examples=guard(), deadline=None)
@given(TEXT)
def test_markup_is_stripped_as_the_expression_strips_it(line: str) -> None:
    assert sections.strip_markup(line) == sections.MARKUP.sub("", line)


def test_the_strips_know_every_space_the_expression_does() -> None:
    space = re.compile(r"\s")
    spaces = [chr(n) for n in range(0x110000) if space.match(chr(n))]
    assert (
        "".join(spaces) == sections._SPACES == "".join(ch for ch in map(chr, range(0x110000)) if ch.isspace())
    )


@settings(max_examples=guard(), deadline=None)
@given(TEXT)
def test_only_lines_that_begin_like_a_leftover_are_read_as_one(line: str) -> None:
    leftovers = (fields._CUT, fields._FROM, fields._ATTRIBUTION, fields._MOBILE, fields._SUBJECT)
    if not fields._LEFTOVER.match(line):
        assert not any(pattern.match(line) for pattern in leftovers)
    if ":" not in line:
        assert not fields._DATE_LINE.match(line)


def _fold_as_it_was(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def _find_day_as_it_was(line: str, heading: bool = False) -> days.DayName | None:
    text = _fold_as_it_was(line)[:300]
    found: list[tuple[int, days.DayName]] = []
    dates = ((days.ISO, days._iso), (days.NUMERIC, days._numeric))
    for pattern, make in (*dates, (days.DAY_MONTH, days._day_month), (days.MONTH_DAY, days._month_day)):
        for match in pattern.finditer(text):
            name = make(match)
            if name is not None:
                found.append((match.start(), name))
                break
    if found:
        return min(found, key=lambda pair: pair[0])[1]
    words = [w.removesuffix("'s") for w in re.findall(r"[a-z']+", text)]
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in days.RELATIVE:
            return days.DayName("offset", days.RELATIVE[pair])
        if word in days.RELATIVE:
            return days.DayName("offset", days.RELATIVE[word])
        if word in days.WEEKDAYS:
            return days.DayName("weekday", days.WEEKDAYS[word])
        if heading and i == 0 and word in days.ABBREVIATIONS:
            return days.DayName("weekday", days.ABBREVIATIONS[word])
    return None


def _heading_day_as_it_was(line: str) -> days.DayName | None:
    bare = sections.MARKUP.sub("", line)
    if not bare or len(bare) > 80:
        return None
    label = sections.LABEL.match(bare)
    head = label.group(1) if label else bare
    words = [w.removesuffix("'s") for w in re.findall(r"[a-z']+", _fold_as_it_was(head))]
    skip = ("st", "nd", "rd", "th", "er", "de", "of")
    if sum(1 for w in words if w not in sections.DAY_WORDS and w not in skip) > 1:
        return None
    return _find_day_as_it_was(head, heading=True)


@settings(max_examples=guard(), deadline=None)
@given(TEXT)
def test_days_are_found_as_before(line: str) -> None:
    assert days.fold(line) == _fold_as_it_was(line)
    assert days.find_day(line) == _find_day_as_it_was(line)
    assert days.find_day(line, heading=True) == _find_day_as_it_was(line, heading=True)
    assert sections.heading_day(line) == _heading_day_as_it_was(line)


@settings(max_examples=guard(), deadline=None)
@given(answers(WORDS), st.sampled_from([None, "suds_before", "suds_peak", "suds_after"]))
def test_suds_are_read_from_prose_as_before(text: str, implied: str | None) -> None:
    assert scan_suds(text, implied) == _scan_suds_as_it_was(text, implied)


_KEYS = ("suds_before", "suds_peak", "suds_after")


def _scan_suds_as_it_was(text: str, implied: str | None = None) -> dict[str, int]:
    """exposure.scan_suds before it read each sentence's ratings and cues once."""
    from mailbot.core.homework.exposure import _SENTENCE, _all_then_ratings

    result: dict[str, int] = {}
    for number, sentence in enumerate(s for s in _SENTENCE.split(text) if s and s.strip()):
        first = implied if number == 0 else None
        items = _items(sentence, first)
        found = _all_then_ratings(items) or _pair(sentence, first)
        if not any(key for _, key, _ in items) and not found:
            found = _triple(sentence)
        result.update({k: v for k, v in found.items() if k not in result})
    return result


def _items(text: str, implied: str | None) -> list[tuple[int, str | None, int | None]]:
    from mailbot.core.homework.exposure import _CUE

    cues = [(m.start(), m.lastgroup, None) for m in _CUE.finditer(text)]
    found = [(start, None, value) for value, start, _ in ratings.find_ratings(text)]
    return ([(-1, implied, None)] if implied else []) + sorted(cues + found, key=lambda item: item[0])


def _pair(sentence: str, implied: str | None) -> dict[str, int]:
    from mailbot.core.homework.exposure import _CLAUSE

    result: dict[str, int] = {}
    for number, clause in enumerate(_CLAUSE.split(sentence)):
        items = _items(clause, implied if number == 0 else None)
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


def _triple(sentence: str) -> dict[str, int]:
    from mailbot.core.homework.exposure import _STEP_BEFORE, _TRIPLE

    values = [value for value, _, _ in ratings.find_ratings(sentence)]
    position = 0
    while found := _TRIPLE.search(sentence, position):
        if not _STEP_BEFORE.search(sentence[: found.start()]):
            values = [int(found[1]), int(found[3]), int(found[4])]
            break
        position = found.start() + 1
    if len(values) == 3 and all(0 <= value <= 100 for value in values):
        return dict(zip(_KEYS, values, strict=True))
    return {}
