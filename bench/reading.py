"""Reading one message, stage by stage: the CPU each step of ``mailbot.practice.reading.read``
costs per message of the backlog corpus, in one process, no servers while measuring.

The messages are captured from a real ``mailbot poll`` of the backlog benchmark's inbox
(``backlog.py``'s template, ``[intake] workers = 0``): every ``read(raw, facts, watch)`` the pass
makes is recorded with its arguments, so the stages see exactly what intake gives them. Then:

- ``parse``: ``parse_message(raw)`` (the email package, text and HTML, quotes split);
- ``answers``: the homework forms reading the client's new words (``_entries``);
- ``risk``: the worrying-words scan of the new words (``worrying``);
- ``read``: the whole of ``read`` (parse, match, answers, risk, what the words are).

    python3 bench/reading.py --n 1000 --runs 5 [--save capture.pickle | --load capture.pickle]

A capture (``--save``) lets a change be measured against the same messages in seconds.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from backlog import THERAPIST_EMAIL, build_template
from common import Stats, base_parser, database_path, machine, mail_servers, save_json, table, write_config

from mailbot.mail.parse import parse_message
from mailbot.practice import reading

Captured = tuple[bytes, reading.Facts, reading.Watch | None]


def capture(n: int, seed: int) -> list[Captured]:
    """The arguments of every ``read`` a real poll of the backlog inbox makes."""
    from mailbot.cli.main import main as mailbot_main

    seen: list[Captured] = []
    original = reading.read

    def recording(raw: bytes, facts: reading.Facts, watch: reading.Watch | None = None) -> reading.Reading:
        seen.append((raw, facts, watch))
        return original(raw, facts, watch)

    with mail_servers() as (dovecot, smtp):
        work = Path(tempfile.mkdtemp(prefix="mailbot-bench-reading-"))
        try:
            template_db, user, _mix = build_template(dovecot, smtp, work, n, 200, 3, seed)
            config = write_config(
                work / "poll",
                dovecot,
                smtp,
                user,
                {
                    "therapist": {"email": THERAPIST_EMAIL},
                    "feedback": {"drafts": False},
                    "intake": {"workers": 0},
                },
            )
            database_path(config).parent.mkdir(mode=0o700, parents=True)
            shutil.copy2(template_db, database_path(config))
            reading.read = recording
            try:
                mailbot_main(["--config", str(config), "--log-level", "warning", "poll"])
            except SystemExit as stop:
                if stop.code not in (0, None):
                    raise
            finally:
                reading.read = original
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return seen


def stages(items: Sequence[Captured]) -> dict[str, Callable[[], object]]:
    """Each stage as a callable over every captured message (parsing done beforehand where a
    stage needs the parsed message, so each figure is that stage alone)."""
    parsed = [parse_message(raw) for raw, _facts, _watch in items]

    def answers() -> None:
        for message, (_raw, facts, _watch) in zip(parsed, items, strict=True):
            match = reading.match_of(message, facts)
            if match.status == "filed" and match.assignment_id is not None:
                text = message.new_text or message.text
                reading._entries(facts, match.assignment_id, text, message.subject, [])

    def risk() -> None:
        for message, (_raw, facts, watch) in zip(parsed, items, strict=True):
            reading.worrying(message, facts, watch)

    return {
        "parse": lambda: [parse_message(raw) for raw, _f, _w in items],
        "answers": answers,
        "risk": risk,
        "read": lambda: [reading.read(raw, facts, watch) for raw, facts, watch in items],
    }


def measure_stages(items: Sequence[Captured], runs: int) -> dict[str, list[float]]:
    """CPU milliseconds per message of each stage, one figure per run."""
    out: dict[str, list[float]] = {}
    for name, stage in stages(items).items():
        stage()  # warm: compiled expressions, caches
        figures = []
        for _ in range(runs):
            start = time.process_time()
            stage()
            figures.append((time.process_time() - start) * 1000 / len(items))
        out[name] = figures
    return out


def report(items: Sequence[Captured], results: dict[str, list[float]]) -> str:
    size = sum(len(raw) for raw, _f, _w in items)
    rows = [
        [name, f"{Stats.of(values).median:.2f}", f"{min(values):.2f}–{max(values):.2f}"]
        for name, values in results.items()
    ]
    return f"{len(items)} messages read ({size / 1e6:.1f} MB), CPU per message, one process:\n\n" + table(
        ["stage", "ms per message (median)", "range"], rows
    )


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="client messages in the inbox (default 1000)")
    parser.add_argument("--save", type=Path, help="write the captured messages here")
    parser.add_argument("--load", type=Path, help="read captured messages from here instead of polling")
    args = parser.parse_args()
    print(machine())
    if args.load:
        items: list[Any] = pickle.loads(args.load.read_bytes())
    else:
        items = capture(args.n, args.seed)
        if args.save:
            args.save.write_bytes(pickle.dumps(items))
    results = measure_stages(items, args.runs)
    print()
    print(report(items, results))
    save_json(args.json, {"messages": len(items), "results": results})


if __name__ == "__main__":
    main()
