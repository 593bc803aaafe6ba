"""Mail control against the fakes, in milliseconds: what the therapist tells mailbot through her
Sent folder is carried out once and answered once; the same words in the inbox do nothing.
(Against Dovecot, end to end: tests/integration/test_mail_control.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from mails import homework_mail
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.app import FakePractice, breaking_on

from mailbot.db.models import Assignment, Client
from mailbot.passes import mail_control

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WROTE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
ADA = "ada@example.org"
ANNA = "anna@client.example"


@pytest.fixture
def practice(tmp_path: Path, sessions: sessionmaker[Session]) -> FakePractice:
    """Anna, a client, with a daily lift ladder."""
    practice = FakePractice.at(NOW, tmp_path, sessions)
    anna = practice.add_client("Anna Lima", ANNA)
    steps = [{"step": "look at a lift", "suds": 20}, {"step": "ride one floor", "suds": 50}]
    due = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)
    practice.assign(anna, "exposure", "Lift ladder", due, "daily", 7, steps=steps, current=0, history=[])
    return practice


def written(
    to: str, subject: str, body: str, when: datetime = WROTE, in_reply_to: str | None = None
) -> tuple[bytes, str]:
    """A mail as her mail client writes it, and its Message-ID."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"Dr. Ada Example <{ADA}>", to, subject
    msg["Date"], msg["Message-ID"] = format_datetime(when), (mid := make_msgid(domain="example.org"))
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    msg.set_content(body)
    return bytes(msg), mid


def command_mail(practice: FakePractice, text: str, when: datetime = WROTE) -> str:
    """A mail to herself carrying ``text``: saved in Sent, and delivered to her inbox as well."""
    raw, mid = written(ADA.replace("@", "+mailbot@"), "mailbot", text, when)
    practice.save_in_sent(raw, when)
    practice.deliver(raw, when)
    return mid


def answers(practice: FakePractice) -> dict[str, str]:
    """mailbot's answers to her, by the Message-ID they answer: their text."""
    return {
        str(m["In-Reply-To"]): m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        for m in practice.servers.outbox.sent
        if m["X-Mailbot"] == "answer"
    }


def ladder_step(practice: FakePractice) -> int:
    with practice.sessions() as session:
        details = session.scalars(select(Assignment.details).where(Assignment.type == "exposure")).one()
    return int(details["current"])


def reminders(practice: FakePractice) -> str:
    with practice.sessions() as session:
        return session.scalars(select(Client.reminders)).one()


def message_ids(practice: FakePractice, folder: str) -> list[str]:
    return [str(message_from_bytes(raw)["Message-ID"]) for raw in practice.mailbox.raw(folder)]


def test_each_command_in_a_sent_mail_is_carried_out_once_answered_once_and_tidied(
    practice: FakePractice,
) -> None:
    mid = command_mail(practice, "advance Anna ladder\npause Anna\ndance a jig\n\nSent from my iPhone")

    said = practice.poll(WROTE + timedelta(minutes=1))
    practice.poll(WROTE + timedelta(minutes=2))  # a second pass repeats nothing

    assert (ladder_step(practice), reminders(practice)) == (1, "paused")
    assert practice.audited().count("reminders_paused") == 1
    [body] = answers(practice).values()
    assert list(answers(practice)) == [mid] and "1 command mails" in said
    assert body.count("\n  done: ") == 2 and body.count("NOT DONE") == 1 and "dance a jig" in body
    assert mid not in message_ids(practice, "Sent") + message_ids(practice, "INBOX")
    assert message_ids(practice, "Mailbot").count(mid) == 2  # her Sent copy and the inbox copy


def test_a_forged_command_in_the_inbox_does_nothing(practice: FakePractice) -> None:
    raw, _mid = written(ADA, "mailbot", "advance Anna ladder\npause Anna")
    practice.deliver(raw, WROTE)  # From her own address, but only in the inbox: anyone can write that

    practice.poll(WROTE + timedelta(minutes=1))

    assert (ladder_step(practice), reminders(practice)) == (0, "on")
    assert answers(practice) == {} and len(practice.mailbox.raw("INBOX")) == 1


def test_a_note_to_herself_is_left_where_it_is_and_not_answered(practice: FakePractice) -> None:
    raw, mid = written(ADA, "insurer", "Remember: call the insurer about Anna")
    practice.save_in_sent(raw, WROTE)
    practice.deliver(raw, WROTE)

    practice.poll(WROTE + timedelta(minutes=5))

    assert answers(practice) == {}
    assert (message_ids(practice, "Sent"), message_ids(practice, "INBOX")) == ([mid], [mid])


