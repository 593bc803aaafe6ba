"""The life of an assignment and the client's sessions: close, renew, set the next session.

Plain functions of an open Session and the time, so that the command line and commands the
therapist sends by mail do the same thing. Committing is the caller's business. A user's
mistake raises UsageError with one sentence saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailbot.core import lifecycle as rules
from mailbot.core.schedule import RuleError
from mailbot.db import practice_queries
from mailbot.db.models import Assignment, Client, Occurrence
from mailbot.db.records import audit, find_assignment, find_client
from mailbot.errors import UsageError

OCCURRENCE_STATUSES = ("done", "late", "missed", "excused")
CLOSED_EARLY = "close"  # Occurrence.set_by of a future occurrence excused because its assignment closed


def close_assignment(session: Session, now: datetime, ref: str | int, by: str = "therapist") -> Assignment:
    """Close an assignment: it no longer competes in matching and gets no reminders. Its
    occurrences still to come are excused (they count neither for nor against the client)."""
    assignment = find_assignment(session, str(ref))
    if assignment.status == "closed":
        raise UsageError(
            f"Assignment {assignment.id} is already closed; to continue it: mailbot assignment renew."
        )
    _close(session, now, assignment, by)
    for occurrence in assignment.occurrences:
        if occurrence.status == "open" and occurrence.due_at > now:
            occurrence.status, occurrence.set_by = "excused", CLOSED_EARLY
    return assignment


def renew_assignment(
    session: Session, now: datetime, ref: str | int, until: date | None = None, count: int | None = None
) -> list[Occurrence]:
    """Continue an assignment, same token and thread: more occurrences after its last one, up to
    the local date ``until`` or ``count`` more; it is open again, and its missed streak (which
    stops reminders) starts afresh. The new occurrences, oldest first."""
    assignment = find_assignment(session, str(ref))
    tz = ZoneInfo(assignment.client.timezone)
    for occurrence in assignment.occurrences:  # closed early: what was still to come is owed again
        if occurrence.set_by == CLOSED_EARLY and occurrence.due_at > now:
            occurrence.status, occurrence.set_by = "open", None
    occurrences = sorted(assignment.occurrences, key=lambda o: o.due_at)
    try:
        dues = rules.renewal_due_times(
            assignment.due_at,
            occurrences[-1].due_at,
            tz,
            assignment.details.get("repeat"),
            len(occurrences),
            until,
            count,
        )
    except RuleError as exc:
        raise UsageError(f"Cannot renew assignment {assignment.id}: {exc}.") from None
    added = [Occurrence(due_at=due, status="open") for due in dues]
    assignment.occurrences.extend(added)
    assignment.status, assignment.closed_at, assignment.renewed_at = "open", None, now
    session.flush()
    audit(session, now, "assignment_renewed", "assignment", assignment.id, f"occurrences=+{len(added)}")
    return added


def set_next_session(session: Session, now: datetime, client: Client | str, when: datetime) -> Client:
    """The client's next session (aware); it must lie ahead."""
    found = client if isinstance(client, Client) else find_client(session, client)
    if when <= now:
        raise UsageError(
            "The next session must be in the future; give its date and time, e.g. 2026-12-03T15:00."
        )
    if found.next_session is not None and found.next_session <= now:
        found.last_session = found.next_session  # it took place: the brief counts from it
    found.next_session = when
    audit(session, now, "next_session_set", "client", found.id)
    return found


def set_sessions(session: Session, now: datetime, client: Client | str, rule: str) -> Client:
    """The client's regular sessions, as an RRULE with their time of day (BYHOUR), read in the
    client's time zone and counted from the day it is set."""
    found = client if isinstance(client, Client) else find_client(session, client)
    local = now.astimezone(ZoneInfo(found.timezone))
    try:
        found.sessions = rules.sessions_rule(rule, local)
    except RuleError as exc:
        raise UsageError(f"--sessions: {exc}.") from None
    audit(session, now, "sessions_set", "client", found.id)
    return found


def set_occurrence(session: Session, now: datetime, occurrence_id: int | str, status: str) -> Occurrence:
    """The therapist's word on one day: done, late, missed or excused (which counts neither for
    nor against). It is final: no answer or pass changes it afterwards."""
    if status not in OCCURRENCE_STATUSES:
        raise UsageError(f"{status!r} is not one of {', '.join(OCCURRENCE_STATUSES)}.")
    ref = str(occurrence_id).strip()
    occurrence = session.get(Occurrence, int(ref)) if ref.isdigit() else None
    if occurrence is None:
        raise UsageError(f"No occurrence {ref!r}; see the occurrences in: mailbot assignment show ID.")
    before = occurrence.status
    occurrence.status, occurrence.set_by = status, "therapist"
    audit(session, now, "occurrence_set", "occurrence", occurrence.id, f"{before} -> {status}")
    assignment = occurrence.assignment
    if assignment.status == "open":
        close_if_finished(session, now, assignment)
    return occurrence


def next_session(client: Client, now: datetime) -> datetime | None:
    """The client's next session after ``now`` (UTC), if one is known."""
    return rules.next_session(now, ZoneInfo(client.timezone), client.next_session, client.sessions)


def previous_session(client: Client, now: datetime) -> datetime | None:
    """The client's latest session by ``now`` (UTC), if one is known."""
    return rules.previous_session(
        now, ZoneInfo(client.timezone), client.next_session, client.last_session, client.sessions
    )


def close_finished(session: Session, now: datetime, assignment_ids: Iterable[int]) -> list[int]:
    """Close those of ``assignment_ids`` that are open and over (core.lifecycle.finished); their ids."""
    ids = sorted(set(assignment_ids))
    closed = []
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        for assignment in practice_queries.open_assignments_with_occurrences(session, batch):
            if close_if_finished(session, now, assignment):
                closed.append(assignment.id)
    return closed


def close_if_finished(session: Session, now: datetime, assignment: Assignment) -> bool:
    """Close ``assignment`` if it is over; whether it was."""
    statuses = [o.status for o in sorted(assignment.occurrences, key=lambda o: o.due_at)]
    if assignment.status != "open" or not rules.finished("repeat" in assignment.details, statuses):
        return False
    _close(session, now, assignment, "mailbot")
    return True


def _close(session: Session, now: datetime, assignment: Assignment, by: str) -> None:
    assignment.status, assignment.closed_at = "closed", now
    audit(session, now, "assignment_closed", "assignment", assignment.id, f"by the {by}")
