"""Each periodic job as one function of an App: read state, call the core, apply through the edges.

The command line runs them once (``poll``, ``remind``, ``feedback scan``, ``digest``, ``tick``);
the daemon runs them on a schedule. Each returns a one-line summary with counts, never content.
"""

from __future__ import annotations

import logging

from mailbot.app import App
from mailbot.db import transaction
from mailbot.drafting import write_drafts
from mailbot.intake import IntakePass
from mailbot.mailctl import control_pass
from mailbot.problems import record_problem
from mailbot.promise import scan_sent
from mailbot.reminding import plan, send_reminders, settle_unknown

log = logging.getLogger(__name__)


def poll(app: App) -> str:
    """What the therapist told mailbot through her Sent folder (a command mail to herself also
    lands in the inbox and wakes this job), then one intake pass and the reply drafts for what
    it filed. Sent first: a reply to homework she has just written then files by its thread.
    Only this job reads Sent for her commands, so that no two jobs of the daemon do at once."""
    sessions = app.sessions
    with app.mailbox() as mailbox:
        control = control_pass(app.config, sessions, mailbox, app.outbox, app.now)
        report = IntakePass(app.config, sessions, mailbox, app.now).run()
        drafts = write_drafts(app.config, sessions, mailbox, app.now)
    return "\n".join([*report.refusals, f"{report.summary()}, {drafts} drafts written{control.suffix()}"])


def remind(app: App, dry_run: bool = False) -> str:
    """One reminder pass; with ``dry_run``, the emails it would send, one line each."""
    unknown = 0 if dry_run else settle_unknown(app.sessions, app.now)
    failed: list[tuple[int, str]] = []
    with app.sessions() as session:
        planned = plan(app.config, session, app.now, failed)
    if failed and not dry_run:
        with transaction(app.sessions) as session:
            for client_id, error in failed:
                reason = f"a reminder to client {client_id} could not be written ({error}); the others were"
                record_problem(session, app.now, "reminder", reason, item=client_id)
    note = f"; {unknown} from an interrupted pass marked unknown" if unknown else ""
    if dry_run:
        return "\n".join([*(p.description for p in planned), f"{len(planned)} reminder emails would be sent"])
    if not planned:
        return f"0 reminder emails sent{note}"
    with app.outbox() as outbox, app.mailbox() as mailbox:
        counts = send_reminders(app.config, app.sessions, outbox, mailbox, planned, app.now)
    return (
        f"{counts['sent']} reminder emails sent, {counts['failed']} failed, {counts['unknown']} unknown{note}"
    )


def feedback_scan(app: App) -> str:
    """Read the Sent folder for the therapist's replies."""
    sessions = app.sessions
    with app.mailbox() as mailbox:
        marked = scan_sent(app.config, sessions, mailbox, app.now)
    return f"{marked} submissions answered"
