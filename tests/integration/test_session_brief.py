"""The session brief end to end: a month of mixed homework of every type, filed from mail in a
real Dovecot through the real command line, a session on Thursday, and the brief built, read
as JSON, rendered in headless Chromium and sent through real SMTP once per session.

November 2026 is in the past on purpose: Dovecot clamps an APPEND date in the future to the present.
"""

from __future__ import annotations

import email
import json
import os
import struct
import zlib
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import Bot, make_bot
from mails import homework_mail
from query_plans import history_walks, statements
from servers import Dovecot, SmtpServer, new_user
from sqlalchemy import update
from support.chromium import Browser
from test_daily_digest import app_at

from mailbot.daemon import Guarded, schedule
from mailbot.db.engine import transaction
from mailbot.db.models import OutgoingMessage
from mailbot.passes.brief import send_due_briefs
from mailbot.passes.digest import gather as gather_digest
from mailbot.practice.briefing import gather

BERLIN = ZoneInfo("Europe/Berlin")
CLIENT = "mia.keller@client.example"
DOCS = Path(__file__).resolve().parents[2] / "docs"
BRIEF_AT = "2026-11-26T07:30"  # Thursday: the session is at 15:00, the digest at 07:30
SESSION = "2026-11-26T15:00"
MOOD_MISSED = (10, 11, 12, 19, 20)  # November days without a mood log
FAILURE_DAYS = (2, 5, 14, 23)  # "I'm a failure" as the automatic thought
SITUATIONS = (
    "team meeting ran late",
    "call with my sister",
    "crowded tram home",
    "boss asked for the report",
    "dinner alone",
    "friend didn't text back",
    "queue at the pharmacy",
)
THOUGHTS = (
    "they think I'm slow",
    "I should have said no",
    "everyone is looking at me",
    "I'll never get this done",
    "she's annoyed with me",
    "I can't cope with this",
    "nobody wants to hear it",
    "I'm letting everyone down",
    "it's all my fault",
    "I look stupid",
    "they'll find out",
    "I always mess it up",
)


