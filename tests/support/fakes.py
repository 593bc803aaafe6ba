"""In-memory stand-ins for the mail edges, for unit tests of the passes in milliseconds.

``FakeOutbox`` and ``FakeMailbox`` implement mailbot.mail.ports' ``SendsMail`` and ``HoldsMail``,
as the real Outbox and Mailbox do; tests/integration/test_edge_contracts.py runs the same
cases against them and against the real adapters on Dovecot and aiosmtpd, so that a fake that
drifts from the server's behaviour fails there first.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import compat32

from mailbot.mail.imap import DELETED, Fetched, FolderRefused, FolderStatus, HeaderFields


class FakeOutbox:
    """An SMTP connection that keeps what it was given; ``refuse`` and ``break_after_data`` make
    the next sends fail the two ways a server can: saying no, or leaving the outcome unknown."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self._refusals: list[int] = []
        self._breaks = 0
        self.closed = False

    def refuse(self, times: int = 1, code: int = 550) -> None:
        self._refusals += [code] * times

    def break_connection(self, times: int = 1) -> None:
        """The connection drops after the message was handed over: it may have been taken."""
        self._breaks += times

    def send(self, message: EmailMessage) -> None:
        if self.closed:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        if self._refusals:
            code = self._refusals.pop(0)
            raise smtplib.SMTPDataError(code, b"Refused by the fake")
        if self._breaks:
            self._breaks -= 1
            self.sent.append(message)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        self.sent.append(message)

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> FakeOutbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class _Stored:
    uid: int
    raw: bytes
    flags: set[bytes]
    internal_date: datetime


@dataclass
class _Folder:
    uidvalidity: int
    uidnext: int = 1
    messages: dict[int, _Stored] = field(default_factory=dict)


