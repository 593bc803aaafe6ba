"""How the intake pass cuts the inbox: header batches into groups of messages fetched and filed
together (one FETCH and one transaction each), and what a group is while it is being read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from mailbot.mail.imap import Fetched, HeaderFields
from mailbot.mail.large import LargeMessage
from mailbot.practice.reading import Read

FETCH_BYTES = 64 * 1024 * 1024  # how much message data one FETCH may bring at most

Large = LargeMessage | Exception | None  # how a message was read in pieces, if it was


class Group(NamedTuple):
    """A group of a header batch: the messages to read whole, and the batch's highest UID
    if this is its last group (that batch is then filed whole)."""

    headers: Sequence[HeaderFields]
    batch_end: int | None


class Started(NamedTuple):
    """A group fetched, and each small message's reading (waited for when called)."""

    fetched: list[tuple[Fetched, Large]]
    readings: dict[int, Callable[[], Read]]
    batch_end: int | None


def chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def discard(fetched: Sequence[tuple[Fetched, Large]]) -> None:
    for _message, large in fetched:
        if isinstance(large, LargeMessage):
            large.discard()


def by_size(headers: Sequence[HeaderFields], limit: int, most: int) -> Iterator[list[HeaderFields]]:
    """Groups of at most ``most`` messages whose bytes together stay under FETCH_BYTES (one
    FETCH and one transaction each)."""
    group: list[HeaderFields] = []
    total = 0
    for header in headers:
        size = min(header.size, limit)
        if group and (total + size > FETCH_BYTES or len(group) >= most):
            yield group
            group, total = [], 0
        group.append(header)
        total += size
    if group:
        yield group
