"""Reply drafts in the therapist's own Drafts folder: one per submission (or per client and day),
written once, whatever crashes or repeats.

A draft is recorded (``to_write``) before it is appended and marked ``written`` after; an
interrupted append is settled by the next pass, which looks for the Message-IDs of the drafts
left ``to_write`` in the folder (a few SEARCHes for all of them) before appending again. Drafts
planned by the pass itself are not looked for: they cannot be there yet. A draft the therapist
deletes is never written again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, insert, update
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.feedback import combine_key
from mailbot.db import drafts_queries
from mailbot.db.engine import transaction
from mailbot.db.models import AuditEvent, Draft, Feedback
from mailbot.db.records import audit
from mailbot.faults import checkpoint
from mailbot.mail.compose import new_message_id
from mailbot.mail.imap import DRAFTS, Mailbox
from mailbot.passes.drafts_compose import DRAFT_HEADER, ComposedDraft, compose_all, fingerprint
from mailbot.passes.filing import insert_keyed

log = logging.getLogger(__name__)

__all__ = ["DRAFT_HEADER", "retire_drafts", "retire_settled", "write_drafts"]

DRAFTS_PER_SESSION = 200  # composed and appended together: memory stays bounded however many are pending
DRAFT_FLAGS = (b"\\Draft", b"\\Seen")


def write_drafts(config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, now: datetime) -> int:
    """Plan drafts for new submissions, then write every draft not yet in the folder; how many."""
    if not config.feedback.drafts:
        return 0
    folder = mailbox.special_folder(DRAFTS, config.folders.drafts)
    if folder is None:
        log.warning("drafts: no Drafts folder found; set [folders] drafts")
        return 0
    planned = _plan(config, sessions, now)
    checkpoint("drafts.planned")
    with sessions() as session:
        todo = drafts_queries.drafts_to_write(session)
    # Only a draft an earlier pass left to_write may have been appended before that pass was
    # interrupted; one planned just now cannot be in the folder yet, so it is not looked for.
    there = mailbox.message_ids_in(
        folder, [mid for draft_id, state, mid in todo if state == "to_write" and draft_id not in planned]
    )
    written = 0
    # A chunk's APPEND runs in a thread while the next chunk is composed; the mailbox is used by
    # one thread at a time, and a chunk is marked written only once its APPEND has returned.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafts-append") as appender:
        appending: _Appending | None = None
        for start in range(0, len(todo), DRAFTS_PER_SESSION):
            chunk = todo[start : start + DRAFTS_PER_SESSION]
            composed = _compose_chunk(config, sessions, chunk, there, now)
            written += _settle(sessions, appending, now)
            appending = _start_append(sessions, mailbox, appender, folder, chunk, there, composed, now)
        written += _settle(sessions, appending, now)
    if written:
        log.info("drafts: %d written", written)
    return written


@dataclass(frozen=True)
class _Appending:
    """One chunk on its way into the folder: the drafts to mark written once it has arrived
    (those appended, and those an interrupted pass had appended), and the APPEND itself."""

    marking: list[int]
    appended: int
    done: Future[None] | None


def _compose_chunk(
    config: Config,
    sessions: sessionmaker[Session],
    chunk: Sequence[Row[int, str, str]],
    there: set[str],
    now: datetime,
) -> dict[int, ComposedDraft]:
    """The chunk's drafts (id, state, Message-ID) not in the folder yet, composed, and what each
    says recorded in one commit before any of them is appended."""
    composing = [draft_id for draft_id, state, mid in chunk if state == "to_write" and mid not in there]
    composed = compose_all(config, sessions, composing, now)
    _record_fingerprints(sessions, composed)
    return composed


def _start_append(
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    appender: ThreadPoolExecutor,
    folder: str,
    chunk: Sequence[Row[int, str, str]],
    there: set[str],
    composed: dict[int, ComposedDraft],
    now: datetime,
) -> _Appending:
    """Take out the drafts this chunk replaces, then start appending its composed drafts all at
    once (one command where the server offers MULTIAPPEND). A draft that could not be composed
    is left out: a problem says so, and the next pass tries again."""
    for draft_id, state, message_id in chunk:
        if state == "to_replace":
            _remove(sessions, mailbox, folder, draft_id, message_id, now)
    appending = [draft_id for draft_id, _state, _mid in chunk if draft_id in composed]
    # Those found in the folder were appended before an interruption: marked, not appended twice.
    found = {draft_id for draft_id, state, mid in chunk if state == "to_write" and mid in there}
    marking = [draft_id for draft_id, _state, _mid in chunk if draft_id in found or draft_id in composed]
    if not appending:
        return _Appending(marking, 0, None)
    checkpoint("drafts.before_append")
    messages = [composed[i].message for i in appending]
    done = appender.submit(mailbox.append_all, folder, messages, flags=DRAFT_FLAGS, when=now)
    return _Appending(marking, len(appending), done)


def _settle(sessions: sessionmaker[Session], appending: _Appending | None, now: datetime) -> int:
    """Wait for a chunk's APPEND (its error is raised here), then mark its drafts written in one
    commit; how many it appended. A draft appended but not marked yet when a pass is
    interrupted stays to_write, and the next pass finds it by its Message-ID: never twice."""
    if appending is None:
        return 0
    if appending.done is not None:
        appending.done.result()
        checkpoint("drafts.after_append")
    _mark_written(sessions, appending.marking, now)
    return appending.appended


def _plan(config: Config, sessions: sessionmaker[Session], now: datetime) -> set[int]:
    """Give every open feedback without a draft one (to write), combining per client and day;
    the ids of the drafts planned.

    Only ids, client and time are read here, however many drafts are pending (after a backlog,
    thousands): a submission is loaded whole only when its draft is composed."""
    tz = config.therapist.tz
    combine = config.feedback.combine == "client-day"
    planned: set[int] = set()
    with transaction(sessions) as session:
        waiting = drafts_queries.feedback_waiting(session)
        groups: dict[str, list[int]] = defaultdict(list)
        by_message: dict[str, str] = {}  # the items one reply answered share its file: one draft
        for submission_id, client_id, received_at, raw_path in waiting:
            if combine:
                key = combine_key(client_id or 0, received_at, tz)
            else:
                key = by_message.setdefault(raw_path, f"s{submission_id}")
            groups[key].append(submission_id)
        drafts: list[tuple[str, list[int]]] = []  # marker, submissions
        for key, members in groups.items():
            marker = f"{key}:{members[0]}"
            previous = _combinable(session, key) if combine else None
            if previous is not None:
                members += drafts_queries.submissions_of_draft(session, previous.id)
                # Even one still to_write: an interrupted pass may have appended it.
                previous.state = "to_replace"
                marker = previous.marker
            drafts.append((marker, members))
        planned.update(_insert_drafts(session, config, drafts, now))
    return planned


def _insert_drafts(
    session: Session, config: Config, drafts: list[tuple[str, list[int]]], now: datetime
) -> list[int]:
    """The planned drafts (marker, submissions) as rows, each feedback pointed at its draft: one
    executemany per table, however many drafts a backlog plans. Their ids."""
    if not drafts:
        return []
    ids = insert_keyed(
        session,
        Draft,
        "message_id",
        [
            {
                "marker": marker,
                "message_id": new_message_id(config.therapist.email),
                "state": "to_write",
                "content_sha256": None,
                "created_at": now,
                "written_at": None,
            }
            for marker, _members in drafts
        ],
    )
    session.execute(  # an executemany UPDATE by primary key
        update(Feedback),
        [
            {"submission_id": sid, "draft_id": did}
            for did, (_marker, members) in zip(ids, drafts, strict=True)
            for sid in members
        ],
    )
    session.execute(
        insert(AuditEvent),
        [
            {
                "at": now,
                "action": "draft_planned",
                "entity": "draft",
                "entity_id": did,
                "detail": f"submissions={len(m)}",
            }
            for did, (_marker, m) in zip(ids, drafts, strict=True)
        ],
    )
    return ids


def _combinable(session: Session, key: str) -> Draft | None:
    """The latest draft of this client and day whose submissions all still wait for a reply."""
    # The state is checked here, not in the query: SQLite would take the index on state for it
    # and follow it through every draft ever written.
    drafts = drafts_queries.drafts_marked(session, key)
    for draft in drafts:
        if draft.state not in ("to_write", "written"):
            continue
        covered = list(drafts_queries.feedback_open_of_draft(session, draft.id))
        if covered and all(covered):
            return draft
    return None


def _record_fingerprints(sessions: sessionmaker[Session], messages: dict[int, ComposedDraft]) -> None:
    """What each draft of a chunk says, recorded in one commit before any of them is appended:
    an interrupted append is then still known as mailbot's own, untouched draft."""
    if not messages:
        return
    with transaction(sessions) as session:
        session.execute(  # an executemany UPDATE by primary key
            update(Draft), [{"id": i, "content_sha256": m.fingerprint} for i, m in messages.items()]
        )


