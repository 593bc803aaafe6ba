"""A client's addresses and folder, decided from plain text: an address written one way, a
name that is safe as one IMAP folder level, and a folder no other client has."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def normal_address(address: str) -> str | None:
    """The address trimmed and lower-cased, or None when it is no email address."""
    address = address.strip().lower()
    return address if ADDRESS.fullmatch(address) else None


def folder_label(name: str) -> str:
    """A client's name as one IMAP folder level: no delimiters, wildcards or control characters."""
    cleaned = "".join(
        " " if ch in '/\\.%*"' or unicodedata.category(ch).startswith("C") else ch
        for ch in unicodedata.normalize("NFC", name)
    )
    return " ".join(cleaned.split())[:80] or "Client"


def free_folder(label: str, taken: Collection[str]) -> str:
    """``label``, or ``label 2``, ``label 3`` ...: the first no other client's folder is."""
    return next(
        f for n in range(1, len(taken) + 2) if (f := label if n == 1 else f"{label} {n}") not in taken
    )
