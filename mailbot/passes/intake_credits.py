"""Crediting one group's answers from plain rows: the occurrences of the assignments the
group answers, read in two queries, credited in memory by practice.crediting's rule, and the
statuses that changed written in one executemany UPDATE.

Loading those assignments as mapped objects (a few thousand occurrences per group of a
backlog) cost intake more CPU than anything else it did with the database. The rows live in
the group's transaction only: a retry of the group reads them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from mailbot.core.lifecycle import finished
from mailbot.db import intake_queries
from mailbot.db.models import Assignment
from mailbot.practice.crediting import credit_occurrences
from mailbot.practice.lifecycle import close_if_finished


@dataclass(eq=False, slots=True)
class _Occurrence:
    id: int
    due_at: datetime
    status: str
    set_by: str | None


@dataclass
class _Schedule:
    """One assignment as crediting needs it; its occurrences by due time."""

    timezone: str
    open: bool
    repeats: bool
    occurrences: list[_Occurrence] = field(default_factory=list)


class GroupCredits:
    """The schedules of the assignments a group's answers are for, changed as they are credited."""

    def __init__(self, schedules: dict[int, _Schedule]):
        self._schedules = schedules
        self._changed: dict[int, str] = {}  # occurrence id -> its new status, not yet written

    @classmethod
    def load(cls, session: Session, assignment_ids: set[int]) -> GroupCredits:
        rows = intake_queries.crediting_assignments(session, assignment_ids)
        schedules = {
            aid: _Schedule(timezone, status == "open", "repeat" in (details or {}))
            for aid, timezone, status, details in rows
        }
        for aid, oid, due_at, status, set_by in intake_queries.crediting_occurrences(session, set(schedules)):
            schedules[aid].occurrences.append(_Occurrence(oid, due_at, status, set_by))
        return cls(schedules)

    def credit(
        self,
        session: Session,
        assignment_id: int,
        received_at: datetime,
        fields: list[dict[str, Any]],
        grace: timedelta,
    ) -> tuple[list[int], list[dict[str, Any]]] | None:
        """practice.crediting.credit for an assignment loaded here (None for any other): the
        occurrence ids credited and the dated entries. An assignment this answer finishes is
        closed as credit closes it, its changed occurrences written first."""
        schedule = self._schedules.get(assignment_id)
        if schedule is None:
            return None
        before = [o.status for o in schedule.occurrences]
        credited, entries = credit_occurrences(
            schedule.occurrences, ZoneInfo(schedule.timezone), received_at, fields, grace
        )
        for occurrence, status in zip(schedule.occurrences, before, strict=True):
            if occurrence.status != status:
                self._changed[occurrence.id] = occurrence.status
        statuses = [o.status for o in schedule.occurrences]
        if schedule.open and finished(schedule.repeats, statuses):
            self.write(session)
            assignment = session.get(Assignment, assignment_id)
            assert assignment is not None
            close_if_finished(session, received_at, assignment)
            schedule.open = assignment.status == "open"
        return [o.id for o in credited], entries

    def write(self, session: Session) -> None:
        """Write the statuses credited since the last write."""
        changed, self._changed = self._changed, {}
        intake_queries.set_occurrence_statuses(session, changed)
