"""risk_folding.normalise lowers runs of ASCII whole, and fold makes the same text with a
translation table and no origins: both must fold every text exactly as reading it character by
character and respelling it word by word does (the origins too, which place the quoted sentence)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard
from support.corpora import texts

from mailbot.core import risk_folding
from mailbot.core.risk_phrases.spelling import SPELLINGS


def char_by_char(text: str) -> tuple[str, list[int]]:
    """The definition: each whitespace run folded, every other character made plain."""
    out: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            end = index
            while end < len(text) and text[end].isspace():
                end += 1
            breaks = text.count("\n", index, end) + text.count("\r", index, end) // 2
            run = text[index:end]
            fold = "\n\n" if breaks >= 2 or "\n\n" in run else "\n" if breaks else " "
            out.append(fold)
            origin.extend([index] * len(fold))
            index = end
            continue
        if char not in risk_folding.INVISIBLE:
            plain = risk_folding.plain_char(char)
            out.append(plain)
            origin.extend([index] * len(plain))
        index += 1
    return respell_word_by_word("".join(out), origin)


def respell_word_by_word(folded: str, origin: list[int]) -> tuple[str, list[int]]:
    """The definition: every word that is a chat spelling, unless part of "U-Bahn" or "24/7"."""
    out: list[str] = []
    mapped: list[int] = []
    done = 0
    for word in re.finditer(r"[\w']+", folded):
        spelled = SPELLINGS.get(word.group())
        if spelled is None or folded[word.end() : word.end() + 1] in ("-", "/"):
            continue
        if folded[word.start() - 1 : word.start()] in ("-", "/"):
            continue
        out.append(folded[done : word.start()])
        mapped.extend(origin[done : word.start()])
        out.append(spelled)
        mapped.extend([origin[word.start()]] * (len(spelled) - 1) + [origin[word.end() - 1]])
        done = word.end()
    out.append(folded[done:])
    mapped.extend(origin[done:])
    return "".join(out), mapped


MAIL_LIKE = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 .,'!?-/>\t\n\r")
        + [
            "\u00a0",
            "\u2009",
            "\u3000",
            "\u200b",
            "\u00ad",
            "\ufeff",
            "é",
            "Ü",
            "ß",
            "ﬁ",
            "\u2019",
            "İ",
            "\x1c",
            # every other kind of whitespace, and characters whose plain form is not ASCII (a Greek
            # capital, a Cherokee small letter that case-folds to a capital), and a lone surrogate
            "\x0b",
            "\x85",
            "\u1680",
            "\u2028",
            "\u202f",
            "\u205f",
            "\u03a3",
            "\uab70",
            "\ud800",
        ]
    )
    | st.characters(),
    max_size=300,
)
WITH_SPELLINGS = st.lists(
    MAIL_LIKE | st.sampled_from([*SPELLINGS, "U", "WANNA", "2-3", "24/7", "'u'"]), max_size=12
).map(" ".join)


@settings(max_examples=guard(), deadline=None)
@given(MAIL_LIKE)
def test_folding_by_runs_gives_what_folding_each_character_gives(text: str) -> None:
    assert risk_folding.normalise(text) == char_by_char(text)


@settings(max_examples=guard(), deadline=None)
@given(MAIL_LIKE | WITH_SPELLINGS)
def test_folding_without_origins_gives_the_same_text(text: str) -> None:
    assert risk_folding.fold(text) == char_by_char(text)[0]


@settings(max_examples=guard(200), deadline=None)
@given(WITH_SPELLINGS)
def test_chat_spellings_are_rewritten_as_word_by_word(text: str) -> None:
    assert risk_folding.normalise(text) == char_by_char(text)


@settings(max_examples=guard(200), deadline=None)
@given(
    st.lists(st.sampled_from([" ", "\n", "a", "\t", "\r", "\u00a0", "\u2028", "\u3000"]), max_size=8).map(
        "".join
    )
)
def test_folding_skips_only_text_whose_whitespace_folds_to_itself(text: str) -> None:
    # the shortcut: no whitespace run of this text folds to something else
    if not risk_folding._spaces_to_fold(text):
        assert risk_folding._SPACE_RUN_TO_FOLD.sub(risk_folding._space, text) == text
    assert risk_folding.fold(text) == char_by_char(text)[0]


def test_every_whitespace_character_is_known_to_the_shortcut() -> None:
    # what the expressions call whitespace (\s) is exactly what the shortcut looks for
    spaces = [char for char in map(chr, range(0x110000)) if re.match(r"\s", char)]
    assert set(spaces) == {*risk_folding._ODD_SPACES, " ", "\n"}
    assert all(char.isspace() for char in spaces)


def test_a_mail_with_characters_whose_plain_form_is_not_ascii_folds_as_before() -> None:
    text = "\u03a3\u03c3 \uab70\u13a0 Wanna \ud800 Stra\u00dfe \u200b\u2019"
    assert risk_folding.fold(text) == char_by_char(text)[0]


# each character whose plain form holds a character with another plain form (all of them, read
# from every code point once)
REPLACED_AGAIN = [("\u0149", "\u02bc"), ("\u2033", "\u2032"), ("\u2034", "\u2032"), ("\u2057", "\u2032")]


def test_a_character_whose_plain_form_would_be_replaced_again_folds_as_before() -> None:
    for char, inside in REPLACED_AGAIN:
        assert risk_folding._replaced_again(
            {char: risk_folding._plain(char), inside: risk_folding._plain(inside)}
        )
        for text in (char + inside, f"{inside} \u2014 {char}\u201c"):
            assert risk_folding.fold(text) == char_by_char(text)[0]
    assert not risk_folding._replaced_again(
        {"\u2014": "\u2014", "\u201c": "\u201c", "\u2019": "'", "\u00e9": "e"}
    )


def test_a_client_sentence_with_mixed_spaces_folds_as_before() -> None:
    text = "Ich  will\u00a0NICHT mehr\r\n\r\nleben. I   wanna die\u200b."
    assert risk_folding.normalise(text) == char_by_char(text)
    assert risk_folding.normalise(text)[0].startswith("ich will nicht mehr\n\nleben.")


def test_the_corpora_fold_as_character_by_character() -> None:
    for text in texts():
        expected = char_by_char(text)
        assert risk_folding.normalise(text) == expected, text[:200]
        assert risk_folding.fold(text) == expected[0], text[:200]
