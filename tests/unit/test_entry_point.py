"""The console script's entry point: cheap to import, because every reading worker imports it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_console_script_runs_mailbot_main_run() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"mailbot": "mailbot.__main__:run"}


def test_importing_the_entry_point_imports_no_other_mailbot_module() -> None:
    # A "spawn" worker runs the console script again as __mp_main__, whose first line imports
    # the entry point: the command line must not come with it.
    code = "import sys, mailbot.__main__; print(sorted(m for m in sys.modules if m.startswith('mailbot')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "['mailbot', 'mailbot.__main__']"


def test_python_dash_m_mailbot_still_runs_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mailbot", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "usage: mailbot" in out.stdout
