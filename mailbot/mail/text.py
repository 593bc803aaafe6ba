"""Bytes to readable text: charsets with fallbacks, base64, flowed text (HTML: html_text.py).

Nothing here raises on bad input; where bytes had to be guessed at, the caller is told why.
"""

from __future__ import annotations

import binascii
import codecs
import re

import pybase64

# Labels that senders use for a charset whose superset is what they really wrote in.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "tis-620": "cp874",
}
_ASCII_LABELS = {"us-ascii", "ascii", "ansi_x3.4-1968", "646", "us"}
# Codecs that exist in Python but are not charsets a mail could honestly be written in.
_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "mbcs"}
_BASE64_ALPHABET = re.compile(rb"[^A-Za-z0-9+/]")
_GLUED_BYTES = re.compile(rb"=[^A-Za-z0-9+/]*[A-Za-z0-9+/]")  # data after padding
_GLUED_TEXT = re.compile(r"=[^A-Za-z0-9+/]*[A-Za-z0-9+/]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C0_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])  # as bytes of UTF-8


def codec_for(label: str | None) -> str | None:
    """Return the Python codec for a MIME charset label, or None when unknown or unlabelled."""
    name = (label or "").strip().strip("\"'").lower()
    if not name or len(name) > 40 or name in _ASCII_LABELS:
        return None
    bare = name.removeprefix("x-")  # x-mac-roman, x-sjis: private labels of real charsets
    for candidate in (_SUPERSETS.get(name, name), name.replace("-", "").replace("_", ""), bare):
        try:
            info = codecs.lookup(candidate)
        except (LookupError, ValueError, TypeError):
            continue
        if getattr(info, "_is_text_encoding", True) and info.name not in _NOT_CHARSETS:
            return info.name
    return None


def decode_text(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode bytes declared as ``charset``; return the text and a problem description or None.

    Order: the declared charset, then UTF-8 (the commonest mislabel), then UTF-8 with
    replacement characters when the bytes are mostly UTF-8, else the declared charset (unless
    that is UTF-8) with replacements, else Windows-1252 and finally Latin-1, which accepts
    every byte.
    """
    label = (charset or "").strip().strip("\"'").lower()
    codec = codec_for(label)
    if codec is not None:
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            problem = f"bytes invalid in charset {label}"
    elif label and label not in _ASCII_LABELS:
        problem = f"undecodable charset {label[:40]}"
        if data.isascii():
            return data.decode("ascii"), problem
    elif data.isascii():
        return data.decode("ascii"), None
    else:
        problem = f"8-bit bytes in {label} text" if label else "8-bit text without a charset"
    try:
        return data.decode("utf-8"), problem
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8", "replace")
    bad = as_utf8.count("\ufffd")
    good = len(as_utf8) - len(as_utf8.encode("ascii", "ignore")) - bad
    if good >= 4 * bad:
        return as_utf8, problem
    if codec is not None and codec != "utf-8":  # as UTF-8 it was just found mostly wrong
        return data.decode(codec, "replace"), problem
    try:
        return data.decode("cp1252"), problem
    except UnicodeDecodeError:
        return data.decode("latin-1"), problem


def _plain(text: str) -> bool:
    """True when ``text`` holds no lone surrogate and no control character but tab and LF,
    so that scrub and printable leave it as it is: looked for in its UTF-8 at C speed, three
    times faster than their expressions. (A C1 control is "\xc2" and a byte in UTF-8; a text
    with any "\xc2", such as "©", is left to the expressions.)"""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return b"\xc2" not in data and len(data.translate(None, _C0_CONTROLS)) == len(data)


def scrub(text: str) -> str:
    """Return ``text`` with NUL and lone surrogates replaced by U+FFFD, so any store accepts it."""
    if _plain(text):
        return text
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


def printable(text: str) -> str:
    """Return ``text`` with control characters other than tab and newline replaced by U+FFFD.

    Escape sequences in a subject or a body would otherwise reach the therapist's terminal
    (``mailbot submission list``) and act there: clear it, retitle it, hide text.
    """
    return text if _plain(text) else _CONTROLS.sub("\ufffd", text)


def decode_base64(data: bytes | str) -> tuple[bytes, str | None]:
    """Decode base64 leniently; return the bytes and a problem description or None.

    ``data`` may be an ASCII str (saves copying a large payload). Characters outside the
    alphabet are skipped; a truncated tail is decoded as far as it goes; chunks glued
    together after padding are each decoded rather than silently cut off.
    """
    if (whole := _whole_groups(data)) is not None:
        return whole, None
    first_pad = data.find("=") if isinstance(data, str) else data.find(b"=")  # fast, unlike the search
    glued = first_pad >= 0 and (
        _GLUED_TEXT.search(data, first_pad) if isinstance(data, str) else _GLUED_BYTES.search(data, first_pad)
    )
    if not glued:
        try:
            return binascii.a2b_base64(data), None
        except (binascii.Error, ValueError):
            problem = "truncated base64"
    else:
        problem = "base64 data after padding"
    raw = data.encode("ascii", "ignore") if isinstance(data, str) else data
    return b"".join(_decode_base64_chunk(chunk) for chunk in re.split(rb"=+", raw)), problem


def _whole_groups(data: bytes | str) -> bytes | None:
    """The bytes of base64 that is whole groups of four once its line ends are taken out, padded
    only at its end (what a mailer writes), else None. binascii decodes it to the same bytes, but
    at a tenth of pybase64's speed (SIMD): an attachment's megabytes were a sixth of parsing."""
    if isinstance(data, str):
        if not data.isascii():
            return None
        data = data.encode("ascii")
    try:  # one byte replaced twice: ten times quicker than replacing CRLF
        return pybase64.b64decode(data.replace(b"\r", b"").replace(b"\n", b""), validate=True)
    except (binascii.Error, ValueError):  # anything else: the lenient way below
        return None


def _decode_base64_chunk(data: bytes) -> bytes:
    clean = _BASE64_ALPHABET.sub(b"", data)
    if len(clean) % 4 == 1:
        clean = clean[:-1]  # a single leftover character holds no whole byte
    clean += b"=" * (-len(clean) % 4)
    return binascii.a2b_base64(clean)


def normalize_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def unflow(text: str, delsp: bool) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676); return plain lines."""
    lines: list[str] = []
    pending: list[str] = []
    pending_depth = 0

    def flush() -> None:
        prefix = ">" * pending_depth + (" " if pending_depth else "")
        lines.append(prefix + "".join(pending))
        pending.clear()

    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        body = line[depth:]
        body = body[1:] if body.startswith(" ") else body
        soft = body.endswith(" ") and body != "-- "
        if pending and depth != pending_depth:
            flush()
        pending_depth = depth
        pending.append(body[:-1] if soft and delsp else body)
        if not soft:
            flush()
    if pending:
        flush()
    return "\n".join(lines)
