"""``mailbot submission ...`` and ``mailbot triage ...``: what clients sent, and the mail that
waits for the therapist's decision."""

from __future__ import annotations

import argparse

from mailbot.app import App
from mailbot.cli.commands import CommandTree, print_list, show, with_json
from mailbot.db.engine import transaction
from mailbot.db.records import find_client, find_submission, list_submissions
from mailbot.practice.refiling import file_message
from mailbot.practice.triage import refile, settle
from mailbot.practice.views import submission_detail, submission_row

SUBMISSION_COLUMNS = ["id", "client_email", "assignment_id", "received_at", "matched_by", "status"]


def add_commands(tree: CommandTree) -> None:
    tree.group("submission", "list and show submissions")
    listing = with_json(tree.command("list", cmd_submission_list, "list submissions", group="submission"))
    listing.add_argument("--client", metavar="CLIENT", help="only this client's (id or address)")
    one = with_json(
        tree.command("show", cmd_submission_show, "a submission with its parsed answers", group="submission")
    )
    one.add_argument("submission", metavar="ID")

    tree.group("triage", "mail that needs the therapist's decision")
    with_json(tree.command("list", cmd_triage_list, "list submissions waiting in triage", group="triage"))
    assign = tree.command(
        "assign", cmd_triage_assign, "file a triaged submission to an assignment", group="triage"
    )
    assign.add_argument("submission", metavar="SUBMISSION")
    assign.add_argument("assignment", metavar="ASSIGNMENT")
    assign.add_argument(
        "--trust-sender",
        action="store_true",
        help="file mail from an address that is not the client's, and add that address to the client",
    )

    refile_ = tree.command(
        "file",
        cmd_submission_file,
        "file a message as an answer to an assignment: one left in the inbox, or a note",
        group="submission",
    )
    refile_.add_argument(
        "message_id", metavar="MESSAGE-ID", help="the mail's Message-ID, e.g. <abc@example.org>"
    )
    refile_.add_argument("assignment", metavar="ASSIGNMENT", help="assignment id or token")


def cmd_submission_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        client = find_client(session, args.client) if args.client else None
        rows = [submission_row(s) for s in list_submissions(session, client=client)]
    return print_list(app, args, rows, SUBMISSION_COLUMNS)


def cmd_submission_show(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        row = submission_detail(find_submission(session, args.submission))
    return show(app, args, row)


def cmd_triage_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [submission_row(s) for s in list_submissions(session, status="triage")]
    return print_list(app, args, rows, [*SUBMISSION_COLUMNS, "reason"])


def cmd_triage_assign(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        submission = settle(
            session, app.config, app.now, args.submission, args.assignment, trust_sender=args.trust_sender
        )
    print(f"submission {submission.id} filed to assignment {submission.assignment_id}")
    with app.mailbox() as mailbox:
        if not refile(mailbox, submission):
            print(f"its message stays in {submission.source_folder} on the server: not found there")
    return 0


def cmd_submission_file(app: App, args: argparse.Namespace) -> int:
    with app.mailbox() as mailbox:
        submission, moved = file_message(
            app.config, app.sessions, mailbox, app.now, args.message_id, args.assignment
        )
    print(f"submission {submission.id} filed to assignment {submission.assignment_id} as an answer")
    if not moved:
        print(f"its message stays where it is on the server: not found in {submission.source_folder}")
    return 0
