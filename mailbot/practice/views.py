"""Records as rows for the command line: the JSON fields scripts rely on, and a plain table."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, TextIO

from mailbot.core.adherence import Adherence, adherence
from mailbot.db.models import Assignment, AuditEvent, Client, OutgoingMessage, Reminder, Submission

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


def assignment_row(assignment: Assignment, now: datetime) -> dict[str, Any]:
    figures = assignment_adherence(assignment, now)
    return {
        "id": assignment.id,
        "client_id": assignment.client_id,
        "client_email": assignment.client.primary_email,
        "type": assignment.type,
        "title": assignment.title,
        "due_at": assignment.due_at,
        "status": assignment.status,
        "token": assignment.token,
        "occurrences": {"done": figures.handed_in, "total": len(assignment.occurrences)},
        "adherence": adherence_fields(figures),
    }


def adherence_fields(figures: Adherence) -> dict[str, Any]:
    """Adherence as the JSON fields ``assignment list`` and ``show`` give (and the brief)."""
    return {
        "handed_in": figures.handed_in,
        "due": figures.due,
        "late": figures.late,
        "missed": figures.missed,
        "excused": figures.excused,
        "summary": figures.summary(),
    }


def assignment_adherence(assignment: Assignment, now: datetime) -> Adherence:
    """The assignment's adherence at ``now`` (core.adherence: the digest's definition)."""
    return adherence(((o.due_at, o.status) for o in assignment.occurrences), now)


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


def assignment_detail(assignment: Assignment, now: datetime) -> dict[str, Any]:
    """An assignment with its settings and every occurrence."""
    row = assignment_row(assignment, now)
    return {
        **row,
        "instructions": assignment.instructions,
        "details": assignment.details,
        "progress": row["occurrences"],
        "closed_at": assignment.closed_at,
        "occurrences": [
            {"id": o.id, "due_at": o.due_at, "status": o.status, "set_by": o.set_by}
            for o in assignment.occurrences
        ],
    }


def print_assignment(record: dict[str, Any], tz: tzinfo) -> None:
    """``assignment show`` for a person: one labelled line per setting, then the days."""
    print(f"Assignment {record['id']}: {record['title']}")
    lines = [
        ("Client", record["client_email"]),
        ("Type", record["type"]),
        ("Token", record["token"]),
        ("Status", record["status"]),
        ("Closed", local_time(record["closed_at"], tz) if record["closed_at"] else None),
        ("First due", local_time(record["due_at"], tz)),
        ("Adherence", record["adherence"]["summary"]),
        ("Instructions", record["instructions"] or None),
        *((key.replace("_", " ").capitalize(), _setting(value)) for key, value in record["details"].items()),
    ]
    width = max(len(label) for label, _value in lines) + 1
    for label, value in lines:
        if value not in (None, ""):
            print(f"{label + ':':<{width}} {value}")
    print("Occurrences:")
    for o in record["occurrences"]:
        by = " (set by the therapist)" if o["set_by"] == "therapist" else ""
        due = o["due_at"].astimezone(tz).strftime("%a %Y-%m-%d %H:%M %Z")
        print(f"  {o['id']:>6}  {due}  {o['status']}{by}")


def _setting(value: Any) -> str:
    """A setting as words: a ladder's steps as "step (SUDS n)", lists joined, no Python repr."""
    if isinstance(value, list):
        return "; ".join(_setting(v) for v in value) or "-"
    if isinstance(value, dict):
        if set(value) == {"step", "suds"}:
            return f"{value['step']} (SUDS {value['suds']})"
        return ", ".join(f"{k.replace('_', ' ')} {_setting(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def submission_detail(submission: Submission) -> dict[str, Any]:
    """A submission with the client's text and the answers parsed from it."""
    return {
        **submission_row(submission),
        "fields": submission.fields,
        "text": submission.text,
        "new_text": submission.new_text,
        "defects": submission.defects,
    }


def print_record(record: dict[str, Any], tz: tzinfo | None = None) -> None:
    """One record as "key: value" lines; lists of objects one per line below their key."""
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{key}:")
            for item in value:
                print("  " + ", ".join(f"{k}={_cell(v, tz)}" for k, v in item.items()))
        elif isinstance(value, str) and "\n" in value:
            print(f"{key}:")
            print("  " + value.replace("\n", "\n  "))
        else:
            print(f"{key}: {_cell(value, tz)}")


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], tz: tzinfo | None = None) -> None:
    """A plain, aligned table of ``columns``; "(none)" when there are no rows."""
    if not rows:
        print("(none)")
        return
    cells = [[_cell(row.get(c), tz) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def local_time(moment: datetime, tz: tzinfo) -> str:
    """A moment as the therapist reads it: her local time with the zone's abbreviation."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def _cell(value: Any, tz: tzinfo | None = None) -> str:
    """One value for a table: times in the therapist's zone ``tz`` with its abbreviation."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return local_time(value, tz) if tz is not None else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "/".join(str(v) for v in value.values())
    return str(value)
