"""Client emails written for the tests, as the raw bytes a mail server would hold."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

_count = itertools.count(1)


def homework_mail(
    sender: str,
    to: str,
    subject: str = "My homework",
    body: str = "Here is what I did this week.",
    *,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    date: datetime | None = None,
) -> bytes:
    """A plain client email; attachments are (filename, payload, mime type)."""
    msg = EmailMessage()
    msg["From"] = f"Client {next(_count)} <{sender}>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    msg["Message-ID"] = message_id or make_msgid(domain="client.example")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    for filename, payload, mime in attachments or []:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(payload, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(msg)


# What an end-to-end test and its unit twin on the fakes both send ----------------------------

HOSTILE_FILENAMES = [
    "../../../../tmp/owned.txt",
    "/etc/passwd",
    "a\x00b.txt",
    "ctrl\x07\x1b.txt",
    "x" * 1000 + ".pdf",
    "..",
    "CON",
]
"""Attachment names that must write nothing outside the data directory."""

WORRYING_ANSWERS = {
    "english": (
        "Situation: at home\nEmotion: sad 90\nAutomatic thought: nobody would notice if I disappeared.",
        "nobody would notice if I disappeared",
    ),
    "german": (
        "Situation: zu Hause\nGefühl: traurig 90\nIch will nicht mehr leben.",
        "Ich will nicht mehr leben",
    ),
}
"""A client's answer that must alert the therapist, and the sentence the alert quotes, by language."""

CORRESPONDENCE = {
    "de-session": "Können wir den Termin am Donnerstag auf 15 Uhr verschieben?",
    "fr-session": "Pourrions-nous déplacer la séance de jeudi à 15 h ?",
    "es-session": "¿Podemos cambiar la cita del jueves a las 15?",
    "nl-session": "Kunnen we de afspraak van donderdag verzetten naar 15 uur?",
    "en-invoice": "Could you send me the invoice for November?",
    "en-thanks": "Thank you so much!",
}
"""A client's mail about something other than homework, by what it is about."""
