"""The session brief: read one client's facts, ask the core what the brief says, render it.

Every query is bounded by the client and by time (since the previous session) or by a small
flag (open alerts, unanswered notes), and an index serves each, so the brief does not slow down
as the client's history grows (bench/brief.py: 100,000 occurrences). The one exception is the
whole-assignment adherence, which ``assignment show`` also gives: counted in the database, by
status, for the assignments in the brief alone, then passed through core.adherence like every
other figure. Nothing here logs a client's name or words.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core import brief as core
from mailbot.core.brief import Brief
from mailbot.core.mail_commands import command_link
from mailbot.core.when import day_text, when_text
from mailbot.db import brief_queries as queries
from mailbot.db.models import Client
from mailbot.db.records import find_client
from mailbot.mail.compose import build_message, render, template_environment
from mailbot.practice.lifecycle import next_session, previous_session

MAX_INLINE_IMAGE = 512 * 1024  # a larger image is named, not embedded
MAX_INLINE_TOTAL = 4 * 1024 * 1024


@dataclass(frozen=True)
class Built:
    """A brief and what rendering it needs from the shell: where each file is on disk."""

    brief: Brief
    paths: dict[int, str]  # attachment id -> stored path


def gather(
    session: Session, config: Config, now: datetime, client_ref: str | Client, since: datetime | None = None
) -> Built:
    """The brief for one client at ``now``, from the rows it needs and nothing more."""
    client = client_ref if isinstance(client_ref, Client) else find_client(session, client_ref)
    previous = previous_session(client, now)
    start = core.since_when(now, previous, since)
    answers, paths = queries.answers(session, client.id, start, now)
    assignments = queries.assignments(session, client.id, start, now, {a.assignment_id for a in answers})
    brief = core.build_brief(
        now,
        config.therapist.tz,
        client_id=client.id,
        client_name=client.name,
        client_email=client.primary_email,
        since=start,
        session_at=next_session(client, now),
        previous_session=previous,
        assignments=assignments,
        answers=answers,
        alerts=queries.alerts(session, client.id, start, now),
        notes=queries.notes(session, client.id, now),
    )
    return Built(brief, paths)


# Rendering ------------------------------------------------------------------------------------


def inline_images(built: Built) -> dict[int, tuple[str, bytes]]:
    """The images embedded in the brief: attachment id -> (MIME type, bytes), small ones only."""
    found: dict[int, tuple[str, bytes]] = {}
    total = 0
    for f in built.brief.attachments:
        if not f.is_image or f.size > MAX_INLINE_IMAGE or total + f.size > MAX_INLINE_TOTAL:
            continue
        try:
            data = Path(built.paths[f.attachment_id]).read_bytes()
        except (KeyError, OSError):
            continue
        found[f.attachment_id] = (f.content_type.lower(), data)
        total += len(data)
    return found


def render_brief(
    config: Config, built: Built, images: dict[int, tuple[str, bytes]], preview: bool = False
) -> tuple[str, str]:
    """The brief as (text, html) from templates/brief/email.{txt,html}.j2. Images are cid: parts
    of the email; in a preview file, data: URIs, so that it shows them on its own."""
    import base64

    b = built.brief

    def image(attachment_id: int) -> str:
        if preview:
            kind, data = images[attachment_id]
            return f"data:{kind};base64,{base64.b64encode(data).decode()}"
        return f"cid:{_cid(config, attachment_id)}"

    context = {
        "b": b,
        "therapist": config.therapist,
        "images": images,
        "image": image,
        "mailto": lambda command: command_link(config.therapist.email, command),
        "when": lambda moment: when_text(moment, b.now),
        "day": day_text,
        "size": _size,
    }
    env = template_environment(config.templates_dir)
    return render(env, ["brief/email.txt.j2"], context), render(env, ["brief/email.html.j2"], context)


def _cid(config: Config, attachment_id: int) -> str:
    domain = config.therapist.email.rsplit("@", 1)[-1]
    return f"attachment-{attachment_id}.brief@{domain}"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def subject(config: Config, brief: Brief) -> str:
    """ "Session brief: Anna Lima, Thu 3 Dec 15:00": no clinical detail, unless
    ``[brief] detailed_subject`` adds the figures."""
    when = f", {day_text(brief.session_at)} {brief.session_at:%H:%M}" if brief.session_at else ""
    said = f"Session brief: {brief.client_name}{when}"
    if config.brief.detailed_subject:
        total = brief.total
        extra = [f"{total.handed_in} of {total.due} handed in"] if total.due else []
        if brief.alerts:
            extra.insert(0, f"{len(brief.alerts)} worrying message{'s' if len(brief.alerts) != 1 else ''}")
        if brief.nothing_since:
            extra.append("nothing new")
        said += f" — {', '.join(extra)}" if extra else ""
    return said


def brief_message_id(config: Config, client_id: int, session_at: datetime | None, now: datetime) -> str:
    """One Message-ID per client and session, so that a session's brief is sent once; a brief
    asked for when no session is known is keyed by the minute it was asked."""
    domain = config.therapist.email.rsplit("@", 1)[-1]
    if session_at is not None:
        return f"<brief-{client_id}-{session_at.astimezone(UTC):%Y%m%dT%H%MZ}.mailbot@{domain}>"
    return f"<brief-{client_id}-asked-{now.astimezone(UTC):%Y%m%dT%H%MZ}.mailbot@{domain}>"


def brief_message(config: Config, built: Built, now: datetime) -> EmailMessage:
    """The brief email to ``[digest] to``: text, HTML, and the client's small images inline."""
    images = inline_images(built)
    text, html = render_brief(config, built, images)
    message = build_message(
        sender=Address("mailbot", addr_spec=config.therapist.email),
        to=[Address(addr_spec=config.digest.to)],
        subject=subject(config, built.brief),
        text=text,
        html=html,
        message_id=brief_message_id(config, built.brief.client_id, built.brief.session_at, now),
        date=now,
        kind="brief",
        extra_headers={"Auto-Submitted": "auto-generated"},
    )
    body = message.get_body(("html",))
    assert body is not None
    for attachment_id, (kind, data) in images.items():
        maintype, _, subtype = kind.partition("/")
        body.add_related(
            data,
            maintype=maintype,
            subtype=subtype,
            cid=f"<{_cid(config, attachment_id)}>",
            disposition="inline",
            filename=f"image-{attachment_id}{mimetypes.guess_extension(kind) or ''}",
        )
    return message
