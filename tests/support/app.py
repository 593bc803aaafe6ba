"""An App whose mail edges are the in-memory fakes, on a test database: the passes run whole,
in milliseconds, with no server."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mailbot.app import App, _Database
from mailbot.cli.setup import initialise
from mailbot.config import Config, Storage, parse_config
from mailbot.core.mail_commands import Command, Unreadable
from mailbot.db.engine import transaction
from mailbot.db.models import Assignment, AuditEvent, Client, Feedback, Submission
from mailbot.db.records import add_client
from mailbot.jobs import feedback_scan, poll
from mailbot.passes.commanding import Outcome, carry_out
from mailbot.practice.assigning import Plan, assignment_email, plan_assignment
from mailbot.sending import send_once
from support.fakes import FakeMailbox, FakeOutbox


def fake_config(tmp_path: Path, **sections: dict[str, object]) -> Config:
    """A valid configuration for ada@example.org in Berlin, its data in ``tmp_path``; ``sections``
    add to or replace tables."""
    server = {"host": "127.0.0.1", "security": "none", "username": "ada@example.org", "password": "x"}
    raw: dict[str, dict[str, object]] = {
        "therapist": {"name": "Dr. Ada Example", "email": "ada@example.org", "timezone": "Europe/Berlin"},
        "imap": server,
        "smtp": server,
    }
    config = _parsed(json.dumps(raw | sections, sort_keys=True))
    data_dir = tmp_path / "data"
    storage = Storage(data_dir, f"sqlite:///{data_dir / 'mailbot.sqlite3'}")
    return replace(config, path=tmp_path / "config.toml", storage=storage)


@cache
def _parsed(raw: str) -> Config:
    """Parsed once a session: compiling the risk words alone takes a tenth of a second."""
    return parse_config(json.loads(raw), Path("/nonexistent/config.toml"))


@dataclass
class FakeServers:
    """What the fake App connects to; ``imap_down`` and ``smtp_down`` make every login to that
    server fail as a dead server's."""

    outbox: FakeOutbox = field(default_factory=FakeOutbox)
    mailbox: FakeMailbox = field(default_factory=FakeMailbox)
    imap_down: bool = False
    smtp_down: bool = False
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
        if self.servers.smtp_down:
            raise ConnectionRefusedError(111, "Connection refused")
        self.servers.outbox.closed = False
        return self.servers.outbox

    def mailbox(self) -> FakeMailbox:  # type: ignore[override]
        self.servers.imap_logins += 1
        if self.servers.imap_down:
            raise ConnectionRefusedError(111, "Connection refused")
        return self.servers.mailbox


class FakePractice:
    """A therapist's practice on the fakes, left as ``mailbot init`` leaves it: clients and
    homework are set up as the command line sets them, mail arrives, and the jobs run at a time."""

    def __init__(self, app: FakeApp) -> None:
        self.app, self.servers, self.mailbox = app, app.servers, app.servers.mailbox
        list(initialise(app))

    @classmethod
    def at(
        cls, now: datetime, tmp_path: Path, sessions: sessionmaker[Session], **sections: dict[str, object]
    ) -> FakePractice:
        """A new practice at ``now`` (``sections`` of configuration as fake_config takes them)."""
        return cls(FakeApp(fake_config(tmp_path, **sections), now, sessions, FakeServers()))

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.app.sessions

    def add_client(self, name: str, email: str) -> int:
        with transaction(self.sessions) as session:
            return add_client(session, self.app.now, name, [email], self.app.config.therapist.timezone).id

    def assign(
        self,
        client_id: int,
        type_: str,
        title: str,
        due: datetime,
        repeat: str | None = None,
        count: int | None = None,
        **details: object,
    ) -> int:
        """``mailbot assign --no-send`` (``details`` are the type's options); the assignment's id."""
        with transaction(self.sessions) as session:
            client = session.get(Client, client_id)
            assert client is not None
            plan = Plan(type_, title, "", due, repeat, None, count, details)
            return plan_assignment(session, self.app.now, client, plan).id

    def send_assignment(self, assignment_id: int) -> str:
        """The assignment email, sent as ``mailbot assign`` sends it; its Message-ID."""
        with self.sessions() as session:
            assignment = session.get(Assignment, assignment_id)
            assert assignment is not None
            message, client_id = (
                assignment_email(self.app.config, assignment, self.app.now),
                assignment.client_id,
            )
        with self.app.outbox() as outbox, self.app.sent_copies() as sent:
            status = send_once(
                self.sessions, outbox, message, "assignment", self.app.now,
                client_id=client_id, assignment_id=assignment_id, sent=sent,
            )  # fmt: skip
        assert status == "sent", status
        return str(message["Message-ID"])

    def deliver(self, raw: bytes, when: datetime, folder: str = "INBOX") -> int:
        """A mail arriving over SMTP (so with CRLF line ends) at ``when``; its UID."""
        return self.mailbox.deliver(_crlf(raw), folder, when)

    def save_in_sent(self, raw: bytes, when: datetime) -> int:
        """What her mail client does after sending: a copy in Sent, marked read."""
        return self.mailbox.append("Sent", _crlf(raw), [b"\\Seen"], when)

    def poll(self, at: datetime) -> str:
        return poll(self.app.at(at))

    def feedback_scan(self, at: datetime) -> str:
        return feedback_scan(self.app.at(at))

    def replied(self) -> dict[int, datetime | None]:
        """When each submission's feedback was given, by submission (None: not yet)."""
        with self.sessions() as session:
            rows = session.execute(
                select(Feedback.submission_id, Feedback.replied_at).order_by(Feedback.submission_id)
            )
            return {submission_id: replied_at for submission_id, replied_at in rows}

    def submissions(self) -> list[Submission]:
        with self.sessions() as session:
            return list(session.scalars(select(Submission).order_by(Submission.id)))

    def audited(self) -> list[str]:
        with self.sessions() as session:
            return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _crlf(raw: bytes) -> bytes:
    """A mail as it travels (SMTP, IMAP): lines end in CRLF, whatever the test wrote."""
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def breaking_on(line: str) -> Callable[[Session, Config, datetime, Command | Unreadable], Outcome]:
    """mail control's ``carry_out``, failing as a bug would on the command ``line`` (for
    monkeypatching mailbot.passes.mail_control.carry_out)."""

    def carry_out_or_break(
        session: Session, config: Config, now: datetime, command: Command | Unreadable
    ) -> Outcome:
        if command.line == line:
            raise RuntimeError("a bug")
        return carry_out(session, config, now, command)

    return carry_out_or_break
