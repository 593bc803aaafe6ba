"""Which assignment a client's email is for: a pure decision over the message and what is open.

The rules, strongest evidence first (``matched_by``):
  1. "thread":  In-Reply-To or References name a message mailbot sent for the assignment;
  2. "token":   the assignment's token (HW-7F3K) in the subject or in a plus address;
  3. "sender":  a known client with exactly one open assignment;
Closed assignments never compete: a thread or token naming several counts only the open ones,
and the sender and content rules see only open ones (a token naming one closed assignment
alone goes to triage: tokens can be copied, so the therapist weighs it).
  4. "content": several open, and the subject or the new text names exactly one of them;
  otherwise the message goes to triage for the therapist to decide.
Mail that is not from a client and carries no thread or token of ours is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from mailbot.core.tokens import find_tokens

# How clients name a homework type in their own words.
TYPE_WORDS: Mapping[str, tuple[str, ...]] = {
    "bibliotherapy": ("bibliotherapy", "reading", "chapter", "book"),
    "mood-log": ("mood log", "mood-log", "moodlog", "thought record", "thought log"),
    "cognitive-exercise": ("cognitive exercise", "cognitive-exercise"),
    "journal": ("journal", "diary"),
    "exposure": ("exposure", "ladder", "suds"),
    "experiment": ("behavioural experiment", "behavioral experiment", "experiment"),
}


# Why mail from a client, with no thread or token of ours, goes to triage: the sender alone.
NO_OPEN = "client has no open assignment"
NONE_NAMED = "several open assignments and none named"
BY_SENDER = (NO_OPEN, NONE_NAMED)


@dataclass(frozen=True)
class Candidate:
    """An assignment a message might be for."""

    id: int
    client_id: int
    token: str
    title: str
    type: str
    open: bool
    created_at: datetime | None = None  # mail by sender or content must be newer (core.intake)


@dataclass(frozen=True)
class Evidence:
    """What the matcher reads of a message."""

    from_address: str | None
    recipients: Sequence[str]
    subject: str
    new_text: str
    in_reply_to: Sequence[str]
    references: Sequence[str]


@dataclass(frozen=True)
class Match:
    """The decision: ``status`` is "filed", "triage" or "ignore"."""

    status: str
    client_id: int | None = None
    assignment_id: int | None = None
    matched_by: str | None = None
    reason: str = ""


CLOSED_TOKEN = "token of a closed assignment"


def match_message(
    evidence: Evidence,
    client_by_address: Mapping[str, int],
    candidates: Sequence[Candidate],
    sent_for: Mapping[str, int],
    labels: Mapping[int, Sequence[str]] | None = None,
) -> Match:
    """Decide where a message belongs.

    ``client_by_address`` maps lower-cased addresses to client ids, ``candidates`` are the
    assignments of the sender (and any named by token or thread), ``sent_for`` maps the
    Message-IDs of mail mailbot sent to the assignment each was about, ``labels`` the labels of
    each candidate's form (with their aliases): among several, the answer fills in one form.
    """
    sender = (evidence.from_address or "").lower()
    client_id = client_by_address.get(sender)
    by_id = {c.id: c for c in candidates}

    for rule, named in (
        ("thread", _by_thread(evidence, sent_for)),
        ("token", _by_token(evidence, candidates)),
    ):
        if not named:
            continue
        found = [by_id[i] for i in named if i in by_id]
        if client_id is None:
            return Match(
                "triage",
                None,
                found[0].id if len(found) == 1 else None,
                None,
                f"{rule} match from an address that is not the client's",
            )
        own = [c for c in found if c.client_id == client_id]
        if len(own) == 1 and rule == "token" and not own[0].open:
            # A token is in every mail mailbot sent about it, for anyone to copy: a closed
            # assignment's is for the therapist to weigh, never a filing on its own.
            return Match("triage", client_id, own[0].id, None, CLOSED_TOKEN)
        if len(own) == 1:
            return Match("filed", client_id, own[0].id, rule)
        if not own:
            return Match("triage", client_id, None, None, f"{rule} names another client's assignment")
        # A reminder listing several assignments: only open ones compete, and the words may
        # still name one of them.
        own = [c for c in own if c.open] or own
        if len(own) == 1:
            return Match("filed", client_id, own[0].id, rule)
        named_here = _named_in(evidence.subject, own) or _named_in(evidence.new_text, own)
        if len(named_here) == 1:
            return Match("filed", client_id, named_here[0].id, rule)
        filled = by_form(evidence.new_text, own, labels or {})
        if len(filled) == 1:
            return Match("filed", client_id, filled[0].id, "content")
        return Match("triage", client_id, None, None, f"{rule} names several assignments")

    if client_id is None:
        return Match("ignore", reason="sender is not a client")
    open_ones = [c for c in candidates if c.client_id == client_id and c.open]
    if len(open_ones) == 1:
        return Match("filed", client_id, open_ones[0].id, "sender")
    if not open_ones:
        return Match("triage", client_id, reason=NO_OPEN)
    mentioned = _named_in(evidence.subject, open_ones) or _named_in(evidence.new_text, open_ones)
    if len(mentioned) != 1:
        mentioned = by_form(evidence.new_text, open_ones, labels or {})
    if len(mentioned) == 1:
        return Match("filed", client_id, mentioned[0].id, "content")
    return Match("triage", client_id, reason=NONE_NAMED)


def by_form(
    text: str, candidates: Sequence[Candidate], labels: Mapping[int, Sequence[str]]
) -> list[Candidate]:
    """The candidates whose form the text fills in best: most of its labels written as "Label:"
    at the start of a line (a mood log's "Situation:" and "Emotion:" against a journal's
    "Situation:" alone). Several when they tie; none when no label is written at all."""
    written = {_fold(m.group(1)) for m in re.finditer(r"^[\s>*_-]*([^:\n]{1,40}):", text, re.MULTILINE)}
    scores = {c.id: len(written & {_fold(label) for label in labels.get(c.id, ())}) for c in candidates}
    best = max(scores.values(), default=0)
    return [c for c in candidates if best and scores[c.id] == best]


def _by_thread(evidence: Evidence, sent_for: Mapping[str, int]) -> list[int]:
    named: list[int] = []
    for message_id in [*evidence.in_reply_to, *evidence.references]:
        assignment_id = sent_for.get(message_id)
        if assignment_id is not None and assignment_id not in named:
            named.append(assignment_id)
    return named


def _by_token(evidence: Evidence, candidates: Sequence[Candidate]) -> list[int]:
    tokens = find_tokens(evidence.subject)
    for address in evidence.recipients:
        local = address.split("@", 1)[0]
        if "+" in local:
            tokens += find_tokens(local.split("+", 1)[1])
    by_token = {c.token.upper(): c.id for c in candidates}
    named: list[int] = []
    for token in tokens:
        if token in by_token and by_token[token] not in named:
            named.append(by_token[token])
    return named


def _named_in(text: str, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates whose title, or else whose homework type, ``text`` mentions."""
    folded = _fold(text)
    if not folded:
        return []
    by_title = [c for c in candidates if _fold(c.title) and _mentions(folded, _fold(c.title))]
    if by_title:
        return by_title
    return [c for c in candidates if any(_mentions(folded, word) for word in TYPE_WORDS.get(c.type, ()))]


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[\w%-]+", text.casefold()))


def _mentions(folded_text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", folded_text) is not None
