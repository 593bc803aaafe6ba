"""The command line: parse, call, print. Every user mistake ends as one sentence and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mailbot import __version__, daemon, jobs
from mailbot.app import App
from mailbot.cli.setup import check, initialise
from mailbot.clock import parse_when, system_now
from mailbot.config import check_timezone, config_path, load_config, parse_clock
from mailbot.core.homework.registry import TYPES
from mailbot.db.engine import flush_deleted, transaction
from mailbot.db.lock import single_instance
from mailbot.db.records import (
    add_client,
    clear_bounce,
    find_assignment,
    find_client,
    find_submission,
    list_assignments,
    list_audit,
    list_clients,
    list_reminders,
    list_submissions,
)
from mailbot.errors import ConfigError, MailbotError, ServerError, UsageError
from mailbot.mail.connect import MAIL_FAILURES, explain
from mailbot.passes.brief import brief_record, run_brief
from mailbot.passes.digest import run_digest
from mailbot.passes.risk_alerts import alert_rows, mark_done
from mailbot.practice.assigning import Plan, assignment_email, parse_steps, plan_assignment
from mailbot.practice.briefing import gather as gather_brief
from mailbot.practice.changes import advance_ladder, set_reminders, set_stage
from mailbot.practice.feedback import feedback_rows, settle_by_hand
from mailbot.practice.lifecycle import (
    OCCURRENCE_STATUSES,
    close_assignment,
    next_session,
    renew_assignment,
    set_next_session,
    set_occurrence,
    set_sessions,
)
from mailbot.practice.privacy import erase_client, export_client
from mailbot.practice.refiling import file_message
from mailbot.practice.triage import refile, settle
from mailbot.practice.views import (
    TerminalSafe,
    assignment_detail,
    assignment_row,
    audit_row,
    client_row,
    local_time,
    print_assignment,
    print_record,
    print_rows,
    reminder_row,
    submission_detail,
    submission_row,
    terminal_safe,
)
from mailbot.sending import refusal, send_once

HOMEWORK_TYPES = list(TYPES)
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
    add.add_argument(
        "--email",
        required=True,
        action="append",
        metavar="ADDR",
        help="an address the client writes from (repeat for more)",
    )
    add.add_argument("--timezone", metavar="TZ", help="IANA name (default: the therapist's)")
    _json(command(clients, "list", cmd_client_list, "list clients"))
    change = command(clients, "set", cmd_client_set, "change a client's reminder settings")
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
    export = command(clients, "export", cmd_client_export, "everything held about a client, in one zip")
    export.add_argument("client", metavar="CLIENT")
    export.add_argument("path", metavar="PATH", type=Path)
    erase = command(clients, "erase", cmd_client_erase, "remove a client's records and files from mailbot")
    erase.add_argument("client", metavar="CLIENT")
    erase.add_argument("--yes", action="store_true", help="really erase (required)")
    clear = command(
        clients,
        "clear-bounce",
        cmd_client_clear_bounce,
        "allow mail to an address again after a delivery failure",
    )
    clear.add_argument("address", metavar="ADDR")

    feedback = group("feedback", "reply drafts and the feedback promise")
    _json(command(feedback, "list", cmd_feedback_list, "feedback per submission: due, replied, overdue"))
    command(feedback, "scan", cmd_feedback_scan, "read the Sent folder for replies")
    done = command(feedback, "done", cmd_feedback_done, "mark feedback on a submission as given")
    done.add_argument("submission", metavar="ID")
    skip = command(feedback, "skip", cmd_feedback_skip, "mark a submission as needing no feedback")
    skip.add_argument("submission", metavar="ID")
    skip.add_argument("--reason", required=True, metavar="TEXT")

    digest = command(commands, "digest", cmd_digest, "build the daily digest at --now")
    digest.add_argument("--send", action="store_true", help="email it to [digest] to (at most once a day)")
    digest.add_argument("--preview", metavar="PATH", type=Path, help="write its HTML to PATH")
    brief = command(commands, "brief", cmd_brief, "the session brief for one client at --now")
    brief.add_argument("client", metavar="CLIENT", help="client id or address")
    brief.add_argument(
        "--since", metavar="WHEN", help="ISO 8601 (default: the previous session, else 14 days back)"
    )
    brief.add_argument("--json", action="store_true", help="print the brief as one JSON object")
    brief.add_argument("--preview", metavar="PATH", type=Path, help="write its HTML to PATH")
    brief.add_argument("--send", action="store_true", help="email it to [digest] to (once per session)")
    command(commands, "run", cmd_run, "run the scheduler in the foreground until SIGTERM/SIGINT")
    command(commands, "tick", cmd_tick, "run every job that is due once, then exit (for cron)")

    audits = group("audit", "what mailbot did")
    audit_list = _json(command(audits, "list", cmd_audit_list, "the audit log: actions on records, by id"))
    audit_list.add_argument("--limit", type=_positive, metavar="N", help="only the last N entries")

    remind = command(commands, "remind", cmd_remind, "one reminder pass at --now")
    remind.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing")
    reminders = group("reminder", "reminders sent and planned")
    _json(command(reminders, "list", cmd_reminder_list, "list recorded reminders"))

    assign = command(commands, "assign", cmd_assign, "set a client a piece of homework")
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
    bound.add_argument("--until", metavar="DATE", type=_date, help="last day of a repeat (inclusive)")
    bound.add_argument("--count", metavar="N", type=_positive, help="number of occurrences")
    assign.add_argument("--no-send", action="store_true", help="do not email the client now")
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

    assignments = group("assignment", "list, show and change assignments")
    listing = _json(command(assignments, "list", cmd_assignment_list, "list assignments"))
    listing.add_argument("--client", metavar="CLIENT")
    listing.add_argument("--status", choices=["open", "closed"])
    show = _json(command(assignments, "show", cmd_assignment_show, "an assignment with its occurrences"))
    show.add_argument("assignment", metavar="ID")
    stage = command(assignments, "stage", cmd_assignment_stage, "switch a mood log to stage 1 or 2")
    stage.add_argument("assignment", metavar="ID")
    stage.add_argument("stage", type=int, choices=[1, 2])
    send = command(assignments, "send", cmd_assignment_send, "email the assignment to the client now")
    send.add_argument("assignment", metavar="ID")
    close = command(assignments, "close", cmd_assignment_close, "close an assignment: no more reminders")
    close.add_argument("assignment", metavar="ID")
    renew = command(
        assignments, "renew", cmd_assignment_renew, "continue an assignment, same token and thread"
    )
    renew.add_argument("assignment", metavar="ID")
    more = renew.add_mutually_exclusive_group(required=True)
    more.add_argument("--until", metavar="DATE", type=_date, help="new last day (inclusive)")
    more.add_argument("--count", metavar="N", type=_positive, help="number of occurrences to add")

    occurrences = group("occurrence", "correct what a day of an assignment counts as")
    correct = command(occurrences, "set", cmd_occurrence_set, "set a day's status by hand")
    correct.add_argument("occurrence", metavar="ID")
    correct.add_argument("status", choices=list(OCCURRENCE_STATUSES))

    exposure = group("exposure", "graded exposure ladders")
    advance = command(exposure, "advance", cmd_exposure_advance, "move a ladder to its next step")
    advance.add_argument("assignment", metavar="ID")

    submissions = group("submission", "list and show submissions")
    sub_list = _json(command(submissions, "list", cmd_submission_list, "list submissions"))
    sub_list.add_argument("--client", metavar="CLIENT", help="only this client's (id or address)")
    one = _json(command(submissions, "show", cmd_submission_show, "a submission with its parsed answers"))
    one.add_argument("submission", metavar="ID")

    triage = group("triage", "mail that needs the therapist's decision")
    _json(command(triage, "list", cmd_triage_list, "list submissions waiting in triage"))
    settle = command(triage, "assign", cmd_triage_assign, "file a triaged submission to an assignment")
    settle.add_argument("submission", metavar="SUBMISSION")
    settle.add_argument("assignment", metavar="ASSIGNMENT")
    settle.add_argument(
        "--trust-sender",
        action="store_true",
        help="file mail from an address that is not the client's, and add that address to the client",
    )

    refile_ = command(
        submissions,
        "file",
        cmd_submission_file,
        "file a message as an answer to an assignment: one left in the inbox, or a note",
    )
    refile_.add_argument(
        "message_id", metavar="MESSAGE-ID", help="the mail's Message-ID, e.g. <abc@example.org>"
    )
    refile_.add_argument("assignment", metavar="ASSIGNMENT", help="assignment id or token")

    alerts = group("alert", "worrying messages (risk alerts)")
    _json(command(alerts, "list", cmd_alert_list, "every risk alert: open, replied or done"))
    alert_done = command(alerts, "done", cmd_alert_done, "mark an alert dealt with: it leaves 'Read first'")
    alert_done.add_argument("alert", metavar="ID")
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-24") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _json(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", action="store_true", help="print one JSON array, nothing else")
    return parser


def _print(app: App, args: argparse.Namespace, rows: list[dict[str, Any]], columns: Sequence[str]) -> int:
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=_json_default))
    else:
        print_rows(rows, columns, app.config.therapist.tz)
    return 0


def _show(app: App, args: argparse.Namespace, record: dict[str, Any]) -> int:
    if args.json:
        print(json.dumps(record, ensure_ascii=False, default=_json_default))
    else:
        print_record(record, app.config.therapist.tz)
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


def _alone(app: App, command: str, needed: bool = True) -> contextlib.AbstractContextManager[None]:
    """The daemon's lock, for a command doing a job's work by hand; none for one that changes
    nothing (a preview, a dry run), which may run beside the daemon."""
    if not needed:
        return contextlib.nullcontext()
    return single_instance(app.engine, app.config.storage.data_dir, command)


def cmd_poll(app: App, args: argparse.Namespace) -> int:
    with _alone(app, "poll"):
        print(jobs.poll(app))
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
    return _print(app, args, rows, ["id", "name", "emails", "timezone"])


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


def cmd_digest(app: App, args: argparse.Namespace) -> int:
    with _alone(app, "digest --send", needed=args.send):
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
    with _alone(app, "brief --send", needed=args.send):
        summary = run_brief(app, args.client, since, args.preview, args.send)
    if not args.json:
        print(summary)
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


def cmd_audit_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [audit_row(e) for e in list_audit(session, args.limit)]
    return _print(app, args, rows, ["id", "at", "action", "entity", "entity_id", "detail"])


def cmd_client_clear_bounce(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        address = clear_bounce(session, app.now, args.address)
    print(f"{address} may receive mail again")
    return 0


def cmd_feedback_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = feedback_rows(session, app.now)
    return _print(
        app,
        args,
        rows,
        ["submission_id", "client_email", "received_at", "due_at", "status", "replied_at", "hours_to_reply"],
    )


def cmd_feedback_scan(app: App, args: argparse.Namespace) -> int:
    with _alone(app, "feedback scan"):
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


def cmd_remind(app: App, args: argparse.Namespace) -> int:
    with _alone(app, "remind", needed=not args.dry_run):
        print(jobs.remind(app, dry_run=args.dry_run))
    return 0


def cmd_reminder_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [reminder_row(r, o, e) for r, o, e in list_reminders(session)]
    columns = ["id", "client_email", "assignment_id", "kind", "scheduled_for", "sent_at", "status"]
    return _print(app, args, rows, columns)


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
    """The type-specific settings of ``mailbot assign``, checked against the type."""
    details: dict[str, Any] = {"rationale": args.rationale, "obstacles": args.obstacles}
    wrong = [
        name
        for name, value, owner in (
            ("--reading", args.reading, "bibliotherapy"),
            ("--question", args.question, "bibliotherapy"),
            ("--steps", args.steps, "exposure"),
            ("--belief", args.belief, "cognitive-exercise"),
            ("--thought", args.thought, "experiment"),
            ("--good-things", args.good_things, "journal"),
        )
        if value and args.type_ != owner
    ]
    if wrong:
        raise UsageError(f"{wrong[0]} does not apply to --type {args.type_}.")
    if args.type_ == "bibliotherapy":
        if not args.reading:
            raise UsageError("--type bibliotherapy needs --reading (book, chapter, pages or link).")
        details.update(reading=args.reading, questions=args.question)
    elif args.type_ == "mood-log":
        details["stage"] = 1
    elif args.type_ == "exposure":
        if not args.steps:
            raise UsageError('--type exposure needs --steps "step:SUDS;step:SUDS".')
        details.update(steps=parse_steps(args.steps), current=0, history=[])
    elif args.type_ == "cognitive-exercise" and args.belief:
        details["belief"] = args.belief
    elif args.type_ == "experiment" and args.thought:
        details["thought"] = args.thought
    elif args.type_ == "journal":
        details["good_things"] = bool(args.good_things)
    return details


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
    return _show(app, args, row)


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
    return _print(app, args, rows, ["id", "client_email", "type", "title", "due_at", "status", "token"])


SUBMISSION_COLUMNS = ["id", "client_email", "assignment_id", "received_at", "matched_by", "status"]


def cmd_submission_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        client = find_client(session, args.client) if args.client else None
        rows = [submission_row(s) for s in list_submissions(session, client=client)]
    return _print(app, args, rows, SUBMISSION_COLUMNS)


def cmd_submission_show(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        row = submission_detail(find_submission(session, args.submission))
    return _show(app, args, row)


def cmd_triage_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = [submission_row(s) for s in list_submissions(session, status="triage")]
    return _print(app, args, rows, [*SUBMISSION_COLUMNS, "reason"])


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


def cmd_alert_list(app: App, args: argparse.Namespace) -> int:
    with app.sessions() as session:
        rows = alert_rows(session)
    return _print(app, args, rows, ["id", "client", "received_at", "state", "submission_id"])


def cmd_alert_done(app: App, args: argparse.Namespace) -> int:
    with transaction(app.sessions) as session:
        alert = mark_done(session, app.now, args.alert)
        print(f"alert {alert.id}: {alert.state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
