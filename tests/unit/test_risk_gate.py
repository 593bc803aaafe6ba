"""The gate before the risk scan (core.risk_gate) may let a text through that no pattern matches,
never stop one that some pattern matches: a missed alert is worse than a slower scan. Each rewritten
pattern is held to Python's own expression, over made-up expressions and texts, and every built-in
pattern over the texts it matches in the suite's corpora and in its own phrase."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support.budget import examples
from support.corpora import texts

from mailbot.core import risk, risk_folding, risk_gate, risk_starts
from mailbot.core.risk_phrases import BUILTIN
from tests.risk_corpus.measure import FOLDERS, lines

RULES = risk.risk_rules()
CORPUS = [line for folder in FOLDERS for path in sorted(Path(folder).glob("*.txt")) for line in lines(path)]


@functools.cache
def alone(regex: re.Pattern[str]) -> risk_gate.Gate:
    """The gate of one pattern on its own (in the rules' gate another could hide its miss)."""
    found = risk_gate.gate([regex])
    assert found is not None, regex.pattern
    return found


def lets_through(pattern: str, text: str) -> bool:
    return alone(re.compile(pattern))(risk_gate.readable(text))


@pytest.mark.parametrize(
    ("pattern", "text", "through"),
    [
        (r"(?<!\w)kill", "skill", False),  # a one-character look-behind first is kept...
        (r"(?<!\w)kill", "kill", True),  # ...and holds at the text's start
        (r"(?<!\w)kill", "a-kill", True),
        (r"(?<=a)kill", "kill", False),
        (r"die(?![\w])", "diet", False),  # a one-character look-ahead last is kept...
        (r"die(?![\w])", "to die", True),  # ...and holds at the text's end
        (r"die(?=\.)", "die.", True),
        (r"could(?!\s+not)\s+die", "could not die", False),  # dropped: more matches, never fewer
        (r"could(?!\s+not)\s+die", "could die", True),
        (r"^end", "the end", True),  # an anchor is dropped
        (r"(a)b\1", "abzzz", True),  # a back-reference matches any text
        (r"(?>ab|a)bc", "abc", True),  # an atomic group as a plain one
        (r"a{2000}", "a" * 1000, True),  # a repeat past RE2's largest counts fewer
        (r"a{2,3}?b", "aab", True),
        (r"[^a]x", "ax", False),
        (r"\sx", "\x1fx", True),  # Python's \s holds the separators RE2's does not
        (r"caf\u00e9", "cafe", False),  # a character beyond ASCII stands for its kind...
        (r"caf\u00e9", "caf\u00e8", True),
        (r"caf\u00e9", "caf\u2014", False),  # ...letter or not
        (r"(?<!\w)kill", "\u00e9kill", False),
        (r"(?<!\w)kill", "\u201ckill", True),
        (r"(?<![a\u00e9])kill", "\u00e8kill", True),  # a class of some letters: unsure, let through
        (r"die(?![\w])", "die\u00df", False),
        (r"die(?![\w])", "die\U0001f600", True),
        (r"a[^b]c", "a\u00e9c", True),
        (r"a\dc", "a\u0663c", True),  # an Arabic digit is a digit to Python
        (r"a\sc", "a\u00a0c", True),
        (r"a\Wc", "a\ud800c", True),  # a lone surrogate is no letter
        (r"(?<!.)kill", "\nkill", True),  # "." takes no line break...
        (r"kill(?!.)", "kill\n", True),
        (r"(?<!.)kill", "akill", False),
        (r"(?s)(?<!.)kill", "\nkill", False),  # ...but with DOTALL
        (r"\bwant\b", "wanted", True),
    ],
)
def test_a_rewritten_pattern_lets_through_what_it_should(pattern: str, text: str, through: bool) -> None:
    assert lets_through(pattern, text) is through
    if re.search(pattern, text):
        assert through


@pytest.mark.parametrize("pattern", [r"(?i)kill", r"a(?i:b)", r"(a)?(?(1)b|c)"])
def test_a_pattern_the_rewriting_does_not_follow_leaves_every_text_to_the_scan(pattern: str) -> None:
    assert risk_gate.gate([re.compile(r"kill"), re.compile(pattern)]) is None


def test_without_re2_every_text_is_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(risk_gate, "re2", None)
    starts = risk_starts.pattern_starts([pattern.regex for pattern in RULES.patterns])
    assert starts.gate is None
    folded = risk_folding.fold("I want to kill myself")
    assert starts.matches(folded) == [10]


def test_the_gate_stops_mail_that_says_nothing_worrying() -> None:
    # otherwise a gate that lets everything through would pass every other test here
    gate = RULES.starts.gate
    assert gate is not None
    for text in [
        "Hi, I did the breathing exercise twice, it helped. Thanks!",
        "\u201cOk\u201d \u2014 \U0001f600",
    ]:
        assert not gate(risk_gate.readable(risk_folding.fold(text)))
    quiet = [folded for text in CORPUS if not RULES.starts.matches(folded := risk_folding.fold(text))]
    assert sum(not gate(risk_gate.readable(folded)) for folded in quiet) > 100


ATOMS = st.sampled_from(
    ["a", "b", " ", "'", ".", "\\n", "[ab]", "[^a]", "\\w", "\\W", "\\s", "\\S", "\\d", ".", "[\\s,]"]
    + ["\u00e9", "\u2014", "[\u00e0-\u00ff]", "[^\u00e9]", "[a\u00e9]", "\\D", "[\\W\\d]", "[^\\w]", "[\\w']"]
    + ["(?<!\\w)", "(?<=a)", "(?<![ab])", "(?<=ab)", "(?=a)", "(?!b)", "(?![\\w])", "\\b", "^", "$"]
    + ["(?<!\\W)", "(?<![^a])", "(?![\\W\\d])", "(?<=\\w)", "(?!\\s)", "(?<!\u00e9)", "(?<!.)"]
)


def _expression(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, min_size=1, max_size=4).map("".join),
        st.lists(children, min_size=2, max_size=3).map(lambda parts: "(?:" + "|".join(parts) + ")"),
        st.tuples(children, st.sampled_from(["*", "+", "?", "{0,2}?", "{1,3}", "*+", "??"])).map(
            lambda part: "(?:" + part[0] + ")" + part[1]
        ),
        children.map(lambda part: "(?>" + part + ")"),
        children.map(lambda part: "(" + part + ")\\1"),
        children.map(lambda part: "(?!" + part + ")"),
        children.map(lambda part: "(?=" + part + ")"),
    )


