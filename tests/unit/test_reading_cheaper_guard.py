"""Guards for the cheaper reading of a client's mail (issue 20): each shortcut against the plain
way it replaced, on the suite's corpora first and then on generated text.

- risk_folding._spelled reads text as bytes (a byte a character): the same chat spellings as the
  text search;
- find_risk with it finds what it found with the text search, in risk phrases however written;
- mail_kind counts words only up to one more than any count it compares (the corpora are
  compared with the full definition in test_reading_shortcuts);
- split_reply reads as a heading only a line that holds the first word of an item's name;
- the risk scan skips an ASCII text in which the gate (core.risk_gate) finds no pattern: the same
  places and matches as when every text was scanned, in risk phrases however written and mixed.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.budget import guard
from support.corpora import texts

from mailbot.core import combined_reply, mail_kind, risk, risk_folding, risk_starts
from mailbot.core.combined_reply import split_reply
from mailbot.core.matching import Candidate
from mailbot.core.naming import TYPE_WORDS
from mailbot.core.risk_phrases import BUILTIN
from mailbot.core.risk_phrases.spelling import SPELLINGS
from mailbot.practice.reading import form_labels

RULES = risk.risk_rules()


def spelled_by_text_search(folded: str) -> Iterator[tuple[int, int]]:
    """What _spelled found before: the search over the text, for ASCII text too."""
    first = risk_folding._SPELLED_FIRST.match(folded)
    if first is not None:
        yield first.span()
    for word in risk_folding._SPELLED_AFTER.finditer(folded):
        yield word.start() + 1, word.end()


def risk_by_text_search(text: str) -> list[risk.RiskMatch]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(risk_folding, "_spelled", spelled_by_text_search)
        return risk.find_risk_in_reply(text, RULES, ("If you are in danger, call 112.",))


GLUE = st.sampled_from(["", " ", "  ", "-", ".", "'", "_", "/", "\n", "1", "\t", "("])
ASCII_MAIL = st.lists(
    st.tuples(GLUE, st.sampled_from([*SPELLINGS, "WANNA", "U", "x"]) | st.text("abU9 .'_", max_size=4), GLUE),
    max_size=12,
).map(lambda words: "".join(before + word + after for before, word, after in words))


@settings(max_examples=guard(), deadline=None)
@given(ASCII_MAIL)
def test_chat_spellings_in_ascii_text_are_found_where_the_text_search_finds_them(text: str) -> None:
    folded = text.lower()
    assert list(risk_folding._spelled(folded)) == list(spelled_by_text_search(folded))


BEYOND = st.sampled_from(
    ["\u043f", "\u2014", "\u201c", "\u00f8", "\u0663", "\U0001f622", "\ud800", "\u00a0", "_"]
)
MAIL = st.lists(st.tuples(ASCII_MAIL, BEYOND), max_size=6).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=guard(), deadline=None)
@given(MAIL)
def test_chat_spellings_beside_characters_beyond_ascii_are_found_where_the_text_search_finds_them(
    text: str,
) -> None:
    folded = text.lower()
    assert list(risk_folding._spelled(folded)) == list(spelled_by_text_search(folded))


def test_the_corpora_hold_the_same_chat_spellings_as_the_text_search_finds() -> None:
    for text in texts():
        folded = risk_folding.fold(text)
        assert list(risk_folding._spelled(folded)) == list(spelled_by_text_search(folded))


def test_the_corpora_give_the_same_risk_matches_as_with_the_text_search() -> None:
    # a text in which neither search finds a chat spelling is folded alike by both (above)
    spelled = [text for text in texts() if any(spelled_by_text_search(risk_folding.fold(text)))]
    assert len(spelled) >= 5
    for text in spelled:
        assert risk.find_risk_in_reply(text, RULES) == risk_by_text_search(text)


def _mutated(phrase: str, seed: int) -> str:
    """A risk pattern's phrase as a client may write it: case, accents, spacing, punctuation,
    chat spellings and word order changed."""
    pick = random.Random(seed)
    words = phrase.split()
    if len(words) > 2 and pick.random() < 0.3:
        at = pick.randrange(len(words) - 1)
        words[at], words[at + 1] = words[at + 1], words[at]
    if pick.random() < 0.3:
        words.insert(pick.randrange(len(words) + 1), pick.choice([*SPELLINGS, "wanna", "u", "im"]))
    glue = [pick.choice([" ", "  ", "\n", " \u00a0", ", ", "\t", "-", "'"]) for _ in words]
    text = "".join(word + space for word, space in zip(words, glue, strict=True)).strip()
    if pick.random() < 0.5:
        text = text.upper() if pick.random() < 0.5 else text.title()
    if pick.random() < 0.3:
        text = unicodedata.normalize("NFD", text.replace("e", "\u00e9").replace("a", "\u00e0"))
    return pick.choice(["", "So. ", "> ", "Well, "]) + text + pick.choice(["", ".", "!!", " :(", "\u2026 ok"])


PHRASES = [pattern.phrase for pattern in BUILTIN if pattern.phrase]


@settings(max_examples=guard(), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PHRASES), st.integers(0, 10**6)), min_size=1, max_size=4))
def test_risk_phrases_however_written_give_the_same_matches_as_with_the_text_search(
    phrases: list[tuple[str, int]],
) -> None:
    text = "\n".join(_mutated(phrase, seed) for phrase, seed in phrases)
    assert risk.find_risk_in_reply(text, RULES) == risk_by_text_search(text)


def test_every_risk_phrase_gives_the_same_matches_as_with_the_text_search() -> None:
    text = "\n\n".join([*PHRASES, *(_mutated(phrase, seed) for seed, phrase in enumerate(PHRASES))])
    found = risk.find_risk_in_reply(text, RULES)
    assert found == risk_by_text_search(text)
    assert len(found) > len(PHRASES)  # the phrases are found: the comparison is not of nothing


def kind_by_every_word(subject: str, text: str) -> mail_kind.Verdict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mail_kind, "_count_words", lambda body: len(body.split()))
        return mail_kind.mail_kind(subject, text)


def test_no_count_of_words_compared_is_above_the_cap() -> None:
    counts = (
        "LONG_WORDS",
        "STATEMENT_WORDS",
        "NOTE_MAX_WORDS",
        "THANKS_MAX_WORDS",
        "QUESTION_IN_ANSWER_WORDS",
    )
    assert max(getattr(mail_kind, name) for name in counts) == mail_kind.NOTE_MAX_WORDS


CUES = ["is that ok?", "thanks", "I did it", "session move?", "couldn't do it", "invoice", "homework", "."]
WORDS = st.tuples(st.integers(0, 200), st.lists(st.sampled_from(CUES), max_size=3)).map(
    lambda mail: " ".join(["word"] * mail[0] + mail[1])
)


@settings(max_examples=guard(), deadline=None)
@given(WORDS)
def test_a_mail_of_any_length_is_the_same_kind_as_when_every_word_was_counted(text: str) -> None:
    assert mail_kind.mail_kind("Re: Your homework", text) == kind_by_every_word("Re: Your homework", text)


ITEMS = [
    Candidate(10, 1, "HW-AAAA", "Evening journal", "journal", True),
    Candidate(11, 1, "HW-BBBB", "Daily Mood log", "mood-log", True),
    Candidate(12, 1, "HW-CCCC", "Chapter 3", "bibliotherapy", True),
    Candidate(13, 1, "HW-DDDD", "", "exposure", True),
]
LABELS = {c.id: form_labels(c.type, {}) for c in ITEMS}


def split_reading_every_line(text: str) -> combined_reply.Split:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(combined_reply, "_name_pieces", lambda candidates, folded: [""])
        return split_reply(text, ITEMS, LABELS)


NAMES = [c.title for c in ITEMS if c.title] + [w for ws in TYPE_WORDS.values() for w in ws]
LINES = st.lists(
    st.sampled_from(
        [*NAMES, "**", "#", ":", " - ", "Situation:", "Emotion: sad 70", "Monday", "\n", "MOOD", "Lädder"]
    )
    | st.text(max_size=5),
    max_size=30,
).map(lambda parts: re.sub(r"\n+", "\n", " ".join(parts)))


@settings(max_examples=guard(), deadline=None)
@given(LINES)
def test_a_reply_is_cut_as_when_every_line_was_read_as_a_heading(text: str) -> None:
    assert split_reply(text, ITEMS, LABELS) == split_reading_every_line(text)


def test_the_corpora_are_cut_as_when_every_line_was_read_as_a_heading() -> None:
    for text in texts():
        assert split_reply(text, ITEMS, LABELS) == split_reading_every_line(text)


def test_case_folding_neither_makes_nor_takes_a_line_break() -> None:
    # split_reply cuts the text folded once where it cuts the text
    breaks = {char for char in map(chr, range(sys.maxunicode + 1)) if len(f"a{char}a".splitlines()) == 2}
    assert breaks >= {"\n", "\r", "\u2028"}
    for char in map(chr, range(sys.maxunicode + 1)):
        folded = char.casefold()
        assert folded == char if char in breaks else breaks.isdisjoint(folded), repr(char)


def matches_without_gate(self: risk_starts.PatternStarts, folded: str) -> list[int]:
    """PatternStarts.matches before the gate (a frozen copy): every place of every text tried."""
    found = []
    known = self._found
    for place in self._tried(folded):
        matchers = known.get(folded[place : place + risk_starts.LENGTH])
        if matchers is None:
            matchers = self.matchers_at(folded, place)
        for match in matchers:
            if match(folded, place):
                found.append(place)
                break
    searched = [
        place
        for strings, regex in self.searched
        if any(string in folded for string in strings)
        for place in risk_starts._every_match(regex, folded)
    ]
    return sorted({*found, *searched}) if searched else found


NOTE = ("If you are in danger, call 112.",)
ADDED = risk.risk_rules(["feel like disappearing", "it is all pointless"], ["en.no_way_out", "I want to die"])


def scan(rules: risk.RiskRules, texts: tuple[str, ...]) -> list[tuple[list[int], list[risk.RiskMatch]]]:
    """Each text's places where a pattern matches, and its alerts."""
    return [
        (rules.starts.matches(risk_folding.fold(text)), risk.find_risk_in_reply(text, rules, NOTE))
        for text in texts
    ]


