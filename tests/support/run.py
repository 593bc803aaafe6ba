"""mailbot as its own process, as a therapist or cron runs it: for exit codes, stderr, signals and
crashes (a test of a command's effect runs it in-process through Bot, tests/integration/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO


def run_mailbot(
    *args: str,
    config: Path | None = None,
    env: dict[str, str] | None = None,
    fault: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``python -m mailbot [--config CONFIG] ARGS``, its output captured as text. ``fault`` names a
    faults.checkpoint at which the process kills itself (MAILBOT_FAULT, mode "kill")."""
    if fault is not None:
        env = {**(env or os.environ), "MAILBOT_FAULT": fault, "MAILBOT_FAULT_MODE": "kill"}
    return subprocess.run(
        [sys.executable, "-m", "mailbot", *(("--config", str(config)) if config else ()), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def start_daemon(config: Path, log: IO[str]) -> subprocess.Popen[str]:
    """``mailbot run`` in the background, its output into ``log``; the caller ends it."""
    return subprocess.Popen(
        [sys.executable, "-m", "mailbot", "--config", str(config), "run"],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
