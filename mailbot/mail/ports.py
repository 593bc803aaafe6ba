"""What the passes need of the two mail edges, as Protocols: ``Mailbox`` (mail/imap.py) and
``Outbox`` (mail/smtp.py) implement them over real servers, and the tests' FakeMailbox and
FakeOutbox (tests/support/fakes.py) in memory. tests/integration/test_edge_contracts.py runs the
same cases against both, so that a fake cannot drift from what Dovecot and aiosmtpd do."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from email.message import EmailMessage
from typing import Protocol, Self

from mailbot.mail.imap import Fetched, FolderStatus, HeaderFields


class SendsMail(Protocol):
    """A logged-in SMTP connection (a context manager that closes it)."""

    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` to the server; smtplib's errors say it refused or the line broke."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


class HoldsMail(Protocol):
    """A logged-in IMAP mailbox (a context manager that logs out): folders of messages by UID."""

    def has(self, capability: str) -> bool: ...

    def files_sent_mail(self) -> str | None:
        """The provider that files sent mail into Sent by itself (a copy would be a second one)."""

    def special_folder(self, flag: bytes, configured: str | None) -> str | None:
        """The folder for a role (SENT, DRAFTS): the configured one, else the server's."""

    def ensure_folder(self, folder: str) -> str:
        """Create ``folder`` unless it exists; its name on the server."""

    def select(self, folder: str) -> FolderStatus: ...

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs of the selected folder above ``last_uid``, ascending."""

    def present(self, uids: Iterable[int]) -> set[int]: ...

    def movable(self, uids: Iterable[int]) -> set[int]:
        """Those of ``uids`` in the selected folder and not flagged \\Deleted."""

    def fetch_headers(self, uids: Sequence[int]) -> list[Fetched]:
        """The headers of ``uids`` in the selected folder, without setting \\Seen."""

    def fetch_header_fields(self, uids: Sequence[int], fields: Sequence[str]) -> list[HeaderFields]:
        """Only the named header fields of ``uids`` (the intake pass's first look), unread."""

    def fetch_messages(self, uids: Sequence[int]) -> list[Fetched]:
        """Whole messages of ``uids`` in the selected folder, without setting \\Seen."""

    def move(self, uids: Sequence[int], folder: str) -> list[int]:
        """Move ``uids`` from the selected folder to ``folder``; the UIDs moved."""

    def find_by_message_id(self, folder: str, message_id: str) -> list[int]: ...

    def message_ids_in(self, folder: str, message_ids: Sequence[str]) -> set[str]: ...

    def delete(self, folder: str, uids: Sequence[int]) -> None: ...

    def fetch_versions(self, uids: Sequence[int]) -> dict[int, tuple[bytes, int | None]]:
        """Whole messages of ``uids`` with their modification sequence (None without CONDSTORE)."""

    def delete_unchanged(self, folder: str, versions: dict[int, int | None]) -> list[int]:
        """Remove each message only if unchanged since its modification sequence; the UIDs removed."""

    def append(
        self, folder: str, message: bytes, flags: Sequence[bytes] = (), when: datetime | None = None
    ) -> int | None:
        """Append ``message`` to ``folder``; its UID when the server says."""

    def append_all(
        self,
        folder: str,
        messages: Sequence[bytes],
        flags: Sequence[bytes] = (),
        when: datetime | None = None,
    ) -> None:
        """Append ``messages`` to ``folder`` in their order: with MULTIAPPEND in one command,
        which appends all or none, else one at a time."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def _implemented() -> tuple[type[SendsMail], type[HoldsMail]]:
    """mypy's proof that the real adapters implement the Protocols (never called)."""
    from mailbot.mail.imap import Mailbox
    from mailbot.mail.smtp import Outbox

    return Outbox, Mailbox
