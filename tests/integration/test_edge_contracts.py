"""The same cases against the fakes of the mail edges and against the real adapters on Dovecot and
aiosmtpd: what a unit test learns from FakeMailbox or FakeOutbox holds for the real servers."""

from __future__ import annotations

import smtplib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import write_config
from servers import Dovecot, SmtpServer
from support.fakes import FakeMailbox, FakeOutbox

from mailbot.app import App
from mailbot.config import load_config
from mailbot.mail.imap import DRAFTS, SENT
from mailbot.mail.ports import HoldsMail, SendsMail

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SEEN = b"\\Seen"
DRAFT = b"\\Draft"


def mail(n: int, subject: str = "Journal") -> bytes:
    return (
        f"From: ben@client.example\r\nTo: ada@example.org\r\nSubject: {subject} {n}\r\n"
        f"Message-ID: <m{n}@client.example>\r\nDate: Mon, 2 Nov 2026 09:00:00 +0000\r\n\r\nDay {n}.\r\n"
    ).encode()


@dataclass
class MailboxWorld:
    """A mailbox to test, and how the test puts mail in and reads flags without it."""

    open: Callable[[], HoldsMail]
    deliver: Callable[[bytes, str], int]
    flags: Callable[[str], dict[int, set[bytes]]]
    reset_uidvalidity: Callable[[str], int]


@pytest.fixture(params=["fake", "fake-multiappend", "dovecot"])
def world(
    request: pytest.FixtureRequest, tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer, mail_user: str
) -> MailboxWorld:
    if request.param.startswith("fake"):
        fake = FakeMailbox()
        if request.param == "fake-multiappend":  # as Dovecot: APPEND of many messages in one command
            fake.capabilities |= {"MULTIAPPEND", "LITERAL+"}
        return MailboxWorld(
            lambda: fake, lambda raw, folder: fake.deliver(raw, folder), fake.flags, fake.reset_uidvalidity
        )
    app = App(load_config(write_config(tmp_path / "config.toml", dovecot, smtp_server, mail_user)), NOW)
    return MailboxWorld(
        app.mailbox,
        lambda raw, folder: dovecot.append(mail_user, folder, raw),
        # \Recent is the server's word for "new to this session", no flag anyone set
        lambda folder: {uid: set(f) - {b"\\Recent"} for uid, f in dovecot.flags(mail_user, folder).items()},
        lambda folder: dovecot.reset_uidvalidity(mail_user, folder),
    )


def test_new_mail_is_listed_after_the_last_uid_and_fetched_whole_without_being_marked_read(
    world: MailboxWorld,
) -> None:
    first, second = world.deliver(mail(1), "INBOX"), world.deliver(mail(2), "INBOX")

    with world.open() as mailbox:
        status = mailbox.select("INBOX")
        after = mailbox.uids_after(first)
        fetched = mailbox.fetch_messages([first, second])
        headers = mailbox.fetch_headers([second])

    assert status.exists == 2 and after == [second]
    assert [f.data for f in fetched] == [mail(1), mail(2)]
    assert headers[0].data.startswith(b"From: ben@client.example") and b"Day 2." not in headers[0].data
    assert all(SEEN not in flags for flags in world.flags("INBOX").values())


def test_named_header_fields_are_fetched_in_the_messages_order_folded_lines_whole(
    world: MailboxWorld,
) -> None:
    raw = (
        b"Received: from a by b\r\nSubject: Week\r\n\tthree\r\nFrom: ben@client.example\r\n"
        b"X-Other: no\r\nmessage-id: <h1@client.example>\r\n\r\nBody.\r\n"
    )
    uid = world.deliver(raw, "INBOX")

    with world.open() as mailbox:
        mailbox.select("INBOX")
        (fetched,) = mailbox.fetch_header_fields([uid], ["From", "Message-ID", "Subject", "To"])

    assert fetched.data == (
        b"Subject: Week\r\n\tthree\r\nFrom: ben@client.example\r\nmessage-id: <h1@client.example>\r\n\r\n"
    )
    assert fetched.size == len(raw) and SEEN not in world.flags("INBOX")[uid]


def test_a_new_uidvalidity_keeps_the_folders_messages_and_their_uids(world: MailboxWorld) -> None:
    uid = world.deliver(mail(6), "INBOX")
    with world.open() as mailbox:
        before = mailbox.select("INBOX").uidvalidity

    after = world.reset_uidvalidity("INBOX")

    with world.open() as mailbox:
        status = mailbox.select("INBOX")
        kept = mailbox.uids_after(0)
    assert status.uidvalidity == after != before and kept == [uid]


def test_the_sent_and_drafts_folders_are_found_by_their_role(world: MailboxWorld) -> None:
    with world.open() as mailbox:
        assert (mailbox.special_folder(SENT, None), mailbox.special_folder(DRAFTS, None)) == (
            "Sent",
            "Drafts",
        )
        assert mailbox.special_folder(SENT, "Gesendet") == "Gesendet"


