"""A text part's body as the standard library's ``set_content`` encodes it, without its cost.

``EmailMessage.set_content(text)`` picks a Content-Transfer-Encoding (7bit, 8bit,
quoted-printable or base64) and encodes the text; to choose between quoted-printable and base64
it encodes the first ten lines both ways, then encodes the whole text again, each time through
the pure-Python ``quoprimime.body_encode``, which was most of a reply draft's cost. Here every
line is quoted-printable encoded once (a regular expression finds the bytes to escape, and only
a line too long or ending in a space goes through the line-breaking rules), and the first ten
lines' encoding is the choice's. The result is byte for byte the standard's, for the modern
policy's line length and ``\\n`` line ends (tests/unit/test_text_body.py compares them).
"""

from __future__ import annotations

import binascii
import re

# What quoted-printable leaves as it is in a body: printable ASCII but "=", space, tab (and the
# line breaks between the lines).
_ESCAPED = re.compile("[^\t\n !-<>-~]+")
_LEFT = bytes(range(0x20, 0x7F)).replace(b"=", b"") + b"\t\n"
_FEW_KINDS = 12  # kinds of bytes to escape that one bytes.replace each escapes faster than _ESCAPED
_SNIFFED_LINES = 10  # the lines the standard library encodes both ways to choose


def encode_text(text: str, max_line_length: int) -> tuple[str, bytes]:
    """(Content-Transfer-Encoding, body) of ``text`` as UTF-8, as ``set_content`` writes them
    with a policy of this line length, ``\\n`` line ends and 8bit allowed (the default policy)."""
    lines = text.encode("utf-8").splitlines()
    if max(map(len, lines), default=0) <= max_line_length:
        body = b"\n".join(lines) + b"\n"
        return ("7bit" if body.isascii() else "8bit"), body
    encoded = _quoted_printable_lines(lines, max_line_length)
    sniffed = encoded[:_SNIFFED_LINES]
    sniff_qp = sum(len(line) for line in sniffed) + len(sniffed)  # each line and its line end
    sniff_base64 = len(binascii.b2a_base64(b"\n".join(lines[:_SNIFFED_LINES]) + b"\n"))
    if sniff_qp > sniff_base64:
        return "base64", _base64_lines(b"\n".join(lines) + b"\n", max_line_length)
    return "quoted-printable", ("\n".join(encoded) + "\n").encode("ascii")


def _escaped(data: bytes) -> str:
    """``data`` with each byte quoted-printable does not leave as it is written "=XX": a few
    kinds of such bytes one ``bytes.replace`` each ("=" first: the others add some), many by
    one regular expression."""
    unsafe = set(data.translate(None, _LEFT))
    if len(unsafe) > _FEW_KINDS:
        return _ESCAPED.sub(_escape, data.decode("latin-1"))
    if 0x3D in unsafe:
        data = data.replace(b"=", b"=3D")
    for byte in unsafe - {0x3D}:
        data = data.replace(bytes((byte,)), b"=%02X" % byte)
    return data.decode("ascii")


def _escape(match: re.Match[str]) -> str:
    return "=" + match.group().encode("latin-1").hex("=").upper()


def _quoted_printable_lines(lines: list[bytes], max_line_length: int) -> list[str]:
    """Each line as ``quoprimime.body_encode`` encodes it (soft line breaks inside it)."""
    escaped = _escaped(b"\n".join(lines)).split("\n")
    fits = max_line_length
    return [
        line if len(line) <= fits and line[-1:] not in (" ", "\t") else _broken(line, fits)
        for line in escaped
    ]


def _broken(line: str, maxlinelen: int) -> str:
    """One escaped line too long or ending in white space: ``quoprimime.body_encode``'s rules.
    Pieces of ``maxlinelen`` - 1 characters end in a soft line break while more than
    ``maxlinelen`` characters are left, the last ends the line."""
    step = maxlinelen - 1
    laststart = len(line) - 1 - maxlinelen
    if "=" not in line and line[-1] not in " \t":  # no escape to keep whole, no space to quote
        end = (laststart // step + 1) * step
        return "=\n".join([*(line[at : at + step] for at in range(0, end, step)), line[end:]])
    start, pieces = _soft_breaks(line, maxlinelen)
    if line and line[-1] in " \t":
        room = start - laststart
        quoted = "=20" if line[-1] == " " else "=09"
        if room >= 3:
            last = quoted
        elif room == 2:
            last = line[-1] + "=\n"
        else:
            last = "=\n" + quoted
        pieces.append(line[start:-1] + last)
    else:
        pieces.append(line[start:])
    return "\n".join(pieces)


def _soft_breaks(line: str, maxlinelen: int) -> tuple[int, list[str]]:
    """The pieces of ``line`` that end in a soft line break, and where the rest starts."""
    pieces: list[str] = []
    start = 0
    laststart = len(line) - 1 - maxlinelen
    while start <= laststart:
        stop = start + maxlinelen - 1
        if line[stop - 2] == "=":  # an escape is not broken up
            pieces.append(line[start : stop - 1])
            start = stop - 2
        elif line[stop - 1] == "=":
            pieces.append(line[start:stop])
            start = stop - 1
        else:
            pieces.append(line[start:stop] + "=")
            start = stop
    return start, pieces


def _base64_lines(data: bytes, max_line_length: int) -> bytes:
    """``data`` in base64, lines of ``max_line_length`` // 4 * 3 bytes each (the standard's)."""
    per_line = max_line_length // 4 * 3
    return b"".join(binascii.b2a_base64(data[at : at + per_line]) for at in range(0, len(data), per_line))
