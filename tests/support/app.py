"""An App whose mail edges are the in-memory fakes, on a test database: the passes run whole,
in milliseconds, with no server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from mailbot.app import App, _Database
from mailbot.config import Config, parse_config
from support.fakes import FakeMailbox, FakeOutbox


def fake_config(tmp_path: Path, **sections: dict[str, object]) -> Config:
    """A valid configuration for ada@example.org in Berlin; ``sections`` add to or replace tables."""
    server = {"host": "127.0.0.1", "security": "none", "username": "ada@example.org", "password": "x"}
    raw: dict[str, dict[str, object]] = {
        "therapist": {"name": "Dr. Ada Example", "email": "ada@example.org", "timezone": "Europe/Berlin"},
        "imap": server,
        "smtp": server,
        "storage": {"data_dir": str(tmp_path / "data")},
    }
    return parse_config(raw | sections, tmp_path / "config.toml")


@dataclass
class FakeServers:
    """What the fake App connects to; ``imap_down`` makes every IMAP login fail as a dead server's."""

    outbox: FakeOutbox = field(default_factory=FakeOutbox)
    mailbox: FakeMailbox = field(default_factory=FakeMailbox)
    imap_down: bool = False
    imap_logins: int = 0


class FakeApp(App):
    """An App on ``sessions`` whose Outbox and Mailbox are the fakes of ``servers``."""

    def __init__(self, config: Config, now: datetime, sessions: sessionmaker[Session], servers: FakeServers):
        engine = sessions.kw["bind"]
        super().__init__(config, now, _Database(engine, sessions))
        self.servers = servers

    def at(self, now: datetime) -> FakeApp:
        assert self._db.sessions is not None
        return FakeApp(self.config, now, self._db.sessions, self.servers)

    def outbox(self) -> FakeOutbox:  # type: ignore[override]
        self.servers.outbox.closed = False
        return self.servers.outbox

    def mailbox(self) -> FakeMailbox:  # type: ignore[override]
        self.servers.imap_logins += 1
        if self.servers.imap_down:
            raise ConnectionRefusedError(111, "Connection refused")
        return self.servers.mailbox
