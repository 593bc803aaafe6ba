"""The intake pass: read what is new in the inbox, file client mail, move it to its folder.

Exactly once, whatever crashes: a batch's submissions and the folder's new high-water UID are
committed in one transaction *before* any message moves, each submission remembering where
its message is (``imap_state = "to_move"``). Moving is then finished by this pass or the
next. A message already filed (same dedupe key) is never filed again. Nothing is marked read.
"""

from __future__ import annotations

import copy
import imaplib
import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.auth import trusted, verdict
from mailbot.core.autoreply import reads_like_autoreply
from mailbot.core.intake import Action, Incoming, Outcome, decide
from mailbot.core.matching import Candidate
from mailbot.core.tokens import find_tokens
from mailbot.db.engine import transaction
from mailbot.db.models import (
    Assignment,
    Client,
    ClientEmail,
    FolderState,
    OutgoingMessage,
    Problem,
    Submission,
)
from mailbot.db.records import audit, outgoing_ids
from mailbot.faults import checkpoint
from mailbot.files import StoredFile, message_dir, save_message, sync_files
from mailbot.mail.connect import server_words
from mailbot.mail.glance import glance
from mailbot.mail.identity import body_key, dedupe_key, part_key
from mailbot.mail.imap import Fetched, FolderRefused, Mailbox
from mailbot.mail.large import LARGE_MESSAGE_BYTES, LargeMessage, read_large
from mailbot.mail.parse import HEADER_FIELDS, ParsedMessage, parse_header
from mailbot.passes.filing import NewRows, NewSubmission
from mailbot.passes.risk_alerts import flag_risk
from mailbot.practice.crediting import credit, mark_missed
from mailbot.practice.feedback import feedback_due
from mailbot.practice.reading import AnswerPart, Facts, Reader, Reading, Watch, interpret, match_of

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
FETCH_BYTES = 64 * 1024 * 1024  # how much message data one FETCH may bring at most
_Large = LargeMessage | Exception | None  # how a message was read in pieces, if it was


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

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.filed} filed, {self.triage} to triage, "
            f"{self.left_alone} left alone, {self.duplicates} duplicates, "
            f"{self.failed} failed, {self.moved} moved"
            + (f", {self.refused} waiting for a folder the server refuses" if self.refused else "")
            + (f", {self.correspondence} left as correspondence" if self.correspondence else "")
            + (f", {self.alerts} RISK ALERTS" if self.alerts else "")
        )


