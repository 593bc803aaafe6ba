"""The command line as a user meets it: one sentence and an exit code, never a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import Bot, write_config
from servers import Dovecot, SmtpServer
from support.run import run_mailbot


def mailbot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_mailbot(*args, env=env)


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("mailbot:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def config(tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer, mail_user: str) -> Path:
    return write_config(tmp_path / "config.toml", dovecot, smtp_server, mail_user)


def test_missing_config_file_exits_2_with_a_hint(tmp_path: Path) -> None:
    result = mailbot("--config", str(tmp_path / "nope.toml"), "poll")
    assert result.returncode == 2
    assert "config.example.toml" in one_sentence(result)


def test_unknown_key_exits_2_naming_it(config: Path) -> None:
    config.write_text(config.read_text().replace("[imap]", "[imap]\nhots = 'x'"))
    result = mailbot("--config", str(config), "check")
    assert result.returncode == 2
    assert "'hots'" in one_sentence(result)


def test_unreachable_imap_server_exits_1_with_one_sentence(config: Path) -> None:
    config.write_text(config.read_text().replace("port = ", "port = 1\n#", 1))
    result = mailbot("--config", str(config), "check")
    assert result.returncode == 1
    assert "refused the connection" in one_sentence(result)


def test_wrong_password_exits_1_and_never_prints_it(config: Path) -> None:
    text = config.read_text().replace('password = "secret"', 'password = "wrong-Pa55"', 1)
    config.write_text(text)
    result = mailbot("--config", str(config), "check")
    assert result.returncode == 1
    assert "refused the login" in one_sentence(result)
    assert "wrong-Pa55" not in result.stdout + result.stderr


def test_commands_before_init_ask_for_init(config: Path) -> None:
    result = mailbot("--config", str(config), "client", "list")
    assert result.returncode == 1
    assert "mailbot init" in one_sentence(result)


def test_bad_arguments_exit_2(config: Path) -> None:
    assert mailbot("--config", str(config), "init").returncode == 0
    result = mailbot(
        "--config",
        str(config),
        "assign",
        "nobody@x.example",
        "--type",
        "journal",
        "--title",
        "t",
        "--due",
        "2026-12-01",
    )
    assert result.returncode == 2 and "No client" in one_sentence(result)
    result = mailbot("--config", str(config), "--now", "yesterday", "poll")
    assert result.returncode == 2 and "ISO 8601" in one_sentence(result)
    result = mailbot("--config", str(config), "client", "add", "--name", "X", "--email", "not-an-address")
    assert result.returncode == 2 and "not an email address" in one_sentence(result)
    result = mailbot(
        "--config", str(config), "assign", "1", "--type", "nonsense", "--title", "t", "--due", "x"
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr


def tls_config(config: Path, dovecot: Dovecot, security: str, port: int, ca: bool) -> None:
    text = config.read_text()
    imap, rest = text.split("[smtp]")
    imap = imap.replace(f"port = {dovecot.port}", f"port = {port}").replace(
        'security = "none"', f'security = "{security}"'
    )
    if ca:
        imap = imap.replace("[imap]", f'[imap]\nca_file = "{dovecot.ca_file}"')
    config.write_text(imap + "[smtp]" + rest)


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_check_verifies_the_certificate_and_accepts_a_configured_ca(
    config: Path, dovecot: Dovecot, security: str
) -> None:
    port = dovecot.tls_port if security == "tls" else dovecot.port
    tls_config(config, dovecot, security, port, ca=True)
    result = mailbot("--config", str(config), "check")
    assert result.returncode == 0, result.stderr
    assert f"({security})" in result.stdout and "drafts: Drafts" in result.stdout


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_self_signed_certificate_is_refused_without_ca_file(
    config: Path, dovecot: Dovecot, security: str
) -> None:
    port = dovecot.tls_port if security == "tls" else dovecot.port
    tls_config(config, dovecot, security, port, ca=False)
    result = mailbot("--config", str(config), "check")
    assert result.returncode == 1
    assert "cannot be verified" in one_sentence(result)


def test_json_lists_print_one_array_and_nothing_else(sqlite_bot: Bot) -> None:
    # In-process (capsys takes all of stdout): what is printed is the point, not the process.
    sqlite_bot.ok("client", "add", "--name", "Ben", "--email", "b@c.example")

    for words in (["client", "list"], ["assignment", "list"], ["submission", "list"], ["triage", "list"]):
        code, out, _err = sqlite_bot.run(*words, "--json")

        assert code == 0
        assert isinstance(json.loads(out), list)
