"""The daily digest's decisions (pure, a clock passed in) and its wording, without any server."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mailbot.config import Config, parse_config
from mailbot.core.digest import (
    AnswerFact,
    ClientFact,
    FeedbackFact,
    OccurrenceFact,
    ProblemFact,
    ReminderFact,
    SubmissionFact,
    TriageFact,
    build_digest,
    day_marks,
    trend,
)
from mailbot.core.digest_ratings import direction
from mailbot.core.problem_kinds import PROBLEM_TITLES, Job
from mailbot.core.when import when_text
from mailbot.passes.digest_email import digest_message_id, hours_text, render_digest, subject

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # Monday 07:30 in Berlin
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def digest(**facts: object):  # type: ignore[no-untyped-def]
    return build_digest(NOW, BERLIN, since=NOW - DAY, **facts)  # type: ignore[arg-type]


def occurrence(
    due: datetime,
    status: str,
    client: int = 1,
    assignment: int = 1,
    name: str = "Ana Lima",
    title: str = "Mood log",
    open_: bool = True,
) -> OccurrenceFact:
    return OccurrenceFact(assignment, client, name, title, due, status, open_)


def daily(statuses: str, client: int = 1, name: str = "Ana Lima") -> list[OccurrenceFact]:
    """One occurrence a day at 20:00 UTC, the last letter yesterday: d done, l late, m missed."""
    named = {"d": "done", "l": "late", "m": "missed"}
    last = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    return [
        occurrence(last - (len(statuses) - 1 - i) * DAY, named[s], client, client, name)
        for i, s in enumerate(statuses)
    ]


def client(
    name: str,
    last: datetime | None,
    open_work: bool = True,
    created: datetime = NOW - 60 * DAY,
    reminders: str = "on",
    client_id: int = 1,
) -> ClientFact:
    return ClientFact(client_id, name, created, reminders, open_work, last)


# Feedback


def test_overdue_feedback_comes_first_the_latest_at_the_top() -> None:
    owed = [
        FeedbackFact(1, "Ana", "Mood log", NOW - 30 * HOUR, NOW - 6 * HOUR),
        FeedbackFact(2, "Ben", "Journal", NOW - 50 * HOUR, NOW - 26 * HOUR),
        FeedbackFact(3, "Cleo", "Exposure", NOW - 4 * HOUR, NOW + 20 * HOUR),
    ]

    lines = digest(feedback=owed).feedback

    assert [line.submission_id for line in lines] == [2, 1, 3]
    assert [line.overdue for line in lines] == [True, True, False]
    assert lines[0].hours_left == pytest.approx(-26)
    assert lines[0].command == "done 2"


def test_feedback_due_after_the_next_digest_is_left_out() -> None:
    owed = [FeedbackFact(1, "Ana", "Mood log", NOW, NOW + DAY + HOUR)]

    assert digest(feedback=owed).feedback == []


def test_times_in_the_digest_are_the_therapists_local_time() -> None:
    owed = [FeedbackFact(1, "Ana", "Mood log", NOW - 30 * HOUR, NOW - 6 * HOUR)]

    result = digest(feedback=owed)

    assert result.now.hour == 7 and result.now.tzinfo == BERLIN
    assert result.feedback[0].due_at.hour == 1


# New submissions and triage


def test_new_submissions_are_oldest_first_and_none_from_after_now() -> None:
    new = [
        SubmissionFact(2, "Ben", "Journal", NOW - 2 * HOUR, False, 0),
        SubmissionFact(1, "Ana", "Mood log", NOW - 9 * HOUR, True, 2),
        SubmissionFact(3, "Cleo", "Mood log", NOW + HOUR, False, 0),
    ]

    assert [s.submission_id for s in digest(new=new).new] == [1, 2]


def test_triage_command_names_the_assignment_a_thread_pointed_at() -> None:
    item = TriageFact(
        12,
        "someone@else.example",
        "Re: homework",
        NOW,
        "thread match from an address that is not the client's",
        7,
        (),
    )

    assert digest(triage=[item]).triage[0].command == "triage 12 to 7"


def test_triage_command_names_the_clients_only_open_assignment() -> None:
    item = TriageFact(12, "Ana", "hello", NOW, "possible spoof", None, ((4, "Mood log"),))

    assert digest(triage=[item]).triage[0].command == "triage 12 to 4"


def test_triage_command_leaves_the_choice_when_several_are_open() -> None:
    item = TriageFact(
        12,
        "Ana",
        "hello",
        NOW,
        "several open assignments and none named",
        None,
        ((4, "Mood log"), (5, "Journal")),
    )

    line = digest(triage=[item]).triage[0]

    assert line.command == "triage 12 to <assignment>"
    assert line.actions == (("triage 12 to 4", "Mood log"), ("triage 12 to 5", "Journal"))
    assert line.options == ((4, "Mood log"), (5, "Journal"))


def test_triage_waiting_longest_comes_first() -> None:
    items = [TriageFact(i, "Ana", "x", NOW - i * HOUR, "r", None, ()) for i in (1, 3, 2)]

    assert [t.submission_id for t in digest(triage=items).triage] == [3, 2, 1]


# Due and overdue homework


def test_due_today_and_overdue_are_grouped_by_client_most_overdue_first() -> None:
    tonight = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
    facts = [
        occurrence(tonight, "open", 1, 1, "Ana Lima"),
        occurrence(NOW - 3 * DAY, "missed", 2, 2, "Ben Ortiz", "Journal"),
        occurrence(NOW - 2 * DAY, "missed", 2, 2, "Ben Ortiz", "Journal"),
        occurrence(tonight, "open", 2, 2, "Ben Ortiz", "Journal"),
    ]

    due = digest(occurrences=facts).due

    assert [g.client_name for g in due] == ["Ben Ortiz", "Ana Lima"]
    [journal] = due[0].items
    assert len(journal.overdue) == 2 and journal.overdue[0] < journal.overdue[1]
    assert journal.due_today == tonight.astimezone(BERLIN)
    assert due[1].items[0].overdue == ()


def test_handed_in_closed_and_later_work_is_not_listed_as_due() -> None:
    tomorrow = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
    facts = [
        occurrence(NOW - DAY, "done"),
        occurrence(NOW - DAY, "late"),
        occurrence(NOW - DAY, "missed", open_=False),
        occurrence(tomorrow, "open"),
    ]

    assert digest(occurrences=facts).due == []


def test_old_misses_of_repeating_work_are_left_to_adherence() -> None:
    facts = [
        occurrence(NOW - 20 * DAY, "missed"),
        occurrence(NOW - 13 * DAY, "done"),
        occurrence(NOW - 6 * DAY, "done"),
    ]

    assert digest(occurrences=facts).due == []


def test_a_one_off_not_handed_in_stays_listed_after_a_week() -> None:
    facts = [occurrence(NOW - 20 * DAY, "missed", title="Reading")]

    [group] = digest(occurrences=facts).due

    assert group.items[0].overdue == ((NOW - 20 * DAY).astimezone(BERLIN),)


def test_the_most_behind_of_equal_adherence_comes_first() -> None:
    facts = [*daily("m", 1, "Ana"), *daily("mmmm", 2, "Ben")]

    assert [a.client_name for a in digest(occurrences=facts).adherence] == ["Ben", "Ana"]


def test_two_clients_with_the_same_name_stay_apart() -> None:
    facts = [
        occurrence(NOW - DAY, "missed", 1, 1, "Sam Lee"),
        occurrence(NOW - DAY, "missed", 2, 2, "Sam Lee"),
    ]

    result = digest(occurrences=facts)

    assert len(result.due) == 2 and len(result.adherence) == 2


# Quiet clients


def test_client_quiet_for_inactive_days_is_listed_longest_quiet_first() -> None:
    clients = [
        client("Ana", NOW - 4 * DAY),
        client("Ben", None, client_id=2),
        client("Cleo", NOW - DAY, client_id=3),
    ]

    quiet = digest(clients=clients, inactive_days=3).inactive

    assert [(q.client_name, q.days_quiet) for q in quiet] == [("Ben", None), ("Ana", 4)]


def test_new_clients_and_clients_without_open_work_are_not_quiet() -> None:
    clients = [client("Ana", None, created=NOW - 2 * DAY), client("Ben", None, open_work=False)]

    assert digest(clients=clients).inactive == []


def test_paused_reminders_are_named() -> None:
    clients = [
        client("Ben", NOW, reminders="paused"),
        client("Ana", NOW, reminders="paused"),
        client("Cleo", NOW),
    ]

    assert digest(clients=clients).paused == ["Ana", "Ben"]


# Adherence


def test_adherence_counts_handed_in_late_or_not_over_due_for_7_and_28_days() -> None:
    facts = daily("d" * 21 + "ddlmddd")  # 28 days; the last week has a late and a missed one

    [line] = digest(occurrences=facts).adherence

    assert (line.done_7, line.due_7, line.done_28, line.due_28) == (6, 7, 27, 28)
    assert line.ratio_7 == pytest.approx(6 / 7)


def test_excused_days_and_days_in_the_grace_period_count_neither_way() -> None:
    facts = [
        *daily("dm"),
        occurrence(datetime(2026, 11, 23, 5, 0, tzinfo=UTC), "open"),  # past, inside the grace period
        occurrence(datetime(2026, 11, 20, 20, 0, tzinfo=UTC), "excused"),
    ]

    [line] = digest(occurrences=facts).adherence

    assert (line.done_7, line.due_7) == (1, 2)


def test_occurrences_not_yet_due_do_not_count() -> None:
    facts = [*daily("d"), occurrence(datetime(2026, 11, 23, 19, 0, tzinfo=UTC), "open")]

    [line] = digest(occurrences=facts).adherence

    assert (line.done_7, line.due_7) == (1, 1)


def test_adherence_trend_compares_the_last_week_with_the_one_before() -> None:
    worse = digest(occurrences=daily("ddddddd" + "dmmdmdm")).adherence[0]
    better = digest(occurrences=daily("mmmmddd" + "ddddddd")).adherence[0]
    same = digest(occurrences=daily("ddddddm" + "ddddddm")).adherence[0]

    assert (worse.trend, better.trend, same.trend) == ("down", "up", "flat")


def test_trend_is_flat_below_ten_points_or_without_data() -> None:
    assert trend(0.85, 0.80) == "flat"
    assert trend(0.9, 0.8) == "up"
    assert trend(0.5, None) == "flat"
    assert trend(None, 0.5) == "flat"


def test_day_marks_show_each_of_28_days_oldest_first() -> None:
    marks = day_marks(NOW, BERLIN, daily("dlm"))

    assert len(marks) == 28
    assert marks[-4:] == ("done", "late", "missed", "none")  # today has nothing due yet
    assert set(marks[:-4]) == {"none"}


def test_lowest_adherence_comes_first() -> None:
    facts = [*daily("ddddddd", 1, "Ana"), *daily("dmdmdmd", 2, "Ben"), *daily("mmmmmmm", 3, "Cleo")]

    assert [a.client_name for a in digest(occurrences=facts).adherence] == ["Cleo", "Ben", "Ana"]


# Ratings


def test_mood_log_intensity_becomes_a_series_over_time() -> None:
    answers = [
        AnswerFact(
            "Ana",
            1,
            "Mood log",
            "mood-log",
            NOW - (5 - i) * DAY,
            ({"intensity": 80 - 10 * i, "emotion": "sad"},),
        )
        for i in range(5)
    ]

    [series] = digest(answers=answers).ratings

    assert [p.values["intensity"] for p in series.points] == [80, 70, 60, 50, 40]
    assert series.points[0].at < series.points[-1].at
    assert series.direction == "falling"


def test_exposure_series_keeps_before_peak_and_after() -> None:
    answers = [
        AnswerFact(
            "Ben",
            2,
            "Dogs",
            "exposure",
            NOW - DAY,
            ({"suds_before": 40, "suds_peak": 70, "suds_after": 30, "step": "Photo"}, {"suds_peak": 60}),
        )
    ]

    [series] = digest(answers=answers).ratings

    assert series.keys == ("suds_before", "suds_peak", "suds_after")
    assert [dict(p.values) for p in series.points] == [
        {"suds_before": 40, "suds_peak": 70, "suds_after": 30},
        {"suds_peak": 60},
    ]


def test_ratings_keep_the_latest_points_and_count_them_all() -> None:
    answers = [
        AnswerFact("Ana", 1, "Mood log", "mood-log", NOW - (30 - i) * HOUR, ({"intensity": i},))
        for i in range(30)
    ]

    [series] = digest(answers=answers).ratings

    assert series.total == 30 and len(series.points) == 20
    assert series.points[-1].values["intensity"] == 29


def test_ratings_that_are_not_0_to_100_numbers_are_ignored() -> None:
    entries = ({"intensity": "80"}, {"intensity": 140}, {"intensity": True}, {"emotion": "sad"})
    answers = [
        AnswerFact("Ana", 1, "Mood log", "mood-log", NOW, entries),
        AnswerFact("Ben", 2, "Journal", "journal", NOW, ({"intensity": 50},)),
    ]

    assert digest(answers=answers).ratings == []


def test_rating_direction_compares_the_halves() -> None:
    assert direction([80, 80, 40, 40]) == "falling"
    assert direction([20, 30, 60]) == "rising"
    assert direction([50, 55, 52, 58]) == "steady"
    assert direction([50]) == "steady"


# Reminders and problems


def test_reminders_are_in_time_order_and_local() -> None:
    sent = [
        ReminderFact("Ben", "Journal", "due", NOW - HOUR, "sent"),
        ReminderFact("Ana", "Mood log", "nudge", NOW - 5 * HOUR, "failed"),
    ]

    lines = digest(reminders=sent).reminders

    assert [r.client_name for r in lines] == ["Ana", "Ben"] and lines[0].at.tzinfo == BERLIN


def test_repeated_problems_are_grouped_with_their_count_newest_first() -> None:
    problems = [
        ProblemFact(Job.INTAKE, NOW - 3 * HOUR, "Cannot log in"),
        ProblemFact(Job.INTAKE, NOW - 2 * HOUR, "Cannot log in"),
        ProblemFact("send", NOW - HOUR, "the reminder email to Ana was refused"),
    ]

    lines = digest(problems=problems).problems

    assert [(p.title, p.count) for p in lines] == [("An email was not sent", 1), ("Checking mail failed", 2)]


def test_every_job_the_daemon_records_has_its_own_problem_title() -> None:
    facts = [ProblemFact(job, NOW - HOUR, "Cannot log in") for job in Job]

    titles = {p.title for p in digest(problems=facts).problems}

    assert titles == {PROBLEM_TITLES[job] for job in Job}


def test_a_quiet_day_leaves_every_section_empty() -> None:
    result = digest(clients=[client("Ana", NOW - HOUR)])

    assert not any(
        [
            result.feedback,
            result.new,
            result.triage,
            result.due,
            result.inactive,
            result.adherence,
            result.ratings,
            result.reminders,
            result.paused,
            result.problems,
        ]
    )


# Wording: subject, spans, the templates


@pytest.fixture
def config(tmp_path: Path) -> Config:
    raw = {
        "therapist": {
            "name": "Dr. Ada Example",
            "email": "ada@practice.example",
            "timezone": "Europe/Berlin",
        },
        "imap": {"host": "127.0.0.1", "security": "none", "username": "u", "password": "p"},
        "smtp": {"host": "127.0.0.1", "security": "none", "username": "u", "password": "p"},
    }
    return parse_config(raw, tmp_path / "config.toml")


def test_subject_counts_what_needs_the_therapist_and_names_the_day() -> None:
    owed = [FeedbackFact(i, "Ana", "Mood log", NOW - 40 * HOUR, NOW - HOUR) for i in range(3)]
    triage = [TriageFact(9, "Ana", "x", NOW, "r", None, ())]

    assert (
        subject(digest(feedback=owed, triage=triage))
        == "mailbot digest: 3 feedback overdue, 1 in triage — Mon 23 Nov"
    )
    assert subject(digest()) == "mailbot digest: all quiet — Mon 23 Nov"


def test_spans_and_moments_read_like_a_person_wrote_them() -> None:
    local = NOW.astimezone(BERLIN)
    assert [hours_text(h) for h in (0.5, -5.2, 30, 49, 72)] == ["30 min", "5 h", "30 h", "2 d 1 h", "3 d"]
    assert when_text(local - DAY, local) == "yesterday 07:30"
    assert when_text(local - 3 * DAY, local) == "Fri 20 Nov 07:30"


def test_the_message_id_is_the_same_all_day(config: Config) -> None:
    assert digest_message_id(config, NOW.date()) == "<digest-2026-11-23.mailbot@practice.example>"


def test_empty_sections_are_left_out_of_both_versions(config: Config) -> None:
    text, html = render_digest(
        config, digest(new=[SubmissionFact(1, "Ana Lima", "Mood log", NOW - HOUR, False, 0)])
    )

    assert "New since" in text and "New since" in html and "Ana Lima" in text
    for heading in ("Feedback due", "Needs your decision", "Adherence", "Ratings", "Problems"):
        assert heading not in text and heading not in html


def test_html_has_no_script_no_style_sheet_and_no_remote_resource(config: Config) -> None:
    facts = {
        "occurrences": daily("dlm" * 9),
        "answers": [AnswerFact("Ana", 1, "Mood log", "mood-log", NOW, ({"intensity": 60},))],
    }
    _text, html = render_digest(config, digest(**facts))

    assert "<script" not in html.lower() and "<style" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "url(" not in html
