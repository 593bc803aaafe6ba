"""What the intake pass reads besides its problems (db.inbox_problems): the clients' addresses,
the assignments a message may be for, a submission by its dedupe key, the moves still to make,
the open folder problems."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Result, ScalarResult, or_, select
from sqlalchemy.orm import Session

from mailbot.db.models import Assignment, Client, ClientEmail, Problem, Submission

PENDING_MOVES = ("to_move", "folder_refused")


def client_addresses(session: Session) -> Result[str, int]:
    """(address, client) of every client address."""
    return session.execute(select(ClientEmail.address, ClientEmail.client_id))


def assignments_where(session: Session, clauses: Sequence[ColumnElement[bool]]) -> list[Assignment]:
    """The assignments that meet any of ``clauses``."""
    return list(session.scalars(select(Assignment).where(or_(*clauses))))


def submission_by_key(session: Session, key: str) -> Submission | None:
    """The submission recorded for the message of this dedupe key, if any."""
    return session.scalars(select(Submission).where(Submission.dedupe_key == key)).first()


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
