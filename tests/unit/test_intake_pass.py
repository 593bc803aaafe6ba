"""The intake pass against the fakes, in milliseconds: one ``poll`` job as ``mailbot poll`` runs it,
with FakeMailbox for the inbox and FakeOutbox for the alerts. (Against Dovecot, end to end:
tests/integration/test_intake.py, test_trust.py, test_hostile_attacks.py.)"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from mails import homework_mail
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.app import FakePractice

from mailbot.db.models import Assignment, Client, ClientEmail
from mailbot.jobs import remind

SEEN = b"\\Seen"
NOW = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
ARRIVED = datetime(2026, 11, 23, 11, 15, tzinfo=UTC)
LATER = datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
DUE = datetime(2026, 11, 30, 19, 0, tzinfo=UTC)
BEN = "ben@client.example"
ADA = "ada@example.org"


@pytest.fixture
def practice(tmp_path: Path, sessions: sessionmaker[Session]) -> FakePractice:
    return FakePractice.at(NOW, tmp_path, sessions)


def ben_with(practice: FakePractice, *titles: str, type_: str = "journal") -> tuple[int, list[int]]:
    """Ben, a client, with one assignment of ``type_`` per title."""
    client = practice.add_client("Ben Client", BEN)
    return client, [practice.assign(client, type_, title, DUE) for title in titles]


def inbox(practice: FakePractice) -> list[bytes]:
    return practice.mailbox.raw("INBOX")


def nothing_read(practice: FakePractice) -> bool:
    """No client mail marked read (Drafts holds mailbot's own drafts, \\Seen on purpose)."""
    return all(
        SEEN not in flags
        for box in ("INBOX", "Homework/Ben Client", "Homework/Triage")
        if box in practice.mailbox.folders
        for flags in practice.mailbox.flags(box).values()
    )


def test_a_clients_answer_is_filed_by_sender_and_moved_to_their_folder_unread(practice: FakePractice) -> None:
    _client, [journal] = ben_with(practice, "Journal")
    practice.deliver(homework_mail(BEN.upper(), ADA, "hi", "done!"), ARRIVED)

    said = practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.assignment_id, sub.matched_by, sub.status, sub.imap_state) == (
        journal,
        "sender",
        "filed",
        "moved",
    )
    assert inbox(practice) == [] and len(practice.mailbox.raw("Homework/Ben Client")) == 1
    assert nothing_read(practice)
    assert said.startswith("1 new, 1 filed, 0 to triage, 0 left alone, 0 duplicates, 0 failed, 1 moved")


def test_a_reply_naming_one_of_several_assignments_by_token_is_filed_by_token(practice: FakePractice) -> None:
    _client, [_first, second] = ben_with(practice, "Thought record", "Reading")
    with practice.sessions() as session:
        token = session.scalars(select(Assignment.token).where(Assignment.id == second)).one()
    practice.deliver(homework_mail(BEN, ADA, f"Re: homework [{token}]"), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.assignment_id, sub.matched_by, sub.status) == (second, "token", "filed")


def test_a_reply_in_the_thread_of_mailbots_mail_is_filed_by_thread(practice: FakePractice) -> None:
    _client, [first, _second] = ben_with(practice, "Journal", "Diary")
    thread = practice.send_assignment(first)
    practice.deliver(homework_mail(BEN, ADA, "Re: your homework", in_reply_to=thread), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.assignment_id, sub.matched_by) == (first, "thread")


def test_ambiguous_mail_goes_to_triage_and_the_triage_folder(practice: FakePractice) -> None:
    client = practice.add_client("Ben Client", BEN)
    practice.assign(client, "journal", "Journal", DUE)
    practice.assign(client, "exposure", "Exposure ladder", DUE, steps=[{"step": "a", "suds": 10}], current=0)
    practice.deliver(homework_mail(BEN, ADA, "stuff", "see attached thoughts"), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.status, sub.assignment_id, sub.matched_by) == ("triage", None, None)
    assert len(practice.mailbox.raw("Homework/Triage")) == 1 and inbox(practice) == []