class IntakePass:
    """One pass over the inbox, at the time ``now``."""

    def __init__(self, config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, now: datetime):
        self.config = config
        self.sessions = sessions
        self.mailbox = mailbox
        self.now = now
        self.folder = config.folders.inbox
        self.report = IntakeReport()
        self._failed_before: set[int] = set()
        self._facts: dict[int, Facts] = {}  # by UID, read with the header, used for filing
        risk = config.risk
        self._watch = (
            Watch(risk.phrases_add, risk.phrases_remove, config.therapist.emergency_note)
            if risk.enabled
            else None
        )
        self._reader = Reader(0, self._watch)
        self._unsynced: list[Path] = []  # files written by this group, synced before its commit
        self._rows = NewRows(now)  # the group's new submissions, written in bulk
        self._baseline = 0  # mail at or below this UID was in the inbox before mailbot
        self._rescan = 0  # mail at or below this UID is read again after a UIDVALIDITY change

    def run(self) -> IntakeReport:
        status = self.mailbox.select(self.folder)
        last_uid, retry = self._sync_state(status.uidvalidity, _highest(self.mailbox, status.uidnext))
        self.uidvalidity = status.uidvalidity
        self._finish_moves()
        self.mailbox.select(self.folder)
        uids = sorted(set(self.mailbox.uids_after(last_uid)) | (self.mailbox.present(retry)))
        self.report.new = len(uids)
        with Reader(self.config.intake.workers, self._watch) as self._reader:
            for batch in _chunks(uids, self.config.intake.batch_size):
                self._take_batch(batch)
        # Moving waits for the last batch: one MOVE per folder for the whole pass, not one per
        # folder per batch. Filed messages are committed as "to_move" with the high-water UID,
        # so until then they are neither read again nor lost; a crash leaves them to the next
        # pass's _finish_moves above.
        self._finish_moves()
        with transaction(self.sessions) as session:
            missed = mark_missed(session, self.now, timedelta(hours=self.config.homework.grace_hours))
        log.info("intake: %s; %d occurrences now missed", self.report.summary(), missed)
        return self.report

    # State ---------------------------------------------------------------------------------

    def _sync_state(self, uidvalidity: int, highest: int) -> tuple[int, list[int]]:
        """The highest UID already read, and UIDs of earlier failures worth another try.

        A folder seen for the first time (``mailbot init`` normally sees it first, and reads
        nothing older) is read whole, but what was there already is filed only by a thread or
        token of mailbot's: ``highest`` becomes its baseline."""
        with transaction(self.sessions) as session:
            state = session.get(FolderState, self.folder)
            if state is None:
                state = FolderState(
                    folder=self.folder,
                    uidvalidity=uidvalidity,
                    last_uid=0,
                    baseline_uid=highest,
                    rescan_uid=0,  # not None before the flush: every UID is compared with it
                )
                session.add(state)
            elif state.uidvalidity != uidvalidity:
                log.warning("intake: UIDVALIDITY of the inbox changed; rescanning it (no duplicates)")
                audit(
                    session,
                    self.now,
                    "uidvalidity_changed",
                    "folder",
                    None,
                    f"old={state.uidvalidity} new={uidvalidity}",
                )
                # What is there now is read again; old mail is then known by its arrival time.
                state.uidvalidity, state.last_uid, state.baseline_uid = uidvalidity, 0, 0
                state.rescan_uid = highest
            self._baseline, self._rescan = state.baseline_uid, state.rescan_uid
            retry = session.scalars(
                select(Problem.uid).where(
                    *_message_problems(self.folder, uidvalidity),
                    Problem.resolved.is_(False),
                    Problem.attempts < MAX_ATTEMPTS,
                    Problem.uid.is_not(None),
                )
            )
            return state.last_uid, [uid for uid in retry if uid is not None]

    # Reading and filing --------------------------------------------------------------------

    def _spoofed(self, parsed: ParsedMessage) -> bool:
        """Whether its From is not to be believed: [intake] require_auth against the verdict of
        the receiving server's Authentication-Results ([intake] authserv_id)."""
        intake = self.config.intake
        return not trusted(verdict(parsed.authentication_results, intake.authserv_id), intake.require_auth)

    def _take_batch(self, uids: Sequence[int]) -> None:
        wanted = self.worth_reading(uids)
        for group in _by_size(wanted, self.config.intake.max_message_mb * 1024 * 1024):
            fetched = self._fetch(group)
            small = [message for message, large in fetched if large is None]
            readings = dict(
                zip(
                    (m.uid for m in small),
                    self._reader.start([(m.data, self._facts[m.uid]) for m in small]),
                    strict=True,
                )
            )
            try:
                self._file_group(fetched, readings)
            finally:
                for _message, large in fetched:
                    if isinstance(large, LargeMessage):
                        large.discard()
            checkpoint("intake.filed")
        self._facts.clear()
        with transaction(self.sessions) as session:
            state = session.get(FolderState, self.folder)
            assert state is not None
            state.last_uid = max(state.last_uid, *uids)
        checkpoint("intake.advanced")

    def worth_reading(self, uids: Sequence[int]) -> list[Fetched]:
        """The header pass over a batch: which messages to read whole (their header fields;
        the rest are left alone and counted so). Their facts are kept for filing them."""
        headers = self.mailbox.fetch_header_fields(uids, HEADER_FIELDS)
        glances = {h.uid: glance(h.data) for h in headers}
        with transaction(self.sessions) as session:
            directory = _Directory.load(session)
            ours = outgoing_ids(session, {mid for g in glances.values() for mid in g.ids})
            # Only what a glance cannot rule out is parsed: most of an everyday inbox is not ours.
            parsed = {
                h.uid: parse_header(h.data)
                for h in headers
                if glances[h.uid].may_concern(directory.client_by_address, ours)
            }
            self._facts = directory.facts(session, parsed, self._spoofed)
            self._failed_before = self._problem_uids(session, uids)
        wanted = [h for h in headers if h.uid in parsed and _worth_reading(parsed[h.uid], self._facts[h.uid])]
        self.report.left_alone += len(headers) - len(wanted)
        return wanted

    def _fetch(self, group: Sequence[Fetched]) -> list[tuple[Fetched, _Large]]:
        """Small messages in one FETCH; large or over-limit ones read in pieces, one by one."""
        limit = self.config.intake.max_message_mb * 1024 * 1024
        piecewise = min(LARGE_MESSAGE_BYTES, limit)
        small = [h.uid for h in group if h.size <= piecewise]
        out: list[tuple[Fetched, _Large]] = [(f, None) for f in self.mailbox.fetch_messages(small)]
        for header in group:
            if header.size > piecewise:
                out.append((header, self._read_large(header, limit)))
        return out

    def _read_large(self, header: Fetched, limit: int) -> LargeMessage | Exception:
        """A message read in pieces, or the message's own failure, which _take_one records like
        any other; a failure of the connection or the disk stops the pass, as a FETCH's would."""
        try:
            return read_large(self.mailbox, header.uid, header.size, self.config.storage.data_dir, limit)
        except (OSError, imaplib.IMAP4.abort):
            raise
        except Exception as exc:
            return exc

    def _file_group(
        self, fetched: Sequence[tuple[Fetched, _Large]], readings: Mapping[int, Callable[[], Reading]]
    ) -> None:
        """File a group in one transaction, its new rows written in bulk (mailbot.passes.filing).

        One bad message must not stop the others, and must leave nothing half-written: when a
        message fails, the transaction is rolled back and the group filed again without it, its
        problem recorded in that same transaction (no SAVEPOINT per message). When the bulk
        write itself fails, no message is to blame yet: the group is filed again with each
        message's rows written as it is filed, which names the one that fails."""
        failures: dict[int, str] = {}
        one_by_one = False
        before = copy.deepcopy(self.report)
        read: dict[int, Reading] = {}
        while True:
            self.report = copy.deepcopy(before)
            self._unsynced = []
            current: int | None = None
            try:
                with transaction(self.sessions) as session:
                    self._rows = NewRows(self.now)
                    for uid, reason in failures.items():
                        self._failed(session, uid, reason)
                    for message, large in fetched:
                        if message.uid in failures:
                            continue
                        current = message.uid
                        self._take_one(session, message, large, readings.get(message.uid), read)
                        if one_by_one:
                            self._write_rows(session)
                    current = None
                    self._write_rows(session)
                    sync_files(self._unsynced)  # on disk before the commit that records them
                return
            except Exception as exc:
                if current is None and one_by_one:
                    raise
                if current is None:
                    one_by_one = True
                    continue
                log.warning("intake: message uid=%s could not be processed (%s)", current, type(exc).__name__)
                log.debug("intake: failure detail", exc_info=True)
                failures[current] = f"{type(exc).__name__}: {exc}"

    def _take_one(
        self,
        session: Session,
        message: Fetched,
        large: _Large,
        reading: Callable[[], Reading] | None,
        read: dict[int, Reading],
    ) -> None:
        """File one message; ``read`` keeps its reading for a second try of its group."""
        if isinstance(large, Exception):
            raise large
        facts = self._facts[message.uid]
        if message.uid not in read:
            if reading is not None:
                read[message.uid] = reading()
            else:
                assert large is not None
                count = len(large.files) + len(large.skipped)
                read[message.uid] = interpret(large.parsed, facts, count, self._watch)
        self._file(session, facts, message, large, read[message.uid])
        if message.uid in self._failed_before:
            self._resolve_problem(session, message.uid)

    def _failed(self, session: Session, uid: int, reason: str) -> None:
        self.report.failed += 1
        self._record_problem(session, uid, reason)

    def _write_rows(self, session: Session) -> None:
        self.report.submission_ids.extend(self._rows.write(session))

    def _file(
        self, session: Session, facts: Facts, message: Fetched, large: LargeMessage | None, reading: Reading
    ) -> None:
        """Decide what the message is (core.intake) and apply that outcome."""
        parsed = reading.parsed
        key = dedupe_key(parsed, message.data) if large is None else body_key(parsed, large.body_sha256)
        if self._rows.holds(key):  # the same mail twice in one group: the first is written first
            self._write_rows(session)
        existing = session.scalars(select(Submission).where(Submission.dedupe_key == key)).first()
        outcome = decide(
            Incoming(
                automated=parsed.automated,
                ours=facts.ours,
                sender_client=facts.sender_client,
                command=reading.command,
                spoofed=facts.spoofed,
                autoreply=reads_like_autoreply(parsed.new_text or parsed.text),
                already_filed=existing is not None,
                match=reading.match,
                received_at=message.internal_date,
                candidates=facts.candidates,
                before_mailbot=message.uid <= self._baseline,
                rescanned=message.uid <= self._rescan,
                words=reading.words,
                risk=list(reading.risk),
            )
        )
        if outcome.action is Action.BOUNCE:
            self._note_bounce(session, message.data if large is None else large.readable)
        if outcome.action in (Action.LEAVE, Action.BOUNCE):
            self._leave(session, message.uid, outcome)
        elif outcome.action is Action.REMINDERS:
            assert outcome.client_id is not None and outcome.command is not None
            self._set_reminders(session, outcome.client_id, outcome.command, message.uid)
        elif outcome.action is Action.SEEN_BEFORE:
            assert existing is not None
            self._seen_before(session, existing, message.uid)
        elif outcome.action is Action.CORRESPONDENCE:
            self._correspondence(session, message.uid, outcome)
        else:
            self._new_submissions(session, reading, message, key, large, outcome)
        if outcome.alerts:
            assert outcome.client_id is not None
            self._write_rows(session)  # the alert names its submission
            self.report.alerts += flag_risk(
                session, self.now, outcome.client_id, key, parsed, message.internal_date, reading.risk
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

    def _new_submissions(
        self,
        session: Session,
        reading: Reading,
        message: Fetched,
        key: str,
        large: LargeMessage | None,
        outcome: Outcome,
    ) -> None:
        """One submission, or one per item of an answer to several (core.combined_reply): the
        first holds the message and its files under the message's key, the others share them."""
        if not outcome.parts:
            self._new_submission(session, reading, message, key, large, outcome)
            return
        first: NewSubmission | None = None
        for n, part in enumerate(reading.parts, 1):
            filed = self._new_submission(
                session,
                reading,
                message,
                key if first is None else part_key(key, n),
                large,
                replace(outcome, assignment_id=part.assignment_id, reason=f"{outcome.reason}, item {n}"),
                part,
                first,
            )
            first = first or filed

    def _new_submission(
        self,
        session: Session,
        reading: Reading,
        message: Fetched,
        key: str,
        large: LargeMessage | None,
        outcome: Outcome,
        part: AnswerPart | None = None,
        first: NewSubmission | None = None,
    ) -> NewSubmission:
        row = self._submission(session, reading, message, key, large, outcome, part, first)
        self._rows.add(row)  # written with the rest of its group (mailbot.passes.filing)
        if row.values["status"] == "filed":
            self.report.filed += 1
        else:
            self.report.triage += 1
        return row

    def _note_bounce(self, session: Session, raw: bytes) -> None:
        """A delivery failure naming a client's address stops mail to it until cleared, but only
        when it names (as the failed message's Message-ID) a mail mailbot sent that client:
        anyone can write a bounce, only the mail system that bounced ours knows its id."""
        referenced = bounce_references(raw)
        tied = set(
            session.scalars(
                select(OutgoingMessage.client_id).where(OutgoingMessage.message_id.in_(referenced))
            )
            if referenced
            else ()
        )
        for address in failed_recipients(raw):
            row = session.scalars(select(ClientEmail).where(ClientEmail.address == address)).first()
            if row is not None and row.bounced_at is None and row.client_id not in tied:
                audit(session, self.now, "bounce_ignored", "client", row.client_id, "names no mail of ours")
                log.info("intake: a delivery failure for client %s names no mail mailbot sent", row.client_id)
            elif row is not None and row.bounced_at is None:
                row.bounced_at = self.now
                audit(session, self.now, "address_bounced", "client", row.client_id)
                log.warning(
                    "intake: a delivery failure for client %s; no more mail to that address "
                    "until: mailbot client clear-bounce",
                    row.client_id,
                )

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

    def _submission(
        self,
        session: Session,
        reading: Reading,
        message: Fetched,
        key: str,
        large: LargeMessage | None,
        outcome: Outcome,
        part: AnswerPart | None = None,
        first: NewSubmission | None = None,
    ) -> NewSubmission:
        parsed, fields = reading.parsed, (reading.fields if part is None else part.fields)
        defects = list(reading.defects)
        filed = outcome.action is Action.FILE
        received = message.internal_date
        folder = message_dir(self.config.storage.data_dir, outcome.client_id, received, key)
        max_parts = self.config.intake.max_parts
        if len(parsed.attachments) > max_parts:
            defects.append(
                f"{len(parsed.attachments)} attachments: the first {max_parts} filed "
                "([intake] max_parts), all of them kept in the raw message"
            )
        if first is not None:  # a later item of the same message: the first holds its files
            raw_path, files = Path(first.values["raw_path"]), list[StoredFile]()
        elif large is None:
            kept = parsed.attachments[:max_parts]
            raw_path, files = save_message(folder, message.data, kept, sync=False)
            self._unsynced.extend([raw_path, *(f.path for f in files)])
        else:
            raw_path, files = large.place(folder)
        occurrence_ids: list[int] = []
        if filed and outcome.kind == "answer" and outcome.assignment_id is not None:
            assignment = session.get(Assignment, outcome.assignment_id)
            assert assignment is not None
            grace = timedelta(hours=self.config.homework.grace_hours)
            occurrence_ids, fields = credit(assignment, received, fields, grace)
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
            source_uid=message.uid,
            target_folder=self._target(session, outcome),
            imap_state="to_move",
        )
        due = feedback_due(self.config, received) if filed else None
        return NewSubmission(values, files, occurrence_ids, due, outcome.reason)

    def _target(self, session: Session, outcome: Outcome) -> str:
        filed = outcome.action is Action.FILE and outcome.client_id is not None
        client = session.get(Client, outcome.client_id) if filed else None
        return self._target_of("filed" if filed else "triage", client.folder if client is not None else None)

    def _target_of(self, status: str, client_folder: str | None) -> str:
        """Where a submission's message belongs under the configuration as it is now: a pending
        move always goes by this, so a corrected [folders] reaches every message still waiting."""
        if status == "filed" and client_folder is not None:
            return self.config.folders.filed.format(client=client_folder)
        return self.config.folders.triage

    # Moving --------------------------------------------------------------------------------

    def _finish_moves(self) -> None:
        """Move every filed message still in the inbox to its folder; settle the ones gone.

        A folder the server refuses leaves its messages "folder_refused", recorded as one problem
        per folder, and the pass goes on; every later pass tries them again."""
        pending = self._pending_moves()
        if not pending:
            return
        here = self.mailbox.movable(s.source_uid for s in pending)
        by_target: dict[str, list[_ToMove]] = defaultdict(list)
        for submission in pending:
            if submission.source_uid in here:
                by_target[self._target_of(submission.status, submission.client_folder)].append(submission)
        done: dict[int, str] = {}
        refused: dict[str, str] = {}
        for target, subs in by_target.items():
            try:
                self.mailbox.ensure_folder(target)
                checkpoint("intake.before_move")
                moved = set(self.mailbox.move([s.source_uid for s in subs], target))
            except FolderRefused as exc:
                refused[target] = str(exc)
                done.update({s.id: "folder_refused" for s in subs})
                continue
            except imaplib.IMAP4.abort:
                raise
            except imaplib.IMAP4.error as exc:
                refused[target] = f"move refused by the server: {target} ({server_words(exc)})"
                done.update({s.id: "folder_refused" for s in subs})
                continue
            checkpoint("intake.after_move")
            done.update({s.id: "moved" for s in subs if s.source_uid in moved})
        for submission in pending:
            if submission.id not in done:
                done[submission.id] = self._where_is(submission)
        self._settle_moves(done, refused)

    def _pending_moves(self) -> list[_ToMove]:
        with transaction(self.sessions) as session:
            return [
                _ToMove(*row)
                for row in session.execute(
                    select(
                        Submission.id,
                        Submission.source_uid,
                        Submission.status,
                        Client.folder,
                        Submission.message_id,
                    )
                    .outerjoin(Client, Client.id == Submission.client_id)
                    .where(
                        Submission.imap_state.in_(PENDING_MOVES),
                        Submission.source_folder == self.folder,
                        Submission.source_uidvalidity == self.uidvalidity,
                    )
                )
            ]

    def _settle_moves(self, done: dict[int, str], refused: dict[str, str]) -> None:
        with transaction(self.sessions) as session:
            for state in set(done.values()):
                ids = [sub_id for sub_id, s in done.items() if s == state]
                for start in range(0, len(ids), 500):
                    session.execute(
                        update(Submission)
                        .where(Submission.id.in_(ids[start : start + 500]))
                        .values(imap_state=state)
                        .execution_options(synchronize_session=False)
                    )
            for sub_id, state in done.items():
                if state == "gone":
                    audit(
                        session,
                        self.now,
                        "message_gone",
                        "submission",
                        sub_id,
                        "removed from the inbox before it was moved; the raw copy is kept",
                    )
            self._record_refusals(session, refused)
        self.report.moved += sum(1 for s in done.values() if s == "moved")
        self.report.refused += sum(1 for s in done.values() if s == "folder_refused")

    def _record_refusals(self, session: Session, refused: dict[str, str]) -> None:
        """One open problem per refused folder, with the server's words; a folder no longer
        refused (the server relented, or [folders] was corrected) has its problem resolved."""
        open_ones = {p.folder: p for p in session.scalars(select(Problem).where(*_folder_problems()))}
        for folder, problem in open_ones.items():
            if folder not in refused:
                problem.resolved = True
        for folder, reason in refused.items():
            text = f"{reason}; the mail waits in the inbox and moves at a pass after [folders] is corrected"
            self.report.refusals.append(text)  # printed by poll, never logged: it names a client
            if folder in open_ones:
                problem = open_ones[folder]
                problem.at, problem.reason, problem.attempts = self.now, text[:2000], problem.attempts + 1
            else:
                session.add(Problem(at=self.now, kind="folder", folder=folder, reason=text[:2000]))
        if refused:
            log.warning("intake: the server refused %d folders; their mail waits in the inbox", len(refused))

    def _where_is(self, submission: _ToMove) -> str:
        """A message no longer in the inbox: moved by an earlier, interrupted pass, or deleted."""
        target = self._target_of(submission.status, submission.client_folder)
        if submission.message_id:
            try:
                if self.mailbox.find_by_message_id(target, submission.message_id):
                    return "moved"
            except Exception:  # the folder may not exist: then it was not moved there
                log.debug("intake: target folder lookup failed", exc_info=True)
        return "gone"

    # Problems ------------------------------------------------------------------------------

    def _record_problem(self, session: Session, uid: int, reason: str) -> None:
        problem = self._problem(session, uid)
        if problem is None:
            session.add(
                Problem(
                    at=self.now,
                    kind="message",
                    folder=self.folder,
                    uidvalidity=self.uidvalidity,
                    uid=uid,
                    reason=reason[:2000],
                    attempts=1,
                )
            )
        else:
            problem.attempts += 1
            problem.at, problem.reason = self.now, reason[:2000]
        audit(session, self.now, "message_failed", "message", uid, reason.split(":", 1)[0])

    def _problem_uids(self, session: Session, uids: Sequence[int]) -> set[int]:
        """Which of ``uids`` failed in an earlier pass (one query for the batch)."""
        found = session.scalars(
            select(Problem.uid).where(
                *_message_problems(self.folder, self.uidvalidity), Problem.uid.in_(list(uids))
            )
        )
        return {uid for uid in found if uid is not None}

    def _resolve_problem(self, session: Session, uid: int) -> None:
        problem = self._problem(session, uid)
        if problem is not None:
            problem.resolved = True

    def _problem(self, session: Session, uid: int) -> Problem | None:
        return session.scalars(
            select(Problem).where(*_message_problems(self.folder, self.uidvalidity), Problem.uid == uid)
        ).first()