class FakeMailbox:
    """A logged-in IMAP mailbox in memory: folders of messages by UID, flags, one selected folder.

    Like Dovecot with MOVE, UIDPLUS and SPECIAL-USE (MULTIAPPEND and LITERAL+ when a test adds them): Sent,
    Drafts, Trash and Junk exist and carry their special-use flags; fetching never sets \\Seen
    (mailbot fetches with BODY.PEEK)."""

    SPECIAL = {b"\\Sent": "Sent", b"\\Drafts": "Drafts", b"\\Trash": "Trash", b"\\Junk": "Junk"}

    def __init__(self, capabilities: tuple[str, ...] = ("IDLE", "MOVE", "UIDPLUS", "SPECIAL-USE")) -> None:
        self.capabilities = set(capabilities)
        self.folders: dict[str, _Folder] = {}
        self._next_validity = 1000
        for name in ("INBOX", *self.SPECIAL.values()):
            self.ensure_folder(name)
        self.selected: str | None = None
        self.closed = False

    # What a test sets up and looks at -----------------------------------------------------

    def deliver(self, raw: bytes, folder: str = "INBOX", when: datetime | None = None) -> int:
        """Put a message into ``folder`` as a mail server would: unread; its UID."""
        return self._add(folder, raw, set(), when)

    def reset_uidvalidity(self, folder: str) -> int:
        """Give ``folder`` a new UIDVALIDITY, keeping its messages and UIDs (as ``doveadm mailbox
        update --uid-validity`` does); the new value."""
        self._next_validity += 1
        self.folders[folder].uidvalidity = self._next_validity
        return self._next_validity

    def raw(self, folder: str) -> list[bytes]:
        return [m.raw for m in self.folders[folder].messages.values()]

    def flags(self, folder: str) -> dict[int, set[bytes]]:
        return {uid: set(m.flags) for uid, m in self.folders[folder].messages.items()}

    # The Mailbox surface -------------------------------------------------------------------

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    def files_sent_mail(self) -> str | None:
        return None

    def special_folder(self, flag: bytes, configured: str | None) -> str | None:
        return configured or self.SPECIAL.get(flag)

    def ensure_folder(self, folder: str) -> str:
        if folder not in self.folders:
            self._next_validity += 1
            self.folders[folder] = _Folder(uidvalidity=self._next_validity)
        return folder

    def select(self, folder: str) -> FolderStatus:
        box = self._folder(folder)
        self.selected = folder
        return FolderStatus(box.uidvalidity, box.uidnext, len(box.messages))

    def uids_after(self, last_uid: int) -> list[int]:
        return sorted(uid for uid in self._current().messages if uid > last_uid)

    def present(self, uids: Iterable[int]) -> set[int]:
        return set(uids) & set(self._current().messages)

    def movable(self, uids: Iterable[int]) -> set[int]:
        box = self._current()
        return {uid for uid in self.present(uids) if DELETED not in box.messages[uid].flags}

    def fetch_headers(self, uids: Sequence[int]) -> list[Fetched]:
        return [
            replace(f, data=f.data.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n") for f in self.fetch_messages(uids)
        ]

    def fetch_header_fields(self, uids: Sequence[int], fields: Sequence[str]) -> list[HeaderFields]:
        """As BODY.PEEK[HEADER.FIELDS (...)]: the named fields' lines, folded lines whole, in the
        message's order, then the blank line; any case of a name matches. With the size, not
        the arrival time, as the real Mailbox fetches them."""
        wanted = {name.lower() for name in fields}
        return [
            HeaderFields(f.uid, f.size, _header_fields(f.data, wanted)) for f in self.fetch_messages(uids)
        ]

    def fetch_messages(self, uids: Sequence[int]) -> list[Fetched]:
        box = self._current()
        found = [box.messages[uid] for uid in sorted(set(uids)) if uid in box.messages]
        return [Fetched(m.uid, len(m.raw), m.internal_date, m.raw) for m in found]

    def move(self, uids: Sequence[int], folder: str) -> list[int]:
        box, moved = self._current(), []
        self._folder(folder)
        for uid in sorted(self.present(uids)):
            message = box.messages.pop(uid)
            self._add(folder, message.raw, message.flags, message.internal_date)
            moved.append(uid)
        return moved

    def expunges_exactly(self) -> bool:
        return self.has("UIDPLUS")

    def copy_to(self, uids: Sequence[int], folder: str) -> list[int]:
        box, copied = self._current(), sorted(self.present(uids))
        self._folder(folder)
        for uid in copied:
            message = box.messages[uid]
            self._add(folder, message.raw, message.flags, message.internal_date)
        return copied

    def remove(self, uids: Sequence[int]) -> None:
        box = self._current()
        for uid in self.present(uids):
            box.messages[uid].flags.add(DELETED)
            if self.has("UIDPLUS"):
                box.messages.pop(uid)

    def sizes(self, uids: Iterable[int]) -> dict[int, tuple[int, bool]]:
        box = self._current()
        return {
            uid: (len(box.messages[uid].raw), DELETED in box.messages[uid].flags)
            for uid in self.present(uids)
        }

    def copies_in(self, folder: str, sizes: Mapping[str, int]) -> set[str]:
        self.select(folder)
        kept = [m.raw for m in self._current().messages.values() if DELETED not in m.flags]
        return {mid for raw in kept if sizes.get(mid := _message_id(raw)) == len(raw)}

    def find_by_message_id(self, folder: str, message_id: str) -> list[int]:
        self.select(folder)
        box = self._current()
        return [
            uid
            for uid, m in box.messages.items()
            if DELETED not in m.flags and message_id in _message_id(m.raw)
        ]

    def message_ids_in(self, folder: str, message_ids: Sequence[str]) -> set[str]:
        self.select(folder)
        return {_message_id(m.raw) for m in self._current().messages.values()} & set(message_ids)

    def delete(self, folder: str, uids: Sequence[int]) -> None:
        self.select(folder)
        for uid in uids:
            self._current().messages.pop(uid, None)

    def fetch_versions(self, uids: Sequence[int]) -> dict[int, tuple[bytes, int | None]]:
        return {f.uid: (f.data, None) for f in self.fetch_messages(uids)}  # a server without CONDSTORE

    def delete_unchanged(self, folder: str, versions: dict[int, int | None]) -> list[int]:
        self.select(folder)
        removed = sorted(uid for uid in versions if uid in self._current().messages)
        self.delete(folder, removed)
        return removed

    def append(
        self, folder: str, message: bytes, flags: Sequence[bytes] = (), when: datetime | None = None
    ) -> int | None:
        return self._add(folder, message, set(flags), when)

    def append_all(
        self,
        folder: str,
        messages: Sequence[bytes],
        flags: Sequence[bytes] = (),
        when: datetime | None = None,
    ) -> None:
        """With MULTIAPPEND and LITERAL+ (a test adds them to ``capabilities``) all at once, as one
        command, else each through ``append``."""
        if not (self.has("MULTIAPPEND") and self.has("LITERAL+")):
            for message in messages:
                self.append(folder, message, flags, when)
            return
        self._folder(folder)  # a folder that does not exist refuses them all
        for message in messages:
            self._add(folder, message, set(flags), when)

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> FakeMailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Inside --------------------------------------------------------------------------------

    def _folder(self, folder: str) -> _Folder:
        if folder not in self.folders:
            raise FolderRefused(folder, "Mailbox doesn't exist")
        return self.folders[folder]

    def _current(self) -> _Folder:
        assert self.selected is not None, "no folder selected"
        return self._folder(self.selected)

    def _add(self, folder: str, raw: bytes, flags: set[bytes], when: datetime | None) -> int:
        box = self._folder(folder)
        uid, box.uidnext = box.uidnext, box.uidnext + 1
        box.messages[uid] = _Stored(uid, raw, set(flags), when or datetime.now(UTC))
        return uid


def _header_fields(raw: bytes, wanted: set[str]) -> bytes:
    kept, keep = [], False
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if not line[:1].isspace():  # a folded line belongs to the field above it
            keep = line.split(b":", 1)[0].strip().decode("ascii", "replace").lower() in wanted
        if keep:
            kept.append(line + b"\r\n")
    return b"".join(kept) + b"\r\n"


def _message_id(raw: bytes) -> str:
    value = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Message-ID", "")
    return "".join(str(value).split())
