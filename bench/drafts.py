"""Composing reply drafts: the CPU each draft of a backlog costs to compose, in one process, no
servers while measuring.

The database comes from a real ``mailbot poll`` with drafts on over the backlog benchmark's inbox
(``backlog.py``'s template): every draft it planned is composed again here as the drafts pass
composes them (``compose_all``, chunks of 200: the chunk's submissions read in a few queries,
each draft rendered, written to bytes and fingerprinted). Figures are CPU milliseconds per draft:

- ``compose``: all of it (queries included);
- ``render``, ``message``, ``fingerprint``: the template, the bytes, the fingerprint (within it).

    python3 bench/drafts.py --n 2000 --runs 5 [--save DIR | --load DIR] [--bytes FILE]

A capture (``--save DIR``: the database and configuration) lets a change be measured against the
same drafts in seconds; ``--bytes FILE`` writes every draft's bytes the first time (a pickle by
draft id) and compares them with it after, so a change that should not alter a draft is checked.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backlog import THERAPIST_EMAIL, build_template
from common import (
    BenchError,
    Stats,
    base_parser,
    clone_user,
    database_path,
    machine,
    mail_servers,
    mailbot_argv,
    run_checked,
    save_json,
    table,
    write_config,
)
from sqlalchemy import select

import mailbot
from mailbot.config.loading import load_config
from mailbot.db.engine import open_engine, session_factory
from mailbot.db.models import Draft
from mailbot.passes import drafts_compose

CHUNK = 200  # drafts.DRAFTS_PER_SESSION


def capture(n: int, seed: int, into: Path) -> None:
    """Poll an N-mail backlog with drafts on; keep its database and configuration in ``into``."""
    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-drafts-"))
        try:
            template_db, template, _mix = build_template(dovecot, smtp, work, n, 200, 3, seed)
            user = "drafts@practice.example"
            clone_user(dovecot, template, user)
            sections = {"therapist": {"email": THERAPIST_EMAIL}, "feedback": {"drafts": True}}
            config = write_config(work / "poll", dovecot, smtp, user, sections)
            database_path(config).parent.mkdir(mode=0o700, parents=True)
            shutil.copy2(template_db, database_path(config))
            run_checked(mailbot_argv(config, "poll", log_level="warning"))
            into.mkdir(parents=True, exist_ok=True)
            shutil.copy2(database_path(config), into / "mailbot.sqlite3")
            text = config.read_text().replace(str(config.parent / "data"), str(into))
            (into / "config.toml").write_text(text)
            (into / "config.toml").chmod(0o600)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def timed(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    return wrapper


def measure(directory: Path, runs: int) -> tuple[dict[str, list[float]], dict[int, bytes]]:
    """CPU milliseconds per draft, per stage and run; and the drafts' bytes by id."""
    config = load_config(directory / "config.toml")
    sessions = session_factory(open_engine(f"sqlite:///{directory / 'mailbot.sqlite3'}"))
    with sessions() as session:
        ids = list(session.scalars(select(Draft.id).order_by(Draft.id)))
    if not ids:
        raise BenchError(f"no drafts in {directory}")
    spent = dict.fromkeys(("render", "message", "fingerprint"), 0.0)
    originals = {
        name: getattr(drafts_compose, name) for name in ("render", "text_message_bytes", "text_fingerprint")
    }
    for (name, function), stage in zip(originals.items(), spent, strict=True):
        setattr(drafts_compose, name, timed(spent, stage, function))
    figures: dict[str, list[float]] = {"compose": [], **{stage: [] for stage in spent}}
    composed: dict[int, drafts_compose.ComposedDraft] = {}
    try:
        for run in range(runs + 1):  # the first warms the templates and caches
            spent.update(dict.fromkeys(spent, 0.0))
            start = time.process_time()
            for at in range(0, len(ids), CHUNK):
                composed.update(
                    drafts_compose.compose_all(config, sessions, ids[at : at + CHUNK], datetime.now(UTC))
                )
            if run:
                figures["compose"].append((time.process_time() - start) * 1000 / len(ids))
                for stage, seconds in spent.items():
                    figures[stage].append(seconds * 1000 / len(ids))
    finally:
        for name, function in originals.items():
            setattr(drafts_compose, name, function)
    return figures, {draft_id: draft.message for draft_id, draft in composed.items()}


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="client messages in the inbox (default 2000)")
    parser.add_argument("--save", type=Path, help="keep the polled database and configuration in this folder")
    parser.add_argument("--load", type=Path, help="a folder --save wrote: measure its drafts, no poll")
    parser.add_argument("--bytes", type=Path, help="drafts' bytes: written if missing, else compared")
    args = parser.parse_args()
    print(machine())
    print(f"mailbot imported from {Path(mailbot.__file__).parent}")
    directory = args.load
    if directory is None:
        directory = args.save or Path(tempfile.mkdtemp(prefix="mailbot-bench-drafts-capture-"))
        capture(args.n, args.seed, directory)
    figures, messages = measure(directory, args.runs)
    rows = [[stage, Stats.of(values).show(3)] for stage, values in figures.items()]
    print()
    print(f"{len(messages)} drafts composed, CPU ms per draft, median (min–max) of {args.runs} runs:\n")
    print(table(["stage", "ms per draft"], rows))
    if args.bytes is not None:
        if args.bytes.exists():
            before: dict[int, bytes] = pickle.loads(args.bytes.read_bytes())
            differ = sorted(i for i in before.keys() | messages.keys() if before.get(i) != messages.get(i))
            print(
                f"\nbytes against {args.bytes}: {len(differ)} of {len(messages)} drafts differ {differ[:10]}"
            )
        else:
            args.bytes.write_bytes(pickle.dumps(messages))
    save_json(args.json, {"drafts": len(messages), "results": figures})


if __name__ == "__main__":
    main()
