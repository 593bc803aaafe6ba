"""What the intake pass reads besides its problems (db.inbox_problems): the clients' addresses,
the assignments a message may be for, a submission by its dedupe key, the moves still to make,
the open folder problems."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Result, ScalarResult, or_, select
from sqlalchemy.orm import Session, selectinload

from mailbot.db.models import Assignment, Client, ClientEmail, Problem, Submission

PENDING_MOVES = ("to_move", "folder_refused")
IN_BATCH = 500  # values one IN names at most: well under every database's limit


def client_addresses(session: Session) -> Result[str, int]:
    """(address, client) of every client address."""
    return session.execute(select(ClientEmail.address, ClientEmail.client_id))


def assignments_where(session: Session, clauses: Sequence[ColumnElement[bool]]) -> list[Assignment]:
    """The assignments that meet any of ``clauses``."""
    return list(session.scalars(select(Assignment).where(or_(*clauses))))


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


def assignments_for_crediting(session: Session, ids: Sequence[int]) -> list[Assignment]:
    """The assignments ``ids`` with their client and occurrences, in three queries. While the
    caller holds them, the session's identity map answers for them: crediting a group's answers
    then costs no query per message (loading each on first use cost three)."""
    wanted = sorted(set(ids))
    found: list[Assignment] = []
    for start in range(0, len(wanted), IN_BATCH):
        query = (
            select(Assignment)
            .where(Assignment.id.in_(wanted[start : start + IN_BATCH]))
            .options(selectinload(Assignment.client), selectinload(Assignment.occurrences))
        )
        found.extend(session.scalars(query))
    return found


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
        .outerjoin(Client, Client.id == Submission.client_id)
        .where(
            Submission.imap_state.in_(PENDING_MOVES),
            Submission.source_folder == folder,
            Submission.source_uidvalidity == uidvalidity,
        )
    )


def open_folder_problems(session: Session) -> ScalarResult[Problem]:
    """The folders the server refused, as open problems."""
    return session.scalars(select(Problem).where(Problem.kind == "folder", Problem.resolved.is_(False)))
