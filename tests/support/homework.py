"""Setting up a practice through the command line, as the therapist would: a client, homework."""

from __future__ import annotations

from typing import Protocol


class RunsCommands(Protocol):
    """Anything that runs a mailbot command and returns its stdout, failing the test otherwise
    (Bot in tests/integration/conftest.py, Practice in tests/practice.py)."""

    def ok(self, *args: str, now: str | None = None) -> str: ...


def add_client(
    bot: RunsCommands, name: str, email: str, timezone: str | None = None, now: str | None = None
) -> str:
    """``mailbot client add``; what it prints (the client's id)."""
    zone = ("--timezone", timezone) if timezone else ()
    return bot.ok("client", "add", "--name", name, "--email", email, *zone, **_at(now)).strip()


def assign(
    bot: RunsCommands,
    client: str,
    type_: str,
    title: str,
    due: str,
    *options: str,
    repeat: str | None = None,
    count: int | None = None,
    now: str | None = None,
) -> int:
    """``mailbot assign`` without sending the email (--no-send); the new assignment's id.
    ``options`` are the type's own (--steps, --reading ...)."""
    plan = [
        *(("--repeat", repeat) if repeat else ()),
        *(("--count", str(count)) if count is not None else ()),
    ]
    args = ["assign", client, "--type", type_, "--title", title, "--due", due, *plan, "--no-send", *options]
    return int(bot.ok(*args, **_at(now)))


def _at(now: str | None) -> dict[str, str]:
    """``now`` for ok() only when given: Practice.ok has a default time of its own."""
    return {"now": now} if now else {}
