"""The drafts pass records the fingerprint of a draft from the text it was built from, without
building the message and parsing it back: it must be the fingerprint the pass later computes
from the draft fetched off the server (fingerprint of the bytes), or an untouched draft would
look edited and stay for ever."""

from __future__ import annotations

from datetime import UTC, datetime
from email.headerregistry import Address

from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import corpora
from support.budget import guard

from mailbot.mail.compose import build_message
from mailbot.passes.drafts_compose import fingerprint, text_fingerprint

# Line breaks of every kind the mail library or str.splitlines knows, long lines (quoted-printable
# or base64 then), trailing and other Unicode spaces, lone CRs, NULs, characters beyond the BMP.
pieces = st.sampled_from(
    ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", " ", "\t", "\u00a0", "\x00", "=", "."]
)
texts = st.lists(
    st.one_of(
        pieces, st.text(max_size=40), st.text(alphabet="ab ", min_size=990, max_size=1100), st.just("é" * 600)
    ),
    max_size=12,
).map("".join)


def draft_bytes(text: str) -> bytes:
    return bytes(
        build_message(
            sender=Address("Ada Lovelace", addr_spec="ada@practice.example"),
            to=[Address("Ben Client", addr_spec="ben@client.example")],
            subject="Re: my mood log",
            text=text,
            html=None,
            message_id="<d1@practice.example>",
            date=datetime(2026, 11, 2, 11, 0, tzinfo=UTC),
            kind="draft",
            in_reply_to="<m1@client.example>",
            extra_headers={"X-Mailbot-Draft": "s1:1"},
        )
    )


@settings(max_examples=guard(150), deadline=None)
@given(texts)
@example("Dear Ben,\n\nthank you.\n> I felt  \n\n")
@example("a\rb\r\nc\n \n")
@example("line\x85next\u2028last \x0b")
@example("x" * 2000 + " \n" + "é" * 1000)
def test_the_fingerprint_of_the_text_is_that_of_the_draft_built_from_it(text: str) -> None:
    assert text_fingerprint(text) == fingerprint(draft_bytes(text))


def test_a_change_of_words_changes_the_fingerprint_line_ends_and_trailing_space_do_not() -> None:
    assert text_fingerprint("Dear Ben,\nwell done.") == text_fingerprint("Dear Ben,  \r\nwell done.\n\n")
    assert text_fingerprint("Dear Ben,\nwell done.") != text_fingerprint("Dear Ben,\nwell  done.")


def test_the_fingerprint_of_each_text_of_the_corpora_is_that_of_its_draft() -> None:
    for text in corpora.texts()[::8]:  # a draft is built per text: an eighth of them
        if not text.isascii() and any("\ud800" <= char <= "\udfff" for char in text):
            continue  # a raw mail's undecodable bytes: never in a draft's text
        assert text_fingerprint(text) == fingerprint(draft_bytes(text)), text[:200]
