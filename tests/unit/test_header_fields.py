"""Intake's header pass fetches only parse.HEADER_FIELDS: parsing those alone must read every
message of the corpus exactly as parsing its whole header does."""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import pytest
from corpus_gen import GENERATED

from mailbot.mail.parse import HEADER_FIELDS, parse_header

CORPUS = Path(__file__).parents[1] / "corpus"
FIELD = re.compile(rb"^([^:\s]+)[ \t]*:", re.MULTILINE)


def header_of(raw: bytes) -> bytes:
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    return raw[:end] + b"\r\n\r\n"


def server_header_fields(header: bytes, names: tuple[str, ...]) -> bytes:
    """What a server answers to BODY[HEADER.FIELDS (names)]: those fields, continuation lines
    and all, in message order, then the blank line (RFC 3501 6.4.5)."""
    wanted = {n.lower().encode() for n in names}
    kept: list[bytes] = []
    keep = False
    for line in header.splitlines(keepends=True):
        if line in (b"\r\n", b"\n"):
            break
        if line[:1] in (b" ", b"\t"):
            if keep:
                kept.append(line)
            continue
        found = FIELD.match(line)
        keep = bool(found) and found.group(1).lower() in wanted  # type: ignore[union-attr]
        if keep:
            kept.append(line)
    return b"".join(kept) + b"\r\n"


BASE = (
    b"Received: from mx.client.example by mail.practice.example; Mon, 23 Nov 2026 10:00:00 +0000\r\n"
    b"From: Ben <ben@client.example>\r\nTo: ada@practice.example\r\nSubject: my week\r\n"
    b"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <one@client.example>\r\n"
)
# One header per field the corpus above may not carry, each a field that changes the reading.
SIGNALS = {
    "cc": b"Cc: ada+tok123@practice.example\r\n",
    "delivered-to": b"Delivered-To: ada+tok123@practice.example\r\n",
    "x-original-to": b"X-Original-To: ada+tok123@practice.example\r\n",
    "x-autoreply": b"X-Autoreply: yes\r\n",
    "x-autorespond": b"X-Autorespond: yes\r\n",
    "x-autoresponder": b"X-Autoresponder: yes\r\n",
    "precedence": b"Precedence: bulk\r\n",
    "exchange-generated": (
        b"X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\r\n"
    ),
    "list-id": b"List-Id: <news.shop.example>\r\n",
    "list-unsubscribe": b"List-Unsubscribe: <mailto:off@shop.example>\r\n",
}
MESSAGES = (
    {path.name: path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))}
    | {name: make() for name, make in GENERATED.items()}
    | {f"signal {name}": BASE + extra + b"\r\nHello\r\n" for name, extra in SIGNALS.items()}
)


def reading(header: bytes) -> dict[str, object]:
    """What parse_header makes of a header, less its defects (a missing field is one)."""
    parsed = parse_header(header)
    return {f.name: getattr(parsed, f.name) for f in dataclasses.fields(parsed) if f.name != "defects"}


@functools.cache
def whole_reading(name: str) -> dict[str, object]:
    """The reading of a corpus message's whole header, made once for every field left out."""
    return reading(header_of(MESSAGES[name]))


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_header_fields_intake_fetches_read_a_message_as_its_whole_header_does(name: str) -> None:
    header = header_of(MESSAGES[name])

    whole = reading(header)
    fields = reading(server_header_fields(header, HEADER_FIELDS))

    assert {k for k in whole if whole[k] != fields[k]} == set()


@pytest.mark.parametrize("left_out", HEADER_FIELDS)
def test_every_field_of_the_list_changes_the_reading_of_some_message(left_out: str) -> None:
    fewer = tuple(f for f in HEADER_FIELDS if f != left_out)

    changed = any(
        reading(server_header_fields(header_of(raw), fewer)) != whole_reading(name)
        for name, raw in MESSAGES.items()
    )

    assert changed, f"no message needs {left_out}: either the list or the corpus is short"
