"""The risk patterns are tried only where one can start: the sentences looked at, and so every
alert, must be exactly those that one search with all patterns in one alternation finds (the
definition, kept here). A miss is worse than slowness, so the start lists are also checked
pattern by pattern: wherever a pattern matches, its start must be listed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.budget import guard

from mailbot.core import risk, risk_folding, risk_starts
from mailbot.core.risk_phrases import BUILTIN
from mailbot.core.risk_starts import pattern_starts
from tests.risk_corpus.measure import FOLDERS, lines

RULES = risk.risk_rules()
CORPUS = [line for folder in FOLDERS for path in sorted(Path(folder).glob("*.txt")) for line in lines(path)]


def alternation(patterns: Sequence[risk._Compiled]) -> re.Pattern[str]:
    """All patterns in one, as find_risk searched before the start lists."""
    bodies = "|".join("(?:" + p.regex.pattern.removeprefix(risk._WORD_START) + ")" for p in patterns)
    return re.compile(risk._WORD_START + "(?:" + bodies + ")")


ALTERNATION = alternation(RULES.patterns)


def candidates_by_alternation(
    anywhere: re.Pattern[str] | Sequence[re.Pattern[str]], folded: str
) -> list[int]:
    """The sentences of the hits of one search with ``anywhere``; or, given alternations of parts
    of the patterns, of the first hit of any of them (the same: an alternation finds first where
    its first alternative to match begins)."""
    parts = [anywhere] if isinstance(anywhere, re.Pattern) else anywhere
    sentences = risk._sentence_spans(folded)
    found = []
    position = 0
    while hits := [hit.start() for part in parts if (hit := part.search(folded, position)) is not None]:
        index = risk._sentence_of(sentences, min(hits))
        found.append(index)
        position = max(min(hits) + 1, sentences[index][1])
    return found


def candidates(rules: risk.RiskRules, folded: str) -> list[int]:
    found, sentences = risk._candidates(rules, folded)
    assert sentences == (risk._sentence_spans(folded) if found else [])
    return found


def places_by_definition(rules: risk.RiskRules, folded: str) -> list[int]:
    """Each position that begins a word, or follows no letter, where some pattern may begin."""
    return [
        position
        for position in range(len(folded) + 1)
        if not re.match(r"\w", folded[position - 1 : position]) and rules.starts.patterns_at(folded, position)
    ]


def matches_by_definition(rules: risk.RiskRules, folded: str) -> list[int]:
    """Each position where some pattern matches."""
    return [p for p in range(len(folded) + 1) if any(x.regex.match(folded, p) for x in rules.patterns)]


def assert_every_match_is_listed(rules: risk.RiskRules, folded: str) -> None:
    """Wherever a pattern matches, its start is listed, or (a pattern looked for by what it needs)
    the match holds one of its strings; and every match is found."""
    searched = {regex.pattern: strings for strings, regex in rules.starts.searched}
    for number, pattern in enumerate(rules.patterns):
        for hit in pattern.regex.finditer(folded):
            if pattern.regex.pattern in searched:
                assert any(string in hit.group() for string in searched[pattern.regex.pattern]), pattern.name
            else:
                assert hit.start() in rules.starts.places(folded), (pattern.name, hit)
                assert number in rules.starts.patterns_at(folded, hit.start()), (pattern.name, hit)
            assert hit.start() in rules.starts.matches(folded), (pattern.name, hit)


# Words a pattern is made of, with the words and marks around them in mail: texts drawn from these
# hit the patterns often, and near misses of them more often still.
PHRASES = sorted({p.phrase for p in BUILTIN})
WORDS = sorted({word for line in CORPUS[::7] for word in line.split()})
PHRASE_WORDS = [word for word in WORDS if sum(char.isalnum() for char in word) >= 3][:300] + ["don't", "café"]
GLUE = [
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    ". ",
    ", ",
    "! ",
    "? ",
    "- ",
    "'",
    "\u2019",
    "\u200b",
    "> ",
    "1) ",
]
MAIL_TEXT = st.lists(
    st.sampled_from(PHRASES)
    | st.sampled_from(WORDS)
    | st.sampled_from(GLUE)
    | st.text(alphabet=st.sampled_from(list("aeiklmnostuy'- éüß\u2019İ\x1c\u3000")), max_size=12)
    | st.text(max_size=6),
    max_size=40,
).map("".join)


def test_the_corpus_is_looked_at_in_the_same_sentences() -> None:
    for line in CORPUS:
        folded = risk_folding.normalise(line)[0]
        assert candidates(RULES, folded) == candidates_by_alternation(ALTERNATION, folded), line


def test_every_match_of_every_pattern_in_the_corpus_starts_where_listed() -> None:
    for line in CORPUS:
        assert_every_match_is_listed(RULES, risk_folding.normalise(line)[0])


def test_the_places_tried_in_the_corpus_are_every_word_where_a_pattern_may_begin() -> None:
    for line in CORPUS[::5]:
        folded = risk_folding.normalise(line)[0]
        assert RULES.starts.places(folded) == places_by_definition(RULES, folded), line
        assert RULES.starts.matches(folded) == matches_by_definition(RULES, folded), line


def test_the_whole_corpus_as_one_mail_is_looked_at_in_the_same_sentences() -> None:
    folded = risk_folding.normalise("\n".join(CORPUS))[0]
    assert candidates(RULES, folded) == candidates_by_alternation(ALTERNATION, folded)


# twice a guard's budget: a place left out would hide an alert
@settings(max_examples=guard(500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MAIL_TEXT)
def test_any_mail_is_looked_at_in_the_same_sentences(text: str) -> None:
    folded = risk_folding.normalise(text)[0]
    assert candidates(RULES, folded) == candidates_by_alternation(ALTERNATION, folded)
    assert_every_match_is_listed(RULES, folded)
    assert RULES.starts.places(folded) == places_by_definition(RULES, folded)
    assert RULES.starts.matches(folded) == matches_by_definition(RULES, folded)


@settings(max_examples=guard(), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MAIL_TEXT)
def test_any_text_even_not_normalised_is_looked_at_in_the_same_sentences(text: str) -> None:
    assert candidates(RULES, text) == candidates_by_alternation(ALTERNATION, text)


@settings(max_examples=guard(50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=4).map(" ".join),
    MAIL_TEXT,
)
def test_an_added_phrase_is_looked_for_in_the_same_sentences(phrase: str, text: str) -> None:
    rules = risk.risk_rules(phrases_add=[phrase])
    folded = risk_folding.normalise(f"{text} {phrase}. {text}")[0]
    # the one alternation of all patterns, searched as the built-in ones and the added one (compiling
    # all 225 in one expression again took most of each example)
    assert rules.patterns[: len(RULES.patterns)] == RULES.patterns
    anywhere = [ALTERNATION, alternation(rules.patterns[len(RULES.patterns) :])]
    assert candidates(rules, folded) == candidates_by_alternation(anywhere, folded)
    assert_every_match_is_listed(rules, folded)


@pytest.mark.parametrize(
    ("regex", "starts"),
    [
        (r"(?<!\w)(?:kill|hang) myself", {"kill m", "hang m"}),
        (r"(?<!\w)i {0,2}x", {"i x", "i  x", "ix"}),
        (r"(?<!\w)sui\w*", {"sui"}),  # a class of every letter ends the start: anything may follow
        (r"(?<!\w)(?:[ab]c){2}", {"acac", "acbc", "bcac", "bcbc"}),
        (r"(?<!\w)(?:ab)+", {"ab", "abab", "ababab"}),  # a match may end after each; 6 characters at most
        (r"(?<!\w)a(?=b)c", {"ac"}),  # what a lookahead asks is not kept
        (r"(?<!\w)(a)\1", {"a"}),  # a back-reference ends the start
        (r"(?<!\w)(?:(a)|b)(?(1)c|d)", {"a", "b"}),  # a conditional ends the start
        (r"(?i)kill", {""}),  # ignoring case: starts everywhere
    ],
)
def test_starts_of_a_pattern_are_the_strings_its_matches_begin_with(regex: str, starts: set[str]) -> None:
    index = pattern_starts([re.compile(regex)])
    assert {start for _, by_start in index.by_length for start in by_start} == starts


def test_a_pattern_that_cannot_be_read_starts_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a Python whose expression parser reads this pattern differently (or not at all)
    def unreadable(regex: re.Pattern[str]) -> None:
        raise ValueError(regex.pattern)

    monkeypatch.setattr(risk_starts, "parsed", unreadable)
    index = risk_starts.pattern_starts([re.compile(r"(?<!\w)kill")])
    # then it is tried at every position a word may start
    assert index.patterns_at("hello", 0) == [0]
    assert index.places(" hello, world!") == [0, 1, 7, 8, 14]


def test_a_pattern_that_may_start_with_a_common_short_word_is_looked_for_by_what_it_needs() -> None:
    # "ich"/"i" begins de.bring_mich_um, which every match of holds "bring" in
    searched = {regex.pattern: strings for strings, regex in RULES.starts.searched}
    bring = next(p for p in RULES.patterns if p.name == "de.bring_mich_um")
    assert searched[bring.regex.pattern] == {"bring"}
    assert not RULES.starts.patterns_at("i did it", 0)
    text = risk_folding.fold("I did it. Ich bringe mich bald um. I did it.")
    assert RULES.starts.matches(text) == [10]
    assert candidates(RULES, text) == candidates_by_alternation(ALTERNATION, text) == [1]


def test_the_ascii_classes_are_the_word_classes_for_ascii_text() -> None:
    ascii_chars = [chr(code) for code in range(128)]
    for char in ascii_chars:
        spaced = char.encode("ascii").translate(risk_starts._MARKS_TO_SPACES)
        assert (spaced == b" ") == bool(re.match(r"\W", char)), repr(char)
        for text in (char + "u", " u" + char):
            spaced = text.encode("ascii").translate(risk_folding._MARKS_TO_SPACES)
            assert bool(risk_folding._SPELLED_AFTER_ASCII.match(spaced)) == bool(
                risk_folding._SPELLED_AFTER.match(text)
            ), repr(text)


def test_the_start_lists_cover_only_part_of_ordinary_mail() -> None:
    # the point of them: most word starts of ordinary mail are not tried at all
    text = risk_folding.normalise("\n".join(lines(FOLDERS[0] / "ordinary_en.txt")))[0]
    words = re.findall(r"(?<!\w)\w", text)
    assert len(RULES.starts.places(text)) < len(words) / 2
