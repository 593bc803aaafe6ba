"""Moving messages out of the selected folder, two ways.

- ``move``: MOVE (RFC 6851), else COPY and expunge; each command whole, so a crash leaves a
  message either here or there.
- ``copy_to`` each folder, then ``remove`` them all here: flagged \\Deleted and expunged in one
  UID EXPUNGE (UIDPLUS). A server may rewrite the folder's index for every expunge: Dovecot's
  Maildir does, so moving a pass's mail to 200 client folders by MOVE cost 200 rewrites of a
  10,000-message inbox, more than everything else the server did in that pass. A crash before
  the removal leaves a copy there and the message here: the caller must then look for the copy
  before copying again (``copies_in``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import TYPE_CHECKING, Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from mailbot.mail.imap_commands import any_header, uid_set

MAX_UIDS_PER_COMMAND = 2000  # even unranged, a command line stays well under 64 KB
MESSAGE_IDS_PER_SEARCH = 50  # a few KB of command line, and ORs nested six deep
DELETED = b"\\Deleted"
_Way = Callable[[list[int], str, list[int]], None]  # does its thing to UIDs, adding each one done


class Moving:
    """The Mailbox's moves (it provides ``client``, ``has``, ``server_name``, ``movable``, ``_select``
    and ``_fetch_each``)."""

    client: IMAPClient

    if TYPE_CHECKING:

        def has(self, capability: str) -> bool: ...

        def server_name(self, folder: str) -> str: ...

        def movable(self, uids: Iterable[int]) -> set[int]: ...

        def _select(self, folder: str, readonly: bool = False) -> dict[bytes, Any]: ...

        def _fetch_each(self, uids: Iterable[int], items: str) -> dict[int, dict[bytes, Any]]: ...

    def move(self, uids: Sequence[int], folder: str) -> list[int]:
        """Move ``uids`` from the selected folder to ``folder``: MOVE, else COPY + expunge.

        Returns the UIDs moved. A message another client expunged meanwhile (the server says
        EXPUNGEISSUED) is left out and the rest are moved.
        """
        return self._each_present(uids, folder, self._move)

    def copy_to(self, uids: Sequence[int], folder: str) -> list[int]:
        """Copy ``uids`` to ``folder``, to be removed from the selected folder later (``remove``,
        all at once); the UIDs copied, as ``move`` says."""
        return self._each_present(uids, folder, self._copy)

    def expunges_exactly(self) -> bool:
        """Whether ``remove`` expunges (UIDPLUS), rather than leaving the messages flagged."""
        return self.has("UIDPLUS")

    def remove(self, uids: Sequence[int]) -> None:
        """Flag ``uids`` \\Deleted and, with UIDPLUS, expunge exactly those. Without UIDPLUS they
        stay flagged for the therapist's mail program to expunge: a plain EXPUNGE would also
        remove her own \\Deleted messages, which are not mailbot's to remove."""
        for chunk in _chunks(list(uids)):
            self.client.add_flags(uid_set(chunk), [DELETED], silent=True)
            if self.has("UIDPLUS"):
                self.client.uid_expunge(uid_set(chunk))

    def sizes(self, uids: Iterable[int]) -> dict[int, tuple[int, bool]]:
        """(RFC822.SIZE, flagged \\Deleted) of each of ``uids`` still in the selected folder."""
        found = self._fetch_each(uids, "(UID FLAGS RFC822.SIZE)")
        return {
            uid: (int(d.get(b"RFC822.SIZE", -1)), DELETED in d.get(b"FLAGS", ())) for uid, d in found.items()
        }

    def message_ids_in(self, folder: str, message_ids: Sequence[str]) -> set[str]:
        """Which of ``message_ids`` are in ``folder``: one SEARCH per batch of them (their HEADER
        keys OR'ed), then, only when a batch found something, a FETCH of the Message-ID of what
        it found (SEARCH HEADER matches substrings; the answer is exact)."""
        return {message_id for message_id, _size in self._found(folder, [], message_ids)} & set(message_ids)

    def copies_in(self, folder: str, sizes: Mapping[str, int]) -> set[str]:
        """Which of the messages ``sizes`` names (normalized Message-ID: RFC822.SIZE) ``folder``
        holds a copy of: the same Message-ID and the same size, not flagged \\Deleted."""
        found = self._found(folder, ["NOT", "DELETED"], sorted(sizes))
        return {message_id for message_id, size in found if sizes.get(message_id) == size}

    def _found(self, folder: str, keys: list[Any], message_ids: Sequence[str]) -> list[tuple[str, int]]:
        """(Message-ID, RFC822.SIZE) of each message in ``folder`` matching ``keys`` whose header
        holds one of ``message_ids``. Leaves ``folder`` selected (read-only)."""
        if not message_ids:
            return []
        self._select(folder, readonly=True)
        found = []
        for start in range(0, len(message_ids), MESSAGE_IDS_PER_SEARCH):
            batch = message_ids[start : start + MESSAGE_IDS_PER_SEARCH]
            uids = self.client.search([*keys, any_header("Message-ID", batch)])
            items = ["RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]
            for data in (self.client.fetch(uids, items) if uids else {}).values():
                header = next((v for k, v in data.items() if k.upper().startswith(b"BODY[")), b"")
                value = BytesHeaderParser(policy=compat32).parsebytes(bytes(header)).get("Message-ID", "")
                found.append(("".join(str(value).split()), int(data.get(b"RFC822.SIZE", -1))))
        return found

    def _each_present(self, uids: Sequence[int], folder: str, way: _Way) -> list[int]:
        """``way(uids, target)``; where the server says some were expunged meanwhile, once more
        with those still there. The UIDs it was done to."""
        if not uids:
            return []
        target = self.server_name(folder)
        done: list[int] = []
        try:
            way(list(uids), target, done)
            return done
        except IMAPClientError as exc:
            if "EXPUNGEISSUED" not in str(exc) and "no longer exist" not in str(exc):
                raise
        self.client.noop()  # take in the expunges, then do the rest that is still there
        remaining = sorted(self.movable(set(uids) - set(done)))
        if remaining:
            way(remaining, target, done)
        return done

    def _move(self, uids: list[int], target: str, done: list[int]) -> None:
        for chunk in _chunks(uids):
            if self.has("MOVE"):
                self.client.move(uid_set(chunk), target)
            else:
                self.client.copy(uid_set(chunk), target)
                self.remove(chunk)
            done.extend(chunk)

    def _copy(self, uids: list[int], target: str, done: list[int]) -> None:
        for chunk in _chunks(uids):
            self.client.copy(uid_set(chunk), target)
            done.extend(chunk)


def _chunks(uids: list[int]) -> Iterable[list[int]]:
    return (uids[start : start + MAX_UIDS_PER_COMMAND] for start in range(0, len(uids), MAX_UIDS_PER_COMMAND))
