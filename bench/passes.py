"""Time mailbot's periodic passes in one process, as the daemon runs them: the database opened and
its schema checked once, then each pass timed on its own. Prints one JSON object.

    python3 bench/passes.py --config CONFIG --now ISO [--remind] [--feedback] [--digest-at ISO --preview PATH]

``--remind`` is ``jobs.remind(app, dry_run=True)`` (plan() and the emails composed; nothing sent,
nothing recorded); ``--feedback`` is ``jobs.feedback_scan`` (the Sent folder over IMAP, the
feedback marked); the digest is ``digesting.run_digest(app, send=False, preview=PATH)``
(gathered, rendered, the HTML written).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's mailbot, not an installed one

from mailbot import jobs  # noqa: E402
from mailbot.app import App  # noqa: E402
from mailbot.clock import parse_when  # noqa: E402
from mailbot.config import load_config  # noqa: E402
from mailbot.passes.digest import run_digest  # noqa: E402


def timed(call: Callable[[], str]) -> dict[str, object]:
    begin = time.perf_counter()
    summary = call()
    return {"seconds": time.perf_counter() - begin, "summary": summary.splitlines()[-1] if summary else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--now", required=True)
    parser.add_argument("--remind", action="store_true")
    parser.add_argument("--feedback", action="store_true")
    parser.add_argument("--digest-at")
    parser.add_argument("--preview", type=Path)
    args = parser.parse_args()
    config = load_config(args.config)
    app = App(config, parse_when(args.now, config.therapist.tz, "--now"))
    app.sessions  # noqa: B018 - open the database and check its schema once, as the daemon does
    out: dict[str, object] = {}
    if args.remind:
        out["remind"] = timed(lambda: jobs.remind(app, dry_run=True))
    if args.feedback:
        out["feedback"] = timed(lambda: jobs.feedback_scan(app))
    if args.digest_at:
        at = app.at(parse_when(args.digest_at, config.therapist.tz, "--digest-at"))
        out["digest"] = timed(lambda: run_digest(at, send=False, preview=args.preview))
    out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
