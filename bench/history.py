"""A practice's history for the scheduling benchmark, bulk-inserted through mailbot's own tables.

500 clients; each has the same *current* work whatever the size (a daily assignment due from
three days ago to a week ahead and a weekly one, so what is due at the measured moments is the
same), and behind it as much *history* as the size asks for: closed assignments going back in
time (daily, weekly, one-off), their occurrences mostly done, some late or missed; a submission
for each answered occurrence (with its text, parsed fields, draft, feedback and audit events),
the reminders sent, one digest a day, the assignment emails. At 100,000 occurrences that is a
year. Current work and history draw from separate random streams, so only the history changes
with the size. The last five weeks before the current work (what the digest's month of adherence
and ratings reads) hold the same closed work at every size, from a stream of their own: the
history a size adds lies before them, so what is due in the digest's window does not grow with
history (before the third round it did: 4,881 occurrences in the window at 10,000, 10,230 at
100,000).
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from corpus import SENTENCES, answer_text
from practice import DETAILS, TITLES, Homework, client_address, client_name
from sqlalchemy import Table, insert

from mailbot.config import Config
from mailbot.core.tokens import new_token
from mailbot.db.engine import open_engine
from mailbot.db.models import (
    Assignment,
    AuditEvent,
    Client,
    ClientEmail,
    Draft,
    Feedback,
    Occurrence,
    OutgoingMessage,
    Reminder,
    StoredAttachment,
    Submission,
    SubmissionMove,
)
from mailbot.passes.digest import digest_message_id

ZONES = (("Europe/Berlin", 0.85), ("Europe/London", 0.10), ("America/New_York", 0.05))
DUE_HOURS = (18, 20, 21, 22)  # local due time of each client's daily work
CURRENT_PER_CLIENT = 11 + 4  # daily from D-3 to D+7, weekly four times
DAY = timedelta(days=1)
RECENT_DAYS = 35  # the digest's month (28 days) and a week more: the same closed work at every size
RECENT_PER_CLIENT = 5  # closed occurrences each client has in those days (all of it at 10,000)


@dataclass
class Rows:
    """Rows per table, with the next id of each."""

    tables: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[str, Iterator[int]] = field(default_factory=dict)

    def add(self, model: Any, **row: Any) -> int:
        table = model.__table__
        if "id" in table.c and "id" not in row:
            row["id"] = next(self.ids.setdefault(table.name, itertools.count(1)))
        self.tables.setdefault(table, []).append(row)
        return int(row.get("id") or 0)

    def count(self, model: Any) -> int:
        return len(self.tables.get(model.__table__, []))


@dataclass(frozen=True)
class Facts:
    """What the benchmark needs to know of the history it wrote."""

    counts: dict[str, int]
    open_feedback: list[tuple[str, str]]  # (client message id, draft marker) of recent open feedback


class History:
    """Writes one client's assignments and everything that followed from them."""

    def __init__(self, config: Config, today: date, rng_texts: random.Random):
        self.config = config
        self.domain = config.therapist.email.rsplit("@", 1)[1]
        self.today = today  # D, the therapist's local date of the measured moments
        self.rows = Rows()
        self.texts = [answer_text(rng_texts, None, rng_texts.randint(800, 5000)) for _ in range(200)]
        self.open_feedback: list[tuple[str, str]] = []
        self.tokens: set[str] = set()
        self.first_day = today

    def client(self, index: int, rng: random.Random) -> tuple[int, ZoneInfo, int]:
        zone = rng.choices([z for z, _ in ZONES], [w for _, w in ZONES])[0]
        created = datetime.combine(self.today - timedelta(days=400), time(9), ZoneInfo(zone))
        state = rng.choices(["on", "paused", "off"], [0.95, 0.03, 0.02])[0]
        client_id = self.rows.add(
            Client,
            name=client_name(index),
            timezone=zone,
            folder=f"{client_name(index)} {index}",
            created_at=created,
            reminders=state,
            reminder_hour=None,
        )
        self.rows.add(ClientEmail, client_id=client_id, address=client_address(index), bounced_at=None)
        return client_id, ZoneInfo(zone), rng.choice(DUE_HOURS)

    def assignment(
        self,
        client_id: int,
        tz: ZoneInfo,
        kind: str,
        dues: list[datetime],
        repeat: str | None,
        now: datetime,
        rng: random.Random,
    ) -> None:
        """An assignment with its occurrences, and what the client and therapist did about each."""
        token = new_token(self.tokens, rng.choice)
        self.tokens.add(token)
        self.first_day = min(self.first_day, dues[0].date())
        created = dues[0] - timedelta(days=rng.randint(2, 7))
        closed = dues[-1] < now - timedelta(days=2)
        details = {**DETAILS[kind], **({"repeat": repeat} if repeat else {})}
        assignment_id = self.rows.add(
            Assignment,
            client_id=client_id,
            type=kind,
            title=TITLES[kind],
            instructions="",
            token=token,
            status="closed" if closed else "open",
            due_at=dues[0],
            created_at=created,
            details=details,
        )
        thread = f"<assignment-{assignment_id}@{self.domain}>"
        self.rows.add(
            OutgoingMessage,
            message_id=thread,
            kind="assignment",
            client_id=client_id,
            assignment_id=assignment_id,
            created_at=created,
            sent_at=created,
            status="sent",
        )
        homework = Homework(assignment_id, kind, TITLES[kind], token, thread, details)
        for due in dues:
            self.occurrence(client_id, homework, due, now, rng)

    def occurrence(
        self, client_id: int, homework: Homework, due: datetime, now: datetime, rng: random.Random
    ) -> None:
        if due > now:
            status = "open"
        elif due > now - DAY:
            status = rng.choices(["done", "open"], [0.6, 0.4])[0]
        else:
            status = rng.choices(["done", "late", "missed"], [0.72, 0.10, 0.18])[0]
        occurrence_id = self.rows.add(
            Occurrence, assignment_id=homework.assignment_id, due_at=due, status=status
        )
        if due < now - 2 * DAY:  # reminders were sent for what is past (the recent ones are the pass's job)
            if rng.random() < 0.5:
                self.reminder(client_id, homework.assignment_id, occurrence_id, "before", 0, due - DAY)
            if status == "missed" and rng.random() < 0.8:
                self.reminder(client_id, homework.assignment_id, occurrence_id, "nudge", 1, due + DAY)
        if status == "done":
            self.submission(
                client_id, homework, occurrence_id, due - timedelta(hours=rng.uniform(0.5, 20)), now, rng
            )
        elif status == "late":
            self.submission(
                client_id, homework, occurrence_id, due + timedelta(hours=rng.uniform(1, 40)), now, rng
            )

    def reminder(
        self, client_id: int, assignment_id: int, occurrence_id: int, kind: str, seq: int, at: datetime
    ) -> None:
        outgoing = self.rows.add(
            OutgoingMessage,
            message_id=f"<reminder-{occurrence_id}-{kind}@{self.domain}>",
            kind="reminder",
            client_id=client_id,
            assignment_id=assignment_id,
            created_at=at,
            sent_at=at,
            status="sent",
        )
        self.rows.add(
            Reminder,
            occurrence_id=occurrence_id,
            assignment_id=assignment_id,
            client_id=client_id,
            kind=kind,
            seq=seq,
            scheduled_for=at,
            recorded_at=at,
            outgoing_id=outgoing,
        )

    def submission(
        self,
        client_id: int,
        homework: Homework,
        occurrence_id: int,
        received: datetime,
        now: datetime,
        rng: random.Random,
    ) -> None:
        if received > now:
            return
        number = self.rows.count(Submission) + 1
        address = client_address(client_id - 1)
        message_id = f"<{number:08x}.{rng.getrandbits(32):08x}@mail.{address.rsplit('@', 1)[1]}>"
        text = rng.choice(self.texts)
        sub_id = self.rows.add(
            Submission,
            dedupe_key=hashlib.sha256(message_id.encode()).hexdigest(),
            client_id=client_id,
            assignment_id=homework.assignment_id,
            occurrence_id=occurrence_id,
            message_id=message_id,
            from_address=address,
            from_name=client_name(client_id - 1),
            subject=f"Re: Your homework from {self.config.therapist.name} [{homework.token}]",
            received_at=received,
            matched_by=rng.choices(["thread", "token", "content"], [0.7, 0.2, 0.1])[0],
            status="filed",
            triage_reason=None,
            text=text,
            new_text=text[: len(text) * 2 // 3],
            fields=fields(homework.type, rng),
            in_reply_to=[homework.thread_id],
            references=[homework.thread_id],
            raw_path=f"/var/lib/mailbot/messages/client-{client_id}/{number}/message.eml",
            defects=[],
            source_folder="INBOX",
            source_uidvalidity=1,
            source_uid=number,
            target_folder=f"Homework/{client_name(client_id - 1)} {client_id - 1}",
        )
        self.rows.add(SubmissionMove, submission_id=sub_id, imap_state="moved")
        if rng.random() < 0.1:
            self.rows.add(
                StoredAttachment,
                submission_id=sub_id,
                filename="worksheet.jpg",
                original_name="worksheet.jpg",
                content_type="image/jpeg",
                size=rng.randint(100_000, 2_000_000),
                path=f"/var/lib/mailbot/messages/client-{client_id}/{number}/attachments/worksheet.jpg",
            )
        filed = received + timedelta(minutes=2)
        marker = f"s{sub_id}:{sub_id}"
        draft_id = self.rows.add(
            Draft,
            marker=marker,
            message_id=f"<draft-{sub_id}@{self.domain}>",
            state="written",
            created_at=filed,
            written_at=filed,
        )
        replied = None
        waited = now - received  # most feedback is given within a day or two; some waits
        if rng.random() < (1.0 if waited > 3 * DAY else 0.9 if waited > DAY else 0.4):
            replied = min(received + timedelta(hours=rng.uniform(2, 30)), now - timedelta(minutes=30))
        skipped = "talked about it in the session" if replied and rng.random() < 0.05 else None
        self.rows.add(
            Feedback,
            submission_id=sub_id,
            due_at=received + DAY,
            draft_id=draft_id,
            replied_at=None if skipped else replied,
            skipped_reason=skipped,
            open=replied is None,
        )
        if replied is None:
            self.open_feedback.append((message_id, marker))
        for action, at in (
            ("submission_filed", filed),
            ("draft_planned", filed),
            ("draft_written", filed),
            *([("feedback_replied", replied)] if replied else []),
        ):
            entity, entity_id = ("draft", draft_id) if action.startswith("draft") else ("submission", sub_id)
            self.rows.add(
                AuditEvent,
                at=at,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail="matched_by=thread" if action == "submission_filed" else "",
            )

    def digests(self, now: datetime) -> None:
        """One digest a day, sent at 07:30, from the first due day to yesterday."""
        tz = self.config.therapist.tz
        for back in range((self.today - self.first_day).days, 0, -1):
            day = self.today - timedelta(days=back)
            at = datetime.combine(day, time(7, 30), tz)
            if at < now:
                self.rows.add(
                    OutgoingMessage,
                    message_id=digest_message_id(self.config, day),
                    kind="digest",
                    client_id=None,
                    assignment_id=None,
                    created_at=at,
                    sent_at=at,
                    status="sent",
                )


def fields(kind: str, rng: random.Random) -> list[dict[str, Any]]:
    """Parsed answers as the homework parsers leave them, for the rated types the digest charts."""
    if kind == "mood-log":
        return [
            {
                "situation": rng.choice(SENTENCES),
                "trigger": rng.choice(SENTENCES),
                "automatic_thought": rng.choice(SENTENCES),
                "emotion": "anxious",
                "intensity": rng.randint(20, 95),
            }
            for _ in range(rng.randint(1, 3))
        ]
    if kind == "exposure":
        before = rng.randint(30, 80)
        return [
            {
                "step": "Stand in a lift with the door open",
                "suds_before": before,
                "suds_peak": min(100, before + rng.randint(0, 25)),
                "suds_after": rng.randint(10, before),
                "notes": "",
            }
        ]
    return [{"text": rng.choice(SENTENCES)}]


def local_dues(first: date, count: int, step_days: int, hour: int, tz: ZoneInfo) -> list[datetime]:
    return [datetime.combine(first + timedelta(days=i * step_days), time(hour), tz) for i in range(count)]


def current_work(
    history: History, client_id: int, tz: ZoneInfo, hour: int, now: datetime, rng: random.Random
) -> None:
    """The same for every size: a daily item from D-3 to D+7 and a weekly one around D."""
    kinds = rng.sample(sorted(TITLES), 2)
    today = history.today
    history.assignment(
        client_id, tz, kinds[0], local_dues(today - timedelta(days=3), 11, 1, hour, tz), "daily", now, rng
    )
    history.assignment(
        client_id,
        tz,
        kinds[1],
        local_dues(today - timedelta(days=rng.randint(1, 7)), 4, 7, hour, tz),
        "weekly",
        now,
        rng,
    )


def past_work(
    history: History,
    client_id: int,
    tz: ZoneInfo,
    hour: int,
    budget: int,
    now: datetime,
    rng: random.Random,
    end: date,
    earliest: date | None = None,
) -> None:
    """Closed assignments going back in time from ``end`` until ``budget`` occurrences are written
    (or, with ``earliest``, until one would begin before that day)."""
    while budget > 0:
        repeat = rng.choices(["daily", "weekly", None], [0.6, 0.3, 0.1])[0]
        count = {"daily": rng.randint(14, 28), "weekly": rng.randint(4, 8), None: 1}[repeat]
        count = min(count, budget)
        step = 7 if repeat == "weekly" else 1
        first = end - timedelta(days=(count - 1) * step)
        if earliest is not None and first < earliest:
            return
        history.assignment(
            client_id,
            tz,
            rng.choice(sorted(TITLES)),
            local_dues(first, count, step, hour, tz),
            repeat,
            now,
            rng,
        )
        budget -= count
        end = first - timedelta(days=rng.randint(1, 10))


def seed_history(config: Config, now: datetime, clients: int, occurrences: int, seed: int) -> Facts:
    """Write the history into the (initialised, empty) database of ``config``."""
    today = now.astimezone(config.therapist.tz).date()
    history = History(config, today, random.Random(seed))
    per_client = max(occurrences // clients - CURRENT_PER_CLIENT, 0)
    for index in range(clients):
        current = random.Random(f"{seed}-current-{index}")
        client_id, tz, hour = history.client(index, current)
        current_work(history, client_id, tz, hour, now, current)
        recent = min(per_client, RECENT_PER_CLIENT)
        window_end, window_start = today - timedelta(days=4), today - timedelta(days=RECENT_DAYS)
        recent_rng = random.Random(f"{seed}-recent-{index}")
        past_work(history, client_id, tz, hour, recent, now, recent_rng, window_end, window_start)
        older = random.Random(f"{seed}-past-{index}")
        past_work(history, client_id, tz, hour, per_client - recent, now, older, window_start - DAY)
    history.digests(now)
    engine = open_engine(config.storage.database_url)
    with engine.begin() as connection:
        for table, rows in history.rows.tables.items():
            for start in range(0, len(rows), 20_000):
                connection.execute(insert(table), rows[start : start + 20_000])
    engine.dispose()
    counts = {table.name: len(rows) for table, rows in history.rows.tables.items()}
    return Facts(counts, history.open_feedback)
