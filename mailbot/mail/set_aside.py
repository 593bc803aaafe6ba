"""Runs of plain body lines set aside while the email package reads a message's structure.

The email package's feedparser reads a message line by line in Python, testing each line
against every boundary it is inside: a 2 MB attachment is 27,000 lines and tens of
milliseconds, and even a short mail's text costs more than its headers. Yet most lines change
nothing the parser decides. A line is only ever read as one of: a header or its continuation
(in a header block), a blank line (the end of a header block, or of a block of a
message/delivery-status), a boundary (it starts with "--"), or text that goes to a payload,
preamble or epilogue. A *quiet* line, one that is not blank, starts with neither "--" nor
white space nor "From ", and has no colon in its first word (the parser's own header test),
is text wherever it comes: in a header block it ends the block (as a defect) and becomes the
body's first line. The lines after a quiet line, up to the next line that starts with "--",
are then read by the same loop, as text, whatever they hold, except that in a
message/delivery-status a blank line ends a block.

So each run of at least MIN_RUN bytes from a quiet line up to the next "--" line is replaced
by one placeholder line (itself quiet) before parsing, and put back into the payload,
preamble or epilogue the placeholder landed in. Where anything is odd (the placeholder's name
already in the mail, a placeholder found anywhere else or not exactly once, a run with a
blank line in a message that has a message/delivery-status part) the message is parsed again
whole, so the Message that comes back is always the one the email package makes of ``raw``.
Lines end as the parser ends them: at LF, CRLF or a lone CR.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesParser

MIN_RUN = 256  # bytes of lines worth setting aside; a shorter run saves less than it costs
_MARK = "MailbotSetAside"  # a quiet line's characters only, so the placeholder is one
_PLACEHOLDER = re.compile(_MARK + r"([0-9]+)Z")
# A quiet line's start, after an LF (a lone CR ends a line too, but is not looked after): not
# blank, not a boundary, not a header line as email.feedparser.headerRE reads one.
_QUIET_LINE = re.compile(rb"\n(?![\r\n]|--|From |[\t ]|[\x21-\x39\x3b-\x7e]*:)")
_HEADER_END = re.compile(rb"\n\r?\n")
_BLANK_LINE = re.compile(rb"\n[\r\n]|\r\r")  # with the run's line ends: a blank line inside
_DELIVERY_STATUS = "message/delivery-status"


def read_message(parser: BytesParser, raw: bytes, headersonly: bool = False) -> Message:
    """``parser.parsebytes(raw, headersonly)``, with the runs of quiet lines set aside meanwhile."""
    runs = quiet_runs(raw) if len(raw) >= MIN_RUN else []
    if not runs:
        return parser.parsebytes(raw, headersonly=headersonly)
    pieces: list[bytes] = []
    kept = 0
    for number, (start, end) in enumerate(runs):
        pieces += [raw[kept:start], f"{_MARK}{number}Z".encode()]
        kept = end
    pieces.append(raw[kept:])
    message = parser.parsebytes(b"".join(pieces), headersonly=headersonly)
    if _put_back(message, raw, runs):
        return message
    return parser.parsebytes(raw, headersonly=headersonly)


def quiet_runs(raw: bytes) -> list[tuple[int, int]]:
    """(start, end) of each run of at least MIN_RUN bytes that starts with a quiet line after
    an LF (some of them: the top header and lines after a lone CR are not looked in) and ends
    before the next line that starts with "--" (or at the end), its last line end (and any
    blank lines after it) left out. Each search looks past the one before, so the whole costs
    linear time; a "-" is found by the C library's fastest search."""
    runs: list[tuple[int, int]] = []
    header_end = _HEADER_END.search(raw)
    found = _QUIET_LINE.search(raw, header_end.start()) if header_end else None
    while found is not None:
        start = found.end()
        end = after = _dash_line(raw, start)
        while end > start and raw[end - 1] in b"\r\n":
            end -= 1
        if end - start >= MIN_RUN:
            runs.append((start, end))
        found = _QUIET_LINE.search(raw, after)
    return runs


def _dash_line(raw: bytes, position: int) -> int:
    """Where the line end before the next line that starts with "--" is, from ``position``
    (a line's start or later); ``len(raw)`` when there is none."""
    while (dash := raw.find(b"-", position)) >= 0:
        if raw[dash - 1] in b"\r\n" and raw[dash + 1 : dash + 2] == b"-":
            return dash - 1
        position = dash + 1
    return len(raw)


def _text(raw: bytes, start: int, end: int) -> str:
    """``raw[start:end]`` as the parser decodes it (ASCII, 8-bit bytes as surrogate escapes)."""
    try:
        return str(memoryview(raw)[start:end], "ascii")  # ASCII alone is five times faster
    except UnicodeDecodeError:
        return raw[start:end].decode("ascii", "surrogateescape")


def _put_back(root: Message, raw: bytes, runs: list[tuple[int, int]]) -> bool:
    """Put each run back where its placeholder landed; False unless each landed exactly once,
    in a payload, preamble or epilogue, and none with a blank line where it could end a
    delivery-status block."""
    seen = [0] * len(runs)

    def restore(text: str) -> str:
        def run(found: re.Match[str]) -> str:
            number = int(found.group(1))
            if number >= len(runs):
                raise LookupError(found.group(0))
            seen[number] += 1
            return _text(raw, *runs[number])

        if (alone := _alone(text, raw, runs)) is not None:
            seen[alone[0]] += 1
            return alone[1]
        restored = _PLACEHOLDER.sub(run, text)
        if _MARK in _PLACEHOLDER.sub("", text):
            raise LookupError(_MARK)
        return restored

    stack = [root]
    delivery_status = False
    try:
        while stack:
            part = stack.pop()
            if any(_MARK in str(value) for _, value in part.raw_items()) or _MARK in str(part.get_unixfrom()):
                return False
            delivery_status = delivery_status or part.get_content_type() == _DELIVERY_STATUS
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
    if delivery_status and any(_BLANK_LINE.search(raw, start, end) for start, end in runs):
        return False
    return all(count == 1 for count in seen)


def _alone(text: str, raw: bytes, runs: list[tuple[int, int]]) -> tuple[int, str] | None:
    """(number, restored text) of a part that is one placeholder and the line ends after it,
    as the run's raw bytes hold them (an attachment's base64), read in one copy, not two."""
    found = _PLACEHOLDER.match(text)
    if found is None or int(found.group(1)) >= len(runs):
        return None
    number = int(found.group(1))
    tail = text[found.end() :]
    start, end = runs[number]
    if tail.strip("\r\n") or raw[end : end + len(tail)] != tail.encode("ascii"):
        return None
    return number, _text(raw, start, end + len(tail))
