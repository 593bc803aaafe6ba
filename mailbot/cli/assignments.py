"""``mailbot assign`` and ``mailbot assignment ...``: set homework, send, list, show and change it;
``occurrence set`` corrects a day, ``exposure advance`` climbs a ladder."""

from __future__ import annotations

import argparse
import sys
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.app import App
from mailbot.cli.commands import CommandTree, date_option, positive, print_list, show, with_json
from mailbot.clock import parse_when
from mailbot.core.homework.options import AssignOptions, OptionError, assignment_details
from mailbot.core.homework.registry import TYPES
from mailbot.db.engine import transaction
from mailbot.db.records import find_assignment, find_client, list_assignments
from mailbot.errors import ServerError, UsageError
from mailbot.practice.assigning import Plan, assignment_email, plan_assignment
from mailbot.practice.changes import advance_ladder, set_stage
from mailbot.practice.lifecycle import OCCURRENCE_STATUSES, close_assignment, renew_assignment, set_occurrence
from mailbot.practice.views import assignment_detail, assignment_row, local_time, print_assignment
from mailbot.sending import refusal, send_once

HOMEWORK_TYPES = list(TYPES)


def add_assign(tree: CommandTree) -> None:
    assign = tree.command("assign", cmd_assign, "set a client a piece of homework")
    assign.add_argument("client", metavar="CLIENT", help="client id or address")
    assign.add_argument(
        "--type",
        required=True,
        dest="type_",
        metavar="TYPE",
        choices=HOMEWORK_TYPES,
        help=", ".join(HOMEWORK_TYPES),
    )
    assign.add_argument("--title", required=True)
    assign.add_argument(
        "--due", required=True, metavar="WHEN", help="ISO 8601; without an offset, in the client's time zone"
    )
    assign.add_argument("--instructions", default="")
    assign.add_argument("--rationale", default="", metavar="TEXT", help="why this homework helps")
    assign.add_argument(
        "--obstacles", default="", metavar="TEXT", help="what might get in the way, and the backup plan"
    )
    assign.add_argument("--repeat", metavar="RULE", help="daily, weekdays, weekly, or an RRULE")
    bound = assign.add_mutually_exclusive_group()
    bound.add_argument("--until", metavar="DATE", type=date_option, help="last day of a repeat (inclusive)")
    bound.add_argument("--count", metavar="N", type=positive, help="number of occurrences")
    assign.add_argument("--no-send", action="store_true", help="do not email the client now")
    _add_type_options(assign)


def _add_type_options(assign: argparse.ArgumentParser) -> None:
    """The options only one homework type takes (checked against --type by ``_details``)."""
    assign.add_argument("--reading", metavar="TEXT", help="bibliotherapy: book, chapter, pages or link")
    assign.add_argument(
        "--question",
        action="append",
        default=[],
        metavar="TEXT",
        help="bibliotherapy: a reflection question (repeat, 2 or 3)",
    )
    assign.add_argument("--steps", metavar="LADDER", help='exposure: "step:SUDS;step:SUDS", lowest first')
    assign.add_argument("--belief", metavar="TEXT", help="cognitive-exercise: the belief to challenge")
    assign.add_argument("--thought", metavar="TEXT", help="experiment: the thought to test")
    assign.add_argument(
        "--good-things", action="store_true", help="journal: ask for three good things of the day"
    )


def add_assignments(tree: CommandTree) -> None:
    tree.group("assignment", "list, show and change assignments")
    listing = with_json(tree.command("list", cmd_assignment_list, "list assignments", group="assignment"))
    listing.add_argument("--client", metavar="CLIENT")
    listing.add_argument("--status", choices=["open", "closed"])
    one = with_json(
        tree.command("show", cmd_assignment_show, "an assignment with its occurrences", group="assignment")
    )
    one.add_argument("assignment", metavar="ID")
    stage = tree.command(
        "stage", cmd_assignment_stage, "switch a mood log to stage 1 or 2", group="assignment"
    )
    stage.add_argument("assignment", metavar="ID")
    stage.add_argument("stage", type=int, choices=[1, 2])
    send = tree.command(
        "send", cmd_assignment_send, "email the assignment to the client now", group="assignment"
    )
    send.add_argument("assignment", metavar="ID")
    close = tree.command(
        "close", cmd_assignment_close, "close an assignment: no more reminders", group="assignment"
    )
    close.add_argument("assignment", metavar="ID")
    renew = tree.command(
        "renew", cmd_assignment_renew, "continue an assignment, same token and thread", group="assignment"
    )
    renew.add_argument("assignment", metavar="ID")
    more = renew.add_mutually_exclusive_group(required=True)
    more.add_argument("--until", metavar="DATE", type=date_option, help="new last day (inclusive)")
    more.add_argument("--count", metavar="N", type=positive, help="number of occurrences to add")

    tree.group("occurrence", "correct what a day of an assignment counts as")
    correct = tree.command("set", cmd_occurrence_set, "set a day's status by hand", group="occurrence")
    correct.add_argument("occurrence", metavar="ID")
    correct.add_argument("status", choices=list(OCCURRENCE_STATUSES))

    tree.group("exposure", "graded exposure ladders")
    advance = tree.command(
        "advance", cmd_exposure_advance, "move a ladder to its next step", group="exposure"
    )
    advance.add_argument("assignment", metavar="ID")


