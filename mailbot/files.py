"""Files on disk, private to the owner: 0700 folders, 0600 files, written atomically; and
where a submission's raw message and attachments live, under data_dir.

Those paths are derived from the message's dedupe key, so writing again after a crash overwrites
the same files instead of leaving a second copy. No name a sender chose can leave the folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from mailbot.core.filenames import safe_filename, unique_filenames


class Attachment(Protocol):
    """What saving needs of an attachment (mailbot.mail.parse.Attachment is one)."""

    @property
    def filename(self) -> str | None: ...  # as the sender named it: NOT safe for the file system

    @property
    def content_type(self) -> str: ...

    @property
    def payload(self) -> bytes: ...


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as owner-only folders; tighten ``path`` itself."""
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    if not missing:  # one just made is tight already
        os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes, sync: bool = True) -> None:
    """Write ``data`` to ``path`` (0600) so that a crash leaves the old file or the new, never half.

    With ``sync=False`` the file is not yet on disk when this returns: the caller must pass it
    to ``sync_files`` before anything that relies on it (a database commit naming it) happens.
    Until then a crash may leave it half written, under its own name.
    """
    write_private_stream(path, (data,), sync)


def write_private_stream(path: Path, chunks: Iterable[bytes], sync: bool = True) -> int:
    """``write_private`` for data that arrives in pieces (a streamed attachment): never all in
    memory at once. Return the size written."""
    make_private_dir(path.parent)
    return _write_atomically(path, chunks, sync)


def _write_atomically(path: Path, chunks: Iterable[bytes], sync: bool) -> int:
    """``write_private_stream`` into a folder that exists."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size


SYNC_LANES = 8  # fsyncs in flight at once


def sync_files(paths: Sequence[Path]) -> None:
    """Put ``paths`` on disk, several at once: concurrent fsyncs share the file system's journal
    commits, where one after the other each waits for its own (intake syncs a batch's files
    this way just before the commit that records them). Each of SYNC_LANES threads syncs its
    share of the files in turn: one task a thread, not one a file (a group's hundred futures
    cost more CPU than their fsyncs' own system calls save). Returns once every file is synced;
    a failure is raised, and the caller then commits nothing that names these files."""
    if not paths:
        return
    lanes = min(SYNC_LANES, len(paths))
    try:
        with ThreadPoolExecutor(max_workers=lanes) as pool:
            list(pool.map(_fsync_each, [paths[lane::lanes] for lane in range(lanes)]))
    except RuntimeError:  # no thread could be started (a process near its memory limit)
        _fsync_each(paths)  # one after the other, then: slower, and just as durable


def _fsync_each(paths: Sequence[Path]) -> None:
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class StoredFile:
    filename: str
    original_name: str | None
    content_type: str
    size: int
    path: Path


def message_dir(data_dir: Path, client_id: int | None, received_at: datetime, key: str) -> Path:
    owner = f"client-{client_id}" if client_id is not None else "unknown-sender"
    return data_dir / "messages" / owner / f"{received_at:%Y%m%dT%H%M%S}-{key[:16]}"


def save_message(
    folder: Path, raw: bytes, attachments: Sequence[Attachment], sync: bool = True
) -> tuple[Path, list[StoredFile]]:
    """Write the raw message and its attachments into ``folder``; return what was written.
    With ``sync=False`` the caller syncs the files (files.sync_files) before recording them."""
    raw_path = make_private_dir(folder) / "message.eml"
    _write_atomically(raw_path, (raw,), sync)
    if not attachments:
        return raw_path, []
    names = unique_filenames(
        safe_filename(a.filename, a.content_type, index) for index, a in enumerate(attachments, 1)
    )
    if any(name in ("", ".", "..") or "/" in name or "\0" in name for name in names):
        raise ValueError("attachment name escapes its folder")  # the sanitizer's promise, checked again
    stored = []
    base = make_private_dir(folder / "attachments").resolve()
    for name, attachment in zip(names, attachments, strict=True):
        path = base / name
        _write_atomically(path, (attachment.payload,), sync)
        stored.append(
            StoredFile(name, attachment.filename, attachment.content_type, len(attachment.payload), path)
        )
    return raw_path, stored
