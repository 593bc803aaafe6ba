"""The daily digest: read what the digest needs, ask the core what it says, render it, send it
at most once a day.

The facts are read by ``digest_queries`` (every query bounded, each served by an index) and
the email is made by ``digest_email``. The digest's Message-ID is the same all
day (``<digest-2026-11-23.mailbot@practice.example>``), and the unique constraint on
``outgoing_message.message_id`` makes a second send on the same day impossible, across restarts
and racing processes alike. Nothing here logs a client's name.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy.orm import Session

from mailbot.app import App
from mailbot.config import Config
from mailbot.core import digest as core
from mailbot.core.digest import DAY, Digest
from mailbot.core.when import day_text
from mailbot.db import digest_queries as queries
from mailbot.db.attention import gather_attention
from mailbot.passes.digest_email import digest_message, digest_message_id, render_digest, write_preview
from mailbot.passes.reminders import stopped_assignments
from mailbot.sending import refusal, send_once

log = logging.getLogger(__name__)

LOOKBACK_DAYS = 7  # how many days back the last digest is looked for


def gather(session: Session, config: Config, now: datetime) -> Digest:
    """The digest at ``now``, from the database rows it needs and nothing more."""
    tz = config.therapist.tz
    since = last_digest_at(session, config, now) or now - DAY
    open_work = queries.open_work(session)
    names = queries.client_names(session)
    digest = core.build_digest(
        now,
        tz,
        since=since,
        clients=queries.client_facts(session, now, {cid for _a, cid, _t in open_work}),
        feedback=queries.feedback_facts(session, now),
        new=queries.new_facts(session, now, since),
        triage=queries.triage_facts(session, now, names, open_work),
        occurrences=queries.occurrence_facts(session, now, tz),
        answers=queries.answer_facts(session, now),
        reminders=queries.reminder_facts(session, now, since, list(names)),
        problems=queries.problem_facts(session, now, since, names),
        inactive_days=config.digest.inactive_days,
        stopped=_stopped(session, config, now, names),
    )
    return replace(digest, attention=gather_attention(session, now, since, tz))


def _stopped(
    session: Session, config: Config, now: datetime, names: dict[int, str]
) -> list[core.StoppedLine]:
    """Open assignments whose reminders a missed streak stopped (reminding.stopped_assignments)."""
    assignments = queries.open_assignments(session)
    stopped = stopped_assignments(session, config, assignments, now)
    return [
        core.StoppedLine(names.get(a.client_id, "?"), a.title, stopped[a.id])
        for a in assignments
        if a.id in stopped
    ]


def last_digest_at(session: Session, config: Config, now: datetime) -> datetime | None:
    """When the latest digest of the last week was sent (found by its Message-IDs), if any."""
    today = now.astimezone(config.therapist.tz).date()
    ids = [digest_message_id(config, today - timedelta(days=back)) for back in range(LOOKBACK_DAYS + 1)]
    return queries.latest_sent_at(session, ids, now)


def run_digest(app: App, send: bool, preview: Path | None) -> str:
    """Build the digest at ``app.now``; write the preview and send it as asked; a one-line summary
    (counts, never names)."""
    with app.sessions() as session:
        digest = gather(session, app.config, app.now)
    said = [
        f"digest for {day_text(digest.now)}: {digest.overdue_count} feedback overdue, "
        f"{len(digest.new)} new, {len(digest.triage)} in triage, {len(digest.problems)} "
        f"problem{'' if len(digest.problems) == 1 else 's'}"
    ]
    if preview is not None:
        write_preview(preview, render_digest(app.config, digest)[1])
        said.append(f"preview written to {preview}")
    if send:
        said.append(send_digest(app, digest_message(app.config, digest, app.now)))
    return "; ".join(said)


def send_digest(app: App, message: EmailMessage) -> str:
    """Record, then send, the day's digest once; what happened, in a few words."""
    status, already = send_fixed(app, message, "digest", "today's digest")
    if already:
        return already
    log.info("digest: %s", status)
    said = refusal(app.sessions, str(message["Message-ID"])) if status == "failed" else None
    return f"digest {status} to {app.config.digest.to}" + (f" (the server said: {said})" if said else "")


def send_fixed(
    app: App, message: EmailMessage, kind: str, what: str, client_id: int | None = None
) -> tuple[str, str]:
    """Record, then send, once, a mail whose Message-ID is fixed by what it is (the day's
    digest, a session's brief). Its delivery status and "", or "" and why it was not sent again.

    It connects first, so a refused login leaves no record behind. A refused earlier attempt is
    taken over; one that was sent, or may have been, is not sent again."""
    message_id = str(message["Message-ID"])
    with app.sessions() as session:
        earlier = earlier_status(session, message_id)
    if earlier is not None and earlier != "failed":
        return "", _already(what, earlier)
    with app.outbox() as outbox, app.sent_copies() as sent:
        status = send_once(
            app.sessions,
            outbox,
            message,
            kind,
            app.now,
            client_id=client_id,
            take_over_refused=True,
            sent=sent,
        )
    if status is None:
        with app.sessions() as session:
            return "", _already(what, earlier_status(session, message_id) or "pending")
    return status, ""


def earlier_status(session: Session, message_id: str) -> str | None:
    """The status of the mail recorded under ``message_id``, if any was."""
    return queries.status_of(session, message_id)


def _already(what: str, status: str) -> str:
    if status == "sent":
        return f"{what} was already sent; not sent again"
    return f"{what} may already have been sent (its outcome is unknown); not sent again"
