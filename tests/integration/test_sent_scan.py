"""The Sent scan reads only what is new: nothing the therapist sent before mailbot, nothing twice,
and nothing again when nothing changed; on a server with CONDSTORE (a cPanel-shaped Dovecot) and on one
without it (the bare shape) alike, since a UID high-water mark, not a modification sequence, is
what keeps it cheap (docs/servers.md, "Extensions, as offered")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import make_msgid
from pathlib import Path

import pytest
from mails import homework_mail
from practice import CLIENT, SEEN, Practice, therapist_mail
from servers import BARE, CPANEL, ShapedServers
from test_server_shapes import reply_to

from mailbot.mail.imap import Fetched, Mailbox

OLD_SENT = 30


@pytest.fixture(params=[CPANEL, BARE], ids=["cpanel", "bare"])
def practice(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    shaped_servers: ShapedServers,
    capsys: pytest.CaptureFixture[str],
) -> Practice:
    """A practice on a Dovecot with CONDSTORE (cPanel-shaped) or without it (the bare shape)."""
    return Practice(tmp_path, shaped_servers(request.param), capsys)


def test_the_sent_scan_reads_only_what_she_sent_after_init_once(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given years of her own mail in Sent before mailbot was set up
    for n in range(OLD_SENT):
        practice.deliver(therapist_mail(practice.user, f"old {n}"), (SEEN,), folder="Sent")
    initialised = practice.ok("init")
    checked = practice.ok("check")
    practice.ok("client", "add", "--name", "Zoë Müller", "--email", CLIENT)
    practice.ok(
        "assign", CLIENT, "--type", "journal", "--title", "Journal", "--due", "2026-11-30", "--no-send"
    )
    mid = make_msgid(domain="client.example")
    practice.deliver(
        homework_mail(
            CLIENT,
            practice.user,
            "my journal",
            "Situation: a long day\nThoughts: it went fine",
            message_id=mid,
        )
    )
    practice.ok("poll")
    practice.deliver(
        reply_to(practice.user, mid), (SEEN,), folder="Sent", when=datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    )
    read: list[int] = []
    original = Mailbox.fetch_headers

    def counting(self: Mailbox, uids: Sequence[int]) -> list[Fetched]:
        read.extend(uids)
        return original(self, uids)

    monkeypatch.setattr(Mailbox, "fetch_headers", counting)

    # when the Sent folder is scanned, and scanned again with nothing new
    practice.ok("feedback", "scan", now="2026-11-23T15:00")
    first = list(read)
    practice.ok("feedback", "scan", now="2026-11-23T15:05")

    # then init said where the scan starts, the first scan read her reply alone, the second nothing
    assert f"sent: mail already there (up to UID {OLD_SENT}) is not read" in initialised
    assert first == [OLD_SENT + 1] and read == first
    [feedback] = json.loads(practice.ok("feedback", "list", "--json", now="2026-11-23T15:10"))
    assert feedback["status"] == "replied"
    assert ("CONDSTORE yes" in checked) == (practice.imap.shape is CPANEL)
