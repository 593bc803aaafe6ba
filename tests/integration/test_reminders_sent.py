"""Reminders through a real SMTP server into the client's real mailbox: on time locally, across
a daylight-saving change, never in quiet hours, never twice, stopped by "pause"."""

from __future__ import annotations

import email
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid, parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import Bot, make_bot
from query_plans import history_walks, statements
from servers import Dovecot, SmtpServer
from support.homework import add_client, assign

from mailbot.app import App
from mailbot.config import load_config
from mailbot.mail.imap_folders import Folders
from mailbot.passes.reminders import settle_unknown

BERLIN = ZoneInfo("Europe/Berlin")


def setup_client(
    bot: Bot, count: int = 14, first_due: str = "2026-03-23T21:00", assigned: str = "2026-03-20T09:00"
) -> tuple[str, str]:
    client = f"{bot.user.split('@')[0]}-client@example.org"
    add_client(bot, "Ben Client", client, timezone="Europe/Berlin")
    assign(bot, client, "mood-log", "Mood log", first_due, repeat="daily", count=count, now=assigned)
    return client, bot.json("assignment", "list")[0]["token"]


def reminders_to(smtp: SmtpServer, client: str) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for _from, rcpts, raw in smtp.received
        if client in rcpts
    ]


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M+00:00")


