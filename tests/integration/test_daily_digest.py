"""The daily digest end to end: a realistic month built through the real command line and real
Dovecot, the digest rendered by headless Chromium and read back as a person would see it, and the
email sent through real SMTP at most once a day.

October 2026 is in the past on purpose: Dovecot clamps an APPEND date in the future to the present.
"""

from __future__ import annotations

import email
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import Bot, make_bot
from query_plans import history_walks, statements
from servers import Dovecot, SmtpServer, new_user
from support.chromium import Browser
from support.homework import assign

from mailbot.app import App
from mailbot.clock import parse_when
from mailbot.config import load_config
from mailbot.core.digest import Digest
from mailbot.db.engine import transaction
from mailbot.db.models import Problem
from mailbot.errors import UsageError
from mailbot.passes.digest import gather, run_digest

BERLIN = ZoneInfo("Europe/Berlin")
DIGEST_AT = "2026-10-30T07:30"  # a Friday, the morning after the month below
DOCS = Path(__file__).resolve().parents[2] / "docs"
CLIENT_DOMAIN = "client.example"


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=BERLIN)


def app_at(bot: Bot, when: str) -> App:
    config = load_config(bot.config_path)
    return App(config, parse_when(when, config.therapist.tz, "--now"))


# A realistic month ---------------------------------------------------------------------------

CLIENTS = [
    "Ana Lima",
    "Ben Ortiz",
    "Cleo Park",
    "David Roth",
    "Eva Novak",
    "Farid Haddad",
    "Greta Sommer",
    "Hana Ito",
    "Ivan Petrov",
    "Julia Costa",
    "Karim Said",
    "Leo Brandt",
]
ASSIGNMENTS = [  # client, type, title, first due, options
    ("Ana Lima", "mood-log", "Mood log", "2026-10-01T21:00", ["--repeat", "daily", "--count", "42"]),
    (
        "Ana Lima",
        "bibliotherapy",
        "Feeling Good, chapter 3",
        "2026-10-16T21:00",
        [
            "--reading",
            "Feeling Good, chapter 3",
            "--question",
            "What surprised you?",
            "--question",
            "What will you try?",
        ],
    ),
    (
        "Ben Ortiz",
        "exposure",
        "Dog ladder",
        "2026-10-02T20:00",
        [
            "--repeat",
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "--until",
            "2026-11-30",
            "--steps",
            "Photos of dogs:30;Dogs in the park:50;Near a leashed dog:70;Pet a calm dog:90",
        ],
    ),
    (
        "Cleo Park",
        "journal",
        "Evening journal",
        "2026-10-01T22:00",
        ["--repeat", "daily", "--count", "60", "--good-things"],
    ),
    (
        "David Roth",
        "cognitive-exercise",
        "Mistakes",
        "2026-10-04T20:00",
        ["--repeat", "weekly", "--count", "8", "--belief", "I must never make mistakes"],
    ),
    (
        "Eva Novak",
        "experiment",
        "Speaking up",
        "2026-10-23T18:00",
        ["--thought", "If I speak up, people will laugh"],
    ),
    (
        "Eva Novak",
        "mood-log",
        "Mood log",
        "2026-10-05T21:00",
        ["--repeat", "weekdays", "--until", "2026-11-30"],
    ),
    (
        "Farid Haddad",
        "custom",
        "Daily walk",
        "2026-10-01T21:00",
        [
            "--repeat",
            "daily",
            "--count",
            "60",
            "--instructions",
            "Walk for 20 minutes; write one line about it.",
        ],
    ),
    ("Greta Sommer", "mood-log", "Mood log", "2026-10-01T21:00", ["--repeat", "daily", "--count", "60"]),
    (
        "Hana Ito",
        "exposure",
        "Social ladder",
        "2026-10-03T18:00",
        [
            "--repeat",
            "FREQ=WEEKLY;BYDAY=TU,SA",
            "--until",
            "2026-11-30",
            "--steps",
            "Greet a neighbour:30;Ask in a shop:50;Make a phone call:60;Speak up in a group:85",
        ],
    ),
    (
        "Ivan Petrov",
        "bibliotherapy",
        "The Happiness Trap",
        "2026-10-26T21:00",
        [
            "--reading",
            "The Happiness Trap, chapters 1-2",
            "--question",
            "Which idea fits you?",
            "--question",
            "What will you try?",
        ],
    ),
    ("Ivan Petrov", "journal", "Weekly journal", "2026-10-04T20:00", ["--repeat", "weekly", "--count", "8"]),
    ("Julia Costa", "mood-log", "Mood log", "2026-10-12T21:00", ["--repeat", "daily", "--count", "30"]),
    ("Julia Costa", "journal", "Thought diary", "2026-10-14T21:00", ["--repeat", "weekly", "--count", "6"]),
    (
        "Karim Said",
        "experiment",
        "Asking for help",
        "2026-10-01T20:00",
        [
            "--repeat",
            "weekly",
            "--count",
            "8",
            "--thought",
            "If I ask for help, people will think I'm incompetent",
        ],
    ),
    (
        "Leo Brandt",
        "custom",
        "Breathing exercise",
        "2026-10-06T21:00",
        ["--repeat", "daily", "--count", "30"],
    ),
]
SITUATIONS = [
    "meeting with my boss",
    "phone call with my mother",
    "crowded bus",
    "late for work",
    "a friend cancelled",
    "waiting for test results",
    "dinner with colleagues",
]
BOUNDARIES = [local(8, 7), local(15, 7), local(22, 7), local(29, 7), local(30, 7, 10)]  # polls


