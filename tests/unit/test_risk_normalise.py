"""risk._normalise lowers runs of ASCII whole: it must fold every text exactly as reading it
character by character does (the origins too, which place the quoted sentence)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.core import risk


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
        if char not in risk._INVISIBLE:
            plain = risk._plain(char)
            out.append(plain)
            origin.extend([index] * len(plain))
        index += 1
    return risk._respell("".join(out), origin)


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
        ]
    )
    | st.characters(),
    max_size=300,
)


@settings(max_examples=400, deadline=None)
@given(MAIL_LIKE)
def test_folding_by_runs_gives_what_folding_each_character_gives(text: str) -> None:
    assert risk._normalise(text) == char_by_char(text)


def test_a_client_sentence_with_mixed_spaces_folds_as_before() -> None:
    text = "Ich  will\u00a0NICHT mehr\r\n\r\nleben. I   wanna die\u200b."
    assert risk._normalise(text) == char_by_char(text)
    assert risk._normalise(text)[0].startswith("ich will nicht mehr\n\nleben.")
