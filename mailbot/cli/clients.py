"""``mailbot client ...``: add, list and change clients; export or erase one; clear a bounce."""

from __future__ import annotations

import argparse
from pathlib import Path
from zoneinfo import ZoneInfo

from mailbot.app import App
from mailbot.cli.commands import CommandTree, print_list, with_json
from mailbot.clock import parse_when
from mailbot.config import check_timezone, parse_clock
from mailbot.db.engine import flush_deleted, transaction
from mailbot.db.records import add_client, clear_bounce, find_client, list_clients
from mailbot.errors import ConfigError, UsageError
from mailbot.practice.changes import set_reminders
from mailbot.practice.lifecycle import next_session, set_next_session, set_sessions
from mailbot.practice.privacy import erase_client, export_client
from mailbot.practice.views import client_row, local_time


def add_commands(tree: CommandTree) -> None:
    tree.group("client", "add and list clients")
    add = tree.command("add", cmd_client_add, "add a client", group="client")
    add.add_argument("--name", required=True)
    add.add_argument(
        "--email",
        required=True,
        action="append",
        metavar="ADDR",
        help="an address the client writes from (repeat for more)",
    )
    add.add_argument("--timezone", metavar="TZ", help="IANA name (default: the therapist's)")
    with_json(tree.command("list", cmd_client_list, "list clients", group="client"))
    change = tree.command("set", cmd_client_set, "change a client's reminder settings", group="client")
    change.add_argument("client", metavar="CLIENT", help="client id or address")
    change.add_argument(
        "--reminders",
        choices=["on", "off", "pause", "paused", "resume"],
        help="on, off, pause (until resumed) or resume",
    )
    change.add_argument(
        "--reminder-hour", metavar="HH:MM", help="local time of the reminder on a daily item's due day"
    )
    change.add_argument(
        "--next-session", metavar="WHEN", help="ISO 8601; without an offset, in the client's time zone"
    )
    change.add_argument(
        "--sessions", metavar="RRULE", help="regular sessions, e.g. FREQ=WEEKLY;BYDAY=TH;BYHOUR=15"
    )
    export = tree.command(
        "export", cmd_client_export, "everything held about a client, in one zip", group="client"
    )
    export.add_argument("client", metavar="CLIENT")
    export.add_argument("path", metavar="PATH", type=Path)
    erase = tree.command(
        "erase", cmd_client_erase, "remove a client's records and files from mailbot", group="client"
    )
    erase.add_argument("client", metavar="CLIENT")
    erase.add_argument("--yes", action="store_true", help="really erase (required)")
    clear = tree.command(
        "clear-bounce",
        cmd_client_clear_bounce,
        "allow mail to an address again after a delivery failure",
        group="client",
    )
    clear.add_argument("address", metavar="ADDR")


def cmd_client_add(app: App, args: argparse.Namespace) -> int:
    timezone = args.timezone or app.config.therapist.timezone
    try:
        check_timezone(timezone, "--timezone")
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    with transaction(app.sessions) as session:
        client = add_client(session, app.now, args.name, args.email, timezone)
        print(client.id)
    return 0


def cmd_client_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [client_row(c) for c in list_clients(session)]
    return print_list(app, args, rows, ["id", "name", "emails", "timezone"])


def cmd_client_set(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        client = find_client(session, args.client)
        if args.reminders:
            set_reminders(session, app.now, client, args.reminders)
        if args.reminder_hour:
            try:
                hour = parse_clock(args.reminder_hour, "--reminder-hour")
            except ConfigError as exc:
                raise UsageError(str(exc)) from None
            client.reminder_hour = hour.strftime("%H:%M")
        if args.next_session:
            when = parse_when(args.next_session, ZoneInfo(client.timezone), "--next-session")
            set_next_session(session, app.now, client, when)
        if args.sessions:
            set_sessions(session, app.now, client, args.sessions)
        upcoming = next_session(client, app.now)
        print(
            f"client {client.id}: reminders {client.reminders}"
            + (f", due-day reminder at {client.reminder_hour}" if client.reminder_hour else "")
            + (f", next session {local_time(upcoming, app.config.therapist.tz)}" if upcoming else "")
        )
    return 0


def cmd_client_export(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        client = find_client(session, args.client)
        count = export_client(session, app.config, client, args.path, app.now)
    print(f"exported {count} files to {args.path}")
    return 0


def cmd_client_erase(app: App, args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError(
            "Erasing a client cannot be undone; add --yes to do it (export it first if in doubt)."
        )
    with transaction(app.sessions) as session:
        lines = erase_client(session, app.config, find_client(session, args.client), app.now)
    flush_deleted(app.engine)
    print("\n".join(lines))
    return 0


def cmd_client_clear_bounce(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        address = clear_bounce(session, app.now, args.address)
    print(f"{address} may receive mail again")
    return 0
