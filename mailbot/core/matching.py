"""Which assignment a client's email is for: a pure decision over the message and what is open.

The rules, strongest evidence first (``matched_by``):
  1. "thread":  In-Reply-To or References name a message mailbot sent for the assignment;
  2. "token":   the assignment's token (HW-7F3K) in the subject or in a plus address;
  3. "sender":  a known client with exactly one open assignment;
Closed assignments never compete: a thread or token naming several counts only the open ones,
and the sender and content rules see only open ones (a token naming one closed assignment
alone goes to triage: tokens can be copied, so the therapist weighs it).
  4. "content": several open, and the subject or the new text names exactly one of them, or
     the answer fills in the form of one of them; a reply that answers several of them under
     headings or in their forms (core.combined_reply) is filed once per item (``parts``);
  otherwise the message goes to triage for the therapist to decide.
Mail that is not from a client and carries no thread or token of ours is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from mailbot.core.combined_reply import Part, split_reply
from mailbot.core.naming import fold, fold_name, named_in
from mailbot.core.tokens import find_tokens

# Why mail from a client, with no thread or token of ours, goes to triage: the sender alone.
NO_OPEN = "client has no open assignment"
NONE_NAMED = "several open assignments and none named"
SEVERAL_OPEN = "several open assignments"  # and the reply answers more than one of them
BY_SENDER = (NO_OPEN, NONE_NAMED, SEVERAL_OPEN)


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
    parts: tuple[Part, ...] = ()  # a reply answering several items: one submission each


CLOSED_TOKEN = "token of a closed assignment"
UNPLACED = "and part of it fits several of their forms alike"


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
        if named:
            found = [by_id[i] for i in named if i in by_id]
            return _by_evidence(evidence, rule, found, client_id, labels or {})
    if client_id is None:
        return Match("ignore", reason="sender is not a client")
    return _by_sender(evidence, client_id, candidates, labels or {})


def _by_evidence(
    evidence: Evidence,
    rule: str,
    found: Sequence[Candidate],
    client_id: int | None,
    labels: Mapping[int, Sequence[str]],
) -> Match:
    """Where a message goes that a thread or token (``rule``) points at: ``found``."""
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
    several = _answers_several(evidence, client_id, own, labels, f"{rule} names several assignments")
    if several is not None:
        return several
    named_here = named_in(evidence.subject, own) or named_in(evidence.new_text, own)
    if len(named_here) == 1:
        return Match("filed", client_id, named_here[0].id, rule)
    filled = by_form(evidence.new_text, own, labels)
    if len(filled) == 1:
        return Match("filed", client_id, filled[0].id, "content")
    return Match("triage", client_id, None, None, f"{rule} names several assignments")


def _by_sender(
    evidence: Evidence, client_id: int, candidates: Sequence[Candidate], labels: Mapping[int, Sequence[str]]
) -> Match:
    """Where a client's message goes that names no assignment by thread or token."""
    open_ones = [c for c in candidates if c.client_id == client_id and c.open]
    if len(open_ones) == 1:
        return Match("filed", client_id, open_ones[0].id, "sender")
    if not open_ones:
        return Match("triage", client_id, reason=NO_OPEN)
    several = _answers_several(evidence, client_id, open_ones, labels, SEVERAL_OPEN)
    if several is not None:
        return several
    mentioned = named_in(evidence.subject, open_ones) or named_in(evidence.new_text, open_ones)
    if len(mentioned) != 1:
        mentioned = by_form(evidence.new_text, open_ones, labels)
    if len(mentioned) == 1:
        return Match("filed", client_id, mentioned[0].id, "content")
    return Match("triage", client_id, reason=NONE_NAMED)


def _answers_several(
    evidence: Evidence,
    client_id: int,
    candidates: Sequence[Candidate],
    labels: Mapping[int, Sequence[str]],
    reason: str,
) -> Match | None:
    """A reply that answers several of ``candidates`` (core.combined_reply): filed once per item,
    or to triage when part of it fits no single item; None when it answers fewer than two."""
    split = split_reply(evidence.new_text, candidates, labels)
    if not split.answers_several:
        return None
    if split.unplaced:
        return Match(
            "triage", client_id, None, None, f"{reason}: it answers {len(split.parts)} of them, {UNPLACED}"
        )
    return Match("filed", client_id, split.parts[0].assignment_id, "content", parts=split.parts)


def by_form(
    text: str, candidates: Sequence[Candidate], labels: Mapping[int, Sequence[str]]
) -> list[Candidate]:
    """The candidates whose form the text fills in best: most of its labels written as "Label:"
    at the start of a line (a mood log's "Situation:" and "Emotion:" against a journal's
    "Situation:" alone). Several when they tie; none when no label is written at all."""
    written = {fold(m.group(1)) for m in re.finditer(r"^[\s>*_-]*([^:\n]{1,40}):", text, re.MULTILINE)}
    scores = {c.id: len(written & {fold_name(label) for label in labels.get(c.id, ())}) for c in candidates}
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
