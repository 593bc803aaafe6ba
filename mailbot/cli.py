"""The command line: parse, call, print. Every user mistake ends as one sentence and an exit code."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mailbot import __version__
from mailbot.app import App
from mailbot.clock import parse_when, system_now
from mailbot.config import check_timezone, config_path, load_config
from mailbot.db import transaction
from mailbot.errors import ConfigError, MailbotError, UsageError
from mailbot.intake import IntakePass
from mailbot.records import (
    add_client,
    create_assignment,
    find_client,
    list_assignments,
    list_clients,
    list_submissions,
)
from mailbot.setup import check, initialise
from mailbot.triage import refile, settle
from mailbot.views import assignment_row, client_row, print_rows, submission_row

Handler = Callable[[App, argparse.Namespace], int]
log = logging.getLogger("mailbot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.log_level)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        config = load_config(config_path(args.config))
        now = parse_when(args.now, config.therapist.tz, "--now") if args.now else system_now()
        return handler(App(config, now), args)
    except MailbotError as exc:
        print(f"mailbot: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper()),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailbot", description="A psychotherapist's homework workflow over plain email."
    )
    parser.add_argument("--config", metavar="PATH",
                        help="configuration file (default: $MAILBOT_CONFIG, else ./config.toml)")
    parser.add_argument("--now", metavar="ISO8601",
                        help="the clock for this run (default: the real clock)")
    parser.add_argument("--log-level", default="info", type=str.lower,
                        choices=["debug", "info", "warning", "error"], help="default: info")
    parser.add_argument("--version", action="version", version=f"mailbot {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(parent: Any, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = parent.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    def group(name: str, help: str) -> Any:
        sub = commands.add_parser(name, help=help, description=help)
        return sub.add_subparsers(title="commands", metavar="COMMAND", required=True)

    command(commands, "init", cmd_init, "create or upgrade the database and the IMAP folders")
    command(commands, "check", cmd_check, "log in to IMAP and SMTP and show the folders in use")
    command(commands, "poll", cmd_poll, "one intake pass: file what is new in the inbox")

    clients = group("client", "add and list clients")
    add = command(clients, "add", cmd_client_add, "add a client")
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True, action="append", metavar="ADDR",
                     help="an address the client writes from (repeat for more)")
    add.add_argument("--timezone", metavar="TZ", help="IANA name (default: the therapist's)")
    _json(command(clients, "list", cmd_client_list, "list clients"))

    assign = command(commands, "assign", cmd_assign, "set a client a piece of homework")
    assign.add_argument("client", metavar="CLIENT", help="client id or address")
    assign.add_argument("--type", required=True, dest="type_", metavar="TYPE",
                        choices=["bibliotherapy", "mood-log", "cognitive-exercise", "journal",
                                 "exposure", "experiment", "custom"])
    assign.add_argument("--title", required=True)
    assign.add_argument("--due", required=True, metavar="WHEN",
                        help="ISO 8601; without an offset, in the client's time zone")
    assign.add_argument("--instructions", default="")

    assignments = group("assignment", "list assignments")
    listing = _json(command(assignments, "list", cmd_assignment_list, "list assignments"))
    listing.add_argument("--client", metavar="CLIENT")
    listing.add_argument("--status", choices=["open", "closed"])

    submissions = group("submission", "list submissions")
    _json(command(submissions, "list", cmd_submission_list, "list submissions"))

    triage = group("triage", "mail that needs the therapist's decision")
    _json(command(triage, "list", cmd_triage_list, "list submissions waiting in triage"))
    settle = command(triage, "assign", cmd_triage_assign, "file a triaged submission to an assignment")
    settle.add_argument("submission", metavar="SUBMISSION")
    settle.add_argument("assignment", metavar="ASSIGNMENT")
    return parser


def _json(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", action="store_true", help="print one JSON array, nothing else")
    return parser


def _print(args: argparse.Namespace, rows: list[dict[str, Any]], columns: Sequence[str]) -> int:
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=_json_default))
    else:
        print_rows(rows, columns)
    return 0


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# Commands ------------------------------------------------------------------------------------

def cmd_init(app: App, args: argparse.Namespace) -> int:
    for line in initialise(app):
        print(line)
    return 0


def cmd_check(app: App, args: argparse.Namespace) -> int:
    for line in check(app):
        print(line)
    return 0


def cmd_poll(app: App, args: argparse.Namespace) -> int:
    sessions = app.sessions
    with app.mailbox() as mailbox:
        report = IntakePass(app.config, sessions, mailbox, app.now).run()
    print(report.summary())
    return 0


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
    return _print(args, rows, ["id", "name", "emails", "timezone"])


def cmd_assign(app: App, args: argparse.Namespace) -> int:
    from mailbot.db import transaction
    with transaction(app.sessions) as session:
        client = find_client(session, args.client)
        due = parse_when(args.due, ZoneInfo(client.timezone), "--due")
        assignment = create_assignment(session, app.now, client, args.type_, args.title,
                                       args.instructions, [due])
        print(assignment.id)
    return 0


def cmd_assignment_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        client = find_client(session, args.client) if args.client else None
        rows = [assignment_row(a) for a in list_assignments(session, client, args.status)]
    return _print(args, rows, ["id", "client_email", "type", "title", "due_at", "status", "token"])


SUBMISSION_COLUMNS = ["id", "client_email", "assignment_id", "received_at", "matched_by", "status"]


def cmd_submission_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [submission_row(s) for s in list_submissions(session)]
    return _print(args, rows, SUBMISSION_COLUMNS)


def cmd_triage_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [submission_row(s) for s in list_submissions(session, status="triage")]
    return _print(args, rows, [*SUBMISSION_COLUMNS, "reason"])


def cmd_triage_assign(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        submission = settle(session, app.config, app.now, args.submission, args.assignment)
    print(f"submission {submission.id} filed to assignment {submission.assignment_id}")
    with app.mailbox() as mailbox:
        if not refile(mailbox, submission):
            print(f"its message stays in {submission.source_folder} on the server: not found there")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
