"""A practice with open homework, written into mailbot's database through mailbot's own models
in one transaction: clients, their addresses, open daily assignments with their occurrences, and
the assignment emails they were sent (so that replies match by thread), as ``mailbot assign``
would have left them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.core.tokens import new_token
from mailbot.db.engine import open_engine, session_factory, transaction
from mailbot.db.models import Assignment, Client, ClientEmail, Occurrence, OutgoingMessage

TZ = ZoneInfo("Europe/Berlin")
FIRST_NAMES = (
    "Ben",
    "Clara",
    "David",
    "Eva",
    "Farid",
    "Greta",
    "Hannah",
    "Ilias",
    "Jonas",
    "Katrin",
    "Lena",
    "Milan",
    "Nora",
    "Oskar",
    "Paula",
    "Quentin",
    "Rosa",
    "Samir",
    "Tessa",
    "Ugo",
)
LAST_NAMES = (
    "Albers",
    "Brandt",
    "Castillo",
    "Dietrich",
    "Engel",
    "Fischer",
    "Günther",
    "Hoffmann",
    "Ilić",
    "Jansen",
    "Keller",
    "Lorenz",
    "Meyer",
    "Nowak",
    "Okafor",
    "Peters",
)
TITLES = {
    "mood-log": "Thought record",
    "journal": "Evening journal",
    "exposure": "Lift exposure ladder",
    "experiment": "Speaking-up experiment",
    "cognitive-exercise": "Challenging perfectionism",
    "bibliotherapy": "Reading: Feeling Good, chapter 4",
}
DETAILS: dict[str, dict[str, Any]] = {
    "mood-log": {"stage": 1},
    "journal": {"good_things": True},
    "exposure": {
        "steps": [
            {"step": "Look at a photo of a lift", "suds": 30},
            {"step": "Stand in a lift with the door open", "suds": 55},
            {"step": "Ride one floor", "suds": 80},
        ],
        "current": 1,
        "history": [],
    },
    "experiment": {"thought": "If I speak up in the meeting, people will think I am stupid"},
    "cognitive-exercise": {"belief": "I must never make a mistake"},
    "bibliotherapy": {
        "reading": "Feeling Good, chapter 4",
        "questions": ["Which distortion do you recognise?", "What would you tell a friend?"],
    },
}


@dataclass(frozen=True)
class Homework:
    """One open assignment, as the mail generator needs it."""

    assignment_id: int
    type: str
    title: str
    token: str
    thread_id: str  # Message-ID of the assignment email the client can reply to
    details: dict[str, Any]


@dataclass(frozen=True)
class Patient:
    """A client, their address and their open homework."""

    client_id: int
    name: str
    address: str
    homework: tuple[Homework, ...]


def client_name(index: int) -> str:
    return (
        f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index // len(FIRST_NAMES) % len(LAST_NAMES)]}"
    )


def client_address(index: int) -> str:
    first, last = client_name(index).lower().split()
    ascii_last = last.encode("ascii", "ignore").decode()
    return f"{first}.{ascii_last}{index}@client{index % 9}.example"


def daily_dues(start: datetime, days: int, hour: int) -> list[datetime]:
    """Daily local due times at ``hour`` from ``start``'s local date, ``days`` of them."""
    first = start.astimezone(TZ).date()
    return [datetime.combine(first + timedelta(days=d), time(hour), TZ) for d in range(days)]


def seed_open_work(
    database_url: str, therapist_email: str, now: datetime, clients: int, per_client: int, rng: random.Random
) -> list[Patient]:
    """``clients`` clients with ``per_client`` open daily assignments each (three weeks back, two
    ahead, due at 21:00 local), each with its assignment email recorded as sent."""
    engine = open_engine(database_url)
    sessions = session_factory(engine)
    domain = therapist_email.rsplit("@", 1)[1]
    taken: set[str] = set()
    patients: list[Patient] = []
    start = now - timedelta(days=21)
    with transaction(sessions) as session:
        for index in range(clients):
            client = Client(
                name=client_name(index),
                timezone="Europe/Berlin",
                folder=f"{client_name(index)} {index}",
                created_at=start,
                emails=[ClientEmail(address=client_address(index))],
            )
            session.add(client)
            homework: list[tuple[Assignment, str]] = []
            for kind in rng.sample(sorted(TITLES), per_client):
                token = new_token(taken)
                taken.add(token)
                dues = daily_dues(start, 35, 21)
                assignment = Assignment(
                    client=client,
                    type=kind,
                    title=TITLES[kind],
                    instructions="",
                    token=token,
                    status="open",
                    due_at=dues[0],
                    created_at=start,
                    details={**DETAILS[kind], "repeat": "daily"},
                    occurrences=[Occurrence(due_at=due, status="open") for due in dues],
                )
                session.add(assignment)
                thread_id = f"<assignment-{token.lower()}-{rng.getrandbits(48):x}@{domain}>"
                homework.append((assignment, thread_id))
            session.flush()
            for assignment, thread_id in homework:
                session.add(
                    OutgoingMessage(
                        message_id=thread_id,
                        kind="assignment",
                        client_id=client.id,
                        assignment_id=assignment.id,
                        created_at=start,
                        sent_at=start,
                        status="sent",
                    )
                )
            patients.append(
                Patient(
                    client.id,
                    client.name,
                    client_address(index),
                    tuple(
                        Homework(a.id, a.type, a.title, a.token, thread_id, dict(a.details))
                        for a, thread_id in homework
                    ),
                )
            )
    engine.dispose()
    return patients