def test_a_strangers_mail_and_a_newsletter_stay_in_the_inbox_unread_and_unrecorded(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Journal")
    practice.deliver(
        homework_mail("news@shop.example", ADA, "Black Friday!", headers={"List-Id": "<deals.shop.example>"}),
        ARRIVED,
    )
    practice.deliver(homework_mail("friend@elsewhere.example", ADA, "lunch?"), ARRIVED)

    said = practice.poll(LATER)

    assert practice.submissions() == [] and len(inbox(practice)) == 2 and nothing_read(practice)
    assert "2 left alone" in said and "left_alone" not in practice.audited()


def test_the_same_mail_delivered_twice_is_filed_once_and_the_copy_left_where_it_is(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Journal")
    raw = homework_mail(BEN, ADA, message_id="<twice@client.example>")
    practice.deliver(b"Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\r\n" + raw, ARRIVED)
    practice.deliver(b"Received: from c by d; Mon, 23 Nov 2026 10:00:05 +0000\r\n" + raw, ARRIVED)

    said = practice.poll(LATER)

    assert len(practice.submissions()) == 1 and "1 duplicates" in said
    assert len(inbox(practice)) + len(practice.mailbox.raw("Homework/Ben Client")) == 2
    assert "duplicate_left_alone" in practice.audited()


def test_a_second_poll_changes_nothing(practice: FakePractice) -> None:
    ben_with(practice, "Journal")
    practice.deliver(homework_mail(BEN, ADA), ARRIVED)
    practice.poll(LATER)
    before = (
        [(s.id, s.imap_state) for s in practice.submissions()],
        practice.mailbox.raw("Homework/Ben Client"),
    )

    said = practice.poll(LATER)

    assert (
        [(s.id, s.imap_state) for s in practice.submissions()],
        practice.mailbox.raw("Homework/Ben Client"),
    ) == before
    assert said.startswith("0 new")


def test_an_out_of_office_reply_from_a_client_is_left_in_the_inbox_and_recorded_why(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Journal")
    away = homework_mail(
        BEN,
        ADA,
        "Automatic reply: your homework",
        "I am away until Monday.",
        headers={"Auto-Submitted": "auto-replied"},
    )
    practice.deliver(away, ARRIVED)

    practice.poll(LATER)

    assert practice.submissions() == [] and len(inbox(practice)) == 1
    assert "left_alone" in practice.audited()


def bounce(client: str, returned_id: str | None) -> bytes:
    returned = (
        f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {returned_id}\r\nTo: {client}\r\n\r\n"
        if returned_id
        else ""
    )
    return (
        f"From: MAILER-DAEMON@mx.example\r\nTo: {ADA}\r\nSubject: Undelivered Mail\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
        f"Final-Recipient: rfc822; {client}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n{returned}--b--\r\n"
    ).encode()


def daily_mood_log(practice: FakePractice) -> None:
    client = practice.add_client("Ben Client", BEN)
    first = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    practice.assign(client, "mood-log", "Mood log", first, "daily", 5, stage=1)


def bounced_at(practice: FakePractice) -> datetime | None:
    with practice.sessions() as session:
        return session.scalars(select(ClientEmail.bounced_at).where(ClientEmail.address == BEN)).one()


def test_a_bounce_of_mailbots_own_mail_stops_mail_to_that_address(practice: FakePractice) -> None:
    daily_mood_log(practice)
    evening = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)
    assert remind(practice.app.at(evening)).startswith("1 reminder")
    [reminder] = practice.servers.outbox.sent
    practice.deliver(bounce(BEN, str(reminder["Message-ID"])), evening)

    practice.poll(evening.replace(hour=19))

    assert bounced_at(practice) is not None and "address_bounced" in practice.audited()
    assert remind(practice.app.at(evening.replace(day=25))).startswith("0 reminder")
    assert practice.submissions() == [] and len(inbox(practice)) == 1


def test_a_bounce_naming_no_mail_of_mailbots_stops_nothing(practice: FakePractice) -> None:
    daily_mood_log(practice)
    practice.deliver(bounce(BEN, None), ARRIVED)
    practice.deliver(bounce(BEN, "<guessed.1@example.org>"), ARRIVED)

    practice.poll(LATER)

    assert bounced_at(practice) is None and practice.audited().count("bounce_ignored") == 2


def test_a_clients_mail_about_something_else_stays_in_the_inbox_unread_as_correspondence(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Mood log", type_="mood-log")
    practice.deliver(
        homework_mail(BEN, ADA, "Thursday", "Hi, could we move Thursday's session to 3pm? Best, Ben"), ARRIVED
    )

    said = practice.poll(LATER)

    assert practice.submissions() == [] and len(inbox(practice)) == 1 and nothing_read(practice)
    assert "1 left as correspondence" in said and "correspondence_left" in practice.audited()
    assert practice.mailbox.raw("Drafts") == []


def test_a_worrying_answer_is_flagged_alerts_the_therapist_once_and_pauses_reminders(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Mood log", type_="mood-log")
    body = "Situation: at home\nEmotion: sad 90\nAutomatic thought: nobody would notice if I disappeared."
    practice.deliver(homework_mail(BEN, ADA, "my homework", body, message_id="<sad@client.example>"), ARRIVED)

    said = practice.poll(LATER)
    practice.poll(LATER.replace(hour=12))

    [sub] = practice.submissions()
    assert sub.flags == ["risk"] and "1 RISK ALERTS" in said and "1 alerts sent" in said
    [alert] = practice.servers.outbox.sent
    assert alert["X-Mailbot"] == "risk-alert" and alert["In-Reply-To"] == "<sad@client.example>"
    assert "nobody would notice if I disappeared" in alert.get_content()  # type: ignore[attr-defined]
    with practice.sessions() as session:
        assert session.scalars(select(Client.reminders)).one() == "paused"


def test_correspondence_with_worrying_words_stays_in_the_inbox_and_still_alerts(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Mood log", type_="mood-log")
    practice.deliver(
        homework_mail(BEN, ADA, "Thursday", "Can we cancel Thursday's session? I want to end my life."),
        ARRIVED,
    )

    practice.poll(LATER)

    assert practice.submissions() == [] and len(inbox(practice)) == 1
    assert [m["X-Mailbot"] for m in practice.servers.outbox.sent] == ["risk-alert"]


def test_a_crash_between_filing_and_moving_is_finished_by_the_next_pass(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    ben_with(practice, "Journal")
    practice.deliver(homework_mail(BEN, ADA), ARRIVED)

    def crash(*_args: object) -> None:
        raise ConnectionResetError("server went away")

    with monkeypatch.context() as patch, pytest.raises(ConnectionResetError):
        patch.setattr(practice.mailbox, "move", crash)
        practice.poll(LATER)
    assert len(practice.submissions()) == 1 and len(inbox(practice)) == 1

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert sub.imap_state == "moved" and inbox(practice) == []
    assert len(practice.mailbox.raw("Homework/Ben Client")) == 1


def test_a_message_deleted_before_it_was_moved_is_recorded_gone_and_kept_on_disk(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    ben_with(practice, "Journal")
    uid = practice.deliver(homework_mail(BEN, ADA, "vanishing"), ARRIVED)
    real_move = practice.mailbox.move

    def therapist_deletes_first(uids: list[int], folder: str) -> list[int]:
        practice.mailbox.folders["INBOX"].messages.pop(uid)  # another mail client, meanwhile
        return real_move(uids, folder)

    monkeypatch.setattr(practice.mailbox, "move", therapist_deletes_first)
    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.status, sub.imap_state) == ("filed", "gone") and "message_gone" in practice.audited()
    assert b"vanishing" in Path(sub.raw_path).read_bytes()
    assert practice.mailbox.raw("Homework/Ben Client") == []


def test_a_client_folder_the_therapist_deleted_is_made_again_for_the_next_mail(
    practice: FakePractice,
) -> None:
    client = practice.add_client("Ben Client", BEN)
    practice.assign(client, "journal", "Journal", DUE, "daily", 7)  # not closed by the first answer
    practice.deliver(homework_mail(BEN, ADA, "one"), ARRIVED)
    practice.poll(LATER)
    del practice.mailbox.folders["Homework/Ben Client"]
    practice.deliver(homework_mail(BEN, ADA, "two"), ARRIVED)

    practice.poll(LATER)

    assert len(practice.submissions()) == 2 and inbox(practice) == []
    assert len(practice.mailbox.raw("Homework/Ben Client")) == 1


def test_a_changed_uidvalidity_reads_the_inbox_again_without_duplicates(practice: FakePractice) -> None:
    ben_with(practice, "Journal", "Diary")
    practice.deliver(homework_mail(BEN, ADA, "Journal", message_id="<a@client.example>"), ARRIVED)
    practice.deliver(homework_mail("friend@elsewhere.example", ADA), ARRIVED)
    practice.poll(LATER)
    practice.deliver(homework_mail(BEN, ADA, "Journal", message_id="<b@client.example>"), ARRIVED)
    practice.mailbox.reset_uidvalidity("INBOX")

    practice.poll(LATER)

    assert sorted(s.message_id for s in practice.submissions()) == [
        "<a@client.example>",
        "<b@client.example>",
    ]
    assert len(inbox(practice)) == 1 and "uidvalidity_changed" in practice.audited()


def test_a_question_in_an_assignments_thread_becomes_a_note_that_credits_nothing(
    practice: FakePractice,
) -> None:
    _client, [log] = ben_with(practice, "Mood log", type_="mood-log")
    thread = practice.send_assignment(log)
    question = "I couldn't do it this week, is that ok?"
    practice.deliver(homework_mail(BEN, ADA, "Re: your homework", question, in_reply_to=thread), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.kind, sub.matched_by, sub.assignment_id, sub.flags, sub.occurrence_id) == (
        "note",
        "thread",
        log,
        [],
        None,
    )