PLANS = {  # the rationale and the obstacles planned for, as a therapist writes them in session
    "mood-log": (
        "to catch the thoughts behind the evening slumps",
        "late shifts: two lines on the tram are enough",
    ),
    "exposure": ("to learn that the fear falls if you stay", "if it is too much: step back, not away"),
    "experiment": (
        "to test the prediction instead of believing it",
        "if the meeting is cancelled: ask in the kitchen",
    ),
    "journal": ("to notice what went well, too", "on a bad week: one good thing is enough"),
    "bibliotherapy": ("thoughts are not facts", "read it in two halves"),
    "cognitive-exercise": ("to answer the critic back", "if no voice comes: write what a friend would say"),
}


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of 2026 in Berlin."""
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def png(width: int = 40, height: int = 30) -> bytes:
    """A small real PNG: a photo of a worksheet, as far as the brief can tell."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes([200, 120 + x % 100, 90]) * width for x in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def month_mails() -> list[tuple[datetime, str, str, list[tuple[str, bytes, str]]]]:
    """Mia's November: (when, subject, body, attachments), in time order."""
    mails: list[tuple[datetime, str, str, list[tuple[str, bytes, str]]]] = []
    day = at(10, 30, 12)
    while day.date() <= at(11, 25, 0).date():
        d = day.day
        if not (day.month == 11 and d in MOOD_MISSED):
            thought = (
                "I'm a failure" if day.month == 11 and d in FAILURE_DAYS else THOUGHTS[d % len(THOUGHTS)]
            )
            if day.month == 11 and d == 21:
                body = (
                    "Today\nSituation: alone at home\nAutomatic thought: everyone would be better off without me\n"
                    "Emotion: hopeless 90"
                )
            else:
                body = (
                    f"Today\nSituation: {SITUATIONS[d % len(SITUATIONS)]}\nAutomatic thought: {thought}\n"
                    f"Emotion: anxious {80 - d}"
                )
            mails.append((day.replace(hour=20, minute=30), "Mood log", body, []))
        day += timedelta(days=1)
    peaks = [70, 68, 62, 60, 55, 50, 45, 40, 38, 35]
    for (month, d), peak in zip(
        [(10, 30), (11, 2), (11, 4), (11, 6), (11, 9), (11, 11), (11, 13), (11, 16), (11, 18), (11, 20)],
        peaks,
        strict=True,
    ):
        body = f"Step: Look at a lift\nSUDS before: {peak - 25}\nPeak: {peak}\nAfter: {peak - 30}\nNotes: stayed ten minutes"
        mails.append((at(month, d, 19), "Lift ladder", body, []))
    mails.append(
        (
            at(11, 12, 19),
            "Speaking up",
            "Thought: if I speak up, people will laugh\nPrediction: they will laugh at me\nBelief before: 80%\n"
            "Experiment: asked a question in the team meeting\nOutcome: nobody laughed, my boss thanked me\n"
            "Belief after: 30",
            [],
        )
    )
    for d, things in (
        (1, "sunshine; coffee with Sam; a good book"),
        (8, "a walk; soup"),
        (15, "rain sounds; a call; tea"),
    ):
        files = [("worksheet.png", png(), "image/png")] if d == 8 else []
        body = f"Situation: quiet Sunday\nThoughts: the week ahead is a lot\nBehaviour: made a plan\nGood things: {things}"
        mails.append((at(11, d, 20), "Sunday journal", body, files))
    mails.append(
        (
            at(11, 7, 10),
            "Feeling Good, chapter 3",
            "1. That thoughts are not facts.\n2. Writing my thoughts down each evening.",
            [],
        )
    )
    for d in (8, 15):
        mails.append(
            (
                at(11, d, 18),
                "Mistakes",
                "Belief: I must never make mistakes\nAction: sent the report with one typo\n"
                "Prediction: my boss will be furious\nCritic: you always mess up\n"
                "Rational: one typo says nothing about my worth",
                [],
            )
        )
    mails.append(
        (
            at(11, 17, 9),
            "Mood log",
            "Should I fill in the mood log on days when nothing happens? Is that ok?",
            [],
        )
    )
    return sorted(mails, key=lambda m: m[0])


def build_month(bot: Bot) -> dict[str, int]:
    """Mia, her last session on Thursday 29 October, the homework set after it, her November's
    mail polled weekly, the next session on Thursday 26 November."""
    bot.ok("client", "add", "--name", "Mia Keller", "--email", CLIENT, now="2026-10-20T09:00")
    bot.ok("client", "set", CLIENT, "--next-session", "2026-10-29T15:00", now="2026-10-20T09:00")
    bot.ok("client", "set", CLIENT, "--next-session", SESSION, now="2026-10-29T16:00")
    homework = [
        ("mood-log", "Mood log", "2026-10-30T21:00", ["--repeat", "daily", "--until", "2026-11-25"]),
        (
            "exposure",
            "Lift ladder",
            "2026-10-30T20:00",
            ["--repeat", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "--until", "2026-11-25",
             "--steps", "Look at a lift:30;Ride one floor:50;Ride five floors:70"],
        ),
        ("experiment", "Speaking up", "2026-11-13T18:00", ["--thought", "If I speak up, people will laugh"]),
        ("journal", "Sunday journal", "2026-11-01T21:00", ["--repeat", "weekly", "--count", "4", "--good-things"]),
        (
            "bibliotherapy",
            "Feeling Good, chapter 3",
            "2026-11-06T21:00",
            ["--reading", "Feeling Good, chapter 3", "--question", "What surprised you?",
             "--question", "What will you try?"],
        ),
        (
            "cognitive-exercise",
            "Mistakes",
            "2026-11-08T20:00",
            ["--repeat", "weekly", "--count", "3", "--belief", "I must never make mistakes"],
        ),
    ]  # fmt: skip
    ids = {}
    for type_, title, due, options in homework:
        why, obstacles = PLANS[type_]
        out = bot.ok(
            "assign", CLIENT, "--type", type_, "--title", title, "--due", due, "--no-send",
            "--rationale", why, "--obstacles", obstacles, *options, now="2026-10-29T15:40",
        )  # fmt: skip
        ids[type_] = int(out.strip())
    mails = month_mails()
    start = at(10, 29, 16)
    for boundary in (at(11, 2, 7), at(11, 9, 7), at(11, 16, 7), at(11, 23, 7), at(11, 26, 7, 20)):
        with bot.dovecot.client(bot.user) as imap:
            for when, subject, body, files in mails:
                if start <= when < boundary:
                    raw = homework_mail(CLIENT, bot.user, subject, body, date=when, attachments=files)
                    imap.append("INBOX", raw, msg_time=when)
        bot.ok("poll", now=boundary.isoformat())
        start = boundary
    return ids


