"""The intake pass: read what is new in the inbox, file client mail, move it to its folder.

Exactly once, whatever crashes: a batch's submissions and the folder's new high-water UID are
committed in one transaction *before* any message moves, each submission remembering where
its message is (``imap_state = "to_move"``). Moving is then finished by this pass or the
next. A message already filed (same dedupe key) is never filed again. Nothing is marked read.

This module runs the pass: batches, the header pass, fetching, and one transaction per group
with its failures. What the headers say is read by ``intake_facts``, core.intake decides what
each message is, ``intake_outcomes`` applies that, ``intake_moves`` moves filed mail and
``db.inbox_problems`` remembers the messages that failed.
"""

from __future__ import annotations

import imaplib
import logging
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.auth import trusted, verdict
from mailbot.core.autoreply import reads_like_autoreply
from mailbot.core.intake import Incoming, decide
from mailbot.db.engine import transaction
from mailbot.db.inbox_problems import InboxProblems
from mailbot.db.models import FolderState
from mailbot.db.records import audit, outgoing_ids
from mailbot.faults import checkpoint
from mailbot.files import sync_files
from mailbot.mail.glance import glance
from mailbot.mail.identity import body_key
from mailbot.mail.imap import Fetched, HeaderFields, Mailbox
from mailbot.mail.large import LARGE_MESSAGE_BYTES, LargeMessage, read_large
from mailbot.mail.parse import HEADER_FIELDS, ParsedMessage, parse_header
from mailbot.passes.collector import collector_kept_off
from mailbot.passes.filing import NewRows
from mailbot.passes.intake_facts import Directory, worth_reading
from mailbot.passes.intake_groups import Group, Large, Started, by_size, chunks, discard
from mailbot.passes.intake_moves import InboxMoves
from mailbot.passes.intake_outcomes import Filing, IntakeReport, Message
from mailbot.practice.crediting import mark_missed
from mailbot.practice.reading import WARM_FROM, Facts, Read, Reader, Reading, Watch, interpret

log = logging.getLogger(__name__)

