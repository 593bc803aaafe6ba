"""The reminder pass against the fakes, in milliseconds: plan in the core, send once through
send_once, a Sent copy only where wanted. (Against real servers: tests/integration/test_reminders_sent.py.)"""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from support.fakes import FakeMailbox, FakeOutbox

from mailbot.config import Config, parse_config
from mailbot.db.engine import transaction
from mailbot.db.records import add_client, create_assignment
from mailbot.passes.reminders import plan, send_reminders
from mailbot.sending import SentCopies

ASSIGNED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
EVENING = datetime(2026, 11, 2, 18, 0, tzinfo=UTC)  # 19:00 in Berlin, on the first due day


def config(tmp_path: Path) -> Config:
    server = {"host": "127.0.0.1", "security": "none", "username": "ada@example.org", "password": "x"}
    raw = {
        "therapist": {"name": "Dr. Ada Example", "email": "ada@example.org", "timezone": "Europe/Berlin"},
        "imap": server,
        "smtp": server,
        "storage": {"data_dir": str(tmp_path / "data")},
    }
    return parse_config(raw, tmp_path / "config.toml")


def given_a_daily_mood_log(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        client = add_client(session, ASSIGNED, "Ben Client", ["ben@client.example"], "Europe/Berlin")
        due = [datetime(2026, 11, day, 20, 0, tzinfo=UTC) for day in (2, 3, 4)]  # 21:00 in Berlin
        create_assignment(
            session, ASSIGNED, client, "mood-log", "Mood log", "", due, {"stage": 1, "repeat": "daily"}
        )


def one_pass(cfg: Config, sessions: sessionmaker[Session], outbox: FakeOutbox, opener) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with sessions() as session:
        planned = plan(cfg, session, EVENING)
    with SentCopies(opener, None, cfg.smtp.append_to_sent) as sent:
        return send_reminders(sessions, outbox, sent, planned, EVENING)


def test_the_evening_reminder_goes_out_once_with_its_copy_in_sent(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    cfg, outbox, mailbox = config(tmp_path), FakeOutbox(), FakeMailbox()
    given_a_daily_mood_log(sessions)

    first = one_pass(cfg, sessions, outbox, lambda: mailbox)
    second = one_pass(cfg, sessions, outbox, lambda: mailbox)

    assert first["sent"] == 1 and second["sent"] == 0
    (reminder,) = outbox.sent
    assert reminder["To"].addresses[0].addr_spec == "ben@client.example"
    assert [message_from_bytes(raw)["Message-ID"] for raw in mailbox.raw("Sent")] == [reminder["Message-ID"]]


def test_without_imap_the_reminder_still_goes_out(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    cfg, outbox = config(tmp_path), FakeOutbox()
    given_a_daily_mood_log(sessions)

    def imap_down() -> FakeMailbox:
        raise ConnectionRefusedError(111, "Connection refused")

    counts = one_pass(cfg, sessions, outbox, imap_down)

    assert counts["sent"] == 1 and len(outbox.sent) == 1
