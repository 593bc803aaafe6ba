"""A week of a daily mood log against a real Dovecot: answers credited to the days they name,
giving the statuses a person would give, and the same figures in the digest and in
``assignment show``."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from conftest import Bot
from mails import homework_mail

from mailbot.app import App
from mailbot.clock import parse_when
from mailbot.config import load_config
from mailbot.passes.digest import gather

BERLIN = ZoneInfo("Europe/Berlin")
CLIENT = "david@client.example"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2026, Berlin time (2 March is a Monday)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


def send(bot: Bot, when: datetime, body: str, subject: str = "mood log") -> None:
    raw = homework_mail(CLIENT, bot.user, subject, body, date=when)
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=when)
    bot.ok("poll", now=(when + timedelta(minutes=5)).isoformat())


def daily_mood_log(bot: Bot) -> dict:
    bot.ok("client", "add", "--name", "David Client", "--email", CLIENT, "--timezone", "Europe/Berlin")
    out = bot.ok(
        "assign", CLIENT, "--type", "mood-log", "--title", "Mood log", "--due", "2026-03-02T21:00",
        "--repeat", "daily", "--count", "7", "--no-send", now="2026-03-01T10:00",
    )  # fmt: skip
    return bot.json("assignment", "show", out.strip())


def test_a_week_answered_late_in_two_day_mails_with_yesterday_a_weekday_and_silence(bot: Bot) -> None:
    daily_mood_log(bot)

    send(bot, at(2, 23, 30), "Situation: late shift\nEmotion: tired 60")  # Monday, after 21:00
    send(
        bot,
        at(4, 20),
        "Tuesday:\nSituation: bus\nEmotion: anxious 40\n\nWednesday:\nSituation: call\nEmotion: calm 20",
    )
    send(bot, at(6, 8), "Here's yesterday's.\nSituation: dinner\nEmotion: sad 50")  # Thursday's
    send(bot, at(8, 10), "Saturday\nSituation: park\nEmotion: calm 10")  # Friday: nothing at all
    send(bot, at(8, 20), "Situation: family\nEmotion: happy 30")  # Sunday, on time
    bot.ok("poll", now="2026-03-09T22:00")

    [assignment] = bot.json("assignment", "list")
    shown = bot.json("assignment", "show", str(assignment["id"]))
    statuses = [o["status"] for o in shown["occurrences"]]
    assert statuses == ["late", "late", "done", "late", "missed", "late", "done"]
    assert shown["adherence"]["summary"] == "6 of 7 handed in (4 late), 1 missed"
    assert shown["status"] == "closed"  # after its last occurrence
    two_days = bot.json("submission", "show", "2")
    assert [entry["day"] for entry in two_days["fields"]] == ["2026-03-03", "2026-03-04"]


def test_the_digests_figures_equal_assignment_shows(bot: Bot) -> None:
    daily_mood_log(bot)
    send(bot, at(2, 20), "Situation: work\nEmotion: sad 60")
    send(bot, at(4, 9), "Yesterday:\nSituation: bus\nEmotion: anxious 40")
    send(
        bot,
        at(6, 8),
        "Thursday:\nSituation: dinner\nEmotion: sad 50\nFriday:\nSituation: walk\nEmotion: calm 10",
    )
    now = parse_when("2026-03-09T07:30", BERLIN, "--now")
    bot.ok("poll", now="2026-03-09T07:30")

    shown = bot.json("assignment", "show", "1")
    with App(load_config(bot.config_path), now).sessions() as session:
        [line] = gather(session, load_config(bot.config_path), now).adherence

    figures = shown["adherence"]
    assert (line.done_7, line.due_7) == (figures["handed_in"], figures["due"]) == (4, 6)
    assert (line.done_28, line.due_28) == (4, 6)  # Sunday 21:00 is still in its grace period
    listed = bot.json("assignment", "list")[0]
    assert listed["adherence"] == figures
