"""Runs of body lines set aside while the email package reads a message (mail/set_aside.py):
the Message, and so the ParsedMessage, must be exactly the one the email package makes of the
whole message, on the corpus and on generated MIME with every odd thing near a base64 run or
in a run of text, wherever the parser reads it (leaf, preamble, epilogue, header block,
message/rfc822, message/delivery-status, multipart/digest).
"""

from __future__ import annotations

import base64
import dataclasses
import random
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from corpus_gen import GENERATED
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples, guard

from mailbot.mail import parse, set_aside
from mailbot.mail.set_aside import quiet_runs, read_message

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("*.eml"))
SMALL_GENERATED = sorted(name for name in GENERATED if "thirty_megabyte" not in name and "1500" not in name)
# What may sit on a line inside or next to a base64 run: each changes how the parser reads it.
ODD_LINES = [
    "",
    "--b1",
    "--b1--",
    "--b2",
    "--x",
    "-",
    "From me",
    "ab:cd",
    " folded",
    "\tx",
    "MailbotSetAside0Z",
]


def tree(message: Message) -> list[Any]:
    """Everything the parser decided, part by part: headers, payload as left, preamble,
    epilogue, defects."""
    out: list[Any] = []
    stack = [message]
    while stack:
        part = stack.pop()
        payload = getattr(part, "_payload", None)
        defects = [type(defect).__name__ for defect in part.defects]
        shape = len(payload) if isinstance(payload, list) else payload
        out.append(
            (list(part.raw_items()), part.get_unixfrom(), part.preamble, part.epilogue, defects, shape)
        )
        if isinstance(payload, list):
            stack.extend(item for item in payload if isinstance(item, Message))
    return out


def assert_same_as_plain(raw: bytes) -> None:
    for headersonly in (False, True):
        plain = BytesParser(policy=parse._POLICY).parsebytes(raw, headersonly=headersonly)
        fast = read_message(BytesParser(policy=parse._POLICY), raw, headersonly)
        assert tree(fast) == tree(plain)