def cmd_assign(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        client = find_client(session, args.client)
        plan = Plan(
            type=args.type_,
            title=args.title,
            instructions=args.instructions,
            first_due=parse_when(args.due, ZoneInfo(client.timezone), "--due"),
            repeat=args.repeat,
            until=args.until,
            count=args.count,
            details=_details(args),
        )
        assignment = plan_assignment(session, app.now, client, plan)
    print(assignment.id)
    if not args.no_send:
        _send_assignment(app, assignment.id)
    return 0


def _details(args: argparse.Namespace) -> dict[str, Any]:
    """The type-specific settings of ``mailbot assign``, checked against the type (core)."""
    given = AssignOptions(
        rationale=args.rationale,
        obstacles=args.obstacles,
        reading=args.reading,
        questions=tuple(args.question),
        steps=args.steps,
        belief=args.belief,
        thought=args.thought,
        good_things=args.good_things,
    )
    try:
        return assignment_details(args.type_, given)
    except OptionError as exc:
        raise UsageError(str(exc)) from None


def _send_assignment(app: App, assignment_id: int) -> None:
    with app.sessions() as session:
        assignment = find_assignment(session, str(assignment_id))
        message = assignment_email(app.config, assignment, app.now)
        client_id = assignment.client_id
    with app.outbox() as outbox, app.sent_copies() as sent:
        status = send_once(
            app.sessions,
            outbox,
            message,
            "assignment",
            app.now,
            client_id=client_id,
            assignment_id=assignment_id,
            sent=sent,
        )
    said = refusal(app.sessions, str(message["Message-ID"])) if status == "failed" else None
    if said is not None:
        raise ServerError(
            f"The SMTP server refused the assignment email ({said}); the assignment is saved: "
            f"check the client's address and [smtp], then run: mailbot assignment send {assignment_id}."
        )
    if status != "sent":
        raise ServerError(
            f"The assignment email could not be sent (outcome: {status}); the assignment "
            f"is saved: check the SMTP settings, then run: mailbot assignment send {assignment_id}."
        )
    print(f"assignment email sent to the client ({message['Message-ID']})", file=sys.stderr)


def cmd_assignment_send(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        assignment_id = find_assignment(session, args.assignment).id
    _send_assignment(app, assignment_id)
    return 0


def cmd_assignment_show(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        row = assignment_detail(find_assignment(session, args.assignment), app.now)
    if not args.json:
        print_assignment(row, app.config.therapist.tz)
        return 0
    return show(app, args, row)


def cmd_assignment_close(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        assignment = close_assignment(session, app.now, args.assignment)
        print(f"assignment {assignment.id} closed")
    return 0


def cmd_assignment_renew(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        added = renew_assignment(session, app.now, args.assignment, args.until, args.count)
        tz = app.config.therapist.tz
        print(f"{len(added)} occurrences added, the last due {local_time(added[-1].due_at, tz)}")
    return 0


def cmd_occurrence_set(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        occurrence = set_occurrence(session, app.now, args.occurrence, args.status)
        print(f"occurrence {occurrence.id} is {occurrence.status}")
    return 0


def cmd_assignment_stage(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        assignment = set_stage(session, app.now, args.assignment, args.stage)
        print(f"assignment {assignment.id} is at stage {args.stage}")
    return 0


def cmd_exposure_advance(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        assignment = advance_ladder(session, app.now, args.assignment)
        current = assignment.details["current"]
        print(f"assignment {assignment.id}: step {current + 1} of {len(assignment.details['steps'])}")
    return 0


def cmd_assignment_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        client = find_client(session, args.client) if args.client else None
        rows = [assignment_row(a, app.now) for a in list_assignments(session, client, args.status)]
    return print_list(app, args, rows, ["id", "client_email", "type", "title", "due_at", "status", "token"])
