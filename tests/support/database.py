"""A migrated SQLite database for unit tests of the passes: migrated once a session, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from mailbot.db.engine import migrate, open_engine, session_factory


def migrated_template(directory: Path) -> Path:
    """A database file at head, to copy (migrating takes a second; a copy, milliseconds)."""
    path = directory / "template.sqlite"
    engine = open_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


def sessions_on_copy(template: Path, directory: Path) -> sessionmaker[Session]:
    """Sessions on a private copy of ``template`` in ``directory``."""
    path = directory / "mailbot.sqlite"
    shutil.copyfile(template, path)
    return session_factory(open_engine(f"sqlite:///{path}"))
