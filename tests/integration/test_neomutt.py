"""A real mail client sees mailbot's draft as a reply in the client's thread: neomutt, driven in
tmux, reading the therapist's mailbox over IMAP."""

from __future__ import annotations

import email
import shutil
import subprocess
import time
from email import policy
from pathlib import Path

import pytest
from conftest import Bot
from mails import homework_mail
from servers import SmtpServer

pytestmark = pytest.mark.skipif(
    not (shutil.which("neomutt") and shutil.which("tmux")),
    reason="needs neomutt and tmux (scripts/setup installs them)",
)


def screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True, check=True
    ).stdout


def wait_for(session: str, text: str, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen(session)}")


def test_neomutt_shows_the_draft_threaded_under_the_clients_message(sqlite_bot: Bot, tmp_path: Path) -> None:
    bot = sqlite_bot
    bot.ok("client", "add", "--name", "Ben Client", "--email", "ben@client.example")
    bot.ok(
        "assign",
        "ben@client.example",
        "--type",
        "mood-log",
        "--title",
        "Log",
        "--due",
        "2026-11-30",
        "--no-send",
        now="2026-11-02T09:00",
    )
    bot.deliver(
        homework_mail(
            "ben@client.example",
            bot.user,
            "my mood log",
            "Situation: work\nAutomatic thought: I'll fail\nEmotion: anxious 70",
        )
    )
    bot.ok("poll", now="2026-11-02T11:00")
    # neomutt threads within one folder: copy the filed original next to the draft, as a
    # therapist's client does when it shows a conversation.
    [original] = bot.dovecot.messages(bot.user, "Homework/Ben Client")
    bot.dovecot.append(bot.user, "Drafts", original)
    muttrc = tmp_path / "muttrc"
    muttrc.write_text(f"""
set imap_user="{bot.user}"
set imap_pass="{bot.dovecot.password}"
set folder="imap://127.0.0.1:{bot.dovecot.port}/"
set spoolfile="+Drafts"
set ssl_starttls=no
set ssl_force_tls=no
set sort=threads
set index_format="%Z|%-24.24L|%s"
set mail_check_stats=no
set header_cache=""
alternates "{bot.user}"
""")
    session = f"mailbot-neomutt-{tmp_path.name}"[:60]
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "20", f"neomutt -n -F {muttrc}"],
        check=True,
    )
    try:
        shown = wait_for(session, "Msgs:2")
        lines = [line for line in shown.splitlines() if "|" in line]
        assert len(lines) == 2, shown
        assert lines[0].rstrip().endswith("|my mood log"), shown  # the client's message, then
        assert "─>" in lines[1] or "->" in lines[1], shown  # the draft, a reply under it in the thread tree,
        assert "To Ben Client" in lines[1], shown  # addressed to the client
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def test_homework_neomutt_sends_with_its_own_sent_copy_is_set_and_the_reply_files_by_thread(
    sqlite_bot: Bot, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    bot = sqlite_bot
    client = f"{bot.user.split('@')[0]}-ben@example.org"
    bot.ok("client", "add", "--name", "Ben Client", "--email", client)
    muttrc = tmp_path / "muttrc"
    muttrc.write_text(f"""
set from="Dr. Ada Example <{bot.user}>"
set smtp_url="smtp://{bot.user}@127.0.0.1:{smtp_server.port}/"
set smtp_pass="{smtp_server.password}"
set imap_user="{bot.user}"
set imap_pass="{bot.dovecot.password}"
set folder="imap://127.0.0.1:{bot.dovecot.port}/"
set record="+Sent"
set copy=yes
set ssl_starttls=no
set ssl_force_tls=no
set header_cache=""
set editor="true"
set sleep_time=0
set abort_noattach=no
set abort_unmodified=no
""")
    body = tmp_path / "body.txt"
    body.write_text("Homework: mood log\nDue: daily at 21:00 for 5 days\n\nDear Ben,\nas agreed today.\n")

    # neomutt as a therapist uses it: compose (the editor leaves the text as written), press y to
    # send through SMTP; neomutt then saves its own copy in Sent over IMAP.
    session = f"mailbot-neomutt-send-{tmp_path.name}"[:60]
    command = f"neomutt -n -F {muttrc} -s 'Your mood log' -i {body} -- {client}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "20", command], check=True)
    try:
        for _prompt in range(4):  # neomutt asks to confirm the To: and Subject: it was given
            time.sleep(0.5)
            if "y:Send" in screen(session):
                break
            subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        wait_for(session, "y:Send")
        subprocess.run(["tmux", "send-keys", "-t", session, "y"], check=True)
        deadline = time.monotonic() + 20
        while not bot.dovecot.messages(bot.user, "Sent") and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    [sent_copy] = bot.dovecot.messages(bot.user, "Sent")
    assert [rcpts for _f, rcpts, _raw in smtp_server.received if client in rcpts] == [[client]]
    message_id = email.message_from_bytes(sent_copy, policy=policy.default)["Message-ID"]
    bot.ok("poll", now="2026-12-01T10:00")

    [assignment] = bot.json("assignment", "list")
    assert (assignment["type"], assignment["occurrences"]["total"]) == ("mood-log", 5)
    bot.deliver(
        homework_mail(
            client,
            bot.user,
            "Re: Your mood log",
            "Situation: bus\nEmotion: calm 20",
            in_reply_to=str(message_id),
        )
    )
    bot.ok("poll", now="2026-12-01T22:00")
    [submission] = bot.json("submission", "list")
    assert (submission["matched_by"], submission["assignment_id"]) == ("thread", assignment["id"])
