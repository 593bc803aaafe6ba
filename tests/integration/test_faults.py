"""Crash mailbot at every step (intake, filing, drafting, reminding, the digest), again and again, against the real servers, and check after each
restart that nothing was lost and nothing happened twice.

The loop runs MAILBOT_FAULT_RUNS randomized runs in all (default 200; CI may set fewer), in
SHARDS independent practices with their own seeds, so that pytest-xdist can run them side by
side. Most crashes are injected exceptions at named checkpoints (mailbot/faults.py), every tenth
a real SIGKILL of a `mailbot` process.
"""

from __future__ import annotations

import email
import os
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from conftest import Bot
from mails import homework_mail
from servers import SmtpServer
from support.run import run_mailbot

from mailbot import faults
from mailbot.cli.main import main

RUNS = int(os.environ.get("MAILBOT_FAULT_RUNS", "200"))
SHARDS = 4
CLIENT = "ben@client.example"
STEPS = {
    "poll": [
        "intake.filed",
        "intake.advanced",
        "intake.before_move",
        "intake.copied",
        "intake.after_move",
        "intake.before_expunge",
        "drafts.planned",
        "drafts.before_append",
        "drafts.after_append",
        "send.before",  # a risk alert, sent within the poll
        "send.after",
    ],
    "remind": ["send.before", "send.after"],
    "digest --send": ["send.before", "send.after"],
    "feedback scan": [],
}
START = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)


def run_with_fault(bot: Bot, command: str, now: datetime, point: str, kill: bool) -> None:
    argv = ["--config", str(bot.config_path), "--now", now.isoformat(), *command.split()]
    if kill:
        run_mailbot(*argv, fault=point)
        return
    os.environ["MAILBOT_FAULT"] = point
    faults.reset()
    try:
        main(argv)
    except faults.InjectedCrash:
        pass
    finally:
        del os.environ["MAILBOT_FAULT"]
        faults.reset()


def on_server(bot: Bot) -> Counter[str]:
    """X-Test-Id of every message in the inbox and the homework folders."""
    seen: Counter[str] = Counter()
    with bot.dovecot.client(bot.user) as imap:
        folders = [
            name for _f, _d, name in imap.list_folders() if name == "INBOX" or name.startswith("Homework")
        ]
        for folder in folders:
            imap.select_folder(folder, readonly=True)
            uids = imap.search("ALL")
            for data in (imap.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (X-TEST-ID)]"]) if uids else {}).values():
                value = next(v for k, v in data.items() if k.startswith(b"BODY"))
                test_id = value.decode().partition(":")[2].strip()
                if test_id:  # not the digests mailbot sends to the therapist's own inbox
                    seen[test_id] += 1
    return seen