def test_homework_written_to_a_client_in_her_mail_client_is_set_and_the_client_sent_nothing(
    practice: FakePractice,
) -> None:
    body = "Homework: mood log\nDue: daily at 21:00 until 7 December\n\nDear Anna,\nas we said today..."
    raw, mid = written(f"Anna Lima <{ANNA}>", "Your mood log", body)
    practice.save_in_sent(raw, WROTE)

    said = practice.poll(WROTE + timedelta(minutes=5))

    with practice.sessions() as session:
        log = session.scalars(select(Assignment).where(Assignment.type == "mood-log")).one()
        assert (log.title, len(log.occurrences)) == ("Mood log", 7)
    assert "1 homework mails" in said
    assert [m["To"].addresses[0].addr_spec for m in practice.servers.outbox.sent] == [ADA]
    assert "7 times, from Tue 01 Dec 21:00 to Mon 07 Dec 21:00" in answers(practice)[mid]
    assert message_ids(practice, "Sent")[0] == mid  # her mail to Anna stays where it is


def test_a_mail_that_breaks_mailbot_is_answered_and_the_next_one_still_carried_out(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_control, "carry_out", breaking_on("pause Anna"))
    broken = command_mail(practice, "advance Anna ladder\npause Anna")
    fine = command_mail(practice, "advance Anna ladder", WROTE + timedelta(minutes=1))

    practice.poll(WROTE + timedelta(minutes=5))

    replies = answers(practice)
    assert "nothing in it was done" in replies[broken] and "done: " in replies[fine]
    assert ladder_step(practice) == 1  # the broken mail's advance was rolled back


def test_every_kind_of_command_in_one_mail_is_carried_out_once(practice: FakePractice) -> None:
    anna = 1
    journal = practice.assign(
        anna, "journal", "Journal", datetime(2026, 12, 5, 19, 0, tzinfo=UTC), "daily", 7
    )
    mood = practice.assign(
        anna, "mood-log", "Mood log", datetime(2026, 12, 5, 19, 0, tzinfo=UTC), "daily", 7, stage=1
    )
    with practice.sessions() as session:
        token = session.scalars(select(Assignment.token).where(Assignment.id == mood)).one()
    practice.deliver(homework_mail(ANNA, ADA, "stuff", "see my thoughts"), NOW)
    for n in (1, 2):
        practice.deliver(
            homework_mail(ANNA, ADA, f"log [{token}]", f"Situation: {n}\nEmotion: sad 6{n}"), NOW
        )
    practice.poll(NOW + timedelta(minutes=30))
    triage, filed, filed2 = (s.id for s in sorted(practice.submissions(), key=lambda s: s.status != "triage"))
    text = "\n".join(
        [
            f"triage {triage} to {journal}",
            f"done {filed}",
            f"skip {filed2} not needed",
            "pause Anna",
            "resume Anna",
            "stage 2 Anna mood log",
            "advance Anna ladder",
            f"close {journal}",
            "brief Anna",
            "dance a jig",
        ]
    )
    mid = command_mail(practice, text)

    practice.poll(WROTE + timedelta(minutes=1))
    practice.poll(WROTE + timedelta(minutes=2))

    [(answered, body)] = answers(practice).items()
    assert answered == mid and body.count("\n  done: ") == 9 and body.count("NOT DONE") == 1, body
    assert "SESSION BRIEF: Anna" in body
    assert ladder_step(practice) == 1 and reminders(practice) == "on"
    with practice.sessions() as session:
        assert session.get(Assignment, mood).details["stage"] == 2  # type: ignore[union-attr]
    assert [s.status for s in practice.submissions()] == ["filed", "filed", "filed"]
    assert len(practice.mailbox.raw("Homework/Anna Lima")) == 3  # the settled triage moved too
    assert practice.audited().count("reminders_paused") == 1


def mood_logs(practice: FakePractice) -> list[int]:
    """How many times each mood log set for Anna is due."""
    with practice.sessions() as session:
        logs = session.scalars(select(Assignment).where(Assignment.type == "mood-log")).all()
        return [len(log.occurrences) for log in logs]


def test_an_unreadable_block_is_answered_with_what_to_fix_and_a_reply_sets_it(practice: FakePractice) -> None:
    raw, mid = written(ANNA, "Mood log", "Homework: mood log\nDeu: dialy at 21\n\nDear Anna,")
    practice.save_in_sent(raw, WROTE)
    practice.poll(WROTE + timedelta(minutes=1))
    practice.poll(WROTE + timedelta(minutes=2))
    assert mood_logs(practice) == []
    [(answered, text)] = answers(practice).items()
    assert answered == mid and 'did you mean "Due:"' in text and "no homework" in text
    [question] = practice.servers.outbox.sent

    fix, _fix_mid = written(
        ADA,
        "Re: Mood log",
        "Homework: mood log\nDue: daily at 21:00 until 7 December",
        WROTE + timedelta(minutes=10),
        in_reply_to=str(question["Message-ID"]),
    )
    practice.save_in_sent(fix, WROTE + timedelta(minutes=10))
    practice.poll(WROTE + timedelta(minutes=11))

    assert mood_logs(practice) == [7]
    practice.deliver(
        homework_mail(ANNA, ADA, "Re: Mood log", "Situation: bus", in_reply_to=mid),
        WROTE + timedelta(hours=12),
    )
    practice.poll(WROTE + timedelta(hours=13))
    assert [s.matched_by for s in practice.submissions()] == ["thread"]
    assert "Now set" in list(answers(practice).values())[-1]
