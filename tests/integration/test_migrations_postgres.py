"""The migration checks of tests/unit/test_migrations.py on PostgreSQL, through the same code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from postgres import Postgres
from sqlalchemy.engine import Engine
from support.migrations import (
    downgrade_to_first_release_gives_back_its_indexes,
    first_release_upgrades_keeping_its_rows,
    move_states_survive_0008_both_ways,
    triage_index_holds_only_submissions_in_triage,
)

from mailbot.db.engine import open_engine

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(postgres: Postgres) -> Iterator[Engine]:
    """An empty PostgreSQL database."""
    engine = open_engine(postgres.new_database())
    yield engine
    engine.dispose()


def test_a_database_of_the_first_release_upgrades_keeping_its_rows_on_postgres(engine: Engine) -> None:
    first_release_upgrades_keeping_its_rows(engine)


def test_the_triage_index_holds_only_submissions_in_triage_on_postgres(engine: Engine) -> None:
    triage_index_holds_only_submissions_in_triage(engine)


def test_downgrading_to_the_first_release_gives_back_its_indexes_on_postgres(engine: Engine) -> None:
    downgrade_to_first_release_gives_back_its_indexes(engine)


def test_each_submissions_move_state_survives_0008_up_and_down_on_postgres(engine: Engine) -> None:
    move_states_survive_0008_both_ways(engine)
