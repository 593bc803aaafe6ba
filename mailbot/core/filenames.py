"""Attachment names a sender chose, made safe to use as file names on any file system.

Pure: no file system access; the caller decides where the names go.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_BYTES = 120
_MAX_EXTENSION_BYTES = 16
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_DOTS = re.compile(r"\.{2,}")
_WHITESPACE = re.compile(r"\s+")
_EXTENSION = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9_+-]*$")
_WINDOWS_RESERVED = re.compile(r"^(?:con|prn|aux|nul|conin\$|conout\$|(?:com|lpt)[0-9¹²³])$", re.I)
_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/rtf": ".rtf",
    "application/zip": ".zip",
    "application/ms-tnef": ".dat",
    "application/vnd.ms-tnef": ".dat",
    "application/octet-stream": ".bin",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/heic": ".heic",
    "image/webp": ".webp",
    "image/tiff": ".tif",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/ogg": ".ogg",
    "audio/wav": ".wav",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "text/plain": ".txt",
    "text/html": ".html",
    "text/csv": ".csv",
    "text/calendar": ".ics",
    "text/vcard": ".vcf",
    "text/x-vcard": ".vcf",
    "message/rfc822": ".eml",
    "message/delivery-status": ".txt",
    "message/disposition-notification": ".txt",
}


def safe_filename(name: str | None, content_type: str, index: int) -> str:
    """Return a file name safe on Linux, macOS and Windows, at most 120 bytes in UTF-8.

    Keeps only the last path component, without control, format (bidi) or
    Windows-forbidden characters, leading dots or ".." runs, NFC-normalized; a Windows
    device name (CON, NUL, COM1...) gets a "_" in front. The extension survives
    shortening. When nothing usable is left: "attachment-<index><extension of content_type>".
    """
    cleaned = _clean(name or "")
    if not cleaned.strip("._- "):
        return f"attachment-{index}{_EXTENSIONS.get(content_type.strip().lower(), '')}"
    stem, extension = _split_extension(cleaned)
    return _join_within_limit(stem, "", extension)


def unique_filenames(names: Iterable[str]) -> list[str]:
    """Return the names with repeats renamed "name (2).ext", "name (3).ext"... in order.

    Names are compared case-insensitively (as on Windows and macOS); renamed names stay
    within 120 bytes. The names should already be safe (see ``safe_filename``).
    """
    taken: set[str] = set()
    result: list[str] = []
    for name in names:
        stem, extension = _split_extension(name)
        candidate, number = name, 1
        while _key(candidate) in taken:
            number += 1
            candidate = _join_within_limit(stem, f" ({number})", extension)
        taken.add(_key(candidate))
        result.append(candidate)
    return result


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").rstrip("/").rpartition("/")[2]
    name = _WHITESPACE.sub(" ", name)  # tabs and newlines become spaces, not nothing
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    name = _WINDOWS_FORBIDDEN.sub("_", name)
    name = _DOTS.sub(".", name)
    return name.strip(" .")


def _split_extension(name: str) -> tuple[str, str]:
    match = _EXTENSION.search(name)
    if not match or match.start() == 0:
        return name, ""
    extension = match.group()
    if len(extension.encode()) > _MAX_EXTENSION_BYTES:
        return name, ""
    return name[: match.start()], extension


def _join_within_limit(stem: str, suffix: str, extension: str) -> str:
    budget = MAX_BYTES - len(suffix.encode()) - len(extension.encode())
    stem = stem.encode()[:budget].decode("utf-8", "ignore").rstrip(" .")
    if _WINDOWS_RESERVED.match(stem.partition(".")[0].rstrip(" ")):
        stem = "_" + stem.encode()[: budget - 1].decode("utf-8", "ignore")
    return f"{stem}{suffix}{extension}"


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()