EXPRESSIONS = st.recursive(ATOMS, _expression, max_leaves=8)


CHARACTERS = [
    "a",
    "b",
    " ",
    "'",
    ".",
    "\n",
    ",",
    "1",
    "\x1f",
    "\u00e9",
    "\u00df",
    "\u2014",
    "\u201c",
    "\u0663",
]
TEXTS = st.lists(
    st.sampled_from([*CHARACTERS, "\u00a0", "\x80", "\x81", "\ud800", "\U0001f600"]), max_size=12
)


@settings(max_examples=examples(1000), deadline=None)
@given(EXPRESSIONS, TEXTS.map("".join))
def test_a_rewritten_expression_lets_through_every_text_python_matches(pattern: str, text: str) -> None:
    try:
        regex = re.compile(pattern)
    except re.error:  # a reference to a group not closed yet
        assume(False)
    if regex.search(text):
        assert alone(regex)(risk_gate.readable(text)), (pattern, text)


def test_every_built_in_pattern_lets_through_every_text_of_the_corpora_it_matches() -> None:
    folded = {risk_folding.fold(text) for text in [*CORPUS, *texts()]}
    for pattern in RULES.patterns:
        for text in [text for text in folded if pattern.regex.search(text)]:
            assert alone(pattern.regex)(risk_gate.readable(text)), (pattern.name, text)


def test_every_built_in_pattern_lets_its_own_phrase_through() -> None:
    for pattern, compiled in zip(BUILTIN, risk._builtin(), strict=True):
        text = risk_folding.fold(pattern.phrase or "")
        if compiled.regex.search(text):
            assert alone(compiled.regex)(risk_gate.readable(text)), pattern.name
