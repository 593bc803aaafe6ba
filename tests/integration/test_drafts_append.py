"""Mailbox.append_all on Dovecot shaped as the servers drafts are written to: MULTIAPPEND with
LITERAL+ (all in one command, one round trip), MULTIAPPEND without LITERAL+ and neither (one
APPEND each). Read back by an independent IMAP client."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import imapclient
import pytest
from conftest import write_config
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError
from servers import Shape, ShapedServers

from mailbot.app import App
from mailbot.config import load_config

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FLAGS = (b"\\Draft", b"\\Seen")
SHAPES = [
    Shape(name="multiappend-literal-plus"),
    Shape(name="multiappend-without-literal-plus", without=frozenset({"LITERAL+"})),
    Shape(name="one-append-each", without=frozenset({"MULTIAPPEND"})),
]


def draft(n: int, size: int = 0) -> bytes:
    return (
        f"From: ada@example.org\r\nTo: ben@client.example\r\nSubject: Re: mood log {n}\r\n"
        f"Message-ID: <d{n}@example.org>\r\nDate: Mon, 2 Nov 2026 09:00:00 +0000\r\n\r\n"
        f"Dear Ben, {n}.\r\n" + "x" * size + "\r\n"
    ).encode()


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_messages_appended_together_arrive_whole_in_order_with_their_flags_and_date(
    shape: Shape,
    shaped_servers: ShapedServers,
    tmp_path: Path,
    mail_user: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dovecot, smtp = shaped_servers(shape)
    app = App(load_config(write_config(tmp_path / "config.toml", dovecot, smtp, mail_user)), NOW)
    commands = count_multiappends(monkeypatch)
    sent = [draft(1), draft(2, size=300_000), draft(3)]

    with app.mailbox() as mailbox:
        mailbox.append_all("Drafts", sent, flags=FLAGS, when=NOW)

    with dovecot.client(mail_user) as imap:
        imap.select_folder("Drafts", readonly=True)
        fetched = imap.fetch(imap.search("ALL"), ["BODY.PEEK[]", "FLAGS", "INTERNALDATE"])
    in_order = [fetched[uid] for uid in sorted(fetched)]
    assert commands == ([3] if not shape.without else [])
    assert [bytes(f[b"BODY[]"]) for f in in_order] == sent
    assert all(set(f[b"FLAGS"]) - {b"\\Recent"} == set(FLAGS) for f in in_order)
    assert all(f[b"INTERNALDATE"].astimezone(UTC) == NOW for f in in_order)


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_messages_a_server_refuses_are_none_of_them_appended_and_it_says_why(
    shape: Shape,
    shaped_servers: ShapedServers,
    tmp_path: Path,
    mail_user: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dovecot, smtp = shaped_servers(shape)
    app = App(load_config(write_config(tmp_path / "config.toml", dovecot, smtp, mail_user)), NOW)
    commands = count_multiappends(monkeypatch)

    with app.mailbox() as mailbox:
        with pytest.raises(IMAPClientError, match="append failed.*TRYCREATE") as refused:
            mailbox.append_all("Nowhere", [draft(6), draft(7)], flags=FLAGS, when=NOW)
        mailbox.append_all("Drafts", [draft(8), draft(9)], flags=FLAGS, when=NOW)  # the line still works

    assert not isinstance(refused.value, IMAPClientAbortError)
    assert commands == ([2, 2] if not shape.without else [])
    assert len(dovecot.flags(mail_user, "Drafts")) == 2


def count_multiappends(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many messages each MULTIAPPEND command carries, from now on."""
    commands: list[int] = []
    real_multiappend = imapclient.IMAPClient.multiappend

    def counted(self: imapclient.IMAPClient, folder: str, msgs: list[dict[str, object]]) -> object:
        commands.append(len(msgs))
        return real_multiappend(self, folder, msgs)

    monkeypatch.setattr(imapclient.IMAPClient, "multiappend", counted)
    return commands
