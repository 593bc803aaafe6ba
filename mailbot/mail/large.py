"""A large message read in pieces, so that memory does not grow with its attachments.

Instead of one FETCH of the whole message: its BODYSTRUCTURE; its header, the MIME headers of
its parts and its text and small parts, whole; every other part streamed to disk in chunks
(BODY.PEEK[section]<offset.length>), its transfer encoding undone on the way; and the raw
message streamed to ``message.eml``. The text goes through ``parse_message`` as a small
stand-in message (the real header, the text and small parts, a placeholder for each streamed
part), so classification, quotes and headers are read by the same code as any other mail.

Parts too large for ``intake.max_message_mb`` stay on the server; when the whole message is
over it, ``message.eml`` keeps only the stand-in. Files are written to a staging folder and
moved into the message's folder once intake knows where that is (the folder's name comes from
the dedupe key, which needs the body's hash, which needs the body streamed first).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path
from typing import Any

from mailbot.core.filenames import safe_filename, unique_filenames
from mailbot.files import StoredFile, make_private_dir, write_private, write_private_stream
from mailbot.mail.decoders import BodyDigest, Decoder, decoder_for
from mailbot.mail.imap import Mailbox
from mailbot.mail.parse import ParsedMessage, parse_message

LARGE_MESSAGE_BYTES = 4 * 1024 * 1024  # a message above this (RFC822.SIZE) is read in pieces
CHUNK_BYTES = 1024 * 1024  # one partial FETCH
WHOLE_PART_BYTES = 256 * 1024  # a non-text part up to this is read whole, like the text
WHOLE_BUDGET_BYTES = 4 * 1024 * 1024  # all parts read whole, together, stay under this
MAX_PARTS = 500
MAX_DEPTH = 50
STALE_SECONDS = 24 * 3600  # a staging folder this old was left by a crash

_MB = 1024 * 1024
_ENCODING_FIELD = re.compile(rb"(?im)^content-transfer-encoding[ \t]*:.*(?:\r?\n[ \t].*)*\r?\n")
_DISPOSITION_TYPE = re.compile(rb"(?im)^(content-disposition[ \t]*:[ \t]*)[^;\r\n]*")
_MESSAGE_TYPE = re.compile(rb"(?im)^(content-type[ \t]*:[ \t]*)message/[^;\s]*")


# The message's structure -----------------------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    section: str  # its body: "1", "2.1"
    header: str  # the section of its headers: "HEADER" for a message of one part, else "2.1.MIME"
    content_type: str
    encoding: str
    size: int  # bytes on the server, transfer-encoded
    text: bool  # text/plain or text/html, not marked as an attachment


@dataclass(frozen=True)
class _Multipart:
    header: str
    boundary: bytes  # as the server read it
    children: tuple[_Leaf | _Multipart, ...]


def _plan(structure: tuple[Any, ...], defects: list[str]) -> tuple[_Leaf | _Multipart | None, list[_Leaf]]:
    """The parts worth reading from a BODYSTRUCTURE, and its leaves in order."""
    leaves: list[_Leaf] = []
    root = _node(structure, "", "HEADER", 0, leaves, defects)
    return root, leaves


def _node(
    body: Any, section: str, header: str, depth: int, leaves: list[_Leaf], defects: list[str]
) -> _Leaf | _Multipart | None:
    if isinstance(body, tuple) and body and isinstance(body[0], list):  # a multipart: parts first
        boundary = _params(_at(body, 2)).get("boundary")
        if depth >= MAX_DEPTH or not boundary:
            defects.append(f"part {section or 'TEXT'}: multipart too deep or without boundary, not read")
            return None
        prefix = f"{section}." if section else ""
        children = [
            _node(child, f"{prefix}{n}", f"{prefix}{n}.MIME", depth + 1, leaves, defects)
            for n, child in enumerate(body[0], 1)
        ]
        return _Multipart(header, boundary, tuple(c for c in children if c is not None))
    if len(leaves) >= MAX_PARTS:
        defects.append(f"more than {MAX_PARTS} MIME parts; the rest stays on the mail server")
        return None
    content_type = f"{_str(_at(body, 0))}/{_str(_at(body, 1))}".lower()
    params = _params(_at(body, 2))
    disposition = _at(body, 9) if content_type.startswith("text/") else None
    marked = _str(_at(disposition, 0)).lower() == "attachment" or any(
        key.startswith(("name", "filename")) for key in [*params, *_params(_at(disposition, 1))]
    )
    size = _at(body, 6)
    leaf = _Leaf(
        section or "1",
        header,
        content_type,
        _str(_at(body, 5)).lower(),
        size if isinstance(size, int) else 0,
        content_type in ("text/plain", "text/html") and not marked,
    )
    leaves.append(leaf)
    return leaf


def _at(value: Any, index: int) -> Any:
    return value[index] if isinstance(value, tuple | list) and len(value) > index else None


def _str(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def _params(value: Any) -> dict[str, bytes]:
    """BODYSTRUCTURE parameters, (name, value, name, value...), by lower-cased name."""
    if not isinstance(value, tuple | list):
        return {}
    pairs = zip(value[::2], value[1::2], strict=False)
    return {_str(k).lower(): v for k, v in pairs if isinstance(v, bytes)}


def _read_whole(leaves: list[_Leaf], defects: list[str]) -> list[str]:
    """The sections read whole: the text and small parts, within WHOLE_BUDGET_BYTES in all."""
    whole, used = [], 0
    for leaf in leaves:
        if (leaf.text or leaf.size <= WHOLE_PART_BYTES) and used + leaf.size <= WHOLE_BUDGET_BYTES:
            whole.append(leaf.section)
            used += leaf.size
        elif leaf.text or leaf.content_type in ("message/rfc822", "message/global"):
            defects.append(f"part {leaf.section} ({_megabytes(leaf.size)}) too large to read; kept as a file")
    return whole


def _header_sections(node: _Leaf | _Multipart | None) -> list[str]:
    if isinstance(node, _Multipart):
        return [node.header, *(s for child in node.children for s in _header_sections(child))]
    return [node.header] if node is not None else []


def _entity(
    node: _Leaf | _Multipart | None,
    sections: dict[str, bytes],
    whole: list[str],
    stand_in: Callable[[_Leaf], bytes],
) -> bytes:
    """A MIME entity as parse_message reads it: real headers, and the real body of a part read
    whole, ``stand_in(part)`` for a part that is not (see _disguised)."""
    if node is None:
        return _head(sections["HEADER"])
    if isinstance(node, _Multipart):
        delimiter = b"--" + _boundary(sections[node.header], node.boundary)
        body = b"".join(
            delimiter + b"\r\n" + _entity(child, sections, whole, stand_in) + b"\r\n"
            for child in node.children
        )
        return _head(sections[node.header]) + body + delimiter + b"--\r\n"
    if node.section in whole:
        return _head(sections[node.header]) + sections[node.section]
    return _disguised(sections[node.header]) + stand_in(node)


def _disguised(header: bytes) -> bytes:
    """A streamed part's own headers, made to hold a placeholder that parse_message reads as
    an attachment of the part's name: not transfer-encoded, an attachment, and never a
    forwarded message to look into."""
    header = _MESSAGE_TYPE.sub(rb"\1application/octet-stream", _ENCODING_FIELD.sub(b"", header), count=1)
    if _DISPOSITION_TYPE.search(header):
        return _head(_DISPOSITION_TYPE.sub(rb"\1attachment", header, count=1))
    return _head(header.rstrip(b"\r\n") + b"\r\nContent-Disposition: attachment")


def _head(header: bytes) -> bytes:
    """A header block ending in its blank line, as a fetched one does unless it is empty."""
    if header.endswith((b"\r\n\r\n", b"\n\n")):
        return header
    lines = header.rstrip(b"\r\n")
    return lines + b"\r\n\r\n" if lines else b"\r\n"


def _boundary(header: bytes, fallback: bytes) -> bytes:
    """A multipart's boundary as the email package reads it from its header (parse_message
    splits on that one), else as the server read it."""
    found = BytesParser(policy=compat32).parsebytes(header, headersonly=True).get_boundary()
    return found.encode("utf-8", "surrogateescape") if found else fallback


def _decoded_size(leaf: _Leaf) -> int:
    """A streamed part's size once decoded, from its size on the server: for base64, lines of
    76 characters and CRLF, as MIME asks, and at most two "=" of padding (so never above it)."""
    if leaf.encoding != "base64":
        return leaf.size
    characters = leaf.size - 2 * -(-leaf.size // 78)
    return max(0, characters * 3 // 4 - 2)


def _megabytes(size: int) -> str:
    return f"{round(size / _MB)} MB" if size >= _MB else f"{max(1, round(size / 1024))} KB"


# Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedAttachment:
    """An attachment left on the mail server: larger than intake.max_message_mb."""

    filename: str  # the safe name it would have had
    original_name: str | None
    content_type: str
    size: int  # decoded, estimated from its size on the server


@dataclass
class LargeMessage:
    """A large message, read: what intake files, its files still in a staging folder."""

    parsed: ParsedMessage  # no attachments (they are ``files``); defects name what was left out
    body_sha256: bytes  # the body's hash, for intake's dedupe key
    readable: bytes  # the stand-in message: header, text and small parts, placeholders for the rest
    staging: Path
    files: list[StoredFile] = field(default_factory=list)
    skipped: list[SkippedAttachment] = field(default_factory=list)
    placed: Path | None = None  # the raw copy, once the files are in their folder

    def place(self, folder: Path) -> tuple[Path, list[StoredFile]]:
        """Move the staged files into ``folder`` (over those of an earlier, interrupted try);
        return the raw copy's path and the attachments as stored. Placed once: filing its
        group again (intake.py, a bad message left out) finds them where they are."""
        if self.placed is not None:
            return self.placed, self.files
        raw = make_private_dir(folder) / "message.eml"
        os.replace(self.staging / "message.eml", raw)
        placed = []
        for stored in self.files:
            path = _inside(folder / "attachments", stored.filename)
            make_private_dir(path.parent)
            os.replace(stored.path, path)
            placed.append(replace(stored, path=path))
        self.files, self.placed = placed, raw
        self.discard()
        return raw, placed

    def discard(self) -> None:
        """Remove the staging folder and whatever is still in it."""
        shutil.rmtree(self.staging, ignore_errors=True)


def read_large(mailbox: Mailbox, uid: int, size: int, data_dir: Path, limit: int) -> LargeMessage:
    """Read message ``uid`` of the selected folder (``size`` bytes) in pieces, its files into a
    staging folder under ``data_dir``. Parts over ``limit`` bytes stay on the server; so does
    the raw message when it is over, ``message.eml`` then holding the stand-in."""
    defects: list[str] = []
    structure = mailbox.bodystructure(uid)
    root, leaves = _plan(structure, defects)
    whole = _read_whole(leaves, defects)
    sections = mailbox.fetch_sections(uid, list(dict.fromkeys(["HEADER", *_header_sections(root), *whole])))
    nonce = secrets.token_hex(8)
    streamed = {_marker(nonce, leaf): leaf for leaf in leaves if leaf.section not in whole}
    readable = _entity(root, sections, whole, lambda leaf: _marker(nonce, leaf))
    parsed = parse_message(readable)
    over = size > limit
    partial = hashlib.sha256(repr(leaves).encode())  # the body's stand-in hash when over
    for section in sorted(whole):
        partial.update(sections[section])
    observe = partial.update if over else lambda _piece: None
    reading = _Reading(mailbox, uid, _staging(data_dir), limit, observe, defects)
    try:
        files, skipped, fates = reading.attachments(parsed, streamed)
        if over:
            defects.append(
                f"message is {_megabytes(size)}, over intake.max_message_mb: message.eml holds only "
                "its header and text, the whole message stays on the mail server"
            )
            copy = _entity(
                root, sections, whole, lambda leaf: fates.get(leaf, b"[mailbot: not in this copy]")
            )
            write_private(reading.staging / "message.eml", copy)
            body_sha256 = partial.digest()
        else:
            body_sha256 = reading.raw()
    except BaseException:
        shutil.rmtree(reading.staging, ignore_errors=True)
        raise
    parsed = replace(parsed, attachments=(), defects=tuple(dict.fromkeys([*parsed.defects, *defects])))
    return LargeMessage(parsed, body_sha256, readable, reading.staging, files, skipped)


def _marker(nonce: str, leaf: _Leaf) -> bytes:
    return f"mailbot-part {nonce} {leaf.section}".encode()


@dataclass
class _Reading:
    mailbox: Mailbox
    uid: int
    staging: Path
    limit: int
    observe: Callable[[bytes], object]  # sees every streamed part's bytes as fetched
    defects: list[str]

    def attachments(
        self, parsed: ParsedMessage, streamed: dict[bytes, _Leaf]
    ) -> tuple[list[StoredFile], list[SkippedAttachment], dict[_Leaf, bytes]]:
        """Store every attachment, in the message's order, named as files.py names them: the
        small ones from ``parsed``, the others streamed, or skipped when over the limit. Also
        return what became of each streamed part, for the stand-in copy."""
        found = []
        for attachment in parsed.attachments:
            leaf = streamed.get(attachment.payload.strip())
            content_type = attachment.content_type
            if leaf is not None and leaf.content_type.startswith("message/"):
                content_type = leaf.content_type  # a forwarded message, disguised: see _disguised
            found.append((attachment, leaf, content_type))
        names = unique_filenames(safe_filename(a.filename, t, i) for i, (a, _, t) in enumerate(found, 1))
        files, skipped, fates = [], [], {}
        for name, (attachment, leaf, content_type) in zip(names, found, strict=True):
            path, original = _inside(self.staging / "attachments", name), attachment.filename
            if leaf is None:
                write_private(path, attachment.payload)
                files.append(StoredFile(name, original, content_type, len(attachment.payload), path))
            elif (estimate := _decoded_size(leaf)) > self.limit:
                skipped.append(SkippedAttachment(name, original, content_type, estimate))
                fates[leaf] = f"{name}, left on the mail server ({_megabytes(estimate)})".encode()
                self.defects.append(
                    f"attachment {name} ({_megabytes(estimate)}) left on the mail server: "
                    "over intake.max_message_mb"
                )
            else:
                decoder = decoder_for(leaf.encoding)
                pieces = _decoded(self._pieces(leaf.section, self.observe), decoder)
                files.append(
                    StoredFile(name, original, content_type, write_private_stream(path, pieces), path)
                )
                fates[leaf] = f"{name}, saved as attachments/{name}".encode()
                if decoder.problem:
                    self.defects.append(f"{decoder.problem} in attachment {name}")
        return (
            files,
            skipped,
            {leaf: b"[mailbot: not in this copy: " + fate + b"]" for leaf, fate in fates.items()},
        )

    def raw(self) -> bytes:
        """Stream the raw message to message.eml; return its body's hash."""
        digest = BodyDigest()
        write_private_stream(self.staging / "message.eml", self._pieces("", digest.update))
        return digest.digest()

    def _pieces(self, section: str, observe: Callable[[bytes], object]) -> Iterator[bytes]:
        offset = 0
        while True:
            piece = self.mailbox.fetch_section(self.uid, section, offset, CHUNK_BYTES)
            observe(piece)
            yield piece
            if len(piece) < CHUNK_BYTES:
                return
            offset += len(piece)


def _decoded(pieces: Iterable[bytes], decoder: Decoder) -> Iterator[bytes]:
    for piece in pieces:
        yield decoder.feed(piece)
    yield decoder.finish()


def _inside(base: Path, name: str) -> Path:
    path = (base / name).resolve()
    if path.parent != base.resolve():  # the sanitizer's promise, checked again where it matters
        raise ValueError("attachment name escapes its folder")
    return path


def _staging(data_dir: Path) -> Path:
    """A new private folder for one message's files; those left by a crash are removed."""
    root = make_private_dir(data_dir / "messages" / ".incoming")
    for old in root.iterdir():
        try:
            if old.stat().st_mtime < time.time() - STALE_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except FileNotFoundError:  # another pass removed it first
            continue
    return Path(tempfile.mkdtemp(dir=root))
