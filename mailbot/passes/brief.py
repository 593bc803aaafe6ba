"""Sending the session brief: once per client and session, recorded before it leaves.

The daemon (and ``mailbot tick``) runs ``send_due_briefs``: each client with a next session
whose brief time has come (core.brief.send_time) and who has not had that session's brief gets
it. The brief's Message-ID names the client and the session, and the unique constraint on
``outgoing_message.message_id`` makes a second send for one session impossible, across
restarts and racing processes alike, as for the digest. ``mailbot brief CLIENT --send`` sends
through the same door. Summaries carry ids and counts, never a client's name.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from mailbot.app import App
from mailbot.core.adherence import Adherence
from mailbot.core.brief_timing import brief_due
from mailbot.db import brief_queries
from mailbot.passes.digest import earlier_status, send_fixed
from mailbot.passes.digest_email import write_preview
from mailbot.practice.briefing import (
    Built,
    brief_message,
    brief_message_id,
    gather,
    inline_images,
    render_brief,
)
from mailbot.practice.lifecycle import next_session
from mailbot.practice.views import adherence_fields

log = logging.getLogger(__name__)


def run_brief(app: App, client_ref: str, since: datetime | None, preview: Path | None, send: bool) -> str:
    """``mailbot brief``: build one client's brief at ``app.now``; write the preview and send it
    as asked; a one-line summary."""
    with app.sessions() as session:
        built = gather(session, app.config, app.now, client_ref, since)
    said = [_summary(built)]
    if preview is not None:
        write_preview(preview, render_brief(app.config, built, inline_images(built), preview=True)[1])
        said.append(f"preview written to {preview}")
    if send:
        said.append(send_brief(app, brief_message(app.config, built, app.now), built.brief.client_id))
    return "; ".join(said)


def _summary(built: Built) -> str:
    b = built.brief
    total = b.total
    return (
        f"brief for client {b.client_id}: {len(b.homework)} assignments, "
        f"{total.handed_in} of {total.due} handed in, {len(b.alerts)} alerts, {len(b.notes)} notes, "
        f"{len(b.agenda)} suggestions"
    )


def send_due_briefs(app: App) -> str:
    """Send every brief whose time has come and that was not sent for its session."""
    config = app.config
    if not config.brief.enabled:
        return "briefs are off ([brief] enabled = false)"
    with app.sessions() as session:
        due = [
            (client.id, upcoming)
            for client in brief_queries.clients_with_sessions(session)
            if brief_due(
                app.now,
                upcoming := next_session(client, app.now),
                config.therapist.tz,
                config.digest.time,
                config.brief.hours_before,
            )
        ]
    sent = 0
    for client_id, session_at in due:
        with app.sessions() as session:  # already sent (or tried): not built again every pass
            if earlier_status(session, brief_message_id(config, client_id, session_at, app.now)) not in (
                None,
                "failed",
            ):
                continue
            built = gather(session, config, app.now, str(client_id))
        said = send_brief(app, brief_message(config, built, app.now), client_id)
        sent += said == "brief sent"
    return f"{sent} session briefs sent"


def send_brief(app: App, message: EmailMessage, client_id: int) -> str:
    """Record, then send, one brief once; what happened, in a few words."""
    status, already = send_fixed(app, message, "brief", "this session's brief", client_id)
    if already:
        return already
    log.info("brief for client %s: %s", client_id, status)
    return f"brief {status} to {app.config.digest.to}" if status != "sent" else "brief sent"


def brief_record(built: Built) -> dict[str, Any]:
    """The brief as JSON-ready data: every fact the email shows, times ISO 8601 in UTC."""
    return _plain(dataclasses.asdict(built.brief)) | {
        "nothing_since": built.brief.nothing_since,
        "total": _figures(built.brief.total),
        "homework": [
            _plain(dataclasses.asdict(h))
            | {"since_session": _figures(h.since_session), "overall": _figures(h.overall)}
            for h in built.brief.homework
        ],
    }


def _figures(a: Adherence) -> dict[str, Any]:
    return adherence_fields(a) | {"waiting": a.waiting}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "entries"}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
