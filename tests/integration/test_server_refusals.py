"""What a server refuses, and what it lacks, never costs mail: a refused folder leaves mail waiting
without blocking the pass, a server without UIDPLUS never loses the therapist's \\Deleted mail,
and every refusal in every command ends in one sentence with the server's own words."""

from __future__ import annotations

import imaplib
import json
import logging
import re
from pathlib import Path

import pytest
from conftest import Bot, write_config
from mails import homework_mail
from practice import CLIENT, DELETED, Practice, therapist_mail
from servers import BARE, CPANEL, OFFICE365, RefusingImap, ShapedServers, SmtpServer
from support.homework import assign

from mailbot.app import App
from mailbot.clock import parse_when, system_now
from mailbot.config import load_config
from mailbot.daemon import Guarded
from mailbot.mail.imap import Mailbox
from mailbot.mail.passwords import resolve_password
from mailbot.mail.smtp import Outbox
from mailbot.passes.digest import gather

REFUSED = '"~Homework/{client}"'  # Dovecot: "Invalid mailbox name: Begins with '~'"


def test_a_refused_folder_leaves_mail_waiting_and_a_corrected_config_moves_it(
    tmp_path: Path, shaped_servers: ShapedServers, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a cPanel-shaped server and a [folders] filed name the server refuses
    practice = Practice(tmp_path, shaped_servers(CPANEL), capsys)
    practice.ok("init")
    practice.reconfigure(filed=REFUSED)
    practice.ok("client", "add", "--name", "Zoë Müller", "--email", CLIENT)
    assign(
        practice, CLIENT, "journal", "Journal", "2026-11-23", repeat="daily", count=7
    )  # daily: a one-off closes once answered, and the second mail must still be homework
    practice.deliver(homework_mail(CLIENT, practice.user, "first"))

    # when polls run, one with new mail arriving after the refusal
    first = practice.ok("poll")
    practice.deliver(homework_mail(CLIENT, practice.user, "second", "More of my journal, from today."))
    second = practice.ok("poll", now="2026-11-23T12:05")

    # then the pass went on: both mails are filed and wait in the inbox, the problem said once per pass
    assert "folder refused by the server: INBOX.~Homework" in first and "Begins with '~'" in first
    assert "1 new" in second and "folder refused by the server" in second
    subs = json.loads(practice.ok("submission", "list", "--json"))
    assert [s["status"] for s in subs] == ["filed", "filed"]
    assert len(practice.flags("INBOX")) == 2

    # when the therapist corrects [folders] filed
    practice.reconfigure(filed='"Hausaufgaben/{client}"')
    fixed = practice.ok("poll", now="2026-11-23T12:10")

    # then every waiting mail moves to the corrected folder, and nothing is left behind
    assert "2 moved" in fixed and "refused" not in fixed
    assert practice.flags("INBOX") == {}
    assert len(practice.folder("Hausaufgaben/Zoë Müller")) == 2


def test_init_exits_2_and_check_1_when_the_server_refuses_a_configured_folder(
    tmp_path: Path, shaped_servers: ShapedServers, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = Practice(tmp_path, shaped_servers(CPANEL), capsys, filed=REFUSED)

    init_code, _out, init_err = practice.run("init")
    check_code, _out, check_err = practice.run("check")

    assert (init_code, check_code) == (2, 1)
    for err in (init_err, check_err):
        assert err.count("\n") == 1 and "Begins with '~'" in err and "[folders] filed" in err


def test_check_exits_1_with_one_sentence_when_a_needed_folder_is_missing(
    tmp_path: Path, shaped_servers: ShapedServers, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = Practice(tmp_path, shaped_servers(BARE), capsys)
    practice.ok("init")
    text = practice.config.read_text()
    practice.config.write_text(text.replace('# sent = "Sent"', 'sent = "Envoyés"'))  # not on this server

    code, out, err = practice.run("check")

    assert code == 1
    assert "prefix '(none)'" in out and "no IDLE on this server" in out and "only flagged" in out
    assert err.count("\n") == 1 and "No Sent folder" in err and "[folders] sent" in err


def test_without_uidplus_a_move_and_a_draft_replacement_leave_her_deleted_mail_alone(
    tmp_path: Path, shaped_servers: ShapedServers
) -> None:
    # given a server without MOVE and UIDPLUS, her \Deleted mail in the inbox and in Drafts
    imap, smtp = shaped_servers(BARE)
    user = "ada-uidplus@example.org"
    config = load_config(write_config(tmp_path / "c.toml", imap, smtp, user))
    hers_inbox = imap.append(user, "INBOX", therapist_mail(user, "kept"), [DELETED])
    ours = imap.append(user, "INBOX", homework_mail(CLIENT, user))
    hers_draft = imap.append(user, "Brouillons", therapist_mail(user, "draft"), [DELETED])
    old_draft = imap.append(user, "Brouillons", therapist_mail(user, "mailbot's old draft"))

    # when mailbot moves its message and replaces its draft
    with Mailbox.open(config.imap, resolve_password(config.imap)) as mailbox:
        mailbox.select("INBOX")
        mailbox.ensure_folder("Homework/Zoë")
        assert mailbox.move([ours], "Homework/Zoë") == [ours]
        mailbox.delete("Brouillons", [old_draft])
        # a pass interrupted after COPY does not copy again: the flagged original is not movable
        mailbox.select("INBOX")
        assert mailbox.movable([ours]) == set()

    # then her mail keeps its \Deleted flag and is still there; ours is only flagged
    assert DELETED in imap.flags(user, "INBOX")[hers_inbox]
    assert DELETED in imap.flags(user, "INBOX")[ours]
    assert DELETED in imap.flags(user, "Brouillons")[hers_draft]
    assert DELETED in imap.flags(user, "Brouillons")[old_draft]
    assert len(imap.messages(user, "Homework/Zoë")) == 1


COMMANDS = [
    ["init"],
    ["check"],
    ["poll"],
    ["tick"],
    ["feedback", "scan"],
    ["triage", "list"],  # no server: must still work
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_ends_a_server_refusal_in_one_sentence_with_the_servers_words(
    command: list[str], bot: Bot, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    # given an initialised mailbot whose IMAP server now refuses everything after login
    refusing = RefusingImap()
    try:
        text = bot.config_path.read_text().replace(f"port = {bot.dovecot.port}", f"port = {refusing.port}")
        bot.config_path.write_text(text)

        # when the command runs
        code, out, err = bot.run(*command)
    finally:
        refusing.close()

    # then it fails with the server's words in one sentence (tick: one error log line per job, for cron's
    # mail, and nothing on stdout), no traceback
    assert "Traceback" not in out + err and "IMAPClientError" not in out + err and "error" not in out + err
    if command == ["triage", "list"]:
        assert code == 0
        return
    assert code == 1
    said = err if command != ["tick"] else caplog.text
    if command == ["tick"]:
        assert out == ""
    assert "Maintenance in progress, back at 14:00" in said
    if command != ["tick"]:
        assert err.count("\n") == 1 and err.startswith("mailbot: ")


def test_an_smtp_refusal_of_an_assignment_email_is_one_sentence(bot: Bot, smtp_server: SmtpServer) -> None:
    bot.ok("client", "add", "--name", "Ben", "--email", "ben@client.example")
    smtp_server.fail_next(1, code=554)  # permanent: mailbot does not try again
    try:
        code, out, err = bot.run(
            "assign", "ben@client.example", "--type", "journal", "--title", "J", "--due", "2026-11-30"
        )
    finally:
        smtp_server.clear()  # the server is shared: no injected failure may outlive this test
    assert code == 1 and "Traceback" not in out + err
    assert err.count("\n") == 1 and "mailbot assignment send" in err


REFUSAL = "5.7.1 Message to {rcpt} rejected: policy violation (suspected spam)"
SAID = "554 5.7.1 Message to [address] rejected: policy violation (suspected spam)"


def test_the_servers_reason_for_refusing_one_message_reaches_the_therapist_without_the_address(
    bot: Bot, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    # given a server that refuses the assignment email at DATA, naming the recipient
    bot.ok("client", "add", "--name", "Ben", "--email", "ben@client.example")
    smtp_server.fail_next(1, code=554, words=REFUSAL)
    caplog.set_level(logging.DEBUG)
    try:
        # when the therapist assigns homework, and later reads her digest
        code, out, err = bot.run(
            "assign", "ben@client.example", "--type", "journal", "--title", "J", "--due", "2026-11-30",
            now="2026-11-23T10:00",
        )  # fmt: skip
    finally:
        smtp_server.clear()
    config = load_config(bot.config_path)
    app = App(config, parse_when("2026-11-24T07:00", config.therapist.tz, "--now"))
    with app.sessions() as session:
        problems = [p.reason for p in gather(session, config, app.now).problems]

    # then the command line says, in one sentence, what the server said and what to do
    assert code == 1 and "Traceback" not in out + err and err.count("\n") == 1
    assert f"The SMTP server refused the assignment email ({SAID})" in err
    assert "mailbot assignment send" in err
    # and so does the digest
    assert f"the assignment email to Ben was refused by the mail server ({SAID})" in problems
    # and the client's address is in neither, nor in any log line
    assert "ben@client.example" not in err + " ".join(problems)
    ours = [r for r in caplog.records if r.name.startswith("mailbot")]  # not the test server's
    assert not [r for r in ours if "ben@client.example" in r.getMessage()]
    assert any(SAID in r.getMessage() for r in ours if r.levelno == logging.WARNING)


def test_oauthbearer_logs_in_to_imap_and_smtp_and_a_bad_token_is_one_sentence_without_it(
    tmp_path: Path, shaped_servers: ShapedServers, capsys: pytest.CaptureFixture[str]
) -> None:
    # given the Microsoft 365-shaped server, its example config switched to OAUTHBEARER
    practice = Practice(tmp_path, shaped_servers(OFFICE365), capsys)
    text = practice.config.read_text().replace('auth = "xoauth2"', 'auth = "oauthbearer"')
    practice.config.write_text(text)
    config = load_config(practice.config)
    assert (config.imap.auth, config.smtp.auth) == ("oauthbearer", "oauthbearer")

    # then both servers take the token from password_command
    with Mailbox.open(config.imap, resolve_password(config.imap)) as mailbox:
        assert mailbox.select("INBOX").uidvalidity > 0
    with Outbox.open(config.smtp, resolve_password(config.smtp)):
        pass

    # when the token helper prints a token the server does not know
    bad = re.sub(r'password_command = ".*"', 'password_command = "printf %s not-a-valid-token-4711"', text)
    practice.config.write_text(bad)
    code, out, err = practice.run("check")

    # then one sentence says so, and never shows the token
    assert code == 1
    assert err.count("\n") == 1 and "OAUTHBEARER" in err and "password_command" in err
    assert "not-a-valid-token-4711" not in out + err


def test_the_daemon_logs_a_failed_job_with_the_servers_words_not_an_exception_name(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    def refused(_app: App) -> str:
        raise imaplib.IMAP4.error("create failed: b'[CANNOT] Invalid mailbox name: Begins with ~'")

    job = Guarded("intake", refused, App(load_config(bot.config_path), system_now()))

    with caplog.at_level(logging.WARNING, logger="mailbot.daemon"):
        job()

    [record] = [r for r in caplog.records if r.name == "mailbot.daemon"]
    assert "[CANNOT] Invalid mailbox name: Begins with ~" in record.getMessage()
    assert "error)" not in record.getMessage() and "IMAP4" not in record.getMessage()
