"""The intake decision: what becomes of one message in the inbox. Pure, one outcome per message.

The intake pass (mailbot.intake) reads the facts of a message (its header, the database's view of
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
  6. otherwise it is filed to an assignment or goes to triage, as core.matching decided.

Every outcome carries a short ``reason`` made of ids and rule names, never client words: the
pass records it in the audit log. New rules add an ``Action`` or a reason here, and the pass
one way to apply it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from mailbot.core.matching import Match


class Action(StrEnum):
    """What the pass does with a message."""

    LEAVE = "leave"  # stays in the inbox exactly as it is: unread, unmoved, not filed
    BOUNCE = "bounce"  # left alone; the client addresses it reports as failed get no more mail
    REMINDERS = "reminders"  # a client's "pause" or "resume": sets their reminders, nothing filed
    SEEN_BEFORE = "seen_before"  # filed before: a second delivery, or the same one moved
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


@dataclass(frozen=True)
class Outcome:
    """The decision about one message, and why (ids and rule names only)."""

    action: Action
    reason: str
    client_id: int | None = None
    assignment_id: int | None = None
    matched_by: str | None = None
    command: str | None = None

    @property
    def files(self) -> bool:
        """Whether the message becomes a submission (and moves out of the inbox)."""
        return self.action in (Action.FILE, Action.TRIAGE)


def decide(message: Incoming) -> Outcome:
    """The one outcome for ``message``; see the module docstring for the rules."""
    for rule in RULES:
        outcome = rule(message)
        if outcome is not None:
            return outcome
    raise AssertionError("unreachable: the last rule always decides")


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
    if not message.autoreply:
        return None
    return Outcome(Action.LEAVE, "reads like an automatic reply", message.match.client_id)


def _as_matched(message: Incoming) -> Outcome:
    match = message.match
    if match.status == "filed":
        return Outcome(
            Action.FILE,
            f"matched_by={match.matched_by}",
            match.client_id,
            match.assignment_id,
            match.matched_by,
        )
    return Outcome(Action.TRIAGE, match.reason, match.client_id, match.assignment_id)


Rule = Callable[[Incoming], Outcome | None]
RULES: Sequence[Rule] = (
    _machine_mail,
    _our_own,
    _reminder_command,
    _filed_before,
    _not_for_us,
    _autoreply,
    _as_matched,
)