def drafts_per_message(bot: Bot) -> Counter[str]:
    with bot.dovecot.client(bot.user) as imap:
        imap.select_folder("Drafts", readonly=True)
        uids = imap.search("ALL")
        fetched = imap.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO)]"]) if uids else {}
    return Counter(
        next(v for k, v in d.items() if k.startswith(b"BODY")).decode().partition(":")[2].strip()
        for d in fetched.values()
    )


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_crashes_at_every_step_lose_nothing_and_repeat_nothing(
    sqlite_bot: Bot, smtp_server: SmtpServer, shard: int
) -> None:
    bot = sqlite_bot
    rng = random.Random(20261123 + shard)
    bot.ok("client", "add", "--name", "Ben Client", "--email", CLIENT, "--timezone", "Europe/Berlin")
    bot.ok(
        "assign",
        CLIENT,
        "--type",
        "mood-log",
        "--title",
        "Mood log",
        "--due",
        "2026-10-01T21:00",
        "--repeat",
        "daily",
        "--count",
        "60",
        "--no-send",
        now="2026-09-30T09:00",
    )
    delivered: dict[str, bytes] = {}  # X-Test-Id -> raw
    content_of: dict[str, str] = {}  # X-Test-Id -> Message-ID (duplicates share one)
    received_before = len(smtp_server.received)
    crashed_at: Counter[str] = Counter()
    risky: set[str] = set()  # Message-IDs of mails with worrying words

    for run in range(-(-RUNS // SHARDS)):
        now = START + timedelta(hours=run * 3)
        for _ in range(rng.choice([0, 1, 1, 2])):
            test_id = f"t{len(delivered)}"
            if delivered and rng.random() < 0.2:  # the same mail delivered twice
                original = rng.choice(list(delivered))
                raw = delivered[original].replace(
                    f"X-Test-Id: {original}".encode(), f"X-Test-Id: {test_id}".encode()
                )
                content_of[test_id] = content_of[original]
            else:
                mid = f"<m{len(delivered)}@client.example>"
                worrying = rng.random() < 0.15
                if worrying:
                    risky.add(mid)
                raw = homework_mail(
                    CLIENT,
                    bot.user,
                    "my mood log",
                    f"Situation: run {run}\nEmotion: sad 50"
                    + ("\nI want to kill myself." if worrying else ""),
                    message_id=mid,
                    headers={"X-Test-Id": test_id},
                )
                content_of[test_id] = mid
            delivered[test_id] = raw
            with bot.dovecot.client(bot.user) as imap:
                imap.append("INBOX", raw, msg_time=now - timedelta(minutes=30))
        command = rng.choice(["poll", "poll", "remind", "feedback scan", "digest --send"])
        points = STEPS[command] or STEPS["poll"]
        point = f"{rng.choice(points)}:{rng.choice([1, 1, 2])}"
        crashed_at[point.split(":")[0]] += 1
        run_with_fault(bot, command, now, point, kill=run % 10 == 9)
        # restart: the same work again, then the rest of the cycle, with no fault
        for again in (command, "poll", "remind", "digest --send"):
            code, _out, err = bot.run(*again.split(), now=now.isoformat())
            assert code == 0, f"run {run}: mailbot {again} after a crash at {point}: {err}"

        seen = on_server(bot)
        assert set(seen.values()) <= {1}, f"run {run}: a message is on the server twice"
        assert set(seen) == set(delivered), f"run {run}: a message was lost from the server"
        subs = bot.json("submission", "list")
        by_mid = Counter(s["message_id"] for s in subs)
        assert set(by_mid) == set(content_of.values()), f"run {run}: a mail is not a submission"
        assert set(by_mid.values()) <= {1}, f"run {run}: a mail was filed twice"
        drafts = drafts_per_message(bot)
        assert set(drafts.values()) <= {1}, f"run {run}: a draft was written twice"
        assert set(drafts) == set(by_mid), f"run {run}: a submission has no draft"
        reminders = [
            email.message_from_bytes(raw, policy=policy.default)
            for _f, rcpts, raw in smtp_server.received[received_before:]
            if CLIENT in rcpts
        ]
        ids = Counter(str(m["Message-ID"]) for m in reminders)
        assert set(ids.values()) <= {1}, f"run {run}: a reminder was sent twice"
        digests = [
            email.message_from_bytes(raw, policy=policy.default)
            for _f, rcpts, raw in smtp_server.received[received_before:]
            if bot.user in rcpts
        ]
        days = Counter(str(m["Message-ID"]) for m in digests if m["X-Mailbot"] == "digest")
        assert set(days.values()) <= {1}, f"run {run}: a digest was sent twice in one day"
        alerted = Counter(str(m["In-Reply-To"]) for m in digests if m["X-Mailbot"] == "risk-alert")
        assert set(alerted.values()) <= {1}, f"run {run}: an alert was sent twice"
        assert set(alerted) <= risky, f"run {run}: an alert about an ordinary mail"
        flagged = {s["message_id"] for s in subs if "risk" in s["flags"]}
        assert flagged == risky, f"run {run}: a worrying mail was not flagged"
        assert len(bot.json("alert", "list")) == len(risky), f"run {run}: an alert was not recorded once"
        rows = bot.json("reminder", "list")
        keys = Counter((r["assignment_id"], r["kind"], r["scheduled_for"]) for r in rows)
        assert set(keys.values()) <= {1}, f"run {run}: a reminder item was recorded twice"
    assert len(crashed_at) >= 8  # every step was crashed at some point
