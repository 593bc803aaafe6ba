"""The facts the daily digest is built from: plain values the shell reads (never ORM
objects), each one row of what the database says."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ClientFact:
    client_id: int
    name: str
    created_at: datetime
    reminders: str  # on, off, paused
    has_open_work: bool  # at least one open assignment
    last_submission_at: datetime | None  # the latest within the facts' window (28 days)


@dataclass(frozen=True)
class FeedbackFact:
    """Feedback still owed on a filed submission."""

    submission_id: int
    client_name: str
    what: str  # the assignment's title
    received_at: datetime
    due_at: datetime


@dataclass(frozen=True)
class SubmissionFact:
    """A submission filed since the last digest."""

    submission_id: int
    client_name: str
    what: str
    received_at: datetime
    late: bool  # it fulfilled its occurrence after the due time
    attachments: int


@dataclass(frozen=True)
class TriageFact:
    submission_id: int
    sender: str  # the client's name, else the address it came from
    subject: str
    received_at: datetime
    reason: str
    named: int | None  # the assignment a thread or token pointed at, if any
    options: tuple[tuple[int, str], ...]  # the client's open assignments: (id, title)
    from_client: bool = True  # sent from one of a client's recorded addresses

    @property
    def command(self) -> str:
        """The mail command that files it: to the assignment it names, else to the client's only
        open assignment, else with ``<assignment>`` for the therapist to choose. Nothing for mail
        from an address that is not the client's: filing it needs ``--trust-sender``, which the
        therapist should type only after checking with the client, not copy from a digest."""
        if not self.from_client:
            return ""
        known = [self.named] if self.named is not None else [i for i, _title in self.options]
        return f"triage {self.submission_id} to {known[0] if len(known) == 1 else '<assignment>'}"

    @property
    def actions(self) -> tuple[tuple[str, str], ...]:
        """Each mail command that files it, with the assignment's title: one per candidate; none
        for mail from an address that is not the client's (see ``command``)."""
        if not self.from_client:
            return ()
        titles = dict(self.options)
        known = [self.named] if self.named is not None else list(titles)
        return tuple((f"triage {self.submission_id} to {i}", titles.get(i, f"assignment {i}")) for i in known)


@dataclass(frozen=True)
class OccurrenceFact:
    assignment_id: int
    client_id: int
    client_name: str
    title: str
    due_at: datetime
    status: str  # open, done, late, missed
    assignment_open: bool


@dataclass(frozen=True)
class AnswerFact:
    """The parsed entries of one filed submission of a rated homework type."""

    client_name: str
    assignment_id: int
    title: str
    type: str
    received_at: datetime
    entries: tuple[Mapping[str, Any], ...]
    stage: int | None = None  # a mood log's stage (1: record, 2: add balanced thoughts)


@dataclass(frozen=True)
class ReminderFact:
    client_name: str
    what: str
    kind: str  # before, due, nudge
    at: datetime
    status: str  # sent, failed, unknown, pending


@dataclass(frozen=True)
class ProblemFact:
    kind: str  # "message", a job's name (problem_kinds.Job), "send", ...
    at: datetime
    reason: str
