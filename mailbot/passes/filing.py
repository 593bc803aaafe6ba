"""A group's new submissions written in bulk: one INSERT per table for the whole group.

Intake decides message by message, but writing each message's rows through the ORM's unit of
work (an object graph, a flush, a SAVEPOINT) was most of a backlog's database cost
(docs/benchmarks.md). Here a submission is a row of plain values until the group is written:
the submissions in one executemany ``INSERT ... RETURNING id`` (SQLite 3.35+ and PostgreSQL),
then their attachments, credits, feedback and audit rows, each table in one executemany. The
rows are written in the transaction that records the group, so they commit, or vanish, with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from mailbot.db.intake_queries import IN_BATCH
from mailbot.db.models import AuditEvent, Credit, Feedback, StoredAttachment, Submission, SubmissionMove
from mailbot.files import StoredFile


@dataclass
class NewSubmission:
    """One submission to write: its row, and what hangs on it."""

    values: dict[str, Any]  # the submission's columns, by name (no id: the database gives it)
    # Its message is "to_move" (SubmissionMove) until intake_moves has moved it.
    files: Sequence[StoredFile]
    credits: Sequence[int]  # occurrence ids
    feedback_due: datetime | None  # a filed submission opens its feedback, due then
    reason: str  # the audit row's detail


class NewRows:
    """The new submissions of one group, held until ``write``."""

    def __init__(self, now: datetime):
        self.now = now
        self._pending: list[NewSubmission] = []
        self._keys: set[str] = set()
        self._added: set[str] = set()  # every key added, written since or not

    def add(self, row: NewSubmission) -> None:
        self._pending.append(row)
        self._keys.add(row.values["dedupe_key"])
        self._added.add(row.values["dedupe_key"])

    def holds(self, dedupe_key: str) -> bool:
        """Whether a submission with this key waits to be written."""
        return dedupe_key in self._keys

    def added(self, dedupe_key: str) -> bool:
        """Whether a submission with this key was added, whether written yet or not."""
        return dedupe_key in self._added

    def write(self, session: Session) -> list[int]:
        """Insert what waits, in order; the new submissions' ids, in the same order."""
        pending, self._pending, self._keys = self._pending, [], set()
        if not pending:
            return []
        ids = insert_keyed(session, Submission, "dedupe_key", [p.values for p in pending])
        moves = [{"submission_id": sub_id, "imap_state": "to_move"} for sub_id in ids]  # not moved yet
        attachments = [
            _attachment(sub_id, f) for sub_id, p in zip(ids, pending, strict=True) for f in p.files
        ]
        credits = [
            {"submission_id": sub_id, "occurrence_id": occ}
            for sub_id, p in zip(ids, pending, strict=True)
            for occ in p.credits
        ]
        feedback = [
            {"submission_id": sub_id, "due_at": p.feedback_due, "open": True}
            for sub_id, p in zip(ids, pending, strict=True)
            if p.feedback_due is not None
        ]
        audits = [
            {
                "at": self.now,
                "action": f"submission_{p.values['status']}",
                "entity": "submission",
                "entity_id": sub_id,
                "detail": p.reason,
            }
            for sub_id, p in zip(ids, pending, strict=True)
        ]
        for model, rows in (
            (SubmissionMove, moves),
            (StoredAttachment, attachments),
            (Credit, credits),
            (Feedback, feedback),
            (AuditEvent, audits),
        ):
            if rows:
                session.execute(insert(_table(model)), rows)
        return ids


def insert_keyed(session: Session, model: type[Any], key: str, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``model``'s table in one executemany INSERT, then read their ids back
    by ``key``, a unique column they all carry (a submission's dedupe key, a draft's Message-ID):
    the ids in the rows' order.

    For an executemany INSERT ... RETURNING in the rows' order SQLAlchemy sends SQLite one
    statement per row; a plain executemany and one indexed SELECT per IN_BATCH keys cost 15 %
    less CPU for intake's groups (the rows' own writing, a text of some kilobytes each, is
    most of what remains)."""
    table = _table(model)
    session.execute(insert(table), rows)
    column = table.c[key]
    keys = [row[key] for row in rows]
    found: dict[Any, int] = {}
    for start in range(0, len(keys), IN_BATCH):
        query = select(column, table.c.id).where(column.in_(keys[start : start + IN_BATCH]))
        found.update({k: int(i) for k, i in session.execute(query)})
    return [found[k] for k in keys]


def _attachment(submission_id: int, f: StoredFile) -> dict[str, Any]:
    return {
        "submission_id": submission_id,
        "filename": f.filename,
        "original_name": f.original_name,
        "content_type": f.content_type,
        "size": f.size,
        "path": str(f.path),
    }


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)
