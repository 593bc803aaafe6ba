"""A throwaway PostgreSQL server on a loopback port, for running mailbot's code on it too."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from servers import ServerError, free_port


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

    def new_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        self._count += 1
        name = f"mailbot_{os.getpid()}_{self._count}"
        subprocess.run(
            [_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
            capture_output=True,
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self.base_dir, ignore_errors=True)