# UIDs whose header fields one FETCH asks for, and whose facts one transaction reads: most of an
# everyday inbox is left alone after its header, so a header batch is much larger than a filed one.
HEADER_BATCH = 1000
READ_AHEAD = 2  # groups fetched and handed to the readers beyond the one being filed


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
        self.uidvalidity = 0  # the inbox's, once selected
        self._filing = self._new_filing()  # the group being filed
        self._baseline = 0  # mail at or below this UID was in the inbox before mailbot
        self._rescan = 0  # mail at or below this UID is read again after a UIDVALIDITY change

    def run(self) -> IntakeReport:
        status = self.mailbox.select(self.folder)
        last_uid, retry = self._sync_state(status.uidvalidity, _highest(self.mailbox, status.uidnext))
        moves = InboxMoves(self.config, self.sessions, self.mailbox, self.folder, self.uidvalidity, self.now)
        moves.finish(self.report)
        self.mailbox.select(self.folder)
        uids = sorted(set(self.mailbox.uids_after(last_uid)) | (self.mailbox.present(retry)))
        self.report.new = len(uids)
        with (
            collector_kept_off(len(uids)),
            Reader(self.config.intake.workers, self._watch) as reader,
        ):
            self._reader = reader
            if len(uids) >= WARM_FROM:
                reader.warm()
            self._take(uids)
        # Moving waits for the last batch: one COPY (or MOVE) per folder for the whole pass and
        # one expunge (intake_moves), not one per folder per batch. Filed messages are committed
        # as "to_move" with the high-water UID, so until then they are neither read again nor
        # lost; a crash leaves them to the next pass's first moves above.
        moves.finish(self.report)
        with transaction(self.sessions) as session:
            missed = mark_missed(session, self.now, timedelta(hours=self.config.homework.grace_hours))
        log.info("intake: %s; %d occurrences now missed", self.report.summary(), missed)
        return self.report

    def _sync_state(self, uidvalidity: int, highest: int) -> tuple[int, list[int]]:
        """The highest UID already read, and UIDs of earlier failures worth another try.

        A folder seen for the first time (``mailbot init`` normally sees it first, and reads
        nothing older) is read whole, but what was there already is filed only by a thread or
        token of mailbot's: ``highest`` becomes its baseline."""
        self.uidvalidity = uidvalidity
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
            return state.last_uid, self._problems.retry(session)

    # Reading ---------------------------------------------------------------------------------

    def _spoofed(self, parsed: ParsedMessage) -> bool:
        """Whether its From is not to be believed: [intake] require_auth against the verdict of
        the receiving server's Authentication-Results ([intake] authserv_id)."""
        intake = self.config.intake
        return not trusted(verdict(parsed.authentication_results, intake.authserv_id), intake.require_auth)

    def header_batches(self, uids: Sequence[int]) -> Iterator[Sequence[int]]:
        """The batches of a pass: the header fields of each are fetched in one command and its
        facts read in one transaction; its messages are then read whole ``batch_size`` at a time."""
        return chunks(uids, max(HEADER_BATCH, self.config.intake.batch_size))

    def _take(self, uids: Sequence[int]) -> None:
        """Read and file the pass's messages a group at a time: the next ``READ_AHEAD`` groups
        are fetched and handed to the readers before one is filed, so that they parse while the
        pass files (and while it waits for the disk), across header batches too: the next
        batch's header pass runs while the readers read the last groups of this one. What is
        committed when stays as it was: a batch's groups are filed in order, then its high-water
        UID is advanced, before any later group is filed."""
        groups = self._groups(uids)
        ahead: deque[Started] = deque()
        try:
            while True:
                while len(ahead) <= READ_AHEAD and (group := next(groups, None)) is not None:
                    ahead.append(self._start(group))
                if not ahead:
                    return
                self._file_started(ahead[0])
                discard(ahead.popleft().fetched)
        finally:
            for started in ahead:
                discard(started.fetched)

    def _file_started(self, group: Started) -> None:
        """File a group read ahead, and advance the high-water UID if it ends its batch."""
        if group.fetched:
            self._file_group(group.fetched, group.readings)
            checkpoint("intake.filed")
        for message, _large in group.fetched:
            del self._facts[message.uid]
        if group.batch_end is not None:
            self._advance(group.batch_end)

    def _groups(self, uids: Sequence[int]) -> Iterator[Group]:
        """Each header batch's groups, in order, its last one naming the batch's highest UID (a
        batch left alone whole is one empty group). A batch's header pass runs when its first
        group is asked for."""
        limit = self.config.intake.max_message_mb * 1024 * 1024
        for batch in self.header_batches(uids):
            groups = list(by_size(self.worth_reading(batch), limit, self.config.intake.batch_size)) or [[]]
            for n, group in enumerate(groups, 1):
                yield Group(group, max(batch) if n == len(groups) else None)

    def _advance(self, highest: int) -> None:
        """A header batch filed whole: the inbox's high-water UID passes it."""
        with transaction(self.sessions) as session:
            state = session.get(FolderState, self.folder)
            assert state is not None
            state.last_uid = max(state.last_uid, highest)
        checkpoint("intake.advanced")

    def _start(self, group: Group) -> Started:
        """A group fetched, its small messages handed to the readers."""
        fetched = self._fetch(group.headers) if group.headers else []
        small = [message for message, large in fetched if large is None]
        readings = self._reader.start([(m.data, self._facts[m.uid]) for m in small])
        return Started(fetched, dict(zip((m.uid for m in small), readings, strict=True)), group.batch_end)

    def worth_reading(self, uids: Sequence[int]) -> list[HeaderFields]:
        """The header pass over a batch: which messages to read whole (their header fields;
        the rest are left alone and counted so). Their facts are kept for filing them (the
        facts say nothing that filing changes: clients, assignments, mailbot's own mail)."""
        headers = self.mailbox.fetch_header_fields(uids, HEADER_FIELDS)
        glances = {h.uid: glance(h.data) for h in headers}
        with transaction(self.sessions) as session:
            directory = Directory.load(session)
            ours = outgoing_ids(session, {mid for g in glances.values() for mid in g.ids})
            # Only what a glance cannot rule out is parsed: most of an everyday inbox is not ours.
            parsed = {
                h.uid: parse_header(h.data)
                for h in headers
                if glances[h.uid].may_concern(directory.client_by_address, ours)
            }
            facts = directory.facts(session, parsed, self._spoofed)
            self._failed_before |= self._problems.failed_before(session, uids)
        wanted = [h for h in headers if h.uid in parsed and worth_reading(parsed[h.uid], facts[h.uid])]
        self.report.left_alone += len(headers) - len(wanted)
        self._facts.update((h.uid, facts[h.uid]) for h in wanted)
        return wanted

    def _fetch(self, group: Sequence[HeaderFields]) -> list[tuple[Fetched, Large]]:
        """Small messages in one FETCH; large or over-limit ones read in pieces, one by one
        (with their arrival time, which the header pass does not fetch)."""
        limit = self.config.intake.max_message_mb * 1024 * 1024
        piecewise = min(LARGE_MESSAGE_BYTES, limit)
        small = [h.uid for h in group if h.size <= piecewise]
        out: list[tuple[Fetched, Large]] = [(f, None) for f in self.mailbox.fetch_messages(small)]
        for header in group:
            if header.size > piecewise:
                arrived = [f.internal_date for f in self.mailbox.fetch_headers([header.uid])]
                message = Fetched(header.uid, header.size, arrived[0] if arrived else self.now, header.data)
                out.append((message, self._read_large(message, limit)))
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

    # Filing ----------------------------------------------------------------------------------

    @property
    def _problems(self) -> InboxProblems:
        return InboxProblems(self.folder, self.uidvalidity)

    def _new_filing(self) -> Filing:
        return Filing(
            self.config, self.now, self.mailbox, self.folder, self.uidvalidity, self.report, NewRows(self.now)
        )

    def _file_group(
        self, fetched: Sequence[tuple[Fetched, Large]], readings: Mapping[int, Callable[[], Read]]
    ) -> None:
        """File a group in one transaction, its new rows written in bulk (mailbot.passes.filing).

        One bad message must not stop the others, and must leave nothing half-written: when a
        message fails, the transaction is rolled back and the group filed again without it, its
        problem recorded in that same transaction (no SAVEPOINT per message). When the bulk
        write itself fails, no message is to blame yet: the group is filed again with each
        message's rows written as it is filed, which names the one that fails."""
        failures: dict[int, str] = {}
        one_by_one = False
        before = self.report.copy()
        read: dict[int, tuple[str, Reading]] = {}  # each message's key and reading, kept for a retry
        while True:
            self.report = before.copy()
            current: int | None = None
            try:
                with transaction(self.sessions) as session:
                    self._filing = self._new_filing()
                    for uid, reason in failures.items():
                        self.report.failed += 1
                        self._problems.record(session, self.now, uid, reason)
                    taken = [(m, large) for m, large in fetched if m.uid not in failures]
                    for message, large in taken:
                        current = message.uid
                        self._read(message, large, readings.get(message.uid), read)
                    current = None
                    self._filing.prepare(session, [read[m.uid] for m, _large in taken])
                    for message, large in taken:
                        current = message.uid
                        self._take_one(session, message, large, *read[message.uid])
                        if one_by_one:
                            self._filing.write_rows(session)
                    current = None
                    self._filing.write_rows(session)
                    sync_files(self._filing.unsynced)  # on disk before the commit that records them
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

    def _read(
        self,
        message: Fetched,
        large: Large,
        reading: Callable[[], Read] | None,
        read: dict[int, tuple[str, Reading]],
    ) -> None:
        """A message's dedupe key and reading, into ``read`` unless there already (a failure of
        either is the message's, recorded like any other)."""
        if isinstance(large, Exception):
            raise large
        if message.uid in read:
            return
        if reading is not None:
            done, key = reading()  # the key taken where it was read (a worker hashes the body)
        else:
            assert large is not None
            count = len(large.files) + len(large.skipped)
            done = interpret(large.parsed, self._facts[message.uid], count, self._watch)
            key = body_key(done.parsed, large.body_sha256)
        read[message.uid] = (key, done)

    def _take_one(self, session: Session, message: Fetched, large: Large, key: str, reading: Reading) -> None:
        """File one message, read before (``_read``)."""
        assert not isinstance(large, Exception)
        self._file(session, self._facts[message.uid], message, large, key, reading)
        if message.uid in self._failed_before:
            self._problems.resolve(session, message.uid)

    def _file(
        self,
        session: Session,
        facts: Facts,
        message: Fetched,
        large: LargeMessage | None,
        key: str,
        reading: Reading,
    ) -> None:
        """Decide what the message is (core.intake) and apply that outcome (intake_outcomes)."""
        parsed = reading.parsed
        existing = self._filing.filed_before(session, key)
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
        self._filing.apply(session, Message(message, key, large, reading), outcome, existing)


def _highest(mailbox: Mailbox, uidnext: int | None) -> int:
    """The highest UID the selected folder can hold now."""
    if uidnext is not None:
        return uidnext - 1
    return max(mailbox.uids_after(0), default=0)
