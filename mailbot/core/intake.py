"""The intake decision: what becomes of one message in the inbox. Pure, one outcome per message.

The intake pass (mailbot.passes.intake) reads the facts of a message (its header, the database's view of
its sender, threads and tokens, the reading of its words), asks ``decide`` what to do, and applies
the answer. The rules, first that applies wins:

  1. machine mail (bounce, auto-reply, receipt, calendar, list) is left alone; a bounce is read
     for the client addresses it reports as failed;
  2. mailbot's own mail (its digest, a reminder, a draft) is left alone;
  3. a client's "pause" or "resume" sets their reminders, unless its From is not to be believed
     (core.auth): then it is left alone, the reminders as they were;
  4. a message filed before (same dedupe key) is not filed again;
  5. mail that is not for mailbot (no client, no thread, no token) is left alone, unread;
     so is mail that reads like an autoresponder's though no header says so (core.autoreply):
     it is never filed as an answer;
  6. mail placed by its sender or content alone (no thread, no token) that was in the inbox before
     mailbot first looked at it is left alone: the first pass on years of mail files none of it;
     so is mail read again after a UIDVALIDITY change that arrived before the assignment it
     would be filed under was created;
  7. what the client's own words are (core.mail_kind) decides the rest:
     - correspondence (a session moved, an invoice, thanks) stays in the inbox, unread, and is
       listed in the digest; so does mail placed by sender alone that is too short to tell, or a
       question that does not name the homework: in doubt, the inbox;
     - a note (a question, "I couldn't do it", "I'll send it tomorrow") is filed as kind "note",
       which fulfils no occurrence;
     - an answer is filed (or goes to triage) as core.matching decided, once per item when it
       answers several (``parts``); so is mail too short to tell that holds worrying words, as a
       note: it gets a personal draft, not the inbox's doubt.
A message with worrying words (core.risk) carries the flag "risk" whatever it becomes, except
mail left alone by rules 1-6: the pass alerts the therapist about it.

Every outcome carries a short ``reason`` made of ids and rule names, never client words: the
pass records it in the audit log. New rules add an ``Action`` or a reason here, and the pass
one way to apply it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from mailbot.core.mail_kind import STATEMENT, Verdict
from mailbot.core.matching import BY_SENDER, NO_OPEN, Candidate, Match
from mailbot.core.risk import RiskMatch

SPOOF = "possible spoof: the sender's domain failed DMARC"  # mailbot.practice.reading sends these to triage


class Action(StrEnum):
    """What the pass does with a message."""

    LEAVE = "leave"  # stays in the inbox exactly as it is: unread, unmoved, not filed
    BOUNCE = "bounce"  # left alone; the client addresses it reports as failed get no more mail
    REMINDERS = "reminders"  # a client's "pause" or "resume": sets their reminders, nothing filed
    SEEN_BEFORE = "seen_before"  # filed before: a second delivery, or the same one moved
    CORRESPONDENCE = "correspondence"  # a client's other mail: stays in the inbox, listed in the digest
    FILE = "file"  # a submission filed to an assignment, moved to the client's folder
    TRIAGE = "triage"  # a submission for the therapist to place, moved to the triage folder


@dataclass(frozen=True)
class Incoming:
    """What is known about one message when its fate is decided."""

    automated: str | None  # why it is machine mail (core.classify), or None
    ours: bool  # mailbot wrote it
    sender_client: int | None  # the client whose address sent it
    command: str | None  # the client's "pause" or "resume" (core.commands)
    already_filed: bool  # a submission with its dedupe key exists
    match: Match  # core.matching's answer: filed, triage or ignore
    received_at: datetime  # when the server received it (INTERNALDATE)
    spoofed: bool = False  # its From is not to be believed ([intake] require_auth, core.auth)
    autoreply: bool = False  # its words are an autoresponder's (core.autoreply)
    candidates: Sequence[Candidate] = ()  # the assignments it might be for, with when each was made
    before_mailbot: bool = False  # in the inbox before mailbot first looked at it
    rescanned: bool = False  # read again after a UIDVALIDITY change: judged by its arrival time
    words: Verdict = Verdict("answer", "not read", True)  # what the client's own words are
    risk: Sequence[RiskMatch] = ()  # worrying sentences in the client's own words


@dataclass(frozen=True)
class Outcome:
    """The decision about one message, and why (ids and rule names only)."""

    action: Action
    reason: str
    client_id: int | None = None
    assignment_id: int | None = None
    matched_by: str | None = None
    command: str | None = None
    kind: str = "answer"  # of a submission: "answer" or "note"
    flags: tuple[str, ...] = ()  # "risk": alert the therapist
    parts: tuple[int, ...] = ()  # an answer to several items: one submission per assignment

    @property
    def files(self) -> bool:
        """Whether the message becomes a submission (and moves out of the inbox)."""
        return self.action in (Action.FILE, Action.TRIAGE)

    @property
    def alerts(self) -> bool:
        return "risk" in self.flags


def decide(message: Incoming) -> Outcome:
    """The one outcome for ``message``; see the module docstring for the rules."""
    for rule in RULES:
        outcome = rule(message)
        if outcome is not None:
            break
    else:
        raise AssertionError("unreachable: the last rule always decides")
    if message.risk and outcome.action in (Action.FILE, Action.TRIAGE, Action.CORRESPONDENCE):
        return replace(outcome, flags=(*outcome.flags, "risk"))
    return outcome


def _machine_mail(message: Incoming) -> Outcome | None:
    if message.automated is None:
        return None
    action = Action.BOUNCE if message.automated == "bounce" else Action.LEAVE
    return Outcome(action, f"automated={message.automated}")


def _our_own(message: Incoming) -> Outcome | None:
    return Outcome(Action.LEAVE, "mailbot's own message") if message.ours else None


def _reminder_command(message: Incoming) -> Outcome | None:
    if message.sender_client is None or message.command is None:
        return None
    if message.spoofed:  # anyone can write "stop" in a client's name; only the client may stop
        return Outcome(Action.LEAVE, f"possible spoof: {message.command} not obeyed", message.sender_client)
    return Outcome(
        Action.REMINDERS, f"reminders_{message.command}", message.sender_client, command=message.command
    )


def _filed_before(message: Incoming) -> Outcome | None:
    return Outcome(Action.SEEN_BEFORE, "same message filed before") if message.already_filed else None


def _not_for_us(message: Incoming) -> Outcome | None:
    if message.match.status != "ignore":
        return None
    return Outcome(Action.LEAVE, message.match.reason or "not for mailbot")


def _autoreply(message: Incoming) -> Outcome | None:
    """An autoresponder's words: in the thread (or with the token) of an assignment it is filed as a
    note, never as an answer; placed by sender alone, or nowhere, it stays in the inbox."""
    if not message.autoreply:
        return None
    match = message.match
    if match.status == "ignore" or _by_sender_alone(match) or match.client_id is None:
        return Outcome(Action.LEAVE, "reads like an automatic reply", match.client_id)
    placed = _as_matched(replace(message, risk=(), match=replace(match, parts=())))
    return replace(placed, kind="note", reason=f"{placed.reason}, note: reads like an automatic reply")


def _by_sender_alone(match: Match) -> bool:
    """Placed by who sent it (or by naming the homework), not by a thread or token of mailbot's."""
    return match.matched_by in ("sender", "content") or (
        match.status == "triage" and match.reason.startswith(BY_SENDER)
    )


