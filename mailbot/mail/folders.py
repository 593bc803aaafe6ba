"""Folder names as the server knows them: the personal namespace, its separator, and the usual
names of Drafts and Sent in the languages therapists' mail servers speak. Pure functions.

The configuration writes folders with "/" between levels and without any namespace prefix
("Homework/{client}"). A cPanel/Courier server keeps a user's folders under "INBOX." with "." as
separator, so that folder is "INBOX.Homework.Zoë Müller" there; imapclient turns the name into
modified UTF-7 on the wire.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DRAFTS = b"\\Drafts"
SENT = b"\\Sent"

# Usual names without SPECIAL-USE: English, German, French, Spanish, Italian, Dutch, Portuguese,
# Swedish, Danish/Norwegian, Finnish, Polish, Czech, Russian, Turkish, Hungarian, Japanese, Chinese.
USUAL_NAMES: dict[bytes, tuple[str, ...]] = {
    DRAFTS: (
        "Drafts",
        "Draft",
        "Entwürfe",
        "Brouillons",
        "Borradores",
        "Bozze",
        "Concepten",
        "Rascunhos",
        "Utkast",
        "Kladder",
        "Kladde",
        "Luonnokset",
        "Szkice",
        "Koncepty",
        "Черновики",
        "Taslaklar",
        "Piszkozatok",
        "下書き",
        "草稿",
    ),
    SENT: (
        "Sent",
        "Sent Items",
        "Sent Messages",
        "Sent Mail",
        "Gesendet",
        "Gesendete Objekte",
        "Gesendete Elemente",
        "Éléments envoyés",
        "Messages envoyés",
        "Envoyés",
        "Elementos enviados",
        "Enviados",
        "Posta inviata",
        "Elementi inviati",
        "Inviati",
        "Verzonden items",
        "Verzonden",
        "Itens enviados",
        "Skickat",
        "Skickade objekt",
        "Sendt",
        "Sendte elementer",
        "Sendte",
        "Lähetetyt",
        "Wysłane",
        "Elementy wysłane",
        "Odeslané",
        "Отправленные",
        "Gönderilmiş Öğeler",
        "Gönderilenler",
        "Elküldött",
        "送信済み",
        "已发送",
    ),
}
PROVIDER_PARENTS = ("[Gmail]", "[Google Mail]")  # Gmail keeps Sent and Drafts under one of these


@dataclass(frozen=True)
class Namespace:
    """The personal namespace (RFC 2342): "" and "/" on most servers, "INBOX." and "." on
    cPanel/Courier. Without NAMESPACE the prefix is "" and the separator is LIST's."""

    prefix: str = ""
    separator: str = "/"


def server_name(folder: str, namespace: Namespace) -> str:
    """``folder`` as configured ("Homework/Ada") under the personal prefix, with the server's
    separator; a name that already carries the prefix ("INBOX/Homework", "INBOX.Homework")
    keeps it, and INBOX stays INBOX."""
    if folder.upper() == "INBOX":
        return "INBOX"
    name = folder.replace("/", namespace.separator)
    prefix = namespace.prefix
    if not prefix or name.upper().startswith(prefix.upper()) or name == prefix.rstrip(namespace.separator):
        return name
    return prefix + name


def find_usual(role: bytes, names: Iterable[str], namespace: Namespace) -> str | None:
    """The first listed folder that carries one of ``role``'s usual names, in the order of
    USUAL_NAMES (so "Sent" wins over "Sent Items" where both exist). A name counts below the
    personal prefix, below INBOX, or below Gmail's parent folder; case and Unicode
    normalisation do not matter."""
    by_key: dict[str, str] = {}
    for name in names:
        for key in _keys(name, namespace):
            by_key.setdefault(key, name)
    for candidate in USUAL_NAMES.get(role, ()):
        found = by_key.get(_normal(candidate))
        if found is not None:
            return found
    return None


def _keys(name: str, namespace: Namespace) -> list[str]:
    """How a listed folder name may be spelled in USUAL_NAMES: without a prefix, then without
    a provider parent ("[Gmail]/Sent Mail" is "Sent Mail")."""
    sep = namespace.separator or "/"
    bare = name
    for prefix in (namespace.prefix, f"INBOX{sep}"):
        if prefix and bare.upper().startswith(prefix.upper()):
            bare = bare[len(prefix) :]
            break
    keys = [bare]
    for parent in PROVIDER_PARENTS:
        if bare.startswith(parent + sep):
            keys.append(bare[len(parent) + len(sep) :])
    return [_normal(k) for k in keys if sep not in k]  # a usual name is one level, not Homework/Sent


def _normal(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()
