"""A reply to a combined reminder that answers several of its items, against a real Dovecot and
SMTP server: one submission per item, each item's day credited, one message moved once, one
draft; a part that fits no single item sends the whole reply to triage, saying why. And a note
credits no day, whatever it names."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from conftest import Bot
from mails import homework_mail
from servers import SmtpServer
from test_feedback_settled import drafts
from test_reminders_sent import reminders_to

DUE = ("--due", "2026-11-02T21:00", "--repeat", "daily", "--count", "3")


def combined_reminder(bot: Bot, smtp: SmtpServer) -> tuple[str, EmailMessage, dict[str, int]]:
    """Ben has a mood log and a journal, both due tonight; the 19:00 reminder names both."""
    client = f"{bot.user.split('@')[0]}-client@example.org"
    bot.ok("client", "add", "--name", "Ben Client", "--email", client, "--timezone", "Europe/Berlin")
    for kind, title in (("mood-log", "Mood log"), ("journal", "Evening journal")):
        bot.ok("assign", client, "--type", kind, "--title", title, *DUE, now="2026-11-01T09:00")
    bot.ok("remind", now="2026-11-02T19:00")
    reminder = reminders_to(smtp, client)[-1]
    ids = {a["type"]: a["id"] for a in bot.json("assignment", "list")}
    return client, reminder, ids


def answer(bot: Bot, client: str, reminder: EmailMessage, body: str) -> None:
    reply = EmailMessage()
    reply["From"], reply["To"] = client, bot.user
    reply["Subject"] = f"Re: {reminder['Subject']}"
    reply["Message-ID"] = make_msgid(domain="client.example")
    reply["In-Reply-To"] = str(reminder["Message-ID"])
    reply["References"] = f"{reminder['References']} {reminder['Message-ID']}"
    reply.set_content(body)
    with bot.dovecot.client(bot.user) as imap:  # at 19:20 in Berlin, before tonight's 21:00
        imap.append("INBOX", bytes(reply), msg_time=datetime(2026, 11, 2, 18, 20, tzinfo=UTC))


def first_day(bot: Bot, assignment_id: int) -> str:
    return str(bot.json("assignment", "show", str(assignment_id))["occurrences"][0]["status"])


def where(bot: Bot) -> dict[str, list[tuple[bytes, ...]]]:
    """Each folder holding mail, with the flags of each message in it."""
    found = {}
    with bot.dovecot.client(bot.user) as imap:
        for _flags, _sep, name in imap.list_folders():
            imap.select_folder(name, readonly=True)
            uids = imap.search("ALL")
            if uids:
                found[name] = [d[b"FLAGS"] for d in imap.fetch(uids, ["FLAGS"]).values()]
    return found


def test_a_reply_answering_two_items_of_a_combined_reminder_is_filed_once_per_item_crediting_each(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client, reminder, ids = combined_reminder(bot, smtp_server)
    answer(
        bot,
        client,
        reminder,
        "Hi Ada,\n\nMood log:\nSituation: meeting\nAutomatic thought: I'll fail\nEmotion: anxious 70\n\n"
        "Evening journal:\nThoughts: it went better than I feared\nWhat I did: a walk afterwards\n\nBen\n",
    )

    bot.ok("poll", now="2026-11-02T19:30")

    subs = bot.json("submission", "list")
    assert sorted((s["assignment_id"], s["status"], s["matched_by"]) for s in subs) == sorted(
        [(ids["mood-log"], "filed", "content"), (ids["journal"], "filed", "content")]
    )
    assert first_day(bot, ids["mood-log"]) == first_day(bot, ids["journal"]) == "done"
    mood, journal = (
        bot.json("submission", "show", str(s["id"])) for s in sorted(subs, key=lambda s: s["id"])
    )
    assert "Emotion: anxious 70" in mood["text"] and "walk" not in mood["text"]
    assert "walk afterwards" in journal["text"] and "anxious" not in journal["text"]
    folders = where(bot)
    filed = [name for name in folders if name not in ("INBOX", "Drafts", "Sent")]
    assert "INBOX" not in folders and len(filed) == 1 and len(folders[filed[0]]) == 1  # moved once
    assert b"\\Seen" not in folders[filed[0]][0]  # and still unread
    [draft] = drafts(bot)  # one reply draft for the one mail, covering both items
    assert "Mood log" in draft.get_content() and "Evening journal" in draft.get_content()


def test_a_reply_to_a_combined_reminder_with_a_part_fitting_two_forms_goes_to_triage_saying_so(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    bot = sqlite_bot
    client, reminder, ids = combined_reminder(bot, smtp_server)
    answer(
        bot,
        client,
        reminder,
        "Situation: meeting\nEmotion: anxious 70\n\nSituation: dinner\nThoughts: fine\n\n"
        "Situation: the bus\nThought: they all stare\n",  # the last: a mood log's or a journal's?
    )

    bot.ok("poll", now="2026-11-02T19:30")

    [sub] = bot.json("submission", "list")
    assert (sub["status"], sub["assignment_id"]) == ("triage", None)
    [listed] = bot.json("triage", "list")
    assert listed["reason"] == (
        "thread names several assignments: it answers 2 of them, "
        "and part of it fits several of their forms alike"
    )
    assert first_day(bot, ids["mood-log"]) == first_day(bot, ids["journal"]) == "open"


def test_a_note_credits_no_day_even_one_it_names(sqlite_bot: Bot) -> None:
    bot = sqlite_bot
    bot.ok("client", "add", "--name", "Ben Client", "--email", "ben@client.example")
    bot.ok("assign", "ben@client.example", "--type", "mood-log", "--title", "Mood log", *DUE, "--no-send",
           now="2026-11-01T09:00")  # fmt: skip
    note = homework_mail(
        "ben@client.example",
        bot.user,
        "Mood log",
        "Monday: I couldn't do it, sorry. Is it ok if I send it tomorrow?",
        date=datetime(2026, 11, 2, 19, 0, tzinfo=UTC),
    )
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", note, msg_time=datetime(2026, 11, 2, 19, 0, tzinfo=UTC))

    bot.ok("poll", now="2026-11-02T20:30")

    [sub] = bot.json("submission", "list")
    assert (sub["kind"], sub["status"], sub["occurrence_id"]) == ("note", "filed", None)
    [assignment] = bot.json("assignment", "list")
    assert first_day(bot, assignment["id"]) == "open"
    bot.ok("poll", now="2026-11-04T12:00")
    assert first_day(bot, assignment["id"]) == "missed"  # the note handed nothing in