def brief_json(bot: Bot, *args: str, now: str = BRIEF_AT) -> dict[str, Any]:
    return json.loads(bot.ok("brief", CLIENT, "--json", *args, now=now))


def briefs_sent(smtp_server: SmtpServer, to: str) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for _from, rcpt, raw in smtp_server.received
        if to in rcpt and b"X-Mailbot: brief" in raw
    ]


@pytest.fixture(scope="module")
def month(
    tmp_path_factory: pytest.TempPathFactory,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    database_template: Path,
) -> tuple[Bot, dict[str, int]]:
    """build_month's practice, built once for the tests below that only read it (the brief as
    JSON, its queries, its preview); the test that sends builds its own."""
    bot = make_bot(
        tmp_path_factory.mktemp("month"), dovecot, smtp_server, new_user(), None, None, database_template
    )
    return bot, build_month(bot)


def test_a_month_of_every_type_gives_every_section_computed_from_what_was_filed(
    month: tuple[Bot, dict[str, int]],
) -> None:
    bot, ids = month

    brief = brief_json(bot)

    assert brief["session_at"] == "2026-11-26T14:00:00+00:00"
    assert brief["since"] == brief["previous_session"] == "2026-10-29T14:00:00+00:00"
    [alert] = brief["alerts"]
    assert "better off without me" in alert["sentence"] and alert["state"] == "open"
    [note] = brief["notes"]
    assert note["text"].startswith("Should I fill in the mood log") and note["title"] == "Mood log"
    homework = {h["type"]: h for h in brief["homework"]}
    assert set(homework) == {
        "mood-log",
        "exposure",
        "experiment",
        "journal",
        "bibliotherapy",
        "cognitive-exercise",
    }
    mood = homework["mood-log"]
    assert (mood["rationale"], mood["obstacles"]) == PLANS["mood-log"]
    assert mood["since_session"]["summary"] == "22 of 27 handed in, 5 missed"
    assert [s["length"] for s in mood["missed_streaks"]] == [3, 2]
    marks = {m["day"]: m["mark"] for m in mood["strip"]}
    assert marks["2026-11-10"] == marks["2026-11-20"] == "missed" and marks["2026-11-21"] == "done"
    assert len(mood["rows"]) == 22
    assert sum(q["text"] == "I'm a failure" for q in mood["quotes"]) >= 1
    ladder = homework["exposure"]
    assert ladder["since_session"]["summary"] == "10 of 11 handed in, 1 missed, 1 in the grace period"
    experiment = homework["experiment"]
    assert {q["label"]: q["text"] for q in experiment["quotes"]} == {
        "prediction": "they will laugh at me",
        "what happened": "nobody laughed, my boss thanked me",
    }
    charts = {c["kind"]: c for c in brief["charts"]}
    assert set(charts) == {"mood", "suds", "belief", "good_things", "reading"}
    assert [p["values"]["suds_peak"] for p in charts["suds"]["points"]] == [
        70,
        68,
        62,
        60,
        55,
        50,
        45,
        40,
        38,
        35,
    ]
    assert [p["values"] for p in charts["belief"]["points"]] == [{"belief_before": 80, "belief_after": 30}]
    assert [p["values"]["good_things"] for p in charts["good_things"]["points"]] == [3, 2, 3]
    assert [p["values"]["answered"] for p in charts["reading"]["points"]] == [2]
    agenda = [s["text"] for s in brief["agenda"]]
    assert agenda[0].startswith("start with the worrying message of Saturday")
    assert agenda[1].startswith("answer the note about Mood log")
    assert any(
        s.startswith(
            "review the Mood log first (22 of 27 handed in); ask about Tue 10 Nov, Wed 11 Nov, Thu 12 Nov and 2 more"
        )
        for s in agenda
    ), agenda
    suds = next(s for s in brief["agenda"] if "SUDS" in s["text"])
    assert suds["text"] == "peak SUDS at step 1 fell from 70 to 35 over 10 attempts: consider the next step"
    assert suds["command"] == f"advance {ids['exposure']}"
    thoughts = [s for s in agenda if "a candidate for a cognitive exercise" in s]
    assert len(thoughts) == 2  # the two most frequent, not every thought that came back
    assert (
        thoughts[0]
        == "the automatic thought “I'm a failure” appeared 4 times: a candidate for a cognitive exercise"
    )
    assert any(s.startswith("stage 1 of the Mood log done well") for s in agenda) is False  # 5 missed
    assert any("belief in the prediction fell from 80 % to 30 %" in s for s in agenda)
    [photo] = brief["attachments"]
    assert photo["name"] == "worksheet.png" and photo["content_type"] == "image/png"


