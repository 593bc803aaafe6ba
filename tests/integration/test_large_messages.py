"""Large mail against a real Dovecot: read in pieces, attachments and raw copy intact, memory flat."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import Bot
from support.homework import add_client, assign

from mailbot.app import App
from mailbot.config import load_config
from mailbot.core.filenames import safe_filename, unique_filenames
from mailbot.mail import large
from mailbot.mail.identity import body_key, dedupe_key
from mailbot.mail.large import LargeMessage, read_large
from mailbot.mail.parse import ParsedMessage, parse_message

NOW = "2026-11-23T12:00"
MB = 1024 * 1024
REPO = Path(__file__).resolve().parents[2]
PEAK_RSS = (  # run argv[1:], then say the peak resident memory of what ran, in KiB
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def client_with_assignment(bot: Bot) -> None:
    client = add_client(bot, "Ben Client", "ben@client.example")
    assign(bot, client, "journal", "Journal", "2026-11-30", now=NOW)


def part(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n" + body


def attachment(name: str, payload: bytes, mime: str = "application/octet-stream") -> bytes:
    encoded = base64.encodebytes(payload).replace(b"\n", b"\r\n")
    return part(
        f'Content-Type: {mime}\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="{name}"\n',
        encoded,
    )


def multipart(subtype: str, boundary: str, *parts: bytes, headers: str = "") -> bytes:
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + p + b"\r\n" for p in parts)
    return part(
        f'{headers}Content-Type: multipart/{subtype}; boundary="{boundary}"\n',
        body + f"--{boundary}--\r\n".encode(),
    )


def client_mail(to: str, *parts: bytes, message_id: str = "<large@client.example>") -> bytes:
    """A client's mail of ``parts`` (multipart/mixed), written out directly: fast for big payloads."""
    head = (
        f"From: Ben Client <ben@client.example>\nTo: {to}\nSubject: my homework\nMessage-ID: {message_id}\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\n"
    )
    return multipart("mixed", "outer-boundary", *parts, headers=head)


TEXT = part("Content-Type: text/plain; charset=utf-8\n", b"Here is my recording of the session.\r\n")


def only_submission(bot: Bot) -> dict:
    [row] = bot.json("submission", "list")
    return bot.json("submission", "show", str(row["id"]))  # type: ignore[return-value]


def stored(bot: Bot, name: str) -> Path:
    [path] = (bot.data_dir / "messages").glob(f"client-*/*/{name}")
    return path


def staging_left(bot: Bot) -> list[Path]:
    return [p for p in (bot.data_dir / "messages" / ".incoming").rglob("*")]


def test_client_mail_with_a_30_mb_attachment_is_filed_with_attachment_and_raw_copy_intact(
    sqlite_bot: Bot,
) -> None:
    bot = sqlite_bot
    client_with_assignment(bot)
    payload = os.urandom(30 * MB)
    bot.deliver(client_mail(bot.user, TEXT, attachment("session.mp3", payload, "audio/mpeg")))

    bot.ok("poll", now=NOW)

    sub = only_submission(bot)
    assert (sub["status"], sub["attachments"]) == ("filed", ["session.mp3"])
    assert sub["text"] == "Here is my recording of the session."
    assert stored(bot, "attachments/session.mp3").read_bytes() == payload
    [on_server] = bot.dovecot.messages(bot.user, "Homework/Ben Client")
    assert stored(bot, "message.eml").read_bytes() == on_server
    assert staging_left(bot) == []


def test_attachment_over_max_message_mb_is_left_on_the_server_and_named_in_defects(sqlite_bot: Bot) -> None:
    bot = sqlite_bot
    bot.config_path.write_text(bot.config_path.read_text() + "[intake]\nmax_message_mb = 5\n")
    client_with_assignment(bot)
    notes = b"my notes\n" * 100
    raw = client_mail(
        bot.user,
        TEXT,
        attachment("notes.txt", notes, "text/plain"),
        attachment("session.mp3", os.urandom(30 * MB)),
    )
    bot.deliver(raw)

    bot.ok("poll", now=NOW)

    sub = only_submission(bot)
    assert sub["status"] == "filed" and sub["text"] == "Here is my recording of the session."
    assert sub["attachments"] == ["notes.txt"]
    assert stored(bot, "attachments/notes.txt").read_bytes() == notes
    assert any("session.mp3 (30 MB) left on the mail server" in d for d in sub["defects"])
    assert any("message.eml holds only its header and text" in d for d in sub["defects"])
    copy = stored(bot, "message.eml").read_bytes()
    assert len(copy) < 10_000 and b"Here is my recording" in copy and b"Subject: my homework" in copy
    assert bot.dovecot.messages(bot.user, "Homework/Ben Client") == [raw]  # the whole mail, kept there
    assert staging_left(bot) == []


