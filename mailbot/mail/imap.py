"""A Mailbox: a thin, honest wrapper over imapclient for what mailbot asks of an IMAP server.

Messages are always read with BODY.PEEK, so the bot never marks a client's mail as read.
Folder names are given with "/" between levels, and put under the server's personal namespace
with its separator (mailbot.mail.folders). Extensions are used as the server offers them: MOVE,
else COPY and UID EXPUNGE (UIDPLUS), else COPY and only a \\Deleted flag, never a plain EXPUNGE,
which would also remove every message the therapist flagged \\Deleted and kept.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError
from imapclient.response_parser import parse_fetch_response

from mailbot.config import ServerConfig
from mailbot.errors import ServerError
from mailbot.mail.connect import describe_failure, tls_context
from mailbot.mail.folders import DRAFTS, SENT, Namespace
from mailbot.mail.imap_answers import (
    NETWORK_ERRORS,
    Fetched,
    FolderRefused,
    FolderStatus,
    HeaderFields,
    header_fields,
)
from mailbot.mail.imap_append import Appending
from mailbot.mail.imap_commands import body_section, login, login_refused, text, uid_set
from mailbot.mail.imap_folders import Folders
from mailbot.mail.imap_moves import DELETED, MAX_UIDS_PER_COMMAND, Moving
from mailbot.mail.imap_pieces import PieceReading

__all__ = [
    "DRAFTS",
    "NETWORK_ERRORS",
    "SENT",
    "Fetched",
    "FolderRefused",
    "FolderStatus",
    "HeaderFields",
    "Mailbox",
]

REPORTED_EXTENSIONS = ("MOVE", "UIDPLUS", "IDLE", "SPECIAL-USE", "NAMESPACE", "CONDSTORE")


def quiet_wire(client: IMAPClient) -> None:
    """Keep imaplib from writing out the IMAP conversation unless it is logged (--log-level
    trace). imapclient sets imaplib's debug level to 5 and sends its output to the logger
    "imapclient.imaplib", so imaplib formats every response, each message's bytes included, as
    a repr that the logger then drops: a third of the intake process's time fetching mail."""
    if not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        client._imap.debug = 0