def parsed_both_ways(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = dataclasses.astuple(parse.parse_message(raw))
    with monkeypatch.context() as patch:
        patch.setattr(set_aside, "MIN_RUN", 1 << 62)  # the plain email-package path
        plain = dataclasses.astuple(parse.parse_message(raw))
    return fast, plain


def b64_lines(size: int, width: int = 76, seed: int = 0) -> list[str]:
    data = base64.b64encode(random.Random(seed).randbytes(size)).decode()
    return [data[i : i + width] for i in range(0, len(data), width)]


def mime(parts: list[list[str]], eol: str = "\r\n", boundary: str = "b1") -> bytes:
    lines = [
        "From: Anna <anna@example.net>", "Message-ID: <a@example.net>", "Subject: homework",
        f'Content-Type: multipart/mixed; boundary="{boundary}"', "",
    ]  # fmt: skip
    for part in parts:
        lines += [f"--{boundary}", *part]
    lines.append(f"--{boundary}--")
    return (eol.join(lines) + eol).encode("utf-8", "surrogateescape")


def attachment(lines: list[str], content_type: str = "application/pdf") -> list[str]:
    return [f"Content-Type: {content_type}", "Content-Transfer-Encoding: base64", "", *lines]


TEXT = ["Content-Type: text/plain; charset=utf-8", "", "My homework, with the form attached."]


@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_a_large_attachment_is_set_aside_and_put_back_exactly(
    eol: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = mime([TEXT, attachment(b64_lines(300_000))], eol)

    assert quiet_runs(raw)  # the fast path is taken
    assert_same_as_plain(raw)
    fast, plain = parsed_both_ways(raw, monkeypatch)
    assert fast == plain
    assert len(fast[11][0][2]) == 300_000  # the attachment's bytes


def as_long_as_a_line(odd: str) -> str:
    """``odd`` padded to a base64 line's length, so only its characters tell it from one."""
    return odd.ljust(76, " " if odd.startswith("--b") else "A")


@pytest.mark.parametrize("odd", ODD_LINES)
@pytest.mark.parametrize("where", [0, 1, 500, -1])
@pytest.mark.parametrize("replace", [False, True])
def test_an_odd_line_in_a_base64_run_reads_as_the_email_package_reads_it(
    odd: str, where: int, replace: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = b64_lines(60_000)
    if replace:
        lines[where] = as_long_as_a_line(odd)
    else:
        lines.insert(where if where >= 0 else len(lines), odd)
    for raw in (mime([TEXT, attachment(lines)]), mime([attachment(lines), TEXT], "\n")):
        assert_same_as_plain(raw)
        fast, plain = parsed_both_ways(raw, monkeypatch)
        assert fast == plain


@pytest.mark.parametrize(
    "part",
    [
        ["Content-Type: message/rfc822", "", *b64_lines(9000)],  # the inner message's header is base64
        ["Content-Type: message/delivery-status", "", *b64_lines(9000), "", *b64_lines(9000, 64)],
        ["Content-Type: multipart/mixed", "", *b64_lines(9000)],  # no boundary
        ['Content-Type: multipart/mixed; boundary="b2"', "", *b64_lines(9000), "--b2", *TEXT, "--b2--", *b64_lines(5000)],
        attachment(b64_lines(9000)[:-1] + ["A" * 76]),  # the last line as long as the others
        attachment(b64_lines(9000, 4)),
        attachment(b64_lines(9000, 1000)),
    ],
)  # fmt: skip
def test_base64_runs_where_the_parser_reads_otherwise_than_in_a_leaf(
    part: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = mime([TEXT, part])

    assert_same_as_plain(raw)
    fast, plain = parsed_both_ways(raw, monkeypatch)
    assert fast == plain


@pytest.mark.parametrize("odd", [line for line in ODD_LINES if line])
@pytest.mark.parametrize("kind", ["message/rfc822", "message/delivery-status"])
def test_an_odd_first_line_where_a_header_is_read_reads_as_the_email_package_reads_it(
    odd: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = b64_lines(9000)
    lines[0] = as_long_as_a_line(odd)
    raw = mime([TEXT, [f"Content-Type: {kind}", "", *lines]])

    assert_same_as_plain(raw)
    fast, plain = parsed_both_ways(raw, monkeypatch)
    assert fast == plain


@pytest.mark.parametrize(
    "mention",
    [
        "MailbotSetAside0Z",
        "MailbotSetAside1Z",
        "MailbotSetAside",
        "MailbotSetAside0",
        "MailbotSetAside\u0663Z",
    ],
)
def test_a_placeholder_name_in_the_mail_itself_is_read_as_written(
    mention: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = [*TEXT, f"I wrote {mention} here."]
    for raw in (mime([text, attachment(b64_lines(9000))]), mime([attachment(b64_lines(9000)), text])):
        assert_same_as_plain(raw)
        fast, plain = parsed_both_ways(raw, monkeypatch)
        assert fast == plain


def test_a_truncated_message_and_one_without_a_final_line_end(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = mime([TEXT, attachment(b64_lines(9000))])
    for raw in (whole[: len(whole) // 2], whole.rstrip(b"\r\n").removesuffix(b"--b1--").rstrip(b"\r\n")):
        assert_same_as_plain(raw)
        fast, plain = parsed_both_ways(raw, monkeypatch)
        assert fast == plain


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_corpus_message_is_read_as_the_email_package_reads_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = path.read_bytes()

    assert_same_as_plain(raw)
    fast, plain = parsed_both_ways(raw, monkeypatch)
    assert fast == plain


@pytest.mark.parametrize("name", SMALL_GENERATED)
def test_generated_corpus_message_is_read_as_the_email_package_reads_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = GENERATED[name]()

    fast, plain = parsed_both_ways(raw, monkeypatch)
    assert fast == plain


@st.composite
def mime_with_runs(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        lines = b64_lines(draw(st.sampled_from([1600, 3000, 9000])), draw(st.sampled_from([76, 64, 3])))
        for _ in range(draw(st.integers(0, 2))):
            odd, at = draw(st.sampled_from(ODD_LINES)), draw(st.integers(0, len(lines) - 1))
            if draw(st.booleans()):
                lines[at] = as_long_as_a_line(odd)
            else:
                lines.insert(at, odd)
        parts.append(attachment(lines) if draw(st.booleans()) else lines)
    raw = mime(parts, draw(st.sampled_from(["\r\n", "\n"])))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\r", b"\n", b"-", b"\r\n\r\n", b"--b1\r\n", b""])) + raw[at:]
    return raw


@settings(max_examples=examples(300), deadline=None)
@given(mime_with_runs())
def test_generated_mime_with_base64_runs_is_read_as_the_email_package_reads_it(raw: bytes) -> None:
    assert_same_as_plain(raw)


# Lines of text with what the parser may read otherwise than as text: headers, boundaries,
# blank lines, line ends, 8-bit bytes, the placeholder's name.
TEXT_LINES = [
    "Hi,", "here is my homework.", "Situation: the bus", "Situation : the bus", "From here on", "From: me",
    "-- ", "--", "--b1", "--b1--", "--b2", "-x", "- item", "", " ", " indented", "\tx", ":", "a:b", "x\ry",
    "\r", "é", "\udcff", "MailbotSetAside0Z", "MailbotSetAside", ">", "> quoted", "word " * 20,
]  # fmt: skip
TEXT_TYPES = [
    "text/plain", "text/html", "message/rfc822", "message/delivery-status", "message/global",
    'multipart/mixed; boundary="b2"', "multipart/mixed", 'multipart/digest; boundary="b2"', None,
]  # fmt: skip


def text_lines(seed: int, count: int) -> list[str]:
    """``count`` lines of a client's words, the same for the same seed."""
    words = random.Random(seed).choices(
        ["I", "felt", "anxious,", "rated", "it", "70.", "Then", "we"], k=count * 9
    )
    return [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]


@st.composite
def mime_with_text(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        lines = text_lines(draw(st.integers(0, 3)), draw(st.sampled_from([2, 6, 40])))
        for _ in range(draw(st.integers(0, 3))):
            odd = draw(st.sampled_from(TEXT_LINES) | st.text(max_size=4))
            at = draw(st.integers(0, len(lines)))
            if draw(st.booleans()) and at < len(lines):
                lines[at] = odd
            else:
                lines.insert(at, odd)
        content_type = draw(st.sampled_from(TEXT_TYPES))
        head = [] if content_type is None else [f"Content-Type: {content_type}"]
        if draw(st.booleans()):
            lines += ["--b2", *TEXT, *text_lines(5, 8), "--b2--", *text_lines(6, 8)]
        parts.append([*head, "", *lines] if draw(st.booleans()) else lines)
    raw = mime(parts, draw(st.sampled_from(["\r\n", "\n", "\r"])))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = (
            raw[:at] + draw(st.sampled_from([b"\r", b"\n", b"-", b"\r\n\r\n", b"--b1\r\n", b":"])) + raw[at:]
        )
    return raw


@settings(max_examples=guard(), deadline=None)
@given(mime_with_text())
def test_generated_mime_with_runs_of_text_is_read_as_the_email_package_reads_it(raw: bytes) -> None:
    assert_same_as_plain(raw)


@pytest.mark.parametrize("odd", [line for line in TEXT_LINES if line.strip()])
@pytest.mark.parametrize(
    "kind", ["message/rfc822", "message/delivery-status", 'multipart/digest; boundary="b2"']
)
def test_odd_text_where_a_header_block_is_read_reads_as_the_email_package_reads_it(
    odd: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for lines in ([odd, *text_lines(1, 20)], [*text_lines(1, 3), "", odd, *text_lines(2, 20)]):
        raw = mime([TEXT, [f"Content-Type: {kind}", "", "--b2", *lines, "", *text_lines(3, 20), "--b2--"]])
        assert_same_as_plain(raw)
        fast, plain = parsed_both_ways(raw, monkeypatch)
        assert fast == plain


def test_a_mail_of_text_is_set_aside_in_runs_up_to_each_dash_line() -> None:
    body = text_lines(0, 10)
    raw = mime([TEXT[:1] + ["", *body, "-- ", "Anna"], ["", *body]], "\n")
    text = "\n".join(body).encode()

    runs = [raw[start:end] for start, end in quiet_runs(raw)]

    assert runs == [text, text]
    assert_same_as_plain(raw)
