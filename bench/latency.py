"""Arrival latency: ``mailbot run`` (IMAP IDLE) as a process; 100 client mails APPENDed to the inbox
one at a time, each 0.5-1 s after the previous APPEND returned (so a mail may arrive while the
last one is still being filed, as real mail does); for each, the time from the APPEND's return to
its submission row being committed, seen by a read-only SQLite reader polling every 10 ms.

``[schedule] poll_minutes = 30``, so only IDLE explains fast filing; reminders and the Sent scan
run every 5 minutes as configured by default, drafts are on (the defaults). Each run starts a
fresh daemon on a fresh database (200 clients, three open assignments each) and an empty inbox.

    python3 bench/latency.py --messages 100 --runs 5
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import (
    THERAPIST,
    BenchError,
    Stats,
    base_parser,
    database_path,
    log_time,
    machine,
    mail_servers,
    mailbot_argv,
    percentile,
    read_only,
    run_checked,
    save_json,
    table,
    verdict,
    write_config,
)
from corpus import client_mail
from practice import Patient, seed_open_work
from servers import Dovecot, SmtpServer

THERAPIST_EMAIL = "ada@practice.example"
POLL_SECONDS = 0.01
TIMEOUT = 120.0
TARGET_MEDIAN = 2.0


class CommitWatcher(threading.Thread):
    """Polls the database every 10 ms and notes when each awaited Message-ID first appears."""

    def __init__(self, database: Path):
        super().__init__(daemon=True)
        self.database = database
        self.awaited: dict[str, float] = {}  # message id -> when its APPEND returned
        self.appended_at: list[float] = []  # the same moments, epoch time
        self.seen: dict[str, float] = {}  # message id -> when its row was first seen
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def expect(self, message_id: str, appended: float) -> None:
        with self.lock:
            self.awaited[message_id] = appended
            self.appended_at.append(time.time() - (time.perf_counter() - appended))

    def run(self) -> None:
        db = read_only(self.database)
        try:
            while not self.stopping.is_set():
                with self.lock:
                    waiting = [m for m in self.awaited if m not in self.seen]
                if waiting:
                    marks = ",".join("?" * len(waiting))
                    rows = db.execute(
                        f"SELECT message_id FROM submission WHERE message_id IN ({marks})", waiting
                    )
                    now = time.perf_counter()
                    with self.lock:
                        for (message_id,) in rows:
                            self.seen.setdefault(message_id, now)
                time.sleep(POLL_SECONDS)
        finally:
            db.close()

    def latencies(self) -> tuple[list[float], int]:
        found = [x for x in self.per_message() if x is not None]
        return found, len(self.awaited) - len(found)

    def per_message(self) -> list[float | None]:
        """Each message's latency in APPEND order, None for one not (yet) filed."""
        with self.lock:
            return [self.seen[m] - t if m in self.seen else None for m, t in self.awaited.items()]


def idle_notice(log: str, appended_at: list[float]) -> list[float | None]:
    """For each APPEND, how long until the daemon logged that IDLE reported new mail."""
    notices = sorted(
        t
        for line in log.splitlines()
        if "idle: new mail" in line
        for t in [log_time(line, "idle: new mail")]
        if t is not None
    )
    delays: list[float | None] = []
    for appended in appended_at:
        later = [t for t in notices if t >= appended - 0.001]
        delays.append(later[0] - appended if later else None)
    return delays


