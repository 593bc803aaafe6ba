"""Which reminders go out when: quiet hours, the daily cap, staleness, DST, never twice; and the
"pause"/"resume" reply commands."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.commands import is_pause_command
from mailbot.core.occurrences import status_on_submit
from mailbot.core.reminders import (
    ClientView,
    Item,
    OccurrenceView,
    Policy,
    ReminderEmail,
    SentReminder,
    due_emails,
    in_quiet_hours,
    next_allowed,
    scheduled,
    widest,
    window,
)
from mailbot.core.schedule import due_times, missed, to_utc

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
DEFAULT = Policy()
Sent = list[tuple[datetime, ReminderEmail]]  # each email with the moment of the pass that sent it


def local(year: int, month: int, day: int, hour: int, minute: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    """A local wall-clock time, as the aware UTC moment the core works with."""
    return to_utc(datetime(year, month, day, hour, minute), tz)


def client(
    client_id: int = 1,
    tz: ZoneInfo = BERLIN,
    policy: Policy = DEFAULT,
    paused: bool = False,
    bounced: bool = False,
    type_policies: dict[str, Policy] | None = None,
) -> ClientView:
    return ClientView(client_id, str(tz), paused, bounced, policy, type_policies or {})


def occurrence(
    occurrence_id: int,
    due_at: datetime,
    status: str = "open",
    repeating: bool = True,
    client_id: int = 1,
    type: str = "mood_log",
) -> OccurrenceView:
    return OccurrenceView(occurrence_id, 100 + occurrence_id, client_id, type, due_at, status, repeating)


def record(emails: list[ReminderEmail], sent_at: datetime) -> list[SentReminder]:
    """What the shell writes before sending: one row per item, one sent_at per email."""
    return [
        SentReminder(i.occurrence_id, i.kind, i.seq, e.client_id, sent_at) for e in emails for i in e.items
    ]


def sent_keys(emails: list[ReminderEmail]) -> list[tuple[int, str, int]]:
    return [item.key for email in emails for item in email.items]


def run(
    start: datetime,
    end: datetime,
    occurrences: list[OccurrenceView],
    clients: dict[int, ClientView],
    already: list[SentReminder] | None = None,
    step: timedelta = timedelta(minutes=5),
) -> Sent:
    """Passes every ``step`` from ``start`` to ``end``, recording what each pass sends."""
    rows = list(already or [])
    out: Sent = []
    tick = start
    while tick < end:
        emails = due_emails(tick, occurrences, clients, rows)
        rows += record(emails, tick)
        out += [(tick, email) for email in emails]
        tick += step
    return out


# --- quiet hours -------------------------------------------------------------------------------


def test_a_moment_outside_quiet_hours_is_allowed_as_it_is() -> None:
    moment = local(2026, 11, 23, 14, 0)
    assert next_allowed(moment, BERLIN, DEFAULT) == moment
    assert not in_quiet_hours(moment, BERLIN, DEFAULT)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (22, 30, datetime(2026, 11, 24, 8, 0)),  # evening: waits for the next morning
        (3, 0, datetime(2026, 11, 23, 8, 0)),  # small hours: waits for this morning
        (21, 0, datetime(2026, 11, 24, 8, 0)),  # the start is quiet
        (7, 59, datetime(2026, 11, 23, 8, 0)),
    ],
)
def test_a_reminder_in_quiet_hours_waits_for_the_morning(hour: int, minute: int, expected: datetime) -> None:
    moment = local(2026, 11, 23, hour, minute)
    assert next_allowed(moment, BERLIN, DEFAULT) == to_utc(expected, BERLIN)
    assert in_quiet_hours(moment, BERLIN, DEFAULT)


def test_the_end_of_quiet_hours_is_not_quiet() -> None:
    assert not in_quiet_hours(local(2026, 11, 23, 8, 0), BERLIN, DEFAULT)
    assert not in_quiet_hours(local(2026, 11, 23, 20, 59), BERLIN, DEFAULT)


def test_quiet_hours_within_one_day_and_none_at_all() -> None:
    siesta = Policy(quiet_start=time(13, 0), quiet_end=time(15, 0))
    assert next_allowed(local(2026, 11, 23, 13, 30), BERLIN, siesta) == local(2026, 11, 23, 15, 0)
    assert not in_quiet_hours(local(2026, 11, 23, 15, 0), BERLIN, siesta)
    assert not in_quiet_hours(local(2026, 11, 23, 12, 59), BERLIN, siesta)
    assert not in_quiet_hours(local(2026, 11, 23, 23, 0), BERLIN, siesta)
    never = Policy(quiet_start=time(0, 0), quiet_end=time(0, 0))
    assert not in_quiet_hours(local(2026, 11, 23, 3, 0), BERLIN, never)


def test_quiet_hours_end_at_the_local_hour_on_the_night_dst_starts() -> None:
    night = local(2026, 3, 28, 22, 30)  # CET; the morning is CEST
    assert next_allowed(night, BERLIN, DEFAULT) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)


def test_quiet_hours_ending_inside_the_skipped_hour_end_after_the_gap() -> None:
    policy = Policy(quiet_start=time(1, 0), quiet_end=time(2, 30))
    assert next_allowed(local(2026, 3, 29, 1, 30), BERLIN, policy) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_quiet_hours_are_the_clients_own() -> None:
    moment = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 07:00 in New York, 21:00 in Tokyo
    assert in_quiet_hours(moment, NEW_YORK, DEFAULT) and in_quiet_hours(moment, TOKYO, DEFAULT)
    assert not in_quiet_hours(moment, BERLIN, DEFAULT)


# --- the plan of one occurrence ----------------------------------------------------------------


def test_a_daily_item_plans_before_due_and_nudge_each_until_the_next() -> None:
    due = local(2026, 11, 24, 21, 0)
    plan = scheduled(occurrence(1, due), client())
    assert [(i.kind, i.seq) for i in plan] == [("before", 0), ("due", 0), ("nudge", 1)]
    assert [i.scheduled_for for i in plan] == [
        due - timedelta(hours=24),
        local(2026, 11, 24, 19, 0),
        due + timedelta(hours=24),
    ]
    assert [i.expires_at for i in plan] == [local(2026, 11, 24, 19, 0), due, due + timedelta(hours=48)]
    assert [i.reason for i in plan] == ["tomorrow at 9 pm", "tonight at 9 pm", "yesterday's (Tuesday)"]


def test_a_one_off_gets_no_due_day_reminder() -> None:
    plan = scheduled(occurrence(1, local(2026, 11, 24, 21, 0), repeating=False), client())
    assert [i.kind for i in plan] == ["before", "nudge"]
    assert plan[0].expires_at == local(2026, 11, 24, 21, 0)


def test_no_due_day_reminder_when_the_chosen_hour_is_not_before_the_due_time() -> None:
    for due in (local(2026, 11, 24, 9, 0), local(2026, 11, 24, 19, 0)):
        assert "due" not in [i.kind for i in scheduled(occurrence(1, due), client())]


def test_the_due_day_reminder_keeps_its_local_hour_across_dst() -> None:
    for day in (28, 29, 30):
        plan = scheduled(occurrence(day, local(2026, 3, day, 21, 0)), client())
        due_item = next(i for i in plan if i.kind == "due")
        assert due_item.scheduled_for.astimezone(BERLIN).time() == time(19, 0)
    assert (
        next(
            i for i in scheduled(occurrence(1, local(2026, 3, 29, 21, 0)), client()) if i.kind == "due"
        ).scheduled_for.hour
        == 17
    )  # 19:00 CEST


@pytest.mark.parametrize("day", [28, 29])  # the day before DST starts, and that day
def test_a_day_before_and_a_day_after_keep_the_local_hour_across_dst(day: int) -> None:
    plan = scheduled(occurrence(1, local(2026, 3, day, 21, 0)), client())
    before, nudge = plan[0], plan[-1]
    assert before.scheduled_for == local(2026, 3, day - 1, 21, 0)
    assert nudge.scheduled_for == local(2026, 3, day + 1, 21, 0)
    assert nudge.expires_at == local(2026, 3, day + 2, 21, 0)


def test_several_nudges_each_replace_the_last_and_the_last_expires_a_step_later() -> None:
    due = local(2026, 11, 24, 21, 0)
    policy = Policy(before_hours=0, due_reminder=False, nudge_after_hours=12, max_nudges=3)
    plan = scheduled(occurrence(1, due), client(policy=policy))
    assert [(i.kind, i.seq) for i in plan] == [("nudge", 1), ("nudge", 2), ("nudge", 3)]
    assert [(i.scheduled_for - due, i.expires_at - due) for i in plan] == [
        (timedelta(hours=12), timedelta(hours=24)),
        (timedelta(hours=24), timedelta(hours=36)),
        (timedelta(hours=36), timedelta(hours=48)),
    ]
    assert plan[2].reason == "Tuesday's"  # no counters, no ISO dates


def test_a_before_reminder_planned_at_the_due_day_hour_gives_way_to_it() -> None:
    plan = scheduled(occurrence(1, local(2026, 11, 24, 21, 0)), client(policy=Policy(before_hours=2)))
    before = plan[0]
    assert (before.kind, before.scheduled_for, before.expires_at) == (
        "before",
        plan[1].scheduled_for,
        plan[1].scheduled_for,
    )


def test_a_disabled_policy_plans_nothing_and_a_type_policy_wins() -> None:
    due = local(2026, 11, 24, 21, 0)
    assert scheduled(occurrence(1, due), client(policy=Policy(enabled=False))) == []
    quiet_diary = client(type_policies={"diary": Policy(before_hours=0, max_nudges=0)})
    assert [i.kind for i in scheduled(occurrence(1, due, type="diary"), quiet_diary)] == ["due"]
    assert len(scheduled(occurrence(2, due), quiet_diary)) == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"before_hours": -1},
        {"max_nudges": -1},
        {"max_per_day": -2},
        {"nudge_after_hours": 0},
    ],
)
def test_a_policy_that_makes_no_sense_is_refused(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Policy(**changes)  # type: ignore[arg-type]


# --- what goes out now -------------------------------------------------------------------------


def test_a_reminder_goes_out_at_its_time_and_not_before() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 15, 0), repeating=False)]
    clients = {1: client()}
    assert due_emails(local(2026, 11, 23, 14, 55), occs, clients, []) == []
    [email] = due_emails(local(2026, 11, 23, 15, 0), occs, clients, [])
    assert email.client_id == 1 and sent_keys([email]) == [(1, "before", 0)]
    assert email.items[0].assignment_id == 101


def test_a_reminder_planned_in_quiet_hours_goes_out_at_the_end_of_them() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0))]  # "before" planned for 23 Nov 21:00
    sent = run(local(2026, 11, 23, 20, 0), local(2026, 11, 24, 12, 0), occs, {1: client()})
    assert [(t.astimezone(BERLIN).strftime("%d %H:%M"), sent_keys([e])) for t, e in sent] == [
        ("24 08:00", [(1, "before", 0)])
    ]


def test_a_before_reminder_that_cannot_go_out_before_the_due_time_is_dropped() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 7, 30), repeating=False)]
    policy = Policy(before_hours=1, max_nudges=0)  # planned for 06:30, quiet until after the due time
    assert run(local(2026, 11, 24, 0, 0), local(2026, 11, 26, 0, 0), occs, {1: client(policy=policy)}) == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("open", [(1, "nudge", 1)]),
        ("missed", [(1, "nudge", 1)]),
        ("done", []),
        ("late", []),
    ],
)
def test_only_an_unfinished_occurrence_is_nudged(status: str, expected: list[tuple[int, str, int]]) -> None:
    occs = [occurrence(1, local(2026, 11, 24, 18, 0), status)]
    assert sent_keys(due_emails(local(2026, 11, 25, 18, 0), occs, {1: client()}, [])) == expected


@pytest.mark.parametrize("status", ["done", "late", "missed", "cancelled"])
def test_before_and_due_reminders_only_for_open_occurrences(status: str) -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0), status)]
    assert due_emails(local(2026, 11, 24, 9, 0), occs, {1: client()}, []) == []
    assert due_emails(local(2026, 11, 24, 19, 0), occs, {1: client()}, []) == []


@pytest.mark.parametrize(
    "who",
    [
        client(paused=True),
        client(bounced=True),
        client(policy=Policy(enabled=False)),
        client(policy=Policy(max_per_day=0)),
    ],
    ids=["paused", "bounced", "disabled", "no-emails-a-day"],
)
def test_nothing_for_a_paused_bounced_or_switched_off_client(who: ClientView) -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0))]
    assert sent_keys(due_emails(local(2026, 11, 24, 19, 0), occs, {1: client()}, [])) == [(1, "due", 0)]
    assert due_emails(local(2026, 11, 24, 19, 0), occs, {1: who}, []) == []


def test_nothing_for_a_client_the_shell_did_not_pass() -> None:
    assert due_emails(local(2026, 11, 24, 19, 0), [occurrence(1, local(2026, 11, 24, 21, 0))], {}, []) == []


def test_a_recorded_reminder_is_never_sent_again() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0))]
    now = local(2026, 11, 24, 19, 0)
    pending = [SentReminder(1, "due", 0, 1, now)]  # recorded, then the bot crashed before sending
    assert due_emails(now, occs, {1: client()}, pending) == []
    assert due_emails(now + timedelta(minutes=30), occs, {1: client()}, pending) == []


def test_an_earlier_reminder_never_follows_a_later_recorded_one() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0))]
    later = [SentReminder(1, "due", 0, 1, local(2026, 11, 24, 10, 0))]  # e.g. under an older due_hour
    assert due_emails(local(2026, 11, 24, 12, 0), occs, {1: client()}, later) == []


def test_all_items_due_at_once_make_one_email_sorted_by_due_time() -> None:
    now = local(2026, 11, 24, 8, 0)
    occs = [
        occurrence(3, local(2026, 11, 24, 21, 0)),  # before (planned 23 Nov 21:00)
        occurrence(1, local(2026, 11, 22, 21, 0)),  # nudge (planned 23 Nov 21:00)
        occurrence(2, local(2026, 11, 24, 12, 0), repeating=False, client_id=2),
    ]
    emails = due_emails(now, occs, {1: client(), 2: client(2)}, [])
    assert [(e.client_id, sent_keys([e])) for e in emails] == [
        (1, [(1, "nudge", 1), (3, "before", 0)]),
        (2, [(2, "before", 0)]),
    ]


def test_the_cap_counts_emails_of_the_local_day_not_rows() -> None:
    now = local(2026, 11, 24, 19, 0)
    occs = [occurrence(1, local(2026, 11, 24, 21, 0))]
    morning = local(2026, 11, 24, 8, 0)
    one_email = [SentReminder(7, "before", 0, 1, morning), SentReminder(8, "nudge", 1, 1, morning)]
    assert sent_keys(due_emails(now, occs, {1: client()}, one_email)) == [(1, "due", 0)]
    two_emails = one_email + [SentReminder(9, "before", 0, 1, morning + timedelta(hours=4))]
    assert due_emails(now, occs, {1: client()}, two_emails) == []


def test_the_cap_starts_again_on_the_clients_next_local_day() -> None:
    yesterday = [SentReminder(7, "before", 0, 1, local(2026, 11, 23, h, 0, TOKYO)) for h in (8, 19)]
    occs = [occurrence(1, local(2026, 11, 24, 21, 0, TOKYO))]
    [email] = due_emails(local(2026, 11, 24, 8, 0, TOKYO), occs, {1: client(tz=TOKYO)}, yesterday)
    assert sent_keys([email]) == [(1, "before", 0)]


def test_the_cap_is_per_client() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0)), occurrence(2, local(2026, 11, 24, 21, 0), client_id=2)]
    full = [SentReminder(9, "before", 0, 2, local(2026, 11, 24, h, 0)) for h in (8, 9)]
    emails = due_emails(local(2026, 11, 24, 19, 0), occs, {1: client(), 2: client(2)}, full)
    assert [e.client_id for e in emails] == [1]


def test_an_item_held_by_the_cap_waits_and_then_expires() -> None:
    occs = [occurrence(1, local(2026, 11, 24, 21, 0))]
    policy = Policy(max_per_day=1)
    morning = [SentReminder(9, "before", 0, 1, local(2026, 11, 24, 8, 0))]
    clients = {1: client(policy=policy)}
    sent = run(local(2026, 11, 24, 18, 0), local(2026, 11, 25, 0, 0), occs, clients, morning)
    assert sent == []  # the due-day reminder was stale before the cap let it out


def test_quiet_hours_of_the_client_hold_even_when_a_type_policy_has_none() -> None:
    always = Policy(quiet_start=time(0, 0), quiet_end=time(0, 0))
    occs = [occurrence(1, local(2026, 11, 25, 22, 0), type="diary")]
    clients = {1: client(type_policies={"diary": always})}
    assert due_emails(local(2026, 11, 24, 22, 0), occs, clients, []) == []
    assert sent_keys(due_emails(local(2026, 11, 25, 8, 0), occs, clients, [])) == [(1, "before", 0)]


def test_a_bot_down_for_days_sends_only_the_latest_nudge() -> None:
    due = local(2026, 11, 20, 12, 0)
    policy = Policy(before_hours=0, nudge_after_hours=24, max_nudges=3)
    occs = [occurrence(1, due, "missed")]
    assert sent_keys(due_emails(due + timedelta(hours=50), occs, {1: client(policy=policy)}, [])) == [
        (1, "nudge", 2)
    ]
    assert due_emails(due + timedelta(days=5), occs, {1: client(policy=policy)}, []) == []


def test_a_client_who_resumes_gets_no_burst_of_old_reminders() -> None:
    occs = [occurrence(i, local(2026, 11, 10 + i, 21, 0), "missed") for i in range(10)]
    [email] = due_emails(local(2026, 11, 21, 10, 0), occs, {1: client()}, [])
    assert sent_keys([email]) == [(9, "nudge", 1)]  # the nudge for 19 November only


# --- the window the shell queries -------------------------------------------------------------


def test_the_window_reaches_back_over_the_nudges_and_ahead_over_the_before_reminder() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    margin = timedelta(hours=3)  # wall-clock offsets move by up to an hour at a DST change
    # back: two nudge steps of at least a day each, and a daily item's first nudge up to a day late
    assert window(now, DEFAULT) == (now - timedelta(hours=72) - margin, now + timedelta(hours=26) + margin)
    reach = widest(
        [
            DEFAULT,
            Policy(before_hours=72, max_nudges=0),
            Policy(max_nudges=3, nudge_after_hours=6),
            Policy(enabled=False, before_hours=500),
        ]
    )
    assert window(now, reach) == (now - timedelta(hours=120) - margin, now + timedelta(hours=72) + margin)
    assert window(now, widest([])) == (now - margin, now + margin)


HOURS = st.builds(time, st.integers(0, 23), st.sampled_from([0, 30]))
POLICIES = st.builds(
    Policy,
    enabled=st.sampled_from([True, True, True, False]),
    before_hours=st.sampled_from([0, 1, 12, 24, 48]),
    due_reminder=st.booleans(),
    due_hour=HOURS,
    nudge_after_hours=st.sampled_from([1, 6, 24, 36]),
    max_nudges=st.integers(0, 3),
    quiet_start=HOURS,
    quiet_end=HOURS,
    max_per_day=st.integers(0, 3),
)
ZONES = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata", "Australia/Lord_Howe"]
)
STATUSES = st.sampled_from(["open", "open", "missed", "done", "late"])
SPRING = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)


World = tuple[datetime, list[OccurrenceView], dict[int, ClientView], list[SentReminder]]


@st.composite
def worlds(draw: st.DrawFn) -> World:
    now = SPRING + timedelta(minutes=draw(st.integers(-3 * 1440, 3 * 1440)) // 5 * 5)
    clients = {
        cid: ClientView(
            cid,
            draw(ZONES),
            draw(st.booleans()) and draw(st.booleans()),
            False,
            draw(POLICIES),
            draw(st.dictionaries(st.just("diary"), POLICIES)),
        )
        for cid in (1, 2, 3)
    }
    occs = [
        OccurrenceView(
            oid,
            oid,
            draw(st.sampled_from([1, 2, 3])),
            draw(st.sampled_from(["mood_log", "diary"])),
            now + timedelta(minutes=draw(st.integers(-8 * 1440, 8 * 1440))),
            draw(STATUSES),
            draw(st.booleans()),
        )
        for oid in range(draw(st.integers(0, 12)))
    ]
    already = [
        SentReminder(
            i.occurrence_id,
            i.kind,
            i.seq,
            o.client_id,
            now - timedelta(minutes=draw(st.integers(0, 40)) * 60),
        )
        for o in occs
        for i in scheduled(o, clients[o.client_id])
        if draw(st.integers(0, 3)) == 0
    ]
    return now, occs, clients, already


@settings(max_examples=examples(150), deadline=None)
@given(worlds())
def test_passing_only_the_window_changes_nothing(world: World) -> None:
    now, occs, clients, already = world
    policies = [p for c in clients.values() for p in (c.policy, *c.type_policies.values())]
    start, end = window(now, widest(policies))
    near = [o for o in occs if start <= o.due_at <= end]
    assert due_emails(now, near, clients, already) == due_emails(now, occs, clients, already)


@settings(max_examples=examples(150), deadline=None)
@given(worlds())
def test_what_goes_out_keeps_every_rule(world: World) -> None:
    now, occs, clients, already = world
    emails = due_emails(now, occs, clients, already)
    by_id = {o.occurrence_id: o for o in occs}
    recorded = {(r.occurrence_id, r.kind, r.seq) for r in already}
    assert len({e.client_id for e in emails}) == len(emails)
    for email in emails:
        who = clients[email.client_id]
        tz = ZoneInfo(who.timezone)
        assert not who.paused and not in_quiet_hours(now, tz, who.policy)
        today = {
            r.sent_at
            for r in already
            if r.client_id == who.client_id and r.sent_at.astimezone(tz).date() == now.astimezone(tz).date()
        }
        assert len(today) < who.policy.max_per_day
        assert len({i.occurrence_id for i in email.items}) == len(email.items)
        for item in email.items:
            occ = by_id[item.occurrence_id]
            assert item.key not in recorded and occ.client_id == who.client_id
            assert item.scheduled_for <= now < item.expires_at
            assert occ.status in (("open", "missed") if item.kind == "nudge" else ("open",))
            assert item.kind == "nudge" or now < occ.due_at
        assert [by_id[i.occurrence_id].due_at for i in email.items] == sorted(
            by_id[i.occurrence_id].due_at for i in email.items
        )


# --- two weeks of a daily mood log, a pass every five minutes ----------------------------------


@dataclass
class MoodLog:
    """One client's daily log due at 21:00 local for 14 days, and when each day was handed in."""

    client: ClientView
    first_due: datetime
    handed_in: dict[int, datetime] = field(default_factory=dict)  # day index -> moment

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.client.timezone)

    @cached_property
    def due(self) -> list[datetime]:
        return due_times(self.first_due, self.tz, "daily", count=14)

    def views(self, now: datetime) -> list[OccurrenceView]:
        out = []
        for day, due_at in enumerate(self.due):
            handed_in = self.handed_in.get(day)
            if handed_in is not None and handed_in <= now:
                status = status_on_submit(due_at, handed_in, "open")
            else:
                status = "missed" if missed(due_at, "open", now, timedelta(hours=24)) else "open"
            out.append(
                occurrence(self.client.client_id * 100 + day, due_at, status, client_id=self.client.client_id)
            )
        return out

    def expected(self) -> set[tuple[int, str, datetime]]:
        """Each reminder at its local hour (before 08:00 and due 19:00 on the day, the nudge at 08:00
        two days on, its 21:00 plan falling in quiet hours), unless the day was handed in first."""
        out = set()
        for day, due_at in enumerate(self.due):
            local_day = due_at.astimezone(self.tz).date()
            for kind, at in (
                ("before", datetime.combine(local_day, time(8))),
                ("due", datetime.combine(local_day, time(19))),
                ("nudge", datetime.combine(local_day + timedelta(days=2), time(8))),
            ):
                handed_in = self.handed_in.get(day)
                if handed_in is None or handed_in > to_utc(at, self.tz):
                    out.add((self.client.client_id * 100 + day, kind, at))
        return out


