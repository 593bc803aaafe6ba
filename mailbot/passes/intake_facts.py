"""What the database says about new mail, read from its headers alone, once per batch.

The header pass (``IntakePass.worth_reading``) asks this module which messages are worth
reading whole; the facts it gathers (``practice.reading.Facts``) are used again when each
message is filed, so a batch costs the database a few queries, not a few per message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mailbot.core.matching import Candidate
from mailbot.core.tokens import find_tokens
from mailbot.db import intake_queries
from mailbot.db.models import Assignment
from mailbot.db.records import outgoing_ids
from mailbot.mail.parse import ParsedMessage
from mailbot.practice.reading import Facts, match_of

MAX_THREAD_IDS = 50  # a References header names the newest messages last
MAX_TOKENS = 20


def thread_ids(parsed: ParsedMessage) -> list[str]:
    """The message ids a reply names, bounded: a flood of References must not become a query
    no database accepts."""
    return list(dict.fromkeys([*parsed.in_reply_to[:MAX_THREAD_IDS], *parsed.references[-MAX_THREAD_IDS:]]))


def worth_reading(parsed: ParsedMessage, facts: Facts) -> bool:
    """Mail from a client, carrying our thread or token, or a bounce that may name a client:
    the rest is not ours to read (nor is mail mailbot wrote itself)."""
    if parsed.automated == "bounce":
        return True
    return not facts.ours and match_of(parsed, facts).status != "ignore"


@dataclass
class Directory:
    """Who the clients are, by address: read once per batch."""

    client_by_address: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> Directory:
        rows = intake_queries.client_addresses(session)
        return cls({address: client_id for address, client_id in rows})

    def facts(
        self,
        session: Session,
        headers: Mapping[int, ParsedMessage],
        spoofed: Callable[[ParsedMessage], bool],
    ) -> dict[int, Facts]:
        """What the database says about each message of a batch, from its header, in two
        queries for the whole batch: mailbot's own messages among the ids the headers name,
        and every assignment a sender, token or thread points at. The facts are read once, with
        the headers, and used again when the whole message is filed."""
        tokens = {
            uid: find_tokens(" ".join([p.subject, *p.recipients]))[:MAX_TOKENS] for uid, p in headers.items()
        }
        named = {mid for p in headers.values() for mid in [p.message_id, *thread_ids(p)] if mid}
        outgoing = outgoing_ids(session, named)
        threads = {
            uid: {mid: aid for mid in thread_ids(p) if (aid := outgoing.get(mid)) is not None}
            for uid, p in headers.items()
        }
        senders = {uid: self.client_by_address.get(p.from_address or "") for uid, p in headers.items()}
        assignments = _assignments(
            session,
            {c for c in senders.values() if c is not None},
            {t for found in tokens.values() for t in found},
            {aid for found in threads.values() for aid in found.values()},
        )
        by_id = {a.id: (_candidate(a), (a.type, dict(a.details or {}))) for a in assignments}
        by_client: dict[int, list[int]] = defaultdict(list)
        by_token: dict[str, int] = {}
        for candidate, _form in by_id.values():
            by_client[candidate.client_id].append(candidate.id)
            by_token[candidate.token] = candidate.id
        facts = {}
        for uid, parsed in headers.items():
            client = senders[uid]
            ids = dict.fromkeys(
                [
                    *(by_client.get(client, []) if client is not None else []),
                    *(by_token[t] for t in tokens[uid] if t in by_token),
                    *(i for i in threads[uid].values() if i in by_id),
                ]
            )
            facts[uid] = Facts(
                sender_client=client,
                ours=parsed.message_id is not None and parsed.message_id in outgoing,
                threads=threads[uid],
                candidates=[by_id[i][0] for i in sorted(ids)],
                forms={i: by_id[i][1] for i in ids},
                spoofed=spoofed(parsed),
            )
        return facts


def _candidate(a: intake_queries.AssignmentFacts) -> Candidate:
    return Candidate(a.id, a.client_id, a.token, a.title, a.type, a.status == "open", a.created_at)


def _assignments(
    session: Session, clients: set[int], tokens: set[str], ids: set[int]
) -> list[intake_queries.AssignmentFacts]:
    """The assignments of ``clients``, plus any that ``tokens`` or ``ids`` name."""
    clauses = []
    if clients:
        clauses.append(Assignment.client_id.in_(sorted(clients)))
    if tokens:
        clauses.append(Assignment.token.in_(sorted(tokens)))
    if ids:
        clauses.append(Assignment.id.in_(sorted(ids)))
    if not clauses:
        return []
    return intake_queries.assignments_where(session, clauses)
