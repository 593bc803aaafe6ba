"""The intake pass's "missed" marking applies core.schedule.missed, and only it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from mailbot.core.lifecycle import finished
from mailbot.core.schedule import missed
from mailbot.db.engine import transaction
from mailbot.db.models import Assignment, Occurrence
from mailbot.db.records import add_client, create_assignment
from mailbot.practice.crediting import mark_missed

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
GRACE = timedelta(hours=24)


def given_occurrences(sessions: sessionmaker[Session], due: list[datetime]) -> None:
    with transaction(sessions) as session:
        client = add_client(session, NOW - 30 * GRACE, "Ben Client", ["ben@example.org"], "Europe/Berlin")
        create_assignment(
            session, NOW - 30 * GRACE, client, "journal", "Journal", "", due, {"repeat": "daily"}
        )


def statuses(sessions: sessionmaker[Session]) -> dict[datetime, str]:
    with sessions() as session:
        return {o.due_at: o.status for o in session.scalars(select(Occurrence))}


def test_open_occurrences_past_due_and_grace_are_missed_exactly_as_the_core_rule_says(
    sessions: sessionmaker[Session],
) -> None:
    due = [NOW - GRACE - timedelta(seconds=s) for s in (-60, -1, 0, 1, 3600)] + [NOW + GRACE]
    given_occurrences(sessions, due)

    with transaction(sessions) as session:
        count = mark_missed(session, NOW, GRACE)

    found = statuses(sessions)
    expected = {d: "missed" if missed(d, "open", NOW, GRACE) else "open" for d in due}
    assert found == expected and count == list(expected.values()).count("missed") == 2


def test_an_occurrence_the_therapist_settled_is_never_marked_missed(sessions: sessionmaker[Session]) -> None:
    given_occurrences(sessions, [NOW - 3 * GRACE, NOW - 2 * GRACE])
    with transaction(sessions) as session:
        first = session.scalars(select(Occurrence).order_by(Occurrence.due_at)).first()
        assert first is not None
        first.status = "excused"

    with transaction(sessions) as session:
        assert mark_missed(session, NOW, GRACE) == 1

    assert sorted(statuses(sessions).values()) == ["excused", "missed"]


def test_a_repeating_assignment_whose_last_occurrence_is_missed_is_closed(
    sessions: sessionmaker[Session],
) -> None:
    given_occurrences(sessions, [NOW - 3 * GRACE, NOW - 2 * GRACE])

    with transaction(sessions) as session:
        mark_missed(session, NOW, GRACE)

    with sessions() as session:
        assert session.scalars(select(Assignment.status)).one() == "closed"


def test_marking_closes_exactly_the_assignments_core_lifecycle_calls_finished(
    sessions: sessionmaker[Session],
) -> None:
    # Given assignments of every shape: one-off and repeating, their occurrences already
    # answered, excused, missed or open, some due later
    rng = random.Random(20)
    with transaction(sessions) as session:
        client = add_client(session, NOW - 30 * GRACE, "Ben Client", ["ben@example.org"], "Europe/Berlin")
        for n in range(80):
            due = sorted({NOW - GRACE * rng.randint(-2, 6) for _ in range(rng.randint(1, 4))})
            details = {"repeat": "daily"} if n % 2 else {}
            assignment = create_assignment(
                session, NOW - 30 * GRACE, client, "journal", f"J{n}", "", due, details
            )
            for occurrence in assignment.occurrences:
                occurrence.status = rng.choice(["open", "open", "done", "late", "missed", "excused"])
    with sessions() as session:
        open_before = {a.id: [o.status for o in a.occurrences] for a in session.scalars(select(Assignment))}

    # When the pass marks what is missed
    with transaction(sessions) as session:
        mark_missed(session, NOW, GRACE)

    # Then an assignment is closed when one of its occurrences was marked missed and the rule
    # calls it over; every other stays open
    closed = 0
    with sessions() as session:
        for a in session.scalars(select(Assignment)):
            statuses = [o.status for o in sorted(a.occurrences, key=lambda o: o.due_at)]
            marked = statuses != open_before[a.id]
            assert (a.status == "closed") == (marked and finished("repeat" in a.details, statuses)), a.id
            closed += a.status == "closed"
    assert closed > 5