def simulate(logs: list[MoodLog], days: int = 17) -> Sent:
    clients = {log.client.client_id: log.client for log in logs}
    reach = widest(c.policy for c in clients.values())
    start = min(log.first_due for log in logs) - timedelta(hours=30)
    already: list[SentReminder] = []
    out: Sent = []
    tick = start
    while tick < start + timedelta(days=days):
        low, high = window(tick, reach)
        near = [v for log in logs for v in log.views(tick) if low <= v.due_at <= high]
        emails = due_emails(tick, near, clients, already)
        already += record(emails, tick)
        assert due_emails(tick, near, clients, already) == []  # a second pass, or a restart, adds nothing
        out += [(tick, email) for email in emails]
        tick += timedelta(minutes=5)
    return out


def handed_in(log: MoodLog, at_noon: int) -> MoodLog:
    """Day 2 and day ``at_noon`` handed in at noon, day 4 the evening before, day 7 late (the next
    morning), day 9 at 19:30 (after its due-day reminder).

    A day handed in at noon gets no due-day reminder, which leaves room under the cap that
    evening: the day before a DST change, a "24 hours" counted in real hours rather than on the
    wall clock would then send at 20:00 instead of waiting for 08:00.
    """
    due = log.due
    log.handed_in = {
        2: due[2] - timedelta(hours=9),
        at_noon: due[at_noon] - timedelta(hours=9),
        4: due[3] + timedelta(minutes=30),
        7: due[7] + timedelta(hours=13),
        9: due[9] - timedelta(minutes=90),
    }
    return log


