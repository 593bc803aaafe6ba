"""What commands and homework by mail read: a client by id, by address or among all by name,
a client's open assignments of a type, the clients of some addresses."""

from __future__ import annotations

from sqlalchemy import ScalarResult, select
from sqlalchemy.orm import Session, selectinload

from mailbot.db.models import Assignment, Client, ClientEmail


def client_by_id(session: Session, client_id: int) -> Client | None:
    """The client of this id, their addresses loaded with them."""
    return session.scalars(
        select(Client).options(selectinload(Client.emails)).where(Client.id == client_id)
    ).first()


def client_by_address(session: Session, address: str) -> Client | None:
    """The client with this address, their addresses loaded with them."""
    return session.scalars(
        select(Client)
        .options(selectinload(Client.emails))
        .join(ClientEmail)
        .where(ClientEmail.address == address)
    ).first()


def all_clients(session: Session) -> list[Client]:
    """Every client, by id."""
    return list(session.scalars(select(Client).order_by(Client.id)))


def open_assignments_of_type(session: Session, client_id: int, type_: str) -> list[Assignment]:
    """The client's open assignments of this type, oldest first."""
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.client_id == client_id, Assignment.status == "open", Assignment.type == type_)
            .order_by(Assignment.id)
        )
    )


def client_ids_of(session: Session, addresses: list[str]) -> ScalarResult[int]:
    """The client of each of these addresses that is a client's."""
    return session.scalars(select(ClientEmail.client_id).where(ClientEmail.address.in_(addresses)))
