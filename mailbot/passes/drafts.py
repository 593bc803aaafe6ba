"""Reply drafts in the therapist's own Drafts folder: one per submission (or per client and day),
written once, whatever crashes or repeats.

A draft is recorded (``to_write``) before it is appended and marked ``written`` after; an
interrupted append is settled by the next pass, which looks for the Message-IDs of the drafts
left ``to_write`` in the folder (a few SEARCHes for all of them) before appending again. Drafts
planned by the pass itself are not looked for: they cannot be there yet. A draft the therapist
deletes is never written again.
"""

from __future__ import annotations

import email
import hashlib
import logging
from collections import defaultdict
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from sqlalchemy import insert, update
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.feedback import combine_key
from mailbot.core.homework.registry import get_type
from mailbot.db import drafts_queries
from mailbot.db.engine import transaction
from mailbot.db.models import AuditEvent, Client, Draft, Feedback
from mailbot.db.problems import record_problem
from mailbot.db.records import audit
from mailbot.faults import checkpoint
from mailbot.mail.compose import build_message, new_message_id, render, template_environment
from mailbot.mail.imap import DRAFTS, Mailbox
from mailbot.passes.filing import insert_returning_ids

log = logging.getLogger(__name__)

DRAFT_HEADER = "X-Mailbot-Draft"
DRAFTS_PER_SESSION = 50  # composed together: memory stays bounded however many drafts are pending


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
    for start in range(0, len(todo), DRAFTS_PER_SESSION):
        chunk = todo[start : start + DRAFTS_PER_SESSION]
        composing = [draft_id for draft_id, state, mid in chunk if state == "to_write" and mid not in there]
        messages = _compose_all(config, sessions, composing, now)
        _record_fingerprints(sessions, messages)
        done: list[int] = []
        for draft_id, state, message_id in chunk:
            if state == "to_replace":
                _remove(sessions, mailbox, folder, draft_id, message_id, now)
            elif draft_id in messages:
                checkpoint("drafts.before_append")
                mailbox.append(folder, messages[draft_id], flags=[b"\\Draft", b"\\Seen"], when=now)
                checkpoint("drafts.after_append")
                done.append(draft_id)
                written += 1
            elif draft_id not in composing:
                done.append(draft_id)  # appended before an interruption: not twice
            # else it could not be composed: a problem says so, the next pass tries again
        # One commit for the chunk. A draft appended but not marked yet when a pass is
        # interrupted stays to_write, and the next pass finds it by its Message-ID: never twice.
        _mark_written(sessions, done, now)
    if written:
        log.info("drafts: %d written", written)
    return written


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
    ids = insert_returning_ids(
        session,
        Draft,
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


def _compose_all(
    config: Config, sessions: sessionmaker[Session], draft_ids: list[int], now: datetime
) -> dict[int, bytes]:
    """The messages of these drafts, by draft id, composed in one session: the submissions they
    cover are in memory for this chunk only.

    A draft that cannot be composed (a template error, an address the mail library refuses) is
    left out and recorded as a problem for the digest: it never costs the other clients theirs."""
    if not draft_ids:
        return {}
    messages: dict[int, bytes] = {}
    failed: dict[int, str] = {}
    with sessions() as session:
        for draft in drafts_queries.drafts_by_id(session, draft_ids):
            try:
                messages[draft.id] = bytes(compose_draft(config, session, draft))
            except Exception as exc:  # one draft's failure, whatever it is, stays that draft's
                log.warning("drafts: draft %d could not be composed (%s)", draft.id, type(exc).__name__)
                log.debug("drafts: composing draft %d", draft.id, exc_info=True)
                failed[draft.id] = type(exc).__name__
    if failed:  # its problem is dated anew by each pass it fails in, so the digest shows it until then
        with transaction(sessions) as session:
            for draft_id, error in failed.items():
                reason = f"a reply draft (draft {draft_id}) could not be written ({error}); the others were"
                record_problem(session, now, "draft", reason, item=draft_id)
    return messages


def _record_fingerprints(sessions: sessionmaker[Session], messages: dict[int, bytes]) -> None:
    """What each draft of a chunk says, recorded in one commit before any of them is appended:
    an interrupted append is then still known as mailbot's own, untouched draft."""
    if not messages:
        return
    with transaction(sessions) as session:
        session.execute(  # an executemany UPDATE by primary key
            update(Draft), [{"id": i, "content_sha256": fingerprint(m)} for i, m in messages.items()]
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


def fingerprint(message: bytes) -> str:
    """What a draft says, as a hash: its plain text, line endings and trailing space aside, so
    that a server re-encoding the same text does not count as an edit."""
    parsed = email.message_from_bytes(message, policy=policy.default)
    body = parsed.get_body(("plain",)) if isinstance(parsed, EmailMessage) else None
    text = body.get_content() if body is not None else ""
    normal = "\n".join(line.rstrip() for line in str(text).replace("\r\n", "\n").split("\n")).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def attachment_words(content_type: str, original_name: str | None) -> dict[str, str]:
    """How a draft names what the client attached: "the photo (worksheet.jpg)"."""
    main, _, sub = content_type.lower().partition("/")
    noun = {"image": "photo", "audio": "recording", "video": "video"}.get(main)
    if noun is None:
        noun = "PDF" if sub == "pdf" else "document" if "word" in sub or "opendocument" in sub else "file"
    name = " ".join((original_name or "").split())[:80]
    return {"noun": noun, "name": name}


def compose_draft(config: Config, session: Session, draft: Draft) -> EmailMessage:
    """The draft reply: to the client's own recorded address (the one they wrote from when it is
    theirs), threaded under their message. Only filed homework has a client; the sender's name
    and address are never used, so a stranger's mail filed by hand cannot redirect it."""
    covered = drafts_queries.submissions_covered(session, draft.id)
    latest = covered[-1]
    if latest.assignment is None:
        raise ValueError(f"draft {draft.id} covers no filed homework")
    client = latest.assignment.client
    tz = ZoneInfo(client.timezone)
    items = [
        {
            "submission": sub,
            "assignment": sub.assignment,
            "fields": sub.fields,
            "type_label": get_type(sub.assignment.type).label if sub.assignment else "homework",
            "received_local": sub.received_at.astimezone(tz),
            "sender_name": sub.from_name or sub.from_address,
            "quoted": _quoted(sub.text),
            "attachments": [attachment_words(a.content_type, a.original_name) for a in sub.attachments],
        }
        for sub in covered
        if sub.assignment is not None
    ]
    name = client.name
    context = {
        "therapist": config.therapist,
        "items": items,
        "client": {"name": name, "first_name": name.split()[0] if name else ""},
        # A worrying message gets a plain personal reply: no homework summary at all.
        "personal": any("risk" in (sub.flags or []) for sub in covered),
    }
    text = render(template_environment(config.templates_dir), ["feedback/draft.txt.j2"], context)
    subject = latest.subject or "your homework"
    references = [*latest.references, *([latest.message_id] if latest.message_id else [])]
    return build_message(
        sender=Address(config.therapist.name, addr_spec=config.therapist.email),
        to=[Address(name, addr_spec=_reply_address(client, latest.from_address))],
        subject=subject if subject.lower().startswith("re:") else f"Re: {subject}",
        text=text,
        html=None,
        message_id=draft.message_id,
        date=draft.created_at,
        kind="draft",
        in_reply_to=latest.message_id,
        references=references[-20:],
        extra_headers={DRAFT_HEADER: draft.marker},
    )


MAX_QUOTED = 20_000  # characters of the client's text quoted in a draft; the submission keeps more


def _quoted(text: str) -> list[str]:
    """The lines of the client's text the draft quotes: at most MAX_QUOTED characters, then a note."""
    if len(text) <= MAX_QUOTED:
        return text.splitlines()
    return [*text[:MAX_QUOTED].splitlines(), "[...] (the rest is in mailbot: mailbot submission show)"]


def _reply_address(client: Client, wrote_from: str) -> str:
    """The address the client wrote from when it is one of theirs, else their first address."""
    own = [e.address for e in client.emails]
    return wrote_from if wrote_from in own else client.primary_email