TwoWeeks = tuple[list[MoodLog], Sent]
SCENARIOS = {  # day 6 is the day of the DST change
    "berlin-dst-starts": lambda: [handed_in(MoodLog(client(), local(2026, 3, 23, 21, 0)), at_noon=5)],
    "berlin-dst-ends": lambda: [handed_in(MoodLog(client(), local(2026, 10, 19, 21, 0)), at_noon=6)],
    "new-york-and-tokyo": lambda: [
        handed_in(MoodLog(client(1, NEW_YORK), local(2026, 3, 2, 21, 0, NEW_YORK)), at_noon=5),
        handed_in(MoodLog(client(2, TOKYO), local(2026, 3, 2, 21, 0, TOKYO)), at_noon=5),
    ],
}


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def two_weeks(request: pytest.FixtureRequest) -> TwoWeeks:
    logs = SCENARIOS[request.param]()
    return logs, simulate(logs)


def sent_local(logs: list[MoodLog], sent: Sent) -> list[tuple[int, str, datetime]]:
    zones = {log.client.client_id: log.tz for log in logs}
    return [
        (i.occurrence_id, i.kind, t.astimezone(zones[e.client_id]).replace(tzinfo=None))
        for t, e in sent
        for i in e.items
    ]


def test_two_weeks_every_reminder_lands_at_its_local_hour(two_weeks: TwoWeeks) -> None:
    logs, sent = two_weeks
    expected = set().union(*(log.expected() for log in logs))
    assert sorted(sent_local(logs, sent)) == sorted(expected)


