"""The session brief pass on the fakes: sent once per session, on the session's day at the digest
time, never after the session began, and while IMAP is down.
(End to end: tests/integration/test_session_brief.py.)"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from support.app import FakePractice

from mailbot.db.engine import transaction
from mailbot.passes.brief import send_due_briefs
from mailbot.practice.lifecycle import set_next_session

SET_UP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SESSION = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Thursday 15:00 in Berlin


def practice_with_a_session(tmp_path: Path, sessions: sessionmaker[Session]) -> FakePractice:
    practice = FakePractice.at(SET_UP, tmp_path, sessions)
    client = practice.add_client("Mia Keller", "mia@client.example")
    practice.assign(client, "journal", "Journal", datetime(2026, 11, 24, 20, 0, tzinfo=UTC), "daily", 7)
    with transaction(practice.sessions) as session:
        set_next_session(session, SET_UP, "mia@client.example", SESSION)
    return practice


def briefs(practice: FakePractice) -> list[str]:
    return [str(m["Subject"]) for m in practice.servers.outbox.sent if m["X-Mailbot"] == "brief"]


def test_the_brief_goes_out_once_on_the_sessions_day_at_the_digest_time_and_never_after_it_began(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    practice = practice_with_a_session(tmp_path, sessions)

    said = [
        send_due_briefs(practice.app.at(datetime(2026, 11, 26, h, m, tzinfo=UTC)))
        for h, m in ((6, 0), (6, 31), (8, 0), (13, 0), (15, 0))
    ]

    assert said == [
        "0 session briefs sent",
        "1 session briefs sent",
        "0 session briefs sent",
        "0 session briefs sent",
        "0 session briefs sent",
    ]
    assert briefs(practice) == ["Session brief: Mia Keller, Thu 26 Nov 15:00"]
    assert len(practice.mailbox.raw("Sent")) == 1


def test_the_brief_goes_out_while_imap_is_down(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    practice = practice_with_a_session(tmp_path, sessions)
    practice.servers.imap_down = True

    send_due_briefs(practice.app.at(datetime(2026, 11, 26, 6, 31, tzinfo=UTC)))

    assert len(briefs(practice)) == 1


def test_a_session_already_begun_gets_no_brief(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    practice = practice_with_a_session(tmp_path, sessions)

    said = send_due_briefs(practice.app.at(datetime(2026, 11, 26, 14, 5, tzinfo=UTC)))

    assert said == "0 session briefs sent" and briefs(practice) == []
