"""``mailbot alert ...``: worrying messages (risk alerts), listed and marked dealt with."""

from __future__ import annotations

import argparse

from mailbot.app import App
from mailbot.cli.commands import CommandTree, print_list, with_json
from mailbot.db.engine import transaction
from mailbot.passes.risk_alerts import alert_rows, mark_done


def add_commands(tree: CommandTree) -> None:
    tree.group("alert", "worrying messages (risk alerts)")
    with_json(tree.command("list", cmd_alert_list, "every risk alert: open, replied or done", group="alert"))
    done = tree.command(
        "done", cmd_alert_done, "mark an alert dealt with: it leaves 'Read first'", group="alert"
    )
    done.add_argument("alert", metavar="ID")


def cmd_alert_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = alert_rows(session)
    return print_list(app, args, rows, ["id", "client", "received_at", "state", "submission_id"])


def cmd_alert_done(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        alert = mark_done(session, app.now, args.alert)
        print(f"alert {alert.id}: {alert.state}")
    return 0
