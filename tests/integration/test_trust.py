"""Clinical trust against the real servers (issue 12): worrying mail reaches the therapist within
the pass, notes and correspondence are not homework, old mail stays put, drafts can be sent as they
are. Every test runs on SQLite and on PostgreSQL (the ``bot`` fixture)."""

from __future__ import annotations

import email
import re
import smtplib
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from conftest import Bot, write_config
from mails import CORRESPONDENCE, WORRYING_ANSWERS, homework_mail
from servers import Dovecot, SmtpServer

SEEN = b"\\Seen"
NOW = "2026-11-23T12:00"
LATER = "2026-11-23T12:30"
CLIENT = "anna@client.example"
# What a draft safe to send unedited never holds: a bracketed prompt, a placeholder, a command.
PLACEHOLDERS = re.compile(
    r"\[|\]|\(not |not given|not named|\{\{|\}\}|mailbot |Prompt|Reframe|\?\?|\(\?\)|<[a-z]+>"
)


def add_client(bot: Bot, name: str = "Anna Berg", email_: str = CLIENT) -> int:
    return int(bot.ok("client", "add", "--name", name, "--email", email_).strip())


def assign(bot: Bot, client: int, type_: str = "mood-log", title: str = "Mood log", *extra: str) -> int:
    return int(
        bot.ok(
            "assign",
            str(client),
            "--type",
            type_,
            "--title",
            title,
            "--due",
            "2026-11-30T20:00",
            *extra,
            now=NOW,
        ).strip()
    )


def mail(body: str, subject: str = "my homework", **kwargs: object) -> tuple[bytes, str]:
    mid = make_msgid(domain="client.example")
    return homework_mail(CLIENT, "ada@practice.example", subject, body, message_id=mid, **kwargs), mid  # type: ignore[arg-type]


ARRIVED = datetime(2026, 11, 23, 11, 15, tzinfo=UTC)  # after the assignments (NOW is 11:00 UTC)


def deliver(bot: Bot, body: str, subject: str = "my homework", **kwargs: object) -> str:
    """A client's mail arriving (INTERNALDATE) between NOW and LATER."""
    raw, mid = mail(body, subject, **kwargs)
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw.replace(b"ada@practice.example", bot.user.encode()), msg_time=ARRIVED)
    return mid


def sent_to(smtp: SmtpServer, address: str, since: int = 0) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for _f, rcpts, raw in smtp.received[since:]
        if address in rcpts
    ]


def alerts(smtp: SmtpServer, bot: Bot, since: int = 0) -> list[EmailMessage]:
    return [m for m in sent_to(smtp, bot.user, since) if m["X-Mailbot"] == "risk-alert"]


def assignment_mid(smtp: SmtpServer, since: int = 0) -> str:
    [message] = [m for m in sent_to(smtp, CLIENT, since) if m["X-Mailbot"] == "assignment"]
    return str(message["Message-ID"])


def drafts(bot: Bot) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for raw in bot.dovecot.messages(bot.user, "Drafts")
    ]


def own_words(draft: EmailMessage) -> str:
    """The draft's text above the quoted client mail: what the client would read as ours."""
    body = draft.get_content().replace("\r\n", "\n")  # type: ignore[attr-defined]
    return re.split(r"\nOn [^\n]+ wrote:\n", body)[0]


# Risk ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "sentence"), WORRYING_ANSWERS.values(), ids=list(WORRYING_ANSWERS))
def test_worrying_reply_alerts_the_therapist_within_the_pass(
    bot: Bot, smtp_server: SmtpServer, body: str, sentence: str
) -> None:
    client = add_client(bot)
    assign(bot, client)
    before = len(smtp_server.received)
    mid = deliver(bot, body)

    bot.ok("poll", now=LATER)
    bot.ok("poll", now="2026-11-23T13:00")

    [alert] = alerts(smtp_server, bot, before)
    assert alert["Auto-Submitted"] == "auto-generated"
    assert str(alert["Subject"]).startswith("URGENT: Anna Berg")
    assert alert["In-Reply-To"] == mid and mid in str(alert["References"])
    text = alert.get_content()  # type: ignore[attr-defined]
    assert "Anna Berg" in text and sentence in text
    [sub] = bot.json("submission", "list")
    assert sub["flags"] == ["risk"]
    [row] = bot.json("client", "list")
    assert row["reminders"] == "paused"
    [event] = [e for e in bot.json("audit", "list") if e["action"] == "risk_flagged"]
    assert sentence not in event["detail"] and "Anna" not in event["detail"]