def test_every_brief_query_reads_by_index_not_through_the_clients_history(
    month: tuple[Bot, dict[str, int]],
) -> None:
    app = app_at(month[0], BRIEF_AT)
    sessions = app.sessions  # the schema check, before the statements are counted

    with statements(app.engine) as seen, sessions() as session:
        built = gather(session, app.config, app.now, CLIENT)

    assert built.brief.homework and built.brief.notes and len(seen) >= 8  # every query ran
    assert history_walks(app.engine, seen) == []
    with app.engine.connect() as conn:
        plans = [str(r[-1]) for q, p in seen for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {q}", p)]
    # a client's every submission or assignment is the history of a long therapy: never walked
    assert not [
        step
        for step in plans
        if "ix_submission_client_id" in step or "(client_id=?)" in step and "assignment" in step
    ]


def test_the_brief_is_sent_once_before_the_session_never_twice_across_restarts(
    sqlite_bot: Bot, smtp_server: SmtpServer
) -> None:
    build_month(sqlite_bot)
    code, out, err = sqlite_bot.run("tick", now="2026-11-26T07:00")  # before the digest time
    assert code == 0 and not briefs_sent(smtp_server, sqlite_bot.user)

    sqlite_bot.ok("tick", now="2026-11-26T07:31")
    sqlite_bot.ok("tick", now="2026-11-26T09:00")  # cron again, as after a restart
    app = app_at(sqlite_bot, "2026-11-26T09:30")
    _scheduler, jobs = schedule(app)
    assert jobs["brief"].job is send_due_briefs
    for _restart in range(2):  # the daemon's job, in a daemon started twice
        Guarded("brief", send_due_briefs, app, clock=lambda: app.now)()
    again = sqlite_bot.ok("brief", CLIENT, "--send", now="2026-11-26T10:00")
    sqlite_bot.ok("tick", now="2026-11-26T16:00")  # after the session: nothing more

    [sent] = briefs_sent(smtp_server, sqlite_bot.user)
    assert "this session's brief was already sent; not sent again" in again
    assert sent["Subject"] == "Session brief: Mia Keller, Thu 26 Nov 15:00"
    assert sent["Auto-Submitted"] == "auto-generated"
    text = sent.get_body(("plain",)).get_content()
    assert "READ FIRST" in text and "better off without me" in text and "SUGGESTED AGENDA" in text
    related = sent.get_body(("related",))
    assert related is not None
    cids = [p["Content-ID"] for p in related.iter_parts() if p.get_content_maintype() == "image"]
    assert len(cids) == 1 and f'src="cid:{cids[0].strip("<>")}"' in related.get_body(("html",)).get_content()
    assert_same_facts(brief_json(sqlite_bot, now="2026-11-26T07:31"), text)


def assert_same_facts(record: dict[str, Any], text: str) -> None:
    """Every fact of the JSON is in the email's text alternative, in the words it is shown in."""
    flat = " ".join(text.split())
    facts = [a["sentence"] for a in record["alerts"]] + [n["text"] for n in record["notes"]]
    for h in record["homework"]:
        facts += [h["title"], h["since_session"]["summary"], h["overall"]["summary"], h["rationale"]]
        facts += [cell for row in h["rows"] for cell in row["cells"] if cell]
        facts += [q["text"] for q in h["quotes"]]
        facts += [f"{s['length']} missed in a row" for s in h["missed_streaks"]]
    for c in record["charts"]:
        facts += ["/".join(str(v) for v in p["values"].values()) for p in c["points"]]
    for s in record["agenda"]:
        facts += [s["text"]] + [command for command in (s["command"], s["cli"]) if command]
    facts += [f["name"] for f in record["attachments"]]
    missing = [fact for fact in facts if " ".join(fact.split()) not in flat]
    assert len(facts) > 150 and missing == []


def test_the_brief_renders_in_chromium_with_its_sections_and_charts(
    month: tuple[Bot, dict[str, int]], browser: Browser, tmp_path: Path
) -> None:
    bot = month[0]
    preview = tmp_path / "brief.html"

    bot.ok("brief", CLIENT, "--preview", str(preview), now=BRIEF_AT)

    assert preview.stat().st_mode & 0o777 == 0o600
    browser.open(preview, width=760)
    seen = browser.evaluate("document.body.innerText")
    for heading in (
        "Session brief: Mia Keller",
        "Session Thursday 26 November, 15:00",
        "Read first",
        "Homework since the last session",
        "Change over time",
        "Suggested agenda",
        "Files Mia Keller sent",
    ):
        assert heading in seen, heading
    assert seen.index("Read first") < seen.index("Homework since") < seen.index("Change over time")
    assert (
        seen.index("Change over time") < seen.index("Suggested agenda") < seen.index("Files Mia Keller sent")
    )
    assert "“everyone would be better off without me" in seen
    assert "22 of 27 handed in, 5 missed" in seen and "3 missed in a row" in seen
    assert "“I'm a failure”" in seen and "worksheet.png" in seen
    bars = browser.evaluate(
        "Array.from(document.querySelectorAll('td[title]')).map(td => td.title)"
        ".filter(t => /^(intensity|before|peak|after|good things|answered) \\d+$/.test(t))"
    )
    assert bars.count("peak 35") == 1 and bars.count("good things 3") == 2 and "answered 2" in bars
    assert sum(t.startswith("intensity ") for t in bars) == 22
    heights = browser.evaluate(
        'Array.from(document.querySelectorAll(\'td[title="peak 70"], td[title="peak 35"]\'))'
        ".map(td => td.getBoundingClientRect().height)"
    )
    assert heights[0] == pytest.approx(2 * heights[1], abs=1)  # drawn to scale
    link = browser.evaluate("Array.from(document.links).map(a => a.href).find(h => h.includes('advance'))")
    assert link.startswith(f"mailto:{bot.user}")
    image = browser.evaluate("(() => { const i = document.images[0]; return [i.naturalWidth, i.width]; })()")
    assert image == [40, 120]
    assert (
        browser.evaluate("document.scripts.length + document.querySelectorAll('link, iframe, object').length")
        == 0
    )
    assert [u for u in browser.requests() if not u.startswith("data:image/png;")] == [preview.as_uri()]
    png_bytes = browser.screenshot(width=760)
    assert png_bytes.startswith(b"\x89PNG") and len(png_bytes) > 50_000
    (tmp_path / "brief.png").write_bytes(png_bytes)
    if os.environ.get("MAILBOT_UPDATE_DOCS") == "1":
        (DOCS / "brief.png").write_bytes(png_bytes)


# Smaller practices, on SQLite and PostgreSQL ------------------------------------------------------

WEEK_CLIENT = "david@client.example"


def daily_mood_log(bot: Bot) -> str:
    bot.ok("client", "add", "--name", "David Client", "--email", WEEK_CLIENT, now="2026-02-20T09:00")
    bot.ok(
        "client", "set", WEEK_CLIENT, "--sessions", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10", now="2026-02-20T09:00"
    )
    out = bot.ok(
        "assign", WEEK_CLIENT, "--type", "mood-log", "--title", "Mood log", "--due", "2026-03-02T21:00",
        "--repeat", "daily", "--count", "14", "--no-send", now="2026-03-01T10:00",
    )  # fmt: skip
    return out.strip()


def send(bot: Bot, when: datetime, body: str) -> None:
    raw = homework_mail(WEEK_CLIENT, bot.user, "mood log", body, date=when)
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=when)
    bot.ok("poll", now=(when + timedelta(minutes=5)).isoformat())


