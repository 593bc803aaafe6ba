"""Records as rows for the command line: the JSON fields scripts rely on, and a plain table."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, TextIO

from mailbot.models import Assignment, AuditEvent, Client, OutgoingMessage, Reminder, Submission

# What a terminal may act on rather than show: C0 and C1 controls but the line break and the tab
# (ESC starts a sequence that can set the clipboard or the title; C1's CSI does the same alone),
# Unicode's line separators and the bidirectional overrides that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal could act on written as a JSON-style escape
    (ESC as ``\\u001b``): visible, and still valid inside a JSON string."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalSafe(io.TextIOBase):
    """A text stream that passes everything written to it through ``terminal_safe``: the one
    sanitiser every value the command line prints goes through, tables, records and messages."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def client_row(client: Client) -> dict[str, Any]:
    return {
        "id": client.id,
        "name": client.name,
        "emails": [e.address for e in client.emails],
        "timezone": client.timezone,
        "reminders": client.reminders,  # "on", "off" or "paused" (by the client, or by a risk alert)
        "paused_by": client.paused_by if client.reminders == "paused" else None,
    }


def assignment_row(assignment: Assignment) -> dict[str, Any]:
    occurrences = assignment.occurrences
    return {
        "id": assignment.id,
        "client_id": assignment.client_id,
        "client_email": assignment.client.primary_email,
        "type": assignment.type,
        "title": assignment.title,
        "due_at": assignment.due_at,
        "status": assignment.status,
        "token": assignment.token,
        "occurrences": {
            "done": sum(1 for o in occurrences if o.status in ("done", "late")),
            "total": len(occurrences),
        },
    }


def submission_row(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.id,
        "client_id": submission.client_id,
        "client_email": submission.from_address,
        "assignment_id": submission.assignment_id,
        "occurrence_id": submission.occurrence_id,
        "message_id": submission.message_id,
        "subject": submission.subject,
        "received_at": submission.received_at,
        "matched_by": submission.matched_by,
        "status": submission.status,
        "kind": submission.kind,  # "answer" (fulfils an occurrence) or "note" (a question, ...)
        "flags": list(submission.flags or []),  # "risk": a worrying message
        "reason": submission.triage_reason,
        "attachments": [a.filename for a in submission.attachments],
    }


def audit_row(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": event.at,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "detail": event.detail,
    }


def reminder_row(reminder: Reminder, outgoing: OutgoingMessage | None, address: str) -> dict[str, Any]:
    return {
        "id": reminder.id,
        "client_email": address,
        "assignment_id": reminder.assignment_id,
        "occurrence_id": reminder.occurrence_id,
        "kind": reminder.kind,
        "scheduled_for": reminder.scheduled_for,
        "sent_at": outgoing.sent_at if outgoing else None,
        "status": outgoing.status if outgoing else "unknown",
    }


def assignment_detail(assignment: Assignment) -> dict[str, Any]:
    """An assignment with its settings and every occurrence."""
    return {
        **assignment_row(assignment),
        "instructions": assignment.instructions,
        "details": assignment.details,
        "progress": assignment_row(assignment)["occurrences"],
        "occurrences": [{"id": o.id, "due_at": o.due_at, "status": o.status} for o in assignment.occurrences],
    }


def submission_detail(submission: Submission) -> dict[str, Any]:
    """A submission with the client's text and the answers parsed from it."""
    return {
        **submission_row(submission),
        "fields": submission.fields,
        "text": submission.text,
        "new_text": submission.new_text,
        "defects": submission.defects,
    }


def print_record(record: dict[str, Any]) -> None:
    """One record as "key: value" lines; lists of objects one per line below their key."""
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{key}:")
            for item in value:
                print("  " + ", ".join(f"{k}={_cell(v)}" for k, v in item.items()))
        elif isinstance(value, str) and "\n" in value:
            print(f"{key}:")
            print("  " + value.replace("\n", "\n  "))
        else:
            print(f"{key}: {_cell(value)}")


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """A plain, aligned table of ``columns``; "(none)" when there are no rows."""
    if not rows:
        print("(none)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def local_time(moment: datetime, tz: tzinfo) -> str:
    """A moment as the therapist reads it: her local time with the zone's abbreviation."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "/".join(str(v) for v in value.values())
    return str(value)
