"""The session brief's core: what it counts, what it quotes, what it draws and suggests, and
when it is sent. Pure: facts and a clock in, a Brief out."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.core.brief import build_brief, day_strip, missed_streaks, since_when
from mailbot.core.brief_facts import AlertFact, AnswerFact, AssignmentFact, NoteFact, OccurrenceFact
from mailbot.core.brief_timing import brief_due, send_time
from mailbot.core.lifecycle import previous_session, sessions_rule

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 6, 30, tzinfo=UTC)  # Thursday 07:30 in Berlin
SINCE = datetime(2026, 11, 12, 14, 0, tzinfo=UTC)


def day(n: int, hour: int = 20) -> datetime:
    return datetime(2026, 11, n, hour, tzinfo=UTC)


def occurrences(statuses: dict[int, str]) -> tuple[OccurrenceFact, ...]:
    return tuple(OccurrenceFact(i, day(d), s) for i, (d, s) in enumerate(sorted(statuses.items())))


def assignment(
    type_: str = "mood-log", statuses: dict[int, str] | None = None, **details: Any
) -> AssignmentFact:
    return AssignmentFact(
        1,
        type_,
        "Mood log" if type_ == "mood-log" else type_.title(),
        "open",
        details,
        occurrences(statuses or {}),
    )


def answer(n: int, *entries: dict[str, Any], assignment_id: int = 1) -> AnswerFact:
    return AnswerFact(100 + n, assignment_id, day(n, 19), tuple(entries))


def brief(assignments: list[AssignmentFact], answers: list[AnswerFact] = (), **kw: Any):  # type: ignore[assignment,no-untyped-def]
    return build_brief(
        NOW, BERLIN, client_id=1, client_name="Mia", client_email="mia@client.example", since=SINCE,
        previous_session=SINCE, assignments=assignments, answers=answers, **kw,
    )  # fmt: skip


def test_the_period_starts_at_what_was_asked_else_the_previous_session_else_two_weeks_back() -> None:
    assert since_when(NOW, SINCE, day(20)) == day(20)
    assert since_when(NOW, SINCE, None) == SINCE
    assert since_when(NOW, None, None) == NOW - timedelta(days=14)


def test_the_brief_goes_with_the_digest_on_the_sessions_day_or_twelve_hours_before_an_early_one() -> None:
    afternoon = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # 15:00 in Berlin
    early = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # 07:00, before the 07:30 digest
    assert send_time(afternoon, BERLIN, time(7, 30), None) == datetime(2026, 11, 26, 6, 30, tzinfo=UTC)
    assert send_time(early, BERLIN, time(7, 30), None) == early - timedelta(hours=12)
    assert send_time(afternoon, BERLIN, time(7, 30), 3) == afternoon - timedelta(hours=3)


def test_a_brief_is_due_from_its_time_until_the_session_begins_and_never_without_a_session() -> None:
    session = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    assert not brief_due(NOW - timedelta(minutes=1), session, BERLIN, time(7, 30), None)
    assert brief_due(NOW, session, BERLIN, time(7, 30), None)
    assert not brief_due(session, session, BERLIN, time(7, 30), None)
    assert not brief_due(NOW, None, BERLIN, time(7, 30), None)


def test_the_previous_session_is_the_latest_of_those_set_by_hand_and_the_regular_ones() -> None:
    rule = sessions_rule("FREQ=WEEKLY;BYDAY=TH;BYHOUR=15", datetime(2026, 11, 1, 9, tzinfo=BERLIN))
    thursday = datetime(2026, 11, 19, 14, 0, tzinfo=UTC)
    assert previous_session(NOW, BERLIN, None, None, rule) == thursday
    assert previous_session(NOW, BERLIN, day(23), None, rule) == day(23)  # a Monday set by hand, passed
    assert previous_session(NOW, BERLIN, day(30), day(10), None) == day(10)  # the next is still ahead
    assert previous_session(NOW, BERLIN, None, None, None) is None


def test_the_day_strip_marks_each_day_by_its_worst_status_and_runs_of_misses_are_found() -> None:
    found = occurrences(
        {
            13: "done",
            14: "missed",
            15: "excused",
            16: "missed",
            17: "missed",
            18: "late",
            19: "missed",
            25: "open",
        }
    )

    strip = {m.day.day: m.mark for m in day_strip(NOW, BERLIN, SINCE, found)}
    runs = missed_streaks(BERLIN, found)

    assert strip[12] == "none" and strip[13] == "done" and strip[14] == "missed" and strip[15] == "excused"
    assert strip[18] == "late" and strip[25] == "waiting" and strip[26] == "none"
    assert [(r.first.day, r.length) for r in runs] == [
        (14, 3)
    ]  # the excused day passes over; one alone is no run


def test_adherence_counts_the_period_and_the_whole_assignment_with_the_one_function() -> None:
    statuses = {5: "missed", 8: "done", 13: "done", 14: "late", 15: "missed", 16: "excused", 25: "open"}

    [mood] = brief([assignment(statuses=statuses)]).homework

    assert (
        mood.since_session.summary()
        == "2 of 3 handed in (1 late), 1 missed, 1 excused, 1 in the grace period"
    )
    assert mood.overall.summary() == "3 of 5 handed in (1 late), 2 missed, 1 excused, 1 in the grace period"


def test_entries_make_a_table_of_the_columns_given_and_quotes_keep_the_clients_exact_words() -> None:
    answers = [
        answer(13, {"situation": "work", "automatic_thought": "I'm  a failure", "intensity": 80}),
        answer(14, {"situation": "bus", "automatic_thought": "I'm  a failure", "intensity": 70}),
        answer(15, {"situation": "home", "automatic_thought": "Nobody calls", "intensity": 60}),
    ]

    [mood] = brief([assignment(statuses={13: "done", 14: "done", 15: "done"})], answers).homework

    assert mood.headings == ("Situation", "Automatic thought", "Int.")
    assert [r.cells for r in mood.rows][0] == ("work", "I'm a failure", "80")
    assert [(q.text, q.times) for q in mood.quotes] == [("I'm  a failure", 2), ("Nobody calls", 1)]


def test_a_repeated_automatic_thought_is_suggested_for_a_cognitive_exercise() -> None:
    answers = [
        answer(n, {"automatic_thought": t})
        for n, t in ((13, "I'm a failure."), (14, "i'm a FAILURE"), (15, "I’m a failure"), (16, "meh"))
    ]

    agenda = brief([assignment(statuses={})], answers).agenda

    [thought] = [s for s in agenda if "cognitive exercise" in s.text]
    assert (
        thought.text
        == "the automatic thought “I'm a failure.” appeared 3 times: a candidate for a cognitive exercise"
    )
    assert thought.cli.startswith("mailbot assign mia@client.example --type cognitive-exercise")


def test_suds_falling_at_the_current_step_suggests_the_next_with_its_mail_command() -> None:
    ladder = assignment(
        "exposure",
        steps=[{"step": "Look at a lift", "suds": 30}, {"step": "Ride one floor", "suds": 50}],
        current=0,
    )
    answers = [
        answer(n, {"step": "look at a lift", "suds_peak": p}) for n, p in ((13, 70), (15, 52), (17, 35))
    ]

    agenda = brief([ladder], answers).agenda
    flat = brief([ladder], answers[:2]).agenda

    [advance] = [s for s in agenda if "SUDS" in s.text]
    assert advance.text == "peak SUDS at step 1 fell from 70 to 35 over 3 attempts: consider the next step"
    assert (advance.command, advance.cli) == ("advance 1", "mailbot exposure advance 1")
    assert not any("SUDS" in s.text for s in flat)  # 70 to 52: not yet


def test_stage_one_kept_up_for_two_weeks_suggests_stage_two_and_a_slipping_log_does_not() -> None:
    good = {d: "done" for d in range(11, 26)} | {20: "missed"}
    poor = {d: ("done" if d % 2 else "missed") for d in range(11, 26)}

    kept = brief([assignment(statuses=good, stage=1)]).agenda
    slipped = brief([assignment(statuses=poor, stage=1)]).agenda
    already = brief([assignment(statuses=good, stage=2)]).agenda

    [stage] = [s for s in kept if "stage 2" in s.text]
    assert stage.command == "stage 2 1" and "(13 of 14)" in stage.text
    assert not any("stage 2" in s.text for s in slipped + already)


def test_the_agenda_puts_worries_and_questions_first_then_reviews_with_the_days_missed() -> None:
    alert = AlertFact(4, day(24, 22), "I can't go on", "open", 120)
    note = NoteFact(121, day(23, 9), "Mood log", "Should I write on quiet days?")

    agenda = brief(
        [assignment(statuses={23: "missed", 24: "missed", 22: "done"})], alerts=[alert], notes=[note]
    ).agenda

    assert agenda[0].text == "start with the worrying message of Tuesday (open): “I can't go on”"
    assert agenda[0].cli == "mailbot alert done 4"
    assert agenda[1].command == "done 121"
    assert agenda[2].text == "review the Mood log first (1 of 3 handed in); ask about Monday and Tuesday"


def test_an_experiment_whose_belief_moved_is_worth_going_through() -> None:
    answers = [answer(14, {"prediction": "they laugh", "belief_before": 80, "belief_after": 30})]

    built = brief([assignment("experiment", statuses={14: "done"})], answers)

    assert any(s.text.startswith("belief in the prediction fell from 80 % to 30 %") for s in built.agenda)
    [chart] = built.charts
    assert chart.kind == "belief" and [p.values for p in chart.points] == [
        {"belief_before": 80, "belief_after": 30}
    ]


def test_charts_climb_the_ladder_count_good_things_and_questions_answered() -> None:
    ladder = AssignmentFact(
        2, "exposure", "Lift", "open", {"steps": [{"step": "look"}, {"step": "ride"}]}, ()
    )
    journal = AssignmentFact(3, "journal", "Journal", "open", {"good_things": True}, ())
    reading = AssignmentFact(4, "bibliotherapy", "Reading", "open", {"questions": ["a?", "b?", "c?"]}, ())
    answers = [
        answer(13, {"step": "ride", "suds_peak": 60}, assignment_id=2),
        answer(14, {"step": "look", "suds_peak": 40}, assignment_id=2),
        answer(15, {"good_things": ["tea", "sun"]}, assignment_id=3),
        answer(16, {"reading": "chapter 3", "answers": [{"answer": "x"}, {"answer": ""}]}, assignment_id=4),
    ]

    charts = {c.kind: c for c in brief([ladder, journal, reading], answers).charts}

    assert [p.label for p in charts["suds"].points] == ["look", "ride"]
    assert [p.values for p in charts["good_things"].points] == [{"good_things": 2}] and charts[
        "good_things"
    ].top == 3
    assert [p.values for p in charts["reading"].points] == [{"answered": 1}] and charts["reading"].top == 3


def test_nothing_since_the_session_is_said_even_with_an_old_open_note_listed() -> None:
    old_note = NoteFact(9, day(2), "Mood log", "an old question")

    quiet = brief([assignment(statuses={13: "missed"})], notes=[old_note])
    busy = brief([assignment(statuses={13: "done"})], [answer(13, {"intensity": 50})])

    assert quiet.nothing_since and quiet.notes == [
        old_note.__class__(9, day(2).astimezone(BERLIN), "Mood log", "an old question")
    ]
    assert not busy.nothing_since


def test_the_subject_names_client_and_session_and_figures_only_when_asked(tmp_path: Path) -> None:
    from mailbot.config import load_config
    from mailbot.practice.briefing import subject

    base = (
        '[therapist]\nname = "Ada"\nemail = "ada@practice.example"\ntimezone = "Europe/Berlin"\n'
        '[imap]\nhost = "127.0.0.1"\nsecurity = "none"\nusername = "a"\npassword = "x"\n'
        '[smtp]\nhost = "127.0.0.1"\nsecurity = "none"\nusername = "a"\npassword = "x"\n'
    )
    (tmp_path / "plain.toml").write_text(base)
    (tmp_path / "detailed.toml").write_text(base + "[brief]\ndetailed_subject = true\n")
    alert = AlertFact(4, day(24, 22), "I can't go on", "open", 120)
    built = brief(
        [assignment(statuses={13: "done", 14: "missed"})],
        session_at=datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
        alerts=[alert],
    )

    plain = subject(load_config(tmp_path / "plain.toml"), built)
    detailed = subject(load_config(tmp_path / "detailed.toml"), built)

    assert plain == "Session brief: Mia, Thu 26 Nov 15:00"
    assert detailed == "Session brief: Mia, Thu 26 Nov 15:00 — 1 worrying message, 1 of 2 handed in"
