"""What every benchmark shares: private servers on loopback, a mailbot configuration, a measured
``mailbot`` subprocess (wall time and peak RSS), Maildir copies, and medians as table rows.

The servers are the test suite's own (``tests/servers.py``): a Dovecot and an aiosmtpd SMTP
server in a temporary directory, each on a free 127.0.0.1 port. Nothing else is contacted.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# After bench/ itself: tests/ has modules of the same names (practice.py) that bench/ must not take.
sys.path.append(str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from servers import PASSWORD, Dovecot, SmtpServer  # noqa: E402

THERAPIST = "Dr. Ada Example"
MIB = 1024 * 1024


class BenchError(RuntimeError):
    """A benchmark step failed; the message says which and shows the command's error output."""


# Servers and configuration -------------------------------------------------------------------


@contextmanager
def mail_servers() -> Iterator[tuple[Dovecot, SmtpServer]]:
    """A private Dovecot and an SMTP server (that records what it is sent), both on loopback."""
    with Dovecot() as dovecot, SmtpServer() as smtp:
        yield dovecot, smtp


def write_config(
    directory: Path,
    dovecot: Dovecot,
    smtp: SmtpServer,
    user: str,
    sections: Mapping[str, Mapping[str, Any]] | None = None,
) -> Path:
    """A config.toml for ``user`` on these servers (plain IMAP/SMTP on loopback), data in
    ``directory/data``; ``sections`` adds or overrides keys, e.g. {"feedback": {"drafts": False}}."""
    base: dict[str, dict[str, Any]] = {
        "therapist": {"name": THERAPIST, "email": user, "timezone": "Europe/Berlin"},
        "imap": {
            "host": "127.0.0.1",
            "port": dovecot.port,
            "security": "none",
            "username": user,
            "password": PASSWORD,
        },
        "smtp": {
            "host": "127.0.0.1",
            "port": smtp.port,
            "security": "none",
            "username": user,
            "password": PASSWORD,
        },
        "storage": {"data_dir": str(directory / "data")},
    }
    for name, values in (sections or {}).items():
        base.setdefault(name, {}).update(values)
    lines = []
    for name, values in base.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "config.toml"
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def database_path(config: Path) -> Path:
    """The SQLite file of a configuration written by ``write_config``."""
    return config.parent / "data" / "mailbot.sqlite3"


def mailbot_argv(config: Path, *args: str, now: str | None = None, log_level: str = "info") -> list[str]:
    """The command line of ``python -m mailbot`` for this configuration."""
    when = ["--now", now] if now else []
    profile = os.environ.get("BENCH_PROFILE")  # a folder: each command writes a cProfile file there
    prof = ["-m", "cProfile", "-o", f"{profile}/{args[0]}-{time.time_ns()}.prof"] if profile else []
    spy = os.environ.get("BENCH_PYSPY")  # a folder: each command is sampled with its workers
    sampler = (
        [
            "py-spy",
            "record",
            "-r",
            "250",
            "--subprocesses",
            "--format",
            "raw",
            "-o",
            f"{spy}/{args[0]}-{time.time_ns()}.txt",
            "--",
        ]
        if spy
        else []
    )
    return [
        *sampler,
        sys.executable,
        *prof,
        "-m",
        "mailbot",
        "--config",
        str(config),
        "--log-level",
        log_level,
        *when,
        *args,
    ]


# Measuring a subprocess ----------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """One finished command: wall time, peak resident memory, output; ``started`` is epoch time."""

    seconds: float
    cpu_seconds: float  # user + system time of the child
    peak_rss_mib: float
    stdout: str
    stderr: str
    started: float


# The child's own peak RSS needs a small process in between: Linux carries the peak RSS of the
# address space a child replaces at exec into the child's ru_maxrss, and Python starts children
# with vfork, so a child started from this (large) process would report this process's peak.
TIME = shutil.which("time", path="/usr/bin:/bin")
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
    "sys.exit(code)\n"
)


