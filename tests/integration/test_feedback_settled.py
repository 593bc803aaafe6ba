"""One reply from the therapist settles what its thread covers, against a real Dovecot, and
mailbot removes only its own drafts that she never changed."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from conftest import Bot
from mails import homework_mail

CLIENT = "ben@client.example"
ASSIGNMENT_MAIL = "<assignment-1@practice.example>"


def setup(bot: Bot, *config: str) -> None:
    if config:
        bot.config_path.write_text(bot.config_path.read_text() + "\n".join(config) + "\n")
    bot.ok("client", "add", "--name", "Ben Client", "--email", CLIENT)
    bot.ok(
        "assign", CLIENT, "--type", "mood-log", "--title", "Mood log", "--due", "2026-11-02T21:00",
        "--repeat", "daily", "--count", "7", "--no-send", now="2026-11-01T09:00",
    )  # fmt: skip


def deliver(bot: Bot, when: datetime, body: str, in_reply_to: str | None = None) -> str:
    mid = make_msgid(domain="client.example")
    raw = homework_mail(CLIENT, bot.user, "my mood log", body, message_id=mid, in_reply_to=in_reply_to)
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=when)
    return mid


def drafts(bot: Bot) -> list[EmailMessage]:
    with bot.dovecot.client(bot.user) as imap:
        imap.select_folder("Drafts", readonly=True)
        uids = imap.search("ALL")
        data = imap.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
    return [email.message_from_bytes(d[b"BODY[]"], policy=policy.default) for _u, d in sorted(data.items())]  # type: ignore[misc]


def edit_draft(bot: Bot, draft: EmailMessage) -> None:
    """What a mail client does when the therapist edits a draft and saves it: the same draft,
    new text, stored anew; the old copy deleted and expunged."""
    edited = EmailMessage()
    for name in ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References"):
        if draft[name]:
            edited[name] = str(draft[name])
    edited.set_content("Dear Ben, my own words about Tuesday.")
    with bot.dovecot.client(bot.user) as imap:
        imap.select_folder("Drafts")
        old = imap.search(["HEADER", "Message-ID", str(draft["Message-ID"])])
        imap.append("Drafts", bytes(edited), flags=[b"\\Draft", b"\\Seen"])
        imap.delete_messages(old)
        imap.uid_expunge(old)


def reply(bot: Bot, to: str, references: list[str], when: datetime) -> None:
    sent = EmailMessage()
    sent["From"], sent["To"], sent["Subject"] = bot.user, CLIENT, "Re: my mood log"
    sent["Date"], sent["Message-ID"] = format_datetime(when), make_msgid(domain="practice.example")
    sent["In-Reply-To"], sent["References"] = to, " ".join([*references, to])
    sent.set_content("Well done, Ben, both days.")
    with bot.dovecot.client(bot.user) as imap:
        imap.append("Sent", bytes(sent), flags=[b"\\Seen"], msg_time=when)


def feedback(bot: Bot, now: str) -> dict[int, str]:
    rows = json.loads(bot.ok("feedback", "list", "--json", now=now))
    return {row["submission_id"]: row["status"] for row in rows}


# its unit twin on the fakes: test_feedback_passes.py::test_one_reply_settles_two_answers_of_its_thread_and_removes_only_the_draft_she_left_untouched
def test_one_reply_settles_two_submissions_of_its_thread_and_removes_only_the_untouched_draft(
    bot: Bot,
) -> None:
    setup(bot)
    deliver(
        bot, datetime(2026, 11, 2, 19, 0, tzinfo=UTC), "Situation: work\nEmotion: sad 60", ASSIGNMENT_MAIL
    )
    bot.ok("poll", now="2026-11-02T20:30")
    second = deliver(
        bot, datetime(2026, 11, 3, 19, 0, tzinfo=UTC), "Situation: bus\nEmotion: calm 20", ASSIGNMENT_MAIL
    )
    bot.ok("poll", now="2026-11-03T20:30")
    monday, tuesday = drafts(bot)
    edit_draft(bot, tuesday)

    reply(bot, second, [ASSIGNMENT_MAIL], datetime(2026, 11, 3, 21, 0, tzinfo=UTC))
    bot.ok("feedback", "scan", now="2026-11-03T22:00")

    assert feedback(bot, "2026-11-04T12:00") == {1: "replied", 2: "replied"}  # neither "29 h late"
    [left] = drafts(bot)
    assert str(left["Message-ID"]) == str(tuesday["Message-ID"])  # the one she edited stays
    assert "my own words" in left.get_content()
    assert str(monday["Message-ID"]) not in [str(d["Message-ID"]) for d in drafts(bot)]


# its unit twin on the fakes: test_feedback_passes.py::test_a_reply_settles_another_thread_of_the_day_only_when_combined_by_client_and_day
def test_with_client_day_one_reply_settles_that_days_submissions_from_other_threads(bot: Bot) -> None:
    setup(bot)
    first = deliver(bot, datetime(2026, 11, 2, 9, 0, tzinfo=UTC), "Situation: work\nEmotion: sad 60")
    deliver(bot, datetime(2026, 11, 2, 15, 0, tzinfo=UTC), "Situation: bus\nEmotion: calm 20")
    bot.ok("poll", now="2026-11-02T16:00")
    bot.config_path.write_text(bot.config_path.read_text() + '[feedback]\ncombine = "client-day"\n')

    reply(bot, first, [], datetime(2026, 11, 2, 18, 0, tzinfo=UTC))
    bot.ok("feedback", "scan", now="2026-11-02T19:00")

    assert feedback(bot, "2026-11-02T20:00") == {1: "replied", 2: "replied"}


# its unit twin on the fakes: test_feedback_passes.py::test_a_reply_settles_another_thread_of_the_day_only_when_combined_by_client_and_day[none]
def test_without_client_day_a_reply_leaves_another_threads_submission_open(bot: Bot) -> None:
    setup(bot)
    first = deliver(bot, datetime(2026, 11, 2, 9, 0, tzinfo=UTC), "Situation: work\nEmotion: sad 60")
    deliver(bot, datetime(2026, 11, 2, 15, 0, tzinfo=UTC), "Situation: bus\nEmotion: calm 20")
    bot.ok("poll", now="2026-11-02T16:00")

    reply(bot, first, [], datetime(2026, 11, 2, 18, 0, tzinfo=UTC))
    bot.ok("feedback", "scan", now="2026-11-02T19:00")

    assert feedback(bot, "2026-11-02T20:00") == {1: "replied", 2: "drafted"}