def test_a_moved_message_leaves_its_folder_and_is_found_in_the_new_one_by_message_id(
    world: MailboxWorld,
) -> None:
    uid = world.deliver(mail(3), "INBOX")

    with world.open() as mailbox:
        target = mailbox.ensure_folder("Homework/Ben")
        mailbox.select("INBOX")
        moved = mailbox.move([uid], "Homework/Ben")
        left = mailbox.present([uid])
        found = mailbox.find_by_message_id("Homework/Ben", "<m3@client.example>")
        named = mailbox.message_ids_in("Homework/Ben", ["<m3@client.example>", "<m3@client.example.org>"])

    assert target == "Homework/Ben" and moved == [uid] and left == set()
    assert len(found) == 1 and named == {"<m3@client.example>"}


def test_messages_appended_together_arrive_in_their_order_with_their_flags(world: MailboxWorld) -> None:
    with world.open() as mailbox:
        mailbox.append_all("Drafts", [mail(7), mail(8), mail(9)], flags=[SEEN, DRAFT], when=NOW)
        mailbox.select("Drafts")
        fetched = mailbox.fetch_messages(mailbox.uids_after(0))

    assert [f.data for f in fetched] == [mail(7), mail(8), mail(9)]
    assert list(world.flags("Drafts").values()) == [{SEEN, DRAFT}] * 3


def test_an_appended_message_keeps_its_flags_and_a_deleted_one_is_gone(world: MailboxWorld) -> None:
    with world.open() as mailbox:
        uid = mailbox.append("Sent", mail(4), flags=[SEEN], when=NOW)
        kept = world.flags("Sent")
        mailbox.select("Sent")
        (appended,) = mailbox.uids_after(0)
        mailbox.delete("Sent", [appended])
        mailbox.select("Sent")
        gone = mailbox.present([appended])

    assert uid in (None, appended)  # a server without UIDPLUS names no UID
    assert kept == {appended: {SEEN}} and gone == set()


@dataclass
class OutboxWorld:
    open: Callable[[], SendsMail]
    received: Callable[[], list[bytes]]
    refuse_next: Callable[[int], None]


@pytest.fixture(params=["fake", "aiosmtpd"])
def outbox_world(
    request: pytest.FixtureRequest, tmp_path: Path, dovecot: Dovecot, mail_user: str
) -> Iterator[OutboxWorld]:
    if request.param == "fake":
        fake = FakeOutbox()
        yield OutboxWorld(
            lambda: fake, lambda: [bytes(m) for m in fake.sent], lambda code: fake.refuse(code=code)
        )
        return
    with SmtpServer() as smtp:
        app = App(load_config(write_config(tmp_path / "config.toml", dovecot, smtp, mail_user)), NOW)
        yield OutboxWorld(
            app.outbox, lambda: [raw for _f, _t, raw in smtp.received], lambda code: smtp.fail_next(1, code)
        )


def message(n: int) -> EmailMessage:
    out = EmailMessage()
    out["From"], out["To"], out["Subject"] = "ada@example.org", "ben@client.example", f"Reminder {n}"
    out["Message-ID"] = f"<r{n}@example.org>"
    out.set_content("Due tonight.")
    return out


def test_a_sent_message_reaches_the_server_once(outbox_world: OutboxWorld) -> None:
    with outbox_world.open() as outbox:
        outbox.send(message(1))

    (received,) = outbox_world.received()
    assert b"Message-ID: <r1@example.org>" in received


@pytest.mark.parametrize("code", [451, 550])
def test_a_refusal_raises_smtplibs_data_error_with_the_servers_code(
    outbox_world: OutboxWorld, code: int
) -> None:
    outbox_world.refuse_next(code)

    with outbox_world.open() as outbox, pytest.raises(smtplib.SMTPDataError) as refused:
        outbox.send(message(2))

    assert refused.value.smtp_code == code and outbox_world.received() == []


def test_waiting_for_new_mail_wakes_on_a_delivery_and_not_in_silence(
    tmp_path: Path, dovecot: Dovecot, smtp_server: SmtpServer, mail_user: str
) -> None:
    app = App(load_config(write_config(tmp_path / "config.toml", dovecot, smtp_server, mail_user)), NOW)
    with app.mailbox() as mailbox:
        mailbox.select("INBOX")
        quiet = mailbox.wait_for_new_mail(1.0, lambda: False)
        stopped = mailbox.wait_for_new_mail(30.0, lambda: True)
        delivery = threading.Timer(0.5, lambda: dovecot.append(mail_user, "INBOX", mail(5)))
        delivery.start()
        started = time.monotonic()
        woke = mailbox.wait_for_new_mail(30.0, lambda: False)
        took = time.monotonic() - started
        delivery.join()

    assert (quiet, stopped, woke) == (False, False, True)
    assert took < 15  # told by the server, not found at the end of the wait
