"""Bytes from the server to a ParsedMessage: headers decoded, readable text, attachments.

Never raises on bad input: whatever the sender's software did, a ParsedMessage comes back,
with what could not be understood listed in ``defects``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import Message
from email.policy import EmailPolicy
from typing import Any, TypeVar

from mailbot.core.auth import MAX_RESULTS_HEADERS
from mailbot.core.classify import automated_reason
from mailbot.mail import headers as h
from mailbot.mail.feed import bytes_parser
from mailbot.mail.html_text import html_to_text
from mailbot.mail.quotes import split_quoted
from mailbot.mail.set_aside import read_message
from mailbot.mail.text import (
    decode_base64,
    decode_text,
    normalize_newlines,
    printable,
    scrub,
    unflow,
)

_MAX_DEPTH = 200  # MIME nesting followed; deeper parts are skipped and reported
# MIME parts read per message: each costs about a millisecond of header parsing, so 10,000 tiny
# parts took 18 s. The rest are skipped and reported; the raw message on disk keeps them.
MAX_PARTS = 1000
_MAX_DEFECTS = 50
_KNOWN_ENCODINGS = {"", "7bit", "8bit", "binary", "quoted-printable", "base64"}
_FORWARDS = ("message/rfc822", "message/global")
_T = TypeVar("_T")


@dataclass(frozen=True)
class Attachment:
    filename: str | None  # as the sender named it (decoded), NOT safe for the file system
    content_type: str
    payload: bytes


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str | None  # normalized "<id@host>", None when absent or unusable
    from_address: str | None  # lower-cased addr-spec of From
    from_name: str | None  # display name of From, decoded; no control characters, as below
    recipients: tuple[str, ...]  # lower-cased addr-specs from To, Cc, Delivered-To, X-Original-To
    subject: str  # decoded, "" when absent; control characters (ESC...) made U+FFFD
    date: datetime | None  # timezone-aware, None when absent or unparseable
    in_reply_to: tuple[str, ...]  # normalized message ids
    references: tuple[str, ...]  # normalized message ids
    text: str  # everything readable: text/plain, else HTML as BeautifulSoup parses it; as subject
    new_text: str  # the client's new words, quoted earlier mail removed
    quoted_text: str  # the quoted earlier mail that was removed from new_text
    attachments: tuple[Attachment, ...] = ()
    automated: str | None = None  # why it is machine mail: "auto-reply", "bounce", "calendar", ...
    dmarc_fail: bool = False  # Authentication-Results says dmarc=fail
    authentication_results: tuple[str, ...] = ()  # the headers' values, top first (core.auth reads them)
    defects: tuple[str, ...] = field(default=())


@dataclass
class _Body:
    """What the walk over the MIME tree collects."""

    blocks: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    calendar_methods: list[str] = field(default_factory=list)  # of text/calendar parts (iMIP)
    html: bool = False  # some text came from HTML, whose ">" marks come from its quote markup


def parse_message(raw: bytes, body: bool = True) -> ParsedMessage:
    """Parse one raw message; return its decoded headers, text, attachments and defects
    (with ``body=False``, see parse_header).

    Never raises: broken headers, charsets, encodings and MIME structure are worked around
    and named in ``defects``.
    """
    defects: list[str] = []
    try:
        return _parse(raw, defects, body)
    except Exception as error:  # a promise to the mail loop: one bad message never stops it
        defects.append(f"internal error: {type(error).__name__}")
        none: tuple[str, ...] = ()
        return ParsedMessage(
            message_id=None, from_address=None, from_name=None, recipients=none, subject="", date=None,
            in_reply_to=none, references=none, text="", new_text="", quoted_text="", defects=_cap(defects),
        )  # fmt: skip


# Every header field parse_header reads (here and in core.classify): a header pass fetches
# these alone (Mailbox.fetch_header_fields), not a header's kilobytes of Received and DKIM.
HEADER_FIELDS = (
    "From", "To", "Cc", "Delivered-To", "X-Original-To", "Subject", "Message-ID", "Date",
    "In-Reply-To", "References", "Content-Type", "Return-Path", "Authentication-Results",
    "Auto-Submitted", "X-Autoreply", "X-Autorespond", "X-Autoresponder", "Precedence",
    "X-Auto-Response-Suppress", "X-MS-Exchange-Generated-Message-Source", "List-Id",
    "List-Unsubscribe",
)  # fmt: skip
_READ_FIELDS = frozenset(name.lower() for name in HEADER_FIELDS)


def parse_header(raw: bytes) -> ParsedMessage:
    """``parse_message`` of a message's header alone (BODY[HEADER]): who, what, which thread,
    whether machine mail; no text, no attachments. Enough to decide whether to read the rest,
    at a fraction of the cost. Never raises."""
    return parse_message(raw, body=False)


def _parse(raw: bytes, defects: list[str], body: bool = True) -> ParsedMessage:
    message = _load(raw, defects, headersonly=not body)
    values = _header_values(message)
    first = {name: found[0] if found else None for name, found in values.items()}
    senders = h.addresses(values.get("from", []), defects)
    recipient_values = [v for n in ("to", "cc", "delivered-to", "x-original-to") for v in values.get(n, [])]
    recipients = tuple(dict.fromkeys(printable(a) for _, a in h.addresses(recipient_values, defects)))
    subject = printable(h.fold_whitespace(h.decode_words(first.get("subject") or "", defects)))
    message_id = h.message_id(first.get("message-id"))
    if message_id is None:
        defects.append("missing Message-ID" if "message-id" not in values else "unusable Message-ID")
    if not senders:
        defects.append("missing From")
    walked = _walk(message) if body else _Body()
    text = printable("\n\n".join(block.strip("\n").rstrip() for block in walked.blocks if block.strip()))
    new_text, quoted_text = split_quoted(text, marked=walked.html)
    content_type = _safely(message.get_content_type, "text/plain", defects, "Content-Type").lower()
    return ParsedMessage(
        message_id=message_id,
        from_address=printable(senders[0][1]) if senders else None,
        from_name=(printable(senders[0][0]) or None) if senders else None,
        recipients=recipients,
        subject=subject,
        date=h.date(first.get("date"), defects),
        in_reply_to=h.message_ids(" ".join(values.get("in-reply-to", []))),
        references=h.message_ids(" ".join(values.get("references", []))),
        text=text,
        new_text=new_text,
        quoted_text=quoted_text,
        attachments=tuple(walked.attachments),
        automated=automated_reason(values, content_type, subject, walked.calendar_methods),
        dmarc_fail=any(_says_dmarc_fail(v) for v in values.get("authentication-results", [])),
        authentication_results=tuple(values.get("authentication-results", [])[:MAX_RESULTS_HEADERS]),
        defects=_cap(defects + walked.defects),
    )


class _LenientPolicy(EmailPolicy):
    """The modern policy, except that a header its parser chokes on comes back as the raw
    string, which the accessors (get_content_type, get_param, get_filename...) still read.

    Parsed headers are kept by value: the same Content-Type or Content-Transfer-Encoding line
    recurs in most parts of most messages, and the modern header parser is the costliest step
    of reading a message (header objects are immutable, so sharing them is safe)."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        return h.fetch_header(name, value)


