"""Carrying out the therapist's commands by mail, each through the same function the command line
calls (triage.settle, promise.settle_by_hand, changes.*, records.add_client, assigning.*).

``carry_out`` runs one read Command in the caller's transaction and says, in one sentence, what
was done or why not. Clients are named as the therapist names them: "Anna", "Anna Smith", an
id or an address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from mailbot.config import Config
from mailbot.core.mail_commands import Command, Unreadable
from mailbot.core.schedule import to_utc
from mailbot.core.when import parse_day, split_day_and_clock
from mailbot.db import command_queries
from mailbot.db.models import Client
from mailbot.db.records import add_client
from mailbot.errors import MailbotError, UsageError
from mailbot.practice.briefing import gather, render_brief
from mailbot.practice.changes import advance_ladder, set_reminders, set_stage
from mailbot.practice.feedback import settle_by_hand
from mailbot.practice.lifecycle import close_assignment, renew_assignment, set_next_session
from mailbot.practice.triage import settle

HELP = (
    "Commands, one per line: triage 12 to 3 · done 13 · skip 14 not needed · pause Anna · "
    "resume Anna · stage 2 Anna mood log · advance Ben ladder · close 7 · "
    "renew 7 until 21 December · next session Anna Thursday 15:00 · brief Anna · "
    "add client Anna Smith anna@example.org"
)
NOT_YET: dict[str, str] = {}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


@dataclass
class Outcome:
    """What one command did: ``ok``, a sentence for the answer, and work left for the shell."""

    ok: bool
    text: str
    refile: list[int] = field(default_factory=list)  # settled submissions to move on the server
    added_client: int | None = None  # a client added: homework waiting for them can now be set


def carry_out(session: Session, config: Config, now: datetime, command: Command | Unreadable) -> Outcome:
    """Carry out one command inside the caller's transaction (roll back a savepoint on failure)."""
    if isinstance(command, Unreadable):
        return Outcome(False, f"not a command mailbot knows (write help for the list): {command.line[:80]}")
    action = ACTIONS.get(command.verb)
    if action is None:
        return Outcome(False, NOT_YET.get(command.verb, "not available yet"))
    try:
        with session.begin_nested():
            return action(session, config, now, command)
    except MailbotError as exc:
        return Outcome(False, str(exc))


