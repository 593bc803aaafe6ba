"""What a Mailbox answers (a folder's status, a fetched message) and how it fails: a folder the
server refuses, and the errors a caller that tolerates a failing server catches."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass
from datetime import datetime

from imapclient.exceptions import IMAPClientError

from mailbot.errors import ServerError


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