def wait_for_log(log: Path, markers: list[str], daemon: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if all(marker in text for marker in markers):
            return
        if daemon.poll() is not None:
            raise BenchError(f"mailbot run exited {daemon.returncode}:\n{text[-3000:]}")
        time.sleep(0.1)
    raise BenchError(f"mailbot run did not log {markers} within {timeout:.0f} s")


def one_run(
    dovecot: Dovecot,
    smtp: SmtpServer,
    work: Path,
    template_db: Path,
    patients: list[Patient],
    messages: int,
    number: int,
    rng: random.Random,
) -> dict[str, Any]:
    user = f"latency{number}@practice.example"
    directory = work / f"run{number}"
    config = write_config(
        directory,
        dovecot,
        smtp,
        user,
        {"therapist": {"email": THERAPIST_EMAIL}, "schedule": {"poll_minutes": 30}},
    )
    database_path(config).parent.mkdir(mode=0o700, parents=True)
    shutil.copy2(template_db, database_path(config))
    log = directory / "daemon.log"
    with log.open("wb") as out:
        daemon = subprocess.Popen(mailbot_argv(config, "run"), stdout=out, stderr=subprocess.STDOUT)
    watcher = CommitWatcher(database_path(config))
    try:
        # IDLE is up once the watcher's first wake-up has run the intake job.
        wait_for_log(log, ["mailbot running", "intake: ", "reminders: ", "feedback: "], daemon, 60)
        time.sleep(1.0)
        watcher.start()
        with dovecot.client(user) as client:
            for index in range(messages):
                raw, _shape = client_mail(
                    rng,
                    rng.choice(patients),
                    (THERAPIST, THERAPIST_EMAIL),
                    datetime.now(UTC),
                    number * 1000 + index,
                )
                message_id = raw.split(b"\nMessage-ID: ", 1)[1].split(b"\n", 1)[0].decode()
                client.append("INBOX", raw)
                watcher.expect(message_id, time.perf_counter())
                time.sleep(rng.uniform(0.5, 1.0))
        deadline = time.monotonic() + TIMEOUT
        while watcher.latencies()[1] and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        watcher.stopping.set()
        daemon.terminate()
        try:
            daemon.wait(30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
    latencies, missing = watcher.latencies()
    text = log.read_text(errors="replace")
    notices = idle_notice(text, watcher.appended_at)
    pairs = zip(watcher.per_message(), notices, strict=True)
    result = {
        "latencies": latencies,
        "missing": missing,
        "median": percentile(latencies, 50) if latencies else float("nan"),
        "p95": percentile(latencies, 95) if latencies else float("nan"),
        "max": max(latencies, default=float("nan")),
        "over_5s": sum(1 for x in latencies if x > 5),
        "intake_passes": text.count("mailbot.passes.intake: intake: "),
        "idle_notice": [n for n in notices if n is not None],
        "after_notice": [lat - n for lat, n in pairs if lat is not None and n is not None],
        "skipped_wakeups": text.count("maximum number of running instances reached"),
        "idle_wakeups": text.count("idle: new mail"),
    }
    shutil.rmtree(directory, ignore_errors=True)
    return result


def report(messages: int, runs: list[dict[str, Any]]) -> str:
    median = Stats.of([r["median"] for r in runs])
    rows = [
        [
            str(i),
            f"{r['median']:.3f}",
            f"{r['p95']:.3f}",
            f"{r['max']:.3f}",
            str(r["over_5s"]),
            str(r["missing"]),
            f"{r['idle_wakeups']} / {r['intake_passes']}",
        ]
        for i, r in enumerate(runs, 1)
    ]
    every = [x for r in runs for x in r["latencies"]]
    notices = [x for r in runs for x in r["idle_notice"]] or [float("nan")]
    after = [x for r in runs for x in r.get("after_notice", [])] or [float("nan")]
    lines = [
        f"Arrival latency, {messages} messages per run, {len(runs)} runs "
        "(APPEND returned → submission committed), seconds:",
        "",
        table(
            ["run", "median", "p95", "max", "> 5 s", "not filed in 120 s", "IDLE wake-ups / intake passes"],
            rows,
        ),
        "",
        f"Median of the run medians {median.show(3)} s; median of the run p95s "
        f"{Stats.of([r['p95'] for r in runs]).show(3)} s; all {len(every)} messages pooled: median "
        f"{percentile(every, 50):.3f} s, p95 {percentile(every, 95):.3f} s, max {max(every):.3f} s.",
        f"Of that, APPEND returned → the daemon logged IDLE's news: median "
        f"{percentile(notices, 50):.3f} s, p95 {percentile(notices, 95):.3f} s; from there to the commit, "
        f"per message: median {percentile(after, 50):.3f} s, p95 {percentile(after, 95):.3f} s "
        "(log timestamps, 1 ms).",
        f"Target: median under {TARGET_MEDIAN:g} s: {verdict(median.median < TARGET_MEDIAN)}.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100, help="messages per run (default 100)")
    args = parser.parse_args()
    print(machine())
    run_checked(mailbot_argv(Path("/nonexistent"), "run", "--help"))  # fails if there is no 'run' command yet
    runs: list[dict[str, Any]] = []
    rng = random.Random(args.seed)
    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-latency-"))
        try:
            template = write_config(
                work / "template",
                dovecot,
                smtp,
                "template@practice.example",
                {"therapist": {"email": THERAPIST_EMAIL}},
            )
            run_checked(mailbot_argv(template, "init"))
            patients = seed_open_work(
                f"sqlite:///{database_path(template)}",
                THERAPIST_EMAIL,
                datetime.now(UTC),
                200,
                3,
                random.Random(args.seed),
            )
            for number in range(1, args.runs + 1):
                runs.append(
                    one_run(
                        dovecot, smtp, work, database_path(template), patients, args.messages, number, rng
                    )
                )
                shown = {k: v for k, v in runs[-1].items() if not isinstance(v, list)}
                print(f"run {number}: {shown}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(report(args.messages, runs))
    save_json(args.json, {"runs": runs})


if __name__ == "__main__":
    main()