@pytest.mark.parametrize("max_message_mb", [50, 1])
def test_same_large_mail_delivered_twice_is_one_submission(sqlite_bot: Bot, max_message_mb: int) -> None:
    bot = sqlite_bot
    bot.config_path.write_text(bot.config_path.read_text() + f"[intake]\nmax_message_mb = {max_message_mb}\n")
    client_with_assignment(bot)
    raw = client_mail(bot.user, TEXT, attachment("video.mp4", os.urandom(5 * MB), "video/mp4"))
    bot.deliver(b"Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\r\n" + raw)
    bot.ok("poll", now=NOW)
    bot.deliver(b"Received: from c by d; Mon, 23 Nov 2026 10:00:05 +0000\r\n" + raw)

    bot.ok("poll", now=NOW)

    assert len(bot.json("submission", "list")) == 1
    assert len(bot.inbox() + bot.dovecot.messages(bot.user, "Homework/Ben Client")) == 2


def test_large_mail_is_read_as_the_same_mail_would_be_read_whole(sqlite_bot: Bot) -> None:
    bot = sqlite_bot
    client_with_assignment(bot)
    plain = part(
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n",
        b"Gr=FC=DFe, my diary is attached.\r\n\r\nOn Mon, 23 Nov 2026 at 09:00, Dr. Ada Example <ada@example.org> wrote:\r\n"
        b"> Please send your diary.\r\n",
    )
    html = part(
        "Content-Type: text/html; charset=utf-8\n", b"<p>Gr\xc3\xbc\xc3\x9fe, my diary is attached.</p>"
    )
    raw = client_mail(
        bot.user,
        multipart("alternative", "inner-boundary", plain, html),
        attachment("photo.jpg", os.urandom(20_000), "image/jpeg"),
        attachment("diary.pdf", os.urandom(5 * MB), "application/pdf"),
        attachment("diary.pdf", os.urandom(3 * MB), "application/pdf"),
        attachment("", os.urandom(1000), "application/pdf"),
    )
    whole = parse_message(raw)
    bot.deliver(raw)

    bot.ok("poll", now=NOW)

    sub = only_submission(bot)
    assert (sub["text"], sub["new_text"]) == (whole.text, whole.new_text)
    assert sub["new_text"] == "Grüße, my diary is attached."
    names = unique_filenames(
        safe_filename(a.filename, a.content_type, i) for i, a in enumerate(whole.attachments, 1)
    )
    assert sub["attachments"] == names == ["photo.jpg", "diary.pdf", "diary (2).pdf", "attachment-4.pdf"]
    for name, expected in zip(names, whole.attachments, strict=True):
        assert stored(bot, f"attachments/{name}").read_bytes() == expected.payload


CORPUS = Path(__file__).parent.parent / "corpus"
FIELDS = ("message_id", "from_address", "from_name", "recipients", "subject", "date", "in_reply_to")
FIELDS += ("references", "text", "new_text", "quoted_text", "automated", "dmarc_fail")
SERVER_SPLITS_OTHERWISE = {  # hostile Content-Type headers Dovecot reads differently from Python
    "content-type-crashes-modern-parser.eml",
    "content-type-parameter-flood.eml",
}


def read_in_pieces_and_whole(bot: Bot, mails: list[bytes]) -> list[tuple[ParsedMessage, LargeMessage, bytes]]:
    """Each mail as delivered: read in pieces (however small it is), and whole as the server has it."""
    for mail in mails:
        bot.deliver(mail)
    with App(load_config(bot.config_path), datetime.now(UTC)).mailbox() as mailbox:
        mailbox.select("INBOX")
        out = []
        for uid in mailbox.uids_after(0):
            [raw] = [m.data for m in mailbox.fetch_messages([uid])]
            out.append((parse_message(raw), read_large(mailbox, uid, len(raw), bot.data_dir, 2**40), raw))
        return out


def corpus(names: list[str]) -> list[bytes]:
    return [(CORPUS / name).read_bytes() for name in names]


