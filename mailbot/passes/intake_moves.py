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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.db import intake_queries
from mailbot.db.engine import transaction
from mailbot.db.models import Problem, Submission
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

    def finish(self, report: MoveCounts) -> None:
        """Move every filed message still in the inbox to its folder; settle the ones gone.

        A folder the server refuses leaves its messages "folder_refused", recorded as one problem
        per folder, and the pass goes on; every later pass tries them again."""
        pending = self._pending()
        if not pending:
            return
        here = self.mailbox.movable(s.source_uid for s in pending)
        by_target: dict[str, list[_ToMove]] = defaultdict(list)
        for submission in pending:
            if submission.source_uid in here:
                by_target[self._target(submission)].append(submission)
        done: dict[int, str] = {}
        refused: dict[str, str] = {}
        for target, subs in by_target.items():
            done.update(self._move(target, subs, refused))
        for submission in pending:
            if submission.id not in done:
                done[submission.id] = self._where_is(submission)
        self._settle(done, refused, report)

    def _move(self, target: str, subs: Sequence[_ToMove], refused: dict[str, str]) -> dict[int, str]:
        """Move ``subs`` to ``target``: the new state of those moved or refused, by submission id."""
        try:
            self.mailbox.ensure_folder(target)
            checkpoint("intake.before_move")
            moved = set(self.mailbox.move([s.source_uid for s in subs], target))
        except FolderRefused as exc:
            refused[target] = str(exc)
            return {s.id: "folder_refused" for s in subs}
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            refused[target] = f"move refused by the server: {target} ({server_words(exc)})"
            return {s.id: "folder_refused" for s in subs}
        checkpoint("intake.after_move")
        return {s.id: "moved" for s in subs if s.source_uid in moved}

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
