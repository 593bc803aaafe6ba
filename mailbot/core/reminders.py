"""Which reminder emails to send at a moment: a pure function of the occurrences, the clients,
the reminders already recorded and the clock.

Each occurrence has a plan (``scheduled``): a "before" reminder, a "due" reminder on the due day
of repeating items and up to ``max_nudges`` nudges after it. Each planned reminder is valid from
its time until the next one's, so of one occurrence at most one reminder is ever a candidate: one
that missed its chance (quiet hours, the daily cap, a paused client, a stopped bot) is dropped in
favour of the next, never sent late or in a burst. "before" and "due" also end at the due time.

``due_emails`` then keeps what is still relevant (open occurrences, reachable clients, not yet
recorded), waits out the client's quiet hours, caps the emails per local day and groups each
client's items into one email. Wall-clock rules (quiet hours, the due-day hour, the cap's day) are
read in the client's time zone, so they hold across daylight-saving changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.reminder_policy import ClientView, Policy
from mailbot.core.schedule import to_utc

KINDS = ("before", "due", "nudge")  # the tie-break order of reminders planned for the same moment
STATUSES_REMINDED = {"before": {"open"}, "due": {"open"}, "nudge": {"open", "missed"}}
# The due-day reminder is on the due time's local calendar day, before the due time: less than
# one local day (at most 25 hours at a DST change; 26 for safety) ahead of it.
DUE_DAY_LEAD = timedelta(hours=26)
# Offsets are wall-clock hours, which a DST change stretches or shrinks by up to an hour.
DST_MARGIN = timedelta(hours=3)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class OccurrenceView:
    """What the decision needs to know of one occurrence; ``due_at`` is aware (UTC)."""

    occurrence_id: int
    assignment_id: int
    client_id: int
    type: str
    due_at: datetime
    status: str  # "open", "done", "late" or "missed"
    repeating: bool  # daily and weekly items get a "due" reminder; one-offs do not
    daily: bool = False  # due again within a day and a half: one reminder a day, at the client's hour
    assigned_at: datetime | None = None  # when the assignment was set: no reminder soon after
    stopped: bool = False  # its missed streak reached stop_after_missed: no reminders, no nudges


@dataclass(frozen=True)
class SentReminder:
    """A reminder already recorded: sent, pending, unknown or failed all count as done once.

    Rows of one client with the same ``sent_at`` (aware) are one email.
    """

    occurrence_id: int
    kind: str
    seq: int  # nudge number 1.., else 0
    client_id: int
    sent_at: datetime


@dataclass(frozen=True)
class Item:
    """One line of a reminder email: planned at ``scheduled_for``, valid until ``expires_at``."""

    occurrence_id: int
    assignment_id: int
    kind: str
    seq: int
    scheduled_for: datetime
    reason: str
    expires_at: datetime
    due_at: datetime  # the occurrence's due time (UTC), for the wording at sending time

    @property
    def key(self) -> tuple[int, str, int]:
        """What makes a reminder the same reminder: (occurrence, kind, nudge number)."""
        return (self.occurrence_id, self.kind, self.seq)


@dataclass(frozen=True)
class ReminderEmail:
    """One email to one client, listing one or more items sorted by their due time."""

    client_id: int
    items: tuple[Item, ...]


def scheduled(occ: OccurrenceView, client: ClientView) -> list[Item]:
    """Every reminder the policy plans for this occurrence, in time order (UTC).

    The plan depends on the policy and the due time only; status, pause, bounces, quiet hours
    and the cap are applied by ``due_emails``. The "due" reminder is at ``due_hour`` on the local
    calendar day of the due time, and is left out when that hour is not before the due time
    (an item due at 09:00 gets its "before" reminder and nudges, not a reminder after the fact).
    ``before_hours`` and ``nudge_after_hours`` count local wall-clock hours, so "24 hours before"
    a 21:00 due time is 21:00 the day before, across a DST change too.
    Each item expires when the next one is planned; "before" and "due" at the latest at the due
    time, the last nudge ``nudge_after_hours`` after it is planned.
    """
    policy = client.policy_for(occ.type)
    if not policy.enabled:
        return []
    tz = ZoneInfo(client.timezone)
    local_due = occ.due_at.astimezone(tz)
    step = policy.nudge_after_hours
    if occ.daily and policy.due_reminder:
        plan = _daily_plan(occ, tz, policy)
    else:
        plan = []
        if policy.before_hours > 0:
            plan.append((_shift(local_due, -policy.before_hours, tz), "before", 0))
        if occ.repeating and policy.due_reminder:
            at = to_utc(datetime.combine(local_due.date(), policy.due_hour), tz)
            if at < occ.due_at:
                plan.append((at, "due", 0))
        plan += [(_shift(local_due, n * step, tz), "nudge", n) for n in range(1, policy.max_nudges + 1)]
    if occ.assigned_at is not None:
        quiet_until = occ.assigned_at + timedelta(hours=policy.min_hours_after_assignment)
        plan = [p for p in plan if p[1] == "nudge" or p[0] >= quiet_until]
    plan.sort(key=lambda p: (p[0], KINDS.index(p[1]), p[2]))
    items = []
    for i, (at, kind, seq) in enumerate(plan):
        following = plan[i + 1][0] if i + 1 < len(plan) else None
        if kind == "nudge":
            last = at + (DAY if occ.daily and policy.due_reminder else timedelta(hours=step))
            expires = following if following is not None else last
        else:
            expires = occ.due_at if following is None else min(following, occ.due_at)
        items.append(
            Item(
                occ.occurrence_id,
                occ.assignment_id,
                kind,
                seq,
                at,
                wording(kind, local_due, at.astimezone(tz)),
                expires.astimezone(UTC),
                occ.due_at,
            )
        )
    return items


def due_emails(
    now: datetime,
    occurrences: Sequence[OccurrenceView],
    clients: Mapping[int, ClientView],
    already: Sequence[SentReminder],
) -> list[ReminderEmail]:
    """The reminder emails to send at ``now``: at most one per client, ordered by client id.

    An item goes out when its time has come, it has not expired, its occurrence still wants it
    ("before"/"due" while open, nudges while open or missed), no reminder of the same or a later
    plan step is recorded, the client is neither paused nor bounced nor unknown, and ``now`` is
    outside the client's quiet hours. A client already sent ``max_per_day`` emails on this local
    day gets nothing now: the items wait, and may expire.

    ``occurrences`` must hold every occurrence with a due time inside ``window`` (more is
    harmless); ``already`` every recorded reminder of those occurrences and every reminder sent to
    those clients in the last 26 hours (for the cap). Runs in time linear in its arguments.
    """
    recorded = {(r.occurrence_id, r.kind, r.seq) for r in already}
    emails_sent: dict[int, set[datetime]] = defaultdict(set)
    for row in already:
        emails_sent[row.client_id].add(row.sent_at)
    mailable = {cid for cid, client in clients.items() if _can_mail(now, client, emails_sent[cid])}
    waiting: dict[int, list[tuple[datetime, Item]]] = defaultdict(list)
    for occ in occurrences:
        if occ.client_id not in mailable or occ.stopped:
            continue
        item = _due_item(now, occ, clients[occ.client_id], recorded)
        if item is not None:
            waiting[occ.client_id].append((occ.due_at, item))
    emails = []
    for client_id in sorted(waiting):
        ordered = sorted(waiting[client_id], key=lambda pair: (pair[0], pair[1].occurrence_id))
        emails.append(ReminderEmail(client_id, tuple(item for _, item in ordered)))
    return emails


def next_allowed(moment: datetime, tz: ZoneInfo, policy: Policy) -> datetime:
    """``moment`` (in UTC), or the end of the quiet hours (local ``quiet_end``, in UTC) it falls in.

    Quiet hours run from ``quiet_start`` up to, not including, ``quiet_end`` in the zone ``tz``.
    An end that a DST change skips moves forward by the gap.
    """
    moment = moment.astimezone(UTC)
    local = moment.astimezone(tz)
    clock, start, end = local.time(), policy.quiet_start, policy.quiet_end
    if start == end:
        return moment
    if start < end:
        quiet, end_day = start <= clock < end, local.date()
    else:
        quiet = clock >= start or clock < end
        end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
    if not quiet:
        return moment
    return max(moment, to_utc(datetime.combine(end_day, end), tz))


def in_quiet_hours(moment: datetime, tz: ZoneInfo, policy: Policy) -> bool:
    """Whether ``moment`` falls in the quiet hours of ``policy`` in the zone ``tz``."""
    return next_allowed(moment, tz, policy) != moment


def window(now: datetime, policy_max: Policy) -> tuple[datetime, datetime]:
    """The range of due times (UTC, inclusive) of the occurrences ``due_emails`` needs at ``now``.

    ``policy_max`` bounds every policy in use (``widest`` builds it). A reminder is planned at most
    ``before_hours`` (or, for the due-day reminder, one local day) before its due time and expires
    at most ``(max_nudges + 1) * nudge_after_hours`` after it, give or take a DST change, so no
    occurrence outside the range can have a reminder to send. The shell queries
    ``start <= due_at <= end``; a larger range is harmless.
    """
    lead = timedelta(hours=policy_max.before_hours)
    if policy_max.due_reminder:
        lead = max(lead, DUE_DAY_LEAD)
    # A daily item's nudges are a day apart whatever nudge_after_hours says, and start up to a
    # day after the due time.
    step = max(timedelta(hours=policy_max.nudge_after_hours), DAY)
    tail = (policy_max.max_nudges + 1) * step + DAY
    if policy_max.max_nudges == 0:
        tail = timedelta(0)
    now = now.astimezone(UTC)
    return now - tail - DST_MARGIN, now + lead + DST_MARGIN


def widest(policies: Iterable[Policy]) -> Policy:
    """A policy whose reach covers all of ``policies`` (the argument ``window`` needs)."""
    reaching = [p for p in policies if p.enabled]
    if not reaching:
        return Policy(before_hours=0, due_reminder=False, max_nudges=0)
    return Policy(
        before_hours=max(p.before_hours for p in reaching),
        due_reminder=any(p.due_reminder for p in reaching),
        nudge_after_hours=max(p.nudge_after_hours for p in reaching),
        max_nudges=max(p.max_nudges for p in reaching),
    )


def _due_item(
    now: datetime, occ: OccurrenceView, client: ClientView, recorded: set[tuple[int, str, int]]
) -> Item | None:
    plan = scheduled(occ, client)
    done_steps = [i for i, item in enumerate(plan) if item.key in recorded]
    first_open_step = max(done_steps) + 1 if done_steps else 0
    for item in reversed(plan[first_open_step:]):
        if item.scheduled_for <= now < item.expires_at:
            return item if occ.status in STATUSES_REMINDED[item.kind] else None
    return None


def _shift(local_due: datetime, hours: float, tz: ZoneInfo) -> datetime:
    """The due time moved by ``hours`` of local wall-clock time, in UTC: "24 hours before" a 21:00
    due time is 21:00 the day before, also when a DST change lies between them."""
    return to_utc(local_due.replace(tzinfo=None) + timedelta(hours=hours), tz)


def _can_mail(now: datetime, client: ClientView, sent_at: Iterable[datetime]) -> bool:
    """Whether a reminder email may reach this client now: reachable, awake, under the cap."""
    if client.paused or client.bounced:
        return False
    tz = ZoneInfo(client.timezone)
    if in_quiet_hours(now, tz, client.policy):
        return False
    today = now.astimezone(tz).date()
    return sum(1 for moment in sent_at if moment.astimezone(tz).date() == today) < client.policy.max_per_day


def is_daily(repeat: str | None) -> bool:
    """Whether a repeat rule ("daily", "weekdays", an RRULE) makes an item due about every day."""
    if repeat is None:
        return False
    rule = repeat.strip().upper().replace(" ", "")
    if rule in ("DAILY", "WEEKDAYS"):
        return True
    interval = re.search(r"INTERVAL=(\d+)", rule)
    return "FREQ=DAILY" in rule and (interval is None or interval.group(1) == "1")


def _daily_plan(occ: OccurrenceView, tz: ZoneInfo, policy: Policy) -> list[tuple[datetime, str, int]]:
    """A daily item's one reminder a day, at the client's hour: on the due day if that hour
    comes before the due time, else the day before; then each nudge a day later, at the same
    hour, so that it joins the next day's reminder in one email."""
    local_due = occ.due_at.astimezone(tz)
    day = local_due.date()
    if to_utc(datetime.combine(day, policy.due_hour), tz) >= occ.due_at:
        day -= DAY
    plan = [(to_utc(datetime.combine(day, policy.due_hour), tz), "due", 0)]
    first_after = local_due.date() + (DAY if policy.due_hour <= local_due.time() else timedelta(0))
    for n in range(1, policy.max_nudges + 1):
        nudge_day = first_after + (n - 1) * DAY
        if to_utc(datetime.combine(nudge_day, policy.due_hour), tz) <= occ.due_at:
            nudge_day += DAY
        plan.append((to_utc(datetime.combine(nudge_day, policy.due_hour), tz), "nudge", n))
    return plan


