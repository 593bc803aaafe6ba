"""Moving filed mail out of the inbox: the second half of intake's exactly-once.

A filed message is committed as ``imap_state = "to_move"`` before it moves; this module
moves every such message still in the inbox to its folder (one MOVE per folder), settles the
ones already gone, and records a folder the server refuses as one problem, so the mail waits
in the inbox and moves at a later pass.
"""

from __future__ import annotations

import imaplib
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.db import intake_queries
from mailbot.db.engine import transaction
from mailbot.db.models import Problem, SubmissionMove
from mailbot.db.records import audit
from mailbot.faults import checkpoint
from mailbot.mail.connect import server_words
from mailbot.mail.imap import FolderRefused, Mailbox

log = logging.getLogger(__name__)


class MoveCounts(Protocol):
    """The part of an intake report that moving adds to."""

    moved: int
    refused: int
    refusals: list[str]


def target_of(config: Config, status: str, client_folder: str | None) -> str:
    """Where a submission's message belongs under the configuration as it is now: a pending
    move always goes by this, so a corrected [folders] reaches every message still waiting."""
    if status == "filed" and client_folder is not None:
        return config.folders.filed.format(client=client_folder)
    return config.folders.triage


class _Plan(NamedTuple):
    """A call's moves: by target, the UIDs to copy out and the UIDs to move whole; and the UIDs an
    earlier pass copied already."""

    by_target: defaultdict[str, tuple[list[int], list[int]]]
    copied: set[int]


class _ToMove(NamedTuple):
    """A filed message still to be moved out of the inbox; its folder follows from its status
    and client under the configuration of the pass that moves it."""

    id: int
    source_uid: int
    status: str
    client_folder: str | None
    message_id: str | None