def address(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{CLIENT_DOMAIN}"


@dataclass
class Mail:
    client: str
    when: datetime
    subject: str
    body: str
    sender: str = ""  # another address than the client's
    answered: bool = True  # the therapist replies within hours
    message_id: str = field(default_factory=lambda: make_msgid(domain=CLIENT_DOMAIN))

    def raw(self, to: str) -> bytes:
        message = EmailMessage()
        message["From"] = f"{self.client} <{self.sender or address(self.client)}>"
        message["To"], message["Subject"] = to, self.subject
        message["Date"], message["Message-ID"] = format_datetime(self.when), self.message_id
        message.set_content(self.body)
        return bytes(message)


def mood(day: int, intensity: int) -> str:
    return (
        f"Situation: {SITUATIONS[day % len(SITUATIONS)]}\nTrigger: a frown\n"
        f"Automatic thought: I'm getting it wrong again\nEmotion: anxious {intensity}"
    )


def exposure(step: str, before: int, peak: int, after: int) -> str:
    return f"Step: {step}\nSUDS before: {before}\nPeak: {peak}\nAfter: {after}\nNotes: it got easier after a while."


def month_mails(tokens: dict[str, str]) -> list[Mail]:
    """Every client email of October, in time order: steady, slipping, late, missing and misfiled work."""
    mails: list[Mail] = []
    for day in range(1, 30):
        if day not in (6, 13, 19, 20, 27):
            mails.append(Mail("Ana Lima", local(day, 20, 10), "Mood log", mood(day, 82 - day + day % 3 * 3)))
        if day != 9:
            mails.append(
                Mail(
                    "Cleo Park",
                    local(day, 21, 15),
                    "journal",
                    "Situation: lunch with Sam\nThoughts: he is bored with me\nBehaviour: I stayed anyway\n"
                    "Good things: sunshine, coffee, a call from mum",
                )
            )
        if day <= 19 or day in (21, 24, 27, 29):
            mails.append(
                Mail("Farid Haddad", local(day, 19), "walk", "Walked 20 minutes by the river. Felt lighter.")
            )
        if day % 2:
            mails.append(Mail("Greta Sommer", local(day, 20), "today", mood(day, 45 + day)))
        weekday = local(day, 12).weekday()
        if weekday < 5 and day >= 5 and day not in (15, 16, 28):
            mails.append(Mail("Eva Novak", local(day, 20, 30), "Mood log", mood(day, 55 + day % 4 * 3)))
        if weekday in (0, 2, 4) and day != 14:
            i = day // 3
            mails.append(
                Mail(
                    "Ben Ortiz",
                    local(day, 18, 30),
                    "practice",
                    exposure("Dogs in the park", 56 - i * 2, 86 - i * 3, 46 - i * 2),
                )
            )
        if weekday in (1, 5) and day != 13:
            i = day // 3
            mails.append(
                Mail(
                    "Hana Ito",
                    local(day, 17),
                    "ladder",
                    exposure("Ask in a shop", 62 - i, 84 - i, 52 - i * 2),
                    answered=day != 27,
                )
            )
        if weekday == 6:
            mails.append(
                Mail(
                    "Ivan Petrov",
                    local(day, 19),
                    "Weekly journal",
                    "Situation: Sunday walk\nThoughts: the week ahead is too much\nBehaviour: made a plan",
                    answered=day != 25,
                )
            )
        if weekday == 3 and day < 29:
            mails.append(
                Mail(
                    "Karim Said",
                    local(day, 19),
                    "experiment",
                    "Thought: if I ask for help, people will think I'm incompetent\nPrediction: they will sigh\n"
                    "Belief before: 70%\nExperiment: asked a colleague about the report\n"
                    "Outcome: she was glad to help\nBelief after: 40",
                )
            )
        if 12 <= day <= 28 and day not in (17, 18, 24):
            mails.append(Mail("Julia Costa", local(day, 20, 45), "Mood log", mood(day, 60)))
        if day in (14, 21, 28):
            mails.append(
                Mail(
                    "Julia Costa",
                    local(day, 20),
                    "Thought diary",
                    "Situation: the team meeting\nThoughts: they think I'm slow\nBehaviour: kept quiet",
                )
            )
    for day in (3, 10, 17):
        mails.append(
            Mail(
                "David Roth",
                local(day, 18),
                "exercise",
                "Belief: I must never make mistakes\nAction: sent the report with one typo\n"
                "Prediction: my boss will be furious\nRational: one typo says nothing about my worth",
            )
        )
    mails += [
        Mail(
            "Ana Lima",
            local(18, 10),
            "Feeling Good, chapter 3",
            "1. That thoughts are not facts.\n2. Writing my thoughts down each evening.",
        ),  # two days late
        Mail(
            "Eva Novak",
            local(22, 19),
            "Speaking up",
            "Thought: if I speak up, people will laugh\nPrediction: they will laugh\nBelief before: 80%\n"
            "Experiment: asked a question in the meeting\nOutcome: nobody laughed\nBelief after: 30",
        ),
        Mail("Greta Sommer", local(28, 9), "this morning", mood(28, 74), answered=False),
        Mail(
            "Karim Said",
            local(29, 9, 30),
            f"Asking for help [{tokens['Karim Said']}]",
            "Sending this from work, my phone died. I asked my manager for help and it went fine.",
            sender="karim.said@work.example",
        ),
        Mail(
            "Julia Costa",
            local(29, 10, 15),
            "Here it is",
            "Sorry this is late, I wrote it on the train this morning. Feeling a bit better than last week.",
        ),
    ]
    return sorted(mails, key=lambda m: m.when)


def therapist_reply(mail: Mail, therapist: str) -> bytes:
    """What the therapist's own mail client leaves in Sent after replying."""
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = therapist, address(mail.client), f"Re: {mail.subject}"
    reply["Date"] = format_datetime(mail.when + timedelta(hours=3))
    reply["Message-ID"] = make_msgid(domain="practice.example")
    reply["In-Reply-To"] = reply["References"] = mail.message_id
    reply.set_content("Thank you, well done.")
    return bytes(reply)


def build_month(bot: Bot, smtp_server: SmtpServer) -> dict[str, Any]:
    """October 2026 for a dozen clients through the real command line: assignments of every type,
    mail delivered with its real date and polled weekly, most of it answered from the therapist's
    own mail client, one reminder pass (one send refused), reminders paused, a failing login."""
    for name in CLIENTS:
        bot.ok(
            "client",
            "add",
            "--name",
            name,
            "--email",
            address(name),
            now="2026-10-05T09:00" if name == "Leo Brandt" else "2026-09-30T09:00",
        )
    for client, type_, title, due, options in ASSIGNMENTS:
        assign(bot, address(client), type_, title, due, *options, now="2026-09-30T10:00")
    assignments = bot.json("assignment", "list")
    tokens = {a["client_email"]: a["token"] for a in assignments}
    karim = next(a for a in assignments if a["client_email"] == address("Karim Said"))
    mails = month_mails({"Karim Said": tokens[address("Karim Said")]})
    bot.ok("client", "set", address("Greta Sommer"), "--reminders", "pause", now="2026-10-20T09:00")
    start = local(1, 0)
    for boundary in BOUNDARIES:
        if boundary == BOUNDARIES[-1]:
            smtp_server.fail_next(1, code=550)
            bot.ok("remind", now="2026-10-29T19:05")
        week = [m for m in mails if start <= m.when < boundary]
        with bot.dovecot.client(bot.user) as imap:
            for mail in week:
                imap.append("INBOX", mail.raw(bot.user), msg_time=mail.when)
        bot.ok("poll", now=boundary.isoformat())
        with bot.dovecot.client(bot.user) as imap:
            for mail in week:
                if mail.answered and mail.when < local(29, 7, 30) and not mail.sender:
                    imap.append(
                        "Sent",
                        therapist_reply(mail, bot.user),
                        flags=[b"\\Seen"],
                        msg_time=mail.when + timedelta(hours=3),
                    )
        bot.ok("feedback", "scan", now=boundary.isoformat())
        start = boundary
    with transaction(app_at(bot, DIGEST_AT).sessions) as session:
        for minutes in (0, 4, 12):  # what the daemon records when a job fails
            session.add(
                Problem(
                    at=local(30, 3, minutes),
                    kind="poll",
                    attempts=1,
                    reason="The IMAP server refused the login; check [imap] username and password.",
                )
            )
    return {"mails": mails, "karim_assignment": karim["id"]}


@pytest.fixture(scope="module")
def month(
    tmp_path_factory: pytest.TempPathFactory,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    database_template: Path,
) -> tuple[Bot, dict[str, Any]]:
    """build_month's practice, built once for the three tests below, which only read it."""
    bot = make_bot(
        tmp_path_factory.mktemp("month"), dovecot, smtp_server, new_user(), None, None, database_template
    )
    return bot, build_month(bot, smtp_server)


# The tests ------------------------------------------------------------------------------------


def test_a_realistic_month_renders_in_chromium_as_a_therapist_would_read_it(
    month: tuple[Bot, dict[str, Any]], browser: Browser, tmp_path: Path
) -> None:
    bot, built = month
    app = app_at(bot, DIGEST_AT)
    preview = tmp_path / "digest.html"

    summary = run_digest(app, send=False, preview=preview)

    assert summary.startswith("digest for Fri 30 Oct: 3 feedback overdue, 5 new, 2 in triage, 2 problems")
    assert preview.stat().st_mode & 0o777 == 0o600
    browser.open(preview, width=900)
    seen = browser.evaluate("document.body.innerText")
    for heading in (
        "Your homework digest",
        "Feedback due",
        "New since yesterday 07:30",
        "Needs your decision",
        "Homework due today and not handed in",
        "Quiet for 3 days or more",
        "Adherence",
        "Ratings over time",
        "Reminders",
        "Problems",
    ):
        assert heading in seen
    assert re.search(r"\b3\s+feedback overdue", seen)
    with app.sessions() as session:
        digest = gather(session, app.config, app.now)
    karim = next(t for t in digest.triage if t.named is not None)
    # From his work address, not his own: the digest says so and offers no command (issue 14).
    assert f"triage {karim.submission_id} to" not in seen
    assert "Not sent from the client's address" in seen and karim.named == built["karim_assignment"]
    assert f"done {digest.feedback[0].submission_id}" in seen
    assert "Leo Brandt" in seen and "nothing in the last 4 weeks" in seen
    assert "Paused by the client: Greta Sommer" in seen
    assert "The IMAP server refused the login" in seen and "(3 times)" in seen
    assert (
        browser.evaluate("document.scripts.length + document.querySelectorAll('link, iframe, object').length")
        == 0
    )
    assert browser.requests() == [preview.as_uri()]
    png = browser.screenshot(width=900)
    assert png.startswith(b"\x89PNG") and len(png) > 50_000
    (tmp_path / "digest.png").write_bytes(png)
    if os.environ.get("MAILBOT_UPDATE_DOCS") == "1":
        (DOCS / "digest.png").write_bytes(png)


def test_a_realistic_month_says_what_needs_the_therapist_most_urgent_first(
    month: tuple[Bot, dict[str, Any]],
) -> None:
    app = app_at(month[0], DIGEST_AT)

    with app.sessions() as session:
        digest = gather(session, app.config, app.now)

    overdue = [(f.client_name, f.what) for f in digest.feedback if f.overdue]
    assert overdue == [
        ("Ivan Petrov", "Weekly journal"),
        ("Hana Ito", "Social ladder"),
        ("Greta Sommer", "Mood log"),
    ]
    assert {s.client_name for s in digest.new} == {
        "Ana Lima",
        "Cleo Park",
        "Eva Novak",
        "Farid Haddad",
        "Greta Sommer",
    }
    assert [t.command.endswith("<assignment>") for t in digest.triage] == [False, True]
    assert [q.client_name for q in digest.inactive] == [
        "Leo Brandt",
        "David Roth",
        "Karim Said",
        "Ivan Petrov",
    ]
    assert digest.due[0].client_name == "Leo Brandt"
    assert digest.adherence[0].client_name == "Leo Brandt" and digest.adherence[0].done_28 == 0
    cleo = next(a for a in digest.adherence if a.client_name == "Cleo Park")
    farid = next(a for a in digest.adherence if a.client_name == "Farid Haddad")
    assert cleo.ratio_28 is not None and cleo.ratio_28 > 0.9 and farid.trend == "down"
    ratings = {(r.client_name, r.type): r for r in digest.ratings}
    assert set(ratings) == {
        ("Ana Lima", "mood-log"),
        ("Eva Novak", "mood-log"),
        ("Greta Sommer", "mood-log"),
        ("Julia Costa", "mood-log"),
        ("Ben Ortiz", "exposure"),
        ("Hana Ito", "exposure"),
    }
    assert ratings[("Ana Lima", "mood-log")].direction == "falling"
    assert ratings[("Greta Sommer", "mood-log")].direction == "rising"
    assert len({r.client_name for r in digest.reminders if r.status == "failed"}) == 1  # one email refused
    assert any("refused by the mail server" in p.reason for p in digest.problems)


def test_every_digest_query_reads_by_index_not_through_the_history(month: tuple[Bot, dict[str, Any]]) -> None:
    app = app_at(month[0], DIGEST_AT)
    sessions = app.sessions

    with statements(app.engine) as seen, sessions() as session:
        digest = gather(session, app.config, app.now)

    assert digest.new and digest.triage and digest.problems and len(seen) >= 12  # every query ran
    assert history_walks(app.engine, seen) == []


# Sending: once a day, readable as text, never filed as client mail ---------------------------


def small_practice(bot: Bot) -> None:
    """One client with a daily mood log and a journal: two logs filed (the first unanswered,
    so its feedback is overdue) and one mail for triage."""
    client = address("Ana Lima")
    bot.ok("client", "add", "--name", "Ana Lima", "--email", client, now="2026-10-20T09:00")
    bot.ok(
        "assign",
        client,
        "--type",
        "mood-log",
        "--title",
        "Mood log",
        "--due",
        "2026-10-21T21:00",
        "--repeat",
        "daily",
        "--count",
        "20",
        "--no-send",
        now="2026-10-20T10:00",
    )
    bot.ok(
        "assign",
        client,
        "--type",
        "journal",
        "--title",
        "Journal",
        "--due",
        "2026-11-05",
        "--no-send",
        now="2026-10-20T10:00",
    )
    for mails, poll in (
        ([Mail("Ana Lima", local(27, 20), "Mood log", mood(27, 70))], "2026-10-28T07:00"),
        (
            [
                Mail("Ana Lima", local(29, 20), "Mood log", mood(29, 50)),
                Mail("Ana Lima", local(29, 21), "hello", "Here it is, sorry for the delay."),
            ],
            "2026-10-30T07:00",
        ),
    ):
        with bot.dovecot.client(bot.user) as imap:
            for mail in mails:
                imap.append("INBOX", mail.raw(bot.user), msg_time=mail.when)
        bot.ok("poll", now=poll)


def digests_sent(smtp_server: SmtpServer, to: str) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for _from, rcpt, raw in smtp_server.received
        if to in rcpt and b"X-Mailbot: digest" in raw
    ]