def _mark_written(sessions: sessionmaker[Session], draft_ids: list[int], now: datetime) -> None:
    """Drafts appended (or found appended): written, in one commit for all of them."""
    if not draft_ids:
        return
    with transaction(sessions) as session:
        session.execute(update(Draft).where(Draft.id.in_(draft_ids)).values(state="written", written_at=now))
        session.execute(
            insert(AuditEvent),
            [
                {"at": now, "action": "draft_written", "entity": "draft", "entity_id": i, "detail": ""}
                for i in draft_ids
            ],
        )


def _remove(
    sessions: sessionmaker[Session],
    mailbox: Mailbox,
    folder: str,
    draft_id: int,
    message_id: str,
    now: datetime,
    state: str = "replaced",
) -> None:
    """Take one of mailbot's drafts out of the folder, if the therapist has not already, and only
    as mailbot wrote it: a draft she changed (its text differs from what was written) stays."""
    with sessions() as session:
        row = session.get(Draft, draft_id)
        assert row is not None
        written = row.content_sha256
    uids = mailbox.find_by_message_id(folder, message_id)
    versions = mailbox.fetch_versions(uids)
    untouched = {uid: modseq for uid, (data, modseq) in versions.items() if fingerprint(data) == written}
    removed = mailbox.delete_unchanged(folder, untouched) if untouched else []
    with transaction(sessions) as session:
        row = session.get(Draft, draft_id)
        assert row is not None
        row.state = state
        kept = len(uids) - len(removed)
        audit(session, now, f"draft_{state}", "draft", draft_id, f"kept_edited={kept}" if kept else "")


def retire_settled(session: Session, draft_ids: set[int], now: datetime) -> None:
    """Drafts whose submissions are all settled now are to be taken out (``retire_drafts``)."""
    for draft_id in sorted(draft_ids):
        draft = session.get(Draft, draft_id)
        still_open = drafts_queries.open_submission_of_draft(session, draft_id)
        if draft is not None and draft.state == "written" and still_open is None:
            draft.state = "to_retire"


def retire_drafts(config: Config, sessions: sessionmaker[Session], mailbox: Mailbox, now: datetime) -> int:
    """Take mailbot's untouched drafts of settled submissions out of Drafts; how many drafts."""
    with sessions() as session:
        todo = drafts_queries.drafts_to_retire(session)
    if not todo:
        return 0
    folder = mailbox.special_folder(DRAFTS, config.folders.drafts)
    if folder is None:
        return 0
    for draft_id, message_id in todo:
        _remove(sessions, mailbox, folder, draft_id, message_id, now, state="retired")
    return len(todo)