@dataclass
class InboxMoves:
    """The moves owed by one folder under one UIDVALIDITY, made at the time ``now``."""

    config: Config
    sessions: sessionmaker[Session]
    mailbox: Mailbox
    folder: str
    uidvalidity: int
    now: datetime
    # the moves owed when first asked: an earlier pass's, which may be half done
    _earlier: set[int] | None = field(default=None, init=False)

    def finish(self, report: MoveCounts) -> None:
        """Move every filed message still in the inbox to its folder; settle the ones gone.

        Where the server expunges exactly what it is told (UIDPLUS), a message with a Message-ID
        is copied to its folder (one COPY per folder), and all of them are then flagged \\Deleted
        and expunged here in one command (mail.imap_moves: far cheaper than one MOVE per folder).
        A move owed since before this object's first call (an earlier pass's, cut short) may
        have been copied already: it is looked for in its folder (same Message-ID, same size)
        and then removed here without a second copy; the other such moves are MOVEs, whole.

        A folder the server refuses leaves its messages "folder_refused", recorded as one problem
        per folder, and the pass goes on; every later pass tries them again."""
        pending = self._pending()
        if self._earlier is None:
            self._earlier = {s.id for s in pending}
        if not pending:
            return
        here = self.mailbox.sizes(s.source_uid for s in pending)
        plan = self._plan(pending, here)
        refused: dict[str, str] = {}
        states = {uid: "moved" for uid in plan.copied}
        for target, (cheap, whole) in plan.by_target.items():
            states.update(self._move(target, cheap, whole, refused))
        self._remove_copied(plan, states)
        done = {s.id: states.get(s.source_uid) or self._where_is(s) for s in pending}
        self._settle(done, refused, report)

    def _plan(self, pending: Sequence[_ToMove], here: Mapping[int, tuple[int, bool]]) -> _Plan:
        """Which UIDs to copy out and which to move whole, by target; which are copied already."""
        cheap_ok = self.mailbox.expunges_exactly()
        earlier = self._earlier or set()
        copied = (
            self._copied([s for s in pending if s.id in earlier and s.source_uid in here], here)
            if cheap_ok
            else set()
        )
        plan = _Plan(defaultdict(lambda: ([], [])), copied)
        seen: set[int] = set()
        for submission in pending:  # the items of one message share its UID: its first decides
            uid = submission.source_uid
            if uid in seen or uid not in here or here[uid][1] or uid in copied:
                continue
            seen.add(uid)
            cheap, whole = plan.by_target[self._target(submission)]
            if cheap_ok and submission.message_id and submission.id not in earlier:
                cheap.append(uid)
            else:
                whole.append(uid)
        return plan

    def _copied(self, earlier: Sequence[_ToMove], here: Mapping[int, tuple[int, bool]]) -> set[int]:
        """The UIDs of ``earlier`` moves whose message their folder holds already (a pass cut
        short between copying and expunging); leaves the inbox selected."""
        by_target: dict[str, dict[str, int]] = defaultdict(dict)
        for s in earlier:
            if s.message_id:
                by_target[self._target(s)][s.message_id] = s.source_uid
        copied: set[int] = set()
        for target, uids in by_target.items():
            try:
                found = self.mailbox.copies_in(target, {mid: here[uid][0] for mid, uid in uids.items()})
            except Exception:  # the folder may not exist: then nothing was copied there
                log.debug("intake: target folder lookup failed", exc_info=True)
                continue
            copied |= {uids[mid] for mid in found}
        if by_target:
            self.mailbox.select(self.folder)
        return copied

    def _move(
        self, target: str, cheap: list[int], whole: list[int], refused: dict[str, str]
    ) -> dict[int, str]:
        """Copy out ``cheap`` and move ``whole`` to ``target``: the new state of each one done."""
        try:
            self.mailbox.ensure_folder(target)
            checkpoint("intake.before_move")
            moved = self.mailbox.copy_to(cheap, target)
            checkpoint("intake.copied")
            moved += self.mailbox.move(whole, target)
        except FolderRefused as exc:
            refused[target] = str(exc)
            return dict.fromkeys([*cheap, *whole], "folder_refused")
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            refused[target] = f"move refused by the server: {target} ({server_words(exc)})"
            return dict.fromkeys([*cheap, *whole], "folder_refused")
        checkpoint("intake.after_move")
        return dict.fromkeys(moved, "moved")

    def _remove_copied(self, plan: _Plan, states: Mapping[int, str]) -> None:
        """Flag and expunge what was copied to its folder, by this call or by an earlier pass."""
        cheap = {uid for cheap, _whole in plan.by_target.values() for uid in cheap}
        copied = sorted(
            uid for uid, state in states.items() if state == "moved" and (uid in cheap or uid in plan.copied)
        )
        checkpoint("intake.before_expunge")
        self.mailbox.remove(copied)

    def _target(self, submission: _ToMove) -> str:
        return target_of(self.config, submission.status, submission.client_folder)

    def _pending(self) -> list[_ToMove]:
        with transaction(self.sessions) as session:
            return [
                _ToMove(*row) for row in intake_queries.moves_pending(session, self.folder, self.uidvalidity)
            ]

    def _settle(self, done: dict[int, str], refused: dict[str, str], report: MoveCounts) -> None:
        with transaction(self.sessions) as session:
            for state in set(done.values()):
                ids = [sub_id for sub_id, s in done.items() if s == state]
                for start in range(0, len(ids), 500):
                    session.execute(
                        update(SubmissionMove)
                        .where(SubmissionMove.submission_id.in_(ids[start : start + 500]))
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
            report.refusals.extend(self._record_refusals(session, refused))
        report.moved += sum(1 for s in done.values() if s == "moved")
        report.refused += sum(1 for s in done.values() if s == "folder_refused")

    def _record_refusals(self, session: Session, refused: dict[str, str]) -> list[str]:
        """One open problem per refused folder, with the server's words; a folder no longer
        refused (the server relented, or [folders] was corrected) has its problem resolved.
        The sentences are for poll to print, never to log: they name a client."""
        open_ones = {p.folder: p for p in intake_queries.open_folder_problems(session)}
        for folder, problem in open_ones.items():
            if folder not in refused:
                problem.resolved = True
        sentences = []
        for folder, reason in refused.items():
            text = f"{reason}; the mail waits in the inbox and moves at a pass after [folders] is corrected"
            sentences.append(text)
            if folder in open_ones:
                problem = open_ones[folder]
                problem.at, problem.reason, problem.attempts = self.now, text[:2000], problem.attempts + 1
            else:
                session.add(Problem(at=self.now, kind="folder", folder=folder, reason=text[:2000]))
        if refused:
            log.warning("intake: the server refused %d folders; their mail waits in the inbox", len(refused))
        return sentences

    def _where_is(self, submission: _ToMove) -> str:
        """A message no longer in the inbox: moved by an earlier, interrupted pass, or deleted."""
        target = self._target(submission)
        if submission.message_id:
            try:
                if self.mailbox.find_by_message_id(target, submission.message_id):
                    return "moved"
            except Exception:  # the folder may not exist: then it was not moved there
                log.debug("intake: target folder lookup failed", exc_info=True)
        return "gone"
