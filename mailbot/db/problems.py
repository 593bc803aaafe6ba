"""Problems the therapist sees in the digest: one item of a pass that failed while the rest went on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailbot.db.models import Problem


def record_problem(session: Session, now: datetime, kind: str, reason: str, item: int | None = None) -> None:
    """Record (or count again) an unresolved problem of ``kind`` with ``item`` (a record id).

    ``reason`` reaches the digest: ids, exception names and what mailbot did, never client words."""
    problem = session.scalars(
        select(Problem).where(
            Problem.kind == kind,
            Problem.folder.is_(None),
            Problem.uid == item if item is not None else Problem.uid.is_(None),
            Problem.resolved.is_(False),
        )
    ).first()
    if problem is None:
        session.add(Problem(at=now, kind=kind, uid=item, reason=reason[:2000], attempts=1))
    else:
        problem.attempts += 1
        problem.at, problem.reason = now, reason[:2000]
