"""The inbox's problems: a message that failed is recorded, tried again a few times, then left.

Each failure is one open ``Problem`` per message of the folder as it is now (its UIDVALIDITY),
counting its attempts; a later pass that files the message resolves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from mailbot.db.models import Problem
from mailbot.db.records import audit

MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class InboxProblems:
    """The message problems of one folder under one UIDVALIDITY."""

    folder: str
    uidvalidity: int

    def retry(self, session: Session) -> list[int]:
        """UIDs of earlier failures worth another try."""
        found = session.scalars(
            select(Problem.uid).where(
                *self._of_folder(),
                Problem.resolved.is_(False),
                Problem.attempts < MAX_ATTEMPTS,
                Problem.uid.is_not(None),
            )
        )
        return [uid for uid in found if uid is not None]

    def failed_before(self, session: Session, uids: Sequence[int]) -> set[int]:
        """Which of ``uids`` failed in an earlier pass (one query for the batch)."""
        found = session.scalars(select(Problem.uid).where(*self._of_folder(), Problem.uid.in_(list(uids))))
        return {uid for uid in found if uid is not None}

    def record(self, session: Session, now: datetime, uid: int, reason: str) -> None:
        problem = self._problem(session, uid)
        if problem is None:
            session.add(
                Problem(
                    at=now,
                    kind="message",
                    folder=self.folder,
                    uidvalidity=self.uidvalidity,
                    uid=uid,
                    reason=reason[:2000],
                    attempts=1,
                )
            )
        else:
            problem.attempts += 1
            problem.at, problem.reason = now, reason[:2000]
        audit(session, now, "message_failed", "message", uid, reason.split(":", 1)[0])

    def resolve(self, session: Session, uid: int) -> None:
        problem = self._problem(session, uid)
        if problem is not None:
            problem.resolved = True

    def _problem(self, session: Session, uid: int) -> Problem | None:
        return session.scalars(select(Problem).where(*self._of_folder(), Problem.uid == uid)).first()

    def _of_folder(self) -> tuple[ColumnElement[bool], ...]:
        """The Problems recorded for messages of the folder as it is now (its UIDVALIDITY)."""
        return (
            Problem.kind == "message",
            Problem.folder == self.folder,
            Problem.uidvalidity == self.uidvalidity,
        )