_POLICY = _LenientPolicy()
_PARSER = bytes_parser(_POLICY)  # keeps nothing between messages


def _load(raw: bytes, defects: list[str], headersonly: bool = False) -> Message:
    try:
        return read_message(_PARSER, raw, headersonly)
    except RecursionError:  # the email package recurses once per MIME level
        defects.append("MIME nesting too deep to parse; body kept as raw text")
        return _PARSER.parsebytes(raw, headersonly=True)


def _header_values(message: Message) -> dict[str, list[str]]:
    """Return lower-cased header name -> unfolded raw values, in message order, of the
    HEADER_FIELDS alone: nothing reads another (a header pass fetches no other), and unfolding
    the Received and DKIM lines cost more than the rest."""
    values: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        key = name.strip().lower()
        if key in _READ_FIELDS:
            values.setdefault(key, []).append(h.unfold(str(value)))
    return values


def _says_dmarc_fail(value: str) -> bool:
    return "dmarc=fail" in value.lower().replace(" ", "")


def _safely(read: Callable[[], _T], fallback: _T, defects: list[str], what: str) -> _T:
    """Return ``read()``, or ``fallback`` with a defect when the email package raises."""
    try:
        return read()
    except Exception as error:  # the modern policy raises on some broken headers
        defects.append(f"unreadable {what} ({type(error).__name__})")
        return fallback


