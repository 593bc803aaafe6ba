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
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailbot.config import ServerConfig
from mailbot.errors import ServerError
from mailbot.mail.connect import describe_failure, tls_context

DRAFTS = b"\\Drafts"
SENT = b"\\Sent"

MAX_UIDS_PER_COMMAND = 2000  # even unranged, a command line stays well under 64 KB
MESSAGE_IDS_PER_SEARCH = 50  # a few KB of command line, and ORs nested six deep
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
        self._special_folders: dict[bytes, str] = {}

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
        """The folder for a role (DRAFTS, SENT): config, then SPECIAL-USE, then usual names.

        A folder found is kept for this connection: finding it lists every folder, and a pass
        that copies each email it sends to Sent would otherwise list them once per email."""
        if configured:
            return self.server_name(configured)
        if flag not in self._special_folders:
            found = self._find_special_folder(flag)
            if found is None:
                return None
            self._special_folders[flag] = found
        return self._special_folders[flag]

    def _find_special_folder(self, flag: bytes) -> str | None:
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
        found: set[int] = set()
        for start in range(0, len(wanted), MAX_UIDS_PER_COMMAND):
            found.update(self.client.search(["UID", _uid_set(wanted[start : start + MAX_UIDS_PER_COMMAND])]))
        return found

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

    def move(self, uids: Sequence[int], folder: str) -> list[int]:
        """Move ``uids`` from the selected folder to ``folder``: MOVE, else COPY + expunge.

        Returns the UIDs moved. A message another client expunged meanwhile (the server says
        EXPUNGEISSUED) is left out and the rest are moved.
        """
        if not uids:
            return []
        try:
            self._move(list(uids), self.server_name(folder))
            return list(uids)
        except IMAPClientError as exc:
            if "EXPUNGEISSUED" not in str(exc) and "no longer exist" not in str(exc):
                raise
        self.client.noop()  # take in the expunges, then move what is still there
        remaining = sorted(self.present(uids))
        if remaining:
            self._move(remaining, self.server_name(folder))
        return remaining

    def _move(self, uids: list[int], target: str) -> None:
        for start in range(0, len(uids), MAX_UIDS_PER_COMMAND):
            chunk = _uid_set(uids[start : start + MAX_UIDS_PER_COMMAND])
            if self.client.has_capability("MOVE"):
                self.client.move(chunk, target)
                continue
            self.client.copy(chunk, target)
            self.client.delete_messages(chunk, silent=True)
            if self.client.has_capability("UIDPLUS"):
                self.client.uid_expunge(chunk)
            else:
                self.client.expunge()

    def find_by_message_id(self, folder: str, message_id: str) -> list[int]:
        self.client.select_folder(self.server_name(folder), readonly=True)
        return list(self.client.search(["HEADER", "Message-ID", message_id]))

    def message_ids_in(self, folder: str, message_ids: Sequence[str]) -> set[str]:
        """Which of ``message_ids`` are in ``folder``: one SEARCH per batch of them (their HEADER
        keys OR'ed), then, only when a batch found something, a FETCH of the Message-ID of what
        it found (SEARCH HEADER matches substrings; the answer is exact)."""
        if not message_ids:
            return set()
        self.client.select_folder(self.server_name(folder), readonly=True)
        found: set[str] = set()
        for start in range(0, len(message_ids), MESSAGE_IDS_PER_SEARCH):
            batch = message_ids[start : start + MESSAGE_IDS_PER_SEARCH]
            uids = self.client.search(_any_header("Message-ID", batch))
            if not uids:
                continue
            for data in self.client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).values():
                header = next((v for k, v in data.items() if k.upper().startswith(b"BODY[")), b"")
                value = BytesHeaderParser(policy=compat32).parsebytes(bytes(header)).get("Message-ID", "")
                found.add("".join(str(value).split()))
        return found & set(message_ids)

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

    # Large messages, read in pieces (mailbot.mail.large) -----------------------------------

    def bodystructure(self, uid: int) -> tuple[Any, ...]:
        """The MIME structure of one message: BODYSTRUCTURE as imapclient parses it (nested
        tuples of bytes, ints and None; a multipart's parts come first, in a list)."""
        return tuple(self._fetch_one(uid, ["BODYSTRUCTURE"])[b"BODYSTRUCTURE"])

    def fetch_sections(self, uid: int, sections: Sequence[str]) -> dict[str, bytes]:
        """Whole body sections of one message ("HEADER", "2.MIME", "2.1"...), by section name;
        b"" for a section the message does not have."""
        out: dict[str, bytes] = {}
        for start in range(0, len(sections), 100):  # keeps each command line short
            batch = sections[start : start + 100]
            data = self._fetch_one(uid, [f"BODY.PEEK[{s}]" for s in batch])
            for section in batch:
                out[section] = bytes(data.get(f"BODY[{section}]".upper().encode()) or b"")
        return out

    def fetch_section(self, uid: int, section: str, offset: int, length: int) -> bytes:
        """At most ``length`` bytes of one section ("" for the whole message) from ``offset``
        (BODY.PEEK[section]<offset.length>): fewer at its end, b"" past it."""
        data = self._fetch_one(uid, [f"BODY.PEEK[{section}]<{offset}.{length}>"])
        return bytes(data.get(f"BODY[{section}]<{offset}>".upper().encode()) or b"")

    def _fetch_one(self, uid: int, items: Sequence[str]) -> dict[bytes, Any]:
        """FETCH ``items`` of one message; the answer's keys upper-cased. ServerError when the
        message is gone, so a part is never mistaken for having ended."""
        response = self.client.fetch([uid], list(items))
        if uid not in response:
            raise ServerError(f"Message uid={uid} is no longer in the selected folder.")
        return {key.upper(): value for key, value in response[uid].items() if isinstance(key, bytes)}


def _uid_set(uids: Iterable[int]) -> str:
    """An IMAP sequence set of ``uids``, runs written as ranges ("1:500,502"): a backlog's UIDs
    are mostly consecutive, and a command line must stay short (Dovecot allows 64 KB)."""
    parts: list[str] = []
    run: list[int] = []
    for uid in sorted(set(uids)):
        if run and uid == run[-1] + 1:
            run.append(uid)
            continue
        if run:
            parts.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [uid]
    if run:
        parts.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(parts)


def _any_header(name: str, values: Sequence[str]) -> list[Any]:
    """SEARCH keys for a message whose header ``name`` holds any of ``values``: the ORs nested as a
    balanced tree, so that a long list stays shallow for the server's parser."""
    if len(values) == 1:
        return ["HEADER", name, values[0]]
    middle = len(values) // 2
    return ["OR", _any_header(name, values[:middle]), _any_header(name, values[middle:])]
