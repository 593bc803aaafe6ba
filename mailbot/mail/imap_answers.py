"""What a Mailbox answers (a folder's status, a fetched message) and how it fails: a folder the
server refuses, and the errors a caller that tolerates a failing server catches."""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from imapclient.exceptions import IMAPClientError
from imapclient.response_parser import parse_fetch_response

from mailbot.errors import ServerError
from mailbot.mail.imap_commands import body_section


class FolderRefused(ServerError):
    """The server would not create (or select) a folder mailbot needs; the message has its words."""

    def __init__(self, folder: str, words: str):
        super().__init__(f"folder refused by the server: {folder} ({words})")
        self.folder, self.words = folder, words


# What a caller that tolerates a failing server catches: the transport, a refusal, a refused folder.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    socket.timeout,
    ssl.SSLError,
    IMAPClientError,
    FolderRefused,
)


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    uidnext: int | None
    exists: int


@dataclass(frozen=True)
class Fetched:
    """One message as fetched: its UID, size, arrival time and bytes (headers or whole)."""

    uid: int
    size: int
    internal_date: datetime
    data: bytes


@dataclass(frozen=True)
class HeaderFields:
    """One message's header fields as a header pass fetches them: its UID, size and those bytes."""

    uid: int
    size: int
    data: bytes


# One message of a header pass's FETCH answer as servers give it, the literal aside: "<n> (UID
# <uid> RFC822.SIZE <size> BODY[HEADER.FIELDS (...)] {<length>}", UID and size in either order.
_PLAIN_HEADER_ANSWER = re.compile(
    rb"[0-9]+ \((UID|RFC822\.SIZE) ([0-9]+) (UID|RFC822\.SIZE) ([0-9]+) "
    rb"BODY\[HEADER\.FIELDS \([^\]]*\)\] \{[0-9]+\}"
)


def header_fields(answer: Sequence[Any]) -> list[HeaderFields]:
    """Each message's header fields in a header pass's FETCH answer (as imaplib returns it), in
    UID order; a message whose answer holds no body section is left out."""
    plain = plain_header_fields(answer)
    if plain is not None:
        return plain
    out = []
    response = dict(parse_fetch_response(answer, False, True))
    for uid in sorted(response):
        data = response[uid]
        key = body_section(data)
        if key is not None:
            out.append(HeaderFields(uid, int(data.get(b"RFC822.SIZE", 0)), bytes(data[key] or b"")))
    return out


def plain_header_fields(answer: Sequence[Any]) -> list[HeaderFields] | None:
    """The header fields of each message in a FETCH answer as imaplib returns it, in UID order,
    when every part of it has the plain shape above, each message's literal followed by ")";
    otherwise None, and imapclient's general parser reads it. That parser reads the field list
    every message's answer repeats one character at a time in Python: most of a header pass's
    time, where this reads each message's line with one regular expression."""
    by_uid: dict[int, HeaderFields] = {}
    parts = iter(answer)
    for part in parts:
        if not isinstance(part, tuple) or len(part) != 2 or next(parts, None) != b")":
            return None
        found = _PLAIN_HEADER_ANSWER.fullmatch(part[0])
        if found is None or found.group(1) == found.group(3):
            return None
        values = {found.group(1): int(found.group(2)), found.group(3): int(found.group(4))}
        uid = values[b"UID"]
        by_uid[uid] = HeaderFields(uid, values[b"RFC822.SIZE"], bytes(part[1]))
    return [by_uid[uid] for uid in sorted(by_uid)]
