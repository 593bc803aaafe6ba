"""The layering of README "Architecture", enforced: import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import os
import pkgutil
import re
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
    (core,) = [c for c in CONTRACTS.values() if c.get("source_modules") == ["mailbot.core"]]

    assert set(core["forbidden_modules"]) == top_level_modules() - {"mailbot.core"}


def test_every_module_of_mailbot_has_its_place_in_the_layers_a_new_one_too() -> None:
    (layers,) = [c for c in CONTRACTS.values() if c["type"] == "layers"]

    named = {m.strip() for layer in layers["layers"] for m in re.split(r"[|:]", layer)}

    assert named == top_level_modules()


def test_top_level_is_the_few_modules_of_the_architecture_not_a_flat_list() -> None:
    modules = {m.name for m in pkgutil.iter_modules(mailbot.__path__)}

    assert len(modules) <= 16, sorted(modules)
