"""The practice run from the mail client, against the real servers: homework set by a mail the
therapist saved in Sent, commands she mails herself, and the answers mailbot sends her."""

from __future__ import annotations

import email
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from conftest import Bot
from mails import homework_mail
from servers import SmtpServer

BERLIN = ZoneInfo("Europe/Berlin")
CLIENT = "anna@client.example"


def written(
    bot: Bot,
    to: str,
    subject: str,
    body: str,
    when: str,
    *,
    to_name: str = "Anna Lima",
    in_reply_to: str | None = None,
) -> tuple[bytes, str]:
    """A mail as the therapist's mail client writes it, and its Message-ID."""
    msg = EmailMessage()
    msg["From"] = f"Dr. Ada Example <{bot.user}>"
    msg["To"] = f"{to_name} <{to}>" if to_name else to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.fromisoformat(when).replace(tzinfo=BERLIN))
    msg["Message-ID"] = mid = make_msgid(domain=bot.user.split("@")[1])
    msg["User-Agent"] = "Mozilla/5.0 Thunderbird/128.5.0"
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    msg.set_content(body)
    return bytes(msg), mid


def save_in_sent(bot: Bot, raw: bytes) -> None:
    """What a mail client does after sending: a copy in Sent, marked read."""
    bot.dovecot.append(bot.user, "Sent", raw, flags=[b"\\Seen"])


def command_mail(bot: Bot, text: str, when: str, to: str | None = None) -> str:
    """A mail to herself carrying ``text``: saved in Sent and delivered to her inbox."""
    raw, mid = written(bot, to or bot.user, "mailbot", text, when, to_name="")
    save_in_sent(bot, raw)
    bot.deliver(raw)
    return mid


def answers(smtp: SmtpServer, bot: Bot) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for _f, rcpts, raw in smtp.received
        if bot.user in rcpts and b"X-Mailbot: answer" in raw
    ]


def to_client(smtp: SmtpServer, client: str) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for _f, rcpts, raw in smtp.received
        if client in rcpts
    ]


def add_anna(bot: Bot, address: str = CLIENT) -> None:
    bot.ok("client", "add", "--name", "Anna Lima", "--email", address, now="2026-12-01T08:00")


def test_homework_written_in_a_mail_client_is_set_threaded_and_reminded(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = f"{bot.user.split('@')[0]}-anna@client.example"
    add_anna(bot, client)
    body = "Homework: mood log\nDue: daily at 21:00 until 7 December\n\nDear Anna,\nas we said today..."
    raw, mid = written(bot, client, "Your mood log", body, "2026-12-01T10:00")
    save_in_sent(bot, raw)

    out = bot.ok("poll", now="2026-12-01T10:05")

    [assignment] = bot.json("assignment", "list")
    detail = bot.json("assignment", "show", str(assignment["id"]))
    assert assignment["type"] == "mood-log" and assignment["title"] == "Mood log"
    assert len(detail["occurrences"]) == 7  # 1 to 7 December, each at 21:00 Berlin
    assert "1 homework mails" in out
    assert to_client(smtp_server, client) == []  # mailbot sent the client nothing: she has the mail
    assert answers(smtp_server, bot) == []  # and a block read well needs no answer

    reply = homework_mail(
        client, bot.user, "Re: Your mood log", "Situation: work\nEmotion: anxious 60", in_reply_to=mid
    )
    bot.deliver(reply)
    bot.ok("poll", now="2026-12-01T22:00")
    [submission] = bot.json("submission", "list")
    assert (submission["status"], submission["matched_by"]) == ("filed", "thread")

    bot.ok("remind", now="2026-12-02T19:05")
    [reminder] = to_client(smtp_server, client)
    assert reminder["In-Reply-To"] == mid
    bot.ok("poll", now="2026-12-02T19:10")
    assert len(bot.json("assignment", "list")) == 1  # nothing is set twice
