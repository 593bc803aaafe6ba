"""tests/unit starts no server: no unit test asks for a fixture that starts one, and no unit test
module imports what starts one. Servers belong to tests/integration (README "Architecture")."""

from __future__ import annotations

import ast
from pathlib import Path

UNIT = Path(__file__).resolve().parent
# The fixtures of tests/conftest.py and tests/integration/conftest.py that start a server.
SERVER_FIXTURES = {
    "dovecot",
    "smtp_server",
    "shaped_servers",
    "tokens",
    "postgres",
    "browser",
    "bot",
    "sqlite_bot",
}
# What starts servers or processes: the test servers, the Practice and Bot on them, Chromium,
# mailbot as a subprocess.
SERVER_MODULES = {
    "servers",
    "postgres",
    "practice",
    "conftest",
    "support.chromium",
    "support.run",
    "aiosmtpd",
}


def imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def fixtures_asked(tree: ast.Module) -> set[str]:
    """The parameters of every test and fixture function: the fixtures they ask for."""
    return {
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.name.startswith("test") or any("fixture" in ast.unparse(d) for d in node.decorator_list))
        for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    }


def test_no_unit_test_asks_for_a_server_or_imports_what_starts_one() -> None:
    found = {}
    for path in sorted(UNIT.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        wrong = (fixtures_asked(tree) & SERVER_FIXTURES) | {
            name for name in imported(tree) if name in SERVER_MODULES or name.split(".")[0] == "aiosmtpd"
        }
        if wrong:
            found[str(path.relative_to(UNIT))] = sorted(wrong)

    assert found == {}, f"unit tests start no server; move these to tests/integration: {found}"


def test_the_check_finds_a_test_that_asks_for_dovecot() -> None:
    tree = ast.parse(
        "from servers import Dovecot\n"
        "@pytest.fixture\ndef mailbox(smtp_server): ...\n"
        "def test_x(dovecot, tmp_path): ...\n"
        "def helper(tokens): ...\n"
    )

    assert fixtures_asked(tree) & SERVER_FIXTURES == {"dovecot", "smtp_server"} and "servers" in imported(
        tree
    )
