"""A therapist's mailbot on a shaped test server, configured from config.example.toml."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from servers import Dovecot, Imap4d, SmtpServer, new_user

from mailbot.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
CLIENT = "zoe@client.example"
DELETED, SEEN = b"\\Deleted", b"\\Seen"
NOW = "2026-11-23T12:00"
ARRIVED = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def example_config(path: Path, imap: Dovecot, smtp: SmtpServer, user: str, **override: str) -> Path:
    """config.example.toml with host, port, user and secret changed (and the test CA trusted)."""
    text = (ROOT / "config.example.toml").read_text()
    secret = f"printf %s {imap.tokens.token_for(user)}" if imap.tokens else "printf secret"
    # The example's [imap] and [smtp] each name host, username and password_command once.
    text = text.replace('host = "imap.example.org"', f'host = "localhost"\nport = {imap.tls_port}')
    text = text.replace('host = "smtp.example.org"', f'host = "localhost"\nport = {smtp.port}')
    text = text.replace('username = "ada@example.org"', f'username = "{user}"')
    text = text.replace('password_command = "pass show mail/ada"', f'password_command = "{secret}"')
    text = text.replace('# ca_file = "/etc/mailbot/ca.pem"', f'ca_file = "{imap.ca_file}"')
    text = text.replace('email = "ada@example.org"', f'email = "{user}"')
    text = text.replace('data_dir = "data"', f'data_dir = "{path.parent / "data"}"')
    if imap.tokens:
        text = text.replace('security = "tls"', 'security = "tls"\nauth = "xoauth2"')
    for key, value in override.items():
        text = re.sub(rf"^{key} = .*$", f"{key} = {value}", text, count=1, flags=re.MULTILINE)
    path.write_text(text)
    path.chmod(0o600)
    return path


class Practice:
    """A therapist's mailbot on one shaped server, run in-process through the command line."""

    def __init__(
        self,
        tmp_path: Path,
        servers: tuple[Dovecot, SmtpServer],
        capsys: pytest.CaptureFixture[str],
        **override: str,
    ):
        self.imap, self.smtp = servers
        self.user = new_user("ada")
        if isinstance(self.imap, Imap4d):  # its users must exist before mailbot logs in
            self.imap.register(self.user)
        self.config = example_config(tmp_path / "config.toml", self.imap, self.smtp, self.user, **override)
        self.capsys = capsys

    def reconfigure(self, **override: str) -> None:
        """Change keys of the configuration (each the first of its name in the file)."""
        text = self.config.read_text()
        for key, value in override.items():
            text = re.sub(rf"^{key} = .*$", f"{key} = {value}", text, count=1, flags=re.MULTILINE)
        self.config.write_text(text)

    def run(self, *args: str, now: str = NOW) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--config", str(self.config), "--now", now, *args])
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    def ok(self, *args: str, now: str = NOW) -> str:
        code, out, err = self.run(*args, now=now)
        assert code == 0, f"mailbot {' '.join(args)} exited {code}: {err}"
        return out

    def folder(self, name: str) -> list[bytes]:
        return self.imap.messages(self.user, self.imap.folder(name))

    def flags(self, name: str) -> dict[int, set[bytes]]:
        """Flags by UID, without \\Recent (which only says which session saw a message first)."""
        flags = self.imap.flags(self.user, self.imap.folder(name))
        return {uid: set(f) - {b"\\Recent"} for uid, f in flags.items()}

    def deliver(
        self, raw: bytes, flags: tuple[bytes, ...] = (), folder: str = "INBOX", when: datetime = ARRIVED
    ) -> int:
        """Into the INBOX (or ``folder``) as arrived at ``when``, by default two hours before NOW."""
        with self.imap.client(self.user) as client:
            client.append(self.imap.folder(folder), raw, msg_time=when)
            client.select_folder(self.imap.folder(folder))
            uid = int(max(client.search("ALL")))
            if flags:  # by STORE: imap4d ignores the flags of an APPEND
                client.add_flags([uid], list(flags))
            return uid


def therapist_mail(user: str, subject: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Her colleague <colleague@practice.example>", user, subject
    msg["Message-ID"] = make_msgid(domain="practice.example")
    msg["Date"] = email.utils.format_datetime(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    msg.set_content("Lunch on Friday?")
    return bytes(msg)
