"""Reply drafts in the therapist's Drafts folder, read back by an independent IMAP client, and the
feedback promise tracked from the Sent folder."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import imapclient
import pytest
from conftest import Bot
from mails import homework_mail
from query_plans import history_walks, statements
from sqlalchemy.orm import Session, sessionmaker

from mailbot import jobs
from mailbot.app import App
from mailbot.clock import parse_when
from mailbot.config import Config, load_config
from mailbot.mail.imap import Mailbox
from mailbot.passes.drafts import write_drafts

NOW = "2026-11-02T09:00"
CLIENT = "ben@client.example"
MOOD = (
    "Situation: meeting with my boss\nTrigger: he frowned\nAutomatic thought: I'll be fired\n"
    "Emotion: anxious 80%"
)
DAILY = ("--repeat", "daily", "--count", "7")  # still open after an answer, unlike a one-off


def setup(bot: Bot, type_: str = "mood-log", extra: tuple[str, ...] = ()) -> None:
    bot.ok("client", "add", "--name", "Ben Client", "--email", CLIENT)
    bot.ok(
        "assign",
        CLIENT,
        "--type",
        type_,
        "--title",
        "Mood log",
        "--due",
        "2026-11-30",
        "--no-send",
        *extra,
        now=NOW,
    )


def deliver(
    bot: Bot,
    body: str = MOOD,
    when: datetime = datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
    subject: str = "my mood log",
) -> str:
    mid = make_msgid(domain="client.example")
    raw = homework_mail(CLIENT, bot.user, subject, body, message_id=mid)
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=when)
    return mid


def poll_losing_the_connection_after_append(bot: Bot, monkeypatch: pytest.MonkeyPatch, now: str) -> None:
    """A poll whose first draft reaches Drafts, after which the connection breaks: the draft is
    written, but mailbot never hears so."""
    real_append = Mailbox.append

    def append_then_crash(self: Mailbox, *args: object, **kwargs: object) -> int | None:
        real_append(self, *args, **kwargs)  # type: ignore[arg-type]
        raise ConnectionResetError("gone after APPEND")

    with monkeypatch.context() as patch:
        patch.setattr(Mailbox, "append", append_then_crash)
        code, _out, err = bot.run("poll", now=now)
    assert code == 1 and "gone after APPEND" in err and "Traceback" not in err


def drafts(bot: Bot) -> list[tuple[EmailMessage, tuple[bytes, ...]]]:
    with bot.dovecot.client(bot.user) as imap:
        imap.select_folder("Drafts", readonly=True)
        uids = imap.search("ALL")
        data = imap.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
    return [
        (email.message_from_bytes(d[b"BODY[]"], policy=policy.default), d[b"FLAGS"])  # type: ignore[misc]
        for _uid, d in sorted(data.items())
    ]


def feedback(bot: Bot, now: str) -> list[dict]:
    return json.loads(bot.ok("feedback", "list", "--json", now=now))


def send_reply(bot: Bot, in_reply_to: str, when: datetime, marker: str | None = None) -> None:
    """What a mail client does when the therapist sends: a copy lands in Sent."""
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = bot.user, CLIENT, "Re: my mood log"
    reply["Date"] = email.utils.format_datetime(when)
    reply["Message-ID"] = make_msgid(domain="practice.example")
    reply["In-Reply-To"], reply["References"] = in_reply_to, in_reply_to
    if marker:
        reply["X-Mailbot-Draft"] = marker
    reply.set_content("Well done, Ben.")
    with bot.dovecot.client(bot.user) as imap:
        imap.append("Sent", bytes(reply), flags=[b"\\Seen"], msg_time=when)


def test_a_submission_gets_exactly_one_threaded_draft_with_a_summary(bot: Bot) -> None:
    setup(bot)
    client_mid = deliver(bot)

    bot.ok("poll", now="2026-11-02T11:00")
    bot.ok("poll", now="2026-11-02T11:05")

    [(draft, flags)] = drafts(bot)
    assert b"\\Draft" in flags
    assert draft["From"].addresses[0].addr_spec == bot.user
    assert draft["To"].addresses[0].addr_spec == CLIENT
    assert str(draft["Subject"]) == "Re: my mood log"
    assert draft["In-Reply-To"] == client_mid and client_mid in str(draft["References"])
    assert draft["X-Mailbot-Draft"]
    body = draft.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Ben,")
    assert "anxious 80/100" in body
    assert "When you thought" not in body  # a reframe prompt is for the therapist: in the digest
    assert "[" not in body.split(" wrote:")[0]
    assert "wrote:\n> Situation: meeting with my boss" in body


def test_reply_sent_from_the_draft_marks_feedback_replied_with_hours(bot: Bot) -> None:
    setup(bot)
    client_mid = deliver(bot)
    bot.ok("poll", now="2026-11-02T11:00")
    [(draft, _flags)] = drafts(bot)
    send_reply(bot, client_mid, datetime(2026, 11, 2, 16, 30, tzinfo=UTC), str(draft["X-Mailbot-Draft"]))

    bot.ok("feedback", "scan", now="2026-11-02T17:40")

    [row] = feedback(bot, "2026-11-02T18:00")
    assert (row["status"], row["hours_to_reply"]) == ("replied", 6.5)
    assert row["replied_at"].startswith("2026-11-02T16:30")


def test_reply_from_a_phone_without_the_draft_counts_too(bot: Bot) -> None:
    setup(bot)
    client_mid = deliver(bot)
    bot.ok("poll", now="2026-11-02T11:00")
    send_reply(bot, client_mid, datetime(2026, 11, 3, 8, 0, tzinfo=UTC))

    bot.ok("feedback", "scan", now="2026-11-03T09:00")

    [row] = feedback(bot, "2026-11-03T10:00")
    assert (row["status"], row["hours_to_reply"]) == ("replied", 22.0)


def test_unanswered_submission_is_overdue_after_the_promise(bot: Bot) -> None:
    setup(bot)
    deliver(bot)
    bot.ok("poll", now="2026-11-02T11:00")

    assert feedback(bot, "2026-11-03T10:59")[0]["status"] == "drafted"
    [row] = feedback(bot, "2026-11-03T11:30")
    assert (row["status"], row["due_at"][:16]) == ("overdue", "2026-11-03T10:00")


# its unit twin on the fakes: test_feedback_passes.py::test_a_draft_the_therapist_deleted_is_not_written_again
def test_deleted_draft_is_not_written_again(bot: Bot) -> None:
    setup(bot)
    deliver(bot)
    bot.ok("poll", now="2026-11-02T11:00")
    with bot.dovecot.client(bot.user) as imap:
        imap.select_folder("Drafts")
        imap.delete_messages(imap.search("ALL"))
        imap.expunge()

    bot.ok("poll", now="2026-11-02T12:00")

    assert drafts(bot) == []
    assert feedback(bot, "2026-11-02T12:00")[0]["status"] == "drafted"


def test_draft_interrupted_after_append_is_not_written_twice(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup(bot)
    deliver(bot)
    poll_losing_the_connection_after_append(bot, monkeypatch, now="2026-11-02T11:00")

    bot.ok("poll", now="2026-11-02T11:05")

    assert len(drafts(bot)) == 1


# its unit twin on the fakes: test_feedback_passes.py::test_drafts_left_by_an_interrupted_pass_are_each_written_once
@pytest.mark.parametrize("multiappend", [True, False], ids=["one-command", "one-each"])
def test_drafts_left_by_an_interrupted_pass_are_each_written_once(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, multiappend: bool
) -> None:
    setup(bot)
    for minute in range(3):
        deliver(bot, when=datetime(2026, 11, 2, 10, minute, tzinfo=UTC))
    appended: list[bytes] = []

    with monkeypatch.context() as patch:
        if multiappend:  # Dovecot takes all three in one command, then the connection breaks
            real_multiappend = imapclient.IMAPClient.multiappend

            def multiappend_then_crash(
                self: imapclient.IMAPClient, folder: str, msgs: list[dict[str, Any]]
            ) -> Any:
                real_multiappend(self, folder, msgs)
                appended.extend(m["msg"] for m in msgs)
                raise ConnectionResetError("gone after APPEND")

            patch.setattr(imapclient.IMAPClient, "multiappend", multiappend_then_crash)
        else:  # a server without MULTIAPPEND: the second of three APPENDs breaks the connection
            real_append, real_has = Mailbox.append, imapclient.IMAPClient.has_capability

            def second_append_crashes(self: Mailbox, folder: str, message: bytes, *args: Any) -> int | None:
                uid = real_append(self, folder, message, *args)
                appended.append(message)
                if len(appended) == 2:
                    raise ConnectionResetError("gone after APPEND")
                return uid

            patch.setattr(Mailbox, "append", second_append_crashes)
            patch.setattr(
                imapclient.IMAPClient,
                "has_capability",
                lambda self, name: name.upper() != "MULTIAPPEND" and real_has(self, name),
            )
        code, _out, _err = bot.run("poll", now="2026-11-02T11:00")
    assert code == 1 and len(appended) == (3 if multiappend else 2)

    bot.ok("poll", now="2026-11-02T11:05")

    replied_to = [str(draft["In-Reply-To"]) for draft, _flags in drafts(bot)]
    assert len(replied_to) == len(set(replied_to)) == 3


def test_drafts_planned_by_a_pass_are_appended_without_searching_the_folder(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup(bot)
    deliver(bot, when=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    deliver(bot, when=datetime(2026, 11, 2, 10, 5, tzinfo=UTC))
    real_search = imapclient.IMAPClient.search
    searched: list[str] = []

    def recording_search(self: imapclient.IMAPClient, criteria: object = "ALL", charset: str | None = None):  # type: ignore[no-untyped-def]
        searched.append(str(criteria))
        return real_search(self, criteria, charset)

    monkeypatch.setattr(imapclient.IMAPClient, "search", recording_search)

    assert bot.ok("poll", now="2026-11-02T11:00").strip().endswith("2 drafts written")

    assert len(drafts(bot)) == 2
    assert not [criteria for criteria in searched if "Message-ID" in criteria]


def test_a_drafts_pass_reads_by_index_not_through_the_history(
    sqlite_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup(sqlite_bot, extra=DAILY)  # daily: a one-off would close once answered
    deliver(sqlite_bot, when=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    sqlite_bot.ok("poll", now="2026-11-02T11:00")  # the history: a draft written, its feedback open
    deliver(sqlite_bot, when=datetime(2026, 11, 2, 12, 0, tzinfo=UTC))
    seen: list[tuple[str, object]] = []

    def recorded(config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, now: datetime) -> int:
        with statements(sessions.kw["bind"]) as during:
            written = write_drafts(config, sessions, mailbox, now)
        seen.extend(during)
        return written

    monkeypatch.setattr(jobs, "write_drafts", recorded)

    sqlite_bot.ok("poll", now="2026-11-02T13:00")

    app = App(load_config(sqlite_bot.config_path), datetime.now(UTC))
    assert len(seen) >= 5 and len(drafts(sqlite_bot)) == 2
    assert history_walks(app.engine, seen) == []


def test_the_folder_is_asked_which_message_ids_it_holds_and_answers_exactly(bot: Bot) -> None:
    config = load_config(bot.config_path)
    held = [make_msgid(domain="practice.example") for _ in range(3)]
    for message_id in held:
        draft = EmailMessage()
        draft["From"], draft["Message-ID"], draft["Subject"] = bot.user, message_id, "Re: homework"
        draft.set_content("Dear Ben,")
        bot.deliver(bytes(draft), folder="Drafts")
    absent = [make_msgid(domain="practice.example") for _ in range(120)]
    part_of_one = held[0].strip("<>")  # SEARCH HEADER finds it inside the first one's Message-ID

    with App(config, parse_when(NOW, config.therapist.tz, "--now")).mailbox() as mailbox:
        found = mailbox.message_ids_in("Drafts", [*absent[:60], *held, part_of_one, *absent[60:]])

    assert found == set(held)


def test_feedback_done_and_skip_by_hand(bot: Bot) -> None:
    setup(bot)
    deliver(bot, when=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    deliver(bot, "Situation: bus\nEmotion: calm 20", when=datetime(2026, 11, 2, 10, 5, tzinfo=UTC))
    bot.ok("poll", now="2026-11-02T11:00")

    bot.ok("feedback", "done", "1", now="2026-11-02T12:00")
    bot.ok("feedback", "skip", "2", "--reason", "discussed in session", now="2026-11-02T12:00")

    assert {r["submission_id"]: r["status"] for r in feedback(bot, "2026-11-05T00:00")} == {
        1: "replied",
        2: "skipped",
    }


# its unit twin on the fakes: test_feedback_passes.py::test_with_client_day_two_answers_of_a_day_share_one_draft_that_replaces_the_first
def test_client_day_combines_submissions_into_one_draft_replacing_the_old(bot: Bot) -> None:
    bot.config_path.write_text(bot.config_path.read_text() + '[feedback]\ncombine = "client-day"\n')
    setup(bot, extra=DAILY)
    deliver(bot, when=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    bot.ok("poll", now="2026-11-02T11:00")
    deliver(
        bot,
        "Situation: bus\nAutomatic thought: everyone stares\nEmotion: shame 60",
        when=datetime(2026, 11, 2, 12, 0, tzinfo=UTC),
    )

    bot.ok("poll", now="2026-11-02T13:00")

    [(draft, _flags)] = drafts(bot)
    body = draft.get_content().replace("\r\n", "\n")
    assert "anxious 80/100" in body and "shame 60/100" in body


# its unit twin on the fakes: test_feedback_passes.py::test_with_client_day_a_draft_interrupted_after_append_is_replaced_not_left_beside_the_new
def test_client_day_draft_interrupted_after_append_is_replaced_not_left_beside_the_new(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot.config_path.write_text(bot.config_path.read_text() + '[feedback]\ncombine = "client-day"\n')
    setup(bot, extra=DAILY)
    deliver(bot, when=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    poll_losing_the_connection_after_append(bot, monkeypatch, now="2026-11-02T11:00")
    deliver(bot, "Situation: bus\nEmotion: shame 60", when=datetime(2026, 11, 2, 12, 0, tzinfo=UTC))

    bot.ok("poll", now="2026-11-02T13:00")

    [(draft, _flags)] = drafts(bot)
    body = draft.get_content().replace("\r\n", "\n")
    assert "anxious 80/100" in body and "shame 60/100" in body
