"""Intake writes a group's rows in bulk (mailbot.passes.filing): one bad message is left out by
filing its group again without it, and leaves nothing half-written behind."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import Bot
from mails import homework_mail
from sqlalchemy import func, select

from mailbot.app import App
from mailbot.config import load_config
from mailbot.db.models import AuditEvent, Credit, Feedback, Occurrence, Problem, StoredAttachment, Submission
from mailbot.passes import filing, intake_outcomes

NOW = "2026-11-23T12:00"
CLIENT = "ben@client.example"
BREAK = "BREAK-THIS-ONE"


def counts(bot: Bot) -> dict[str, Any]:
    """Rows per table that filing writes, and the occurrences credited, read from the database."""
    app = App(load_config(bot.config_path), datetime.now(UTC))
    with app.sessions() as session:
        found = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (Submission, StoredAttachment, Credit, Feedback)
        }
        found["filed audits"] = session.scalar(
            select(func.count()).where(AuditEvent.action == "submission_filed")
        )
        found["credited"] = session.scalar(
            select(func.count()).where(Occurrence.status.in_(["done", "late"]))
        )
        found["problems"] = [
            (p.resolved, p.attempts)
            for p in session.scalars(select(Problem).where(Problem.kind == "message"))
        ]
    app.engine.dispose()
    return found


def given_a_client_with_a_daily_log(bot: Bot) -> None:
    client = bot.ok("client", "add", "--name", "Ben Client", "--email", CLIENT).strip()
    bot.ok(
        "assign", client, "--type", "journal", "--title", "Journal", "--due", "2026-11-21T21:00",
        "--repeat", "daily", "--count", "5", "--no-send", now="2026-11-20T09:00",
    )  # fmt: skip


def deliver_three(bot: Bot, middle: str) -> None:
    for day, body in (("Nov 21", "first"), ("Nov 22", middle), ("Nov 23", "third")):
        bot.deliver(
            homework_mail(
                CLIENT,
                bot.user,
                f"journal {day}",
                f"My journal: {body}",
                date=datetime.strptime(f"2026 {day} 10:00", "%Y %b %d %H:%M").replace(tzinfo=UTC),
                attachments=[("notes.txt", f"notes {body}".encode(), "text/plain")],
            )
        )


def test_a_message_that_fails_half_filed_leaves_no_row_and_the_rest_of_its_group_is_filed(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    given_a_client_with_a_daily_log(bot)
    deliver_three(bot, BREAK)
    real_kept_text = intake_outcomes.kept_text

    def breaks_after_crediting(text: str, defects: list[str]) -> str:
        # kept_text runs after the occurrence is credited and the files are written
        if BREAK in text:
            raise OSError("disk trouble for this message only")
        return real_kept_text(text, defects)

    monkeypatch.setattr(intake_outcomes, "kept_text", breaks_after_crediting)

    bot.ok("poll", now=NOW)

    after = counts(bot)
    assert after == {
        "Submission": 2,
        "StoredAttachment": 2,
        "Credit": 2,
        "Feedback": 2,
        "filed audits": 2,
        "credited": 2,
        "problems": [(False, 1)],
    }
    assert len(bot.inbox()) == 1  # the failed one waits, unread, for the next pass

    monkeypatch.setattr(intake_outcomes, "kept_text", real_kept_text)
    bot.ok("poll", now=NOW)

    assert counts(bot)["Submission"] == 3
    assert counts(bot)["problems"] == [(True, 1)]
    assert bot.inbox() == []


def test_a_failure_of_the_bulk_write_is_traced_to_its_message_by_writing_one_by_one(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    given_a_client_with_a_daily_log(bot)
    deliver_three(bot, BREAK)
    real_attachment = filing._attachment

    def refuses_one(submission_id: int, f: Any) -> dict[str, Any]:
        if f.path.read_bytes() == f"notes {BREAK}".encode():
            raise ValueError("the database refuses this row")
        return real_attachment(submission_id, f)

    monkeypatch.setattr(filing, "_attachment", refuses_one)

    bot.ok("poll", now=NOW)

    after = counts(bot)
    assert (after["Submission"], after["StoredAttachment"], after["credited"]) == (2, 2, 2)
    assert after["problems"] == [(False, 1)]
    assert len(bot.inbox()) == 1


def test_the_same_mail_twice_in_one_group_is_one_submission_and_one_duplicate(bot: Bot) -> None:
    given_a_client_with_a_daily_log(bot)
    mail = homework_mail(
        CLIENT,
        bot.user,
        "journal",
        "My journal",
        message_id="<twice@client.example>",
        attachments=[("notes.txt", b"notes", "text/plain")],
    )
    bot.deliver(mail)
    bot.deliver(mail)

    bot.ok("poll", now=NOW)

    assert counts(bot)["Submission"] == 1
    app = App(load_config(bot.config_path), datetime.now(UTC))
    with app.sessions() as session:
        duplicates = session.scalars(select(AuditEvent).where(AuditEvent.action == "duplicate_left_alone"))
        assert len(list(duplicates)) == 1
    app.engine.dispose()


def a_submission(key: str, uid: int) -> filing.NewSubmission:
    values = {
        "dedupe_key": key,
        "from_address": CLIENT,
        "subject": "journal",
        "received_at": datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        "status": "triage",
        "kind": "answer",
        "raw_path": f"/nowhere/{key}.eml",
        "source_folder": "INBOX",
        "source_uidvalidity": 1,
        "source_uid": uid,
        "target_folder": "Homework/Triage",
    }
    return filing.NewSubmission(values, [], [], None, "a test row")


def test_a_groups_new_rows_get_their_own_ids_in_the_order_they_were_added(bot: Bot) -> None:
    # given keys whose sort order is not the order they are added in
    keys = ["key-c", "key-a", "key-b", "key-0"]
    rows = filing.NewRows(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    for uid, key in enumerate(keys, 1):
        rows.add(a_submission(key, uid))
    app = App(load_config(bot.config_path), datetime.now(UTC))
    # when the group is written
    with app.sessions() as session, session.begin():
        ids = rows.write(session)
    # then each id is its own row's, and each row has its audit under that id
    with app.sessions() as session:
        by_id = {i: k for i, k in session.execute(select(Submission.id, Submission.dedupe_key))}
        audited = set(
            session.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "submission_triage"))
        )
    app.engine.dispose()
    assert [by_id[i] for i in ids] == keys
    assert ids == sorted(ids)  # inserted in the order added
    assert audited == set(ids)
