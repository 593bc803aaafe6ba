"""Backlog intake: ``mailbot poll`` over an inbox of N client mails, against ``mbsync`` copying the
same inbox to a local Maildir, on the same private Dovecot in the same run.

The inbox is generated once (Maildir files written directly, then indexed by Dovecot) and copied
to a fresh Dovecot user for every measured command, so each starts from the same backlog. The
database holds 200 clients with three open daily assignments each, and each assignment's email
recorded as sent (replies match by thread). ``mailbot poll`` runs as a subprocess, once with
``[feedback] drafts = false`` (intake alone) and, ``--drafts-runs`` times, with drafts (the
default configuration: one reply draft per filed submission, written after the intake pass).

    python3 bench/backlog.py --n 10000 --runs 5 --drafts-runs 1
"""

from __future__ import annotations

import random
import re
import shutil
import tempfile
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
    clone_user,
    database_path,
    index_mailbox,
    log_time,
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
from corpus import backlog
from practice import seed_open_work
from servers import Dovecot, SmtpServer

THERAPIST_EMAIL = "ada@practice.example"
SUMMARY = re.compile(
    r"(\d+) new, (\d+) filed, (\d+) to triage, (\d+) left alone, (\d+) duplicates, "
    r"(\d+) failed, (\d+) moved(?:, (\d+) drafts written)?"
)
TARGET_RATIO = 3.0  # issue 20: within 3× with drafts off
DRAFTS_TARGET_RATIO = 5.0  # and within 5× with drafts on


def build_template(
    dovecot: Dovecot, smtp: SmtpServer, work: Path, n: int, clients: int, per_client: int, seed: int
) -> tuple[Path, str, dict[str, Any]]:
    """The template database (initialised, practice seeded) and the template user's inbox."""
    user = "template@practice.example"
    config = write_config(work / "template", dovecot, smtp, user, {"therapist": {"email": THERAPIST_EMAIL}})
    run_checked(mailbot_argv(config, "init"))
    now = datetime.now(UTC)
    rng = random.Random(seed)
    patients = seed_open_work(
        f"sqlite:///{database_path(config)}", THERAPIST_EMAIL, now, clients, per_client, rng
    )
    shapes: list[Any] = []
    sizes = 0

    def messages() -> Any:
        nonlocal sizes
        for raw, shape, arrived in backlog(rng, patients, (THERAPIST, THERAPIST_EMAIL), n, now):
            shapes.append(shape)
            sizes += len(raw)
            yield raw, arrived

    write_maildir(maildir(dovecot, user), messages())
    seen = index_mailbox(dovecot, user)
    if seen != n:
        raise BenchError(f"Dovecot sees {seen} messages in the template inbox, not {n}")
    mix = {
        "messages": n,
        "bytes": sizes,
        "with_attachment": sum(1 for s in shapes if s.attachment),
        "routes": dict(Counter(s.route for s in shapes)),
        "formats": dict(Counter(s.format for s in shapes)),
        "median_size_without_attachment": sorted(s.size for s in shapes if not s.attachment)[
            len([s for s in shapes if not s.attachment]) // 2
        ],
    }
    return database_path(config), user, mix


def run_mbsync(dovecot: Dovecot, template: str, work: Path, number: int) -> dict[str, float]:
    user = f"mbsync{number}@practice.example"
    clone_user(dovecot, template, user)
    near = work / f"mbsync{number}"
    near.mkdir()
    rc = near / "mbsyncrc"
    rc.write_text(
        f"IMAPAccount bench\nHost 127.0.0.1\nPort {dovecot.port}\nUser {user}\nPass {dovecot.password}\n"
        "SSLType None\nAuthMechs LOGIN\n\nIMAPStore far\nAccount bench\n\n"
        f"MaildirStore near\nPath {near}/\nInbox {near}/INBOX\n\n"
        "Channel bench\nFar :far:INBOX\nNear :near:INBOX\nSync Pull\nCreate Near\nSyncState *\n"
    )
    try:
        done = measure(["mbsync", "-q", "-c", str(rc), "-a"])
        copied = sum(1 for sub in ("cur", "new") for _ in (near / "INBOX" / sub).iterdir())
        return {
            "seconds": done.seconds,
            "cpu_seconds": done.cpu_seconds,
            "rss_mib": done.peak_rss_mib,
            "copied": copied,
        }
    finally:
        remove_user(dovecot, user)
        shutil.rmtree(near, ignore_errors=True)


