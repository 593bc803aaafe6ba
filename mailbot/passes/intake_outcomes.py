"""Applying intake's decisions: what becomes of each message once core.intake has said what it is.

``Filing`` holds one group's work inside the transaction that records it: new submissions
wait in ``NewRows`` (written in bulk, mailbot.passes.filing), their files are written but not
yet synced (the pass syncs them before the commit), and ``IntakeReport`` counts every outcome.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.intake import Action, Outcome
from mailbot.db import intake_queries
from mailbot.db.models import Assignment, Client, Submission
from mailbot.db.records import audit
from mailbot.files import StoredFile, message_dir, save_message
from mailbot.mail.identity import part_key
from mailbot.mail.imap import Fetched, Mailbox
from mailbot.mail.large import LargeMessage
from mailbot.passes.bounces import note_bounce
from mailbot.passes.filing import NewRows, NewSubmission
from mailbot.passes.intake_credits import GroupCredits
from mailbot.passes.intake_moves import target_of
from mailbot.passes.risk_alerts import flag_risk
from mailbot.practice.crediting import credit
from mailbot.practice.feedback import feedback_due
from mailbot.practice.reading import AnswerPart, Reading

MAX_TEXT_KEPT = 100_000  # characters of a message's text in the database; the raw message has all


@dataclass
class IntakeReport:
    new: int = 0
    filed: int = 0
    triage: int = 0
    left_alone: int = 0
    duplicates: int = 0
    failed: int = 0
    moved: int = 0
    refused: int = 0  # waiting in the inbox for a folder the server refuses
    correspondence: int = 0  # of those left alone: a client's other mail, listed in the digest
    alerts: int = 0  # worrying messages the therapist is alerted about
    submission_ids: list[int] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # one sentence per refused folder

    def copy(self) -> IntakeReport:
        """An independent copy (its lists copied, not deep-copied int by int: a backlog's
        submission ids number thousands, and every group and retry takes a copy)."""
        return replace(self, submission_ids=list(self.submission_ids), refusals=list(self.refusals))

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.filed} filed, {self.triage} to triage, "
            f"{self.left_alone} left alone, {self.duplicates} duplicates, "
            f"{self.failed} failed, {self.moved} moved"
            + (f", {self.refused} waiting for a folder the server refuses" if self.refused else "")
            + (f", {self.correspondence} left as correspondence" if self.correspondence else "")
            + (f", {self.alerts} RISK ALERTS" if self.alerts else "")
        )


def kept_text(text: str, defects: list[str]) -> str:
    """The text the database keeps: all of it up to MAX_TEXT_KEPT characters, then cut (and said)."""
    if len(text) <= MAX_TEXT_KEPT:
        return text
    defects.append(
        f"text of {len(text):,} characters cut to {MAX_TEXT_KEPT:,}; all of it is in the raw message"
    )
    return text[:MAX_TEXT_KEPT]


@dataclass(frozen=True)
class Message:
    """One message being filed: as fetched, its dedupe key, and how it was read if in pieces."""

    fetched: Fetched
    key: str
    large: LargeMessage | None
    reading: Reading


@dataclass
class Filing:
    """One group of messages filed in one transaction, at the time ``now``."""

    config: Config
    now: datetime
    mailbox: Mailbox
    folder: str
    uidvalidity: int
    report: IntakeReport
    rows: NewRows
    unsynced: list[Path] = field(default_factory=list)  # files written, synced before the commit
    _filed_before: dict[str, Submission] = field(default_factory=dict, init=False)  # by dedupe key
    _credits: GroupCredits = field(default_factory=lambda: GroupCredits({}), init=False)
    _folders: dict[int, str] = field(default_factory=dict, init=False)  # client id -> their folder

    def prepare(self, session: Session, messages: Collection[tuple[str, Reading]]) -> None:
        """Read what filing the group needs in a few queries for all of it: the submissions
        already recorded under its messages' keys (by key, with its reading), the assignments
        its answers are for, and the folders of the clients it is from."""
        self._filed_before = intake_queries.submissions_by_keys(session, [key for key, _r in messages])
        ids = {r.match.assignment_id for _k, r in messages if r.match.assignment_id is not None}
        ids.update(part.assignment_id for _k, r in messages for part in r.parts)
        self._credits = GroupCredits.load(session, ids)
        clients = {r.match.client_id for _k, r in messages if r.match.client_id is not None}
        self._folders = intake_queries.client_folders(session, clients)

    def filed_before(self, session: Session, key: str) -> Submission | None:
        """The submission already recorded for the message of ``key``, if any; one filed
        earlier in this group too (written first, then read)."""
        if not self.rows.added(key):
            return self._filed_before.get(key)
        if self.rows.holds(key):
            self.write_rows(session)
        return intake_queries.submission_by_key(session, key)

    def write_rows(self, session: Session) -> None:
        self._credits.write(session)
        self.report.submission_ids.extend(self.rows.write(session))

    def apply(
        self, session: Session, message: Message, outcome: Outcome, existing: Submission | None
    ) -> None:
        """Do what core.intake decided for ``message``."""
        uid = message.fetched.uid
        if outcome.action is Action.BOUNCE:
            note_bounce(
                session, self.now, message.fetched.data if message.large is None else message.large.readable
            )
        if outcome.action in (Action.LEAVE, Action.BOUNCE):
            self._leave(session, uid, outcome)
        elif outcome.action is Action.REMINDERS:
            assert outcome.client_id is not None and outcome.command is not None
            self._set_reminders(session, outcome.client_id, outcome.command, uid)
        elif outcome.action is Action.SEEN_BEFORE:
            assert existing is not None
            self._seen_before(session, existing, uid)
        elif outcome.action is Action.CORRESPONDENCE:
            self._correspondence(session, uid, outcome)
        else:
            self._new_submissions(session, message, outcome)
        if outcome.alerts:
            assert outcome.client_id is not None
            self.write_rows(session)  # the alert names its submission
            reading = message.reading
            self.report.alerts += flag_risk(
                session,
                self.now,
                outcome.client_id,
                message.key,
                reading.parsed,
                message.fetched.internal_date,
                reading.risk,
            )

    def _correspondence(self, session: Session, uid: int, outcome: Outcome) -> None:
        """A client's mail that is not homework: it stays in the inbox, unread, and the digest
        says so in one line."""
        self.report.left_alone += 1
        self.report.correspondence += 1
        audit(
            session,
            self.now,
            "correspondence_left",
            "client",
            outcome.client_id,
            f"uid={uid}, {outcome.reason}",
        )

    def _leave(self, session: Session, uid: int, outcome: Outcome) -> None:
        """A message that stays in the inbox as it is. Machine mail is recorded (by uid, with
        why); a stranger's mail and mailbot's own are not: nothing about them is the bot's."""
        self.report.left_alone += 1
        if outcome.reason.startswith("automated=") or outcome.client_id is not None:
            audit(session, self.now, "left_alone", "message", uid, outcome.reason)

    def _set_reminders(self, session: Session, client_id: int, command: str, uid: int) -> None:
        """A client's "pause" or "resume" reply: not homework, it sets their reminders."""
        client = session.get(Client, client_id)
        assert client is not None
        if command == "pause" and client.reminders == "on":
            client.reminders, client.paused_by = "paused", "client"
        elif command == "resume" and client.reminders == "paused" and client.paused_by != "risk":
            # Reminders a worrying message paused wait for the therapist, not for the client.
            client.reminders, client.paused_by = "on", None
        self.report.left_alone += 1
        audit(session, self.now, f"reminders_{command}", "client", client_id, f"by the client, uid={uid}")

    def _seen_before(self, session: Session, existing: Submission, uid: int) -> None:
        if (
            existing.imap_state == "to_move"
            and existing.source_folder == self.folder
            and (
                existing.source_uidvalidity != self.uidvalidity
                or not self.mailbox.present([existing.source_uid])
            )
        ):
            # Filed before a crash or a UIDVALIDITY change, not yet moved, and no longer where it
            # was recorded: this is where it is now. (A second copy while the first is still in
            # the inbox is a duplicate delivery, below.)
            existing.source_uidvalidity, existing.source_uid = self.uidvalidity, uid
            return
        self.report.duplicates += 1
        audit(session, self.now, "duplicate_left_alone", "submission", existing.id, f"uid={uid}")

    def _new_submissions(self, session: Session, message: Message, outcome: Outcome) -> None:
        """One submission, or one per item of an answer to several (core.combined_reply): the
        first holds the message and its files under the message's key, the others share them."""
        if not outcome.parts:
            self._new_submission(session, message, message.key, outcome)
            return
        first: NewSubmission | None = None
        for n, part in enumerate(message.reading.parts, 1):
            filed = self._new_submission(
                session,
                message,
                message.key if first is None else part_key(message.key, n),
                replace(outcome, assignment_id=part.assignment_id, reason=f"{outcome.reason}, item {n}"),
                part,
                first,
            )
            first = first or filed

    def _new_submission(
        self,
        session: Session,
        message: Message,
        key: str,
        outcome: Outcome,
        part: AnswerPart | None = None,
        first: NewSubmission | None = None,
    ) -> NewSubmission:
        row = self._submission(session, message, key, outcome, part, first)
        self.rows.add(row)  # written with the rest of its group (mailbot.passes.filing)
        if row.values["status"] == "filed":
            self.report.filed += 1
        else:
            self.report.triage += 1
        return row

    def _submission(
        self,
        session: Session,
        message: Message,
        key: str,
        outcome: Outcome,
        part: AnswerPart | None,
        first: NewSubmission | None,
    ) -> NewSubmission:
        parsed = message.reading.parsed
        fields = message.reading.fields if part is None else part.fields
        defects = list(message.reading.defects)
        filed = outcome.action is Action.FILE
        received = message.fetched.internal_date
        raw_path, files = self._files(message, key, outcome, defects, first)
        occurrence_ids: list[int] = []
        if filed and outcome.kind == "answer" and outcome.assignment_id is not None:
            occurrence_ids, fields = self._credit(session, outcome.assignment_id, received, fields)
        values = dict(
            dedupe_key=key,
            client_id=outcome.client_id,
            assignment_id=outcome.assignment_id,
            occurrence_id=occurrence_ids[0] if occurrence_ids else None,
            message_id=parsed.message_id,
            from_address=parsed.from_address or "",
            from_name=parsed.from_name,
            subject=parsed.subject,
            received_at=received,
            matched_by=outcome.matched_by,
            status="filed" if filed else "triage",
            kind=outcome.kind,
            flags=list(outcome.flags),
            triage_reason=None if filed else outcome.reason or None,
            text=kept_text(parsed.text if part is None else part.text, defects),
            new_text=kept_text(parsed.new_text if part is None else part.text, []),
            fields=fields,
            in_reply_to=list(parsed.in_reply_to),
            references=list(parsed.references),
            raw_path=str(raw_path),
            defects=defects,
            source_folder=self.folder,
            source_uidvalidity=self.uidvalidity,
            source_uid=message.fetched.uid,
            target_folder=self._target(session, outcome),
        )
        due = feedback_due(self.config, received) if filed else None
        return NewSubmission(values, files, occurrence_ids, due, outcome.reason)

    def _credit(
        self, session: Session, assignment_id: int, received: datetime, fields: list[dict[str, Any]]
    ) -> tuple[list[int], list[dict[str, Any]]]:
        """practice.crediting.credit, from the group's rows where it has them (intake_credits)."""
        grace = timedelta(hours=self.config.homework.grace_hours)
        done = self._credits.credit(session, assignment_id, received, fields, grace)
        if done is not None:
            return done
        assignment = session.get(Assignment, assignment_id)
        assert assignment is not None
        return credit(assignment, received, fields, grace)

    def _files(
        self, message: Message, key: str, outcome: Outcome, defects: list[str], first: NewSubmission | None
    ) -> tuple[Path, list[StoredFile]]:
        """The raw message and its attachments on disk (at most [intake] max_parts of them)."""
        parsed = message.reading.parsed
        folder = message_dir(
            self.config.storage.data_dir, outcome.client_id, message.fetched.internal_date, key
        )
        max_parts = self.config.intake.max_parts
        if len(parsed.attachments) > max_parts:
            defects.append(
                f"{len(parsed.attachments)} attachments: the first {max_parts} filed "
                "([intake] max_parts), all of them kept in the raw message"
            )
        if first is not None:  # a later item of the same message: the first holds its files
            return Path(first.values["raw_path"]), []
        if message.large is None:
            raw_path, files = save_message(
                folder, message.fetched.data, parsed.attachments[:max_parts], sync=False
            )
            self.unsynced.extend([raw_path, *(f.path for f in files)])
            return raw_path, files
        return message.large.place(folder)

    def _target(self, session: Session, outcome: Outcome) -> str:
        if outcome.action is not Action.FILE or outcome.client_id is None:
            return target_of(self.config, "triage", None)
        folder = self._folders.get(outcome.client_id)
        if folder is None:
            client = session.get(Client, outcome.client_id)
            folder = client.folder if client is not None else None
        return target_of(self.config, "filed", folder)
