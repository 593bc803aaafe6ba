"""One worker per database: a second `mailbot run`, or a `mailbot poll` (remind, digest --send,
feedback scan, tick) while one runs, refuses instead of filing, drafting or sending twice.

SQLite: an exclusive flock on a file beside the database. PostgreSQL: a session advisory lock,
so two machines sharing one database are kept apart too. Both vanish with the process.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from mailbot.errors import MailbotError

ADVISORY_KEY = 0x6D61696C626F74  # "mailbot"


@contextmanager
def single_instance(engine: Engine, data_dir: Path, command: str = "run") -> Iterator[None]:
    """Hold the lock for the block; MailbotError when another process holds it."""
    busy = MailbotError(
        "Another `mailbot run` is already using this database; stop it first "
        "(or use `mailbot tick` from cron instead of the daemon, not both)."
        if command == "run"
        else f"Another mailbot process (`mailbot run`, `tick` or a command like this one) is using "
        f"this database right now, and it does this work itself; try `mailbot {command}` again "
        "once it has finished, or stop the daemon first."
    )
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
                raise busy
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
        return
    path = data_dir / "mailbot.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)
