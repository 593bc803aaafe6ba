"""A pattern that may start with a common short word is looked for only in mail that holds one of
the strings its matches hold (core.risk_needs). A string read wrong would hide an alert, so every
set of strings the reading finds, not only the one chosen, is checked against every match of
every pattern over the risk corpus and over mail-like text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core import risk, risk_folding, risk_needs
from mailbot.core.risk_phrases import BUILTIN
from tests.risk_corpus.measure import FOLDERS, lines

RULES = risk.risk_rules()
CORPUS = [line for folder in FOLDERS for path in sorted(Path(folder).glob("*.txt")) for line in lines(path)]
PHRASES = sorted({p.phrase for p in BUILTIN})


def every_group(regex: re.Pattern[str]) -> list[frozenset[str]]:
    return risk_needs._groups(list(risk_needs._parser.parse(regex.pattern, regex.flags)))


GROUPS = [(pattern, every_group(pattern.regex)) for pattern in RULES.patterns]


def assert_every_match_holds_its_strings(folded: str) -> None:
    for pattern, groups in GROUPS:
        for hit in pattern.regex.finditer(folded):
            for group in groups:
                assert any(string in hit.group() for string in group), (pattern.name, hit, group)


@pytest.mark.parametrize(
    ("regex", "strings"),
    [
        (r"(?<!\w)(?:kill|hang)ing\s+myself", {"myself"}),  # "kill" is too short to rule out
        (r"(?<!\w)bring\w* mich", {"bring"}),
        (r"ab(?:cdefg|hijkl)", {"cdefg", "hijkl"}),  # one string of each alternative
        (r"(?:abcde)?fghij", {"fghij"}),  # what may be left out needs nothing
        (r"(?:abcdef){2,}", {"abcdef"}),
        (r"(?:abcde|x\w+)", None),  # an alternative that needs no string: the choice needs none
        (r"(?:abcde|fghij|klmno)", None),  # three substring tests cost more than they save
        (r"a(?=bcdefg)h", None),  # what a look-ahead asks is not in the match
        (r"(?i)abcdef", None),  # ignoring case: no string is known
        (r"abc[de]fgh", None),  # a class ends a string
    ],
)
def test_the_strings_a_pattern_needs(regex: str, strings: set[str] | None) -> None:
    assert risk_needs.needed(re.compile(regex)) == strings


def test_a_pattern_that_cannot_be_read_needs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(regex: re.Pattern[str]) -> None:
        raise ValueError(regex.pattern)

    monkeypatch.setattr(risk_needs, "parsed", unreadable)
    assert risk_needs.needed(re.compile(r"(?<!\w)bring\w* mich")) is None


def test_every_match_in_the_corpus_holds_the_strings_read_from_its_pattern() -> None:
    for line in CORPUS:
        assert_every_match_holds_its_strings(risk_folding.fold(line))
    assert_every_match_holds_its_strings(risk_folding.fold("\n".join(CORPUS)))


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from(PHRASES) | st.sampled_from([" ", ". ", "\n", "ich ", "i "]), max_size=12))
def test_every_match_in_any_mail_holds_the_strings_read_from_its_pattern(parts: list[str]) -> None:
    assert_every_match_holds_its_strings(risk_folding.fold("".join(parts)))
