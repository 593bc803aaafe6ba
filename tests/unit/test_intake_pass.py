"""The intake pass against the fakes, in milliseconds: one ``poll`` job as ``mailbot poll`` runs it,
with FakeMailbox for the inbox and FakeOutbox for the alerts. (Against Dovecot, end to end:
tests/integration/test_intake.py, test_trust.py, test_hostile_attacks.py.)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from mails import CORRESPONDENCE, HOSTILE_FILENAMES, WORRYING_ANSWERS, homework_mail
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from support.app import FakeApp, FakePractice, FakeServers, fake_config

from mailbot.db.models import Assignment, AuditEvent, Client, ClientEmail, FolderState, StoredAttachment
from mailbot.jobs import remind
from mailbot.mail.imap import Fetched, HeaderFields
from mailbot.passes import intake
from mailbot.passes.intake import IntakePass
from mailbot.passes.intake_outcomes import IntakeReport

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
    assert inbox(practice) == [] and len(practice.mailbox.raw("Homework/Ben Client")) == 1


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


RESCHEDULING = {"en-session": "Hi, could we move Thursday's session to 3pm? Best, Ben"}


@pytest.mark.parametrize(
    "body", (RESCHEDULING | CORRESPONDENCE).values(), ids=list(RESCHEDULING | CORRESPONDENCE)
)
def test_a_clients_mail_about_something_else_stays_in_the_inbox_unread_as_correspondence(
    practice: FakePractice, body: str
) -> None:
    ben_with(practice, "Mood log", type_="mood-log")
    practice.deliver(homework_mail(BEN, ADA, "Hallo", body), ARRIVED)

    said = practice.poll(LATER)

    assert practice.submissions() == [] and len(inbox(practice)) == 1 and nothing_read(practice)
    assert "1 left as correspondence" in said and "correspondence_left" in practice.audited()
    assert practice.mailbox.raw("Drafts") == []


@pytest.mark.parametrize(("body", "sentence"), WORRYING_ANSWERS.values(), ids=list(WORRYING_ANSWERS))
def test_a_worrying_answer_is_flagged_alerts_the_therapist_once_and_pauses_reminders(
    practice: FakePractice, body: str, sentence: str
) -> None:
    ben_with(practice, "Mood log", type_="mood-log")
    practice.deliver(homework_mail(BEN, ADA, "my homework", body, message_id="<sad@client.example>"), ARRIVED)

    said = practice.poll(LATER)
    practice.poll(LATER.replace(hour=12))

    [sub] = practice.submissions()
    assert sub.flags == ["risk"] and "1 RISK ALERTS" in said and "1 alerts sent" in said
    [alert] = practice.servers.outbox.sent
    assert alert["X-Mailbot"] == "risk-alert" and alert["In-Reply-To"] == "<sad@client.example>"
    assert str(alert["Subject"]).startswith("URGENT: Ben Client")
    assert alert["Auto-Submitted"] == "auto-generated"
    assert sentence in alert.get_content()  # type: ignore[attr-defined]
    assert reminders(practice) == "paused"
    with practice.sessions() as session:
        detail = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "risk_flagged")).one()
    assert sentence not in (detail or "") and "Ben" not in (detail or "")


def reminders(practice: FakePractice) -> str:
    with practice.sessions() as session:
        return session.scalars(select(Client.reminders)).one()


def test_after_an_alert_a_clients_resume_leaves_reminders_paused_for_the_therapist(
    practice: FakePractice,
) -> None:
    daily_mood_log(practice)
    practice.deliver(
        homework_mail(BEN, ADA, "log", "Situation: work\nI don't see the point of anything anymore."), ARRIVED
    )
    practice.poll(LATER)
    practice.deliver(homework_mail(BEN, ADA, "Re: reminders", "resume"), LATER)

    practice.poll(LATER.replace(hour=13))

    assert reminders(practice) == "paused" and "reminders_resume" in practice.audited()


def test_a_short_worrying_mail_by_sender_alone_is_filed_as_a_flagged_note(practice: FakePractice) -> None:
    ben_with(practice, "Mood log", type_="mood-log")
    practice.deliver(homework_mail(BEN, ADA, "hi", "I don't see the point of anything anymore."), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.kind, sub.flags, sub.occurrence_id) == ("note", ["risk"], None)
    assert [m["X-Mailbot"] for m in practice.servers.outbox.sent] == ["risk-alert"]


def test_an_alert_smtp_could_not_take_is_sent_by_the_next_poll_and_drafts_are_still_written(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Journal")
    practice.deliver(homework_mail(BEN, ADA, "journal", "Monday: I want to kill myself."), ARRIVED)
    practice.servers.smtp_down = True

    with pytest.raises(ConnectionRefusedError):
        practice.poll(LATER)
    assert practice.servers.outbox.sent == [] and len(practice.mailbox.raw("Drafts")) == 1

    practice.servers.smtp_down = False
    practice.poll(LATER.replace(hour=12))

    assert [m["X-Mailbot"] for m in practice.servers.outbox.sent] == ["risk-alert"]


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


# "copy_to": copied to its folder, expunged with the rest (UIDPLUS); "move": one MOVE (without it)
MOVE_WAYS = ["copy_to", "move"]


def moving_by(practice: FakePractice, way: str) -> None:
    if way == "move":
        practice.mailbox.capabilities.discard("UIDPLUS")


@pytest.mark.parametrize("way", MOVE_WAYS)
def test_a_crash_between_filing_and_moving_is_finished_by_the_next_pass(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    ben_with(practice, "Journal")
    moving_by(practice, way)
    practice.deliver(homework_mail(BEN, ADA), ARRIVED)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise ConnectionResetError("server went away")

    with monkeypatch.context() as patch, pytest.raises(ConnectionResetError):
        patch.setattr(practice.mailbox, way, crash)
        practice.poll(LATER)
    assert len(practice.submissions()) == 1 and len(inbox(practice)) == 1

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert sub.imap_state == "moved" and inbox(practice) == []
    assert len(practice.mailbox.raw("Homework/Ben Client")) == 1


@pytest.mark.parametrize("way", MOVE_WAYS)
def test_a_message_deleted_before_it_was_moved_is_recorded_gone_and_kept_on_disk(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    ben_with(practice, "Journal")
    moving_by(practice, way)
    uid = practice.deliver(homework_mail(BEN, ADA, "vanishing"), ARRIVED)
    real_way = getattr(practice.mailbox, way)

    def therapist_deletes_first(uids: list[int], folder: str, **kwargs: Any) -> list[int]:
        practice.mailbox.folders["INBOX"].messages.pop(uid)  # another mail client, meanwhile
        return real_way(uids, folder, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(practice.mailbox, way, therapist_deletes_first)
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


def test_a_reply_with_the_token_in_a_plus_address_is_filed_by_token(practice: FakePractice) -> None:
    _client, [_first, second] = ben_with(practice, "Thought record", "Reading")
    with practice.sessions() as session:
        token = session.scalars(select(Assignment.token).where(Assignment.id == second)).one()
    practice.deliver(homework_mail(BEN, f"ada+{token.lower()}@example.org"), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.assignment_id, sub.matched_by) == (second, "token")


def test_mail_naming_one_of_several_assignments_is_filed_by_content(practice: FakePractice) -> None:
    client = practice.add_client("Ben Client", BEN)
    practice.assign(
        client, "bibliotherapy", "Chapter 3 of Feeling Good", DUE, reading="Feeling Good, chapter 3"
    )
    log = practice.assign(client, "mood-log", "Daily mood log", DUE, stage=1)
    practice.deliver(homework_mail(BEN, ADA, "this week", "Here is my mood log for Monday."), ARRIVED)

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert (sub.assignment_id, sub.matched_by) == (log, "content")


@pytest.mark.parametrize("hostile", HOSTILE_FILENAMES)
def test_a_hostile_attachment_name_writes_nothing_outside_the_data_dir_and_files_are_private(
    practice: FakePractice, hostile: str
) -> None:
    ben_with(practice, "Journal")
    files = [(hostile, b"payload", "text/plain"), (hostile, b"payload 2", "text/plain")]
    practice.deliver(homework_mail(BEN, ADA, attachments=files), ARRIVED)

    practice.poll(LATER)

    with practice.sessions() as session:
        names = list(session.scalars(select(StoredAttachment.filename)))
    assert len(names) == 2 and len(set(names)) == 2
    data_dir = practice.app.config.storage.data_dir.resolve()
    stored = [p for p in data_dir.rglob("*") if p.is_file()]
    assert sum(1 for p in stored if p.read_bytes() in (b"payload", b"payload 2")) == 2
    assert all(p.resolve().is_relative_to(data_dir) for p in stored)
    for path in [data_dir, *data_dir.rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path


def test_broken_mail_from_a_client_is_filed_and_the_pass_goes_on(practice: FakePractice) -> None:
    ben_with(practice, "Journal", "Diary")
    broken = (
        b"From: ben@client.example\r\nTo: ada@example.org\r\n"
        b'Subject: =?x-unknown?B?////?=\r\nContent-Type: multipart/mixed; boundary="zz"\r\n\r\n'
        b"--zz\r\nContent-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"SGVyZSBpcyBteSBqb3VybmFs!!!\r\n"
    )
    practice.deliver(broken, ARRIVED)
    practice.deliver(homework_mail(BEN, ADA, "second"), ARRIVED)

    practice.poll(LATER)

    assert len(practice.submissions()) == 2 and inbox(practice) == []


def test_mail_in_the_inbox_before_mailbot_stays_where_it_is(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    servers = FakeServers()
    for n in range(200):
        old = homework_mail(BEN, ADA, f"Re: our work {n}", f"Here is what I did this week, part {n}.")
        servers.mailbox.deliver(
            old.replace(b"\n", b"\r\n"), when=datetime(2025, 1 + n % 12, 1 + n % 28, tzinfo=UTC)
        )
    practice = FakePractice(FakeApp(fake_config(tmp_path), NOW, sessions, servers))
    ben_with(practice, "Mood log", type_="mood-log")

    practice.poll(LATER)

    assert practice.submissions() == [] and len(inbox(practice)) == 200 and nothing_read(practice)
    assert "Homework/Ben Client" not in practice.mailbox.folders
    practice.deliver(homework_mail(BEN, ADA, "log", "Here is my mood log: Monday sad 60, Tuesday 40."), LATER)
    practice.poll(LATER.replace(hour=13))
    assert len(practice.submissions()) == 1


def test_mail_read_again_after_a_uidvalidity_change_is_filed_only_if_newer_than_its_assignment(
    practice: FakePractice,
) -> None:
    ben_with(practice, "Mood log", type_="mood-log")  # made at NOW, 23 November
    for day, text in ((20, "Here is what I did last week."), (23, "Here is what I did this week.")):
        practice.deliver(
            homework_mail(BEN, ADA, "my homework", text), datetime(2026, 11, day, 11, 30, tzinfo=UTC)
        )
    practice.mailbox.reset_uidvalidity("INBOX")

    practice.poll(LATER)

    [sub] = practice.submissions()
    assert sub.received_at.date().day == 23 and len(inbox(practice)) == 1


def test_a_report_copy_is_equal_and_independent() -> None:
    report = IntakeReport(new=3, filed=2, submission_ids=[1, 2], refusals=["folder refused"])

    copied = report.copy()
    copied.filed += 1
    copied.submission_ids.append(3)
    copied.refusals.append("another")

    assert report == IntakeReport(new=3, filed=2, submission_ids=[1, 2], refusals=["folder refused"])
    assert copied.submission_ids == [1, 2, 3] and copied.new == 3


def test_only_a_pass_over_many_messages_keeps_the_collector_off_what_outlives_it() -> None:
    import gc

    from mailbot.passes.collector import FREEZE_FROM, GC_YOUNG, collector_kept_off

    thresholds = gc.get_threshold()
    with collector_kept_off(FREEZE_FROM - 1):
        assert (gc.get_freeze_count(), gc.get_threshold()) == (0, thresholds)
    with collector_kept_off(FREEZE_FROM):
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[0] == GC_YOUNG
    assert (gc.get_freeze_count(), gc.get_threshold()) == (0, thresholds)


def batches_of_three(
    tmp_path: Path, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> FakePractice:
    """Ben's practice with header batches of three messages, filed two at a time, and its inbox:
    three answers, three strangers' mails (a batch left alone whole), one more answer."""
    monkeypatch.setattr(intake, "HEADER_BATCH", 3)
    practice = FakePractice.at(NOW, tmp_path, sessions, intake={"batch_size": 2})
    ben_with(practice, "Journal")
    for n in range(3):
        practice.deliver(
            homework_mail(BEN, ADA, body=f"Answer {n}.", message_id=f"<a{n}@c.example>"), ARRIVED
        )
    for n in range(3):
        practice.deliver(homework_mail(f"friend{n}@elsewhere.example", ADA, "lunch?"), ARRIVED)
    practice.deliver(homework_mail(BEN, ADA, body="Answer 3.", message_id="<a3@c.example>"), ARRIVED)
    return practice


