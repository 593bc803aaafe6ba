"""When the session brief goes out: a pure rule over the session's time and the configuration."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.schedule import to_utc


def send_time(session_at: datetime, tz: ZoneInfo, digest_time: time, hours_before: float | None) -> datetime:
    """When the daemon sends the brief for a session: ``hours_before`` it; by default with the
    digest on the session's day, or 12 hours before a session earlier than the digest time."""
    if hours_before is not None:
        return session_at - timedelta(hours=hours_before)
    local = session_at.astimezone(tz)
    if local.time() <= digest_time:
        return session_at - timedelta(hours=12)
    return to_utc(datetime.combine(local.date(), digest_time), tz)


def brief_due(
    now: datetime, session_at: datetime | None, tz: ZoneInfo, digest_time: time, hours_before: float | None
) -> bool:
    """Whether the brief for the session at ``session_at`` is to be sent at ``now``: its time has
    come and the session has not begun (a brief after the session is no use)."""
    if session_at is None:
        return False
    return send_time(session_at, tz, digest_time, hours_before) <= now < session_at