def _highest(mailbox: Mailbox, uidnext: int | None) -> int:
    """The highest UID the selected folder can hold now."""
    if uidnext is not None:
        return uidnext - 1
    return max(mailbox.uids_after(0), default=0)


def _message_problems(folder: str, uidvalidity: int) -> tuple[ColumnElement[bool], ...]:
    """The Problems recorded for messages of ``folder`` as it is now (its UIDVALIDITY)."""
    return (Problem.kind == "message", Problem.folder == folder, Problem.uidvalidity == uidvalidity)


def _worth_reading(parsed: ParsedMessage, facts: Facts) -> bool:
    """Mail from a client, carrying our thread or token, or a bounce that may name a client:
    the rest is not ours to read (nor is mail mailbot wrote itself)."""
    if parsed.automated == "bounce":
        return True
    return not facts.ours and match_of(parsed, facts).status != "ignore"


class _ToMove(NamedTuple):
    """A filed message still to be moved out of the inbox; its folder follows from its status
    and client under the configuration of the pass that moves it."""

    id: int
    source_uid: int
    status: str
    client_folder: str | None
    message_id: str | None


PENDING_MOVES = ("to_move", "folder_refused")


def _folder_problems() -> tuple[ColumnElement[bool], ...]:
    return (Problem.kind == "folder", Problem.resolved.is_(False))