class Mailbox(PieceReading, Appending, Moving):
    """One logged-in IMAP connection."""

    def __init__(self, client: IMAPClient, server: ServerConfig):
        self.client = client
        self.server = server
        self.client.normalise_times = False
        quiet_wire(client)
        self.folders = Folders(client)
        self._exists = 0

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
            login(client, server, password)
            mailbox = cls(client, server)
            mailbox.namespace  # noqa: B018 - asked once at login: every folder name depends on it
        except LoginError as exc:
            raise ServerError(login_refused(server, exc)) from None
        except NETWORK_ERRORS as exc:
            raise ServerError(describe_failure(server, exc)) from None
        return mailbox

    def close(self) -> None:
        with contextlib.suppress(*NETWORK_ERRORS):
            self.client.logout()

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, capability: str) -> bool:
        """Whether the server offers ``capability`` (after login)."""
        return bool(self.client.has_capability(capability))

    def extensions(self) -> dict[str, bool]:
        """The extensions mailbot adapts to, and whether this server offers each."""
        return {name: self.has(name) for name in REPORTED_EXTENSIONS}

    def files_sent_mail(self) -> str | None:
        """Which provider files mail sent over its SMTP into Sent by itself, so that a copy
        mailbot appended would be a second one: Gmail (X-GM-EXT-1) or Microsoft 365/Exchange
        (its greeting); None for every other server."""
        if self.has("X-GM-EXT-1"):
            return "Gmail"
        welcome = bytes(self.client.welcome or b"")
        if b"Microsoft Exchange" in welcome or b"Office365" in welcome or b"Outlook" in welcome:
            return "Microsoft 365"
        return None

    # Folders (mailbot.mail.imap_folders) ---------------------------------------------------

    @property
    def namespace(self) -> Namespace:
        return self.folders.namespace

    @property
    def delimiter(self) -> str:
        return self.folders.namespace.separator

    def server_name(self, folder: str) -> str:
        """``folder`` ("Homework/Ada") under the personal namespace, with the server's separator."""
        return self.folders.server_name(folder)

    def folder_names(self) -> set[str]:
        return self.folders.names()

    def ensure_folder(self, folder: str) -> str:
        """Create ``folder`` (and its parents) unless it exists; return its server name."""
        return self.folders.ensure(folder)

    def special_folder(self, flag: bytes, configured: str | None) -> str | None:
        """The folder for a role (DRAFTS, SENT): config, then SPECIAL-USE, then usual names."""
        return self.folders.special(flag, configured)

    # Messages ------------------------------------------------------------------------------

    def select(self, folder: str) -> FolderStatus:
        info = self._select(folder)
        return FolderStatus(
            uidvalidity=int(info[b"UIDVALIDITY"]),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            exists=int(info.get(b"EXISTS", 0)),
        )

    def _select(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        info = self.client.select_folder(self.server_name(folder), readonly=readonly)
        self._exists = int(info.get(b"EXISTS", 0))  # 0: no FETCH of "n:*", which some servers refuse
        return dict(info)

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs in the selected folder greater than ``last_uid``, ascending.

        UID SEARCH UID n:*: one line of numbers, where a FETCH answers with a line per message
        (a tenth of an inbox's header pass went to reading those). "n:*" always names the
        newest message, even one below n: hence the filter, and hence an empty answer from a
        folder with messages in it comes from a server that does not search by UID (GNU imap4d
        answers so): then UID FETCH n:* (UID), which every server answers."""
        if not self._exists:
            return []
        try:
            found: Iterable[int] = self.client.search(["UID", f"{last_uid + 1}:*"])
        except IMAPClientAbortError:
            raise
        except IMAPClientError:  # a NO or BAD answer: as if empty
            found = []
        if not found:
            found = self._fetch_set(f"{last_uid + 1}:*", "(UID)")
        return sorted(uid for uid in found if uid > last_uid)

    def present(self, uids: Iterable[int]) -> set[int]:
        """Which of ``uids`` still exist in the selected folder."""
        return set(self._flags(uids))

    def movable(self, uids: Iterable[int]) -> set[int]:
        """Which of ``uids`` are in the selected folder and not flagged \\Deleted: one flagged
        is deleted by the therapist, or already copied by a move that could not expunge it."""
        return {uid for uid, flags in self._flags(uids).items() if DELETED not in flags}

    def _flags(self, uids: Iterable[int]) -> dict[int, tuple[bytes, ...]]:
        return {
            uid: tuple(data.get(b"FLAGS", ())) for uid, data in self._fetch_each(uids, "(UID FLAGS)").items()
        }

    def _fetch_each(self, uids: Iterable[int], items: str) -> dict[int, dict[bytes, Any]]:
        """UID FETCH ``items`` of each of ``uids`` still in the selected folder, by UID, in
        commands of MAX_UIDS_PER_COMMAND (none at all in an empty folder)."""
        wanted = sorted(set(uids))
        found: dict[int, dict[bytes, Any]] = {}
        if not wanted or not self._exists:
            return found
        for start in range(0, len(wanted), MAX_UIDS_PER_COMMAND):
            found.update(self._fetch_set(uid_set(wanted[start : start + MAX_UIDS_PER_COMMAND]), items))
        asked = set(wanted)  # an unsolicited FETCH may tell of other messages
        return {uid: data for uid, data in found.items() if uid in asked}

    def _fetch_set(self, uid_set: str, items: str) -> dict[int, dict[bytes, Any]]:
        """UID FETCH of a UID set with ranges ("5:*", "1:500,502"), by UID: imapclient's fetch()
        takes single UIDs only when it filters its answer."""
        return dict(parse_fetch_response(self._fetch_answer(uid_set, items), False, True))

    def _fetch_answer(self, uid_set: str, items: str) -> list[Any]:
        """The untagged answer of a UID FETCH, as imaplib returns it (unparsed)."""
        answer: list[Any] = self.client._command_and_check("fetch", uid_set, items, uid=True)
        return answer

    def fetch_headers(self, uids: Sequence[int]) -> list[Fetched]:
        return self._fetch(uids, "BODY.PEEK[HEADER]")

    def fetch_header_fields(self, uids: Sequence[int], fields: Sequence[str]) -> list[HeaderFields]:
        """The named header fields of each message (BODY.PEEK[HEADER.FIELDS (...)]): a few
        hundred bytes where the whole header, with its Received and DKIM lines, is kilobytes.

        With each message's size, not its arrival time: imapclient turns every INTERNALDATE
        into a datetime, which cost more than reading the fields; the messages read whole have
        theirs fetched with them."""
        if not uids:
            return []
        item = f"BODY.PEEK[HEADER.FIELDS ({' '.join(f.upper() for f in fields)})]"
        return header_fields(self._fetch_answer(uid_set(uids), f"({item} RFC822.SIZE)"))

    def fetch_messages(self, uids: Sequence[int]) -> list[Fetched]:
        return self._fetch(uids, "BODY.PEEK[]")

    def _fetch(self, uids: Sequence[int], item: str) -> list[Fetched]:
        """``item`` (one BODY.PEEK[...]) with each message's size and arrival time."""
        if not uids:
            return []
        response = self.client.fetch(list(uids), [item, "RFC822.SIZE", "INTERNALDATE"])
        out = []
        for uid in sorted(response):
            data = response[uid]
            key = body_section(data)
            if key is None:
                continue
            when = data.get(b"INTERNALDATE")
            if not isinstance(when, datetime):
                when = datetime.now(UTC)
            elif when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            out.append(Fetched(uid, int(data.get(b"RFC822.SIZE", 0)), when, bytes(data[key] or b"")))
        return out

    def find_by_message_id(self, folder: str, message_id: str) -> list[int]:
        self._select(folder, readonly=True)
        return list(self.client.search(["NOT", "DELETED", "HEADER", "Message-ID", message_id]))

    def delete(self, folder: str, uids: Sequence[int]) -> None:
        """Remove ``uids`` from ``folder``: flag \\Deleted, then expunge just those where the
        server offers UIDPLUS; else leave them flagged (see remove)."""
        self._select(folder)
        self.remove(list(uids))

    def fetch_versions(self, uids: Sequence[int]) -> dict[int, tuple[bytes, int | None]]:
        """Each message's bytes and, where the server offers CONDSTORE, its modification
        sequence: the version ``delete_unchanged`` removes and no later one."""
        if not uids:
            return {}
        items = ["BODY.PEEK[]", "MODSEQ"] if self.has("CONDSTORE") else ["BODY.PEEK[]"]
        versions: dict[int, tuple[bytes, int | None]] = {}
        for uid, data in self.client.fetch(list(uids), items).items():
            if uid in uids and b"BODY[]" in data:
                modseq = data.get(b"MODSEQ")
                versions[uid] = (bytes(data[b"BODY[]"]), int(modseq[0]) if modseq else None)
        return versions

    def delete_unchanged(self, folder: str, versions: dict[int, int | None]) -> list[int]:
        """Remove each message only as it was when fetched: with CONDSTORE, a
        ``UID STORE (UNCHANGEDSINCE modseq)`` per message, which the server refuses for one the
        therapist flagged, moved or changed in the meantime, and only what was flagged by mailbot
        is expunged. Without CONDSTORE (modseq None) it is ``delete``. Returns the UIDs removed."""
        self._select(folder)
        plain = [uid for uid, modseq in versions.items() if modseq is None]
        if plain:
            self.remove(plain)
        flagged = [
            uid
            for uid, modseq in versions.items()
            if modseq is not None and self._store_deleted_unchanged_since(uid, modseq)
        ]
        if flagged and self.has("UIDPLUS"):
            self.client.uid_expunge(uid_set(flagged))
        return sorted(plain + flagged)

    def _store_deleted_unchanged_since(self, uid: int, modseq: int) -> bool:
        """Flag one message \\Deleted unless it changed after ``modseq`` (RFC 7162 3.1.3): the
        server says MODIFIED in its tagged answer when it refused. imapclient has no
        UNCHANGEDSINCE, so the command goes through its imaplib connection."""
        imap = self.client._imap
        tag = imap._command(
            "UID", "STORE", str(uid), f"(UNCHANGEDSINCE {modseq})", "+FLAGS.SILENT", "(\\Deleted)"
        )
        typ, data = imap._command_complete("UID", tag)
        if typ != "OK":
            raise IMAPClientError(f"UID STORE failed: {text(data[0] if data else b'')}")
        return b"MODIFIED" not in bytes(data[0] or b"").upper()

    # Waiting for new mail (IDLE, RFC 2177) ---------------------------------------------------

    def wait_for_new_mail(self, seconds: float, stopping: Callable[[], bool]) -> bool:
        """IDLE on the selected folder for at most ``seconds`` (or until ``stopping()``), then
        leave IDLE and send a NOOP; whether the server told of new mail (EXISTS or RECENT).

        Callers come back within half a minute: servers drop an IDLE after 29 minutes, and
        imapclient's idle_check reports a connection the server closed as mere silence, so the
        NOOP after each wait is what notices an outage (it raises)."""
        self.client.idle()
        until = time.monotonic() + seconds
        arrived = False
        while not stopping() and time.monotonic() < until:
            responses = self.client.idle_check(timeout=min(5.0, max(0.0, until - time.monotonic())))
            if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                arrived = True
                break
        self.client.idle_done()
        self.client.noop()
        return arrived
