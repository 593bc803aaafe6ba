"""The first pass over an inbox the database has never seen (init did not record it): every
header is read, mail already there is filed only by mailbot's own thread or token, and no
message fails for it."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import Bot
from mails import homework_mail
from sqlalchemy import delete
from support.homework import add_client, assign

from mailbot.app import App
from mailbot.config import load_config
from mailbot.db.engine import transaction
from mailbot.db.models import FolderState, OutgoingMessage

NOW = "2026-11-23T12:00"
CLIENT = "ben@client.example"


def test_an_inbox_never_seen_is_read_whole_and_files_old_mail_only_by_our_thread(bot: Bot) -> None:
    client = add_client(bot, "Ben Client", CLIENT)
    assignment = assign(bot, client, "journal", "Journal", "2026-11-30", now=NOW)
    app = App(load_config(bot.config_path), datetime.now(UTC))
    with transaction(app.sessions) as session:
        session.add(
            OutgoingMessage(
                message_id="<hw-1@mailbot.test>", kind="assignment", client_id=int(client),
                assignment_id=assignment, created_at=app.now, sent_at=app.now, status="sent",
            )
        )  # fmt: skip
        session.execute(delete(FolderState).where(FolderState.folder == "INBOX"))  # init never saw it
    app.engine.dispose()
    bot.deliver(
        homework_mail(CLIENT, bot.user, "Re: your homework", "My journal", in_reply_to="<hw-1@mailbot.test>")
    )
    bot.deliver(homework_mail(CLIENT, bot.user, "dinner on friday?", "Shall we?"))
    bot.deliver(
        b"From: Shop <news@shop.example>\r\nTo: " + bot.user.encode() + b"\r\nSubject: Sale\r\n"
        b"List-Id: <news.shop.example>\r\nMessage-ID: <n1@shop.example>\r\n\r\nBuy now.\r\n"
    )

    out = bot.ok("poll", now=NOW)

    assert "3 new, 1 filed, 0 to triage, 2 left alone, 0 duplicates, 0 failed" in out
    [sub] = bot.json("submission", "list")
    assert (sub["assignment_id"], sub["matched_by"]) == (assignment, "thread")
    assert len(bot.inbox()) == 2  # the client's other mail and the newsletter, as they were
