"""Setting homework: the assignment with its occurrences, and the email that tells the client.

The email carries the token in its subject and a recorded Message-ID, so the client's reply
matches by thread; it is recorded before it is sent and never sent twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.homework.registry import get_type
from mailbot.core.homework_block import HomeworkRequest
from mailbot.core.schedule import RuleError, due_times
from mailbot.db.models import Assignment, Client, OutgoingMessage
from mailbot.db.records import create_assignment
from mailbot.errors import UsageError
from mailbot.mail.compose import build_message, new_message_id, render, template_environment


@dataclass(frozen=True)
class Plan:
    """What the therapist asked for on the command line."""

    type: str
    title: str
    instructions: str
    first_due: datetime
    repeat: str | None
    until: Any  # date | None
    count: int | None
    details: Mapping[str, Any]


def plan_assignment(session: Session, now: datetime, client: Client, plan: Plan) -> Assignment:
    """Create the assignment and one occurrence per due time."""
    try:
        dues = due_times(plan.first_due, ZoneInfo(client.timezone), plan.repeat, plan.until, plan.count)
    except RuleError as exc:
        raise UsageError(f"--repeat: {exc}.") from None
    details = dict(plan.details)
    if plan.repeat:
        details["repeat"] = plan.repeat
    return create_assignment(session, now, client, plan.type, plan.title, plan.instructions, dues, details)


def plan_of(request: HomeworkRequest) -> Plan:
    """The Plan a homework block asks for, as ``mailbot assign`` would make it."""
    return Plan(
        type=request.type,
        title=request.title,
        instructions=request.instructions,
        first_due=request.first_due,
        repeat=request.repeat,
        until=request.until,
        count=request.count,
        details=request.details,
    )


def adopt_written_email(
    session: Session,
    now: datetime,
    client: Client,
    request: HomeworkRequest,
    message_id: str,
    sent_at: datetime,
) -> Assignment:
    """Set the homework the therapist wrote to ``client`` herself: the assignment, with her mail
    (``message_id``) recorded as its sent assignment email, so that the client's reply matches
    by thread and reminders thread under it, as under one mailbot sent."""
    assignment = plan_assignment(session, now, client, plan_of(request))
    session.add(
        OutgoingMessage(
            message_id=message_id,
            kind="assignment",
            client_id=client.id,
            assignment_id=assignment.id,
            created_at=sent_at,
            sent_at=sent_at,
            status="sent",
        )
    )
    return assignment


def assignment_email(config: Config, assignment: Assignment, now: datetime) -> EmailMessage:
    """The email that sets the homework: text and HTML, the token in the subject."""
    client = assignment.client
    tz = ZoneInfo(client.timezone)
    homework = get_type(assignment.type)
    details = assignment.details
    context = {
        "therapist": config.therapist,
        "client": {"name": client.name, "first_name": client.name.split()[0]},
        "assignment": assignment,
        "type_label": homework.label,
        "details": details,
        "fields": homework.fields(details),
        "due_local": [o.due_at.astimezone(tz) for o in assignment.occurrences],
        "repeat": details.get("repeat"),
        "timezone": client.timezone,
    }
    env = template_environment(config.templates_dir)
    kind = assignment.type
    text = render(env, [f"assignment/{kind}.txt.j2", "assignment/default.txt.j2"], context)
    html = render(env, [f"assignment/{kind}.html.j2", "assignment/default.html.j2"], context)
    if config.homework.subject_shows_title:
        subject = f"Homework: {assignment.title} [{assignment.token}]"
    else:
        subject = f"Your homework from {config.therapist.name} [{assignment.token}]"
    return build_message(
        sender=Address(config.therapist.name, addr_spec=config.therapist.email),
        to=[Address(client.name, addr_spec=client.primary_email)],
        subject=subject,
        text=text,
        html=html,
        message_id=new_message_id(config.therapist.email),
        date=now,
        kind="assignment",
    )
