"""The facts the session brief is made of, as the shell reads them: plain values, UTC times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mailbot.core.attention import alert_done_command


@dataclass(frozen=True)
class OccurrenceFact:
    occurrence_id: int
    due_at: datetime
    status: str  # open, done, late, missed, excused


@dataclass(frozen=True)
class AssignmentFact:
    assignment_id: int
    type: str
    title: str
    status: str  # open, closed
    details: Mapping[str, Any]  # rationale, obstacles, stage, steps, current, questions, ...
    occurrences: tuple[OccurrenceFact, ...]  # every one: ``assignment show``'s adherence needs all


@dataclass(frozen=True)
class AttachmentFact:
    attachment_id: int
    submission_id: int
    name: str  # the safe name it is stored under
    content_type: str
    size: int
    received_at: datetime

    @property
    def is_image(self) -> bool:
        return self.content_type.lower() in ("image/png", "image/jpeg", "image/gif", "image/webp")


@dataclass(frozen=True)
class AnswerFact:
    """One filed answer of the client's: its parsed entries and the files it carried."""

    submission_id: int
    assignment_id: int
    received_at: datetime
    entries: tuple[Mapping[str, Any], ...]
    attachments: tuple[AttachmentFact, ...] = field(default=())


@dataclass(frozen=True)
class AlertFact:
    """A worrying message: open ones whenever they came, and any that came in the period."""

    alert_id: int
    received_at: datetime
    sentence: str  # the client's words that matched
    state: str  # open, replied, done
    submission_id: int | None

    @property
    def command(self) -> str:
        return alert_done_command(self.alert_id)


@dataclass(frozen=True)
class NoteFact:
    """A note or question the client sent (fulfils no homework) that has no reply yet."""

    submission_id: int
    received_at: datetime
    title: str  # the assignment it was about
    text: str  # the client's new words, capped

    @property
    def command(self) -> str:
        """The mail command that marks it answered."""
        return f"done {self.submission_id}"
