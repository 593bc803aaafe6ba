"""Undoing a transfer encoding in pieces, and hashing a body as it streams past: what lets a
large message be read chunk by chunk with memory that does not grow with it."""

from __future__ import annotations

import binascii
import hashlib
from typing import Any

MAX_QP_LINE = 64 * 1024  # a quoted-printable line longer than this is cut before its end
_NOT_BASE64 = bytes(
    set(range(256)) - set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
)


class Base64Decoder:
    """base64 fed in pieces, decoded as ``mailbot.mail.text.decode_base64`` decodes it whole:
    characters outside the alphabet skipped, each run of "=" ending a group (data glued after
    it is decoded too), a truncated group decoded as far as it goes. ``problem`` likewise."""

    def __init__(self) -> None:
        self._quanta = b""  # alphabet characters not yet decoded: fewer than 4
        self._count = 0  # alphabet characters seen
        self._pads = 0  # "=" seen
        self._glued = False  # alphabet characters after an "="
        self.problem: str | None = None

    def feed(self, data: bytes) -> bytes:
        first, *rest = data.translate(None, _NOT_BASE64).split(b"=")
        out = [self._group(first)]
        for chars in rest:  # each follows one "="
            self._pads += 1
            out.append(self._flush())
            out.append(self._group(chars))
        return b"".join(out)

    def finish(self) -> bytes:
        out = self._flush()
        remainder = self._count % 4
        if self._glued:
            self.problem = "base64 data after padding"
        elif remainder == 1 or (remainder == 2 and self._pads < 2) or (remainder == 3 and not self._pads):
            self.problem = "truncated base64"  # where binascii.a2b_base64 gives up
        return out

    def _group(self, chars: bytes) -> bytes:
        if not chars:
            return b""
        self._glued = self._glued or self._pads > 0
        self._count += len(chars)
        chars = self._quanta + chars
        whole = len(chars) - len(chars) % 4
        self._quanta = chars[whole:]
        return binascii.a2b_base64(chars[:whole])

    def _flush(self) -> bytes:
        chars, self._quanta = self._quanta, b""
        if len(chars) % 4 == 1:
            chars = chars[:-1]  # a single leftover character holds no whole byte
        return binascii.a2b_base64(chars + b"=" * (-len(chars) % 4)) if chars else b""


class QuotedPrintableDecoder:
    """quoted-printable fed in pieces, decoded as ``binascii.a2b_qp`` (the email package's
    decoder) decodes it whole. Pieces are cut after a line end, where a2b_qp keeps no state;
    a line longer than ``max_line`` is cut where no escape is split."""

    problem: str | None = None

    def __init__(self, max_line: int = MAX_QP_LINE) -> None:
        self._pending = b""
        self._skipping = False  # inside "=\r...": a2b_qp drops everything up to the next "\n"
        self._max_line = max_line

    def feed(self, data: bytes) -> bytes:
        data = self._pending + data
        if self._skipping:
            end = data.find(b"\n")
            self._skipping = end < 0
            data = b"" if end < 0 else data[end + 1 :]
        cut = data.rfind(b"\n") + 1
        if cut or len(data) <= self._max_line:
            self._pending = data[cut:]
            return binascii.a2b_qp(data[:cut])
        cut = len(data)
        while cut > max(3, len(data) - 64) and b"=" in data[cut - 2 : cut]:
            cut -= 1  # a run of escapes longer than that is garbage, and cut as it comes
        piece, self._pending = data[:cut], data[cut:]
        decoded = binascii.a2b_qp(piece)
        self._skipping = len(binascii.a2b_qp(piece + b"\n")) == len(decoded)  # the "\n" was dropped
        return decoded

    def finish(self) -> bytes:
        data, self._pending = self._pending, b""
        return b"" if self._skipping else binascii.a2b_qp(data)


class _Unencoded:
    def __init__(self, problem: str | None = None) -> None:
        self.problem = problem

    def feed(self, data: bytes) -> bytes:
        return data

    def finish(self) -> bytes:
        return b""


Decoder = Base64Decoder | QuotedPrintableDecoder | _Unencoded


def decoder_for(encoding: str) -> Decoder:
    """The decoder for a Content-Transfer-Encoding; 7bit, 8bit, binary and unknown ones pass
    through, an unknown one named in ``problem``."""
    encoding = encoding.strip().lower()
    if encoding == "base64":
        return Base64Decoder()
    if encoding == "quoted-printable":
        return QuotedPrintableDecoder()
    known = encoding in ("", "7bit", "8bit", "binary")
    return _Unencoded(None if known else f"unknown transfer encoding {encoding[:40]}")


class BodyDigest:
    """SHA-256 of a message's body as ``mail.identity.dedupe_key`` cuts it from the whole message:
    from its first CRLF CRLF (else its first LF LF) on, the blank line included."""

    def __init__(self) -> None:
        self._crlf: Any = None
        self._lf: Any = None
        self._tail = b""

    def update(self, data: bytes) -> None:
        if self._crlf is not None:
            self._crlf.update(data)
            return
        window = self._tail + data
        if (found := window.find(b"\r\n\r\n")) >= 0:
            self._crlf, self._lf = hashlib.sha256(window[found:]), None
        elif self._lf is not None:  # an LF LF body gives way to a later CRLF CRLF
            self._lf.update(data)
        elif (found := window.find(b"\n\n")) >= 0:
            self._lf = hashlib.sha256(window[found:])
        self._tail = window[-3:]

    def digest(self) -> bytes:
        return (self._crlf or self._lf or hashlib.sha256(b"")).digest()
