"""Putting messages into a folder: APPEND, one message per command, or many in one command where
the server offers MULTIAPPEND (RFC 3502) and LITERAL+ (RFC 7888), each message then sent without
waiting for the server's go-ahead: the whole batch in one round trip."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import TYPE_CHECKING, Any

from imapclient import IMAPClient

MAX_APPEND_BYTES = 8 * 2**20  # per MULTIAPPEND command: a server may cap what one command sends
MAX_APPEND_MESSAGES = 200
_APPENDUID = re.compile(rb"APPENDUID \d+ (\d+)")


class Appending:
    """The Mailbox's APPENDs (it provides ``client``, ``server_name`` and ``_select``)."""

    client: IMAPClient

    if TYPE_CHECKING:

        def server_name(self, folder: str) -> str: ...

        def _select(self, folder: str, readonly: bool = False) -> dict[bytes, Any]: ...

    def append(
        self, folder: str, message: bytes, flags: Sequence[bytes] = (), when: datetime | None = None
    ) -> int | None:
        """Append ``message`` to ``folder``; the new UID when the server says (UIDPLUS).

        A server that names no UID may also have dropped the flags (GNU imap4d does): then they
        are set again on the message found by its Message-ID, which leaves ``folder`` selected."""
        response = self.client.append(self.server_name(folder), message, flags=flags, msg_time=when)
        match = _APPENDUID.search(response or b"")
        if match:
            return int(match.group(1))
        self._flag_again(folder, [message], flags)
        return None

    def append_all(
        self,
        folder: str,
        messages: Sequence[bytes],
        flags: Sequence[bytes] = (),
        when: datetime | None = None,
    ) -> None:
        """Append ``messages`` to ``folder``, each with ``flags`` and arrival time ``when``.

        With MULTIAPPEND and LITERAL+, in as few APPEND commands as fit MAX_APPEND_BYTES: the
        server appends all of a command's messages or none. A command the server refuses is
        tried again one message at a time, as without them, so that the messages before one it
        will not take are appended and the error names that one. (Without LITERAL+ a server
        refuses in place of its go-ahead, which imapclient takes for a broken connection.)"""
        if not (self.client.has_capability("MULTIAPPEND") and self.client.has_capability("LITERAL+")):
            for message in messages:
                self.append(folder, message, flags, when)
            return
        for batch in _batches(messages):
            if len(batch) == 1 or not self._multiappend(folder, batch, flags, when):
                for message in batch:
                    self.append(folder, message, flags, when)

    def _multiappend(
        self, folder: str, messages: Sequence[bytes], flags: Sequence[bytes], when: datetime | None
    ) -> bool:
        """One APPEND of all ``messages``; whether the server took them (NO: it took none)."""
        dated: dict[str, Any] = {"flags": flags, "date": when} if when is not None else {"flags": flags}
        typ, data = self.client.multiappend(self.server_name(folder), [{"msg": m, **dated} for m in messages])
        if typ != "OK":  # imapclient hands a NO back; a BAD or a broken line raises
            return False
        if not _APPENDUID.search(b" ".join(d for d in data if isinstance(d, bytes))):
            self._flag_again(folder, messages, flags)
        return True

    def _flag_again(self, folder: str, messages: Sequence[bytes], flags: Sequence[bytes]) -> None:
        """Set ``flags`` again on each message, found in ``folder`` by its Message-ID: for a server
        that named no UID of what it appended, which may have dropped the flags too."""
        if not flags:
            return
        selected = False
        for message in messages:
            message_id = BytesHeaderParser(policy=compat32).parsebytes(message).get("Message-ID")
            if not message_id:
                continue
            if not selected:
                self._select(folder)
                selected = True
            uids = self.client.search(["NOT", "DELETED", "HEADER", "Message-ID", str(message_id).strip()])
            if uids:
                self.client.add_flags(uids, list(flags), silent=True)


def _batches(
    messages: Sequence[bytes], most: int = MAX_APPEND_MESSAGES, budget: int = MAX_APPEND_BYTES
) -> list[Sequence[bytes]]:
    """``messages`` in runs of at most ``most`` messages and ``budget`` bytes (a larger message
    alone), in their order."""
    batches: list[Sequence[bytes]] = []
    start, size = 0, 0
    for index, message in enumerate(messages):
        if index > start and (index - start >= most or size + len(message) > budget):
            batches.append(messages[start:index])
            start, size = index, 0
        size += len(message)
    if start < len(messages):
        batches.append(messages[start:])
    return batches
