"""When homework ends and when the client's next session is: pure rules over dates and statuses.

A one-off assignment is finished once answered; a repeating one once its last occurrence is
settled (answered, missed, excused). The next session is the earlier of the one the therapist
set and the next of her regular sessions (an RRULE), whichever is still to come.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from mailbot.core.schedule import RuleError, due_times, to_utc

ANSWERED = ("done", "late")
SETTLED = ("done", "late", "missed", "excused")


def finished(repeating: bool, statuses: Sequence[str]) -> bool:
    """Whether an assignment whose occurrences have ``statuses`` (by due time) is over: a
    one-off once answered, a repeating one once its last occurrence is settled."""
    if not statuses:
        return False
    if not repeating:
        return any(s in ANSWERED for s in statuses)
    return statuses[-1] in SETTLED


def renewal_due_times(
    first_due: datetime,
    last_due: datetime,
    tz: ZoneInfo,
    repeat: str | None,
    existing: int,
    until: date | None = None,
    count: int | None = None,
) -> list[datetime]:
    """The due times (UTC) that continue an assignment after ``last_due``: up to the local
    date ``until`` (inclusive), or ``count`` more. A one-off continues with one new due time, at
    its own local time on ``until``; it cannot be continued by a count."""
    if (until is None) == (count is None):
        raise RuleError("renewing needs either --until DATE or --count N")
    if repeat is None:
        if until is None:
            raise RuleError("a one-off is renewed with --until DATE, the day it is due again")
        due = to_utc(datetime.combine(until, first_due.astimezone(tz).time()), tz)
        if due <= last_due:
            raise RuleError(f"{until.isoformat()} is not after the last due day")
        return [due]
    if until is not None:
        later = [d for d in due_times(first_due, tz, repeat, until=until) if d > last_due]
    else:
        assert count is not None
        later = [d for d in due_times(first_due, tz, repeat, count=existing + count) if d > last_due]
        later = later[:count]
    if not later:
        raise RuleError("the repeat rule gives no due time after the last one")
    return later


def sessions_rule(rule: str, since: datetime) -> str:
    """The stored form of an RRULE of sessions ("FREQ=WEEKLY;BYDAY=TH;BYHOUR=15"): anchored at
    the local midnight of ``since`` (so "every other Thursday" counts from the week it was set),
    with its time of day given by BYHOUR (and BYMINUTE). RuleError says what is wrong."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if "BYHOUR=" not in text.upper():
        raise RuleError("give the sessions' time of day too, e.g. FREQ=WEEKLY;BYDAY=TH;BYHOUR=15")
    if "DTSTART" in text.upper() or "\n" in text:
        raise RuleError("give one RRULE line without DTSTART")
    anchored = f"DTSTART:{since.strftime('%Y%m%d')}T000000\nRRULE:{text}"
    _session_rule(anchored)
    return anchored


def next_session(now: datetime, tz: ZoneInfo, explicit: datetime | None, rule: str | None) -> datetime | None:
    """The client's next session after ``now`` (aware, UTC): the one set by hand or the next of
    the regular ones (``rule`` as ``sessions_rule`` stores it), whichever comes first; None when
    neither is known."""
    found = [explicit] if explicit is not None and explicit > now else []
    if rule:
        local_now = now.astimezone(tz).replace(tzinfo=None)
        following = _session_rule(rule).after(local_now)
        if following is not None:
            found.append(to_utc(following, tz))
    return min(found, default=None)


def previous_session(
    now: datetime, tz: ZoneInfo, explicit: datetime | None, last: datetime | None, rule: str | None
) -> datetime | None:
    """The client's latest session by ``now`` (aware, UTC): the one set by hand once it has
    passed (``explicit``, or ``last``, the one it replaced), or the latest of the regular ones;
    None when none is known."""
    found = [moment for moment in (explicit, last) if moment is not None and moment <= now]
    if rule:
        local_now = now.astimezone(tz).replace(tzinfo=None)
        before = _session_rule(rule).before(local_now, inc=True)
        if before is not None:
            found.append(to_utc(before, tz))
    return max(found, default=None)


def _session_rule(rule: str) -> rrule:
    try:
        parsed = rrulestr(rule, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise RuleError(f"not a valid RRULE ({exc})") from None
    if not isinstance(parsed, rrule):
        raise RuleError("give one RRULE, not a set of rules")
    return parsed
