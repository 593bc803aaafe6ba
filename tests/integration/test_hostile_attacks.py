"""The attacks of issue 14, each against the real Dovecot and SMTP servers: hostile mail cannot
write the therapist's drafts, silence a client, redirect a reply or speak through her terminal."""

from __future__ import annotations

import base64
import email
import json
import logging
from datetime import UTC, datetime
from email import policy
from email.errors import NonASCIILocalPartDefect
from email.message import EmailMessage

import pytest
from conftest import Bot
from servers import SmtpServer

from mailbot.app import App
from mailbot.clock import parse_when
from mailbot.config import load_config
from mailbot.daemon import Guarded
from mailbot.db.models import Assignment
from mailbot.passes.digest import gather
from mailbot.passes.digest_email import render_digest

NOW = "2026-11-02T09:00"
BEN = "ben@client.example"
CLEO = "cleo@client.example"
MOOD = "Situation: meeting\nTrigger: a frown\nAutomatic thought: I'll be fired\nEmotion: anxious 80%"


def add(bot: Bot, name: str, address: str, type_: str = "mood-log") -> dict:
    bot.ok("client", "add", "--name", name, "--email", address)
    bot.ok(
        "assign", address, "--type", type_, "--title", "Mood log", "--due", "2026-11-30", "--no-send", now=NOW
    )
    return next(a for a in bot.json("assignment", "list") if a["client_email"] == address)


def raw_mail(sender: str, to: str, subject: str, body: str, *headers: str) -> bytes:
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        "Date: Mon, 02 Nov 2026 10:00:00 +0000",
        *headers,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        body,
        "",
    ]
    return "\r\n".join(lines).encode()


def deliver(bot: Bot, raw: bytes | str) -> None:
    """Into the inbox, received on the morning of the tests' day (as its Date says)."""
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=datetime(2026, 11, 2, 10, 0, tzinfo=UTC))


