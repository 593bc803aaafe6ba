"""The clock: the real one, or the one --now sets. Nothing in mailbot/core reads it; it is passed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from mailbot.errors import UsageError


def system_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def parse_when(text: str, tz: ZoneInfo, option: str, date_time: time = time(23, 59)) -> datetime:
    """Parse an ISO 8601 date or date-time; one without offset is local time in ``tz``.

    A bare date means ``date_time`` on that day. The result is aware, in UTC.
    """
    try:
        if len(text.strip()) == 10:
            moment = datetime.combine(date.fromisoformat(text.strip()), date_time)
        else:
            moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not an ISO 8601 date or date-time; "
            "write it like 2026-11-30 or 2026-11-30T18:00."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC)
