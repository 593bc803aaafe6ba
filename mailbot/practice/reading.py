"""Reading one message: parse it, decide what it is for, read the answers in it.

This is pure work on the message's bytes and on facts the intake pass already read from the
database (``Facts``), so it can run in worker processes beside the pass. A backlog is CPU-bound
on exactly this (the email parser and the homework parsers take most of a pass), and without
workers the machine's other cores would idle while one parses. The pass keeps everything that
touches the database, the disk and the mail server, in message order, so the workers change
how fast mail is read, never what becomes of it.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import re
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, NamedTuple

from mailbot.core.commands import is_pause_command
from mailbot.core.homework.registry import get_type
from mailbot.core.intake import SPOOF
from mailbot.core.mail_kind import Verdict, mail_kind
from mailbot.core.matching import Candidate, Evidence, Match, match_message
from mailbot.core.risk import RiskMatch, find_risk_in_reply, risk_rules
from mailbot.core.sections import NAMED_DAY, dated_entries
from mailbot.mail.identity import dedupe_key
from mailbot.mail.parse import ParsedMessage, parse_message

log = logging.getLogger(__name__)

PARALLEL_FROM = 8  # fewer messages than this are read in the pass itself: starting workers costs more
TASKS_PER_WORKER = 2  # tasks a group of messages is cut into, per worker (Reader.start)
WARM_FROM = 500  # new messages from which a pass starts its workers before it knows it needs them
COMMAND_SUBJECT = re.compile(r"^\s*(?:re:\s*)?(stop|pause|resume)(?:\s+reminders)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Facts:
    """What the database says about one message, all of it known from its header."""

    sender_client: int | None  # the client whose address sent it
    ours: bool  # mailbot wrote it (its digest, a reminder, a draft)
    threads: Mapping[str, int]  # message ids it answers that mailbot sent, to their assignment
    candidates: Sequence[Candidate]
    forms: Mapping[int, tuple[str, Mapping[str, Any]]]  # candidate id -> (homework type, details)
    spoofed: bool = False  # its From is not to be believed ([intake] require_auth, core.auth)


@dataclass(frozen=True)
class Watch:
    """What to look for in a client's own words: the [risk] phrases, and the therapist's
    emergency note (quoted back, it is hers). Plain strings, so it travels to a worker cheaply;
    each process compiles the rules once (core.risk.risk_rules remembers them)."""

    phrases_add: tuple[str, ...]
    phrases_remove: tuple[str, ...]
    emergency_note: str


@dataclass(frozen=True)
class Reading:
    """What a message is: parsed, matched (with the DMARC verdict applied), its answers."""

    parsed: ParsedMessage
    match: Match
    fields: list[dict[str, Any]]
    defects: list[str]  # the parser's, then the answers'
    command: str | None = None  # a client's "pause" or "resume" (reminder_command)
    words: Verdict = Verdict("unsure", "not read", False)  # what the client's words are
    parts: tuple[AnswerPart, ...] = ()  # an answer to several items, read item by item
    risk: tuple[RiskMatch, ...] = ()  # worrying sentences in a client's own new words


@dataclass(frozen=True)
class AnswerPart:
    """The part of a reply that answers one item (core.combined_reply), read by that item's form."""

    assignment_id: int
    text: str
    fields: list[dict[str, Any]]


def read(raw: bytes, facts: Facts, watch: Watch | None = None) -> Reading:
    return interpret(parse_message(raw), facts, None, watch)


