"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from mailbot.db import is_current, migrate, open_engine
from mailbot.models import Base


def test_migrations_match_the_models_and_can_run_twice(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'db' / 'm.sqlite3'}")
    migrate(engine)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == []
    assert is_current(engine)
    assert (tmp_path / "db" / "m.sqlite3").stat().st_mode & 0o777 == 0o600