@dataclass
class _Directory:
    """Who the clients are, by address: read once per batch."""

    client_by_address: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> _Directory:
        rows = session.execute(select(ClientEmail.address, ClientEmail.client_id))
        return cls({address: client_id for address, client_id in rows})

    def facts(
        self,
        session: Session,
        headers: Mapping[int, ParsedMessage],
        spoofed: Callable[[ParsedMessage], bool],
    ) -> dict[int, Facts]:
        """What the database says about each message of a batch, from its header, in two
        queries for the whole batch: mailbot's own messages among the ids the headers name,
        and every assignment a sender, token or thread points at. The facts are read once, with
        the headers, and used again when the whole message is filed."""
        tokens = {
            uid: find_tokens(" ".join([p.subject, *p.recipients]))[:MAX_TOKENS] for uid, p in headers.items()
        }
        named = {mid for p in headers.values() for mid in [p.message_id, *thread_ids(p)] if mid}
        outgoing = outgoing_ids(session, named)
        threads = {
            uid: {mid: aid for mid in thread_ids(p) if (aid := outgoing.get(mid)) is not None}
            for uid, p in headers.items()
        }
        senders = {uid: self.client_by_address.get(p.from_address or "") for uid, p in headers.items()}
        assignments = _assignments(
            session,
            {c for c in senders.values() if c is not None},
            {t for found in tokens.values() for t in found},
            {aid for found in threads.values() for aid in found.values()},
        )
        by_id = {a.id: (_candidate(a), (a.type, dict(a.details or {}))) for a in assignments}
        by_client: dict[int, list[int]] = defaultdict(list)
        by_token: dict[str, int] = {}
        for candidate, _form in by_id.values():
            by_client[candidate.client_id].append(candidate.id)
            by_token[candidate.token] = candidate.id
        facts = {}
        for uid, parsed in headers.items():
            client = senders[uid]
            ids = dict.fromkeys(
                [
                    *(by_client.get(client, []) if client is not None else []),
                    *(by_token[t] for t in tokens[uid] if t in by_token),
                    *(i for i in threads[uid].values() if i in by_id),
                ]
            )
            facts[uid] = Facts(
                sender_client=client,
                ours=parsed.message_id is not None and parsed.message_id in outgoing,
                threads=threads[uid],
                candidates=[by_id[i][0] for i in sorted(ids)],
                forms={i: by_id[i][1] for i in ids},
                spoofed=spoofed(parsed),
            )
        return facts


