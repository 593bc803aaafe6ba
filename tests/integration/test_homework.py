"""Homework end to end: assigned by email through real SMTP, answered by the client, filed by
thread to the right occurrence, and parsed into fields."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from conftest import Bot
from servers import SmtpServer
from support.homework import add_client, assign

NOW = "2026-11-23T09:00"
CLIENT = "{user}-client@example.org"

ANSWERS = {
    "bibliotherapy": (
        [
            "--reading",
            "Feeling Good, chapter 3",
            "--question",
            "What surprised you?",
            "--question",
            "What will you try?",
        ],
        "1. That thoughts are not facts.\n2. Writing down my thoughts each evening.",
        {"answers"},
    ),
    "mood-log": (
        [],
        "Situation: meeting with my boss\nTrigger: he frowned\n"
        "Automatic thought: I'll be fired\nEmotion: anxious 80",
        {"situation", "automatic_thought", "intensity"},
    ),
    "cognitive-exercise": (
        ["--belief", "I must never make mistakes"],
        "Belief: I must never make mistakes\nAction: send the report with one typo\n"
        "Prediction: my boss will be furious\nIrrational: everyone will see I'm useless\n"
        "Rational: one typo says nothing about my worth",
        {"belief", "prediction", "dialogue"},
    ),
    "journal": (
        ["--good-things"],
        "Situation: lunch with Sam\nThoughts: he is bored with me\n"
        "Behaviour: I left early\nGood things: sunshine, coffee, a call from mum",
        {"situation", "thoughts", "behaviour"},
    ),
    "exposure": (
        ["--steps", "Look at a photo of a dog:30;Stand near a dog:60;Pet a dog:90"],
        "Step: Look at a photo of a dog\nSUDS before: 40\nPeak: 70%\nAfter: 3/10",
        {"suds_before", "suds_peak", "suds_after"},
    ),
    "experiment": (
        ["--thought", "If I speak up, people will laugh"],
        "Thought: if I speak up, people will laugh\nPrediction: they will laugh\n"
        "Belief before: 80%\nExperiment: option A, ask a question in the meeting\n"
        "Outcome: nobody laughed, one person nodded\nBelief after: 30",
        {"prediction", "belief_before", "outcome", "belief_after"},
    ),
    "custom": ([], "I went for a walk every day.", {"text"}),
}


def client_inbox(bot: Bot, address: str) -> list[EmailMessage]:
    return [
        email.message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
        for raw in bot.dovecot.messages(address)
    ]


def reply_to(original: EmailMessage, sender: str, to: str, body: str) -> bytes:
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = to
    reply["Subject"] = "Re: " + str(original["Subject"])
    reply["Message-ID"] = make_msgid(domain="client.example")
    reply["In-Reply-To"] = original["Message-ID"]
    reply["References"] = original["Message-ID"]
    reply.set_content(
        body
        + "\n\nOn Monday, Dr. Ada Example wrote:\n> "
        + "\n> ".join(str(original.get_body(("plain",)).get_content()).splitlines())
    )
    return bytes(reply)


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_each_type_is_emailed_answered_by_thread_and_parsed(
    bot: Bot, smtp_server: SmtpServer, kind: str
) -> None:
    client = CLIENT.format(user=bot.user.split("@")[0])
    bot.ok("client", "add", "--name", "Ben Client", "--email", client)
    options, answer, expected = ANSWERS[kind]
    bot.ok(
        "assign",
        client,
        "--type",
        kind,
        "--title",
        "Homework",
        "--due",
        "2026-11-30T19:00",
        "--rationale",
        "Practice makes it easier.",
        "--obstacles",
        "If tired, do it at lunch.",
        *options,
        now=NOW,
    )
    bot.ok(
        "assign", client, "--type", "journal", "--title", "Other", "--due", "2026-11-30", "--no-send", now=NOW
    )

    smtp_server.wait_for(1, to=client)
    [assignment_mail] = client_inbox(bot, client)
    token = bot.json("assignment", "list")[0]["token"]
    assert str(assignment_mail["Subject"]) == f"Your homework from Dr. Ada Example [{token}]"
    assert assignment_mail.get_body(("html",)) is not None
    text = assignment_mail.get_body(("plain",)).get_content()
    assert "Practice makes it easier." in text and "If tired, do it at lunch." in text
    bot.deliver(reply_to(assignment_mail, client, bot.user, answer))

    bot.ok("poll", now="2026-11-24T10:00")

    [sub] = bot.json("submission", "list")
    assert (sub["matched_by"], sub["assignment_id"], sub["status"]) == ("thread", 1, "filed")
    detail = json_show(bot, sub["id"])
    assert detail["fields"], detail
    assert expected <= set(detail["fields"][0]), detail["fields"]
    assert answer.splitlines()[0] in detail["text"]
    sent_copies = bot.dovecot.messages(bot.user, "Sent")
    assert len(sent_copies) == 1 and token.encode() in sent_copies[0]


def json_show(bot: Bot, submission_id: int) -> dict:
    import json

    return json.loads(bot.ok("submission", "show", str(submission_id), "--json"))


def deliver_at(bot: Bot, raw: bytes, when: datetime) -> None:
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=when)


def test_daily_mood_log_has_fourteen_occurrences_filled_day_by_day_and_missed_days(bot: Bot) -> None:
    client = CLIENT.format(user=bot.user.split("@")[0])
    add_client(bot, "Ben Client", client, timezone="Europe/London")
    # In the past: Dovecot clamps an APPEND date in the future to the present.
    assign(
        bot,
        client,
        "mood-log",
        "Mood log",
        "2026-11-01T21:00",
        repeat="daily",
        count=14,
        now="2026-10-31T09:00",
    )
    [assignment] = bot.json("assignment", "list")
    assert assignment["occurrences"] == {"done": 0, "total": 14}
    for day in (0, 1, 3):  # day 2 has no reply
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = client, bot.user, f"mood log [{assignment['token']}]"
        mail["Message-ID"] = make_msgid(domain="client.example")
        mail.set_content(f"Situation: day {day}\nEmotion: sad 60")
        deliver_at(bot, bytes(mail), datetime(2026, 11, 1, 20, 0, tzinfo=UTC) + timedelta(days=day))

    bot.ok("poll", now="2026-11-05T09:00")

    show = json.loads(bot.ok("assignment", "show", str(assignment["id"]), "--json"))
    statuses = [o["status"] for o in show["occurrences"]]
    # Day 3's mail names no day and comes within [homework] grace_hours of day 2's due time,
    # which is still open: it is credited to day 2, late (the crediting rule), and day 3 waits.
    assert statuses[:4] == ["done", "done", "late", "open"]
    assert statuses[4:] == ["open"] * 10
    subs = bot.json("submission", "list")
    assert len({s["occurrence_id"] for s in subs}) == 3


import json  # noqa: E402


def test_exposure_ladder_advances_and_keeps_its_history(bot: Bot) -> None:
    client = CLIENT.format(user=bot.user.split("@")[0])
    bot.ok("client", "add", "--name", "Ben Client", "--email", client)
    bot.ok(
        "assign",
        client,
        "--type",
        "exposure",
        "--title",
        "Dogs",
        "--due",
        "2026-11-30",
        "--no-send",
        "--steps",
        "Photo:30;Near:60",
        now=NOW,
    )

    bot.ok("exposure", "advance", "1", now=NOW)

    show = json.loads(bot.ok("assignment", "show", "1", "--json"))
    assert show["details"]["current"] == 1
    assert show["details"]["history"][0]["to"] == 1
    code, _out, err = bot.run("exposure", "advance", "1", now=NOW)
    assert code == 2 and "top step" in err


def test_mood_log_stage_two_is_switched_on_per_assignment(bot: Bot) -> None:
    client = CLIENT.format(user=bot.user.split("@")[0])
    bot.ok("client", "add", "--name", "Ben Client", "--email", client)
    bot.ok(
        "assign", client, "--type", "mood-log", "--title", "Log", "--due", "2026-11-30", "--no-send", now=NOW
    )

    bot.ok("assignment", "stage", "1", "2", now=NOW)

    show = json.loads(bot.ok("assignment", "show", "1", "--json"))
    assert show["details"]["stage"] == 2


def test_type_specific_option_on_the_wrong_type_is_refused(bot: Bot) -> None:
    client = CLIENT.format(user=bot.user.split("@")[0])
    bot.ok("client", "add", "--name", "Ben Client", "--email", client)
    code, _out, err = bot.run(
        "assign",
        client,
        "--type",
        "journal",
        "--title",
        "x",
        "--due",
        "2026-11-30",
        "--steps",
        "a:1",
        now=NOW,
    )
    assert code == 2 and "--steps does not apply" in err


def test_journal_entry_naming_its_day_fills_that_days_occurrence(bot: Bot) -> None:
    client = CLIENT.format(user=bot.user.split("@")[0])
    add_client(bot, "Ben Client", client, timezone="Europe/London")
    assign(
        bot, client, "journal", "Journal", "2026-11-01T21:00", repeat="daily", count=7, now="2026-10-31T09:00"
    )
    [assignment] = bot.json("assignment", "list")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = client, bot.user, f"journal [{assignment['token']}]"
    mail["Message-ID"] = make_msgid(domain="client.example")
    mail.set_content("2026-11-02\nSituation: lunch with Sam\nThoughts: he is bored\nBehaviour: left early")
    deliver_at(bot, bytes(mail), datetime(2026, 11, 4, 12, 0, tzinfo=UTC))  # written up two days late

    bot.ok("poll", now="2026-11-04T13:00")

    show = json.loads(bot.ok("assignment", "show", str(assignment["id"]), "--json"))
    [sub] = bot.json("submission", "list")
    assert sub["occurrence_id"] == show["occurrences"][1]["id"]  # 2 November, as the client wrote
    assert show["occurrences"][1]["status"] == "late"
