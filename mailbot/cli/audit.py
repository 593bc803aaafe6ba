"""``mailbot audit list``: what mailbot did, by record id."""

from __future__ import annotations

import argparse

from mailbot.app import App
from mailbot.cli.commands import CommandTree, positive, print_list, with_json
from mailbot.db.records import list_audit
from mailbot.practice.views import audit_row


def add_commands(tree: CommandTree) -> None:
    tree.group("audit", "what mailbot did")
    listing = with_json(
        tree.command("list", cmd_audit_list, "the audit log: actions on records, by id", group="audit")
    )
    listing.add_argument("--limit", type=positive, metavar="N", help="only the last N entries")


def cmd_audit_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [audit_row(e) for e in list_audit(session, args.limit)]
    return print_list(app, args, rows, ["id", "at", "action", "entity", "entity_id", "detail"])
