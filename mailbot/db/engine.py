"""The database: engine, sessions and migrations, for SQLite (default) and PostgreSQL alike."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mailbot.errors import ConfigError, MailbotError
from mailbot.files import make_private_dir

MIGRATIONS = Path(__file__).parent / "migrations"


def open_engine(url: str) -> Engine:
    """An engine for ``url``; an SQLite file is created private to the owner (0600)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"[storage] database_url {url!r} is not a database URL.") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database)
            make_private_dir(path.parent)
            _create_private(path)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"The database driver for {parsed.drivername} is not installed ({exc.name}); "
            "for PostgreSQL run: pip install 'mailbot[postgres]'."
        ) from None


def _create_private(path: Path) -> None:
    """Create the SQLite file owner-only before SQLite does (it would use the umask).

    Never open and close an existing database file here: closing any descriptor of a file drops
    every POSIX lock this process holds on it, which would break SQLite's own locking.
    """
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))
    os.chmod(path, 0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy then issues BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted client data is overwritten, not left in free pages
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; safe to run again."""
    try:
        command.upgrade(_alembic_config(engine), "head")
    except OperationalError as exc:
        raise MailbotError(f"Cannot open the database: {exc.orig}.") from None


def is_current(engine: Engine) -> bool:
    """Whether the database exists and is at the newest revision."""
    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision() == head
    except OperationalError:
        return False


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed at the end of the block, or rolled back on error."""
    with factory() as session, session.begin():
        yield session


def flush_deleted(engine: Engine) -> None:
    """After an erasure: fold the write-ahead log into the SQLite file (whose freed pages
    secure_delete has zeroed), so no copy of erased rows stays in the WAL. PostgreSQL: VACUUM."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside SQLAlchemy's BEGIN: a checkpoint cannot run in one
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM")
