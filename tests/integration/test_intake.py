"""Intake against a real Dovecot: match, file, move, and never twice, never lost, never read."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Bot
from mails import HOSTILE_FILENAMES, homework_mail
from support.homework import assign as support_assign

from mailbot import faults
from mailbot.mail.imap import Mailbox

SEEN = b"\\Seen"
NOW = "2026-11-23T12:00"


def add_client(bot: Bot, name: str = "Ben Client", email: str = "ben@client.example") -> str:
    return bot.ok("client", "add", "--name", name, "--email", email).strip()


TYPE_OPTIONS = {
    "bibliotherapy": ["--reading", "Feeling Good, chapter 3"],
    "exposure": ["--steps", "a:10;b:50"],
}


def assign(bot: Bot, client: str, title: str, type_: str = "journal", due: str = "2026-11-30") -> dict:
    assignment_id = support_assign(bot, client, type_, title, due, *TYPE_OPTIONS.get(type_, []), now=NOW)
    return next(a for a in bot.json("assignment", "list") if a["id"] == assignment_id)


def submissions(bot: Bot) -> list[dict]:
    return bot.json("submission", "list")


# its unit twin on the fakes: test_intake_pass.py::test_a_reply_naming_one_of_several_assignments_by_token_is_filed_by_token
def test_reply_with_token_in_subject_is_filed_by_token(bot: Bot) -> None:
    client = add_client(bot)
    first = assign(bot, client, "Thought record")
    second = assign(bot, client, "Reading")
    bot.deliver(homework_mail("ben@client.example", bot.user, f"Re: homework [{second['token']}]"))

    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert (sub["assignment_id"], sub["matched_by"], sub["status"]) == (second["id"], "token", "filed")
    assert first["id"] != second["id"]
    assert bot.inbox() == []
    assert len(bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 1


# its unit twin on the fakes: test_intake_pass.py::test_a_reply_with_the_token_in_a_plus_address_is_filed_by_token
def test_token_in_plus_address_is_filed_by_token(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Thought record")
    second = assign(bot, client, "Reading")
    local, domain = bot.user.split("@")
    bot.deliver(homework_mail("ben@client.example", f"{local}+{second['token'].lower()}@{domain}"))

    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert (sub["assignment_id"], sub["matched_by"]) == (second["id"], "token")


def test_known_sender_with_one_open_assignment_is_filed_by_sender(bot: Bot) -> None:
    client = add_client(bot)
    only = assign(bot, client, "Journal")
    bot.deliver(homework_mail("BEN@client.example", bot.user, "hi", "done!"))

    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert (sub["assignment_id"], sub["matched_by"], sub["status"]) == (only["id"], "sender", "filed")


# its unit twin on the fakes: test_intake_pass.py::test_mail_naming_one_of_several_assignments_is_filed_by_content
def test_mail_naming_one_of_several_assignments_is_filed_by_content(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Chapter 3 of Feeling Good", "bibliotherapy")
    log = assign(bot, client, "Daily mood log", "mood-log")
    bot.deliver(homework_mail("ben@client.example", bot.user, "this week", "Here is my mood log for Monday."))

    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert (sub["assignment_id"], sub["matched_by"]) == (log["id"], "content")


def test_ambiguous_mail_goes_to_triage_and_the_triage_folder(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    other = assign(bot, client, "Exposure ladder", "exposure")
    bot.deliver(homework_mail("ben@client.example", bot.user, "stuff", "see attached thoughts"))

    bot.ok("poll", now=NOW)

    [sub] = bot.json("triage", "list")
    assert (sub["status"], sub["assignment_id"], sub["matched_by"]) == ("triage", None, None)
    assert len(bot.dovecot.messages(bot.user, "Homework/Triage")) == 1

    bot.ok("triage", "assign", str(sub["id"]), str(other["id"]), now=NOW)

    [settled] = submissions(bot)
    assert (settled["status"], settled["matched_by"], settled["assignment_id"]) == (
        "filed",
        "manual",
        other["id"],
    )
    assert bot.dovecot.messages(bot.user, "Homework/Triage") == []
    assert len(bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 1


# its unit twin on the fakes: test_intake_pass.py::test_a_reply_in_the_thread_of_mailbots_mail_is_filed_by_thread
def test_reply_in_the_thread_of_a_bot_message_is_filed_by_thread(bot: Bot) -> None:
    client = add_client(bot)
    first = assign(bot, client, "Journal")
    assign(bot, client, "Reading", "bibliotherapy")
    from datetime import UTC, datetime

    from mailbot.app import App  # the assignment email arrives with issue 3; record one here
    from mailbot.config import load_config
    from mailbot.db.engine import transaction
    from mailbot.db.models import OutgoingMessage

    app = App(load_config(bot.config_path), datetime.now(UTC))
    with transaction(app.sessions) as session:
        session.add(
            OutgoingMessage(
                message_id="<hw-1@mailbot.test>",
                kind="assignment",
                client_id=int(client),
                assignment_id=first["id"],
                created_at=app.now,
                sent_at=app.now,
                status="sent",
            )
        )
    bot.deliver(
        homework_mail("ben@client.example", bot.user, "Re: your homework", in_reply_to="<hw-1@mailbot.test>")
    )

    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert (sub["assignment_id"], sub["matched_by"]) == (first["id"], "thread")


# its unit twin on the fakes: test_intake_pass.py::test_a_strangers_mail_and_a_newsletter_stay_in_the_inbox_unread_and_unrecorded
def test_newsletter_from_a_stranger_stays_in_the_inbox_unread(bot: Bot) -> None:
    add_client(bot)
    bot.deliver(
        homework_mail(
            "news@shop.example", bot.user, "Black Friday!", headers={"List-Id": "<deals.shop.example>"}
        )
    )
    bot.deliver(homework_mail("friend@elsewhere.example", bot.user, "lunch?"))

    bot.ok("poll", now=NOW)

    assert submissions(bot) == []
    assert len(bot.inbox()) == 2
    assert all(SEEN not in flags for flags in bot.dovecot.flags(bot.user).values())


# its unit twin on the fakes: test_intake_pass.py::test_an_out_of_office_reply_from_a_client_is_left_in_the_inbox_and_recorded_why
def test_out_of_office_reply_from_a_client_is_not_filed(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(
        homework_mail(
            "ben@client.example",
            bot.user,
            "Automatic reply: your homework",
            "I am away until Monday.",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )

    bot.ok("poll", now=NOW)

    assert submissions(bot) == []
    assert len(bot.inbox()) == 1


def test_filed_mail_is_never_marked_read(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(homework_mail("ben@client.example", bot.user))

    bot.ok("poll", now=NOW)

    flags = bot.dovecot.flags(bot.user, "Homework/Ben Client")
    assert len(flags) == 1
    assert all(SEEN not in f for f in flags.values())


# its unit twin on the fakes: test_intake_pass.py::test_the_same_mail_delivered_twice_is_filed_once_and_the_copy_left_where_it_is
def test_same_mail_delivered_twice_is_one_submission(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    raw = homework_mail("ben@client.example", bot.user, message_id="<twice@client.example>")
    bot.deliver(b"Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\r\n" + raw)
    bot.deliver(b"Received: from c by d; Mon, 23 Nov 2026 10:00:05 +0000\r\n" + raw)

    bot.ok("poll", now=NOW)

    assert len(submissions(bot)) == 1
    on_server = bot.inbox() + bot.dovecot.messages(bot.user, "Homework/Ben Client")
    assert len(on_server) == 2  # nothing deleted: the copy stays where the server put it


# its unit twin on the fakes: test_intake_pass.py::test_a_second_poll_changes_nothing
def test_second_poll_changes_nothing(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(homework_mail("ben@client.example", bot.user))
    bot.ok("poll", now=NOW)
    before = (
        submissions(bot),
        bot.dovecot.folders(bot.user),
        bot.dovecot.messages(bot.user, "Homework/Ben Client"),
    )

    out = bot.ok("poll", now=NOW)

    assert (
        submissions(bot),
        bot.dovecot.folders(bot.user),
        bot.dovecot.messages(bot.user, "Homework/Ben Client"),
    ) == before
    assert out.startswith("0 new")


# its unit twin on the fakes: test_intake_pass.py::test_a_hostile_attachment_name_writes_nothing_outside_the_data_dir_and_files_are_private
@pytest.mark.parametrize("hostile", HOSTILE_FILENAMES)
def test_hostile_attachment_name_writes_nothing_outside_data_dir(bot: Bot, hostile: str) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(
        homework_mail(
            "ben@client.example",
            bot.user,
            attachments=[(hostile, b"payload", "text/plain"), (hostile, b"payload 2", "text/plain")],
        )
    )

    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert len(sub["attachments"]) == 2 and len(set(sub["attachments"])) == 2
    data_dir = bot.data_dir.resolve()
    stored = [p for p in data_dir.rglob("*") if p.is_file()]
    assert sum(1 for p in stored if p.read_bytes() in (b"payload", b"payload 2")) == 2
    assert not Path("/tmp/owned.txt").exists()
    assert all(p.resolve().is_relative_to(data_dir) for p in stored)


def test_stored_files_and_database_are_private_to_the_owner(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(homework_mail("ben@client.example", bot.user, attachments=[("a.txt", b"x", "text/plain")]))

    bot.ok("poll", now=NOW)

    for path in [bot.data_dir, *bot.data_dir.rglob("*")]:
        mode = os.stat(path).st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), path


# "copy_to": a mail with a Message-ID is copied to its folder and expunged with the rest
# (Dovecot has UIDPLUS); "move": one without is moved whole, by MOVE
MOVE_WAYS = ["copy_to", "move"]


def mail_moved_by(way: str, raw: bytes) -> bytes:
    return re.sub(rb"(?im)^Message-ID:.*\r?\n", b"", raw) if way == "move" else raw


@pytest.mark.parametrize("way", MOVE_WAYS)
def test_crash_between_filing_and_moving_is_finished_by_the_next_pass(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(mail_moved_by(way, homework_mail("ben@client.example", bot.user)))

    def crash(*_args: object, **_kwargs: object) -> None:
        raise ConnectionResetError("server went away")

    with monkeypatch.context() as patch:
        patch.setattr(Mailbox, way, crash)
        code, _out, err = bot.run("poll", now=NOW)
    assert code == 1 and "server went away" in err and "Traceback" not in err
    assert len(submissions(bot)) == 1 and len(bot.inbox()) == 1

    bot.ok("poll", now=NOW)

    assert len(submissions(bot)) == 1
    assert bot.inbox() == []
    assert len(bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 1


# its unit twin on the fakes: test_intake_pass.py::test_a_changed_uidvalidity_reads_the_inbox_again_without_duplicates
def test_changed_uidvalidity_rescans_without_duplicates(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(homework_mail("ben@client.example", bot.user, message_id="<a@client.example>"))
    bot.deliver(homework_mail("friend@elsewhere.example", bot.user))
    bot.ok("poll", now=NOW)
    bot.deliver(homework_mail("ben@client.example", bot.user, message_id="<b@client.example>"))
    bot.dovecot.reset_uidvalidity(bot.user, "INBOX")

    bot.ok("poll", now=NOW)

    assert sorted(s["message_id"] for s in submissions(bot)) == ["<a@client.example>", "<b@client.example>"]
    assert len(bot.inbox()) == 1  # the stranger's mail, untouched


# its unit twin on the fakes: test_intake_pass.py::test_broken_mail_from_a_client_is_filed_and_the_pass_goes_on
def test_broken_mail_from_a_client_is_filed_and_the_pass_goes_on(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    broken = (
        b"From: ben@client.example\r\nTo: " + bot.user.encode() + b"\r\n"
        b'Subject: =?x-unknown?B?////?=\r\nContent-Type: multipart/mixed; boundary="zz"\r\n\r\n'
        b"--zz\r\nContent-Type: text/plain; charset=x-klingon\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"SGVyZSBpcyBteSBqb3VybmFs!!!\r\n"  # "Here is my journal", and garbage
    )
    bot.deliver(broken)
    bot.deliver(homework_mail("ben@client.example", bot.user, "second"))

    bot.ok("poll", now=NOW)

    assert len(submissions(bot)) == 2
    assert bot.inbox() == []


# its unit twin on the fakes: test_intake_pass.py::test_a_client_folder_the_therapist_deleted_is_made_again_for_the_next_mail
def test_folder_deleted_by_the_therapist_is_made_again_for_the_next_mail(bot: Bot) -> None:
    client = add_client(bot)
    # Daily: a one-off answered by the first mail would be closed, the second sent to triage.
    daily = ["--type", "journal", "--title", "Journal", "--due", "2026-11-30", "--repeat", "daily"]
    bot.ok("assign", client, *daily, "--count", "7", "--no-send", now=NOW)
    bot.deliver(homework_mail("ben@client.example", bot.user, "one"))
    bot.ok("poll", now=NOW)
    with bot.dovecot.client(bot.user) as imap:
        imap.delete_folder("Homework/Ben Client")
    bot.deliver(homework_mail("ben@client.example", bot.user, "two"))

    bot.ok("poll", now=NOW)

    assert len(submissions(bot)) == 2
    assert len(bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 1
    assert bot.inbox() == []


# its unit twin on the fakes: test_intake_pass.py::test_a_message_deleted_before_it_was_moved_is_recorded_gone_and_kept_on_disk
def test_filed_mail_is_copied_to_each_folder_and_only_it_expunged_her_deleted_mail_stays(bot: Bot) -> None:
    for name, address in [("Ben Client", "ben@client.example"), ("Cleo Client", "cleo@client.example")]:
        assign(bot, add_client(bot, name, address), "Journal")
        bot.deliver(homework_mail(address, bot.user, f"from {name}"))
    hers = bot.deliver(homework_mail("friend@elsewhere.example", bot.user, "deleted, not expunged"))
    with bot.dovecot.client(bot.user) as imap:
        imap.select_folder("INBOX")
        imap.add_flags([hers], [b"\\Deleted"])

    bot.ok("poll", now=NOW)

    assert list(bot.dovecot.flags(bot.user)) == [hers] and b"\\Deleted" in bot.dovecot.flags(bot.user)[hers]
    for folder in ("Homework/Ben Client", "Homework/Cleo Client"):
        assert len(bot.dovecot.messages(bot.user, folder)) == 1
        assert [b"\\Deleted" in f for f in bot.dovecot.flags(bot.user, folder).values()] == [False]
    assert len(submissions(bot)) == 2


@pytest.mark.parametrize("point", ["intake.copied", "intake.before_expunge"])
def test_a_pass_cut_short_after_copying_is_finished_by_the_next_without_a_second_copy(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(homework_mail("ben@client.example", bot.user, "one"))
    bot.deliver(homework_mail("ben@client.example", bot.user, "two"))
    monkeypatch.setenv("MAILBOT_FAULT", point)
    faults.reset()
    with pytest.raises(faults.InjectedCrash):
        bot.run("poll", now=NOW)
    monkeypatch.delenv("MAILBOT_FAULT")
    assert len(bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 2  # copied, not yet expunged

    bot.ok("poll", now=NOW)

    assert bot.inbox() == [] and bot.dovecot.flags(bot.user) == {}
    assert len(bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 2
    assert len(submissions(bot)) == 2 and "message_gone" not in [
        e["action"] for e in bot.json("audit", "list")
    ]


@pytest.mark.parametrize("way", MOVE_WAYS)
def test_message_deleted_between_fetch_and_move_is_recorded_gone_and_kept_on_disk(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    client = add_client(bot)
    assign(bot, client, "Journal")
    bot.deliver(mail_moved_by(way, homework_mail("ben@client.example", bot.user, "vanishing")))
    real_way = getattr(Mailbox, way)

    def therapist_deletes_first(self: Mailbox, uids: list[int], folder: str, **kwargs: Any) -> list[int]:
        with bot.dovecot.client(bot.user) as imap:  # another client deletes it meanwhile
            imap.select_folder("INBOX")
            imap.delete_messages(uids)
            imap.expunge()
        return real_way(self, uids, folder, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Mailbox, way, therapist_deletes_first)
    bot.ok("poll", now=NOW)
    monkeypatch.undo()
    bot.ok("poll", now=NOW)

    [sub] = submissions(bot)
    assert sub["status"] == "filed"
    raw = [p for p in bot.data_dir.rglob("message.eml")]
    assert len(raw) == 1 and b"vanishing" in raw[0].read_bytes()
    assert "message_gone" in [e["action"] for e in bot.json("audit", "list")]
    assert bot.dovecot.messages(bot.user, "Homework/Ben Client") == []
