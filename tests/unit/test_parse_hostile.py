"""parse_message on hostile input: broken structure, huge or deep messages, random bytes.

The promise under test: parse_message never raises, never hits its internal-error safety net,
and never loses a line of text between new_text and quoted_text.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.mail.parse import ParsedMessage, parse_message

CORPUS = Path(__file__).parent.parent / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.eml"))


def mail(body: str | bytes = "Hello.", *, content_type: str = "text/plain") -> bytes:
    head = (
        "From: Anna Client <anna@example.net>\r\nMessage-ID: <hostile@example.net>\r\n"
        f"Content-Type: {content_type}\r\n\r\n"
    )
    return head.encode() + (body.encode() if isinstance(body, str) else body)


def nested_multipart(depth: int) -> bytes:
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
        for level in range(depth)
    )
    closing = b"".join(b"--b%d--\r\n" % level for level in reversed(range(depth)))
    return (
        b"From: deep@example.com\r\n" + opening + b"Content-Type: text/plain\r\n\r\nhello deep\r\n" + closing
    )


def test_garbage_from_is_reported_not_raised() -> None:
    raw = mail().replace(b"Anna Client <anna@example.net>", b'<<<>>>@@@ ,,, "')

    parsed = parse_message(raw)

    assert (parsed.from_address, parsed.from_name) == (None, None)
    assert {"address header only readable by the legacy parser", "missing From"} <= set(parsed.defects)


def test_header_the_modern_parser_raises_on_is_read_the_legacy_way() -> None:
    # given a Content-Type on which email.policy.default raises IndexError
    raw = (CORPUS / "content-type-crashes-modern-parser.eml").read_bytes()

    # when
    parsed = parse_message(raw)

    # then
    assert parsed.text.startswith("The Content-Type above makes")
    assert "unparseable Content-Type in part 1 (IndexError)" in parsed.defects


def test_one_megabyte_single_line_is_kept_whole() -> None:
    # given
    line = "word " * 200_000

    # when
    started = time.monotonic()
    parsed = parse_message(mail(line))

    # then
    assert parsed.new_text == line.strip()
    assert time.monotonic() - started < 5


def test_multipart_nested_100_deep_is_walked_without_recursion() -> None:
    parsed = parse_message(nested_multipart(100))

    assert parsed.text == "hello deep"


def test_nesting_too_deep_for_the_email_package_keeps_body_as_text() -> None:
    parsed = parse_message(nested_multipart(1500))

    assert "hello deep" in parsed.text
    assert "MIME nesting too deep to parse; body kept as raw text" in parsed.defects


def test_missing_closing_boundary_keeps_text_and_attachment() -> None:
    parsed = parse_message((CORPUS / "broken-mime-no-boundaries.eml").read_bytes())

    assert parsed.new_text == "My answer is in here, but the closing boundary never comes."
    assert [a.filename for a in parsed.attachments] == ["worksheet.pdf"]
    assert any(d.startswith("CloseBoundaryNotFoundDefect") for d in parsed.defects)


def test_multipart_whose_boundary_never_appears_keeps_body_as_text() -> None:
    raw = mail("--other\r\nmy homework words\r\n", content_type='multipart/mixed; boundary="b"')

    parsed = parse_message(raw)

    assert "my homework words" in parsed.text
    assert any(d.startswith("StartBoundaryNotFoundDefect") for d in parsed.defects)


def test_nul_bytes_never_reach_the_text() -> None:
    parsed = parse_message(mail(b"before\x00after"))

    assert parsed.text == "before\ufffdafter"


def assert_well_formed(parsed: ParsedMessage) -> None:
    assert not any(d.startswith("internal error") for d in parsed.defects), parsed.defects
    kept = set(parsed.new_text.split("\n")) | set(parsed.quoted_text.split("\n"))
    assert all(line in kept for line in parsed.text.split("\n") if line.strip())
    strings = [parsed.text, parsed.subject, parsed.from_name or "", *parsed.recipients]
    strings += [a.filename or "" for a in parsed.attachments]
    for value in strings:
        assert "\x00" not in value
        value.encode("utf-8")  # no lone surrogates


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.name)
def test_every_corpus_message_parses_cleanly(path: Path) -> None:
    assert_well_formed(parse_message(path.read_bytes()))


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert_well_formed(parse_message(raw))


@st.composite
def mutated_corpus_message(draw: st.DrawFn) -> bytes:
    """A corpus message with a few bytes deleted, replaced, duplicated or cut off."""
    raw = bytearray(draw(st.sampled_from(CORPUS_FILES)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(raw)))
        end = draw(st.integers(start, min(len(raw), start + 200)))
        action = draw(st.sampled_from(["delete", "replace", "duplicate", "truncate"]))
        if action == "delete":
            del raw[start:end]
        elif action == "replace":
            raw[start:end] = draw(st.binary(max_size=40))
        elif action == "duplicate":
            raw[start:start] = raw[start:end] * draw(st.integers(1, 50))
        else:
            del raw[start:]
    return bytes(raw)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_corpus_message())
def test_mutated_corpus_messages_never_raise(raw: bytes) -> None:
    assert_well_formed(parse_message(raw))


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=300), st.sampled_from(["text/plain", "text/html"]))
def test_arbitrary_body_text_keeps_every_line(body: str, content_type: str) -> None:
    raw = mail(body.encode("utf-8", "surrogatepass"), content_type=f"{content_type}; charset=utf-8")

    assert_well_formed(parse_message(raw))
