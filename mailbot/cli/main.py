"""The command line: parse, call, print. Every user mistake ends as one sentence and an exit code.

This module assembles the parser from the command groups (each declares its commands, options
next to handlers: ``cli/clients.py``, ``cli/assignments.py`` ...) and runs the chosen handler
with one error handling for all of them.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence

from mailbot import __version__
from mailbot.app import App
from mailbot.cli import alerts, assignments, audit, clients, digests, feedback, running, setup, submissions
from mailbot.cli.commands import CommandTree, Handler
from mailbot.clock import parse_when, system_now
from mailbot.config import config_path, load_config
from mailbot.errors import MailbotError
from mailbot.mail.connect import MAIL_FAILURES, explain
from mailbot.practice.views import TerminalSafe, terminal_safe


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.log_level)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    # Whatever is printed may hold a client's words: all of it passes one sanitiser.
    with contextlib.redirect_stdout(TerminalSafe(sys.stdout)):
        return _run(handler, args)


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        config = load_config(config_path(args.config))
        now = parse_when(args.now, config.therapist.tz, "--now") if args.now else system_now()
        return handler(App(config, now), args)
    except MailbotError as exc:
        print(f"mailbot: {terminal_safe(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except MAIL_FAILURES as exc:  # a server's refusal or a dropped connection, in any command
        print(f"mailbot: {explain(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=logging.DEBUG if level == "trace" else getattr(logging, level.upper()),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # APScheduler narrates every run at INFO; mailbot's own lines say what matters.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLogger().level))
    # imapclient's DEBUG is the IMAP conversation itself, client mail included: only "trace" has it.
    if level == "trace":
        logging.getLogger("imapclient").setLevel(logging.DEBUG)
        logging.getLogger(__name__).warning(
            "trace: this log holds the IMAP conversation, clients' mail in it; do not keep or share it"
        )
    else:
        logging.getLogger("imapclient").setLevel(max(logging.INFO, logging.getLogger().level))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailbot", description="A psychotherapist's homework workflow over plain email."
    )
    parser.add_argument(
        "--config", metavar="PATH", help="configuration file (default: $MAILBOT_CONFIG, else ./config.toml)"
    )
    parser.add_argument("--now", metavar="ISO8601", help="the clock for this run (default: the real clock)")
    parser.add_argument(
        "--log-level",
        default="info",
        type=str.lower,
        choices=["trace", "debug", "info", "warning", "error"],
        help="default: info; trace adds the IMAP conversation, clients' mail in it",
    )
    parser.add_argument("--version", action="version", version=f"mailbot {__version__}")
    tree = CommandTree(parser)
    # The order of `mailbot --help`.
    setup.add_commands(tree)
    running.add_poll(tree)
    clients.add_commands(tree)
    feedback.add_commands(tree)
    digests.add_commands(tree)
    running.add_daemon(tree)
    audit.add_commands(tree)
    running.add_reminders(tree)
    assignments.add_assign(tree)
    assignments.add_assignments(tree)
    submissions.add_commands(tree)
    alerts.add_commands(tree)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
