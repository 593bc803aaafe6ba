"""Where a submission's raw message and attachments live on disk, under data_dir, owner-only.

Paths are derived from the message's dedupe key, so writing again after a crash overwrites
the same files instead of leaving a second copy. No name a sender chose can leave the folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mailbot.core.filenames import safe_filename, unique_filenames
from mailbot.files import write_private
from mailbot.mail.parse import Attachment


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
    raw_path = folder / "message.eml"
    write_private(raw_path, raw, sync)
    names = unique_filenames(
        safe_filename(a.filename, a.content_type, index) for index, a in enumerate(attachments, 1)
    )
    stored = []
    base = (folder / "attachments").resolve()
    for name, attachment in zip(names, attachments, strict=True):
        path = (base / name).resolve()
        if path.parent != base:  # the sanitizer's promise, checked again where it matters
            raise ValueError("attachment name escapes its folder")
        write_private(path, attachment.payload, sync)
        stored.append(
            StoredFile(name, attachment.filename, attachment.content_type, len(attachment.payload), path)
        )
    return raw_path, stored
