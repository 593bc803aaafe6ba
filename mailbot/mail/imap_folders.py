"""The folders of one IMAP connection: the personal namespace, the folder list and the
special-use folders, each asked of the server once; and creating the folders mailbot files into."""

from __future__ import annotations

import contextlib
import imaplib

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from mailbot.mail.connect import server_words
from mailbot.mail.folders import Namespace, find_usual, server_name
from mailbot.mail.imap_answers import FolderRefused
from mailbot.mail.imap_commands import text


class Folders:
    """One connection's folders, read lazily and kept for the connection."""

    def __init__(self, client: IMAPClient):
        self.client = client
        self._namespace: Namespace | None = None
        self._listing: list[tuple[tuple[bytes, ...], str]] | None = None
        self._known: set[str] | None = None
        self._special: dict[bytes, str] = {}

    @property
    def namespace(self) -> Namespace:
        """The personal namespace: NAMESPACE where offered, else no prefix and LIST's separator."""
        if self._namespace is None:
            personal = self.client.namespace().personal if self.client.has_capability("NAMESPACE") else None
            if personal:
                prefix, separator = (text(part) for part in personal[0])
                self._namespace = Namespace(prefix, separator or self._list_separator())
            else:
                self._namespace = Namespace("", self._list_separator())
        return self._namespace

    def _list_separator(self) -> str:
        listed = self.client.list_folders("", "INBOX")
        return (text(listed[0][1]) if listed else "") or "/"

    @property
    def delimiter(self) -> str:
        return self.namespace.separator

    def server_name(self, folder: str) -> str:
        """``folder`` ("Homework/Ada") under the personal namespace, with the server's separator."""
        return server_name(folder, self.namespace)

    def _list(self) -> list[tuple[tuple[bytes, ...], str]]:
        if self._listing is None:
            self._listing = [(tuple(flags), str(name)) for flags, _delim, name in self.client.list_folders()]
        return self._listing

    def names(self) -> set[str]:
        if self._known is None:
            self._known = {name for _flags, name in self._list()}
        return self._known

    def ensure(self, folder: str) -> str:
        """Create ``folder`` (and its parents) unless it exists; return its server name."""
        name = self.server_name(folder)
        known = self.names()
        parts = name.split(self.delimiter)
        for depth in range(1, len(parts) + 1):
            path = self.delimiter.join(parts[:depth])
            if path in known or path.upper() == "INBOX":
                continue
            try:
                self.client.create_folder(path)
            except imaplib.IMAP4.abort:
                raise
            except IMAPClientError as exc:
                if not self.client.folder_exists(path):
                    raise FolderRefused(path, server_words(exc)) from None
            with contextlib.suppress(IMAPClientError):
                self.client.subscribe_folder(path)
            known.add(path)
        return name

    def special(self, flag: bytes, configured: str | None) -> str | None:
        """The folder for a role (DRAFTS, SENT): config, then SPECIAL-USE, then usual names.

        A folder found is kept for this connection: finding it lists every folder, and a pass
        that copies each email it sends to Sent would otherwise list them once per email."""
        if configured:
            return self.server_name(configured)
        if flag not in self._special:
            found = self._find_special_folder(flag)
            if found is None:
                return None
            self._special[flag] = found
        return self._special[flag]

    def _find_special_folder(self, flag: bytes) -> str | None:
        """SPECIAL-USE flags where the server sets them, else the usual names (mailbot.mail.folders)."""
        for flags, name in self._list():
            if flag in flags or flag.lower() in (f.lower() for f in flags):
                return name
        return find_usual(flag, (name for _flags, name in self._list()), self.namespace)
