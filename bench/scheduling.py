"""Scheduling at scale: one reminder pass, one feedback scan and one digest build over a practice
of 500 clients, at 10,000 and at 100,000 assignment occurrences (the same current work, more
history), each pass timed in a fresh process as the daemon runs it (bench/passes.py) and, for
reference, as the command line runs it (``mailbot remind --dry-run``, ``mailbot feedback scan``,
``mailbot digest --preview``, start-up included). "Warm": the database file was just copied into
place, so the page cache holds it; "cold": its pages were dropped first (fsync, then
posix_fadvise DONTNEED on that file alone), as after a reboot or for a once-a-day pass.

The day measured is Monday 23 November 2026 (Europe/Berlin). Before the measured moments a real
reminder pass runs (emails sent to the private SMTP server), so the measured pass sees what a pass
every five minutes sees: at 12:00 ("steady": nothing new is due) and at 19:00 ("peak": the
due-day reminders of the evening's homework fall due at once). The feedback scan finds 50 new
replies among 550 messages in the Sent folder; the digest is the 07:30 one.

    python3 bench/scheduling.py --sizes 10000,100000 --runs 5
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from common import (
    REPO,
    THERAPIST,
    Stats,
    base_parser,
    database_path,
    machine,
    mail_servers,
    mailbot_argv,
    measure,
    run_checked,
    save_json,
    table,
    verdict,
    write_config,
)
from history import seed_history
from servers import Dovecot, SmtpServer

from mailbot.config import load_config

THERAPIST_EMAIL = "ada@practice.example"
DAY = "2026-11-23"
STEADY, STEADY_SETTLE, PEAK, PEAK_SETTLE, DIGEST = (
    f"{DAY}T{t}" for t in ("12:00", "11:55", "19:00", "18:55", "07:30")
)
OLD_SENT, NEW_SENT = 500, 50
TARGET_SECONDS = 1.0


@dataclass(frozen=True)
class Prepared:
    size: int
    config: Path
    steady: Path  # database after a real reminder pass at 11:55
    peak: Path  # database after a real reminder pass at 18:55
    counts: dict[str, int]
    settle: dict[str, Any]  # the real passes: wall time and what they sent


def place(database: Path, config: Path) -> None:
    """Put a copy of ``database`` where ``config`` expects it (no stale WAL beside it)."""
    target = database_path(config)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy2(database, target)


def sent_message(number: int, reply_to: str | None, marker: str | None) -> bytes:
    headers = [
        f"From: {THERAPIST} <{THERAPIST_EMAIL}>",
        f"To: client{number}@client1.example",
        "Subject: Re: Your homework",
        f"Date: {format_datetime(datetime.fromisoformat(DAY + 'T10:00+01:00'))}",
        f"Message-ID: <sent-{number}@practice.example>",
    ]
    if reply_to:
        headers += [f"In-Reply-To: {reply_to}", f"References: {reply_to}"]
    if marker:
        headers.append(f"X-Mailbot-Draft: {marker}")
    body = "Thank you, this is really good work. Let us look at the second entry together next time.\n"
    return (
        "\r\n".join([*headers, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body])
    ).encode()


def fill_sent(dovecot: Dovecot, user: str, open_feedback: list[tuple[str, str]], rng: random.Random) -> int:
    """500 older replies (already read by an earlier scan), then 50 new ones answering open
    feedback, half by In-Reply-To and half by the draft's marker; the folder's UIDVALIDITY."""
    old = [sent_message(n, f"<old-{n}@mail.client1.example>", None) for n in range(OLD_SENT)]
    answered = rng.sample(open_feedback, min(NEW_SENT, len(open_feedback)))
    new = [
        sent_message(OLD_SENT + n, message_id if n % 2 else None, None if n % 2 else marker)
        for n, (message_id, marker) in enumerate(answered)
    ]
    with dovecot.client(user) as client:
        client.multiappend("Sent", old + new)
    return dovecot.uidvalidity(user, "Sent")


def prepare(dovecot: Dovecot, smtp: SmtpServer, work: Path, size: int, clients: int, seed: int) -> Prepared:
    user = f"sched{size}@practice.example"
    directory = work / f"size{size}"
    config = write_config(
        directory,
        dovecot,
        smtp,
        user,
        {"therapist": {"email": THERAPIST_EMAIL}, "smtp": {"append_to_sent": False}},
    )
    run_checked(mailbot_argv(config, "init"))
    with sqlite3.connect(database_path(config)) as db:  # history numbers its own audit rows from 1
        db.execute("DELETE FROM audit_event")
    db.close()
    loaded = load_config(config)
    facts = seed_history(
        loaded, datetime.fromisoformat(STEADY).replace(tzinfo=loaded.therapist.tz), clients, size, seed
    )
    uidvalidity = fill_sent(dovecot, user, facts.open_feedback, random.Random(seed))
    with sqlite3.connect(database_path(config)) as db:
        db.execute(
            "INSERT INTO folder_state (folder, uidvalidity, last_uid) VALUES ('Sent', ?, ?) ON CONFLICT "
            "(folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid",
            (uidvalidity, OLD_SENT),
        )
    db.close()
    pristine = directory / "pristine.sqlite3"
    shutil.copy2(database_path(config), pristine)
    settle: dict[str, Any] = {}
    for name, moment in (("steady", STEADY_SETTLE), ("peak", PEAK_SETTLE)):
        place(pristine, config)
        before = len(smtp.received)
        done = measure(mailbot_argv(config, "remind", now=moment))
        settle[name] = {
            "at": moment,
            "seconds": done.seconds,
            "summary": done.stdout.strip(),
            "emails": len(smtp.received) - before,
        }
        shutil.copy2(database_path(config), directory / f"{name}.sqlite3")
    counts = dict(facts.counts)
    counts["database_mib"] = pristine.stat().st_size // 2**20
    return Prepared(size, config, directory / "steady.sqlite3", directory / "peak.sqlite3", counts, settle)


def evict(database: Path) -> None:
    """Drop the database file's pages from the page cache (written back first): a cold start,
    as after a reboot or for the once-a-day digest on a busy machine."""
    fd = os.open(database, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def passes(prepared: Prepared, now: str, *flags: str) -> dict[str, Any]:
    argv = [
        sys.executable,
        str(REPO / "bench" / "passes.py"),
        "--config",
        str(prepared.config),
        "--now",
        now,
        *flags,
    ]
    done = measure(argv)
    result: dict[str, Any] = json.loads(done.stdout)
    result["process_rss_mib"] = done.peak_rss_mib
    return result


def one_run(prepared: Prepared) -> dict[str, Any]:
    preview = prepared.config.parent / "digest.html"
    place(prepared.steady, prepared.config)
    steady = passes(
        prepared, STEADY, "--remind", "--feedback", "--digest-at", DIGEST, "--preview", str(preview)
    )
    place(prepared.peak, prepared.config)
    peak = passes(prepared, PEAK, "--remind")
    place(prepared.steady, prepared.config)
    cli = {
        "remind": measure(mailbot_argv(prepared.config, "remind", "--dry-run", now=STEADY)).seconds,
        "feedback": measure(mailbot_argv(prepared.config, "feedback", "scan", now=STEADY)).seconds,
        "digest": measure(
            mailbot_argv(prepared.config, "digest", "--preview", str(preview), now=DIGEST)
        ).seconds,
    }
    place(prepared.peak, prepared.config)
    cli["remind_peak"] = measure(mailbot_argv(prepared.config, "remind", "--dry-run", now=PEAK)).seconds
    cold = {}
    for key, database, now, flags in (
        ("remind", prepared.steady, STEADY, ["--remind"]),
        ("remind_peak", prepared.peak, PEAK, ["--remind"]),
        ("feedback", prepared.steady, STEADY, ["--feedback"]),
        ("digest", prepared.steady, STEADY, ["--digest-at", DIGEST, "--preview", str(preview)]),
    ):
        place(database, prepared.config)
        evict(database_path(prepared.config))
        cold[key] = passes(prepared, now, *flags)[key.removesuffix("_peak")]["seconds"]
    return {
        "remind": steady["remind"]["seconds"],
        "remind_summary": steady["remind"]["summary"],
        "feedback": steady["feedback"]["seconds"],
        "feedback_summary": steady["feedback"]["summary"],
        "digest": steady["digest"]["seconds"],
        "digest_summary": steady["digest"]["summary"],
        "remind_peak": peak["remind"]["seconds"],
        "remind_peak_summary": peak["remind"]["summary"],
        "rss_mib": max(steady["process_rss_mib"], peak["process_rss_mib"]),
        "cli": cli,
        "cold": cold,
    }


PASSES = (
    ("remind", "reminder pass at 12:00 (steady), plan() + compose, dry run"),
    ("remind_peak", "reminder pass at 19:00 (peak), plan() + compose, dry run"),
    ("feedback", "feedback scan (50 new of 550 in Sent)"),
    ("digest", "digest build at 07:30 (gather + render + preview)"),
)


def report(prepared: dict[int, Prepared], results: dict[int, list[dict[str, Any]]]) -> str:
    sizes = sorted(results)
    lines = []
    for size in sizes:
        runs = results[size]
        counts = prepared[size].counts
        lines += [
            f"{size:,} occurrences ({counts['submission']:,} submissions, {counts['reminder']:,} reminders, "
            f"{counts['audit_event']:,} audit events, database {counts['database_mib']} MiB), "
            f"{len(runs)} runs, seconds, median (min–max):",
            "",
            table(
                [
                    "pass",
                    "in-process, warm",
                    "in-process, cold cache",
                    "CLI, warm (with start-up)",
                    "what it found",
                ],
                [
                    [
                        label,
                        Stats.of([r[key] for r in runs]).show(3),
                        Stats.of([r["cold"][key] for r in runs]).show(3),
                        Stats.of([r["cli"][key] for r in runs]).show(2),
                        runs[0][f"{key}_summary"],
                    ]
                    for key, label in PASSES
                ],
            ),
            "",
            f"Peak RSS of the pass process: {Stats.of([r['rss_mib'] for r in runs]).show(0)} MiB. "
            "Real reminder passes before the measured moments: "
            + "; ".join(
                f"{s['at'][11:]} {s['seconds']:.2f} s, {s['emails']} emails"
                for s in prepared[size].settle.values()
            ),
            "",
        ]
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        rows = []
        for key, label in PASSES:
            for cache, pick in (("warm", lambda r, k=key: r[k]), ("cold", lambda r, k=key: r["cold"][k])):
                a = Stats.of([pick(r) for r in results[small]]).median
                b = Stats.of([pick(r) for r in results[large]]).median
                rows.append(
                    [
                        f"{label}, {cache}",
                        f"{a:.3f}",
                        f"{b:.3f}",
                        f"{b / a:.2f}×",
                        verdict(b < TARGET_SECONDS),
                    ]
                )
        lines += [
            f"Growth from {small:,} to {large:,} occurrences (in-process medians, seconds):",
            "",
            table(["pass", f"{small:,}", f"{large:,}", "growth", f"under {TARGET_SECONDS:g} s"], rows),
        ]
    return "\n".join(lines)


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="occurrence counts (default 10000,100000)")
    parser.add_argument("--clients", type=int, default=500)
    args = parser.parse_args()
    print(machine())
    sizes = [int(s) for s in args.sizes.split(",")]
    prepared: dict[int, Prepared] = {}
    results: dict[int, list[dict[str, Any]]] = {}
    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-scheduling-"))
        try:
            for size in sizes:
                prepared[size] = prepare(dovecot, smtp, work, size, args.clients, args.seed)
                print(f"size {size}: {prepared[size].counts}; settle {prepared[size].settle}", flush=True)
                results[size] = []
            for number in range(1, args.runs + 1):
                for size in sizes:  # interleaved, so that a change of load hits both sizes alike
                    results[size].append(one_run(prepared[size]))
                    print(f"size {size} run {number}: {results[size][-1]}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(report(prepared, results))
    save_json(args.json, {"prepared": {s: p.__dict__ for s, p in prepared.items()}, "results": results})


if __name__ == "__main__":
    main()
