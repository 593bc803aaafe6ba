"""The layering of README "Architecture", enforced: import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import mailbot

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = {
    c["name"]: c
    for c in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
}
# Below the passes: what the edges may import besides one another.
FOUNDATION = {"mailbot.config", "mailbot.errors", "mailbot.clock", "mailbot.faults"}
EDGES = {"mailbot.mail", "mailbot.models", "mailbot.db", "mailbot.files"}


def top_level_modules() -> set[str]:
    """Every module and package right below mailbot (migrations/ is no package: Alembic loads it)."""
    return {f"mailbot.{m.name}" for m in pkgutil.iter_modules(mailbot.__path__)}


def test_the_import_contracts_hold() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--no-cache",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


def test_core_is_forbidden_every_other_module_of_mailbot_a_new_one_too() -> None:
    (core,) = [c for c in CONTRACTS.values() if c["source_modules"] == ["mailbot.core"]]

    assert set(core["forbidden_modules"]) == top_level_modules() - {"mailbot.core"}


def test_the_edges_are_forbidden_every_module_above_them_a_new_one_too() -> None:
    (edges,) = [c for c in CONTRACTS.values() if set(c["source_modules"]) == EDGES]

    assert set(edges["forbidden_modules"]) == top_level_modules() - EDGES - FOUNDATION - {"mailbot.core"}
