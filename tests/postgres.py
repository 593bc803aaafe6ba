"""A throwaway PostgreSQL server on a loopback port, for running mailbot's code on it too."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from servers import ServerError, free_port

from mailbot.db.engine import migrate, open_engine

TEMPLATE = "mailbot_template"


def _bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]), None
    )
    if not found:
        raise ServerError(f"{name} is not installed: apt-get install postgresql")
    return found


class Postgres:
    """initdb + postgres in a temp dir, run as the `postgres` system user when we are root."""

    def __init__(self) -> None:
        self.base_dir = Path(tempfile.mkdtemp(prefix="mailbot-pg-"))
        self.data_dir = self.base_dir / "data"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._count = 0
        self._template_ready = False

    def _as_owner(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def start(self, timeout: float = 30.0) -> None:
        if os.geteuid() == 0:
            self.base_dir.chmod(0o755)
            shutil.chown(self.base_dir, "postgres")
        log = open(self.base_dir / "postgres.log", "wb")  # noqa: SIM115 - lives as long as the server
        subprocess.run(
            self._as_owner(
                [_bin("initdb"), "-D", str(self.data_dir), "-A", "trust", "-U", "postgres", "--no-sync"]
            ),
            stdout=log,
            stderr=log,
            check=True,
        )
        # -F and no synchronous commit: a test database is thrown away, never recovered.
        self._process = subprocess.Popen(
            self._as_owner(
                [
                    _bin("postgres"),
                    "-D",
                    str(self.data_dir),
                    "-p",
                    str(self.port),
                    "-h",
                    "127.0.0.1",
                    "-k",
                    str(self.base_dir),
                    "-F",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                ]
            ),
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                capture_output=True,
                check=False,
            )
            if ready.returncode == 0:
                return
            if self._process.poll() is not None:
                break
            time.sleep(0.2)
        raise ServerError("PostgreSQL did not start:\n" + (self.base_dir / "postgres.log").read_text())

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def new_database(self, migrated: bool = False) -> str:
        """A fresh database, empty or (``migrated``) at the head revision; its SQLAlchemy URL.

        A migrated one is a copy (CREATE DATABASE ... TEMPLATE) of one database migrated once
        per server: copying takes milliseconds, migrating about a second."""
        self._count += 1
        name = f"mailbot_{os.getpid()}_{self._count}"
        if migrated and not self._template_ready:
            self._create(TEMPLATE)
            engine = open_engine(self.url(TEMPLATE))
            migrate(engine)
            engine.dispose()  # CREATE DATABASE ... TEMPLATE refuses while anyone is connected
            self._template_ready = True
        self._create(name, TEMPLATE if migrated else None)
        return self.url(name)

    def _create(self, name: str, template: str | None = None) -> None:
        with psycopg.connect(self.url("postgres").replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))

    def stop(self) -> None:
        """A fast shutdown (SIGINT to the postmaster): connected sessions are ended, not waited for.
        The signal goes to the postmaster itself, not to runuser, which would wait 2 s to forward it."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            pid_file = self.data_dir / "postmaster.pid"
            pid = int(pid_file.read_text().split()[0]) if pid_file.exists() else process.pid
            if pid <= 1 or pid == os.getpid():  # a torn pid file: never signal the test run itself
                pid = process.pid
            try:
                os.kill(pid, signal.SIGINT)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def close(self) -> None:
        self.stop()
