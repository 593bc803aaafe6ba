"""A mailbot installation per test: its own config, data_dir and mailbox on the shared Dovecot."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from servers import Dovecot, SmtpServer

from mailbot.cli.main import main


@dataclass
class Bot:
    """Runs the mailbot command line in-process against one therapist mailbox."""

    config_path: Path
    data_dir: Path
    user: str  # the therapist's address, also the IMAP user
    dovecot: Dovecot
    capsys: pytest.CaptureFixture[str] | None  # None: run() captures by itself (a bot a module shares)

    def run(self, *args: str, now: str | None = None) -> tuple[int, str, str]:
        argv = ["--config", str(self.config_path)]
        if now:
            argv += ["--now", now]
        if self.capsys is None:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main([*argv, *args])
            return code, out.getvalue(), err.getvalue()
        self.capsys.readouterr()
        code = main([*argv, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str, now: str | None = None) -> str:
        code, out, err = self.run(*args, now=now)
        assert code == 0, f"mailbot {' '.join(args)} exited {code}: {err}"
        return out

    def json(self, *args: str) -> list[dict[str, Any]]:
        return json.loads(self.ok(*args, "--json"))

    def deliver(self, raw: bytes | str, folder: str = "INBOX") -> int:
        """Put a message into the therapist's mailbox as a mail server would: unread."""
        data = raw.encode() if isinstance(raw, str) else raw
        return self.dovecot.append(self.user, folder, data)

    def inbox(self) -> list[bytes]:
        return self.dovecot.messages(self.user, "INBOX")


def write_config(
    path: Path, dovecot: Dovecot, smtp: SmtpServer, user: str, database_url: str | None = None, **extra: str
) -> Path:
    data_dir = path.parent / "data"
    sections = {
        "therapist": {"name": "Dr. Ada Example", "email": user, "timezone": "Europe/Berlin"},
        "imap": {
            "host": "127.0.0.1",
            "port": dovecot.port,
            "security": "none",
            "username": user,
            "password": dovecot.password,
        },
        "smtp": {
            "host": "127.0.0.1",
            "port": smtp.port,
            "security": "none",
            "username": user,
            "password": smtp.password,
        },
        "storage": {"data_dir": str(data_dir), **({"database_url": database_url} if database_url else {})},
    }
    lines = [f'{k} = "{v}"' for k, v in extra.items()]
    for name, values in sections.items():
        lines.append(f"[{name}]")
        for key, value in values.items():
            lines.append(f"{key} = {json.dumps(value)}")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


# The PostgreSQL run is marked slow: `-m "not slow"` proves each behaviour once, on SQLite, and
# the whole suite (.ci/run) proves it on both databases; test_migrations_postgres stays quick.
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.slow, pytest.mark.postgres])])
def bot(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: str,
    capsys: pytest.CaptureFixture[str],
    database_template: Path,
) -> Iterator[Bot]:
    """An initialised mailbot whose therapist mailbox is a fresh Dovecot user.

    Every test using it runs twice: on SQLite (the default) and on PostgreSQL (slow).
    """
    if request.param == "postgres":
        url = request.getfixturevalue("postgres").new_database(migrated=True)
        yield make_bot(tmp_path, dovecot, smtp_server, mail_user, capsys, url)
    else:
        yield make_bot(tmp_path, dovecot, smtp_server, mail_user, capsys, None, database_template)


@pytest.fixture
def sqlite_bot(
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    mail_user: str,
    capsys: pytest.CaptureFixture[str],
    database_template: Path,
) -> Bot:
    """Like ``bot``, on SQLite only: for long scenarios whose database code the others cover."""
    return make_bot(tmp_path, dovecot, smtp_server, mail_user, capsys, None, database_template)


def make_bot(
    tmp_path: Path,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    user: str,
    capsys: pytest.CaptureFixture[str] | None,
    url: str | None,
    template: Path | None = None,
) -> Bot:
    """``mailbot init`` for a new therapist. With ``template`` (a SQLite database at the head
    revision, tests/conftest.py) her database starts as a copy of it, so init has nothing to
    migrate; without, init creates it as in real use."""
    config = write_config(tmp_path / "config.toml", dovecot, smtp_server, user, url)
    bot = Bot(config, tmp_path / "data", user, dovecot, capsys)
    if template is not None:
        bot.data_dir.mkdir(mode=0o700)
        shutil.copyfile(template, bot.data_dir / "mailbot.sqlite3")
        (bot.data_dir / "mailbot.sqlite3").chmod(0o600)
    bot.ok("init")
    return bot


# The quick check (`-m "not slow"`) runs the unit tests, where every pass runs on the fakes, the
# adapters' contract on the real servers, and these end-to-end tests: one for each way mail comes
# and goes (a client's answer filed, a worrying answer alerted, the reply draft, a command by
# mail, a reminder, the digest) and the two errors a new user meets first. Every other test here
# runs in the whole suite (`scripts/test`, and so CI, runs every test).
QUICK_MODULES = {"test_edge_contracts.py"}
QUICK_TESTS = {
    "test_known_sender_with_one_open_assignment_is_filed_by_sender",
    "test_worrying_reply_alerts_the_therapist_within_the_pass",
    "test_a_submission_gets_exactly_one_threaded_draft_with_a_summary",
    "test_each_command_in_a_sent_mail_is_carried_out_once_and_answered_once",
    "test_a_reminder_replies_to_the_assignment_emails_it_reminds_of",
    "test_digest_is_sent_once_a_day_even_when_run_again",
    "test_unknown_key_exits_2_naming_it",
    "test_unreachable_imap_server_exits_1_with_one_sentence",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every end-to-end test that is not part of the quick check (above)."""
    for item in items:
        if item.path.parent != Path(__file__).parent or item.path.name in QUICK_MODULES:
            continue
        if getattr(item, "originalname", item.name) not in QUICK_TESTS:
            item.add_marker(pytest.mark.slow)
