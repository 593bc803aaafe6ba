"""The session brief at scale: one client with 100,000 occurrences of their own (twenty lanes of
past homework going back years, each a run of closed daily, weekly and one-off assignments with
their submissions, drafts and feedback, as bench/history.py writes them) and the current work
around the measured day, in a practice of 500 clients whose own history brings the database to
100,000 more. The brief is built for that client on Thursday 26 November 2026 at 07:30
(Europe/Berlin), the session at 15:00, the previous one a week before.

Each run is a fresh process, as the daemon's brief job or ``mailbot brief`` runs it: "build" is
``briefing.gather`` + ``render_brief`` + ``brief_message`` after the database is opened (the
daemon's cost per brief), "command" is ``mailbot brief CLIENT --preview PATH`` as a whole,
start-up included. "Warm": the database file was just copied into place; "cold": its pages were
dropped from the page cache first (posix_fadvise DONTNEED on that file alone).

    python3 bench/brief.py --occurrences 100000 --runs 5
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import (
    REPO,
    Stats,
    base_parser,
    database_path,
    machine,
    mailbot_argv,
    measure,
    save_json,
    table,
    verdict,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/practice.py, not tests/practice.py
from history import History, current_work, past_work  # noqa: E402
from scheduling import evict  # noqa: E402
from sqlalchemy import insert, update

from mailbot.config import load_config
from mailbot.db.engine import migrate, open_engine
from mailbot.db.models import Client

NOW = "2026-11-26T07:30"
SESSION = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # 15:00 in Berlin
CLIENTS = 500
LANES = 20  # the heavy client's history runs side by side, as a long therapy's homework would
TARGET_SECONDS = 1.0
MEASURE = """
import json, sys, time
from pathlib import Path
from mailbot.app import App
from mailbot.practice.briefing import brief_message, gather, inline_images, render_brief
from mailbot.clock import parse_when
from mailbot.config import load_config
config = load_config(Path(sys.argv[1]))
app = App(config, parse_when(sys.argv[2], config.therapist.tz, "--now"))
app.sessions
begin = time.perf_counter()
with app.sessions() as session:
    built = gather(session, config, app.now, sys.argv[3])
gathered = time.perf_counter()
render_brief(config, built, inline_images(built))
message = brief_message(config, built, app.now)
done = time.perf_counter()
rows = sum(len(h.rows) for h in built.brief.homework)
print(json.dumps({"gather": gathered - begin, "build": done - begin, "bytes": len(bytes(message)),
                  "homework": len(built.brief.homework), "rows": rows}))
"""


def write_config(directory: Path) -> Path:
    """A configuration whose servers are never contacted: building a brief needs none."""
    path = directory / "config.toml"
    server = (
        'host = "127.0.0.1"\nport = 9\nsecurity = "none"\nusername = "ada@practice.example"\npassword = "x"\n'
    )
    path.write_text(
        '[therapist]\nname = "Dr. Ada Example"\nemail = "ada@practice.example"\ntimezone = "Europe/Berlin"\n'
        f"[imap]\n{server}[smtp]\n{server}"
        f'[storage]\ndata_dir = "{directory / "data"}"\n'
    )
    path.chmod(0o600)
    return path


def seed(config_path: Path, occurrences: int, seed_value: int) -> dict[str, int]:
    config = load_config(config_path)
    (config.storage.data_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = open_engine(config.storage.database_url)
    migrate(engine)
    now = datetime.fromisoformat(NOW).replace(tzinfo=config.therapist.tz)
    history = History(config, now.date(), random.Random(seed_value))
    per_client = occurrences // CLIENTS
    for index in range(CLIENTS):
        current = random.Random(f"{seed_value}-current-{index}")
        client_id, tz, hour = history.client(index, current)
        current_work(history, client_id, tz, hour, now, current)
        lanes = LANES if index == 0 else 1
        for lane in range(lanes):
            budget = occurrences // LANES if index == 0 else per_client
            lane_rng = random.Random(f"{seed_value}-past-{index}-{lane}")
            past_work(history, client_id, tz, hour, budget, now, lane_rng, now.date() - timedelta(days=4))
    with engine.begin() as connection:
        for model_table, rows in history.rows.tables.items():
            for start in range(0, len(rows), 20_000):
                connection.execute(insert(model_table), rows[start : start + 20_000])
        connection.execute(
            update(Client)
            .where(Client.id == 1)
            .values(next_session=SESSION, last_session=SESSION - timedelta(days=7))
        )
    engine.dispose()
    return {t.name: len(rows) for t, rows in history.rows.tables.items()}


def main() -> None:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--occurrences", type=int, default=100_000, help="the client's own (default 100,000)")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="mailbot-bench-brief-"))
    try:
        config = write_config(directory)
        began = time.perf_counter()
        counts = seed(config, args.occurrences, args.seed)
        seeded = time.perf_counter() - began
        pristine = directory / "pristine.sqlite3"
        shutil.copy2(database_path(config), pristine)
        client = "1"
        results: dict[str, list[float]] = {
            "build warm": [],
            "build cold": [],
            "command warm": [],
            "command cold": [],
            "start-up alone (mailbot --version)": [],
        }
        facts: dict[str, Any] = {}
        for _run in range(args.runs):
            for temperature in ("warm", "cold"):
                shutil.copy2(pristine, database_path(config))
                if temperature == "cold":
                    evict(database_path(config))
                done = measure([sys.executable, "-c", MEASURE, str(config), NOW, client])
                facts = json.loads(done.stdout)
                results[f"build {temperature}"].append(facts["build"])
                if temperature == "cold":
                    evict(database_path(config))
                preview = directory / "brief.html"
                results[f"command {temperature}"].append(
                    measure(mailbot_argv(config, "brief", client, "--preview", str(preview), now=NOW)).seconds
                )
            version = measure([sys.executable, "-m", "mailbot", "--version"])
            results["start-up alone (mailbot --version)"].append(version.seconds)
        stats = {name: Stats.of(values) for name, values in results.items()}
        print(
            f"Session brief: one client with {args.occurrences:,} occurrences of their own, "
            f"{counts.get('occurrence', 0):,} in the database ({counts.get('submission', 0):,} submissions), "
            f"seeded in {seeded:.0f} s; the brief has {facts['homework']} assignments, "
            f"{facts['rows']} entries, {facts['bytes'] // 1024} KB.\n"
        )
        print(machine() + "\n")
        print(
            table(
                ["what", "median (min–max), s", f"under {TARGET_SECONDS:.0f} s"],
                [
                    [name, s.show(3), verdict(s.high < TARGET_SECONDS) if name.startswith("build") else "–"]
                    for name, s in stats.items()
                ],
            )
        )
        save_json(args.json, {"counts": counts, "results": results, "facts": facts})
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "tests"))
    main()
