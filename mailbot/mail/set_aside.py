"""Large base64 bodies set aside while the email package reads a message's structure.

The email package's feedparser reads a message line by line in Python: a 2 MB attachment is
27,000 lines and tens of milliseconds, most of the cost of reading a backlog. Yet a run of
base64 lines changes nothing the parser decides: none of its lines can be a header (no colon,
no leading blank, no "From "), a boundary (no "--") or a blank line, so the parser treats a
run of them exactly as it treats one such line. Each large run is therefore replaced by one
placeholder line before parsing, and put back into the payload, preamble or epilogue the
placeholder landed in. Where anything is odd (the placeholder's name already in the mail, a
placeholder found anywhere else or not exactly once) the message is parsed again whole, so
the Message that comes back is always the one the email package makes of ``raw``.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesParser

MIN_RUN = 2048  # bytes of base64 lines worth setting aside; shorter runs cost the parser little
_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_LONGEST_LINE = 1000  # a base64 line longer than this is not set aside
_MARK = "MailbotSetAside"  # base64 alphabet only, so the placeholder is a line like the run
_PLACEHOLDER = re.compile(_MARK + r"([0-9]+)Z")


def read_message(parser: BytesParser, raw: bytes, headersonly: bool = False) -> Message:
    """``parser.parsebytes(raw, headersonly)``, with the large base64 runs set aside meanwhile."""
    runs = base64_runs(raw) if len(raw) >= MIN_RUN else []
    if not runs:
        return parser.parsebytes(raw, headersonly=headersonly)
    pieces: list[bytes] = []
    kept = 0
    for number, (start, end) in enumerate(runs):
        pieces += [raw[kept:start], f"{_MARK}{number}Z".encode()]
        kept = end
    pieces.append(raw[kept:])
    message = parser.parsebytes(b"".join(pieces), headersonly=headersonly)
    if _put_back(message, [str(memoryview(raw)[start:end], "ascii") for start, end in runs]):
        return message
    return parser.parsebytes(raw, headersonly=headersonly)


def base64_runs(raw: bytes) -> list[tuple[int, int]]:
    """(start, end) of each run of at least MIN_RUN bytes of base64 lines that follows a blank
    line: lines of the base64 alphabet, all as long as the first but the last, each ended by the
    same LF or CRLF, the last line's end left out (what follows a run is a line end). Only fast
    byte searches; each looks past the one before, so the whole costs linear time."""
    first_end = raw.find(b"\n")
    blank_line = b"\n\r\n" if first_end > 0 and raw[first_end - 1] == 13 else b"\n\n"
    runs: list[tuple[int, int]] = []
    dash = -1  # the next "-" at or after the scan: base64 has none, a boundary starts with two
    position = raw.find(blank_line)
    while position >= 0:
        start = position + len(blank_line)
        if dash < start:
            dash = raw.find(b"-", start)
            dash = len(raw) if dash < 0 else dash
        end = dash
        while end > start and raw[end - 1] in b"\r\n":
            end -= 1
        if end - start >= MIN_RUN and _only_base64_lines(raw, start, end):
            runs.append((start, end))
            start = end
        position = raw.find(blank_line, start)
    return runs


def _only_base64_lines(raw: bytes, start: int, end: int) -> bool:
    """Whether ``raw[start:end]`` is lines of the base64 alphabet, all as long as the first but
    the last, ended by the first line's LF or CRLF; checked on the first line, then at the line
    ends, then throughout (the first line rules out text at once, without copying the rest)."""
    first_end = raw.find(b"\n", start, min(end, start + _LONGEST_LINE)) - start
    crlf = first_end > 0 and raw[start + first_end - 1] == 13
    width = first_end - crlf
    if width < 1 or raw[start : start + width].translate(None, _ALPHABET):
        return False
    run = raw[start:end]
    ending = b"\r\n" if crlf else b"\n"
    stride = width + len(ending)
    lines, last = divmod(len(run), stride)
    if not 1 <= last <= width:
        return False
    at_ends = all(run[width + i :: stride] == ending[i : i + 1] * lines for i in range(len(ending)))
    return at_ends and run.translate(None, _ALPHABET) == ending * lines


def _put_back(root: Message, runs: list[str]) -> bool:
    """Put each run back where its placeholder landed; False unless each landed exactly once,
    in a payload, preamble or epilogue."""
    seen = [0] * len(runs)

    def restore(text: str) -> str:
        def run(found: re.Match[str]) -> str:
            number = int(found.group(1))
            if number >= len(runs):
                raise LookupError(found.group(0))
            seen[number] += 1
            return runs[number]

        restored = _PLACEHOLDER.sub(run, text)
        if _MARK in _PLACEHOLDER.sub("", text):
            raise LookupError(_MARK)
        return restored

    stack = [root]
    try:
        while stack:
            part = stack.pop()
            if any(_MARK in str(value) for _, value in part.raw_items()) or _MARK in str(part.get_unixfrom()):
                return False
            for name in ("preamble", "epilogue"):
                text = getattr(part, name)
                if isinstance(text, str) and _MARK in text:
                    setattr(part, name, restore(text))
            # as the parser left it: get_payload() recodes a payload that holds 8-bit bytes
            payload = getattr(part, "_payload", None)
            if isinstance(payload, list):
                stack.extend(item for item in payload if isinstance(item, Message))
            elif isinstance(payload, str) and _MARK in payload:
                part.set_payload(restore(payload))
    except LookupError:
        return False
    return all(count == 1 for count in seen)