def interpret(
    parsed: ParsedMessage, facts: Facts, attachments: int | None = None, watch: Watch | None = None
) -> Reading:
    """Match a parsed message and read its answers, and look for worrying words (``watch``;
    none without one). Machine mail, mailbot's own mail and a client's "pause"/"resume" are not
    matched: they are never homework. ``attachments`` counts the files of a message read in
    pieces, whose ``parsed`` holds none."""
    defects = list(parsed.defects)
    risk = worrying(parsed, facts, watch)
    command = reminder_command(parsed.subject, parsed.new_text) if facts.sender_client is not None else None
    if parsed.automated or facts.ours or command:
        return Reading(parsed, Match("ignore", reason="not homework"), [], defects, command, risk=risk)
    match = match_of(parsed, facts)
    fields: list[dict[str, Any]] = []
    parts = tuple(
        AnswerPart(p.assignment_id, p.text, _entries(facts, p.assignment_id, p.text, parsed.subject, defects))
        for p in match.parts
    )
    if parts:
        fields = parts[0].fields
    elif match.status == "filed" and match.assignment_id is not None:
        text = parsed.new_text or parsed.text
        fields = _entries(facts, match.assignment_id, text, parsed.subject, defects)
    files = len(parsed.attachments) if attachments is None else attachments
    read_all = [entry for part in parts for entry in part.fields] if parts else fields
    words = mail_kind(parsed.subject, parsed.new_text, files, answered(read_all))
    return Reading(parsed, match, fields, defects, words=words, parts=parts, risk=risk)


def _entries(
    facts: Facts, assignment_id: int, text: str, subject: str, defects: list[str]
) -> list[dict[str, Any]]:
    """The answers ``text`` gives to the assignment's form, one entry per day it names."""
    form = facts.forms.get(assignment_id)
    if form is None:
        return []
    kind, details = form
    return dated_entries(text, subject, lambda part: answers(kind, details, part, defects))


def worrying(parsed: ParsedMessage, facts: Facts, watch: Watch | None) -> tuple[RiskMatch, ...]:
    """The worrying sentences in a client's own new words (never the quoted mail, nor mail
    mailbot wrote)."""
    if watch is None or facts.sender_client is None or facts.ours:
        return ()
    rules = risk_rules(watch.phrases_add, watch.phrases_remove)
    return tuple(find_risk_in_reply(parsed.new_text, rules, (watch.emergency_note,)))