@functools.cache
def installed_env() -> dict[str, str]:
    """The environment a measured command runs in: mailbot's code compiled to bytecode once, as
    ``pip install`` leaves it, and read from there. Without this, a machine that sets
    PYTHONDONTWRITEBYTECODE (this one does) compiles mailbot from source in every measured
    process and in each of its reading workers (about 0.4 CPU-s a poll)."""
    compileall.compile_dir(REPO / "mailbot", quiet=1)
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: Sequence[str], timeout: float = 3600.0) -> Measured:
    """Run ``argv`` to completion; its wall time, CPU time and own peak RSS (through
    /usr/bin/time, else a minimal Python wrapper), in ``installed_env``. Raises BenchError on a
    non-zero exit."""
    env = installed_env()
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as usage_file,
    ):
        if TIME:
            wrapped = [TIME, "-f", "%M %U %S", "-o", usage_file.name, *argv]
        else:
            wrapped = [sys.executable, "-c", _WRAPPER, usage_file.name, *argv]
        started = time.time()
        begin = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=out, stderr=err, cwd=REPO, env=env)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise BenchError(f"{' '.join(argv[:6])} ... ran longer than {timeout:.0f} s") from None
        seconds = time.perf_counter() - begin
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        if process.returncode != 0:
            raise BenchError(f"{' '.join(argv)} exited {process.returncode}:\n{stderr[-3000:]}")
        rss_kib, user, system = usage_file.read().split("\n")[-2 if TIME else -1].split()
    return Measured(seconds, float(user) + float(system), int(rss_kib) / 1024, stdout, stderr, started)


def run_checked(argv: Sequence[str]) -> str:
    """Run a setup command; its stdout. Raises BenchError with its stderr on failure."""
    done = subprocess.run(list(argv), capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout


def log_time(stderr: str, marker: str) -> float | None:
    """Epoch time of the first mailbot log line containing ``marker`` (its asctime, local, ms)."""
    for line in stderr.splitlines():
        if marker in line:
            stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
            return stamp.timestamp()
    return None


# Maildirs ------------------------------------------------------------------------------------


def maildir(dovecot: Dovecot, user: str) -> Path:
    """The user's INBOX Maildir (``mail_location = maildir:<mail_dir>/%u``)."""
    return dovecot.mail_dir / user


def write_maildir(folder: Path, messages: Iterable[tuple[bytes, float]]) -> int:
    """Write (raw message with LF line ends, arrival epoch time) pairs into ``folder/cur`` as a
    delivery agent would: unread, S= and W= sizes in the name, arrival time as mtime (Dovecot's
    INTERNALDATE). Owned by nobody:nogroup, Dovecot's mail user. How many were written."""
    for sub in ("cur", "new", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    count = 0
    for count, (raw, arrived) in enumerate(messages, 1):
        crlf_size = len(raw) + raw.count(b"\n")
        name = f"{int(arrived)}.M{count}P{os.getpid()}.bench,S={len(raw)},W={crlf_size}:2,"
        path = folder / "cur" / name
        path.write_bytes(raw)
        os.utime(path, (arrived, arrived))
    chown_mail(folder)
    return count


def chown_mail(path: Path) -> None:
    run_checked(["chown", "-R", "nobody:nogroup", str(path)])


def index_mailbox(dovecot: Dovecot, user: str) -> int:
    """Have Dovecot index the user's INBOX (as after delivery); how many messages it sees."""
    with dovecot.client(user, timeout=600) as client:
        return int(client.select_folder("INBOX", readonly=True)[b"EXISTS"])


def clone_user(dovecot: Dovecot, template: str, user: str) -> None:
    """A new Dovecot user whose mailbox is a copy of ``template``'s (mail, index and UIDs alike)."""
    target = maildir(dovecot, user)
    shutil.rmtree(target, ignore_errors=True)
    run_checked(["cp", "-a", str(maildir(dovecot, template)), str(target)])


def remove_user(dovecot: Dovecot, user: str) -> None:
    shutil.rmtree(maildir(dovecot, user), ignore_errors=True)


# The database, read-only ---------------------------------------------------------------------


def read_only(database: Path) -> sqlite3.Connection:
    """A read-only connection to mailbot's SQLite file (WAL mode: readers never block it)."""
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30, check_same_thread=False)


# Figures -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        if not values:
            raise ValueError("no values")
        return cls(statistics.median(values), min(values), max(values), len(values))

    def show(self, digits: int = 2, unit: str = "") -> str:
        """ "12.3 s (11.9–12.8)": the median, then min–max."""
        fmt = f"{{:.{digits}f}}"
        return f"{fmt.format(self.median)}{unit} ({fmt.format(self.low)}–{fmt.format(self.high)})"


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "✓" if ok else "✗"


def base_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5, help="measured runs; medians are reported (default 5)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the synthetic data (default 7)")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the raw figures as JSON here")
    return parser


def save_json(path: Path | None, data: Mapping[str, Any]) -> None:
    if path is not None:
        path.write_text(json.dumps(data, indent=2, default=str) + "\n")


def machine() -> str:
    """One line about the machine and the software measured."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    dovecot = run_checked(
        [shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin") or "dovecot", "--version"]
    ).strip()
    return (
        f"{os.cpu_count()} × {cpu}, {memory:.0f} GiB RAM, Linux {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, Dovecot {dovecot}"
    )
