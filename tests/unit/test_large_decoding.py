"""Decoding in pieces: whatever the chunk boundaries, the same bytes as decoding the whole.

The references are what small messages go through: mailbot's lenient base64 decoder, the
email package's quoted-printable decoder (binascii.a2b_qp) and intake's dedupe_key cut.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import quopri

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.mail.decoders import BodyDigest, QuotedPrintableDecoder, decoder_for
from mailbot.mail.text import decode_base64

BUDGET = settings(max_examples=examples(300), deadline=None)


def pieces(data: bytes, cuts: list[int]) -> list[bytes]:
    """``data`` cut at the given offsets (taken modulo its length), in order."""
    points = sorted({c % (len(data) + 1) for c in cuts})
    return [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]


def decode_in_pieces(decoder: object, parts: list[bytes]) -> bytes:
    return b"".join(decoder.feed(p) for p in parts) + decoder.finish()  # type: ignore[attr-defined]


cuts = st.lists(st.integers(min_value=0, max_value=10_000), max_size=20)
line_endings = st.sampled_from([b"\n", b"\r\n"])


@BUDGET
@given(st.binary(max_size=3000), line_endings, cuts)
def test_base64_in_pieces_gives_back_the_payload(payload: bytes, newline: bytes, at: list[int]) -> None:
    encoded = base64.encodebytes(payload).replace(b"\n", newline)
    decoder = decoder_for("base64")

    decoded = decode_in_pieces(decoder, pieces(encoded, at))

    assert decoded == payload
    assert decoder.problem is None


base64_garbage = st.lists(
    st.sampled_from(
        [b"Q", b"U", b"J", b"D", b"z", b"+", b"/", b"0", b"=", b"==", b"\r\n", b" ", b"!", b"\xff"]
    ),
    max_size=400,
).map(b"".join)


@BUDGET
@given(base64_garbage, cuts)
def test_base64_garbage_in_pieces_is_decoded_like_the_whole(data: bytes, at: list[int]) -> None:
    expected, problem = decode_base64(data)
    decoder = decoder_for("base64")

    decoded = decode_in_pieces(decoder, pieces(data, at))

    assert decoded == expected
    assert decoder.problem == problem


@BUDGET
@given(st.binary(max_size=3000), cuts)
def test_quoted_printable_in_pieces_gives_back_the_payload(payload: bytes, at: list[int]) -> None:
    encoded = quopri.encodestring(payload)

    assert decode_in_pieces(decoder_for("quoted-printable"), pieces(encoded, at)) == payload


qp_garbage = st.lists(
    st.sampled_from(
        [b"=", b"=3D", b"=3", b"=a", b"=\r", b"=\n", b"\r\n", b"\n", b"\r", b" ", b"A", b"f", b"\x00"]
    ),
    max_size=400,
).map(b"".join)


@BUDGET
@given(qp_garbage, cuts)
def test_quoted_printable_garbage_in_pieces_is_decoded_like_the_whole(data: bytes, at: list[int]) -> None:
    assert decode_in_pieces(decoder_for("quoted-printable"), pieces(data, at)) == binascii.a2b_qp(data)


long_lines = st.lists(  # few line ends: lines over the limit, escapes and soft breaks across the cut
    st.sampled_from([b"=3D", b"=20", b"=\r", b"=\r", b"A", b"b", b" ", b"\t", b"\r", b"=\r\n", b"\n"]),
    max_size=400,
).map(b"".join)


@BUDGET
@given(long_lines, cuts)
def test_quoted_printable_lines_longer_than_the_limit_are_cut_without_loss(
    data: bytes, at: list[int]
) -> None:
    decoder = QuotedPrintableDecoder(max_line=16)

    assert decode_in_pieces(decoder, pieces(data, at)) == binascii.a2b_qp(data)


def test_quoted_printable_long_line_cut_anywhere_is_decoded_like_the_whole() -> None:
    line = b"ab=3Dcd=20ef==\rgh" * 4 + b"=\rskipped=3D" * 3 + b"\r\nend=3D=\n" + b"=41" * 10
    for cut in range(len(line) + 1):
        decoder = QuotedPrintableDecoder(max_line=8)

        decoded = decode_in_pieces(decoder, [line[:cut], line[cut:]])

        assert decoded == binascii.a2b_qp(line), cut


def test_quoted_printable_line_without_end_does_not_pile_up() -> None:
    decoder = QuotedPrintableDecoder(max_line=1024)
    decoded = b""
    for _ in range(100):
        decoded += decoder.feed(b"x" * 1000)
        assert len(decoder._pending) <= 1024 + 1000

    assert decoded + decoder.finish() == b"x" * 100_000


def test_unknown_transfer_encoding_passes_bytes_through_and_is_named() -> None:
    decoder = decoder_for("x-uuencode")

    assert decode_in_pieces(decoder, [b"begin 644 a\n", b"end\n"]) == b"begin 644 a\nend\n"
    assert decoder.problem == "unknown transfer encoding x-uuencode"


messages = st.lists(
    st.sampled_from([b"Subject: x", b"\r\n", b"\n", b"\r", b"\r\n\r\n", b"\n\n", b"body", b":"]), max_size=60
).map(b"".join)


@BUDGET
@given(messages, cuts)
def test_body_digest_in_pieces_cuts_the_body_as_dedupe_key_does(raw: bytes, at: list[int]) -> None:
    split = raw.find(b"\r\n\r\n")
    split = raw.find(b"\n\n") if split < 0 else split
    body = raw[split:] if split >= 0 else b""
    digest = BodyDigest()

    for part in pieces(raw, at):
        digest.update(part)

    assert digest.digest() == hashlib.sha256(body).digest()