def answered(fields: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the homework parser found labelled answers, not merely the words as one text."""
    free = {"text", "reflection", "raw", NAMED_DAY}
    return any(
        sum(1 for k, v in entry.items() if k not in free and v not in (None, "", [], {})) >= 2
        for entry in fields
    )


def match_of(parsed: ParsedMessage, facts: Facts) -> Match:
    """Which assignment the message is for (core.matching), a DMARC failure sent to triage."""
    evidence = Evidence(
        from_address=parsed.from_address,
        recipients=parsed.recipients,
        subject=parsed.subject,
        new_text=parsed.new_text,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
    )
    sender = {(parsed.from_address or "").lower(): facts.sender_client} if facts.sender_client else {}
    labels = {aid: form_labels(kind, details) for aid, (kind, details) in facts.forms.items()}
    match = match_message(evidence, sender, facts.candidates, facts.threads, labels)
    if match.status == "filed" and facts.spoofed:
        return Match("triage", match.client_id, None, None, SPOOF)
    return match


def form_labels(kind: str, details: Mapping[str, Any]) -> list[str]:
    """The labels a client writes when filling in this homework's form, aliases too."""
    try:
        return [name for f in get_type(kind).fields(details) for name in (f.label, *f.aliases)]
    except ValueError:
        return []


def answers(kind: str, details: Mapping[str, Any], text: str, defects: list[str]) -> list[dict[str, Any]]:
    """The client's answers parsed by the homework type ``kind``, one object per entry.

    A parser failure loses nothing (the whole text is kept) and is noted in ``defects``.
    """
    try:
        return get_type(kind).parse(text, details)
    except Exception as exc:  # a parser bug must not stop filing; the text is kept whole
        log.warning("answers: the %s parser failed (%s)", kind, type(exc).__name__)
        defects.append(f"answers could not be parsed ({type(exc).__name__})")
        return []


def reminder_command(subject: str, new_text: str) -> str | None:
    """A client's reply that pauses or resumes reminders: by its words, or by the subject the
    List-Unsubscribe link sets ("stop reminders") with no words of its own."""
    command = is_pause_command(new_text)
    if command is None and not new_text.strip():
        match = COMMAND_SUBJECT.match(subject)
        if match:
            command = "resume" if match.group(1).lower() == "resume" else "pause"
    return command


class Reader:
    """Reads messages, in up to ``workers`` processes when there are enough to be worth it.

    ``start`` hands messages out and returns, in order, one callable per message that gives
    its Reading and dedupe key (waiting for them if need be): the pass files message 1 while
    later ones are still being parsed. Messages travel in a few tasks per worker
    (``TASKS_PER_WORKER``), not one each: a task's messages are pickled together, their Facts
    sharing what they share, and the pool's threads pass a few large parcels instead of
    hundreds of small ones. A worker that dies (killed, out of memory) costs nothing but time:
    its messages are read again in the pass itself, as is a message whose reading failed in a
    worker (where its failure is then its own).
    """

    def __init__(self, workers: int, watch: Watch | None = None):
        self.workers = workers
        self.watch = watch
        self.broken = False
        self._pool: ProcessPoolExecutor | None = None

    def start(self, items: Sequence[tuple[bytes, Facts]]) -> list[_Pending]:
        if self.workers < 1 or len(items) < PARALLEL_FROM or self.broken:
            return [_Pending(raw, facts, None, 0, self) for raw, facts in items]
        pool = self._ensure_pool()
        size = -(-len(items) // (self.workers * TASKS_PER_WORKER))
        pending: list[_Pending] = []
        try:
            for begin in range(0, len(items), size):
                task = items[begin : begin + size]
                future = pool.submit(read_all, task, self.watch)
                pending.extend(_Pending(raw, facts, future, n, self) for n, (raw, facts) in enumerate(task))
        except BrokenProcessPool:
            self.lost()
            pending.extend(_Pending(raw, facts, None, 0, self) for raw, facts in items[len(pending) :])
        return pending

    def warm(self) -> None:
        """Start the workers now, for a pass that will surely need them: each imports the
        reading code and compiles the risk rules while the pass is still reading headers,
        instead of after it hands them the first messages."""
        if self.workers < 1 or self.broken:
            return
        pool = self._ensure_pool()
        try:
            for _ in range(self.workers):
                pool.submit(_warm, self.watch)
        except BrokenProcessPool:
            self.lost()

    def lost(self) -> None:
        """A reading process died: say so once, and read the rest of this pass in the pass."""
        if not self.broken:
            log.warning("intake: a reading process ended unexpectedly; reading in the pass instead")
            self.broken = True

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": the daemon has threads (scheduler, IDLE watcher), which fork must not copy
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=end_with_parent)
        return self._pool


def end_with_parent() -> None:
    """A worker's initializer: end the worker when the pass's process ends, even by SIGKILL (a
    pool's workers otherwise wait for their next task for ever, each holding its memory)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent.sentinel,), daemon=True).start()


def _exit_after(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _warm(watch: Watch | None) -> None:
    """A worker's first task: what every later one needs, made ready (the reading code is
    imported by unpickling this very function)."""
    if watch is not None:  # the rules compile their patterns, read their starts, build the gate on first use
        _ = risk_rules(watch.phrases_add, watch.phrases_remove).starts.gate


class Read(NamedTuple):
    """A message's reading and its dedupe key (mailbot.mail.identity)."""

    reading: Reading
    key: str


def read_keyed(raw: bytes, facts: Facts, watch: Watch | None = None) -> Read:
    reading = read(raw, facts, watch)
    return Read(reading, dedupe_key(reading.parsed, raw))


def read_all(items: Sequence[tuple[bytes, Facts]], watch: Watch | None) -> list[Read | None]:
    """A worker's task: each message read, or None where reading failed (the pass reads that
    one again itself, so that its failure is recorded as the message's own)."""
    out: list[Read | None] = []
    for raw, facts in items:
        try:
            out.append(read_keyed(raw, facts, watch))
        except Exception:
            out.append(None)
    return out


@dataclass
class _Pending:
    raw: bytes
    facts: Facts
    future: Future[list[Read | None]] | None
    index: int  # the message's place in its task
    reader: Reader

    def __call__(self) -> Read:
        done = self._from_worker()
        return done if done is not None else read_keyed(self.raw, self.facts, self.reader.watch)

    def _from_worker(self) -> Read | None:
        if self.future is None:
            return None
        try:
            return self.future.result()[self.index]
        except BrokenProcessPool:
            self.reader.lost()
        except Exception as exc:  # the task's result did not arrive (one that would not pickle)
            log.debug("intake: a reading task failed (%s); reading its messages in the pass", exc)
        return None