def _cap(defects: list[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(defects))
    if len(unique) > _MAX_DEFECTS:
        unique = unique[:_MAX_DEFECTS] + [f"{len(unique) - _MAX_DEFECTS} more defects"]
    return tuple(unique)


def _walk(root: Message) -> _Body:
    """Walk the MIME tree without recursion, collecting text blocks and attachments in order."""
    body = _Body()
    stack: list[tuple[Message, int, bool]] = [(root, 0, True)]
    number = 0
    while stack:
        if number >= MAX_PARTS:
            body.defects.append(
                f"more than {MAX_PARTS} MIME parts; the rest not read (the raw message has them)"
            )
            break
        part, depth, wants_text = stack.pop()
        number += 1
        body.defects.extend(f"{type(d).__name__} in part {number}" for d in part.defects)
        body.defects.extend(_unparseable_headers(part, number))
        if depth > _MAX_DEPTH:
            body.defects.append(f"MIME nesting deeper than {_MAX_DEPTH}; part {number} skipped")
            continue
        content_type = _safely(part.get_content_type, "text/plain", body.defects, "Content-Type").lower()
        children = _children(part)
        if children is not None and content_type.startswith("multipart/"):
            wanted = _wanted(content_type, children, wants_text, body.defects)
            stack.extend((c, depth + 1, w) for c, w in reversed(list(zip(children, wanted, strict=True))))
        elif children and content_type in _FORWARDS:
            if wants_text:
                body.blocks.append(_forward_header(children[0], body.defects))
            stack.append((children[0], depth + 1, wants_text))
        else:
            _leaf(part, content_type, wants_text, number, body)
    return body


def _unparseable_headers(part: Message, number: int) -> list[str]:
    """Name the MIME headers of a part that the modern parser raises on (read the legacy way)."""
    problems = []
    for name, value in part.raw_items():
        if name.lower().startswith("content-"):
            problem = h.header_problem(name, value)
            if problem is not None:
                problems.append(f"unparseable {name} in part {number} ({problem})")
    return problems


def _children(part: Message) -> list[Message] | None:
    payload = part.get_payload() if part.is_multipart() else None
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else None


def _wanted(content_type: str, children: list[Message], wants_text: bool, defects: list[str]) -> list[bool]:
    """Say which children give text: all of them, or in multipart/alternative the best one.

    The best alternative is a non-empty text/plain, else the last HTML or multipart one.
    Children not chosen are still walked, for their attachments.
    """
    if not wants_text:
        return [False] * len(children)
    if content_type != "multipart/alternative" or len(children) < 2:
        return [True] * len(children)
    types = [_safely(c.get_content_type, "text/plain", defects, "Content-Type").lower() for c in children]
    chosen = len(children) - 1
    for index in range(len(children) - 1, -1, -1):
        if types[index] == "text/html" or types[index].startswith("multipart/"):
            chosen = index
            break
    for index, child in enumerate(children):
        plain = types[index] == "text/plain" and not _is_attachment(child, defects)
        if plain and _payload(child, 0, []).strip():
            chosen = index
            break
    return [index == chosen for index in range(len(children))]


def _forward_header(inner: Message, defects: list[str]) -> str:
    """Return the lines that introduce a forwarded message's text (quote splitting sees them)."""
    values = _header_values(inner)

    def first(name: str) -> str:
        return h.fold_whitespace(h.decode_words((values.get(name) or [""])[0], defects))

    return (
        "---------- Forwarded message ----------\n"
        f"From: {first('from')}\nDate: {first('date')}\n"
        f"Subject: {first('subject')}\nTo: {first('to')}"
    )


def _filename(part: Message, defects: list[str]) -> str | None:
    name = _safely(lambda: h.part_filename(part), None, defects, "filename")
    if not isinstance(name, str):
        return None
    return h.decode_words(name, defects) if "=?" in name else h.unfold(name)


def _is_attachment(part: Message, defects: list[str]) -> bool:
    disposition = _safely(part.get_content_disposition, None, defects, "Content-Disposition")
    return disposition == "attachment" or _filename(part, defects) is not None


def _leaf(part: Message, content_type: str, wants_text: bool, number: int, body: _Body) -> None:
    """File one leaf part as text (when wanted) or as an attachment."""
    if content_type.startswith("multipart/"):
        content_type = "text/plain"  # a multipart whose parts could not be found: show it raw
    is_text = content_type in ("text/plain", "text/html")
    if is_text and not _is_attachment(part, body.defects):
        if wants_text:
            body.blocks.append(_text_of(part, content_type, number, body.defects))
            body.html = body.html or content_type == "text/html"
        return
    if content_type == "text/calendar":
        body.calendar_methods.append(_param(part, "method", body.defects))
    filename = _filename(part, body.defects)
    payload = _payload(part, number, body.defects)
    body.attachments.append(Attachment(filename, content_type, payload))


def _text_of(part: Message, content_type: str, number: int, defects: list[str]) -> str:
    charset = _safely(lambda: h.part_charset(part), None, defects, "charset")
    text, problem = decode_text(_payload(part, number, defects), charset)
    if problem:
        defects.append(f"{problem} in part {number}")
    text = normalize_newlines(text)
    if content_type == "text/html":
        return scrub(html_to_text(text))
    if _param(part, "format", defects).lower() == "flowed":
        text = unflow(text, delsp=_param(part, "delsp", defects).lower() == "yes")
    return scrub(text)


def _param(part: Message, name: str, defects: list[str]) -> str:
    return _safely(lambda: h.part_param(part, name), "", defects, f"{name} parameter")


def _payload(part: Message, number: int, defects: list[str]) -> bytes:
    """Return a leaf's content with its transfer encoding undone; never raises."""
    # get_payload() gives an ASCII str as it is, after encoding all of it to look for surrogates
    payload: object = getattr(part, "_payload", None)
    if not (isinstance(payload, str) and payload.isascii()):
        payload = _safely(part.get_payload, None, defects, "body")
    if isinstance(payload, list):  # message/delivery-status and kin: blocks of headers
        return b"\n".join(_serialized(p, defects) for p in payload if isinstance(p, Message))
    encoding = _safely(lambda: str(part.get("content-transfer-encoding", "")), "", defects, "encoding")
    encoding = encoding.strip().lower()
    if encoding not in _KNOWN_ENCODINGS:
        defects.append(f"unknown transfer encoding {encoding[:40]} in part {number}")
    if encoding == "base64" and isinstance(payload, str):
        decoded, problem = decode_base64(payload if payload.isascii() else payload.encode("ascii", "ignore"))
        if problem:
            defects.append(f"{problem} in part {number}")
        return decoded
    data: object = _safely(lambda: part.get_payload(decode=True), None, defects, "body")
    return data if isinstance(data, bytes) else b""


def _serialized(part: Message, defects: list[str]) -> bytes:
    try:
        return part.as_bytes(policy=policy.compat32)
    except Exception as error:  # re-serializing hostile headers can fail in the generator
        defects.append(f"unserializable report part ({type(error).__name__})")
        return b""
