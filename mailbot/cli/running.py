"""The jobs, by hand or on a schedule: ``poll``, ``remind`` (and ``reminder list``), ``run``, ``tick``."""

from __future__ import annotations

import argparse
import logging

from mailbot import daemon, jobs
from mailbot.app import App
from mailbot.cli.commands import CommandTree, alone, print_list, with_json
from mailbot.db.records import list_reminders
from mailbot.practice.views import reminder_row

log = logging.getLogger("mailbot")

REMINDER_COLUMNS = ["id", "client_email", "assignment_id", "kind", "scheduled_for", "sent_at", "status"]


def add_poll(tree: CommandTree) -> None:
    tree.command("poll", cmd_poll, "one intake pass: file what is new in the inbox")


def add_daemon(tree: CommandTree) -> None:
    tree.command("run", cmd_run, "run the scheduler in the foreground until SIGTERM/SIGINT")
    tree.command("tick", cmd_tick, "run every job that is due once, then exit (for cron)")


def add_reminders(tree: CommandTree) -> None:
    remind = tree.command("remind", cmd_remind, "one reminder pass at --now")
    remind.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing")
    tree.group("reminder", "reminders sent and planned")
    with_json(tree.command("list", cmd_reminder_list, "list recorded reminders", group="reminder"))


def cmd_poll(app: App, args: argparse.Namespace) -> int:
    with alone(app, "poll"):
        print(jobs.poll(app))
    return 0


def cmd_run(app: App, args: argparse.Namespace) -> int:
    return daemon.run(app)


def cmd_tick(app: App, args: argparse.Namespace) -> int:
    """For cron: nothing on stdout, and nothing at all at --log-level warning, unless a job
    failed; cron mails the therapist only then."""
    lines, ok = daemon.tick(app)
    for line in lines:
        if ": failed: " in line:
            log.error("tick: %s", line)
        else:
            log.info("tick: %s", line)
    return 0 if ok else 1


def cmd_remind(app: App, args: argparse.Namespace) -> int:
    with alone(app, "remind", needed=not args.dry_run):
        print(jobs.remind(app, dry_run=args.dry_run))
    return 0


def cmd_reminder_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [reminder_row(r, o, e) for r, o, e in list_reminders(session)]
    return print_list(app, args, rows, REMINDER_COLUMNS)
