"""send_once against the fakes: recorded before it leaves, never twice, IMAP only for a Sent copy."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.fakes import FakeMailbox, FakeOutbox

from mailbot.db.models import OutgoingMessage
from mailbot.errors import ServerError
from mailbot.sending import SentCopies, send_once

NOW = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)


def message(n: int = 1) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "ada@example.org", "ben@example.org", "A reminder"
    mail["Message-ID"] = f"<m{n}@example.org>"
    mail.set_content("Due tonight.")
    return mail


def statuses(sessions: sessionmaker[Session]) -> list[tuple[str, str]]:
    with sessions() as session:
        return [(o.message_id, o.status) for o in session.scalars(select(OutgoingMessage))]


class Opener:
    """Opens a FakeMailbox and counts how often; ``down`` makes opening fail as a dead server does."""

    def __init__(self, down: bool = False) -> None:
        self.mailbox, self.opened, self.down = FakeMailbox(), 0, down

    def __call__(self) -> FakeMailbox:
        self.opened += 1
        if self.down:
            raise ServerError(
                "The IMAP server 127.0.0.1:1 refused the connection; check [imap] host and port."
            )
        return self.mailbox


def test_a_message_is_recorded_sent_and_copied_to_sent_once(sessions: sessionmaker[Session]) -> None:
    outbox, opener = FakeOutbox(), Opener()

    with SentCopies(opener, None, True) as sent:
        first = send_once(sessions, outbox, message(), "reminder", NOW, sent=sent)
        again = send_once(sessions, outbox, message(), "reminder", NOW, sent=sent)

    assert (first, again) == ("sent", None)
    assert len(outbox.sent) == 1 and statuses(sessions) == [("<m1@example.org>", "sent")]
    assert opener.mailbox.flags("Sent") == {1: {b"\\Seen"}}


def test_imap_is_opened_once_a_pass_and_not_at_all_when_no_copy_is_wanted(
    sessions: sessionmaker[Session],
) -> None:
    wanted, unwanted = Opener(), Opener()

    with SentCopies(wanted, None, True) as sent:
        for n in range(3):
            send_once(sessions, FakeOutbox(), message(n), "reminder", NOW, sent=sent)
    with SentCopies(unwanted, None, False) as sent:
        send_once(sessions, FakeOutbox(), message(9), "reminder", NOW, sent=sent)

    assert (wanted.opened, len(wanted.mailbox.raw("Sent"))) == (1, 3)
    assert unwanted.opened == 0


def test_an_imap_outage_costs_the_sent_copies_never_the_sending(sessions: sessionmaker[Session]) -> None:
    outbox, down = FakeOutbox(), Opener(down=True)

    with SentCopies(down, None, True) as sent:
        results = [send_once(sessions, outbox, message(n), "reminder", NOW, sent=sent) for n in range(2)]

    assert results == ["sent", "sent"] and len(outbox.sent) == 2
    assert down.opened == 1  # one failed connection a pass, not one a message


def test_a_refusal_is_recorded_failed_and_a_broken_connection_unknown(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mailbot.sending.RETRY_DELAYS", ())
    outbox = FakeOutbox()
    outbox.refuse(code=550)

    refused = send_once(sessions, outbox, message(1), "assignment", NOW)
    outbox.break_connection()
    broken = send_once(sessions, outbox, message(2), "assignment", NOW)

    assert (refused, broken) == ("failed", "unknown")
    assert statuses(sessions) == [("<m1@example.org>", "failed"), ("<m2@example.org>", "unknown")]


def test_a_refused_message_with_a_fixed_id_is_taken_over_only_when_asked(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mailbot.sending.RETRY_DELAYS", ())
    outbox = FakeOutbox()
    outbox.refuse(code=550)
    assert send_once(sessions, outbox, message(), "digest", NOW) == "failed"

    assert send_once(sessions, outbox, message(), "digest", NOW) is None
    assert send_once(sessions, outbox, message(), "digest", NOW, take_over_refused=True) == "sent"
    assert send_once(sessions, outbox, message(), "digest", NOW, take_over_refused=True) is None
    assert len(outbox.sent) == 1


def test_what_is_written_with_the_record_rolls_it_back_when_it_fails(sessions: sessionmaker[Session]) -> None:
    def refuse(_session: Session, _outgoing_id: int) -> None:
        raise LookupError("claimed by another pass")

    with pytest.raises(LookupError):
        send_once(sessions, FakeOutbox(), message(), "answer", NOW, also=refuse)

    assert statuses(sessions) == []