def test_two_weeks_due_day_reminders_at_19_on_both_sides_of_the_dst_change(two_weeks: TwoWeeks) -> None:
    logs, sent = two_weeks
    due_day = [when for _, kind, when in sent_local(logs, sent) if kind == "due"]
    assert {when.time() for when in due_day} == {time(19, 0)}
    assert len(due_day) == 11 * len(logs)  # 14 days less the two handed in at noon and day 4
    utc_offsets = {log.tz.utcoffset(when) for log in logs for when in due_day}
    assert len(utc_offsets) >= 2  # the change really is inside the two weeks (or two zones)


def test_two_weeks_nothing_in_quiet_hours_and_at_most_two_a_day(two_weeks: TwoWeeks) -> None:
    logs, sent = two_weeks
    zones = {log.client.client_id: log.tz for log in logs}
    for moment, email in sent:
        assert not in_quiet_hours(moment, zones[email.client_id], DEFAULT)
    per_day = Counter((e.client_id, t.astimezone(zones[e.client_id]).date()) for t, e in sent)
    assert max(per_day.values()) == 2


def test_two_weeks_nothing_for_a_day_once_handed_in_and_nothing_twice(two_weeks: TwoWeeks) -> None:
    logs, sent = two_weeks
    handed = {log.client.client_id * 100 + day: at for log in logs for day, at in log.handed_in.items()}
    for moment, email in sent:
        assert all(moment < handed.get(i.occurrence_id, moment + timedelta(1)) for i in email.items)
    keys = [i.key for _, e in sent for i in e.items]
    assert len(keys) == len(set(keys))


