"""Large attachment: peak RSS (and wall time) of ``mailbot poll`` taking one client mail that carries
a 50 MB attachment (50 × 10^6 random bytes, base64: a 68 MB message), as a subprocess.

Three cases, each a fresh copy of the same inbox and database: the default configuration
(``[intake] max_message_mb = 50``, which the whole message exceeds; what mailbot then keeps is
shown in the table); ``max_message_mb = 100``, under which the message is read whole; and, as
the baseline footprint, one ordinary 10 KB homework mail. The peak RSS is the mailbot process's
own (through /usr/bin/time), wall time includes start-up and the reply draft.

    python3 bench/large_attachment.py --runs 5 --mb 50
"""

from __future__ import annotations

import base64
import hashlib
import random
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import (
    REPO,
    THERAPIST,
    BenchError,
    Stats,
    base_parser,
    clone_user,
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
from corpus import client_mail
from practice import Patient, seed_open_work
from servers import Dovecot, SmtpServer

THERAPIST_EMAIL = "ada@practice.example"
TARGET_MB = 150
MB = 10**6


def large_mail(patient: Patient, megabytes: int, rng: random.Random) -> bytes:
    """A reply to the assignment email: a short text and one attachment of ``megabytes`` MB."""
    homework = patient.homework[0]
    payload = rng.randbytes(megabytes * MB)
    head = (
        f"From: {patient.name} <{patient.address}>\nTo: {THERAPIST_EMAIL}\n"
        f"Subject: Re: Your homework from {THERAPIST} [{homework.token}]\n"
        "Date: Mon, 23 Nov 2026 09:00:00 +0000\nMessage-ID: <large-attachment@client.example>\n"
        f"In-Reply-To: {homework.thread_id}\nReferences: {homework.thread_id}\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="outer"\n\n'
    )
    text = (
        '--outer\nContent-Type: text/plain; charset="UTF-8"\n\n'
        "Hi, here is the recording of this week's exposure practice.\n\nBest wishes\n\n"
    )
    attachment = (
        '--outer\nContent-Type: audio/mpeg; name="exposure.mp3"\n'
        'Content-Disposition: attachment; filename="exposure.mp3"\nContent-Transfer-Encoding: base64\n\n'
    )
    return head.encode() + text.encode() + attachment.encode() + base64.encodebytes(payload) + b"--outer--\n"


def tree_state() -> str:
    """Which intake code is measured: the commit, and the state of the files that read large mail."""
    commit = run_checked(["git", "-C", str(REPO), "log", "-1", "--format=%h %cs %s"]).strip()
    files = ["mailbot/mail/large.py", "mailbot/passes/intake.py", "mailbot/mail/imap.py"]
    status = run_checked(["git", "-C", str(REPO), "status", "--short", "--", *files]).strip() or "unchanged"
    digests = ", ".join(
        f"{Path(f).name} sha256 {hashlib.sha256((REPO / f).read_bytes()).hexdigest()[:12]}"
        for f in files
        if (REPO / f).exists()
    )
    return f"commit {commit}; working tree: {' '.join(status.split())}; {digests}"


def one_run(
    dovecot: Dovecot,
    smtp: SmtpServer,
    work: Path,
    template: str,
    template_db: Path,
    case: str,
    number: int,
    limit_mb: int | None,
) -> dict[str, Any]:
    user = f"{case}{number}@practice.example"
    clone_user(dovecot, template, user)
    directory = work / user.split("@")[0]
    sections: dict[str, dict[str, Any]] = {"therapist": {"email": THERAPIST_EMAIL}}
    if limit_mb is not None:
        sections["intake"] = {"max_message_mb": limit_mb}
    config = write_config(directory, dovecot, smtp, user, sections)
    database_path(config).parent.mkdir(mode=0o700, parents=True)
    shutil.copy2(template_db, database_path(config))
    try:
        done = measure(mailbot_argv(config, "poll"))
        with sqlite3.connect(database_path(config)) as db:
            filed = db.execute("SELECT status, defects FROM submission").fetchall()
            stored = db.execute("SELECT coalesce(sum(size), 0), count(*) FROM attachment").fetchone()
        db.close()
        if len(filed) != 1:
            raise BenchError(f"{case}: expected one submission, found {len(filed)}: {done.stdout}")
        return {
            "seconds": done.seconds,
            "rss_mib": done.peak_rss_mib,
            "status": filed[0][0],
            "defects": filed[0][1],
            "attachment_bytes": stored[0],
            "attachments": stored[1],
            "summary": done.stdout.strip(),
        }
    finally:
        remove_user(dovecot, user)
        shutil.rmtree(directory, ignore_errors=True)


def report(megabytes: int, cases: dict[str, list[dict[str, Any]]], state: str) -> str:
    target_mib = TARGET_MB * MB / 2**20
    labels = {
        "default": f"{megabytes} MB attachment, default config (max_message_mb = 50)",
        "whole": f"{megabytes} MB attachment, max_message_mb = 100",
        "baseline": "one 10 KB homework mail (baseline)",
    }
    rows = []
    for case, runs in cases.items():
        first = runs[0]
        rows.append(
            [
                labels[case],
                Stats.of([r["rss_mib"] for r in runs]).show(1),
                Stats.of([r["seconds"] for r in runs]).show(2),
                f"{first['status']}, {first['attachments']} attachment(s), "
                f"{first['attachment_bytes']:,} bytes stored"
                + (f"; defects {first['defects']}" if first["defects"] not in ("[]", None) else ""),
                "–"
                if case == "baseline"
                else verdict(Stats.of([r["rss_mib"] for r in runs]).median < target_mib),
            ]
        )
    return "\n".join(
        [
            f"Large attachment, {len(next(iter(cases.values())))} runs, median (min–max); "
            f"code measured: {state}",
            "",
            table(
                [
                    "mail",
                    "peak RSS MiB",
                    "wall s",
                    "filed as",
                    f"under {TARGET_MB} MB ({target_mib:.0f} MiB)",
                ],
                rows,
            ),
        ]
    )


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="attachment size in MB (default 50)")
    args = parser.parse_args()
    print(machine())
    state = tree_state()
    print(state)
    rng = random.Random(args.seed)
    cases: dict[str, list[dict[str, Any]]] = {"default": [], "whole": [], "baseline": []}
    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-large-"))
        try:
            config = write_config(
                work / "template",
                dovecot,
                smtp,
                "template@practice.example",
                {"therapist": {"email": THERAPIST_EMAIL}},
            )
            run_checked(mailbot_argv(config, "init"))
            now = datetime.now(UTC)
            patients = seed_open_work(f"sqlite:///{database_path(config)}", THERAPIST_EMAIL, now, 200, 3, rng)
            arrived = (now - timedelta(hours=1)).timestamp()
            write_maildir(
                maildir(dovecot, "large@practice.example"), [(large_mail(patients[0], args.mb, rng), arrived)]
            )
            small, _shape = client_mail(
                rng, patients[0], (THERAPIST, THERAPIST_EMAIL), now - timedelta(hours=1), 1
            )
            write_maildir(maildir(dovecot, "small@practice.example"), [(small, arrived)])
            for user in ("large@practice.example", "small@practice.example"):
                if index_mailbox(dovecot, user) != 1:
                    raise BenchError(f"Dovecot does not see the one message of {user}")
            plan = (
                ("default", "large@practice.example", None),
                ("whole", "large@practice.example", 100),
                ("baseline", "small@practice.example", None),
            )
            for number in range(1, args.runs + 1):
                for case, template, limit in plan:
                    cases[case].append(
                        one_run(dovecot, smtp, work, template, database_path(config), case, number, limit)
                    )
                    print(f"run {number} {case}: {cases[case][-1]}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(report(args.mb, cases, state))
    save_json(args.json, {"state": state, "cases": cases})


if __name__ == "__main__":
    main()
