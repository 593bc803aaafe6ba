"""What the intake pass reads besides its problems (db.inbox_problems): the clients' addresses,
the assignments a message may be for, a submission by its dedupe key, the moves still to make,
the open folder problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Result,
    Row,
    ScalarResult,
    Table,
    bindparam,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from mailbot.db.models import (
    Assignment,
    Client,
    ClientEmail,
    Occurrence,
    Problem,
    Submission,
    SubmissionMove,
)

PENDING_MOVES = ("to_move", "folder_refused")
IN_BATCH = 500  # values one IN names at most: well under every database's limit


def client_addresses(session: Session) -> Result[str, int]:
    """(address, client) of every client address."""
    return session.execute(select(ClientEmail.address, ClientEmail.client_id))


AssignmentFacts = Row[int, int, str, str, str, str, datetime, dict[str, Any]]


def assignments_where(session: Session, clauses: Sequence[ColumnElement[bool]]) -> list[AssignmentFacts]:
    """(id, client_id, token, title, type, status, created_at, details) of the assignments that
    meet any of ``clauses``: the columns matching reads, as rows (not objects with their
    instructions, which a header batch read hundreds of)."""
    query = select(
        Assignment.id,
        Assignment.client_id,
        Assignment.token,
        Assignment.title,
        Assignment.type,
        Assignment.status,
        Assignment.created_at,
        Assignment.details,
    ).where(or_(*clauses))
    return list(session.execute(query))


def submission_by_key(session: Session, key: str) -> Submission | None:
    """The submission recorded for the message of this dedupe key, if any."""
    return session.scalars(select(Submission).where(Submission.dedupe_key == key)).first()


def submissions_by_keys(session: Session, keys: Sequence[str]) -> dict[str, Submission]:
    """The submissions recorded for the messages of these dedupe keys, by key: a group's
    look-ups in one query (per IN_BATCH keys) instead of one per message."""
    wanted = sorted(set(keys))
    found: dict[str, Submission] = {}
    for start in range(0, len(wanted), IN_BATCH):
        query = select(Submission).where(Submission.dedupe_key.in_(wanted[start : start + IN_BATCH]))
        found.update({s.dedupe_key: s for s in session.scalars(query)})
    return found


def client_folders(session: Session, ids: set[int]) -> dict[int, str]:
    """The folder of each of the clients ``ids``."""
    wanted = sorted(ids)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), IN_BATCH):
        rows = session.execute(
            select(Client.id, Client.folder).where(Client.id.in_(wanted[start : start + IN_BATCH]))
        )
        found.update({cid: folder for cid, folder in rows})
    return found


def crediting_assignments(session: Session, ids: set[int]) -> list[Row[int, str, str, dict[str, Any]]]:
    """(id, client's time zone, status, details) of the assignments ``ids``."""
    found: list[Row[int, str, str, dict[str, Any]]] = []
    wanted = sorted(ids)
    for start in range(0, len(wanted), IN_BATCH):
        found.extend(
            session.execute(
                select(Assignment.id, Client.timezone, Assignment.status, Assignment.details)
                .join(Client, Client.id == Assignment.client_id)
                .where(Assignment.id.in_(wanted[start : start + IN_BATCH]))
            )
        )
    return found


def crediting_occurrences(
    session: Session, assignment_ids: set[int]
) -> list[tuple[int, int, datetime, str, str | None]]:
    """(assignment, id, due time, status, set by) of the occurrences of ``assignment_ids``, by
    due time within each assignment.

    A backlog's groups read a few thousand of these each: fetched whole, their due times made
    aware here by one ``replace`` each rather than by UTCDateTime's call per value, they cost
    about a third less to read."""
    found: list[tuple[int, int, datetime, str, str | None]] = []
    wanted = sorted(assignment_ids)
    due_at = type_coerce(Occurrence.due_at, DateTime())  # naive UTC as stored; made aware below
    for start in range(0, len(wanted), IN_BATCH):
        rows = session.execute(
            select(Occurrence.assignment_id, Occurrence.id, due_at, Occurrence.status, Occurrence.set_by)
            .where(Occurrence.assignment_id.in_(wanted[start : start + IN_BATCH]))
            .order_by(Occurrence.assignment_id, Occurrence.due_at)
        ).all()
        found.extend(
            [(aid, oid, due.replace(tzinfo=UTC), status, set_by) for aid, oid, due, status, set_by in rows]
        )
    return found


def set_occurrence_statuses(session: Session, statuses: Mapping[int, str]) -> None:
    """Set each occurrence's status, in one executemany UPDATE."""
    if not statuses:
        return
    table = cast(Table, Occurrence.__table__)
    statement = update(table).where(table.c.id == bindparam("occurrence")).values(status=bindparam("new"))
    session.execute(statement, [{"occurrence": oid, "new": status} for oid, status in statuses.items()])


def moves_pending(session: Session, folder: str, uidvalidity: int) -> Result[int, int, str, str, str | None]:
    """(id, UID, status, client folder, Message-ID) of the submissions of this folder (as it is
    now) still to move."""
    return session.execute(
        select(
            Submission.id,
            Submission.source_uid,
            Submission.status,
            Client.folder,
            Submission.message_id,
        )
        .join(SubmissionMove, SubmissionMove.submission_id == Submission.id)
        .outerjoin(Client, Client.id == Submission.client_id)
        .where(
            SubmissionMove.imap_state.in_(PENDING_MOVES),
            Submission.source_folder == folder,
            Submission.source_uidvalidity == uidvalidity,
        )
    )


def open_folder_problems(session: Session) -> ScalarResult[Problem]:
    """The folders the server refused, as open problems."""
    return session.scalars(select(Problem).where(Problem.kind == "folder", Problem.resolved.is_(False)))
