"""``mailbot feedback ...``: the 24-hour feedback promise, listed, scanned for and settled by hand."""

from __future__ import annotations

import argparse

from mailbot import jobs
from mailbot.app import App
from mailbot.cli.commands import CommandTree, alone, print_list, with_json
from mailbot.db.engine import transaction
from mailbot.practice.feedback import feedback_rows, settle_by_hand

FEEDBACK_COLUMNS = [
    "submission_id",
    "client_email",
    "received_at",
    "due_at",
    "status",
    "replied_at",
    "hours_to_reply",
]


def add_commands(tree: CommandTree) -> None:
    tree.group("feedback", "reply drafts and the feedback promise")
    with_json(
        tree.command(
            "list", cmd_feedback_list, "feedback per submission: due, replied, overdue", group="feedback"
        )
    )
    tree.command("scan", cmd_feedback_scan, "read the Sent folder for replies", group="feedback")
    done = tree.command("done", cmd_feedback_done, "mark feedback on a submission as given", group="feedback")
    done.add_argument("submission", metavar="ID")
    skip = tree.command(
        "skip", cmd_feedback_skip, "mark a submission as needing no feedback", group="feedback"
    )
    skip.add_argument("submission", metavar="ID")
    skip.add_argument("--reason", required=True, metavar="TEXT")


def cmd_feedback_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = feedback_rows(session, app.now)
    return print_list(app, args, rows, FEEDBACK_COLUMNS)


def cmd_feedback_scan(app: App, args: argparse.Namespace) -> int:
    with alone(app, "feedback scan"):
        print(jobs.feedback_scan(app))
    return 0


def cmd_feedback_done(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        feedback = settle_by_hand(session, app.now, args.submission, None)
    print(f"feedback on submission {feedback.submission_id} marked given")
    return 0


def cmd_feedback_skip(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        feedback = settle_by_hand(session, app.now, args.submission, args.reason)
    print(f"feedback on submission {feedback.submission_id} skipped")
    return 0
