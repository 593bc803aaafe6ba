"""How append_all cuts a run of messages into MULTIAPPEND commands: in order, none lost, each
command within its byte and message budget unless one message alone is larger."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mailbot.mail.imap_append import _batches


@given(st.lists(st.integers(min_value=0, max_value=150), max_size=30), st.integers(1, 5))
def test_batches_keep_every_message_in_order_each_within_the_budget(sizes: list[int], most: int) -> None:
    messages = [f"{n}:".encode() + b"x" * size for n, size in enumerate(sizes)]

    batches = _batches(messages, most=most, budget=100)

    assert [m for batch in batches for m in batch] == messages
    assert all(len(batch) == 1 or (sum(map(len, batch)) <= 100 and len(batch) <= most) for batch in batches)


def test_many_small_messages_go_in_commands_of_the_most_messages_allowed() -> None:
    assert [len(b) for b in _batches([b"m"] * 10, most=4)] == [4, 4, 2]
    assert [len(b) for b in _batches([b"m" * 60] * 3, budget=100)] == [1, 1, 1]
    assert _batches([]) == []