def _older_than_its_assignment(message: Incoming) -> Outcome | None:
    match = message.match
    if not _by_sender_alone(match):
        return None
    if message.before_mailbot:
        return Outcome(Action.LEAVE, "in the inbox before mailbot", match.client_id)
    # Otherwise each mail is read once, as it arrives, against the assignments of that moment;
    # arrival times are compared only for mail read again, since a clock set by --now (a
    # back-fill, a test) may stand anywhere relative to the server's INTERNALDATE.
    since = _since(match, message.candidates)
    if message.rescanned and (since is None or message.received_at < since):
        return Outcome(Action.LEAVE, "older than its assignment", match.client_id)
    return None


def _since(match: Match, candidates: Sequence[Candidate]) -> datetime | None:
    """When the assignment the mail would be filed under was made; for triage, the first open one
    (the last one made, when none is open); None when the client has none."""
    own = [c for c in candidates if c.client_id == match.client_id]
    if match.assignment_id is not None:
        own = [c for c in own if c.id == match.assignment_id]
    elif match.reason != NO_OPEN:
        own = [c for c in own if c.open]
    times = [c.created_at for c in own if c.created_at is not None]
    if not times:
        return None
    return max(times) if match.reason == NO_OPEN else min(times)


def _correspondence(message: Incoming) -> Outcome | None:
    match, words = message.match, message.words
    if match.reason == SPOOF:
        return None  # a possible spoof goes to triage whatever it says
    sender_alone = _by_sender_alone(match)
    if words.kind == "correspondence":
        reason = f"correspondence: {words.reason}"
    elif sender_alone and words.kind == "unsure" and not message.risk:
        reason = f"by sender alone, {words.reason}"
    elif sender_alone and words.kind == "note" and not words.about_homework:
        reason = "by sender alone, a note that does not name the homework"
    else:
        return None
    return Outcome(Action.CORRESPONDENCE, reason, match.client_id, match.assignment_id)


def _as_matched(message: Incoming) -> Outcome:
    match = message.match
    # Worrying words alone are no homework, but they are filed (as a note) rather than left in
    # doubt: the therapist gets a personal draft, and the alert and digest name the submission.
    # (Nor is a bare statement: "I don't see the point of anything anymore" is no journal entry.)
    worrying = bool(message.risk) and (message.words.kind == "unsure" or message.words.reason == STATEMENT)
    kind = "note" if message.words.kind == "note" or worrying else "answer"
    why = "worrying words" if worrying else message.words.reason
    note = f", note: {why}" if kind == "note" else ""
    if match.status == "filed":
        # A note answers nothing, so it is never split: it is filed once, to the first item named.
        parts = tuple(p.assignment_id for p in match.parts) if kind == "answer" else ()
        return Outcome(
            Action.FILE,
            f"matched_by={match.matched_by}{note}" + (f", answers {len(parts)} items" if parts else ""),
            match.client_id,
            match.assignment_id,
            match.matched_by,
            kind=kind,
            parts=parts,
        )
    return Outcome(Action.TRIAGE, match.reason, match.client_id, match.assignment_id, kind=kind)


Rule = Callable[[Incoming], Outcome | None]
RULES: Sequence[Rule] = (
    _machine_mail,
    _our_own,
    _reminder_command,
    _filed_before,
    _not_for_us,
    _autoreply,
    _older_than_its_assignment,
    _correspondence,
    _as_matched,
)
