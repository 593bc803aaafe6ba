"""``mailbot digest`` and ``mailbot brief``: the daily digest and one client's session brief."""

from __future__ import annotations

import argparse
import json
from datetime import time
from pathlib import Path

from mailbot.app import App
from mailbot.cli.commands import CommandTree, alone
from mailbot.clock import parse_when
from mailbot.errors import UsageError
from mailbot.passes.brief import brief_record, run_brief
from mailbot.passes.digest import run_digest
from mailbot.practice.briefing import gather as gather_brief


def add_commands(tree: CommandTree) -> None:
    digest = tree.command("digest", cmd_digest, "build the daily digest at --now")
    digest.add_argument("--send", action="store_true", help="email it to [digest] to (at most once a day)")
    digest.add_argument("--preview", metavar="PATH", type=Path, help="write its HTML to PATH")
    brief = tree.command("brief", cmd_brief, "the session brief for one client at --now")
    brief.add_argument("client", metavar="CLIENT", help="client id or address")
    brief.add_argument(
        "--since", metavar="WHEN", help="ISO 8601 (default: the previous session, else 14 days back)"
    )
    brief.add_argument("--json", action="store_true", help="print the brief as one JSON object")
    brief.add_argument("--preview", metavar="PATH", type=Path, help="write its HTML to PATH")
    brief.add_argument("--send", action="store_true", help="email it to [digest] to (once per session)")


def cmd_digest(app: App, args: argparse.Namespace) -> int:
    with alone(app, "digest --send", needed=args.send):
        print(run_digest(app, send=args.send, preview=args.preview))
    return 0


def cmd_brief(app: App, args: argparse.Namespace) -> int:
    since = parse_when(args.since, app.config.therapist.tz, "--since", time(0, 0)) if args.since else None
    if since is not None and since >= app.now:
        raise UsageError("--since must be in the past; give a date like 2026-11-26.")
    if args.json:
        with app.sessions() as session:
            built = gather_brief(session, app.config, app.now, args.client, since)
        print(json.dumps(brief_record(built), ensure_ascii=False))
        if not (args.preview or args.send):
            return 0
    with alone(app, "brief --send", needed=args.send):
        summary = run_brief(app, args.client, since, args.preview, args.send)
    if not args.json:
        print(summary)
    return 0