def test_after_an_alert_reminders_stay_paused_until_the_therapist_resumes_them(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = add_client(bot)
    assign(bot, client, "mood-log", "Mood log", "--repeat", "daily", "--count", "5")
    deliver(bot, "Situation: work\nI don't see the point of anything anymore.")
    bot.ok("poll", now=LATER)
    deliver(bot, "resume", subject="Re: reminders")
    bot.ok("poll", now="2026-11-23T13:00")

    before = len(smtp_server.received)
    bot.ok("remind", now="2026-11-25T20:00")
    assert sent_to(smtp_server, CLIENT, before) == []
    assert bot.json("client", "list")[0]["reminders"] == "paused"

    bot.ok("client", "set", str(client), "--reminders", "resume", now="2026-11-25T20:05")
    assert bot.json("client", "list")[0]["reminders"] == "on"


def test_risk_draft_is_a_plain_personal_reply(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client)
    deliver(bot, "Situation: evening\nEmotion: hopeless 95\nAutomatic thought: I want to kill myself.")

    bot.ok("poll", now=LATER)

    [draft] = drafts(bot)
    words = own_words(draft)
    assert "95" not in words and "hopeless" not in words and "mood log" not in words.lower()
    assert not PLACEHOLDERS.search(words), words


# its unit twin on the fakes: test_intake_pass.py::test_correspondence_with_worrying_words_stays_in_the_inbox_and_still_alerts
def test_correspondence_with_worrying_words_stays_in_the_inbox_and_still_alerts(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = add_client(bot)
    assign(bot, client)
    before = len(smtp_server.received)
    deliver(bot, "Can we cancel Thursday's session? I want to end my life.", subject="Thursday")

    bot.ok("poll", now=LATER)

    assert len(alerts(smtp_server, bot, before)) == 1
    assert bot.json("submission", "list") == []
    client_mail = [m for m in bot.inbox() if CLIENT.encode() in m]
    assert len(client_mail) == 1


def test_digest_opens_with_read_first_until_the_alert_is_marked_done(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client)
    deliver(bot, "Situation: home\nnobody would notice if I disappeared")
    bot.ok("poll", now=LATER)

    preview = bot.data_dir.parent / "digest.html"
    out = bot.ok("digest", "--preview", str(preview), now="2026-11-24T07:30")
    html = preview.read_text()
    assert "Read first" in html and "Anna Berg" in html
    assert html.index("Read first") < html.index("feedback overdue")  # before everything else
    [alert] = bot.json("alert", "list")
    bot.ok("alert", "done", str(alert["id"]), now="2026-11-24T08:00")
    bot.ok("digest", "--preview", str(preview), now="2026-11-24T09:00")
    assert "Read first" not in preview.read_text()
    assert "digest for" in out


# What a client's mail is ---------------------------------------------------------------------


def test_a_question_in_an_assignments_thread_becomes_a_note(bot: Bot, smtp_server: SmtpServer) -> None:
    client = add_client(bot)
    before = len(smtp_server.received)
    assignment = int(
        bot.ok(
            "assign",
            str(client),
            "--type",
            "mood-log",
            "--title",
            "Mood log",
            "--due",
            "2026-11-30T20:00",
            now=NOW,
        )
    )
    thread = assignment_mid(smtp_server, before)
    deliver(bot, "I couldn't do it this week, is that ok?", subject="Re: your homework", in_reply_to=thread)

    bot.ok("poll", now=LATER)

    [sub] = bot.json("submission", "list")
    assert (sub["kind"], sub["matched_by"], sub["assignment_id"], sub["flags"]) == (
        "note",
        "thread",
        assignment,
        [],
    )
    assert sub["occurrence_id"] is None
    [shown] = bot.json("assignment", "list")
    assert shown["occurrences"]["done"] == 0
    [draft] = drafts(bot)
    words = own_words(draft)
    assert "thank you for your message" in words and "thank you for sending" not in words
    assert not PLACEHOLDERS.search(words), words


def test_a_rescheduling_mail_stays_in_the_inbox_unread_and_the_digest_says_so(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client)
    deliver(bot, "Hi, could we move Thursday's session to 3pm? Best, Anna", subject="Thursday")

    bot.ok("poll", now=LATER)

    assert bot.json("submission", "list") == []
    assert bot.json("feedback", "list") == []
    flags = bot.dovecot.flags(bot.user, "INBOX")
    assert len(flags) == 1 and all(SEEN not in f for f in flags.values())
    assert drafts(bot) == []
    text = bot.ok("digest", now="2026-11-24T07:30")
    preview = bot.data_dir.parent / "digest.html"
    bot.ok("digest", "--preview", str(preview), now="2026-11-24T07:30")
    assert "Anna Berg wrote about something else; it is in your inbox" in preview.read_text()
    assert "digest for" in text


# its unit twin on the fakes: test_intake_pass.py::test_a_clients_mail_about_something_else_stays_in_the_inbox_unread_as_correspondence
@pytest.mark.parametrize("body", CORRESPONDENCE.values(), ids=list(CORRESPONDENCE))
def test_correspondence_by_sender_is_left_in_the_inbox(sqlite_bot: Bot, body: str) -> None:
    client = add_client(sqlite_bot)
    assign(sqlite_bot, client)
    deliver(sqlite_bot, body, subject="Hallo")

    sqlite_bot.ok("poll", now=LATER)

    assert sqlite_bot.json("submission", "list") == []
    assert len(sqlite_bot.inbox()) == 1


def test_the_therapist_files_correspondence_as_homework_by_its_message_id(bot: Bot) -> None:
    client = add_client(bot)
    assignment = assign(bot, client)
    mid = deliver(bot, "Hallo", subject="x")
    bot.ok("poll", now=LATER)
    assert bot.json("submission", "list") == []

    bot.ok("submission", "file", mid, str(assignment), now="2026-11-23T13:00")

    [sub] = bot.json("submission", "list")
    assert (sub["assignment_id"], sub["kind"], sub["matched_by"], sub["status"]) == (
        assignment,
        "answer",
        "manual",
        "filed",
    )
    assert bot.inbox() == []
    assert len(bot.dovecot.messages(bot.user, "Homework/Anna Berg")) == 1


def test_the_therapist_files_a_note_as_an_answer(bot: Bot, smtp_server: SmtpServer) -> None:
    client = add_client(bot)
    before = len(smtp_server.received)
    assignment = int(
        bot.ok(
            "assign",
            str(client),
            "--type",
            "journal",
            "--title",
            "Journal",
            "--due",
            "2026-11-30T20:00",
            now=NOW,
        )
    )
    thread = assignment_mid(smtp_server, before)
    mid = deliver(bot, "Should I write it every evening?", subject="Re: homework", in_reply_to=thread)
    bot.ok("poll", now=LATER)

    bot.ok("submission", "file", mid, str(assignment), now="2026-11-23T13:00")

    [sub] = bot.json("submission", "list")
    assert (sub["kind"], sub["matched_by"]) == ("answer", "manual")


# Old mail ------------------------------------------------------------------------------------


@pytest.fixture
def inbox_with_history(
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: str,
    capsys: pytest.CaptureFixture[str],
) -> Bot:
    """A therapist whose inbox holds 200 older mails from a client before mailbot is set up."""
    config = write_config(tmp_path / "config.toml", dovecot, smtp_server, mail_user, None)
    bot = Bot(config, tmp_path / "data", mail_user, dovecot, capsys)
    with dovecot.client(mail_user) as imap:
        for n in range(200):
            raw = homework_mail(
                CLIENT,
                mail_user,
                f"Re: our work {n}",
                f"Here is what I did this week, part {n}. I felt anxious 60.",
                date=datetime(2025, 1 + n % 12, 1 + n % 28, 9, 0, tzinfo=UTC),
            )
            imap.append("INBOX", raw, msg_time=datetime(2025, 1 + n % 12, 1 + n % 28, 9, 0, tzinfo=UTC))
    bot.ok("init")
    return bot


# its unit twin on the fakes: test_intake_pass.py::test_mail_in_the_inbox_before_mailbot_stays_where_it_is
def test_two_hundred_older_client_mails_stay_where_they_are(inbox_with_history: Bot) -> None:
    bot = inbox_with_history
    client = add_client(bot)
    assign(bot, client)

    bot.ok("poll", now=LATER)
    bot.ok("poll", now="2026-11-23T13:00")

    assert bot.json("submission", "list") == []
    flags = bot.dovecot.flags(bot.user, "INBOX")
    assert len(flags) == 200 and all(SEEN not in f for f in flags.values())
    assert "Homework/Anna Berg" not in bot.dovecot.folders(bot.user)
    deliver(bot, "Here is my mood log: Monday sad 60, Tuesday 40.")
    bot.ok("poll", now="2026-11-23T14:00")
    assert len(bot.json("submission", "list")) == 1


# its unit twin on the fakes: test_intake_pass.py::test_mail_read_again_after_a_uidvalidity_change_is_filed_only_if_newer_than_its_assignment
def test_mail_read_again_after_a_uidvalidity_change_is_filed_only_if_newer_than_its_assignment(
    bot: Bot,
) -> None:
    client = add_client(bot)
    assign(bot, client)  # made at NOW (2026-11-23 12:00)
    with bot.dovecot.client(bot.user) as imap:
        for day, text in ((20, "Here is what I did last week."), (23, "Here is what I did this week.")):
            raw, _mid = mail(text)
            imap.append("INBOX", raw, msg_time=datetime(2026, 11, day, 11, 30, tzinfo=UTC))
    bot.dovecot.reset_uidvalidity(bot.user, "INBOX")

    bot.ok("poll", now=LATER)

    [sub] = bot.json("submission", "list")
    assert sub["received_at"].startswith("2026-11-23")
    assert len(bot.inbox()) == 1


# Drafts and assignment emails ----------------------------------------------------------------

SUBMISSIONS = {
    "mood-log": "Situation: bus\nAutomatic thought: they stare\nEmotion: anxious 70",
    "exposure": "Step: a\nSUDS before 40, peak 70, after 20",
    "experiment": "I did it. It went fine.",
    "cognitive-exercise": "I tried the exercise twice this week.",
    "journal": "Monday: walked in the park. Tuesday: called my sister.",
    "bibliotherapy": "I read the chapter and took notes on all-or-nothing thinking.",
    "custom": "I did the breathing every morning.",
}
OPTIONS = {
    "bibliotherapy": ["--reading", "Feeling Good, chapter 3"],
    "exposure": ["--steps", "a:10;b:50"],
    "experiment": ["--thought", "They will laugh"],
    "cognitive-exercise": ["--belief", "I am boring"],
}


def test_every_draft_can_be_sent_unedited(bot: Bot, smtp_server: SmtpServer) -> None:
    for n, (type_, body) in enumerate(SUBMISSIONS.items()):
        email_ = f"c{n}@client.example"
        client = int(bot.ok("client", "add", "--name", f"Client {n}", "--email", email_).strip())
        bot.ok(
            "assign", str(client), "--type", type_, "--title", type_, "--due", "2026-11-30T20:00", "--no-send",
            *OPTIONS.get(type_, []), now=NOW,
        )  # fmt: skip
        bot.deliver(homework_mail(email_, bot.user, "my homework", body))
    bot.ok("poll", now=LATER)

    found = drafts(bot)
    assert len(found) == len(SUBMISSIONS)
    before = len(smtp_server.received)
    with smtplib.SMTP("127.0.0.1", smtp_server.port) as smtp:
        smtp.login(bot.user, smtp_server.password)
        for draft in found:
            smtp.send_message(draft)  # as the therapist would: unedited
    for sent in [
        email.message_from_bytes(raw, policy=policy.default) for _f, _r, raw in smtp_server.received[before:]
    ]:
        words = own_words(sent)  # type: ignore[arg-type]
        assert words.startswith("Dear Client")
        assert not PLACEHOLDERS.search(words), words


def test_a_draft_names_the_attachment(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client)
    bot.deliver(
        homework_mail(
            CLIENT, bot.user, "worksheet", "Here is my worksheet.",
            attachments=[("worksheet.jpg", b"\xff\xd8\xff\xe0fakejpeg", "image/jpeg")],
        )
    )  # fmt: skip

    bot.ok("poll", now=LATER)

    [draft] = drafts(bot)
    assert "Thank you for the photo you sent (worksheet.jpg)." in own_words(draft)


def test_therapist_only_prompts_go_to_the_digest(bot: Bot) -> None:
    client = add_client(bot)
    assignment = assign(bot, client, "exposure", "Ladder", "--steps", "a:10;b:50")
    deliver(bot, "Step: a\nSUDS before 40, peak 70, after 20")
    bot.ok("poll", now=LATER)

    preview = bot.data_dir.parent / "digest.html"
    bot.ok("digest", "--preview", str(preview), now="2026-11-24T07:30")

    assert f"mailbot exposure advance {assignment}" in preview.read_text()
    assert "advance" not in own_words(drafts(bot)[0])


def test_every_assignment_email_carries_the_emergency_note(bot: Bot, smtp_server: SmtpServer) -> None:
    client = add_client(bot)
    before = len(smtp_server.received)
    assign(bot, client, "journal", "Journal")

    [message] = sent_to(smtp_server, CLIENT, before)
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "not watched around the clock" in text and "not watched around the clock" in html


def test_the_optional_acknowledgment_answers_the_client_once_with_the_emergency_note(
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = write_config(tmp_path / "config.toml", dovecot, smtp_server, mail_user, None)
    config.write_text(config.read_text() + "[risk]\nacknowledge = true\n")
    bot = Bot(config, tmp_path / "data", mail_user, dovecot, capsys)
    bot.ok("init")
    client = add_client(bot)
    assign(bot, client, "journal", "Journal", "--no-send")
    before = len(smtp_server.received)
    mid = deliver(bot, "Monday: I want to kill myself.")

    bot.ok("poll", now=LATER)
    bot.ok("poll", now="2026-11-23T13:00")

    [ack] = sent_to(smtp_server, CLIENT, before)
    assert ack["Auto-Submitted"] == "auto-replied" and ack["In-Reply-To"] == mid
    assert "not watched around the clock" in ack.get_content()  # type: ignore[attr-defined]
    # it went to her client in her name: she finds it in her Sent folder, once
    copies = [m for m in dovecot.messages(mail_user, "Sent") if ack["Message-ID"].encode() in m]
    assert len(copies) == 1


def test_a_short_worrying_mail_by_sender_alone_is_filed_as_a_flagged_note(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = add_client(bot)
    assign(bot, client)
    before = len(smtp_server.received)
    deliver(bot, "I don't see the point of anything anymore.", subject="hi")

    bot.ok("poll", now=LATER)

    [sub] = bot.json("submission", "list")
    assert (sub["kind"], sub["flags"], sub["occurrence_id"]) == ("note", ["risk"], None)
    assert len(alerts(smtp_server, bot, before)) == 1
    assert not PLACEHOLDERS.search(own_words(drafts(bot)[0]))


def test_an_alert_the_smtp_server_refused_is_sent_by_the_next_poll_and_drafts_are_still_written(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    bot = sqlite_bot
    client = add_client(bot)
    assign(bot, client, "journal", "Journal", "--no-send")
    deliver(bot, "Monday: I want to kill myself.")
    good = bot.config_path.read_text()
    bot.config_path.write_text(good.replace(f"port = {smtp_server.port}", "port = 9"))
    before = len(smtp_server.received)

    code, _out, err = bot.run("poll", now=LATER)

    assert code == 1 and "smtp" in err.lower(), err
    assert alerts(smtp_server, bot, before) == [] and len(drafts(bot)) == 1
    bot.config_path.write_text(good)
    bot.ok("poll", now="2026-11-23T13:00")
    assert len(alerts(smtp_server, bot, before)) == 1
