"""The layering of README "Architecture", enforced: import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import ast
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


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Tables of data, not logic: the first migration writes the whole schema as one list of
# create_table calls, which Alembic runs as written.
LONG_FUNCTIONS_ALLOWED = {"mailbot/db/migrations/versions/0001_initial_schema.py:upgrade"}


def python_files() -> list[Path]:
    return sorted((ROOT / "mailbot").rglob("*.py"))


def test_no_module_of_mailbot_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in python_files()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }

    assert long == {}, "split these by idea (STYLE.md): " + repr(long)


def test_no_function_of_mailbot_is_over_60_lines_but_the_tables_of_data() -> None:
    long = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - first + 1
                where = f"{path.relative_to(ROOT)}:{node.name}"
                if length > MAX_FUNCTION_LINES and where not in LONG_FUNCTIONS_ALLOWED:
                    long[where] = length

    assert long == {}, "split these (STYLE.md: a function fits on a screen): " + repr(long)
