"""Each periodic job as one function of an App: read state, call the core, apply through the edges.

The command line runs them once (``poll``, ``remind``, ``feedback scan``, ``digest``, ``tick``);
the daemon runs them on a schedule. Each returns a one-line summary with counts, never content.
"""

from __future__ import annotations

import logging

from mailbot.app import App
from mailbot.db.engine import transaction
from mailbot.db.problems import record_problem
from mailbot.passes.drafts import write_drafts
from mailbot.passes.intake import IntakePass
from mailbot.passes.mail_control import control_pass
from mailbot.passes.reminders import plan, send_reminders, settle_unknown
from mailbot.passes.risk_alerts import pending_alerts, send_alerts
from mailbot.passes.sent import scan_sent

log = logging.getLogger(__name__)


def poll(app: App) -> str:
    """What the therapist told mailbot through her Sent folder (a command mail to herself also
    lands in the inbox and wakes this job), then one intake pass and the reply drafts for what
    it filed. Sent first: a reply to homework she has just written then files by its thread.
    Only this job reads Sent for her commands, so that no two jobs of the daemon do at once."""
    sessions = app.sessions
    failure: Exception | None = None
    with app.mailbox() as mailbox:
        control = control_pass(app.config, sessions, mailbox, app.outbox, app.now)
        report = IntakePass(app.config, sessions, mailbox, app.now).run()
        try:
            alerts = alert(app)  # before the drafts: a worrying message is told at once
        except Exception as exc:  # the SMTP server is down: drafts still, then the failure is reported
            failure, alerts = exc, 0
        drafts = write_drafts(app.config, sessions, mailbox, app.now)
    if failure is not None:
        raise failure  # the alerts not sent are tried again by the next poll; the digest lists them
    sent = f", {alerts} alerts sent" if alerts else ""
    return "\n".join(
        [*report.refusals, f"{report.summary()}, {drafts} drafts written{sent}{control.suffix()}"]
    )


def alert(app: App) -> int:
    """Send the alerts about worrying messages not sent yet (none: no SMTP connection)."""
    if not pending_alerts(app.sessions):
        return 0
    with app.outbox() as outbox, app.sent_copies() as sent:
        return send_alerts(app.config, app.sessions, outbox, app.now, sent)


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
    # IMAP only for the Sent copies, opened at the first: reminders need only SMTP to go out.
    with app.outbox() as outbox, app.sent_copies() as sent:
        counts = send_reminders(app.sessions, outbox, sent, planned, app.now)
    return (
        f"{counts['sent']} reminder emails sent, {counts['failed']} failed, {counts['unknown']} unknown{note}"
    )


def feedback_scan(app: App) -> str:
    """Read the Sent folder for the therapist's replies."""
    sessions = app.sessions
    with app.mailbox() as mailbox:
        marked = scan_sent(app.config, sessions, mailbox, app.now)
    return f"{marked} submissions answered"