def wording(kind: str, local_due: datetime, local_now: datetime, session: datetime | None = None) -> str:
    """When an item is due, in the client's own terms at ``local_now`` (both local): "tonight at
    9 pm", "tomorrow at 9 am", "on Thursday at 9 pm", "before our session on Thursday" (when it
    is due by a session that day), and for a nudge "yesterday's (Friday)". No ISO dates, no counts."""
    days = (local_due.date() - local_now.date()).days
    weekday = local_due.strftime("%A")
    if kind == "nudge":
        if days == -1:
            return f"yesterday's ({weekday})"
        return f"{weekday}'s" if days > -7 else f"the one from {local_due.day} {local_due.strftime('%B')}"
    if session is not None and session.date() == local_due.date() and local_due <= session:
        if session.date() == local_now.date():
            return "before our session today"
        return f"before our session on {session.strftime('%A')}"
    clock = _clock(local_due)
    if days == 0:
        return f"{'tonight' if local_due.hour >= 18 else 'today'} at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if days < 7:
        return f"on {weekday} at {clock}"
    return f"on {weekday} {local_due.day} {local_due.strftime('%B')} at {clock}"


def _clock(moment: datetime) -> str:
    """ "9 pm", "9:30 am", "noon"."""
    if (moment.hour, moment.minute) == (12, 0):
        return "noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"
