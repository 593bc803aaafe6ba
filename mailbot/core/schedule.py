"""When an assignment is due: its occurrences from a repeat rule, in the client's local time.

Due times are computed as local wall-clock times and only then turned into UTC, so a daily
19:00 stays 19:00 for the client across a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, WEEKLY, rrule, rrulestr, weekday

MAX_OCCURRENCES = 1000
SIMPLE_RULES = {"daily", "weekdays", "weekly"}


class RuleError(ValueError):
    """A repeat rule that cannot be understood; the message says why."""


def due_times(
    first_due: datetime,
    tz: ZoneInfo,
    repeat: str | None = None,
    until: date | None = None,
    count: int | None = None,
) -> list[datetime]:
    """Every due time (aware, UTC) of an assignment first due at ``first_due``.

    ``repeat`` is "daily", "weekdays", "weekly" or an RFC 5545 RRULE ("FREQ=WEEKLY;BYDAY=MO,TH").
    ``until`` (a local date, inclusive) or ``count`` bounds it; a repeat needs one of them.
    """
    if repeat is None:
        return [first_due.astimezone(UTC)]
    if until is None and count is None and "UNTIL=" not in repeat.upper() and "COUNT=" not in repeat.upper():
        raise RuleError("a repeating assignment needs --until DATE or --count N")
    local = first_due.astimezone(tz).replace(tzinfo=None)
    until_local = datetime.combine(until, time(23, 59, 59)) if until else None
    rule = _rule(repeat, local, until_local, count)
    out: list[datetime] = []
    for moment in rule:
        out.append(to_utc(moment, tz))
        if len(out) > MAX_OCCURRENCES:
            raise RuleError(f"the repeat rule gives more than {MAX_OCCURRENCES} occurrences")
    if not out:
        raise RuleError("the repeat rule gives no occurrence at all")
    return out


def _rule(repeat: str, start: datetime, until: datetime | None, count: int | None) -> rrule:
    kind = repeat.strip().lower()
    if kind in SIMPLE_RULES:
        byweekday: Sequence[weekday] | None = (MO, TU, WE, TH, FR) if kind == "weekdays" else None
        return rrule(
            WEEKLY if kind == "weekly" else DAILY,
            dtstart=start,
            until=until,
            count=count,
            byweekday=byweekday,
        )
    text = repeat.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    try:
        rule = rrulestr(text, dtstart=start, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise RuleError(f"not a valid RRULE ({exc})") from None
    if not isinstance(rule, rrule):
        raise RuleError("give one RRULE, not a set of rules")
    if until is not None or count is not None:
        rule = rule.replace(until=until, count=count)
    return rule


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A local wall-clock time in UTC. A time skipped by a DST change moves forward by the gap;
    a time that happens twice is taken the first time."""
    aware = local.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != local:  # in the gap: e.g. 02:30 on the spring-forward night
        aware = (local + timedelta(hours=1)).replace(tzinfo=tz)
    return aware.astimezone(UTC)


def missed(due_at: datetime, status: str, now: datetime, grace: timedelta) -> bool:
    """Whether an occurrence still open at ``now`` is past its due time plus grace."""
    return status == "open" and now > due_at + grace
