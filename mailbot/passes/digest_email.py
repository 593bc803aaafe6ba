"""The digest as an email: rendered from its templates, with the day's own Message-ID; and
the HTML preview written to a file (the session brief writes its preview the same way)."""

from __future__ import annotations

import os
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from mailbot.config import Config
from mailbot.core.digest import Digest
from mailbot.core.mail_commands import command_link
from mailbot.core.when import day_text, when_text
from mailbot.errors import UsageError
from mailbot.mail.compose import build_message, render, template_environment


def digest_message_id(config: Config, day: date) -> str:
    """The digest's Message-ID for one local date: the same all day, so sent at most once."""
    domain = config.therapist.email.rsplit("@", 1)[-1]
    return f"<digest-{day.isoformat()}.mailbot@{domain}>"


def render_digest(config: Config, digest: Digest) -> tuple[str, str]:
    """The digest as (text, html), from templates/digest/email.{txt,html}.j2."""
    now = digest.now
    context = {
        "d": digest,
        "therapist": config.therapist,
        "mailto": lambda command: command_link(config.therapist.email, command),
        "when": lambda moment: when_text(moment, now),
        "day": day_text,
        "hours": hours_text,
        "percent": _percent,
        "level": _level,
    }
    env = template_environment(config.templates_dir)
    return (render(env, ["digest/email.txt.j2"], context), render(env, ["digest/email.html.j2"], context))


def subject(digest: Digest) -> str:
    """The email's subject, e.g. "mailbot digest: 3 feedback overdue, 5 new, 2 in triage — Mon 23 Nov"."""
    problems = len(digest.problems)
    counts = [
        (digest.overdue_count, "feedback overdue"),
        (len(digest.new), "new"),
        (len(digest.triage), "in triage"),
        (problems, "problem" if problems == 1 else "problems"),
    ]
    said = ", ".join(f"{n} {what}" for n, what in counts if n) or "all quiet"
    urgent = len(digest.attention.read_first)
    first = f"READ FIRST: {urgent} worrying message{'s' if urgent != 1 else ''}; " if urgent else ""
    return f"{first}mailbot digest: {said} — {day_text(digest.now)}"


def hours_text(hours: float) -> str:
    """A span for people: "40 min", "5 h", "2 d 3 h" (the sign is dropped)."""
    minutes = round(abs(hours) * 60)
    if minutes < 60:
        return f"{minutes} min"
    whole = round(minutes / 60)
    if whole < 48:
        return f"{whole} h"
    days, rest = divmod(whole, 24)
    return f"{days} d {rest} h" if rest else f"{days} d"


def _percent(ratio: float | None) -> int:
    return round((ratio or 0.0) * 100)


def _level(ratio: float | None) -> str:
    """ "good" (80 % and more), "fair" (50 % and more) or "poor": the colour of a bar."""
    if ratio is None:
        return "none"
    return "good" if ratio >= 0.8 else "fair" if ratio >= 0.5 else "poor"


def digest_message(config: Config, digest: Digest, now: datetime) -> EmailMessage:
    """The digest email (text and HTML) to ``digest.to``, with the day's own Message-ID."""
    text, html = render_digest(config, digest)
    return build_message(
        sender=Address("mailbot", addr_spec=config.therapist.email),
        to=[Address(addr_spec=config.digest.to)],
        subject=subject(digest),
        text=text,
        html=html,
        message_id=digest_message_id(config, digest.now.date()),
        date=now,
        kind="digest",
        extra_headers={"Auto-Submitted": "auto-generated"},
    )


def write_preview(path: Path, html: str) -> None:
    """Write the HTML to ``path``, readable by the owner only (0600), replacing it whole."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(
            f"Cannot write the preview to {path} ({exc.strerror}); give a path in a folder you can write to."
        ) from None
