"""The reply drafts' words and messages: each draft rendered from its template and built as the
email it will be in the therapist's Drafts folder, with the fingerprint of what it says.

A chunk of drafts is composed from one read of what they cover (submissions, assignments,
clients and their addresses, attachments): a few queries for the chunk, not a few per draft.
"""

from __future__ import annotations

import email
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.homework.registry import get_type
from mailbot.db import drafts_queries
from mailbot.db.engine import transaction
from mailbot.db.models import Client, Draft, Submission
from mailbot.db.problems import record_problem
from mailbot.mail.compose import address, render, template_environment, text_message_bytes

log = logging.getLogger(__name__)

DRAFT_HEADER = "X-Mailbot-Draft"
MAX_QUOTED = 20_000  # characters of the client's text quoted in a draft; the submission keeps more
# The line breaks the mail library keeps a text's lines by (bytes.splitlines: CR, LF, CRLF only).
_LINE_BREAK = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class ComposedDraft:
    """A draft as it is appended, and the fingerprint of what it says."""

    message: bytes
    fingerprint: str


def compose_all(
    config: Config, sessions: sessionmaker[Session], draft_ids: Sequence[int], now: datetime
) -> dict[int, ComposedDraft]:
    """The messages of these drafts, by draft id, composed in one session: the submissions they
    cover are in memory for this chunk only.

    A draft that cannot be composed (a template error, an address the mail library refuses) is
    left out and recorded as a problem for the digest: it never costs the other clients theirs."""
    if not draft_ids:
        return {}
    composed: dict[int, ComposedDraft] = {}
    failed: dict[int, str] = {}
    with sessions() as session:
        covered = drafts_queries.submissions_covered(session, draft_ids)
        for draft in drafts_queries.drafts_by_id(session, list(draft_ids)):
            try:
                composed[draft.id] = compose_draft(config, draft, covered.get(draft.id, []))
            except Exception as exc:  # one draft's failure, whatever it is, stays that draft's
                log.warning("drafts: draft %d could not be composed (%s)", draft.id, type(exc).__name__)
                log.debug("drafts: composing draft %d", draft.id, exc_info=True)
                failed[draft.id] = type(exc).__name__
    if failed:  # its problem is dated anew by each pass it fails in, so the digest shows it until then
        with transaction(sessions) as session:
            for draft_id, error in failed.items():
                reason = f"a reply draft (draft {draft_id}) could not be written ({error}); the others were"
                record_problem(session, now, "draft", reason, item=draft_id)
    return composed


def compose_draft(config: Config, draft: Draft, covered: list[Submission]) -> ComposedDraft:
    """The draft reply to the submissions it covers (in the order they came): to the client's own
    recorded address (the one they wrote from when it is theirs), threaded under their message.
    Only filed homework has a client; the sender's name and address are never used, so a
    stranger's mail filed by hand cannot redirect it."""
    latest = covered[-1]
    if latest.assignment is None:
        raise ValueError(f"draft {draft.id} covers no filed homework")
    client = latest.assignment.client
    context = _context(config, client, covered)
    text = render(template_environment(config.templates_dir), ["feedback/draft.txt.j2"], context)
    subject = latest.subject or "your homework"
    references = [*latest.references, *([latest.message_id] if latest.message_id else [])]
    message = text_message_bytes(
        sender=address(config.therapist.name, config.therapist.email),
        to=[address(client.name, _reply_address(client, latest.from_address))],
        subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
        text=text,
        message_id=draft.message_id,
        date=draft.created_at,
        kind="draft",
        in_reply_to=latest.message_id,
        references=references[-20:],
        extra_headers={DRAFT_HEADER: draft.marker},
    )
    return ComposedDraft(message, text_fingerprint(text))


def _context(config: Config, client: Client, covered: list[Submission]) -> dict[str, Any]:
    """What the draft's template is given: the therapist, the client, each filed item."""
    tz = ZoneInfo(client.timezone)
    items = [
        {
            "submission": sub,
            "assignment": sub.assignment,
            "fields": sub.fields,
            "type_label": get_type(sub.assignment.type).label if sub.assignment else "homework",
            "received_local": sub.received_at.astimezone(tz),
            "sender_name": sub.from_name or sub.from_address,
            "quoted": _quoted(sub.text),
            "attachments": [attachment_words(a.content_type, a.original_name) for a in sub.attachments],
        }
        for sub in covered
        if sub.assignment is not None
    ]
    name = client.name
    return {
        "therapist": config.therapist,
        "items": items,
        "client": {"name": name, "first_name": name.split()[0] if name else ""},
        # A worrying message gets a plain personal reply: no homework summary at all.
        "personal": any("risk" in (sub.flags or []) for sub in covered),
    }


def fingerprint(message: bytes) -> str:
    """What a draft says, as a hash: its plain text, line endings and trailing space aside, so
    that a server re-encoding the same text does not count as an edit."""
    parsed = email.message_from_bytes(message, policy=policy.default)
    body = parsed.get_body(("plain",)) if isinstance(parsed, EmailMessage) else None
    text = body.get_content() if body is not None else ""
    return _hashed(str(text).replace("\r\n", "\n").split("\n"))


def text_fingerprint(text: str) -> str:
    """``fingerprint`` of a draft built from ``text``, without building and parsing it again: the
    mail library keeps the text's lines as it splits them (at CR, LF and CRLF) and ends the
    last with a line break, which the fingerprint leaves aside."""
    return _hashed(_LINE_BREAK.split(text) if "\r" in text else text.split("\n"))


def _hashed(lines: list[str]) -> str:
    normal = "\n".join(map(str.rstrip, lines)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def attachment_words(content_type: str, original_name: str | None) -> dict[str, str]:
    """How a draft names what the client attached: "the photo (worksheet.jpg)"."""
    main, _, sub = content_type.lower().partition("/")
    noun = {"image": "photo", "audio": "recording", "video": "video"}.get(main)
    if noun is None:
        noun = "PDF" if sub == "pdf" else "document" if "word" in sub or "opendocument" in sub else "file"
    name = " ".join((original_name or "").split())[:80]
    return {"noun": noun, "name": name}


def _quoted(text: str) -> list[str]:
    """The lines of the client's text the draft quotes: at most MAX_QUOTED characters, then a note."""
    if len(text) <= MAX_QUOTED:
        return text.splitlines()
    return [*text[:MAX_QUOTED].splitlines(), "[...] (the rest is in mailbot: mailbot submission show)"]


def _reply_address(client: Client, wrote_from: str) -> str:
    """The address the client wrote from when it is one of theirs, else their first address."""
    own = [e.address for e in client.emails]
    return wrote_from if wrote_from in own else client.primary_email
