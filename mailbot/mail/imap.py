"""A Mailbox: a thin, honest wrapper over imapclient for what mailbot asks of an IMAP server.

Messages are always read with BODY.PEEK, so the bot never marks a client's mail as read.
Folder names are given with "/" between levels and translated to the server's delimiter.
"""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailbot.config import ServerConfig
from mailbot.errors import ServerError
from mailbot.mail.connect import describe_failure, tls_context

DRAFTS = b"\\Drafts"
SENT = b"\\Sent"

NETWORK_ERRORS: tuple[type[BaseException], ...] = (OSError, socket.timeout, ssl.SSLError, IMAPClientError)

SPECIAL_NAMES = {
    DRAFTS: ("Drafts", "Draft", "[Gmail]/Drafts", "INBOX/Drafts", "INBOX.Drafts"),
    SENT: (
        "Sent",
        "Sent Items",
        "Sent Messages",
        "[Gmail]/Sent Mail",
        "INBOX/Sent",
        "INBOX.Sent",
    ),
}


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


class Mailbox:
    """One logged-in IMAP connection."""

    def __init__(self, client: IMAPClient, server: ServerConfig):
        self.client = client
        self.server = server
        self.client.normalise_times = False
        self._delimiter: str | None = None
        self._known_folders: set[str] | None = None

    @classmethod
    def open(cls, server: ServerConfig, password: str) -> Mailbox:
        """Connect (implicit TLS, STARTTLS or, on loopback only, plain) and log in."""
        try:
            if server.security == "tls":
                client = IMAPClient(
                    server.host,
                    server.port,
                    ssl=True,
                    ssl_context=tls_context(server),
                    timeout=server.timeout,
                )
            else:
                client = IMAPClient(server.host, server.port, ssl=False, timeout=server.timeout)
                if server.security == "starttls":
                    # imapclient raises if the server does not offer STARTTLS: no fallback.
                    client.starttls(tls_context(server))
        except NETWORK_ERRORS as exc:
            raise ServerError(describe_failure(server, exc)) from None
        try:
            client.login(server.username, password)
        except LoginError:
            raise ServerError(
                f"The IMAP server {server.host} refused the login for {server.username}; "
                "check [imap] username and the password source."
            ) from None
        except NETWORK_ERRORS as exc:
            raise ServerError(describe_failure(server, exc)) from None
        return cls(client, server)

    def close(self) -> None:
        with contextlib.suppress(*NETWORK_ERRORS):
            self.client.logout()

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Folders -------------------------------------------------------------------------------

    @property
    def delimiter(self) -> str:
        if self._delimiter is None:
            listed = self.client.list_folders("", "INBOX")
            delim = listed[0][1] if listed else b"/"
            self._delimiter = (delim.decode() if isinstance(delim, bytes) else delim) or "/"
        return self._delimiter

    def server_name(self, folder: str) -> str:
        """``folder`` ("Homework/Ada") with the server's own delimiter."""
        if folder.upper() == "INBOX":
            return "INBOX"
        return folder.replace("/", self.delimiter)

    def folder_names(self) -> set[str]:
        if self._known_folders is None:
            self._known_folders = {name for _flags, _delim, name in self.client.list_folders()}
        return self._known_folders

    def ensure_folder(self, folder: str) -> str:
        """Create ``folder`` (and its parents) unless it exists; return its server name."""
        name = self.server_name(folder)
        known = self.folder_names()
        parts = name.split(self.delimiter)
        for depth in range(1, len(parts) + 1):
            path = self.delimiter.join(parts[:depth])
            if path in known or path.upper() == "INBOX":
                continue
            try:
                self.client.create_folder(path)
            except IMAPClientError:
                if not self.client.folder_exists(path):
                    raise
            with contextlib.suppress(IMAPClientError):
                self.client.subscribe_folder(path)
            known.add(path)
        return name

    def special_folder(self, flag: bytes, configured: str | None) -> str | None:
        """The folder for a role (DRAFTS, SENT): SPECIAL-USE, usual names, then config."""
        if configured:
            return self.server_name(configured)
        try:
            found = self.client.find_special_folder(flag)
        except IMAPClientError:
            found = None
        if found:
            return str(found)
        names = self.folder_names()
        for candidate in SPECIAL_NAMES.get(flag, ()):
            if self.server_name(candidate) in names:
                return self.server_name(candidate)
        return None

    # Messages ------------------------------------------------------------------------------

    def select(self, folder: str) -> FolderStatus:
        info = self.client.select_folder(self.server_name(folder))
        return FolderStatus(
            uidvalidity=int(info[b"UIDVALIDITY"]),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            exists=int(info.get(b"EXISTS", 0)),
        )

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs in the selected folder greater than ``last_uid``, ascending."""
        found = self.client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(uid for uid in found if uid > last_uid)

    def present(self, uids: Iterable[int]) -> set[int]:
        """Which of ``uids`` still exist in the selected folder."""
        wanted = sorted(set(uids))
        if not wanted:
            return set()
        return set(self.client.search(["UID", _uid_set(wanted)]))

    def fetch_headers(self, uids: Sequence[int]) -> list[Fetched]:
        return self._fetch(uids, b"BODY[HEADER]", "BODY.PEEK[HEADER]")

    def fetch_messages(self, uids: Sequence[int]) -> list[Fetched]:
        return self._fetch(uids, b"BODY[]", "BODY.PEEK[]")

    def _fetch(self, uids: Sequence[int], key: bytes, item: str) -> list[Fetched]:
        if not uids:
            return []
        response = self.client.fetch(list(uids), [item, "RFC822.SIZE", "INTERNALDATE"])
        out = []
        for uid in sorted(response):
            data = response[uid]
            if key not in data:
                continue
            when = data.get(b"INTERNALDATE")
            if not isinstance(when, datetime):
                when = datetime.now(UTC)
            elif when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            out.append(Fetched(uid, int(data.get(b"RFC822.SIZE", 0)), when, bytes(data[key])))
        return out

    def fetch_partial(self, uid: int, length: int) -> Fetched:
        """The first ``length`` bytes of one message (its headers and, usually, its text)."""
        item = f"BODY.PEEK[]<0.{length}>"
        response = self.client.fetch([uid], [item, "RFC822.SIZE", "INTERNALDATE"])
        data = response.get(uid, {})
        body = next((v for k, v in data.items() if k.startswith(b"BODY[]")), b"")
        when = data.get(b"INTERNALDATE")
        if not isinstance(when, datetime):
            when = datetime.now(UTC)
        elif when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return Fetched(uid, int(data.get(b"RFC822.SIZE", 0)), when, bytes(body))

    def move(self, uids: Sequence[int], folder: str) -> None:
        """Move ``uids`` from the selected folder to ``folder``: MOVE, else COPY + expunge."""
        if not uids:
            return
        target = self.server_name(folder)
        if self.client.has_capability("MOVE"):
            self.client.move(list(uids), target)
            return
        self.client.copy(list(uids), target)
        self.client.delete_messages(list(uids), silent=True)
        if self.client.has_capability("UIDPLUS"):
            self.client.uid_expunge(list(uids))
        else:
            self.client.expunge()

    def find_by_message_id(self, folder: str, message_id: str) -> list[int]:
        self.client.select_folder(self.server_name(folder), readonly=True)
        return list(self.client.search(["HEADER", "Message-ID", message_id]))

    def delete(self, folder: str, uids: Sequence[int]) -> None:
        """Remove ``uids`` from ``folder`` (flag \\Deleted, then expunge just those)."""
        self.client.select_folder(self.server_name(folder))
        self.client.delete_messages(list(uids), silent=True)
        if self.client.has_capability("UIDPLUS"):
            self.client.uid_expunge(list(uids))
        else:
            self.client.expunge()

    def append(
        self, folder: str, message: bytes, flags: Sequence[bytes] = (), when: datetime | None = None
    ) -> int | None:
        """Append ``message`` to ``folder``; the new UID when the server says (UIDPLUS)."""
        response = self.client.append(self.server_name(folder), message, flags=flags, msg_time=when)
        match = re.search(rb"APPENDUID \d+ (\d+)", response or b"")
        return int(match.group(1)) if match else None


def _uid_set(uids: Sequence[int]) -> str:
    return ",".join(str(u) for u in uids)
