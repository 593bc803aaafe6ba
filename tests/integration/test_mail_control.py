"""The practice run from the mail client, against the real servers: homework set by a mail the
therapist saved in Sent, commands she mails herself, and the answers mailbot sends her."""

from __future__ import annotations

import email
import os
import signal
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import Bot
from mails import homework_mail
from servers import SmtpServer
from support.app import breaking_on
from support.chromium import Browser
from support.run import run_mailbot

from mailbot.passes import mail_control as mailctl

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
    [note] = answers(smtp_server, bot)  # how mailbot read the dates, threaded under her mail
    said = note.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert note["In-Reply-To"] == mid
    assert "7 times, from Tue 01 Dec 21:00 to Mon 07 Dec 21:00 (Europe/Berlin time)" in said
    assert folder_ids(bot, "Sent") == [mid]  # her mail to the client stays where it is
    assert folder_ids(bot, "Mailbot") == [str(note["Message-ID"])]  # the note is tidied away

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


DAILY = ("--repeat", "daily", "--count", "7")


def practice(bot: Bot) -> dict[str, int]:
    """Anna with a journal, a ladder and a mood log; one mail of hers in triage, two filed.
    Daily, so that an answer closes none of them (a one-off closes once answered)."""
    add_anna(bot)
    ids = {}
    for kind, title, extra in (
        ("journal", "Journal", ()),
        ("exposure", "Lift ladder", ("--steps", "look at a lift:20;ride one floor:50;ride ten floors:80")),
        ("mood-log", "Mood log", ()),
    ):
        out = bot.ok(
            "assign",
            CLIENT,
            "--type",
            kind,
            "--title",
            title,
            "--due",
            "2026-12-05T20:00",
            *extra,
            *DAILY,
            "--no-send",
            now="2026-12-01T08:00",
        )
        ids[kind] = int(out.split()[0])
    tokens = {a["id"]: a["token"] for a in bot.json("assignment", "list")}
    bot.deliver(homework_mail(CLIENT, bot.user, "stuff", "see my thoughts"))
    for n in (1, 2):
        bot.deliver(
            homework_mail(
                CLIENT, bot.user, f"log [{tokens[ids['mood-log']]}]", f"Situation: {n}\nEmotion: sad 6{n}"
            )
        )
    bot.ok("poll", now="2026-12-01T09:00")
    [triage] = bot.json("triage", "list")
    filed = [s["id"] for s in bot.json("submission", "list") if s["status"] == "filed"]
    return {**ids, "triage": triage["id"], "filed": filed[0], "filed2": filed[1]}


def folder_ids(bot: Bot, folder: str) -> list[str]:
    return [
        str(email.message_from_bytes(raw, policy=policy.default)["Message-ID"])
        for raw in bot.dovecot.messages(bot.user, folder)
    ]


