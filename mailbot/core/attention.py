"""What the digest puts first: worrying messages, clients' questions, their other mail, and the
decisions that are the therapist's alone. Pure, over plain facts the shell reads.

  - "Read first": every risk alert still open (not replied to, not marked done), oldest first;
  - "Clients asked": notes (questions, "I couldn't do it") filed since the last digest;
  - "Other mail from clients": one line per client mail left in the inbox as correspondence;
  - "Your decisions": what a draft must never say to a client (advance the ladder? switch the
    mood log to stage 2?), with the command that does it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


def alert_done_command(alert_id: int) -> str:
    """The command that marks a risk alert handled: shown by the digest and the brief alike."""
    return f"mailbot alert done {alert_id}"


@dataclass(frozen=True)
class AlertFact:
    alert_id: int
    client_name: str
    received_at: datetime
    submission_id: int | None

    @property
    def command(self) -> str:
        return alert_done_command(self.alert_id)


@dataclass(frozen=True)
class NoteFact:
    submission_id: int
    client_name: str
    what: str  # the assignment's title
    received_at: datetime


@dataclass(frozen=True)
class OtherMailFact:
    client_name: str
    at: datetime  # when mailbot saw it

    @property
    def line(self) -> str:
        return f"{self.client_name} wrote about something else; it is in your inbox"


@dataclass(frozen=True)
class WorkFact:
    """An answer filed since the last digest, with its assignment's settings."""

    client_name: str
    assignment_id: int
    title: str
    type: str
    details: Mapping[str, Any]


@dataclass(frozen=True)
class Decision:
    client_name: str
    title: str
    question: str
    command: str


@dataclass(frozen=True)
class Attention:
    read_first: list[AlertFact] = field(default_factory=list)
    asked: list[NoteFact] = field(default_factory=list)
    other_mail: list[OtherMailFact] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)


def build_attention(
    tz: ZoneInfo,
    alerts: Sequence[AlertFact] = (),
    notes: Sequence[NoteFact] = (),
    other_mail: Sequence[OtherMailFact] = (),
    work: Sequence[WorkFact] = (),
) -> Attention:
    return Attention(
        read_first=[
            replace(a, received_at=a.received_at.astimezone(tz)) for a in sorted(alerts, key=_received)
        ],
        asked=[replace(n, received_at=n.received_at.astimezone(tz)) for n in sorted(notes, key=_received)],
        other_mail=[replace(m, at=m.at.astimezone(tz)) for m in sorted(other_mail, key=lambda m: m.at)],
        decisions=decisions(work),
    )


def decisions(work: Sequence[WorkFact]) -> list[Decision]:
    """One question per assignment that had answers: the next ladder step, or stage 2."""
    found: dict[int, Decision] = {}
    for w in work:
        decision = _decision(w)
        if decision is not None:
            found[w.assignment_id] = decision
    return list(found.values())


def _decision(w: WorkFact) -> Decision | None:
    if w.type == "exposure":
        steps = w.details.get("steps") or []
        current = int(w.details.get("current", 0) or 0)
        if current + 1 < len(steps):
            step = steps[current + 1].get("step", "the next step")
            return Decision(
                w.client_name,
                w.title,
                f'advance the ladder to "{step}"?',
                f"mailbot exposure advance {w.assignment_id}",
            )
        return Decision(w.client_name, w.title, "the top step of the ladder: plan what comes next", "")
    if w.type == "mood-log" and w.details.get("stage", 1) != 2:
        return Decision(
            w.client_name,
            w.title,
            "switch the mood log to stage 2 (balanced thoughts)?",
            f"mailbot assignment stage {w.assignment_id} 2",
        )
    return None


def _received(fact: AlertFact | NoteFact) -> datetime:
    return fact.received_at