def run_poll(
    dovecot: Dovecot,
    smtp: SmtpServer,
    template: str,
    template_db: Path,
    work: Path,
    number: int,
    drafts: bool,
    workers: int | None = None,
) -> dict[str, float]:
    user = f"poll{'d' if drafts else ''}{number}@practice.example"
    clone_user(dovecot, template, user)
    directory = work / user.split("@")[0]
    config = write_config(
        directory,
        dovecot,
        smtp,
        user,
        {
            "therapist": {"email": THERAPIST_EMAIL},
            "feedback": {"drafts": drafts},
            **({"intake": {"workers": workers}} if workers is not None else {}),
        },
    )
    database_path(config).parent.mkdir(mode=0o700, parents=True)
    shutil.copy2(template_db, database_path(config))
    try:
        done = measure(mailbot_argv(config, "poll"))
        match = SUMMARY.search(done.stdout)
        if match is None:
            raise BenchError(f"unexpected output of mailbot poll: {done.stdout!r}")
        new, filed, triage, _alone, _dups, failed, moved, written = (int(g or 0) for g in match.groups())
        intake_end = log_time(done.stderr, "intake: ")
        if intake_end is None:
            raise BenchError("mailbot poll logged no 'intake:' line")
        return {
            "seconds": done.seconds,
            "intake_seconds": intake_end - done.started,
            "cpu_seconds": done.cpu_seconds,
            "rss_mib": done.peak_rss_mib,
            "new": new,
            "filed": filed,
            "triage": triage,
            "failed": failed,
            "moved": moved,
            "drafts": written,
        }
    finally:
        remove_user(dovecot, user)
        shutil.rmtree(directory, ignore_errors=True)


def stats(runs: list[dict[str, float]], key: str) -> Stats:
    return Stats.of([r[key] for r in runs])


def report(n: int, mix: dict[str, Any], results: dict[str, list[dict[str, float]]]) -> str:
    mb = results["mbsync"]
    reference = stats(mb, "seconds").median
    labels = {
        "mbsync": "mbsync (reference)",
        "poll": "mailbot poll, drafts off",
        "poll_drafts": "mailbot poll, drafts on",
    }
    rows = []
    for name, runs in results.items():
        intake = "intake_seconds" if name != "mbsync" else "seconds"
        rows.append(
            [
                f"{labels[name]}, {len(runs)} run{'s' if len(runs) > 1 else ''}",
                stats(runs, "seconds").show(1),
                stats(runs, "intake_seconds").show(1) if name != "mbsync" else "–",
                Stats.of([n / r[intake] for r in runs]).show(0),
                stats(runs, "cpu_seconds").show(1),
                stats(runs, "rss_mib").show(1),
                f"{stats(runs, 'seconds').median / reference:.2f}",
            ]
        )
    ratio = stats(results["poll"], "seconds").median / reference
    first = results["poll"][0]
    drafts = results.get("poll_drafts")
    lines = [
        f"Backlog intake, N = {n} ({mix['bytes'] / 2**20:.0f} MiB; "
        f"{mix['with_attachment']} with an attachment; "
        f"median size without one {mix['median_size_without_attachment'] / 1024:.1f} KiB; "
        f"routes {mix['routes']}; formats {mix['formats']}); median (min–max):",
        "",
        table(
            [
                "command",
                "wall s",
                "intake s (start → last filed)",
                "messages/s",
                "CPU s (user+sys)",
                "peak RSS MiB",
                "wall / mbsync",
            ],
            rows,
        ),
        "",
        f"Each poll: filed {first['filed']}, triage {first['triage']}, failed {first['failed']}, "
        f"moved {first['moved']}"
        + (f"; with drafts on, {drafts[0]['drafts']} drafts written" if drafts else "")
        + ".",
        f"Target: intake within {TARGET_RATIO:g}× mbsync: {verdict(ratio <= TARGET_RATIO)} "
        f"(drafts off: {ratio:.2f}×).",
    ]
    if drafts:
        with_drafts = stats(drafts, "seconds").median / reference
        lines.append(
            f"Target: within {DRAFTS_TARGET_RATIO:g}× mbsync with drafts on: "
            f"{verdict(with_drafts <= DRAFTS_TARGET_RATIO)} ({with_drafts:.2f}×)."
        )
    return "\n".join(lines)


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="client messages in the inbox (default 10000)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--per-client", type=int, default=3, help="open assignments per client (default 3)")
    parser.add_argument(
        "--drafts-runs",
        type=int,
        default=1,
        help="runs with drafts on (default 1: each writes N drafts and takes long)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="[intake] workers for every poll (default: mailbot's own default, one per CPU)",
    )
    args = parser.parse_args()
    print(machine())
    results: dict[str, list[dict[str, float]]] = {"mbsync": [], "poll": [], "poll_drafts": []}
    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-backlog-"))
        try:
            template_db, template, mix = build_template(
                dovecot, smtp, work, args.n, args.clients, args.per_client, args.seed
            )
            steps: list[tuple[str, int, Callable[[int], dict[str, float]]]] = [
                ("mbsync", args.runs, lambda i: run_mbsync(dovecot, template, work, i)),
                (
                    "poll",
                    args.runs,
                    lambda i: run_poll(dovecot, smtp, template, template_db, work, i, False, args.workers),
                ),
                (
                    "poll_drafts",
                    args.drafts_runs,
                    lambda i: run_poll(dovecot, smtp, template, template_db, work, i, True, args.workers),
                ),
            ]
            for number in range(1, max(args.runs, args.drafts_runs) + 1):
                for name, runs, step in steps:  # interleaved, so drift hits all alike
                    if number > runs:
                        continue
                    result = step(number)
                    results[name].append(result)
                    print(f"run {number} {name}: {result}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if not results["poll_drafts"]:
        del results["poll_drafts"]
    print()
    print(report(args.n, mix, results))
    save_json(args.json, {"n": args.n, "mix": mix, "results": results})


if __name__ == "__main__":
    main()
