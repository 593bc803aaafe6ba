"""Reading and writing mailbot's records: clients, assignments, submissions, the audit log.

Functions take an open Session and the time; committing is the caller's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from mailbot.core.clients import folder_label, free_folder, normal_address
from mailbot.core.tokens import new_token
from mailbot.db.models import (
    Assignment,
    AuditEvent,
    Client,
    ClientEmail,
    Occurrence,
    OutgoingMessage,
    Reminder,
    Submission,
)
from mailbot.errors import UsageError


def audit(
    session: Session, now: datetime, action: str, entity: str, entity_id: int | None, detail: str = ""
) -> None:
    """Record what the bot did. ``detail`` holds ids and outcomes only, never client content."""
    session.add(AuditEvent(at=now, action=action, entity=entity, entity_id=entity_id, detail=detail))


SERVER_SAID = "; the server said: "  # in the audit detail of a refused message, before its words


def said_in(detail: str) -> str | None:
    """The server's words kept in a refused message's audit detail (sending.deliver writes them)."""
    return detail.split(SERVER_SAID, 1)[1] if SERVER_SAID in detail else None


def normalize_address(address: str) -> str:
    """The address as kept (core.clients.normal_address); a UsageError when it is none."""
    normal = normal_address(address)
    if normal is None:
        raise UsageError(
            f"{address.strip().lower()!r} is not an email address; write it like ada@example.org."
        )
    return normal


def add_client(session: Session, now: datetime, name: str, emails: Sequence[str], timezone: str) -> Client:
    addresses = list(dict.fromkeys(normalize_address(e) for e in emails))
    if not addresses:
        raise UsageError("A client needs at least one --email address.")
    taken = session.scalars(select(ClientEmail.address).where(ClientEmail.address.in_(addresses))).first()
    if taken:
        raise UsageError(f"{taken} already belongs to another client; see: mailbot client list.")
    if not name.strip():
        raise UsageError("--name must not be empty.")
    label = folder_label(name)
    folder = free_folder(
        label, set(session.scalars(select(Client.folder).where(Client.folder.startswith(label))))
    )
    client = Client(
        name=name.strip(),
        timezone=timezone,
        folder=folder,
        created_at=now,
        emails=[ClientEmail(address=a) for a in addresses],
    )
    session.add(client)
    session.flush()
    audit(session, now, "client_added", "client", client.id)
    return client


def find_client(session: Session, ref: str) -> Client:
    """A client by id or by any of their addresses."""
    ref = ref.strip()
    client: Client | None
    if ref.isdigit():
        client = session.get(Client, int(ref))
    else:
        client = session.scalars(
            select(Client).join(ClientEmail).where(ClientEmail.address == ref.lower())
        ).first()
    if client is None:
        raise UsageError(f"No client {ref!r}; give a client id or address from: mailbot client list.")
    return client


def list_clients(session: Session) -> list[Client]:
    return list(session.scalars(select(Client).options(selectinload(Client.emails)).order_by(Client.id)))


def create_assignment(
    session: Session,
    now: datetime,
    client: Client,
    type_: str,
    title: str,
    instructions: str,
    due_times: Sequence[datetime],
    details: dict[str, Any] | None = None,
) -> Assignment:
    """A new assignment with one occurrence per due time and a fresh token."""
    if not title.strip():
        raise UsageError("--title must not be empty.")
    taken = set(session.scalars(select(Assignment.token)))
    assignment = Assignment(
        client=client,
        type=type_,
        title=title.strip(),
        instructions=instructions,
        token=new_token(taken),
        status="open",
        due_at=min(due_times),
        created_at=now,
        details=details or {},
        occurrences=[Occurrence(due_at=due, status="open") for due in sorted(set(due_times))],
    )
    session.add(assignment)
    session.flush()
    audit(
        session,
        now,
        "assignment_created",
        "assignment",
        assignment.id,
        f"occurrences={len(assignment.occurrences)}",
    )
    return assignment


def find_assignment(session: Session, ref: str) -> Assignment:
    ref = ref.strip()
    assignment: Assignment | None
    if ref.isdigit():
        assignment = session.get(Assignment, int(ref))
    else:
        assignment = session.scalars(select(Assignment).where(Assignment.token == ref.upper())).first()
    if assignment is None:
        raise UsageError(f"No assignment {ref!r}; see: mailbot assignment list.")
    return assignment


def list_assignments(
    session: Session, client: Client | None = None, status: str | None = None
) -> list[Assignment]:
    query = (
        select(Assignment)
        .options(
            selectinload(Assignment.client).selectinload(Client.emails),
            selectinload(Assignment.occurrences),
        )
        .order_by(Assignment.id)
    )
    if client is not None:
        query = query.where(Assignment.client_id == client.id)
    if status is not None:
        query = query.where(Assignment.status == status)
    return list(session.scalars(query))


def list_submissions(
    session: Session, status: str | None = None, client: Client | None = None
) -> list[Submission]:
    query = select(Submission).options(selectinload(Submission.attachments)).order_by(Submission.id)
    if status is not None:
        query = query.where(Submission.status == status)
    if client is not None:
        query = query.where(Submission.client_id == client.id)
    return list(session.scalars(query))


def find_submission(session: Session, ref: str) -> Submission:
    submission = session.get(Submission, int(ref)) if ref.strip().isdigit() else None
    if submission is None:
        raise UsageError(f"No submission {ref!r}; see: mailbot submission list.")
    return submission


def list_reminders(session: Session) -> list[tuple[Reminder, OutgoingMessage | None, str]]:
    """Every recorded reminder with its email's record and the client's address."""
    rows = session.execute(
        select(Reminder, OutgoingMessage, ClientEmail.address)
        .outerjoin(OutgoingMessage, Reminder.outgoing_id == OutgoingMessage.id)
        .join(Client, Reminder.client_id == Client.id)
        .join(ClientEmail, ClientEmail.client_id == Client.id)
        .order_by(Reminder.id, ClientEmail.id)
    ).all()
    seen: dict[int, tuple[Reminder, OutgoingMessage | None, str]] = {}
    for reminder, outgoing, address in rows:
        seen.setdefault(reminder.id, (reminder, outgoing, address))
    return list(seen.values())


def clear_bounce(session: Session, now: datetime, address: str) -> str:
    """Allow mail to ``address`` again after a delivery failure."""
    row = session.scalars(select(ClientEmail).where(ClientEmail.address == address.strip().lower())).first()
    if row is None:
        raise UsageError(f"No client has the address {address!r}; see: mailbot client list.")
    row.bounced_at = None
    audit(session, now, "bounce_cleared", "client", row.client_id)
    return row.address


def list_audit(session: Session, limit: int | None = None) -> list[AuditEvent]:
    """The audit log, oldest first; with ``limit``, only the newest entries."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if limit:
        query = query.limit(limit)
    return list(reversed(list(session.scalars(query))))


def outgoing_ids(session: Session, message_ids: Iterable[str]) -> dict[str, int | None]:
    """Of ``message_ids``, those of messages mailbot wrote, each mapped to the assignment it was
    about (None for a digest or a draft)."""
    wanted = sorted(set(message_ids))
    found: dict[str, int | None] = {}
    for start in range(0, len(wanted), 500):  # bounded: a flood of ids must not become one huge query
        rows = session.execute(
            select(OutgoingMessage.message_id, OutgoingMessage.assignment_id).where(
                OutgoingMessage.message_id.in_(wanted[start : start + 500])
            )
        )
        found.update({mid: aid for mid, aid in rows})
    return found


def count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)