def _triage(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    submission_id, assignment_id = command.numbers
    submission = settle(session, config, now, str(submission_id), str(assignment_id))
    return Outcome(
        True, f"submission {submission.id} filed to assignment {submission.assignment_id}", [submission.id]
    )


def _done(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    feedback = settle_by_hand(session, now, str(command.numbers[0]), None)
    return Outcome(True, f"feedback on submission {feedback.submission_id} marked given")


def _skip(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    feedback = settle_by_hand(session, now, str(command.numbers[0]), command.rest or "skipped")
    return Outcome(True, f"feedback on submission {feedback.submission_id} skipped")


def _pause(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    client, _rest = find_client_named(session, command.words)
    set_reminders(session, now, client, "pause")
    return Outcome(True, f"reminders for {client.name} (client {client.id}) paused until you resume them")


def _resume(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    client, _rest = find_client_named(session, command.words)
    set_reminders(session, now, client, "resume")
    return Outcome(True, f"reminders for {client.name} (client {client.id}) are on again")


def _stage(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    stage = command.numbers[0]
    ref = (
        str(command.numbers[1]) if len(command.numbers) > 1 else _assignment_of(session, command, "mood-log")
    )
    assignment = set_stage(session, now, ref, stage)
    return Outcome(True, f"assignment {assignment.id} ({assignment.title}) is at stage {stage}")


def _advance(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    assignment = advance_ladder(session, now, _assignment_of(session, command, "exposure"))
    steps = assignment.details["steps"]
    current = assignment.details["current"]
    return Outcome(
        True,
        f"assignment {assignment.id} ({assignment.title}): step {current + 1} of {len(steps)}, "
        f"{steps[current]['step']}",
    )


def _add_client(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    if not command.rest or not command.words:
        raise UsageError("write the name and the address, e.g.: add client Anna Smith anna@example.org")
    client = add_client(session, now, command.words, [command.rest], config.therapist.timezone)
    return Outcome(True, f"{client.name} added as client {client.id}", added_client=client.id)


def _close(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    assignment = close_assignment(session, now, str(command.numbers[0]))
    return Outcome(True, f"assignment {assignment.id} ({assignment.title}) closed")


def _renew(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    until, count = renewal(command.rest, now.astimezone(config.therapist.tz).date())
    added = renew_assignment(session, now, str(command.numbers[0]), until=until, count=count)
    last = max(o.due_at for o in added).astimezone(config.therapist.tz) if added else None
    tail = f", the last {last:%a %d %b %H:%M}" if last else ""
    return Outcome(True, f"assignment {command.numbers[0]} renewed: {len(added)} more due{tail}")


def _next_session(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    client, rest = find_client_named(session, command.words)
    tz = config.therapist.tz
    day, clock, unread = split_day_and_clock(rest, now.astimezone(tz).date())
    if unread or day is None or clock is None:
        raise UsageError(
            f"write the day and time, e.g.: next session {client.name.split()[0]} Thursday 15:00"
        )
    when = to_utc(datetime.combine(day, clock), tz)
    set_next_session(session, now, client, when)
    return Outcome(True, f"next session with {client.name}: {when.astimezone(tz):%a %d %b %H:%M}")


def _brief(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    """The client's session brief, as its plain text, in the answer: sent once with it."""
    client, _rest = find_client_named(session, command.words)
    text, _html = render_brief(config, gather(session, config, now, client), {})
    return Outcome(True, f"the session brief for {client.name} (client {client.id}) follows\n\n{text}")


def renewal(text: str, today: date) -> tuple[date | None, int | None]:
    """How far to renew: "until 21 December", "for 2 weeks", "5 times" or "5 more"."""
    words = " ".join(text.lower().split())
    if match := re.fullmatch(r"(\d{1,3})\s*(?:times|more|x)?", words):
        return None, int(match.group(1))
    if match := re.fullmatch(r"for\s+(a|an|one|two|three|four|\d{1,3})\s+(days?|weeks?)", words):
        amount = _SMALL.get(match.group(1)) or int(match.group(1))
        return today + timedelta(days=amount * (7 if match.group(2).startswith("week") else 1)), None
    day = parse_day(re.sub(r"^(?:until|till|to|through)\s+", "", words), today)
    if day is None:
        raise UsageError(
            "write how far, e.g.: renew 7 until 21 December, renew 7 for 2 weeks, or renew 7 5 times"
        )
    return day, None


def _help(session: Session, config: Config, now: datetime, command: Command) -> Outcome:
    return Outcome(True, HELP)


ACTIONS: dict[str, Callable[[Session, Config, datetime, Command], Outcome]] = {
    "triage": _triage,
    "done": _done,
    "skip": _skip,
    "pause": _pause,
    "resume": _resume,
    "stage": _stage,
    "advance": _advance,
    "close": _close,
    "renew": _renew,
    "next-session": _next_session,
    "brief": _brief,
    "add-client": _add_client,
    "help": _help,
}


def find_client_named(session: Session, words: str) -> tuple[Client, str]:
    """The client ``words`` start with (an id, an address, a full or first name), and the words
    after the name."""
    parts = words.split()
    if not parts:
        raise UsageError("name the client, e.g.: pause Anna")
    first = parts[0]
    rest = " ".join(parts[1:])
    if first.isdigit() or "@" in first:
        if first.isdigit():
            found = command_queries.client_by_id(session, int(first))
        else:
            found = command_queries.client_by_address(session, first.lower())
        if found is None:
            raise UsageError(f"there is no client {first}")
        return found, rest
    clients = command_queries.all_clients(session)
    for cut in range(len(parts), 0, -1):
        name = " ".join(parts[:cut]).casefold()
        matches = [c for c in clients if c.name.casefold() == name]
        if not matches and cut == 1:
            matches = [c for c in clients if c.name.split()[0].casefold() == name]
        if len(matches) == 1:
            return matches[0], " ".join(parts[cut:])
        if len(matches) > 1:
            which = ", ".join(f"{c.id} ({c.name})" for c in matches)
            raise UsageError(f'"{parts[0]}" could be client {which}; write the client\'s id instead')
    raise UsageError(f'there is no client called "{parts[0]}"')


def _assignment_of(session: Session, command: Command, type_: str) -> str:
    """The one open assignment of ``type_`` the command's words name: by id, else the client's,
    narrowed by words of its title when she has several."""
    words = command.words.split()
    if words and words[0].lstrip("#").isdigit() and len(words) == 1:
        return words[0].lstrip("#")
    client, rest = find_client_named(session, command.words)
    open_ = command_queries.open_assignments_of_type(session, client.id, type_)
    hint = [w for w in rest.casefold().split() if w not in _TYPE_WORDS]
    narrowed = [a for a in open_ if all(w in a.title.casefold() for w in hint)] or open_
    label = "mood log" if type_ == "mood-log" else "exposure ladder"
    if not narrowed:
        raise UsageError(f"{client.name} has no open {label}")
    if len(narrowed) > 1:
        which = ", ".join(f"{a.id} ({a.title})" for a in narrowed)
        raise UsageError(f"{client.name} has several open: {which}; write the assignment's id instead")
    return str(narrowed[0].id)


_TYPE_WORDS = {"mood", "log", "mood-log", "ladder", "exposure", "the", "her", "his", "their"}
