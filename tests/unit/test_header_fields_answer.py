"""A header pass's FETCH answer read without imapclient's general parser when it has the plain
shape, and by that parser otherwise: the same HeaderFields either way."""

from __future__ import annotations

from typing import Any

import pytest

from mailbot.mail.imap_answers import HeaderFields, header_fields, plain_header_fields

FIELDS = b"BODY[HEADER.FIELDS (FROM TO SUBJECT MESSAGE-ID)]"
ADA = b"From: ada@example.org\r\nSubject: Mood log\r\n\r\n"
BEN = b"From: ben@example.org\r\n\r\n"


def plain(seq: int, uid: int, size: int, literal: bytes, size_first: bool = False) -> list[Any]:
    items = f"RFC822.SIZE {size} UID {uid}" if size_first else f"UID {uid} RFC822.SIZE {size}"
    return [(f"{seq} ({items} ".encode() + FIELDS + f" {{{len(literal)}}}".encode(), literal), b")"]


def by_imapclient(answer: list[Any]) -> list[HeaderFields]:
    """What the general parser makes of it (the plain reading switched off)."""
    import mailbot.mail.imap_answers as answers

    saved = answers.plain_header_fields
    answers.plain_header_fields = lambda _answer: None  # type: ignore[assignment]
    try:
        return header_fields(answer)
    finally:
        answers.plain_header_fields = saved


def test_a_plain_answer_is_read_by_uid_with_sizes_and_fields_as_imapclient_reads_it() -> None:
    answer = [*plain(2, 9, 1200, BEN), *plain(1, 7, 3456, ADA, size_first=True)]

    assert plain_header_fields(answer) == [HeaderFields(7, 3456, ADA), HeaderFields(9, 1200, BEN)]
    assert header_fields(answer) == by_imapclient(answer)
    assert plain_header_fields([]) == [] == header_fields([])


@pytest.mark.parametrize(
    "answer",
    [
        # an unsolicited FETCH of another message's flags among the answers
        [*plain(1, 7, 3456, ADA), b"3 (FLAGS (\\Seen))"],
        # the size after the literal
        [(b"1 (UID 7 " + FIELDS + b" {%d}" % len(ADA), ADA), b" RFC822.SIZE 3456)"],
        # no UID, or the UID twice
        [(b"1 (RFC822.SIZE 3456 " + FIELDS + b" {%d}" % len(ADA), ADA), b")"],
        [(b"1 (UID 7 UID 7 " + FIELDS + b" {%d}" % len(ADA), ADA), b")"],
        # the fields as a quoted string or NIL, not a literal
        [b'1 (UID 7 RFC822.SIZE 3456 BODY[HEADER.FIELDS (FROM)] "")'],
        [b"1 (UID 7 RFC822.SIZE 3456 BODY[HEADER.FIELDS (FROM)] NIL)"],
        # flags asked for or sent along
        [(b"1 (UID 7 FLAGS (\\Seen) RFC822.SIZE 3456 " + FIELDS + b" {%d}" % len(ADA), ADA), b")"],
    ],
    ids=["unsolicited", "size-after", "no-uid", "uid-twice", "quoted", "nil", "flags"],
)
def test_any_other_shape_is_left_to_imapclient(answer: list[Any]) -> None:
    assert plain_header_fields(answer) is None
    assert header_fields(answer) == by_imapclient(answer)