def _candidate(a: Assignment) -> Candidate:
    return Candidate(a.id, a.client_id, a.token, a.title, a.type, a.status == "open", a.created_at)


def _assignments(session: Session, clients: set[int], tokens: set[str], ids: set[int]) -> list[Assignment]:
    """The assignments of ``clients``, plus any that ``tokens`` or ``ids`` name."""
    clauses = []
    if clients:
        clauses.append(Assignment.client_id.in_(sorted(clients)))
    if tokens:
        clauses.append(Assignment.token.in_(sorted(tokens)))
    if ids:
        clauses.append(Assignment.id.in_(sorted(ids)))
    if not clauses:
        return []
    return list(session.scalars(select(Assignment).where(or_(*clauses))))


FINAL_RECIPIENT = re.compile(
    rb"^Final-Recipient:\s*rfc822;\s*<?([^\s<>]+@[^\s<>]+)>?", re.IGNORECASE | re.MULTILINE
)
FAILED_ACTION = re.compile(rb"^Action:\s*failed\b", re.IGNORECASE | re.MULTILINE)
RETURNED_MESSAGE_ID = re.compile(
    rb"^(?:X-)?(?:Original-)?Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]{1,250}>)",
    re.IGNORECASE | re.MULTILINE,
)
BOUNCE_BYTES = 256 * 1024  # where a bounce names the failed message: its report, returned headers