def as_stored(parsed: ParsedMessage) -> list[tuple[str, str, bytes]]:
    names = unique_filenames(
        safe_filename(a.filename, a.content_type, i) for i, a in enumerate(parsed.attachments, 1)
    )
    return [(n, a.content_type, a.payload) for n, a in zip(names, parsed.attachments, strict=True)]


def test_every_corpus_mail_read_in_pieces_reads_as_when_read_whole(sqlite_bot: Bot) -> None:
    names = sorted(p.name for p in CORPUS.glob("*.eml") if p.name not in SERVER_SPLITS_OTHERWISE)

    for name, (whole, pieces, raw) in zip(
        names, read_in_pieces_and_whole(sqlite_bot, corpus(names)), strict=True
    ):
        assert [getattr(pieces.parsed, f) for f in FIELDS] == [getattr(whole, f) for f in FIELDS], name
        assert [(f.filename, f.content_type, f.path.read_bytes()) for f in pieces.files] == as_stored(
            whole
        ), name
        assert (pieces.staging / "message.eml").read_bytes() == raw, name
        assert body_key(pieces.parsed, pieces.body_sha256) == dedupe_key(whole, raw), name
        pieces.discard()


def test_streamed_attachments_are_named_and_classified_as_when_read_whole(
    sqlite_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(large, "WHOLE_PART_BYTES", 0)  # every attachment streamed, however small
    names = ["hostile-attachment-names-rfc2231.eml", "calendar-invite.eml", "zip-attachment.eml"]

    for name, (whole, pieces, _raw) in zip(
        names, read_in_pieces_and_whole(sqlite_bot, corpus(names)), strict=True
    ):
        assert pieces.parsed.automated == whole.automated, name
        assert [(f.filename, f.content_type, f.path.read_bytes()) for f in pieces.files] == as_stored(
            whole
        ), name
        pieces.discard()


def test_parts_too_large_to_read_are_kept_as_files(sqlite_bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(large, "WHOLE_PART_BYTES", 0)
    monkeypatch.setattr(large, "WHOLE_BUDGET_BYTES", 100)
    log = b"a long log of my week, too long to read as text\r\n" * 5
    forwarded = (CORPUS / "forward-bare-message-rfc822.eml").read_bytes()
    mail = client_mail(
        "therapist@example.org",
        part("Content-Type: text/plain; charset=utf-8\nContent-Disposition: inline\n", log),
        part('Content-Type: message/rfc822\nContent-Disposition: inline; filename="week.eml"\n', forwarded),
    )

    [(_whole, pieces, _raw)] = read_in_pieces_and_whole(sqlite_bot, [mail])

    assert pieces.parsed.text == ""
    assert [(f.filename, f.content_type) for f in pieces.files] == [
        ("attachment-1.txt", "text/plain"),
        ("week.eml", "message/rfc822"),
    ]
    crlf = forwarded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # as the server gives it
    assert [f.path.read_bytes() for f in pieces.files] == [log, crlf]
    assert [d for d in pieces.parsed.defects if "too large to read" in d] == [
        "part 1 (1 KB) too large to read; kept as a file",
        "part 2 (1 KB) too large to read; kept as a file",
    ]


def peak_rss_of_poll(bot: Bot) -> float:
    """Peak resident memory, in MB, of `mailbot poll` run as its own process."""
    command = [sys.executable, "-m", "mailbot", "--config", str(bot.config_path), "--now", NOW, "poll"]
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *command], cwd=REPO, capture_output=True, text=True, check=True
    )
    return int(done.stdout) / 1024


@pytest.mark.slow
@pytest.mark.parametrize("max_message_mb", [50, 100])
def test_polling_a_mail_with_a_50_mb_attachment_stays_under_150_mb(
    sqlite_bot: Bot, max_message_mb: int
) -> None:
    bot = sqlite_bot
    bot.config_path.write_text(bot.config_path.read_text() + f"[intake]\nmax_message_mb = {max_message_mb}\n")
    client_with_assignment(bot)
    payload = os.urandom(50 * MB)
    bot.deliver(client_mail(bot.user, TEXT, attachment("session.mp3", payload, "audio/mpeg")))

    peak = peak_rss_of_poll(bot)

    print(f"peak RSS of mailbot poll, 50 MB attachment, max_message_mb={max_message_mb}: {peak:.0f} MB")
    assert peak < 150, f"peak RSS {peak:.0f} MB"
    assert stored(bot, "attachments/session.mp3").read_bytes() == payload
