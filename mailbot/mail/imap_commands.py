"""IMAP command lines built with care: login (password or OAuth token), UID sets written as
ranges, header searches as a balanced tree of ORs. Each keeps a command short for the server."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from imapclient import IMAPClient

from mailbot.config import ServerConfig
from mailbot.mail.connect import server_words


def login(client: IMAPClient, server: ServerConfig, secret: str) -> None:
    """LOGIN with a password, or SASL XOAUTH2 / OAUTHBEARER with an access token."""
    if server.auth == "xoauth2":
        client.oauth2_login(server.username, secret)
    elif server.auth == "oauthbearer":
        client.oauthbearer_login(server.username, secret)
    else:
        client.login(server.username, secret)


def login_refused(server: ServerConfig, exc: BaseException) -> str:
    words = server_words(exc)
    if server.auth != "password":
        return (
            f"The IMAP server {server.host} refused the {server.auth.upper()} login for {server.username} "
            f"({words}); check that [imap] password_command prints a fresh access token for this account."
        )
    return (
        f"The IMAP server {server.host} refused the login for {server.username} ({words}); "
        "check [imap] username and the password source."
    )


def text(value: str | bytes | None) -> str:
    return value.decode() if isinstance(value, bytes) else (value or "")


def uid_set(uids: Iterable[int]) -> str:
    """An IMAP sequence set of ``uids``, runs written as ranges ("1:500,502"): a backlog's UIDs
    are mostly consecutive, and a command line must stay short (Dovecot allows 64 KB)."""
    parts: list[str] = []
    run: list[int] = []
    for uid in sorted(set(uids)):
        if run and uid == run[-1] + 1:
            run.append(uid)
            continue
        if run:
            parts.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [uid]
    if run:
        parts.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(parts)


def any_header(name: str, values: Sequence[str]) -> list[Any]:
    """SEARCH keys for a message whose header ``name`` holds any of ``values``: the ORs nested as a
    balanced tree, so that a long list stays shallow for the server's parser."""
    if len(values) == 1:
        return ["HEADER", name, values[0]]
    middle = len(values) // 2
    return ["OR", any_header(name, values[:middle]), any_header(name, values[middle:])]


def body_section(data: dict[bytes, Any]) -> bytes | None:
    """The key of the one body section asked for: the server names it as asked, less .PEEK."""
    return next((k for k in data if isinstance(k, bytes) and k.startswith(b"BODY[")), None)
