"""mailbot removes one of its drafts only as it read it: with CONDSTORE a conditional STORE
(UNCHANGEDSINCE) leaves a draft the therapist flagged or changed after mailbot read it; on a server
without CONDSTORE the removal is as before (docs/servers.md, "Extensions, as offered")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from conftest import write_config
from practice import Practice
from servers import BARE, Dovecot, ShapedServers, SmtpServer

from mailbot.app import App
from mailbot.config import load_config

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DRAFT, FLAGGED, DELETED = b"\\Draft", b"\\Flagged", b"\\Deleted"


def draft(n: int) -> bytes:
    return (
        f"From: ada@example.org\r\nTo: ben@client.example\r\nSubject: Re: Journal {n}\r\n"
        f"Message-ID: <d{n}@mailbot.example>\r\n\r\nThank you, Ben.\r\n"
    ).encode()


def test_a_draft_she_flags_after_mailbot_read_it_is_left_and_the_untouched_one_removed(
    tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer, mail_user: str
) -> None:
    untouched = dovecot.append(mail_user, "Drafts", draft(1), [DRAFT])
    hers = dovecot.append(mail_user, "Drafts", draft(2), [DRAFT])
    app = App(load_config(write_config(tmp_path / "config.toml", dovecot, smtp_server, mail_user)), NOW)

    with app.mailbox() as mailbox:
        assert mailbox.has("CONDSTORE")
        mailbox.select("Drafts")
        versions = mailbox.fetch_versions([untouched, hers])
        # meanwhile, in her own mail program, she flags one of them
        client = dovecot.client(mail_user)
        client.select_folder("Drafts")
        client.add_flags([hers], [FLAGGED])
        client.logout()
        removed = mailbox.delete_unchanged("Drafts", {uid: modseq for uid, (_, modseq) in versions.items()})

    flags = dovecot.flags(mail_user, "Drafts")
    assert all(modseq is not None for _, modseq in versions.values())
    assert removed == [untouched] and untouched not in flags
    assert FLAGGED in flags[hers] and DELETED not in flags[hers]


def test_without_condstore_a_draft_is_removed_as_before_flagged_deleted_without_uidplus(
    tmp_path: Path, shaped_servers: ShapedServers, capsys: object
) -> None:
    practice = Practice(tmp_path, shaped_servers(BARE), capsys)  # type: ignore[arg-type]
    drafts = practice.imap.folder("Drafts")
    uid = practice.imap.append(practice.user, drafts, draft(3), [DRAFT])
    app = App(load_config(practice.config), NOW)

    with app.mailbox() as mailbox:
        assert not mailbox.has("CONDSTORE")
        mailbox.select(drafts)
        versions = mailbox.fetch_versions([uid])
        removed = mailbox.delete_unchanged(drafts, {u: modseq for u, (_, modseq) in versions.items()})

    assert versions[uid][1] is None and removed == [uid]
    assert DELETED in practice.imap.flags(practice.user, drafts)[uid]  # no UIDPLUS: flagged, not expunged
