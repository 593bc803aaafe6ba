"""`mailbot run` as a real process: IDLE takes new mail within seconds, an IMAP outage is
survived, SIGTERM ends it cleanly, and a second daemon (or a `poll` by hand) on the same database
refuses to start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from conftest import write_config
from mails import homework_mail
from servers import Dovecot, SmtpServer, new_user
from support.run import run_mailbot, start_daemon

CLIENT = "ben@client.example"


@pytest.fixture
def own_servers() -> Iterator[tuple[Dovecot, SmtpServer]]:
    """A Dovecot this test may stop and start, with its own SMTP server."""
    with Dovecot() as dovecot, SmtpServer(deliver_to=dovecot) as smtp:
        yield dovecot, smtp


def mailbot(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_mailbot(*args, config=config)


def wait_until(predicate, timeout: float, what: str) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def submissions(config: Path) -> list[dict]:
    return json.loads(mailbot(config, "submission", "list", "--json").stdout)


def test_daemon_files_on_idle_survives_an_outage_and_stops_cleanly(
    tmp_path: Path, own_servers: tuple[Dovecot, SmtpServer]
) -> None:
    dovecot, smtp = own_servers
    user = new_user("therapist")
    config = write_config(tmp_path / "config.toml", dovecot, smtp, user)
    config.write_text(config.read_text() + "[schedule]\npoll_minutes = 10\n")
    assert mailbot(config, "init").returncode == 0
    assert mailbot(config, "client", "add", "--name", "Ben Client", "--email", CLIENT).returncode == 0
    assert (
        mailbot(
            config,
            "assign",
            CLIENT,
            "--type",
            "journal",
            "--title",
            "Journal",
            "--due",
            "2026-12-30",
            "--no-send",
        ).returncode
        == 0
    )
    log = open(tmp_path / "daemon.log", "w")  # noqa: SIM115
    daemon = start_daemon(config, log)
    try:
        time.sleep(3)  # first passes done, IDLE established
        second = mailbot(config, "run")
        assert second.returncode == 1 and "already using this database" in second.stderr
        by_hand = mailbot(config, "poll")  # would race the daemon's own pass: refused, one sentence
        assert by_hand.returncode == 1 and "try `mailbot poll` again" in by_hand.stderr
        assert "Traceback" not in by_hand.stderr

        dovecot.append(user, "INBOX", homework_mail(CLIENT, user, "first"))
        took = wait_until(lambda: len(submissions(config)) == 1, 90, "filing on IDLE")
        # Far inside the 10-minute poll interval: IDLE woke intake. Not 10 s: each look is a
        # `mailbot submission list` process, which takes seconds on a loaded machine.
        assert took < 60
        wait_until(lambda: len(dovecot.messages(user, "Drafts")) == 1, 10, "the draft")

        dovecot.stop()
        time.sleep(4)  # the daemon notices, backs off, and keeps running
        assert daemon.poll() is None
        dovecot.start()
        dovecot.append(user, "INBOX", homework_mail(CLIENT, user, "second"))
        wait_until(lambda: len(submissions(config)) == 2, 60, "filing after the outage")

        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
        log.close()
    output = (tmp_path / "daemon.log").read_text()
    assert "Traceback" not in output
    assert "mailbot stopped" in output
    assert CLIENT not in output and "first" not in output.split("INFO")[0]  # no client content


def test_tick_runs_every_due_job_once(tmp_path: Path, own_servers: tuple[Dovecot, SmtpServer]) -> None:
    dovecot, smtp = own_servers
    user = new_user("therapist")
    config = write_config(tmp_path / "config.toml", dovecot, smtp, user)
    assert mailbot(config, "init").returncode == 0

    result = mailbot(config, "--now", "2026-11-23T06:00", "tick")

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    said = [line.split("tick: ")[1].split(":")[0] for line in result.stderr.splitlines() if "tick: " in line]
    assert said == ["intake", "reminders", "feedback", "brief"]  # briefs whose time has come, each once
    later = mailbot(config, "--now", "2026-11-23T08:00", "tick")
    assert "tick: digest:" in later.stderr


def test_an_idle_tick_at_log_level_warning_prints_nothing_at_all(
    tmp_path: Path, own_servers: tuple[Dovecot, SmtpServer]
) -> None:
    dovecot, smtp = own_servers
    config = write_config(tmp_path / "config.toml", dovecot, smtp, new_user("therapist"))
    assert mailbot(config, "init").returncode == 0

    idle = mailbot(config, "--log-level", "warning", "--now", "2026-11-23T08:00", "tick")

    assert (idle.returncode, idle.stdout, idle.stderr) == (0, "", "")
    assert os.stat(tmp_path / "data").st_mode & 0o777 == 0o700


def test_an_imap_outage_the_daemon_survives_is_told_in_the_next_digest(tmp_path: Path) -> None:
    with Dovecot() as dovecot, SmtpServer() as smtp:
        user = new_user("therapist")
        config = write_config(tmp_path / "config.toml", dovecot, smtp, user)
        config.write_text(config.read_text() + "[schedule]\nidle = false\n")
        assert mailbot(config, "init").returncode == 0
        dovecot.stop()  # given: the IMAP server is down for the whole run
        log_path = tmp_path / "daemon.log"
        with open(log_path, "w") as log:
            daemon = start_daemon(config, log)
            try:  # when: its first intake pass fails, and it goes on running
                wait_until(lambda: "intake failed" in log_path.read_text(), 30, "the failed intake")
                assert daemon.poll() is None
                daemon.send_signal(signal.SIGTERM)
                assert daemon.wait(timeout=30) == 0
            finally:
                if daemon.poll() is None:
                    daemon.kill()

        sent = mailbot(config, "digest", "--send")  # then: the next digest, still without IMAP, says so

        assert sent.returncode == 0, sent.stderr
        (digest,) = [raw for _sender, _to, raw in smtp.received]
        text = message_from_bytes(digest, policy=default).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Checking mail failed" in text


def test_a_sigterm_while_the_first_jobs_run_stops_the_daemon_cleanly_every_time(
    tmp_path: Path, own_servers: tuple[Dovecot, SmtpServer]
) -> None:
    """Stopping used to run inside the signal handler, taking locks the interrupted scheduler
    could hold: a SIGTERM landing while jobs started hung the daemon until it was killed."""
    dovecot, smtp = own_servers
    config = write_config(tmp_path / "config.toml", dovecot, smtp, new_user("therapist"))
    config.write_text(config.read_text() + "[schedule]\nidle = false\n")
    assert mailbot(config, "init").returncode == 0
    for attempt, delay in enumerate((0.9, 1.0, 1.05, 1.1, 1.2)):  # the first jobs start at 1 s
        log_path = tmp_path / f"daemon{attempt}.log"
        with open(log_path, "w") as log:
            daemon = start_daemon(config, log)
            try:
                wait_until(lambda p=log_path: "mailbot running" in p.read_text(), 30, "the daemon")
                time.sleep(delay)
                daemon.send_signal(signal.SIGTERM)
                assert daemon.wait(timeout=30) == 0, log_path.read_text()
            finally:
                if daemon.poll() is None:
                    daemon.kill()
        assert "mailbot stopped" in log_path.read_text()
