"""The reply drafts and the Sent scan against the fakes, in milliseconds: a filed answer gets one
threaded draft in Drafts, never twice, and her reply found in Sent settles the 24-hour promise.
(Against Dovecot, end to end: tests/integration/test_feedback_drafts.py, test_feedback_settled.py,
test_sent_scan.py.)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from mails import homework_mail
from sqlalchemy.orm import Session, sessionmaker
from support.app import FakeApp, FakePractice, FakeServers, fake_config

from mailbot.mail.imap import Fetched

NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
ARRIVED = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
POLLED = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)
BEN = "ben@client.example"
ADA = "ada@example.org"
MOOD = (
    "Situation: meeting with my boss\nTrigger: he frowned\nAutomatic thought: I'll be fired\n"
    "Emotion: anxious 80%"
)


def practice_with_a_daily_mood_log(
    tmp_path: Path, sessions: sessionmaker[Session], **sections: dict[str, object]
) -> FakePractice:
    practice = FakePractice.at(NOW, tmp_path, sessions, **sections)
    a_daily_mood_log(practice)
    return practice


def a_daily_mood_log(practice: FakePractice) -> None:
    ben = practice.add_client("Ben Client", BEN)
    practice.assign(
        ben, "mood-log", "Mood log", datetime(2026, 11, 2, 20, 0, tzinfo=UTC), "daily", 7, stage=1
    )


@pytest.fixture
def practice(tmp_path: Path, sessions: sessionmaker[Session]) -> FakePractice:
    return practice_with_a_daily_mood_log(tmp_path, sessions)


def answer(
    practice: FakePractice, when: datetime = ARRIVED, body: str = MOOD, in_reply_to: str | None = None
) -> str:
    """Ben's mood log arriving at ``when``; its Message-ID."""
    mid = make_msgid(domain="client.example")
    practice.deliver(
        homework_mail(BEN, ADA, "my mood log", body, message_id=mid, in_reply_to=in_reply_to), when
    )
    return mid


def drafts(practice: FakePractice) -> list[EmailMessage]:
    return [message_from_bytes(raw, policy=policy.default) for raw in practice.mailbox.raw("Drafts")]  # type: ignore[misc]


def her_reply(
    practice: FakePractice, to: str, when: datetime, marker: str | None = None, references: Sequence[str] = ()
) -> None:
    """The therapist's reply to ``to``, sent from her mail client (from the draft: ``marker``)."""
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = ADA, BEN, "Re: my mood log"
    reply["Date"], reply["Message-ID"] = format_datetime(when), make_msgid(domain="example.org")
    reply["In-Reply-To"], reply["References"] = to, " ".join([*references, to])
    if marker:
        reply["X-Mailbot-Draft"] = marker
    reply.set_content("Well done, Ben.")
    practice.save_in_sent(bytes(reply), when)


def test_a_filed_answer_gets_exactly_one_threaded_draft_with_a_summary(practice: FakePractice) -> None:
    mid = answer(practice)

    said = practice.poll(POLLED)
    practice.poll(POLLED + timedelta(minutes=5))

    [draft] = drafts(practice)
    assert "1 drafts written" in said and practice.mailbox.flags("Drafts") == {1: {b"\\Draft", b"\\Seen"}}
    assert (draft["From"].addresses[0].addr_spec, draft["To"].addresses[0].addr_spec) == (ADA, BEN)
    assert str(draft["Subject"]) == "Re: my mood log" and draft["X-Mailbot-Draft"]
    assert draft["In-Reply-To"] == mid and mid in str(draft["References"])
    body = draft.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Ben,") and "anxious 80/100" in body
    assert "When you thought" not in body  # a reframe prompt is for the therapist: in the digest
    assert "[" not in body.split(" wrote:")[0]
    assert "wrote:\n> Situation: meeting with my boss" in body


def test_a_draft_the_therapist_deleted_is_not_written_again(practice: FakePractice) -> None:
    answer(practice)
    practice.poll(POLLED)
    practice.mailbox.delete("Drafts", [1])

    practice.poll(POLLED + timedelta(hours=1))

    assert drafts(practice) == []