def test_new_york_and_tokyo_get_the_same_local_hours_at_different_moments() -> None:
    ny, tokyo = SCENARIOS["new-york-and-tokyo"]()
    sent = simulate([ny, tokyo], days=4)
    hours = {
        (e.client_id, t.astimezone(ZoneInfo(c.timezone)).hour, t.hour)
        for t, e in sent
        for c in (ny.client, tokyo.client)
        if c.client_id == e.client_id
    }
    assert {(cid, h) for cid, h, _ in hours} == {(1, 8), (1, 19), (2, 8), (2, 19)}
    assert {(cid, utc) for cid, _, utc in hours} == {(1, 13), (1, 0), (2, 23), (2, 10)}


# --- pause and resume by reply (mailbot/core/commands.py) --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pause", "pause"),
        ("STOP", "pause"),
        ("Stop.\n", "pause"),
        ("\n\n  stop!  \n\n", "pause"),
        ("Resume", "resume"),
        ("resume.", "resume"),
        ("Hi,\n\npause\n\nThanks, Anna", "pause"),
        ("Hello Dr. Smith,\nstop\nBest regards,\nAnna", "pause"),
        (
            "pause\n\nOn Mon, 23 Nov 2026 at 19:00, Mailbot <bot@example.org> wrote:\n> Your mood log\n> is due",
            "pause",
        ),
        (
            "resume\n-- \nAnna Example\nFlat 3, Long Street 12, Somewhere\nPhone +49 30 1234567\nstop",
            "resume",
        ),
        ("stop\n--\nAnna", "pause"),
    ],
)
def test_a_clear_word_on_its_own_line_is_a_command(text: str, expected: str) -> None:
    assert is_pause_command(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I can't stop thinking about it",
        "Stop. I mean it.",
        "please pause",
        "",
        "> stop",
        "Today was hard.\n> pause\nI kept going.",
        "pause\nresume",
        "Hi,\nstop\nToday I felt anxious at work and could not sleep at all.",
        "Hi,\nstop\nMood 3\nSlept badly\nWalked\nThanks",
        "Anna\n-- \nstop",
        "unstoppable",
        "stop it",
        "pause?",
    ],
)
def test_anything_else_is_not_a_command(text: str) -> None:
    assert is_pause_command(text) is None


def test_an_item_is_what_the_shell_records() -> None:
    item = scheduled(occurrence(1, local(2026, 11, 24, 21, 0)), client())[0]
    assert isinstance(item, Item) and item.key == (1, "before", 0)