# Slow (768 commands, over a minute): the same two weeks are proved in milliseconds by
# tests/unit/test_reminders.py (test_two_weeks_*: local hours across the change, 19:00 on both
# sides, nothing twice, nothing once handed in) and the pass by tests/unit/test_reminder_pass.py.
@pytest.mark.slow
def test_two_weeks_of_reminders_across_dst_land_at_local_hours_once(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    bot = sqlite_bot
    # Reminders are not stopped by the missed days here: this test is about when they land.
    bot.config_path.write_text(bot.config_path.read_text() + "[reminders]\nstop_after_missed = 0\n")
    client, token = setup_client(bot)
    done_day = datetime(2026, 3, 26, 12, 0, tzinfo=UTC)  # the client hands in day 4 early
    start = datetime(2026, 3, 22, 0, 0, tzinfo=UTC)
    delivered = False
    for hour in range(0, 16 * 24):
        now = start + timedelta(hours=hour)
        if not delivered and now >= done_day:
            mail = EmailMessage()
            mail["From"], mail["To"], mail["Subject"] = client, bot.user, f"log [{token}]"
            mail["Message-ID"] = make_msgid(domain="client.example")
            mail.set_content("Today:\nSituation: work\nEmotion: sad 50")  # names its day
            with bot.dovecot.client(bot.user) as imap:
                imap.append("INBOX", bytes(mail), msg_time=done_day)
            bot.ok("poll", now=iso(now))
            delivered = True
        bot.ok("remind", now=iso(now))
        bot.ok("remind", now=iso(now))  # a repeated pass, as after a restart, sends nothing more

    sent = reminders_to(smtp_server, client)
    local = [parsedate_to_datetime(str(m["Date"])).astimezone(BERLIN) for m in sent]
    assert sent, "no reminder was sent"
    assert all(8 <= t.hour < 21 for t in local), [t.isoformat() for t in local]
    per_day = Counter(t.date() for t in local)
    assert max(per_day.values()) == 1  # a daily item: one reminder a day
    due_hours = {
        t.date(): t.hour
        for t, m in zip(local, sent, strict=True)
        if "due tonight at 9 pm" in m.get_body(("plain",)).get_content()
    }
    assert set(due_hours.values()) == {19}  # 19:00 local before and after 29 March
    assert datetime(2026, 3, 30).date() in due_hours and datetime(2026, 3, 24).date() in due_hours
    assert datetime(2026, 3, 26).date() not in due_hours  # that day was done
    rows = bot.json("reminder", "list")
    keys = [(r["assignment_id"], r["kind"], r["scheduled_for"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert {r["status"] for r in rows} == {"sent"}
    first = sent[0]
    assert first["Auto-Submitted"] == "auto-generated" and token in str(first["Subject"])
    assert str(first["List-Unsubscribe"]).startswith("<mailto:")


def test_a_reminder_replies_to_the_assignment_emails_it_reminds_of(bot: Bot, smtp_server: SmtpServer) -> None:
    client = f"{bot.user.split('@')[0]}-client@example.org"
    bot.ok("client", "add", "--name", "Ben Client", "--email", client, "--timezone", "Europe/Berlin")
    for kind, title in (("mood-log", "Mood log"), ("journal", "Journal")):
        due = ("--due", "2026-11-02T21:00", "--repeat", "daily", "--count", "3")
        bot.ok("assign", client, "--type", kind, "--title", title, *due, now="2026-11-01T09:00")
    assignment_emails = [str(m["Message-ID"]) for m in reminders_to(smtp_server, client)]

    out = bot.ok("remind", now="2026-11-02T19:00")

    reminder = reminders_to(smtp_server, client)[-1]
    assert out.startswith("1 reminder emails sent") and len(assignment_emails) == 2
    assert reminder["In-Reply-To"] == assignment_emails[0]
    assert str(reminder["References"]).split() == assignment_emails


def test_a_pass_keeps_a_copy_of_each_reminder_in_sent_and_finds_the_folder_once(
    sqlite_bot: Bot, smtp_server: SmtpServer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    bot = sqlite_bot
    clients = [setup_client(bot, count=3, first_due="2026-11-02T21:00")[0]]
    other = f"{bot.user.split('@')[0]}-other@example.org"
    bot.ok("client", "add", "--name", "Cleo Client", "--email", other, "--timezone", "Europe/Berlin")
    due = ("--due", "2026-11-02T21:00", "--repeat", "daily", "--count", "3", "--no-send")
    bot.ok("assign", other, "--type", "journal", "--title", "Journal", *due, now="2026-11-01T09:00")
    clients.append(other)
    lookups = Counter[str]()
    find = Folders._find_special_folder

    def counted(self: Folders, flag: bytes) -> str | None:
        lookups[flag.decode()] += 1
        return find(self, flag)

    monkeypatch.setattr(Folders, "_find_special_folder", counted)

    out = bot.ok("remind", now="2026-11-02T19:00")

    sent = [reminders_to(smtp_server, c)[-1] for c in clients]
    kept = [email.message_from_bytes(raw) for raw in bot.dovecot.messages(bot.user, "Sent")]
    assert out.startswith("2 reminder emails sent")
    assert sorted(str(m["Message-ID"]) for m in kept) == sorted(str(m["Message-ID"]) for m in sent)
    assert lookups == {"\\Sent": 1}


def test_pause_reply_stops_reminders_and_resume_restarts_them(bot: Bot, smtp_server: SmtpServer) -> None:
    client, token = setup_client(bot, count=5, first_due="2026-11-01T21:00")
    pause = EmailMessage()
    pause["From"], pause["To"], pause["Subject"] = client, bot.user, f"Re: reminder [{token}]"
    pause["Message-ID"] = make_msgid(domain="client.example")
    pause.set_content("Pause\n\nBen")
    bot.deliver(bytes(pause))
    bot.ok("poll", now="2026-11-01T10:00")

    out = bot.ok("remind", now="2026-11-01T19:00")  # a daily item's reminder: 19:00, its due day

    assert out.startswith("0 reminder")
    assert bot.json("submission", "list") == []  # the command is not homework
    bot.ok("client", "set", client, "--reminders", "resume")
    assert bot.ok("remind", now="2026-11-01T19:00").startswith("1 reminder")


def test_out_of_office_answer_to_a_reminder_triggers_nothing(bot: Bot, smtp_server: SmtpServer) -> None:
    client, token = setup_client(bot, count=3, first_due="2026-11-02T21:00")
    bot.ok("remind", now="2026-11-02T19:00")
    [reminder] = reminders_to(smtp_server, client)
    ooo = EmailMessage()
    ooo["From"], ooo["To"] = client, bot.user
    ooo["Subject"] = "Automatic reply: " + str(reminder["Subject"])
    ooo["Auto-Submitted"] = "auto-replied"
    ooo["In-Reply-To"] = reminder["Message-ID"]
    ooo["Message-ID"] = make_msgid(domain="client.example")
    ooo.set_content("I am away until Monday.")
    bot.deliver(bytes(ooo))
    before = len(smtp_server.received)

    bot.ok("poll", now="2026-11-02T19:05")
    bot.ok("remind", now="2026-11-02T19:10")

    assert bot.json("submission", "list") == []
    assert len(smtp_server.received) == before


def test_bounced_address_gets_no_more_mail_until_cleared(bot: Bot, smtp_server: SmtpServer) -> None:
    client, _token = setup_client(bot, count=3, first_due="2026-11-02T21:00")
    assert bot.ok("remind", now="2026-11-02T19:00").startswith("1 reminder")
    [reminder] = reminders_to(smtp_server, client)
    bounce = (
        f"From: MAILER-DAEMON@example.org\r\nTo: {bot.user}\r\nSubject: Undelivered Mail\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {client}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {reminder['Message-ID']}\r\n--b--\r\n"
    )
    bot.deliver(bounce)
    bot.ok("poll", now="2026-11-02T19:05")

    assert bot.ok("remind", now="2026-11-03T19:00").startswith("0 reminder")
    bot.ok("client", "clear-bounce", client)
    assert bot.ok("remind", now="2026-11-03T19:00").startswith("1 reminder")


def test_dry_run_prints_what_it_would_send_and_sends_nothing(bot: Bot, smtp_server: SmtpServer) -> None:
    client, _token = setup_client(bot, count=3, first_due="2026-11-02T21:00")
    before = len(smtp_server.received)

    out = bot.ok("remind", "--dry-run", now="2026-11-02T19:00")

    assert (
        "client 1" in out and "due tonight" in out and out.strip().endswith("1 reminder emails would be sent")
    )
    assert len(smtp_server.received) == before
    assert bot.json("reminder", "list") == []


def test_temporary_smtp_refusals_are_retried_and_a_lasting_one_is_reported_not_resent(
    bot: Bot, smtp_server: SmtpServer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import mailbot.sending

    monkeypatch.setattr(mailbot.sending, "RETRY_DELAYS", (0.01, 0.01, 0.01))
    client, _token = setup_client(bot, count=3, first_due="2026-11-02T21:00")
    smtp_server.fail_next(2, 451)

    assert bot.ok("remind", now="2026-11-02T19:00").startswith("1 reminder emails sent")

    smtp_server.fail_next(4, 451)
    out = bot.ok("remind", now="2026-11-03T19:00")
    assert "0 reminder emails sent, 1 failed" in out
    # one email: the 3rd's reminder and the 2nd's nudge, both recorded as failed
    assert [r["status"] for r in bot.json("reminder", "list")] == ["sent", "failed", "failed"]
    assert bot.ok("remind", now="2026-11-03T19:30").startswith("0 reminder")  # reported, never resent
    assert len(reminders_to(smtp_server, client)) == 1


def test_looking_for_reminders_a_crash_left_pending_reads_an_index_not_every_email_sent(
    sqlite_bot: Bot,
) -> None:
    app = App(load_config(sqlite_bot.config_path), datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    sessions = app.sessions  # opening checks the schema version first

    with statements(app.engine) as seen:
        settle_unknown(sessions, app.now)

    assert seen and history_walks(app.engine, seen) == []


def test_a_silent_client_gets_one_reminder_a_day_until_three_missed_and_the_digest_says_so(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client, _token = setup_client(bot, count=7, first_due="2026-03-02T21:00", assigned="2026-03-01T09:00")
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    for hour in range(0, 8 * 24, 2):
        now = iso(start + timedelta(hours=hour))
        if hour % 12 == 0:
            bot.ok("poll", now=now)
        bot.ok("remind", now=now)

    sent = reminders_to(smtp_server, client)
    days = [parsedate_to_datetime(str(m["Date"])).astimezone(BERLIN).date() for m in sent]
    # Mon to Thu at 19:00, one a day; by Friday Mon, Tue and Wed are missed (Wednesday's grace
    # ended Thursday 21:00), and reminders stop.
    assert len(days) == len(set(days)) == 4
    text = sent[0].get_body(("plain",)).get_content()
    assert "Mood log: due tonight at 9 pm" in text
    assert "2026-" not in text and " of " not in text  # no ISO dates, no "reminder 1 of 1"
    second = sent[1].get_body(("plain",)).get_content()
    assert second.count("Mood log") == 1
    assert "Mood log: due tonight at 9 pm; yesterday's (Monday) is still welcome too" in second
    out = bot.ok("digest", "--preview", str(bot.data_dir / "digest.html"), now="2026-03-09T07:30")
    assert "preview written" in out
    html = (bot.data_dir / "digest.html").read_text()
    assert "Ben Client has missed" in html and "reminders stopped" in html


def test_the_client_answering_starts_stopped_reminders_again(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    bot = sqlite_bot
    client, token = setup_client(bot, count=7, first_due="2026-03-02T21:00", assigned="2026-03-01T09:00")
    for day in range(2, 6):
        bot.ok("poll", now=f"2026-03-{day + 1:02d}T22:00")
    before = len(reminders_to(smtp_server, client))
    bot.ok("remind", now="2026-03-06T19:00")  # Mon-Wed missed (Thursday still in grace): stopped
    stopped = len(reminders_to(smtp_server, client))
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = client, bot.user, f"Re: [{token}]"
    mail["Message-ID"] = make_msgid(domain="client.example")
    mail.set_content("Yesterday:\nSituation: work\nEmotion: sad 50")
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", bytes(mail), msg_time=datetime(2026, 3, 7, 10, 0, tzinfo=BERLIN))
    bot.ok("poll", now="2026-03-07T10:05")

    bot.ok("remind", now="2026-03-07T19:00")

    assert stopped == before
    assert len(reminders_to(smtp_server, client)) == stopped + 1


def test_a_reply_to_a_combined_reminder_is_filed_to_the_item_its_content_answers(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = f"{bot.user.split('@')[0]}-client@example.org"
    bot.ok("client", "add", "--name", "Ben Client", "--email", client, "--timezone", "Europe/Berlin")
    due = ("--due", "2026-11-02T21:00", "--repeat", "daily", "--count", "3")
    for kind, title in (("mood-log", "Mood log"), ("journal", "Evening journal")):
        bot.ok("assign", client, "--type", kind, "--title", title, *due, now="2026-11-01T09:00")
    bot.ok("remind", now="2026-11-02T19:00")
    reminder = reminders_to(smtp_server, client)[-1]
    text = reminder.get_body(("plain",)).get_content()
    answer = EmailMessage()
    answer["From"], answer["To"] = client, bot.user
    answer["Subject"] = f"Re: {reminder['Subject']}"
    answer["Message-ID"] = make_msgid(domain="client.example")
    answer["In-Reply-To"] = str(reminder["Message-ID"])
    answer["References"] = f"{reminder['References']} {reminder['Message-ID']}"
    answer.set_content("Situation: meeting\nAutomatic thought: I'll fail\nEmotion: anxious 70\n")

    bot.deliver(bytes(answer))
    bot.ok("poll", now="2026-11-02T19:30")

    assert text.count("Mood log") == 1 and text.count("Evening journal") == 1
    [submission] = bot.json("submission", "list")
    mood = next(a for a in bot.json("assignment", "list") if a["type"] == "mood-log")
    assert (submission["status"], submission["assignment_id"]) == ("filed", mood["id"])
    assert submission["matched_by"] == "content"


def test_reminders_go_out_while_the_imap_server_is_down(
    tmp_path: Path, mail_user: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Dovecot() as dovecot, SmtpServer() as smtp:
        bot = make_bot(tmp_path, dovecot, smtp, mail_user, capsys, None)
        client, _token = setup_client(bot, count=3, first_due="2026-11-02T21:00")
        dovecot.stop()  # given: IMAP is down; reminders need only SMTP

        out = bot.ok("remind", now="2026-11-02T19:00")

        assert out.startswith("1 reminder emails sent, 0 failed")
        assert len(reminders_to(smtp, client)) == 1
        assert [r["status"] for r in bot.json("reminder", "list")] == ["sent"]
        assert bot.ok("remind", now="2026-11-02T19:30").startswith("0 reminder")  # and never twice
