"""The digest pass on the fakes: sent once a day with its copy in Sent, sent without IMAP, and a
refused digest sent again the same day. (End to end: tests/integration/test_daily_digest.py.)"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from support.app import FakeApp, FakeServers, fake_config

from mailbot.passes.digest import run_digest

MORNING = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def servers() -> FakeServers:
    return FakeServers()


@pytest.fixture
def app(tmp_path: Path, sessions: sessionmaker[Session], servers: FakeServers) -> FakeApp:
    return FakeApp(fake_config(tmp_path), MORNING, sessions, servers)


def test_the_digest_is_sent_once_a_day_with_its_copy_in_sent(app: FakeApp, servers: FakeServers) -> None:
    first = run_digest(app, send=True, preview=None)
    again = run_digest(app.at(MORNING.replace(hour=9)), send=True, preview=None)

    assert first.endswith("digest sent to ada@example.org") and "already sent" in again
    (digest,) = servers.outbox.sent
    assert len(servers.mailbox.raw("Sent")) == 1 and servers.imap_logins == 1
    assert digest["Auto-Submitted"] == "auto-generated"


def test_the_digest_goes_out_while_imap_is_down(app: FakeApp, servers: FakeServers) -> None:
    servers.imap_down = True

    said = run_digest(app, send=True, preview=None)

    assert said.endswith("digest sent to ada@example.org") and len(servers.outbox.sent) == 1


def test_a_refused_digest_is_sent_at_the_next_run_of_the_day(
    app: FakeApp, servers: FakeServers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mailbot.sending.RETRY_DELAYS", ())
    servers.outbox.refuse(code=550)

    refused = run_digest(app, send=True, preview=None)
    retried = run_digest(app.at(MORNING.replace(hour=8)), send=True, preview=None)

    assert "digest failed" in refused and retried.endswith("digest sent to ada@example.org")
    assert len(servers.outbox.sent) == 1