def test_a_draft_appended_before_the_connection_broke_is_not_written_twice(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(practice)
    real_append = practice.mailbox.append

    def append_then_break(*args: object, **kwargs: object) -> int | None:
        real_append(*args, **kwargs)  # type: ignore[arg-type]
        raise ConnectionResetError("gone after APPEND")

    with monkeypatch.context() as patch, pytest.raises(ConnectionResetError):
        patch.setattr(practice.mailbox, "append", append_then_break)
        practice.poll(POLLED)

    practice.poll(POLLED + timedelta(minutes=5))

    assert len(drafts(practice)) == 1


def test_with_client_day_two_answers_of_a_day_share_one_draft_that_replaces_the_first(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    practice = practice_with_a_daily_mood_log(tmp_path, sessions, feedback={"combine": "client-day"})
    answer(practice)
    practice.poll(POLLED)
    answer(
        practice,
        ARRIVED + timedelta(hours=2),
        "Situation: bus\nAutomatic thought: everyone stares\nEmotion: shame 60",
    )

    practice.poll(POLLED + timedelta(hours=2))

    [draft] = drafts(practice)
    body = draft.get_content().replace("\r\n", "\n")
    assert "anxious 80/100" in body and "shame 60/100" in body


def test_her_reply_sent_from_the_draft_settles_the_promise_at_the_time_she_sent_it(
    practice: FakePractice,
) -> None:
    mid = answer(practice)
    practice.poll(POLLED)
    [draft] = drafts(practice)
    sent_at = datetime(2026, 11, 2, 16, 30, tzinfo=UTC)
    her_reply(practice, mid, sent_at, str(draft["X-Mailbot-Draft"]))

    said = practice.feedback_scan(sent_at + timedelta(hours=1))

    assert said == "1 submissions answered" and practice.replied() == {1: sent_at}


def test_a_reply_from_her_phone_without_the_draft_counts_too(practice: FakePractice) -> None:
    mid = answer(practice)
    practice.poll(POLLED)
    sent_at = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    her_reply(practice, mid, sent_at)

    practice.feedback_scan(sent_at + timedelta(hours=1))

    assert practice.replied() == {1: sent_at}


def test_the_sent_scan_reads_only_what_she_sent_after_init_and_each_mail_once(
    tmp_path: Path, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    servers = FakeServers()  # given years of her own mail in Sent before mailbot was set up
    for n in range(30):
        old = f"From: {ADA}\r\nTo: x@y.example\r\nSubject: old {n}\r\nMessage-ID: <old{n}@example.org>\r\n\r\nHi\r\n"
        servers.mailbox.append("Sent", old.encode(), [b"\\Seen"], NOW - timedelta(days=n + 1))
    practice = FakePractice(FakeApp(fake_config(tmp_path), NOW, sessions, servers))
    a_daily_mood_log(practice)
    mid = answer(practice)
    practice.poll(POLLED)
    her_reply(practice, mid, POLLED + timedelta(hours=1))
    read: list[int] = []
    fetch_headers = practice.mailbox.fetch_headers

    def counting(uids: Sequence[int]) -> list[Fetched]:
        read.extend(uids)
        return fetch_headers(uids)

    monkeypatch.setattr(practice.mailbox, "fetch_headers", counting)

    first = practice.feedback_scan(POLLED + timedelta(hours=2))
    again = practice.feedback_scan(POLLED + timedelta(hours=3))

    assert (first, again) == ("1 submissions answered", "0 submissions answered") and read == [31]


@pytest.mark.parametrize(("combine", "settled"), [("none", [True, False]), ("client-day", [True, True])])
def test_a_reply_settles_another_thread_of_the_day_only_when_combined_by_client_and_day(
    tmp_path: Path, sessions: sessionmaker[Session], combine: str, settled: list[bool]
) -> None:
    practice = practice_with_a_daily_mood_log(tmp_path, sessions, feedback={"combine": combine})
    first = answer(practice)
    answer(practice, ARRIVED + timedelta(hours=5), "Situation: bus\nEmotion: calm 20")
    practice.poll(ARRIVED + timedelta(hours=6))

    her_reply(practice, first, ARRIVED + timedelta(hours=8))
    practice.feedback_scan(ARRIVED + timedelta(hours=9))

    assert [when is not None for when in practice.replied().values()] == settled


def edit_draft(practice: FakePractice, draft: EmailMessage, when: datetime) -> None:
    """What a mail client does when she edits a draft and saves it: the same draft with her
    words, stored anew, and the old copy removed."""
    edited = EmailMessage()
    for name in ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References"):
        if draft[name]:
            edited[name] = str(draft[name])
    edited.set_content("Dear Ben, my own words about Tuesday.")
    old = practice.mailbox.find_by_message_id("Drafts", str(draft["Message-ID"]))
    practice.mailbox.append("Drafts", bytes(edited).replace(b"\n", b"\r\n"), [b"\\Draft", b"\\Seen"], when)
    practice.mailbox.delete("Drafts", old)


def test_one_reply_settles_two_answers_of_its_thread_and_removes_only_the_draft_she_left_untouched(
    practice: FakePractice,
) -> None:
    thread = "<assignment-1@example.org>"
    monday, tuesday = (datetime(2026, 11, day, 19, 0, tzinfo=UTC) for day in (2, 3))
    answer(practice, monday, "Situation: work\nEmotion: sad 60", thread)
    practice.poll(monday + timedelta(minutes=30))
    second = answer(practice, tuesday, "Situation: bus\nEmotion: calm 20", thread)
    practice.poll(tuesday + timedelta(minutes=30))
    first_draft, second_draft = drafts(practice)
    edit_draft(practice, second_draft, tuesday + timedelta(hours=1))

    her_reply(practice, second, tuesday + timedelta(hours=2), references=[thread])
    practice.feedback_scan(tuesday + timedelta(hours=3))

    assert list(practice.replied().values()) == [tuesday + timedelta(hours=2)] * 2  # neither "29 h late"
    [left] = drafts(practice)
    assert str(left["Message-ID"]) == str(second_draft["Message-ID"]) and "my own words" in left.get_content()
    assert str(first_draft["Message-ID"]) != str(left["Message-ID"])


def appends_then_breaks(practice: FakePractice, monkeypatch: pytest.MonkeyPatch, at: int) -> list[bytes]:
    """From now on, the ``at``-th APPEND reaches the folder and then the connection breaks;
    every message appended, in order."""
    real_append, appended = practice.mailbox.append, []

    def append(
        folder: str, message: bytes, flags: Sequence[bytes] = (), when: datetime | None = None
    ) -> int | None:
        uid = real_append(folder, message, flags, when)
        appended.append(message)
        if len(appended) == at:
            raise ConnectionResetError("gone after APPEND")
        return uid

    monkeypatch.setattr(practice.mailbox, "append", append)
    return appended


def test_drafts_left_by_an_interrupted_pass_are_each_written_once(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    for minute in range(3):
        answer(practice, ARRIVED + timedelta(minutes=minute))
    appends_then_breaks(practice, monkeypatch, at=2)
    with pytest.raises(ConnectionResetError):
        practice.poll(POLLED)

    practice.poll(POLLED + timedelta(minutes=5))

    replied_to = [str(draft["In-Reply-To"]) for draft in drafts(practice)]
    assert len(replied_to) == len(set(replied_to)) == 3


def test_drafts_go_in_one_append_command_where_the_server_offers_multiappend(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice.mailbox.capabilities |= {"MULTIAPPEND", "LITERAL+"}
    for minute in range(3):
        answer(practice, ARRIVED + timedelta(minutes=minute))
    commands: list[int] = []
    append_all = practice.mailbox.append_all

    def recording(folder: str, messages: Sequence[bytes], **kwargs: object) -> None:
        commands.append(len(messages))
        append_all(folder, messages, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(practice.mailbox, "append_all", recording)

    assert practice.poll(POLLED).endswith("3 drafts written")
    assert commands == [3] and len(drafts(practice)) == 3
    assert set(map(frozenset, practice.mailbox.flags("Drafts").values())) == {
        frozenset({b"\\Draft", b"\\Seen"})
    }


def test_drafts_appended_in_one_command_before_the_connection_broke_are_not_written_twice(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice.mailbox.capabilities |= {"MULTIAPPEND", "LITERAL+"}
    for minute in range(3):
        answer(practice, ARRIVED + timedelta(minutes=minute))
    append_all = practice.mailbox.append_all

    def append_all_then_break(folder: str, messages: Sequence[bytes], **kwargs: object) -> None:
        append_all(folder, messages, **kwargs)  # type: ignore[arg-type]
        raise ConnectionResetError("gone after APPEND")

    with monkeypatch.context() as patch, pytest.raises(ConnectionResetError):
        patch.setattr(practice.mailbox, "append_all", append_all_then_break)
        practice.poll(POLLED)

    assert practice.poll(POLLED + timedelta(minutes=5)).endswith("0 drafts written")
    replied_to = [str(draft["In-Reply-To"]) for draft in drafts(practice)]
    assert len(replied_to) == len(set(replied_to)) == 3


def test_drafts_planned_by_a_pass_are_appended_without_asking_the_folder_for_them(
    practice: FakePractice, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(practice, ARRIVED)
    answer(practice, ARRIVED + timedelta(minutes=5))
    asked: list[list[str]] = []
    message_ids_in = practice.mailbox.message_ids_in

    def recording(folder: str, message_ids: Sequence[str]) -> set[str]:
        asked.append(list(message_ids))
        return message_ids_in(folder, message_ids)

    monkeypatch.setattr(practice.mailbox, "message_ids_in", recording)

    assert practice.poll(POLLED).endswith("2 drafts written")
    assert len(drafts(practice)) == 2 and all(ids == [] for ids in asked)


def test_with_client_day_a_draft_interrupted_after_append_is_replaced_not_left_beside_the_new(
    tmp_path: Path, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = practice_with_a_daily_mood_log(tmp_path, sessions, feedback={"combine": "client-day"})
    answer(practice)
    with monkeypatch.context() as patch, pytest.raises(ConnectionResetError):
        appends_then_breaks(practice, patch, at=1)
        practice.poll(POLLED)
    answer(practice, ARRIVED + timedelta(hours=2), "Situation: bus\nEmotion: shame 60")

    practice.poll(POLLED + timedelta(hours=2))

    [draft] = drafts(practice)
    body = draft.get_content().replace("\r\n", "\n")
    assert "anxious 80/100" in body and "shame 60/100" in body
