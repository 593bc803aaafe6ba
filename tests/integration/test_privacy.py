"""Privacy: secrets never shown, no client content in INFO logs, owner-only files, a client's
data exported and erased on request, and an audit log of ids and outcomes."""

from __future__ import annotations

import json
import logging
import os
import zipfile
from pathlib import Path

import pytest
from conftest import Bot
from mails import homework_mail

from mailbot.config import load_config
from mailbot.mail.imap import Mailbox
from mailbot.mail.passwords import resolve_password

NOW = "2026-11-02T09:00"
SECRET_NAME = "Wilhelmina Quartermaine"
SECRET_ADDRESS = "wilhelmina@private.example"
SECRET_SUBJECT = "Ostrich feather memories"
SECRET_WORDS = "I felt the marzipan anxiety again"


def scenario(bot: Bot) -> None:
    """A client, an assignment emailed, homework filed and drafted, a reminder, feedback."""
    bot.ok("client", "add", "--name", SECRET_NAME, "--email", SECRET_ADDRESS)
    bot.ok(
        "assign",
        SECRET_ADDRESS,
        "--type",
        "mood-log",
        "--title",
        "Mood log",
        "--due",
        "2026-11-03T21:00",
        "--repeat",
        "daily",
        "--count",
        "3",
        now=NOW,
    )
    bot.deliver(
        homework_mail(
            SECRET_ADDRESS,
            bot.user,
            SECRET_SUBJECT,
            f"Situation: {SECRET_WORDS}\nEmotion: anxious 80",
            attachments=[("worksheet.txt", SECRET_WORDS.encode(), "text/plain")],
        )
    )
    bot.ok("poll", now="2026-11-02T10:00")
    bot.ok("remind", now="2026-11-03T19:00")
    bot.ok("feedback", "scan", now="2026-11-03T19:05")
    for words in (["client", "list"], ["submission", "list"], ["feedback", "list"], ["reminder", "list"]):
        bot.ok(*words)


def test_info_logs_carry_no_client_content(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="mailbot"):
        scenario(bot)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "intake:" in logged  # the logs do say what happened, in counts and ids
    for secret in (
        SECRET_NAME,
        "Wilhelmina",
        SECRET_ADDRESS,
        SECRET_SUBJECT,
        "Ostrich",
        SECRET_WORDS,
        "marzipan",
    ):
        assert secret not in logged


def test_the_password_never_appears_in_any_output(
    bot: Bot, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    password = "Tr0ub4dor&3-unique"
    text = bot.config_path.read_text().replace('password = "secret"', 'password_env = "MB_TEST_PW"')
    bot.config_path.write_text(text)
    os.environ["MB_TEST_PW"] = "secret"
    outputs = []
    try:
        with caplog.at_level(logging.DEBUG):
            outputs.append(bot.ok("check"))
            os.environ["MB_TEST_PW"] = password  # wrong: the login fails, and must not echo it
            outputs.append("".join(bot.run("check")[1:]))
            outputs.append("".join(bot.run("poll", now=NOW)[1:]))
    finally:
        del os.environ["MB_TEST_PW"]
    everything = "\n".join(outputs) + "\n".join(r.getMessage() for r in caplog.records)
    assert "refused the login" in everything
    assert password not in everything


def test_readable_config_with_a_password_is_warned_about(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    bot.config_path.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        bot.ok("client", "list")
    assert any("chmod 600" in r.getMessage() and "secret" not in r.getMessage() for r in caplog.records)


def test_data_dir_database_and_files_are_owner_only(bot: Bot) -> None:
    scenario(bot)
    paths = [bot.data_dir, *bot.data_dir.rglob("*")]
    assert len(paths) > 5
    for path in paths:
        mode = os.stat(path).st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_export_holds_everything_about_the_client(bot: Bot, tmp_path: Path) -> None:
    scenario(bot)
    archive = tmp_path / "export.zip"

    bot.ok("client", "export", SECRET_ADDRESS, str(archive), now="2026-11-04T09:00")

    assert os.stat(archive).st_mode & 0o777 == 0o600
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        records = json.loads(z.read("records.json"))
        assert any(n.endswith("message.eml") for n in names)
        assert any(n.endswith("attachments/worksheet.txt") for n in names)
    assert records["client"]["name"] == SECRET_NAME
    assert records["submissions"][0]["fields"][0]["intensity"] == 80
    assert len(records["assignments"][0]["occurrences"]) == 3
    code, _out, err = bot.run("client", "export", SECRET_ADDRESS, str(archive))
    assert code == 2 and "already exists" in err


def test_erase_removes_records_and_files_and_says_what_is_left(bot: Bot) -> None:
    scenario(bot)
    code, _out, err = bot.run("client", "erase", SECRET_ADDRESS)
    assert code == 2 and "--yes" in err

    out = bot.ok("client", "erase", SECRET_ADDRESS, "--yes", now="2026-11-04T09:00")

    assert "left on the mail server" in out and "Homework/Wilhelmina Quartermaine" in out
    assert bot.json("client", "list") == [] and bot.json("submission", "list") == []
    assert bot.json("assignment", "list") == [] and bot.json("reminder", "list") == []
    stored = [p for p in bot.data_dir.rglob("*") if p.is_file() and "messages" in p.parts]
    assert stored == []
    for db_file in bot.data_dir.glob("mailbot.sqlite3*"):  # SQLite: no copy left in freed pages or WAL
        assert SECRET_WORDS.encode() not in db_file.read_bytes(), db_file
    actions = [e["action"] for e in bot.json("audit", "list")]
    assert "client_erased" in actions and "client_exported" not in actions


def test_audit_log_lists_actions_by_id_without_content(bot: Bot) -> None:
    scenario(bot)

    rows = bot.json("audit", "list")

    assert {"id", "at", "action", "entity", "entity_id", "detail"} <= set(rows[0])
    actions = {r["action"] for r in rows}
    assert {"client_added", "assignment_created", "submission_filed", "draft_written", "mail_sent"} <= actions
    dumped = json.dumps(rows)
    for secret in (SECRET_NAME, SECRET_ADDRESS, SECRET_SUBJECT, SECRET_WORDS):
        assert secret not in dumped
    assert len(bot.json("audit", "list", "--limit", "3")) == 3


def test_the_imap_conversation_is_formatted_only_when_traced(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    # given a client's mail in the inbox
    bot.deliver(homework_mail(SECRET_ADDRESS, bot.user, SECRET_SUBJECT, SECRET_WORDS))
    config = load_config(bot.config_path)
    wire = logging.getLogger("imapclient.imaplib")

    # when mailbot reads it at INFO, imaplib is not asked to write the conversation out at all
    # (imapclient's debug level 5 formats every message's bytes for a logger that drops them)
    with Mailbox.open(config.imap, resolve_password(config.imap)) as mailbox:
        assert mailbox.client._imap.debug == 0
        mailbox.select("INBOX")
        assert len(mailbox.fetch_messages(mailbox.uids_after(0))) == 1

    # and when the conversation is traced, it is there, the client's words in it
    with (
        caplog.at_level(logging.DEBUG, logger="imapclient.imaplib"),
        Mailbox.open(config.imap, resolve_password(config.imap)) as mailbox,
    ):
        mailbox.select("INBOX")
        mailbox.fetch_messages(mailbox.uids_after(0))
    assert any(SECRET_WORDS in r.getMessage() for r in caplog.records if r.name == wire.name)
