"""match_message under Hypothesis: never raises, never contradicts itself, ignores strangers.

The budget is bounded (200 examples each, no deadline) so CI time stays flat. The worlds are
built from the pieces real mail carries: clients with several addresses, assignments with
tokens, titles and types, thread ids mailbot sent, and subjects or texts that mix those
pieces with arbitrary words.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import FrameType

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.matching import Candidate, Evidence, Match, match_message
from mailbot.core.naming import TYPE_WORDS
from mailbot.core.tokens import ALPHABET, find_tokens

BUDGET = settings(max_examples=examples(200), deadline=None)
RULES = {"thread", "token", "sender", "content"}

tokens = st.builds(
    lambda chars: "HW-" + "".join(chars), st.lists(st.sampled_from(ALPHABET), min_size=4, max_size=6)
)
local_parts = st.builds(
    lambda name, n: f"{name}{n}", st.sampled_from(["ben", "clara", "x.y", "BEN"]), st.integers(0, 9)
)
domains = st.sampled_from(["client.example", "work.example", "practice.example", "x.example"])
addresses = st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains)
message_ids = st.builds(lambda n, host: f"<{n}@{host}>", st.integers(0, 30), st.sampled_from(["bot", "mua"]))
titles = st.one_of(
    st.sampled_from(["Evening journal", "Daily mood log", "Chapter 3", "Exposure ladder", "", "  "]),
    st.text(max_size=20),
)
types = st.one_of(st.sampled_from(sorted(TYPE_WORDS)), st.text(max_size=10))
arbitrary_text = st.text(max_size=60)
mostly_open = st.sampled_from([True, True, False])


@dataclass(frozen=True)
class World:
    """What the matcher is given about one message: the message, the clients, what is open."""

    evidence: Evidence
    client_by_address: dict[str, int]
    candidates: list[Candidate]
    sent_for: dict[str, int]

    def decide(self) -> Match:
        return match_message(self.evidence, self.client_by_address, self.candidates, self.sent_for)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """Clients, their assignments (unique ids), mail mailbot sent, and a message mixing them."""
    client_ids = draw(st.lists(st.integers(1, 6), min_size=1, max_size=3, unique=True))
    client_by_address = {
        address: draw(st.sampled_from(client_ids))
        for address in draw(st.lists(addresses.map(str.lower), min_size=1, max_size=6, unique=True))
    }
    ids = draw(st.lists(st.integers(1, 60), min_size=1, max_size=8, unique=True))
    candidates = [
        Candidate(
            i, draw(st.sampled_from(client_ids)), draw(tokens), draw(titles), draw(types), draw(mostly_open)
        )
        for i in ids
    ]
    sent_about = st.one_of(st.sampled_from(ids), st.integers(1, 70))
    sent_for = draw(st.dictionaries(message_ids, sent_about, max_size=4))
    thread_ids = st.one_of(st.sampled_from(sorted(sent_for)), message_ids) if sent_for else message_ids

    words = [draw(arbitrary_text)]
    for candidate in candidates:
        words += [candidate.token, candidate.title, *TYPE_WORDS.get(candidate.type, ())]
    pieces = st.lists(st.sampled_from(words), max_size=4).map(" ".join)
    known = st.sampled_from(sorted(client_by_address))
    sender = draw(st.one_of(known, known, known, known.map(str.upper), addresses, st.none(), st.just("")))
    plus = st.builds(
        lambda token, local: f"{local}+{token}@practice.example", st.sampled_from(words), local_parts
    )
    evidence = Evidence(
        from_address=sender,
        recipients=draw(st.lists(st.one_of(addresses, plus), max_size=3)),
        subject=draw(pieces),
        new_text=draw(pieces),
        in_reply_to=draw(st.lists(thread_ids, max_size=1)),
        references=draw(st.lists(thread_ids, max_size=3)),
    )
    return World(evidence, client_by_address, candidates, sent_for)


def named_tokens(evidence: Evidence) -> set[str]:
    """Every token the message carries, in the subject or after a plus in a recipient."""
    found = set(find_tokens(evidence.subject))
    for address in evidence.recipients:
        local = address.split("@", 1)[0]
        if "+" in local:
            found |= set(find_tokens(local.split("+", 1)[1]))
    return found


def sender_client(world: World) -> int | None:
    return world.client_by_address.get((world.evidence.from_address or "").lower())


# --- never raises ------------------------------------------------------------------------------

candidates_anyhow = st.lists(
    st.builds(
        Candidate, st.integers(), st.integers(), st.text(max_size=12), st.text(), st.text(), st.booleans()
    ),
    max_size=6,
)
evidence_anyhow = st.builds(
    Evidence,
    st.one_of(st.none(), st.text()),
    st.lists(st.text()),
    st.text(),
    st.text(),
    st.lists(st.text(max_size=12)),
    st.lists(st.text(max_size=12)),
)


@BUDGET
@given(
    evidence_anyhow,
    st.dictionaries(st.text(max_size=12), st.integers()),
    candidates_anyhow,
    st.dictionaries(st.text(max_size=12), st.integers()),
)
def test_arbitrary_evidence_candidates_and_maps_never_raise(
    evidence: Evidence,
    client_by_address: Mapping[str, int],
    candidates: Sequence[Candidate],
    sent_for: Mapping[str, int],
) -> None:
    result = match_message(evidence, client_by_address, candidates, sent_for)

    assert result.status in ("filed", "triage", "ignore")


# --- consistent ------------------------------------------------------------------------------


@BUDGET
@given(worlds())
def test_filed_means_one_of_the_senders_own_assignments_and_says_how(world: World) -> None:
    result = world.decide()

    if result.status == "filed":
        client_id = sender_client(world)
        own = {c.id for c in world.candidates if c.client_id == client_id}
        assert client_id is not None and result.client_id == client_id
        assert result.assignment_id in own
        assert result.matched_by in RULES
        assert not result.reason


@BUDGET
@given(worlds())
def test_triage_never_names_a_rule_and_always_says_why(world: World) -> None:
    result = world.decide()

    if result.status == "triage":
        assert result.matched_by is None
        assert result.reason
        assert result.client_id == sender_client(world)


@BUDGET
@given(worlds())
def test_ignored_mail_is_from_a_stranger_naming_no_token_or_thread_of_ours(world: World) -> None:
    result = world.decide()

    if result.status == "ignore":
        tokens_of_ours = {c.token.upper() for c in world.candidates}
        thread_ids = [*world.evidence.in_reply_to, *world.evidence.references]
        assert sender_client(world) is None
        assert not named_tokens(world.evidence) & tokens_of_ours
        assert not any(message_id in world.sent_for for message_id in thread_ids)
        assert (result.client_id, result.assignment_id, result.matched_by) == (None, None, None)


@BUDGET
@given(worlds())
def test_decision_is_the_same_when_asked_twice(world: World) -> None:
    assert world.decide() == world.decide()


# --- strangers' assignments change nothing ---------------------------------------------------


@BUDGET
@given(worlds(), st.data())
def test_unrelated_strangers_assignments_never_change_a_filed_decision(
    world: World, data: st.DataObject
) -> None:
    # given a filed message, and assignments of a client who is not the sender, whose tokens
    # the message does not carry and whose ids no thread of the message names
    before = world.decide()
    if before.status != "filed":
        return
    taken_ids = {c.id for c in world.candidates} | set(world.sent_for.values())
    carried = named_tokens(world.evidence)
    stranger = max(world.client_by_address.values(), default=0) + 1
    extra = data.draw(
        st.lists(
            st.builds(
                Candidate,
                st.integers(100, 10_000).filter(lambda i: i not in taken_ids),
                st.just(stranger),
                tokens.filter(lambda t: t not in carried),
                titles,
                types,
                st.booleans(),
            ),
            min_size=1,
            max_size=5,
            unique_by=lambda c: c.id,
        )
    )
    position = data.draw(st.integers(0, len(world.candidates)))

    # when the matcher also sees them, in any position
    after = replace(
        world, candidates=[*world.candidates[:position], *extra, *world.candidates[position:]]
    ).decide()

    # then
    assert after == before


# --- hostile sizes ---------------------------------------------------------------------------


class TookTooLong(BaseException):
    """Raised by a timer: a BaseException, so that no ``except Exception`` swallows it."""


def decided_within(seconds: float, decide: Callable[[], Match]) -> Match | None:
    """``decide()``, or None when it takes longer than ``seconds``."""

    def expire(_signal: int, _frame: FrameType | None) -> None:
        raise TookTooLong

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return decide()
    except TookTooLong:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_subject_flooded_with_token_shaped_codes_is_decided_in_linear_time() -> None:
    # given a stranger's subject of 70,000 different codes shaped like tokens (U is never issued)
    subject = " ".join(f"HW-U{n:05d}" for n in range(70_000))
    evidence = Evidence("codes@shop.example", (), subject, "", (), ())

    # when
    result = decided_within(2, lambda: match_message(evidence, {"ben@client.example": 1}, [], {}))

    # then
    assert result is not None, "still deciding after 2 s"
    assert result.status == "ignore"