def test_digest_is_sent_once_a_day_even_when_run_again(bot: Bot, smtp_server: SmtpServer) -> None:
    small_practice(bot)

    first = run_digest(app_at(bot, DIGEST_AT), send=True, preview=None)
    second = run_digest(app_at(bot, "2026-10-30T09:00"), send=True, preview=None)

    smtp_server.wait_for(1, to=bot.user)
    assert first.endswith(f"digest sent to {bot.user}")
    assert second.endswith("today's digest was already sent; not sent again")
    [sent] = digests_sent(smtp_server, bot.user)
    assert sent["Message-ID"] == "<digest-2026-10-30.mailbot@example.org>"
    assert str(sent["Subject"]) == "mailbot digest: 1 feedback overdue, 1 new, 1 in triage — Fri 30 Oct"
    assert any(b"X-Mailbot: digest" in raw for raw in bot.dovecot.messages(bot.user, "Sent"))


def test_next_days_digest_is_sent_and_counts_new_work_since_the_last_one(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    small_practice(bot)
    run_digest(app_at(bot, DIGEST_AT), send=True, preview=None)
    with bot.dovecot.client(bot.user) as imap:
        imap.append(
            "INBOX",
            Mail("Ana Lima", local(30, 20), "Mood log", mood(30, 45)).raw(bot.user),
            msg_time=local(30, 20),
        )
    bot.ok("poll", now="2026-10-31T07:00")
    app = app_at(bot, "2026-10-31T07:30")

    with app.sessions() as session:
        digest: Digest = gather(session, app.config, app.now)
    summary = run_digest(app, send=True, preview=None)

    assert digest.since == local(30, 7, 30)
    assert [s.received_at for s in digest.new] == [local(30, 20)]
    assert summary.endswith(f"digest sent to {bot.user}")
    assert len(digests_sent(smtp_server, bot.user)) == 2


def test_a_refused_digest_is_sent_again_the_same_day(bot: Bot, smtp_server: SmtpServer) -> None:
    small_practice(bot)
    smtp_server.fail_next(1, code=550)

    first = run_digest(app_at(bot, DIGEST_AT), send=True, preview=None)
    second = run_digest(app_at(bot, "2026-10-30T08:00"), send=True, preview=None)

    assert first.endswith(
        f"digest failed to {bot.user} (the server said: 550 5.3.0 Failure injected by the test)"
    )
    assert second.endswith(f"digest sent to {bot.user}")
    smtp_server.wait_for(1, to=bot.user)
    assert len(digests_sent(smtp_server, bot.user)) == 1


def test_the_text_alternative_reads_on_its_own(bot: Bot, smtp_server: SmtpServer) -> None:
    small_practice(bot)

    run_digest(app_at(bot, DIGEST_AT), send=True, preview=None)

    smtp_server.wait_for(1, to=bot.user)
    [sent] = digests_sent(smtp_server, bot.user)
    assert sent.get_content_type() == "multipart/alternative"
    text = sent.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = sent.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<" not in text.replace("<assignment>", "")
    assert "Your homework digest, Friday 30 October 2026, 07:30" in text
    assert "1 feedback overdue, 1 new, 1 in triage, 0 problems." in text
    assert re.search(
        r"\* Ana Lima, Mood log \(#1, received Tue 27 Oct 20:00\): \d+ h LATE\r?\n"
        r"    when given, send: done 1  mailto:",
        text,
    )
    assert 'Needs your decision\n-------------------\n* Ana Lima: "hello"' in text.replace("\r\n", "\n")
    assert "open assignments: 1 Mood log, 2 Journal" in text
    assert re.search(r"to file it to Journal, send: triage \d+ to 2  mailto:", text)
    assert "Adherence (on time / due)" in text and "Ratings over time" in text
    assert "Ana Lima" in html and "<script" not in html


def test_the_digest_in_the_therapists_inbox_is_never_filed_as_client_mail(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    small_practice(bot)
    before = bot.json("submission", "list")
    run_digest(app_at(bot, DIGEST_AT), send=True, preview=None)
    smtp_server.wait_for(1, to=bot.user)

    bot.ok("poll", now="2026-10-30T07:40")

    assert bot.json("submission", "list") == before
    assert any(b"X-Mailbot: digest" in raw for raw in bot.inbox())


def test_preview_to_a_folder_that_does_not_exist_is_one_sentence(bot: Bot, tmp_path: Path) -> None:
    small_practice(bot)

    with pytest.raises(UsageError, match="Cannot write the preview to"):
        run_digest(app_at(bot, DIGEST_AT), send=False, preview=tmp_path / "missing" / "digest.html")