MAX_THREAD_IDS = 50  # a References header names the newest messages last
MAX_TOKENS = 20


def thread_ids(parsed: ParsedMessage) -> list[str]:
    """The message ids a reply names, bounded: a flood of References must not become a query
    no database accepts."""
    return list(dict.fromkeys([*parsed.in_reply_to[:MAX_THREAD_IDS], *parsed.references[-MAX_THREAD_IDS:]]))


MAX_TEXT_KEPT = 100_000  # characters of a message's text in the database; the raw message has all


def kept_text(text: str, defects: list[str]) -> str:
    """The text the database keeps: all of it up to MAX_TEXT_KEPT characters, then cut (and said)."""
    if len(text) <= MAX_TEXT_KEPT:
        return text
    defects.append(
        f"text of {len(text):,} characters cut to {MAX_TEXT_KEPT:,}; all of it is in the raw message"
    )
    return text[:MAX_TEXT_KEPT]


def bounce_references(raw: bytes) -> set[str]:
    """The Message-IDs a bounce names for the failed message: a DSN's Original-Message-ID, or
    the Message-ID among the returned headers (bounded: a bounce is any stranger's mail)."""
    found = (m.group(1).decode("ascii", "replace") for m in RETURNED_MESSAGE_ID.finditer(raw[:BOUNCE_BYTES]))
    return set(itertools.islice(found, MAX_THREAD_IDS))


def failed_recipients(raw: bytes) -> set[str]:
    """The addresses a delivery status notification reports as failed, lower-cased.

    Each recipient has its own block (RFC 3464); only a block with ``Action: failed`` counts,
    so a delay warning or a success report stops no mail.
    """
    blocks = re.split(rb"\r?\n\s*\r?\n", raw)
    return {
        m.group(1).decode("ascii", "replace").lower()
        for block in blocks
        if FAILED_ACTION.search(block)
        for m in FINAL_RECIPIENT.finditer(block)
    }


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _by_size(headers: Sequence[Fetched], limit: int) -> Iterator[list[Fetched]]:
    """Groups of messages whose bytes together stay under FETCH_BYTES (one FETCH each)."""
    group: list[Fetched] = []
    total = 0
    for header in headers:
        size = min(header.size, limit)
        if group and total + size > FETCH_BYTES:
            yield group
            group, total = [], 0
        group.append(header)
        total += size
    if group:
        yield group
