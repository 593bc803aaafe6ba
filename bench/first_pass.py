"""The first pass over an everyday inbox: N mails (default 100,000), about 1 % from clients
(everyday.py), as a therapist's real inbox holds them when she starts mailbot.

Each run, interleaved, on a fresh copy of the same inbox and database:

- ``bare``: one ``UID FETCH 1:* (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (...)])`` of intake's
  header fields by imapclient, the library mailbot uses (header_pass.py): the limit for a
  header pass;
- ``header pass``: intake's header pass alone (header_pass.py), to be within 1.5× of ``bare``;
- ``poll, inbox never seen``: ``mailbot poll`` on a database that has not seen the inbox, so
  that it reads every header (mail already there is filed only by mailbot's thread or token,
  issue 12; a client's mail is still read whole to find out), with drafts on (the default);
  wall time and peak RSS (target: under 200 MB);
- ``init, then poll``: ``mailbot init`` on the full inbox (it records the highest UID: what is
  there is left alone, never read), then ``mailbot poll``: what a first pass costs as the
  README tells her to start.

    python3 bench/first_pass.py --n 100000 --runs 5
    python3 bench/first_pass.py --n 100000 --runs 5 --header-only   # bare and header pass alone
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import (
    THERAPIST,
    BenchError,
    Stats,
    base_parser,
    database_path,
    index_mailbox,
    machine,
    mail_servers,
    mailbot_argv,
    maildir,
    measure,
    remove_user,
    run_checked,
    save_json,
    table,
    verdict,
    write_config,
    write_maildir,
)
from everyday import inbox
from practice import seed_open_work
from servers import Dovecot, SmtpServer

THERAPIST_EMAIL = "ada@practice.example"
HERE = Path(__file__).resolve().parent
SUMMARY = re.compile(r"(\d+) new, (\d+) filed, (\d+) to triage, (\d+) left alone")
HEADER_TARGET = 1.5
RSS_TARGET_MIB = 200 * 1000 * 1000 / 2**20  # 200 MB


def build_template(
    dovecot: Dovecot, smtp: SmtpServer, work: Path, n: int, share: float, seed: int
) -> tuple[Path, str, dict[str, Any]]:
    """The template database (clients with open work; the inbox never seen) and inbox."""
    user = "template@practice.example"
    config = write_config(work / "template", dovecot, smtp, user, {"therapist": {"email": THERAPIST_EMAIL}})
    run_checked(mailbot_argv(config, "init"))
    now = datetime.now(UTC)
    rng = random.Random(seed)
    patients = seed_open_work(f"sqlite:///{database_path(config)}", THERAPIST_EMAIL, now, 200, 3, rng)
    db = sqlite3.connect(database_path(config))  # as if init had not seen this inbox yet
    with db:
        db.execute("DELETE FROM folder_state")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the template is copied without its WAL
    db.close()
    kinds: Counter[str] = Counter()
    sizes: list[int] = []

    def messages() -> Any:
        for raw, kind, arrived in inbox(rng, patients, (THERAPIST, THERAPIST_EMAIL), n, share, now):
            kinds[kind] += 1
            sizes.append(len(raw))
            yield raw, arrived

    write_maildir(maildir(dovecot, user), messages())
    seen = index_mailbox(dovecot, user)
    if seen != n:
        raise BenchError(f"Dovecot sees {seen} messages in the template inbox, not {n}")
    sizes.sort()
    mix = {"messages": n, "bytes": sum(sizes), "median_size": sizes[len(sizes) // 2], "kinds": dict(kinds)}
    return database_path(config), user, mix


def link_user(dovecot: Dovecot, template: str, user: str) -> None:
    """A copy of ``template``'s mailbox for ``user``: message files hard-linked (Dovecot never
    changes one in place), its own index files copied (those it does change)."""
    source, target = maildir(dovecot, template), maildir(dovecot, user)
    shutil.rmtree(target, ignore_errors=True)
    run_checked(["cp", "-al", str(source), str(target)])
    for path in target.rglob("dovecot*"):
        if path.is_file():
            data = path.read_bytes()
            path.unlink()
            path.write_bytes(data)
    run_checked(["chown", "-R", "nobody:nogroup", str(target)])


def prepare(
    dovecot: Dovecot, smtp: SmtpServer, template: str, template_db: Path, work: Path, name: str
) -> tuple[str, Path]:
    user = f"{name}@practice.example"
    link_user(dovecot, template, user)
    config = write_config(work / name, dovecot, smtp, user, {"therapist": {"email": THERAPIST_EMAIL}})
    database_path(config).parent.mkdir(mode=0o700, parents=True)
    shutil.copy2(template_db, database_path(config))
    return user, config


def header_pass(mode: str, config: Path) -> dict[str, float]:
    profile = os.environ.get("BENCH_PROFILE")  # a folder: the pass writes a cProfile file there
    prof = ["-m", "cProfile", "-o", f"{profile}/header_pass-{mode}-{time.time_ns()}.prof"] if profile else []
    done = measure([sys.executable, *prof, str(HERE / "header_pass.py"), mode, str(config)])
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {**figures, "rss_mib": done.peak_rss_mib, "cpu_seconds": done.cpu_seconds}


def poll(config: Path) -> dict[str, float]:
    done = measure(mailbot_argv(config, "poll"))
    found = SUMMARY.search(done.stdout)
    if found is None:
        raise BenchError(f"unexpected output of mailbot poll: {done.stdout!r}")
    new, filed, triage, alone = (int(g) for g in found.groups())
    return {
        "seconds": done.seconds,
        "cpu_seconds": done.cpu_seconds,
        "rss_mib": done.peak_rss_mib,
        "new": new,
        "filed": filed,
        "triage": triage,
        "left_alone": alone,
    }


def one_run(
    dovecot: Dovecot,
    smtp: SmtpServer,
    template: str,
    template_db: Path,
    work: Path,
    number: int,
    header_only: bool = False,
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    steps: list[tuple[str, Callable[[Path], dict[str, float]]]] = [
        ("bare", lambda config: header_pass("bare", config)),
        ("header_pass", lambda config: header_pass("mailbot", config)),
        ("poll", poll),
        ("init_poll", init_then_poll),
    ]
    for name, step in steps[:2] if header_only else steps:
        user, config = prepare(dovecot, smtp, template, template_db, work, f"{name.replace('_', '')}{number}")
        try:
            out[name] = step(config)
        finally:
            remove_user(dovecot, user)
            shutil.rmtree(config.parent, ignore_errors=True)
        out[name]["load1"] = os.getloadavg()[0]
        print(f"run {number} {name}: {out[name]}", flush=True)
    return out


def init_then_poll(config: Path) -> dict[str, float]:
    init = measure(mailbot_argv(config, "init"))
    first = poll(config)
    return {**first, "init_seconds": init.seconds, "seconds": init.seconds + first["seconds"]}


def report(mix: dict[str, Any], runs: list[dict[str, dict[str, float]]]) -> str:
    def stat(name: str, key: str) -> Stats:
        return Stats.of([r[name][key] for r in runs])

    ratios = Stats.of([r["header_pass"]["seconds"] / r["bare"]["seconds"] for r in runs])
    polled = "poll" in runs[0]
    rows = [
        ["bare UID FETCH 1:* (imapclient)", "bare", 2, "1.00"],
        ["intake's header pass", "header_pass", 2, ratios.show(2)],
        *([["mailbot poll, inbox never seen", "poll", 1, "–"]] if polled else []),
        *([["mailbot init, then poll", "init_poll", 2, "–"]] if polled else []),
    ]
    rows = [
        [label, stat(k, "seconds").show(d), stat(k, "rss_mib").show(1), ratio] for label, k, d, ratio in rows
    ]
    last = "poll" if polled else "header_pass"
    lines = [
        f"First pass, {mix['messages']} messages ({mix['bytes'] / 2**20:.0f} MiB, median "
        f"{mix['median_size'] / 1024:.1f} KiB; {mix['kinds']}), {len(runs)} runs, median (min–max):",
        "",
        table(["command", "seconds", "peak RSS MiB", "header pass / bare (same run)"], rows),
        "",
        "Load average (1 min) at the end of each run: "
        + ", ".join(f"{r[last]['load1']:.1f}" for r in runs)
        + ".",
        f"Target: header pass within {HEADER_TARGET:g}× the bare fetch: "
        f"{verdict(ratios.median <= HEADER_TARGET)} ({ratios.median:.2f}×).",
    ]
    if polled:
        first, rss = runs[0]["poll"], stat("poll", "rss_mib")
        lines += [
            f"Poll, inbox never seen: {first['new']} new, {first['filed']} filed, {first['triage']} to "
            f"triage, {first['left_alone']} left alone.",
            f"Target: peak RSS of the first pass under 200 MB: {verdict(rss.high <= RSS_TARGET_MIB)} "
            f"({rss.high:.1f} MiB at most).",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="messages in the inbox (default 100000)")
    parser.add_argument("--client-share", type=float, default=0.01)
    parser.add_argument(
        "--header-only", action="store_true", help="the bare fetch and the header pass alone, no polls"
    )
    args = parser.parse_args()
    print(machine())
    runs: list[dict[str, dict[str, float]]] = []
    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-first-"))
        try:
            template_db, template, mix = build_template(
                dovecot, smtp, work, args.n, args.client_share, args.seed
            )
            print(f"inbox: {mix}", flush=True)
            for number in range(1, args.runs + 1):
                runs.append(one_run(dovecot, smtp, template, template_db, work, number, args.header_only))
        finally:
            shutil.rmtree(work, ignore_errors=True)
            subprocess.run(["sync"], check=False)
    print()
    print(report(mix, runs))
    save_json(args.json, {"mix": mix, "runs": runs})


if __name__ == "__main__":
    main()
