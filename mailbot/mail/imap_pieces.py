"""Reading one large message in pieces (mailbot.mail.large): its structure, whole sections,
and slices of a section, each a FETCH of its own, never setting \\Seen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from imapclient import IMAPClient

from mailbot.errors import ServerError


class PieceReading:
    """The Mailbox's FETCHes of parts of one message (it provides ``client``)."""

    client: IMAPClient

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