def test_a_client_with_nothing_since_the_last_session_gets_a_short_brief_saying_so(bot: Bot) -> None:
    daily_mood_log(bot)
    bot.ok("poll", now="2026-03-09T10:30")  # the session was on Monday at 10:00

    record = json.loads(bot.ok("brief", WEEK_CLIENT, "--json", now="2026-03-09T12:00"))
    text_and_summary = bot.ok("brief", WEEK_CLIENT, now="2026-03-09T12:00")
    preview = bot.config_path.parent / "nothing.html"
    bot.ok("brief", WEEK_CLIENT, "--preview", str(preview), now="2026-03-09T12:00")

    assert record["since"] == "2026-03-09T09:00:00+00:00" and record["nothing_since"] is True
    assert record["session_at"] == "2026-03-16T09:00:00+00:00"
    assert record["homework"] == [] and record["charts"] == [] and record["agenda"] == []
    assert text_and_summary.startswith("brief for client 1: 0 assignments")
    html = preview.read_text()
    assert "Nothing new since the last session" in html and "David Client sent no homework" in html
    assert "Homework since" not in html and len(html) < 8000


def test_a_silent_week_says_so_with_what_was_missed(bot: Bot) -> None:
    daily_mood_log(bot)
    send(bot, at(3, 2, 20), "Today\nSituation: work\nEmotion: sad 60")
    bot.ok("poll", now="2026-03-16T09:00")

    record = json.loads(bot.ok("brief", WEEK_CLIENT, "--json", now="2026-03-16T09:00"))

    assert record["nothing_since"] is True and record["since"] == "2026-03-09T09:00:00+00:00"
    [mood] = record["homework"]
    assert mood["since_session"]["summary"] == "0 of 6 handed in, 6 missed, 1 in the grace period"
    assert [s["length"] for s in mood["missed_streaks"]] == [6]


