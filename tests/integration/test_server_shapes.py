"""The whole flow against the IMAP servers therapists really have, each a Dovecot shaped like it
(tests/servers.py): cPanel/Courier ("INBOX." prefix, "." separator) with and without SPECIAL-USE
and with localized folders, a bare server without MOVE, UIDPLUS, IDLE, SPECIAL-USE or NAMESPACE
and with French folders, Gmail's folders and X-GM-EXT-1, and Microsoft 365's greeting with OAuth2.

Each run uses config.example.toml changed only in host, port, user and secret (and the test CA),
and proves: nothing lost, nothing filed twice, nothing marked read, and the therapist's own mail,
her \\Deleted-but-kept message among it, exactly as it was.
"""

from __future__ import annotations

import email.utils
import json
import logging
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from mails import homework_mail
from practice import CLIENT, DELETED, SEEN, Practice, therapist_mail
from servers import BARE, CPANEL, CPANEL_PLAIN, GMAIL, IMAP4D, OFFICE365, Shape, ShapedServers


def newsletter(user: str) -> bytes:
    return homework_mail(
        "news@shop.example", user, "Our November offers", headers={"List-Id": "<offers.shop>"}
    )


SHAPES = [CPANEL, CPANEL_PLAIN, BARE, GMAIL, OFFICE365, IMAP4D]


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_the_whole_flow_on_each_server_shape_loses_nothing_and_touches_nothing_of_hers(
    shape: Shape,
    tmp_path: Path,
    shaped_servers: ShapedServers,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given a practice on this server, with the example configuration
    practice = Practice(tmp_path, shaped_servers(shape), capsys)
    practice.ok("init")
    checked = practice.ok("check")
    assert "drafts: " + practice.imap.shape.folder("Drafts") in checked
    assert "sent:   " + practice.imap.shape.folder("Sent") in checked
    practice.ok("client", "add", "--name", "Zoë Müller", "--email", CLIENT)
    assignment_id = practice.ok(
        "assign", CLIENT, "--type", "journal", "--title", "Evening journal", "--due", "2026-11-30"
    ).strip()
    [assignment] = [
        a for a in json.loads(practice.ok("assignment", "list", "--json")) if str(a["id"]) == assignment_id
    ]
    [sent_to_client] = practice.imap.messages(CLIENT, "INBOX")
    assignment_mid = str(email.message_from_bytes(sent_to_client)["Message-ID"])
    hers = practice.deliver(therapist_mail(practice.user, "Lunch?"), (DELETED,))
    practice.deliver(newsletter(practice.user))
    reply_mid = make_msgid(domain="client.example")
    practice.deliver(
        homework_mail(
            CLIENT,
            practice.user,
            "Re: homework",
            "Wrote it.",
            message_id=reply_mid,
            in_reply_to=assignment_mid,
        )
    )
    practice.deliver(homework_mail(CLIENT, practice.user, f"journal [{assignment['token']}]"))
    hers_before = practice.flags("INBOX")[hers]

    # when mailbot polls (twice: the second changes nothing), and the therapist answers
    practice.ok("poll")
    practice.ok("poll", now="2026-11-23T12:05")
    answered = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    practice.deliver(reply_to(practice.user, reply_mid), (SEEN,), folder="Sent", when=answered)
    practice.ok("feedback", "scan", now="2026-11-23T15:00")

    # then both client mails are filed once, in Zoë's folder, unread
    submissions = json.loads(practice.ok("submission", "list", "--json"))
    assert sorted((s["matched_by"], s["status"]) for s in submissions) == [
        ("thread", "filed"),
        ("token", "filed"),
    ]
    filed = practice.flags("Homework/Zoë Müller")
    assert len(filed) == 2 and not any(SEEN in f or DELETED in f for f in filed.values())
    # ... her own mail is as it was, \Deleted and all, and the newsletter stays
    inbox = practice.flags("INBOX")
    assert inbox[hers] == hers_before and DELETED in hers_before
    left = {uid: f for uid, f in inbox.items() if uid != hers and DELETED not in f}
    assert len(left) == 1 and SEEN not in next(iter(left.values()))
    # ... moved mail left behind flagged only where the server cannot expunge exactly it
    leftovers = [uid for uid, f in inbox.items() if uid != hers and DELETED in f]
    assert len(leftovers) == (2 if "UIDPLUS" in shape.without else 0)
    # ... one draft per submission, the one she answered retired (issue 13: mailbot's own, untouched;
    # only flagged where the server cannot expunge exactly it), the reply counted, and a Sent copy
    # only where nobody else makes one
    drafts = practice.flags("Drafts")
    live = [f for f in drafts.values() if DELETED not in f]
    assert len(live) == 1 and all({b"\\Draft", SEEN} <= f for f in drafts.values())
    assert len(drafts) == (2 if "UIDPLUS" in shape.without else 1)
    feedback = json.loads(practice.ok("feedback", "list", "--json", now="2026-11-23T15:10"))
    assert sorted(f["status"] for f in feedback) == ["drafted", "replied"]
    provider_files_sent = shape in (GMAIL, OFFICE365)
    sent_flags = practice.flags("Sent")
    assert len(sent_flags) == (1 if provider_files_sent else 2)
    assert all(SEEN in f for f in sent_flags.values())  # mailbot's copies and her reply: read

    # and cron's tick (digest included) runs every job on this server without a failure: nothing on
    # stdout (issue 13), each job's line in the log
    caplog.clear()
    caplog.set_level(logging.INFO, logger="mailbot")
    ticked = practice.ok("--log-level", "info", "tick", now="2026-11-23T15:05")
    assert ticked == "" and "intake: " in caplog.text and "failed:" not in caplog.text
    assert practice.flags("INBOX")[hers] == hers_before


def reply_to(user: str, in_reply_to: str) -> bytes:
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = user, CLIENT, "Re: homework"
    reply["Message-ID"] = make_msgid(domain="practice.example")
    reply["Date"] = email.utils.format_datetime(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    reply["In-Reply-To"] = reply["References"] = in_reply_to
    reply.set_content("Thank you, Zoë.")
    return bytes(reply)


SENT_COPIES = {
    "gmail": "sent copies: Gmail files sent mail into Sent itself; mailbot adds no copy",
    "office365": "sent copies: Microsoft 365 files sent mail into Sent itself; mailbot adds no copy",
    "bare": "sent copies: mailbot appends a copy of what it sends to Sent (no provider that files its own "
    "was recognised); does your provider put mail sent over its SMTP into Sent by itself? If so (each "
    "of mailbot's emails would show there twice), set [smtp] append_to_sent = false",
}


@pytest.mark.parametrize("shape", [GMAIL, OFFICE365, BARE], ids=["gmail", "office365", "bare"])
def test_init_says_what_becomes_of_sent_copies_and_asks_when_it_cannot_tell(
    shape: Shape, tmp_path: Path, shaped_servers: ShapedServers, capsys: pytest.CaptureFixture[str]
) -> None:
    # given the example configuration (append_to_sent = "auto") on this provider's server
    practice = Practice(tmp_path, shaped_servers(shape), capsys)

    # when the therapist runs init, and later check
    initialised = practice.ok("init").splitlines()
    checked = practice.ok("check").splitlines()

    # then both say what becomes of the copies; where no provider is recognised, init asks her
    expected = SENT_COPIES[shape.name.lower()]
    assert expected in initialised
    assert "  " + expected in checked


def test_init_warns_when_append_to_sent_true_would_copy_twice_on_gmail(
    tmp_path: Path, shaped_servers: ShapedServers, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = Practice(tmp_path, shaped_servers(GMAIL), capsys)
    practice.reconfigure(append_to_sent="true")

    initialised = practice.ok("init").splitlines()

    assert (
        "sent copies: mailbot appends a copy to Sent (append_to_sent = true); Gmail files sent mail into "
        'Sent itself, so each will show twice: set [smtp] append_to_sent = "auto"'
    ) in initialised