ONE_AHEAD = [
    ("header", [1, 2, 3]),
    ("file", [1, 2]),
    ("header", [4, 5, 6]),
    ("file", [3]),
    ("advance", 3),
    ("header", [7]),
    ("advance", 6),
    ("file", [7]),
    ("advance", 7),
]
TWO_AHEAD = [
    ("header", [1, 2, 3]),
    ("header", [4, 5, 6]),
    ("file", [1, 2]),
    ("header", [7]),
    ("file", [3]),
    ("advance", 3),
    ("advance", 6),
    ("file", [7]),
    ("advance", 7),
]


@pytest.mark.parametrize(("read_ahead", "expected"), [(1, ONE_AHEAD), (2, TWO_AHEAD)])
def test_the_next_header_batch_is_read_before_the_last_group_is_filed_and_committed_after_it(
    tmp_path: Path,
    sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    read_ahead: int,
    expected: list[tuple[str, object]],
) -> None:
    practice = batches_of_three(tmp_path, sessions, monkeypatch)
    monkeypatch.setattr(intake, "READ_AHEAD", read_ahead)
    events: list[tuple[str, object]] = []
    real_header, real_file, real_advance = (
        IntakePass.worth_reading,
        IntakePass._file_group,
        IntakePass._advance,
    )

    def header(self: IntakePass, uids: Sequence[int]) -> list[HeaderFields]:
        events.append(("header", list(uids)))
        return real_header(self, uids)

    def file_group(self: IntakePass, fetched: Sequence[tuple[Fetched, object]], *rest: Any) -> None:
        events.append(("file", [m.uid for m, _large in fetched]))
        real_file(self, fetched, *rest)

    def advance(self: IntakePass, highest: int) -> None:
        events.append(("advance", highest))
        real_advance(self, highest)

    monkeypatch.setattr(IntakePass, "worth_reading", header)
    monkeypatch.setattr(IntakePass, "_file_group", file_group)
    monkeypatch.setattr(IntakePass, "_advance", advance)

    said = practice.poll(LATER)

    assert events == expected
    assert len(practice.submissions()) == 4 and "3 left alone" in said


def test_a_crash_in_the_next_batchs_header_pass_files_the_rest_once_in_the_next_pass(
    tmp_path: Path, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = batches_of_three(tmp_path, sessions, monkeypatch)
    real_header = IntakePass.worth_reading

    def header(self: IntakePass, uids: Sequence[int]) -> list[HeaderFields]:
        if uids[0] == 4:
            raise ConnectionError("the server went away")
        return real_header(self, uids)

    monkeypatch.setattr(IntakePass, "worth_reading", header)
    with pytest.raises(ConnectionError):
        practice.poll(LATER)
    with practice.sessions() as session:
        state = session.get(FolderState, "INBOX")
        assert state is not None and state.last_uid == 0  # batch 1's last group is not filed yet
    assert len(practice.submissions()) < 3
    monkeypatch.setattr(IntakePass, "worth_reading", real_header)

    said = practice.poll(LATER)

    assert sorted(s.source_uid for s in practice.submissions()) == [1, 2, 3, 7]
    assert "0 duplicates" in said