def test_the_briefs_adherence_equals_assignment_show_and_the_digest(bot: Bot) -> None:
    assignment = daily_mood_log(bot)
    send(bot, at(3, 2, 20), "Today\nSituation: work\nEmotion: sad 60")
    send(bot, at(3, 4, 9), "Yesterday:\nSituation: bus\nEmotion: anxious 40")
    send(
        bot,
        at(3, 6, 8),
        "Thursday:\nSituation: dinner\nEmotion: sad 50\nFriday:\nSituation: walk\nEmotion: calm 10",
    )
    send(bot, at(3, 10, 20), "Today\nSituation: lunch\nEmotion: calm 20")
    bot.ok("occurrence", "set", "8", "excused", now="2026-03-11T09:00")
    now = "2026-03-12T07:30"
    bot.ok("poll", now=now)

    shown = json.loads(bot.ok("assignment", "show", assignment, "--json", now=now))["adherence"]
    whole = json.loads(bot.ok("brief", WEEK_CLIENT, "--json", "--since", "2026-03-01", now=now))
    week = json.loads(bot.ok("brief", WEEK_CLIENT, "--json", "--since", "2026-03-05T07:30", now=now))
    month = json.loads(bot.ok("brief", WEEK_CLIENT, "--json", "--since", "2026-02-12T07:30", now=now))
    app = app_at(bot, now)
    with app.sessions() as session:
        [line] = gather_digest(session, app.config, app.now).adherence

    [mood] = whole["homework"]
    assert mood["overall"] == mood["since_session"]
    assert {k: mood["overall"][k] for k in shown} == shown
    assert (
        mood["overall"]["summary"]
        == shown["summary"]
        == "5 of 8 handed in (2 late), 3 missed, 1 excused, 1 in the grace period"
    )
    assert (week["total"]["handed_in"], week["total"]["due"]) == (line.done_7, line.due_7)
    assert (month["total"]["handed_in"], month["total"]["due"]) == (line.done_28, line.due_28)