def encoded(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def drafts(bot: Bot) -> list[tuple[bytes, EmailMessage]]:
    raws = bot.dovecot.messages(bot.user, "Drafts")
    return [(raw, email.message_from_bytes(raw, policy=policy.default)) for raw in raws]  # type: ignore[misc]


def digest(bot: Bot, now: str) -> str:
    """The text of the digest the therapist would get at ``now``."""
    config = load_config(bot.config_path)
    app = App(config, parse_when(now, config.therapist.tz, "--now"))
    with app.sessions() as session:
        return render_digest(config, gather(session, config, app.now))[0]


# 1. Header injection into reply drafts ------------------------------------------------------------


def test_a_subject_and_message_id_spelling_encoded_headers_add_nothing_to_the_draft(bot: Bot) -> None:
    add(bot, "Ben Client", BEN)
    inner = "=?utf-8?q?Mood_log=0D=0ABcc:_exfil@evil.example=0D=0AContent-Type:_text/html?="
    forged_id = "<=?utf-8?q?x=0D=0ABcc:_exfil2@evil.example?=@client.example>"
    deliver(
        bot,
        raw_mail(
            f"Ben Client <{BEN}>",
            bot.user,
            encoded(inner),
            MOOD,
            f"Message-ID: {forged_id}",
            f"References: <a.1@client.example> {forged_id}",
        ),
    )

    bot.ok("poll", now="2026-11-02T11:00")

    [(raw, draft)] = drafts(bot)
    head = raw.split(b"\r\n\r\n", 1)[0].lower()
    assert b"\nbcc:" not in head and b"exfil" not in head
    assert [p.get_content_type() for p in draft.walk()] == ["text/plain"]
    assert str(draft["Subject"]) == f"Re: {inner}"
    assert draft["In-Reply-To"] is None
    assert str(draft["References"]) == "<a.1@client.example>"
    assert [a.addr_spec for a in draft["To"].addresses] == [BEN]


# 3. One bad address stops drafts for everyone -------------------------------------------------------


def test_a_client_address_the_mail_library_refuses_costs_only_that_clients_draft(bot: Bot) -> None:
    ben = add(bot, "Ben Client", BEN)
    add(bot, "Cleo Client", CLEO)
    deliver(
        bot,
        raw_mail("Ben <bén@evil.example>", bot.user, f"mood [{ben['token']}]", MOOD, "Message-ID: <b.1@e>"),
    )
    bot.ok("poll", now="2026-11-02T10:00")
    [stranger] = bot.json("triage", "list")
    code, _out, err = bot.run("triage", "assign", str(stranger["id"]), str(ben["id"]), now="2026-11-02T10:05")
    assert code != 0 and "--trust-sender" in err and "Traceback" not in err
    bot.ok("triage", "assign", str(stranger["id"]), str(ben["id"]), "--trust-sender", now="2026-11-02T10:05")
    deliver(
        bot, raw_mail(f"Cleo <{CLEO}>", bot.user, "my mood log", MOOD, "Message-ID: <c.1@client.example>")
    )

    bot.ok("poll", now="2026-11-02T11:00")
    bot.ok("poll", now="2026-11-02T11:05")

    [(_raw, draft)] = drafts(bot)
    assert [a.addr_spec for a in draft["To"].addresses] == [CLEO]
    status = {
        row["client_email"]: row["status"]
        for row in json.loads(bot.ok("feedback", "list", "--json", now="2026-11-02T12:00"))
    }
    assert status == {"bén@evil.example": "waiting", CLEO: "drafted"}
    assert "could not be written" in digest(bot, "2026-11-02T18:00")


def test_a_reminder_the_mail_library_refuses_costs_only_that_clients_reminder(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    cleo = f"{bot.user.split('@')[0]}-cleo@client.example"
    for name, address in (("Ben Client", "bén@client.example"), ("Cleo Client", cleo)):
        bot.ok("client", "add", "--name", name, "--email", address)
        bot.ok(
            "assign", address, "--type", "mood-log", "--title", "Mood log", "--due", "2026-11-02T21:00",
            "--repeat", "daily", "--count", "3", "--no-send", now="2026-11-01T09:00",
        )  # fmt: skip

    out = bot.ok("remind", now="2026-11-02T19:30")  # a daily item's one reminder: 19:00 on its due day

    assert out.startswith("1 reminder emails sent")
    assert [m for m in smtp_server.received if cleo in m[1]]
    assert "a reminder to client 1 could not be written" in digest(bot, "2026-11-02T20:00")


def test_the_daemon_records_any_unexpected_failure_of_a_job_for_the_digest(sqlite_bot: Bot) -> None:
    config = load_config(sqlite_bot.config_path)
    app = App(config, parse_when("2026-11-02T10:00", config.therapist.tz, "--now"))

    def broken(_app: App) -> str:
        raise NonASCIILocalPartDefect("a client's address")

    guarded = Guarded("intake", broken, app, clock=lambda: app.now)
    guarded()  # does not raise

    assert guarded.failures == 1 and guarded.resume_at is not None
    assert "The intake job failed unexpectedly (NonASCIILocalPartDefect)" in digest(
        sqlite_bot, "2026-11-02T18:00"
    )


# 4. A forged bounce -----------------------------------------------------------------------------------


def bounce(bot: Bot, client: str, returned_id: str | None) -> str:
    returned = (
        f"--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {returned_id}\r\nTo: {client}\r\n\r\n"
        if returned_id
        else ""
    )
    return (
        f"From: MAILER-DAEMON@evil.example\r\nTo: {bot.user}\r\nSubject: Undelivered Mail\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.evil.example\r\n\r\n"
        f"Final-Recipient: rfc822; {client}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n{returned}--b--\r\n"
    )


def daily_mood_log(bot: Bot) -> str:
    """A client of this test alone (the SMTP server is shared by every test) with a daily log."""
    client = f"{bot.user.split('@')[0]}-ben@client.example"
    bot.ok("client", "add", "--name", "Ben Client", "--email", client, "--timezone", "Europe/Berlin")
    bot.ok(
        "assign", client, "--type", "mood-log", "--title", "Mood log", "--due", "2026-11-02T21:00",
        "--repeat", "daily", "--count", "5", "--no-send", now="2026-11-01T09:00",
    )  # fmt: skip
    return client


def test_a_bounce_that_names_no_mail_mailbot_sent_stops_no_reminders(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = daily_mood_log(bot)
    deliver(bot, bounce(bot, client, None))
    deliver(bot, bounce(bot, client, "<guessed.1@practice.example>"))

    bot.ok("poll", now="2026-11-02T10:00")

    assert bot.ok("remind", now="2026-11-02T19:30").startswith("1 reminder")
    assert "stopped" not in digest(bot, "2026-11-02T20:00")


def test_a_bounce_of_a_reminder_stops_reminders_and_the_digest_says_so(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = daily_mood_log(bot)
    bot.ok("remind", now="2026-11-02T19:30")
    [(_from, _to, sent)] = [m for m in smtp_server.received if client in m[1]]
    reminder_id = email.message_from_bytes(sent, policy=policy.default)["Message-ID"]
    deliver(bot, bounce(bot, client, str(reminder_id)))

    bot.ok("poll", now="2026-11-02T20:00")

    assert bot.ok("remind", now="2026-11-03T19:30").startswith("0 reminder")
    assert "reminders to Ben Client stopped: a delivery failure" in digest(bot, "2026-11-03T09:00")


# 5. A "stop" that failed DMARC, and spoofing ---------------------------------------------------------------

OUR_SERVER = "mx.practice.example"


def require(bot: Bot, require_auth: str) -> None:
    with bot.config_path.open("a") as config:
        config.write(f'[intake]\nrequire_auth = "{require_auth}"\nauthserv_id = "{OUR_SERVER}"\n')


def test_a_stop_that_failed_dmarc_is_not_obeyed_and_a_real_one_is(bot: Bot, smtp_server: SmtpServer) -> None:
    client = daily_mood_log(bot)
    forged = f"Authentication-Results: {OUR_SERVER}; dmarc=fail header.from=client.example"
    deliver(bot, raw_mail(f"Ben <{client}>", bot.user, "Re: reminder", "stop", forged, "Message-ID: <s1@e>"))
    bot.ok("poll", now="2026-11-02T10:00")

    assert bot.ok("remind", now="2026-11-02T19:30").startswith("1 reminder")
    assert len(bot.inbox()) == 1  # left where it was, for the therapist to read

    deliver(bot, raw_mail(f"Ben <{client}>", bot.user, "Re: reminder", "stop", "Message-ID: <s2@c>"))
    bot.ok("poll", now="2026-11-02T20:00")

    assert bot.ok("remind", now="2026-11-03T19:30").startswith("0 reminder")
    assert "Paused by the client: Ben Client" in digest(bot, "2026-11-03T09:00")


@pytest.mark.parametrize(
    ("results", "status"),
    [
        ((), "triage"),  # no Authentication-Results at all
        ((f"{OUR_SERVER}; dmarc=none",), "triage"),
        ((f"{OUR_SERVER}; dmarc=temperror",), "triage"),
        ((f"{OUR_SERVER}; spf=fail smtp.mailfrom=client.example",), "triage"),
        (("evil.example; dmarc=pass", f"{OUR_SERVER}; dmarc=none"), "triage"),  # a forger's header
        ((f"{OUR_SERVER}; spf=pass; dkim=pass; dmarc=pass header.from=client.example",), "filed"),
    ],
)
def test_with_dmarc_pass_required_only_our_servers_pass_files_homework(
    sqlite_bot: Bot, results: tuple[str, ...], status: str
) -> None:
    bot = sqlite_bot
    require(bot, "dmarc-pass")
    add(bot, "Ben Client", BEN)
    headers = [f"Authentication-Results: {value}" for value in results]
    deliver(
        bot, raw_mail(f"Ben Client <{BEN}>", bot.user, "my mood log", MOOD, *headers, "Message-ID: <d@c>")
    )

    bot.ok("poll", now="2026-11-02T11:00")

    [sub] = bot.json("submission", "list")
    assert sub["status"] == status
    if status == "triage":
        assert "possible spoof" in sub["reason"]


def test_not_fail_trusts_only_our_servers_failure_not_one_a_forger_added(sqlite_bot: Bot) -> None:
    bot = sqlite_bot
    require(bot, "not-fail")
    add(bot, "Ben Client", BEN)
    ours_fail = f"Authentication-Results: {OUR_SERVER}; dmarc=fail"
    forged_pass = f"Authentication-Results: {OUR_SERVER}; dmarc=pass"  # below ours: written by the sender
    deliver(
        bot,
        raw_mail(f"Ben Client <{BEN}>", bot.user, "log", MOOD, ours_fail, forged_pass, "Message-ID: <f@c>"),
    )

    bot.ok("poll", now="2026-11-02T11:00")

    assert [s["status"] for s in bot.json("submission", "list")] == ["triage"]


# 6. A draft to the attacker under the client's name ----------------------------------------------------


def test_a_strangers_thread_reply_is_not_filed_without_trust_nor_suggested_by_the_digest(bot: Bot) -> None:
    ben = add(bot, "Ben Client", BEN)
    deliver(
        bot,
        raw_mail(
            "Ben Client <ben.client@evil.example>",
            bot.user,
            f"Re: [{ben['token']}]",
            MOOD,
            "Message-ID: <s@e>",
        ),
    )
    bot.ok("poll", now="2026-11-02T10:00")
    [stranger] = bot.json("triage", "list")

    shown = digest(bot, "2026-11-02T18:00")
    code, _out, err = bot.run("triage", "assign", str(stranger["id"]), str(ben["id"]), now="2026-11-02T18:05")

    assert f"triage {stranger['id']} to" not in shown and "not sent from the client's address" in shown
    assert code != 0 and err.count("\n") == 1 and "--trust-sender" in err
    assert bot.json("triage", "list")[0]["id"] == stranger["id"]


def test_a_draft_goes_to_the_clients_recorded_address_not_a_name_on_another(bot: Bot) -> None:
    ben = add(bot, "Ben Client", BEN)
    bot.ok("client", "add", "--name", "Other", "--email", "other@client.example")
    deliver(
        bot, raw_mail(f"Ben Client <{BEN}>", bot.user, f"mood [{ben['token']}]", MOOD, "Message-ID: <m@c>")
    )

    bot.ok("poll", now="2026-11-02T11:00")

    [(_raw, draft)] = drafts(bot)
    assert [(a.display_name, a.addr_spec) for a in draft["To"].addresses] == [("Ben Client", BEN)]


# 7. Terminal escapes ---------------------------------------------------------------------------------------


def test_escape_sequences_in_a_message_id_and_subject_never_reach_the_terminal(bot: Bot) -> None:
    add(bot, "Ben Client", BEN)
    deliver(
        bot,
        raw_mail(
            f"Ben Client <{BEN}>",
            bot.user,
            encoded("mood \x1b[2J\x9b31m log"),
            MOOD,
            "Message-ID: <\x1b]52;c;ZXZpbA==\x07@client.example>",
            'Content-Type: text/plain; charset="\x1b[31mutf-8"',
        ),
    )
    bot.ok("poll", now="2026-11-02T11:00")
    [sub] = bot.json("submission", "list")

    shown = bot.ok("submission", "show", str(sub["id"])) + bot.ok("submission", "list")
    as_json = bot.ok("submission", "show", str(sub["id"]), "--json")

    assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
    assert "\x1b" not in as_json and "\x9b" not in as_json
    assert "\\u001b" in shown


# Logs -----------------------------------------------------------------------------------------------------


def test_debug_logs_carry_no_mail_only_trace_does_and_warns(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    add(bot, "Ben Client", BEN)
    caplog.set_level(logging.DEBUG)
    for number, level in enumerate(("debug", "trace")):
        words = f"Situation: the secret words of a client, {level}"
        deliver(
            bot, raw_mail(f"Ben <{BEN}>", bot.user, f"private {level}", words, f"Message-ID: <{level}@c>")
        )
        caplog.clear()

        code, _out, _err = bot.run("--log-level", level, "poll", now=f"2026-11-02T1{number + 1}:00")

        assert code == 0
        assert (f"secret words of a client, {level}" in caplog.text) == (level == "trace")
        assert ("IMAP conversation" in caplog.text) == (level == "trace")


# Autoresponders and closed tokens ---------------------------------------------------------------------------


def test_an_autoresponder_without_headers_answering_in_the_thread_is_a_note_not_an_answer(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    client = f"{bot.user.split('@')[0]}-ben@client.example"
    bot.ok("client", "add", "--name", "Ben Client", "--email", client)
    bot.ok("assign", client, "--type", "journal", "--title", "Journal", "--due", "2026-11-30", now=NOW)
    [(_from, _to, sent)] = [m for m in smtp_server.received if client in m[1]]
    assignment_mail = email.message_from_bytes(sent, policy=policy.default)
    thread = str(assignment_mail["Message-ID"])
    words = "Ich bin bis zum 4. Dezember abwesend und lese meine E-Mails danach nicht."
    deliver(
        bot, raw_mail(client, bot.user, f"Re: {assignment_mail['Subject']}", words, f"In-Reply-To: {thread}")
    )

    bot.ok("poll", now="2026-11-02T11:00")

    [sub] = bot.json("submission", "list")
    assert (sub["kind"], sub["status"]) == ("note", "filed")
    [assignment] = bot.json("assignment", "list")
    assert assignment["status"] == "open"  # a note answers nothing: the one-off is not closed by it


def test_a_token_of_a_closed_assignment_goes_to_triage_not_into_the_record(bot: Bot) -> None:
    old = add(bot, "Ben Client", BEN)
    config = load_config(bot.config_path)
    app = App(config, parse_when(NOW, config.therapist.tz, "--now"))
    with app.sessions() as session, session.begin():
        session.get(Assignment, old["id"]).status = "closed"  # type: ignore[union-attr]
    deliver(bot, raw_mail(f"Ben <{BEN}>", bot.user, f"late [{old['token']}]", MOOD, "Message-ID: <late@c>"))

    bot.ok("poll", now="2026-11-02T11:00")

    [sub] = bot.json("submission", "list")
    assert (sub["status"], sub["reason"]) == ("triage", "token of a closed assignment")