def assert_as_without_gate(*texts: str) -> None:
    for rules in (RULES, ADDED):
        found = scan(rules, texts)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(risk_starts.PatternStarts, "matches", matches_without_gate)
            assert found == scan(rules, texts)


def test_the_corpora_give_the_same_risk_matches_as_without_the_gate() -> None:
    assert_as_without_gate(*texts())


def test_every_risk_phrase_however_written_gives_the_same_matches_as_without_the_gate() -> None:
    text = "\n\n".join([*PHRASES, *(_mutated(phrase, seed) for seed, phrase in enumerate(PHRASES))])
    assert_as_without_gate(text)
    assert len(risk.find_risk_in_reply(text, RULES)) > len(PHRASES)  # not a comparison of nothing


# the phrases' own words, in any order: mail that comes near a pattern without matching it
NEAR = [word for phrase in PHRASES for word in re.findall(r"[\w']+", phrase)]
PIECE = st.one_of(
    st.tuples(st.sampled_from(PHRASES), st.integers(0, 10**6)).map(lambda item: _mutated(*item)),
    st.lists(st.sampled_from(NEAR), min_size=1, max_size=8).map(" ".join),
    st.sampled_from([". ", "\n", "\n\n", ", ", " ", "-", "> ", "0/10", "not", "never", "hi"]),
    # characters beyond ASCII that folding keeps: the gate reads them by kind
    st.sampled_from(
        ["\u201c", "\u201d", "\u2014", "\U0001f622", "\u2192", "\u043d\u0435\u0442", "\u00df", "\u00e9"]
    ),
)


@settings(max_examples=guard(), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, min_size=1, max_size=12).map(" ".join))
def test_mail_near_or_holding_risk_phrases_gives_the_same_matches_as_without_the_gate(text: str) -> None:
    assert_as_without_gate(text)