def test_enabled_false_sends_no_brief_and_hours_before_moves_it(bot: Bot, smtp_server: SmtpServer) -> None:
    daily_mood_log(bot)  # sessions on Mondays at 10:00
    send(bot, at(3, 2, 20), "Today\nSituation: work\nEmotion: sad 60")
    config = bot.config_path.read_text()
    bot.config_path.write_text(config + "[brief]\nenabled = false\n")
    bot.ok("tick", now="2026-03-09T07:31")
    off = briefs_sent(smtp_server, bot.user)
    bot.config_path.write_text(config + "[brief]\nhours_before = 1\n")

    bot.ok("tick", now="2026-03-09T08:30")  # 90 minutes before: not yet
    early = briefs_sent(smtp_server, bot.user)
    bot.ok("tick", now="2026-03-09T09:05")
    bot.ok("tick", now="2026-03-09T09:10")

    assert off == [] and early == []
    [brief] = briefs_sent(smtp_server, bot.user)
    assert brief["Subject"] == "Session brief: David Client, Mon 9 Mar 10:00"
    assert "1 of 6 handed in, 5 missed, 1 in the grace period" in brief.get_body(("plain",)).get_content()


def test_a_refused_brief_is_sent_at_the_next_pass_and_an_unknown_one_never_again(
    bot: Bot, smtp_server: SmtpServer
) -> None:
    daily_mood_log(bot)  # sessions on Mondays at 10:00: the brief goes with the 07:30 digest
    smtp_server.fail_next(1, code=550)

    refused = bot.ok("brief", WEEK_CLIENT, "--send", now="2026-03-09T07:31")
    bot.ok("tick", now="2026-03-09T07:36")  # the daemon's next look: sent now
    with transaction(app_at(bot, "2026-03-09T07:40").sessions) as session:  # a crash left it unknown
        session.execute(
            update(OutgoingMessage).where(OutgoingMessage.kind == "brief").values(status="unknown")
        )
    unknown = bot.ok("brief", WEEK_CLIENT, "--send", now="2026-03-09T07:40")
    bot.ok("tick", now="2026-03-09T07:45")

    assert refused.endswith(f"brief failed to {bot.user}\n")
    assert "may already have been sent (its outcome is unknown); not sent again" in unknown
    smtp_server.wait_for(1, to=bot.user)
    assert len(briefs_sent(smtp_server, bot.user)) == 1
