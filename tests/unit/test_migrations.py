"""The Alembic migrations build exactly the schema the models describe, from nothing and from
every revision that has shipped, on SQLite (PostgreSQL: tests/integration/test_migrations_postgres.py,
the same checks from tests/support/migrations.py, so that no unit test starts a server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine
from support.migrations import (
    downgrade_to_first_release_gives_back_its_indexes,
    first_release_upgrades_keeping_its_rows,
    move_states_survive_0008_both_ways,
    triage_index_holds_only_submissions_in_triage,
)

from mailbot.db.engine import is_current, migrate, open_engine
from mailbot.db.models import Base


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty SQLite database."""
    engine = open_engine(f"sqlite:///{tmp_path / 'db' / 'm.sqlite3'}")
    yield engine
    engine.dispose()


def test_migrations_match_the_models_and_can_run_twice(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'db' / 'm.sqlite3'}")
    migrate(engine)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == []
    assert is_current(engine)
    assert (tmp_path / "db" / "m.sqlite3").stat().st_mode & 0o777 == 0o600


def test_a_database_of_the_first_release_upgrades_keeping_its_rows(engine: Engine) -> None:
    first_release_upgrades_keeping_its_rows(engine)


def test_the_triage_index_holds_only_submissions_in_triage(engine: Engine) -> None:
    triage_index_holds_only_submissions_in_triage(engine)


def test_downgrading_to_the_first_release_gives_back_its_indexes(engine: Engine) -> None:
    downgrade_to_first_release_gives_back_its_indexes(engine)


def test_each_submissions_move_state_survives_0008_up_and_down(engine: Engine) -> None:
    move_states_survive_0008_both_ways(engine)