def test_each_command_in_a_sent_mail_is_carried_out_once_and_answered_once(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    ids = practice(bot)
    text = "\n".join(
        [
            f"triage {ids['triage']} to {ids['journal']}",
            f"done {ids['filed']}",
            f"skip {ids['filed2']} not needed",
            "pause Anna",
            "resume Anna",
            "stage 2 Anna mood log",
            "advance Anna ladder",
            f"close {ids['journal']}",
            "brief Anna",
            "dance a jig",
            "",
            "Sent from my iPhone",
        ]
    )
    mid = command_mail(bot, text, "2026-12-01T10:00", to=bot.user.replace("@", "+mailbot@"))

    bot.ok("poll", now="2026-12-01T10:01")
    bot.ok("poll", now="2026-12-01T10:02")  # a second pass repeats nothing

    [answer] = answers(smtp_server, bot)
    assert answer["In-Reply-To"] == mid and str(answer["Subject"]) == "Re: mailbot"
    body = answer.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.count("\n  done: ") == 9, body
    assert (
        body.count("NOT DONE") == 1 and "the session brief for Anna" in body and "SESSION BRIEF: Anna" in body
    )
    assert "dance a jig" in body
    assert bot.json("triage", "list") == []
    feedback = {f["submission_id"]: f["status"] for f in bot.json("feedback", "list")}
    assert feedback[ids["filed"]] != "due" and feedback[ids["filed2"]] == "skipped"
    ladder = bot.json("assignment", "show", str(ids["exposure"]))
    assert ladder["details"]["current"] == 1  # advanced once, not once per pass
    assert bot.json("assignment", "show", str(ids["mood-log"]))["details"]["stage"] == 2
    actions = [e["action"] for e in bot.json("audit", "list")]
    assert actions.count("reminders_paused") == 1 and actions.count("reminders_on") == 1
    # tidied: the command mail (Sent and inbox copies) and the answer, out of the way
    assert mid not in folder_ids(bot, "Sent")
    assert mid not in folder_ids(bot, "INBOX") and str(answer["Message-ID"]) not in folder_ids(bot, "INBOX")
    assert sorted(folder_ids(bot, "Mailbot")) == sorted([mid, mid, str(answer["Message-ID"])])
    assert len(bot.dovecot.messages(bot.user, "Homework/Anna Lima")) == 3  # the settled triage moved


# its unit twin on the fakes: test_mail_control_pass.py::test_a_forged_command_in_the_inbox_does_nothing
def test_a_forged_command_in_the_inbox_does_nothing(bot: Bot, smtp_server: SmtpServer) -> None:
    ids = practice(bot)
    raw, _mid = written(bot, bot.user, "mailbot", "advance Anna ladder\npause Anna", "2026-12-01T10:00")
    bot.deliver(raw)  # From her own address, but only in the inbox: anyone can write that

    bot.ok("poll", now="2026-12-01T10:01")

    assert bot.json("assignment", "show", str(ids["exposure"]))["details"]["current"] == 0
    assert "reminders_paused" not in [e["action"] for e in bot.json("audit", "list")]
    assert answers(smtp_server, bot) == []
    assert len(bot.inbox()) == 1  # and it stays where it is, untouched


@pytest.mark.parametrize("point", ["mailctl.acted", "send.after"])
def test_a_pass_killed_between_acting_and_answering_acts_once_and_answers_once(
    sqlite_bot: Bot, smtp_server: SmtpServer, point: str
) -> None:
    bot = sqlite_bot
    ids = practice(bot)
    mid = command_mail(bot, "advance Anna ladder\npause Anna", "2026-12-01T10:00")
    killed = run_mailbot("--now", "2026-12-01T10:01", "poll", config=bot.config_path, fault=point)
    bot.ok("poll", now="2026-12-01T10:05")
    bot.ok("poll", now="2026-12-01T10:06")

    assert killed.returncode == -signal.SIGKILL
    assert bot.json("assignment", "show", str(ids["exposure"]))["details"]["current"] == 1
    assert [e["action"] for e in bot.json("audit", "list")].count("reminders_paused") == 1
    [answer] = answers(smtp_server, bot)
    assert answer["In-Reply-To"] == mid
    assert mid in folder_ids(bot, "Mailbot") and mid not in folder_ids(bot, "Sent")


# its unit twin on the fakes: test_mail_control_pass.py::test_an_unreadable_block_is_answered_with_what_to_fix_and_a_reply_sets_it
def test_an_unreadable_block_is_answered_with_what_to_fix_and_a_reply_sets_it(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    add_anna(bot)
    raw, mid = written(
        bot, CLIENT, "Mood log", "Homework: mood log\nDeu: dialy at 21\n\nDear Anna,", "2026-12-01T10:00"
    )
    save_in_sent(bot, raw)

    bot.ok("poll", now="2026-12-01T10:01")
    bot.ok("poll", now="2026-12-01T10:02")

    assert bot.json("assignment", "list") == []
    [answer] = answers(smtp_server, bot)
    text = answer.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert answer["In-Reply-To"] == mid and 'did you mean "Due:"' in text and "no homework" in text

    fix, _fix_mid = written(
        bot,
        bot.user,
        "Re: Mood log",
        "Homework: mood log\nDue: daily at 21:00 until 7 December",
        "2026-12-01T10:10",
        to_name="",
        in_reply_to=str(answer["Message-ID"]),
    )
    save_in_sent(bot, fix)
    bot.ok("poll", now="2026-12-01T10:11")

    [assignment] = bot.json("assignment", "list")
    assert assignment["occurrences"]["total"] == 7
    bot.deliver(homework_mail(CLIENT, bot.user, "Re: Mood log", "Situation: bus", in_reply_to=mid))
    bot.ok("poll", now="2026-12-01T22:00")
    assert [s["matched_by"] for s in bot.json("submission", "list")] == ["thread"]
    assert "Now set" in answers(smtp_server, bot)[-1].get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_homework_to_a_stranger_asks_once_and_one_click_adds_them_and_sets_it(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    stranger = "ben@new.example"
    raw, mid = written(
        bot,
        stranger,
        "Dogs",
        "Homework: exposure\nSteps: photo 30; park 60\nDue: Friday 18:00",
        "2026-12-01T10:00",
        to_name="Ben Berg",
    )
    save_in_sent(bot, raw)

    bot.ok("poll", now="2026-12-01T10:01")

    assert bot.json("assignment", "list") == [] and bot.json("client", "list") == []
    [question] = answers(smtp_server, bot)
    html = question.get_body(("html",)).get_content()  # type: ignore[union-attr]
    [link] = mail_links(html)
    assert "add client Ben Berg ben@new.example" in question.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    send_link(bot, link, "2026-12-01T10:05")
    bot.ok("poll", now="2026-12-01T10:06")

    [client] = bot.json("client", "list")
    [assignment] = bot.json("assignment", "list")
    assert (client["name"], client["emails"]) == ("Ben Berg", [stranger])
    assert assignment["type"] == "exposure" and assignment["client_id"] == client["id"]
    bot.deliver(homework_mail(stranger, bot.user, "Re: Dogs", "Before: 50 peak 70 after 20", in_reply_to=mid))
    bot.ok("poll", now="2026-12-01T22:00")
    assert [s["matched_by"] for s in bot.json("submission", "list")] == ["thread"]


def mail_links(html: str) -> list[str]:
    """Every mailto: link in an HTML mail, as a mail client sees them."""
    return [
        a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a") if a["href"].startswith("mailto:")
    ]


def send_link(bot: Bot, link: str, when: str) -> str:
    """Tap a mailto: link and press send: the mail a client builds from it (RFC 6068), saved in
    Sent and delivered to the addressee."""
    parsed = urlsplit(link)
    fields = parse_qs(parsed.query)
    to = unquote(parsed.path)
    raw, mid = written(bot, to, fields["subject"][0], fields["body"][0], when, to_name="")
    save_in_sent(bot, raw)
    bot.deliver(raw)
    return mid


def test_every_link_in_the_digest_works_when_sent_unchanged(bot: Bot, smtp_server: SmtpServer) -> None:
    ids = practice(bot)
    tokens = {a["id"]: a["token"] for a in bot.json("assignment", "list")}
    ladder = f"Re: ladder [{tokens[ids['exposure']]}]"
    bot.deliver(homework_mail(CLIENT, bot.user, ladder, "Before: 60\nPeak: 80\nAfter: 30"))
    bot.deliver(homework_mail(CLIENT, bot.user, "Re: reminder", "pause"))
    bot.ok("poll", now="2026-12-01T12:00")
    bot.ok("digest", "--send", now="2026-12-02T07:30")
    [digest] = [
        email.message_from_bytes(raw, policy=policy.default)
        for _f, rcpts, raw in smtp_server.received
        if bot.user in rcpts and b"X-Mailbot: digest" in raw
    ]
    html = digest.get_body(("html",)).get_content()  # type: ignore[union-attr]
    text = digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    links = mail_links(html)
    commands = [parse_qs(urlsplit(link).query)["body"][0] for link in links]
    assert sorted(commands) == sorted(
        [
            f"done {ids['filed']}",
            f"done {ids['filed2']}",
            *(f"triage {ids['triage']} to {ids[k]}" for k in ("journal", "exposure", "mood-log")),
            f"done {ids['filed2'] + 1}",  # the ladder report
            f"stage 2 {ids['mood-log']}",
            f"advance {ids['exposure']}",
            "resume Anna Lima",
        ]
    )
    soup = BeautifulSoup(html, "html.parser")
    assert all(
        a.get_text() == command for a, command in zip(soup.select("a[href^=mailto]"), commands, strict=True)
    )
    assert all(command in text for command in commands)  # for mail clients that show only text

    mids = [send_link(bot, link, f"2026-12-02T08:{n:02d}") for n, link in enumerate(links)]
    bot.ok("poll", now="2026-12-02T08:30")

    replies = {str(a["In-Reply-To"]): a.get_body(("plain",)).get_content() for a in answers(smtp_server, bot)}  # type: ignore[union-attr]
    assert set(replies) == set(mids)
    outcomes = [replies[mid] for mid in mids]
    refused = [o for o in outcomes if "NOT DONE" in o]
    assert len(refused) == 2 and all("not in triage" in o for o in refused)  # the other choices of one triage
    assert bot.json("triage", "list") == []
    assert bot.json("assignment", "show", str(ids["mood-log"]))["details"]["stage"] == 2
    assert bot.json("assignment", "show", str(ids["exposure"]))["details"]["current"] == 1
    assert "reminders_on" in [e["action"] for e in bot.json("audit", "list")]
    feedback = {f["submission_id"]: f["status"] for f in bot.json("feedback", "list")}
    assert [feedback[i] for i in (ids["filed"], ids["filed2"], ids["filed2"] + 1)] == ["replied"] * 3


def test_the_digest_shows_each_action_as_its_command_text(
    sqlite_bot: Bot,
    browser: Browser,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    bot = sqlite_bot
    ids = practice(bot)
    bot.deliver(homework_mail(CLIENT, bot.user, "Re: reminder", "pause"))
    bot.ok("poll", now="2026-12-01T12:00")
    preview = tmp_path / "digest.html"

    bot.ok("digest", "--preview", str(preview), now="2026-12-02T07:30")

    browser.open(preview, width=700)
    seen = browser.evaluate("document.body.innerText")
    for command in (
        f"done {ids['filed']}",
        f"triage {ids['triage']} to {ids['journal']}",
        "resume Anna Lima",
    ):
        assert command in seen
    assert f"stage 2 {ids['mood-log']}" in seen
    if os.environ.get("MAILBOT_UPDATE_DOCS") == "1":
        (Path(__file__).parents[2] / "docs" / "digest-links.png").write_bytes(browser.screenshot(width=700))


def test_a_name_that_fits_two_clients_is_answered_with_their_ids_and_the_subject_can_carry_it(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    bot = sqlite_bot
    add_anna(bot)
    bot.ok("client", "add", "--name", "Anna Berg", "--email", "berg@client.example")
    command_mail(bot, "pause Anna\npause Anna Berg\nstage 2 Anna Lima", "2026-12-01T10:00")
    raw, _mid = written(bot, bot.user, "mailbot: resume 2", "", "2026-12-01T10:01", to_name="")
    save_in_sent(bot, raw)

    bot.ok("poll", now="2026-12-01T10:05")

    first, second = (a.get_body(("plain",)).get_content() for a in answers(smtp_server, bot))  # type: ignore[union-attr]
    assert "could be client 1 (Anna Lima), 2 (Anna Berg); write the client's id instead" in first
    assert "reminders for Anna Berg (client 2) paused" in first
    assert "Anna Lima has no open mood log" in first
    assert "reminders for Anna Berg (client 2) are on again" in second


# its unit twin on the fakes: test_mail_control_pass.py::test_a_mail_that_breaks_mailbot_is_answered_and_the_next_one_still_carried_out
def test_a_mail_that_breaks_mailbot_is_answered_and_the_next_one_still_carried_out(
    sqlite_bot: Bot, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = sqlite_bot
    add_anna(bot)
    monkeypatch.setattr(mailctl, "carry_out", breaking_on("pause Anna"))
    broken = command_mail(bot, "resume Anna\npause Anna", "2026-12-01T10:00")
    fine = command_mail(bot, "resume Anna", "2026-12-01T10:01")

    bot.ok("poll", now="2026-12-01T10:05")
    bot.ok("poll", now="2026-12-01T10:06")

    replies = {str(a["In-Reply-To"]): a.get_body(("plain",)).get_content() for a in answers(smtp_server, bot)}  # type: ignore[union-attr]
    assert "nothing in it was done" in replies[broken] and "are on again" in replies[fine]
    assert [e["action"] for e in bot.json("audit", "list")].count("reminders_on") == 1  # rolled back


# its unit twin on the fakes: test_mail_control_pass.py::test_a_note_to_herself_is_left_where_it_is_and_not_answered
def test_a_note_to_herself_is_left_where_it_is_and_not_answered(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    bot = sqlite_bot
    add_anna(bot)
    raw, mid = written(
        bot, bot.user, "insurer", "Remember: call the insurer about Anna", "2026-12-01T10:00", to_name=""
    )
    save_in_sent(bot, raw)
    bot.deliver(raw)

    bot.ok("poll", now="2026-12-01T10:05")

    assert answers(smtp_server, bot) == []
    assert folder_ids(bot, "Sent") == [mid] and folder_ids(bot, "INBOX") == [mid]


def test_close_renew_and_next_session_by_mail_call_the_lifecycle_functions(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    ids = practice(bot)
    journal = str(ids["journal"])
    text = f"close {journal}\nrenew {journal} until 20 December\nnext session Anna Thursday 15:00\nrenew 999 3 times"
    command_mail(bot, text, "2026-12-01T10:00")

    bot.ok("poll", now="2026-12-01T10:05")

    [answer] = answers(smtp_server, bot)
    body = answer.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.count("\n  done: ") == 3 and body.count("NOT DONE") == 1, body
    assert "next session with Anna Lima: Thu 03 Dec 15:00" in body
    shown = bot.json("assignment", "show", journal)
    assert shown["status"] == "open" and shown["occurrences"][-1]["due_at"].startswith("2026-12-20")
    actions = [e["action"] for e in bot.json("audit", "list")]
    assert {"assignment_closed", "assignment_renewed", "next_session_set"} <= set(actions)
