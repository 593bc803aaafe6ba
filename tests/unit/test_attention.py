"""What the digest puts first (core.attention)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mailbot.core.attention import AlertFact, NoteFact, OtherMailFact, WorkFact, build_attention

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def test_open_alerts_come_oldest_first_in_the_therapists_time_zone() -> None:
    late = AlertFact(2, "Ben", NOW, None)
    early = AlertFact(1, "Anna", NOW - timedelta(hours=5), 7)

    attention = build_attention(BERLIN, alerts=[late, early])

    assert [a.alert_id for a in attention.read_first] == [1, 2]
    assert attention.read_first[0].received_at.utcoffset() == timedelta(hours=1)
    assert attention.read_first[0].command == "mailbot alert done 1"


def test_other_mail_is_one_line_naming_the_client() -> None:
    attention = build_attention(BERLIN, other_mail=[OtherMailFact("Anna Berg", NOW)])

    assert attention.other_mail[0].line == "Anna Berg wrote about something else; it is in your inbox"


def test_an_exposure_answer_asks_whether_to_advance_with_the_command() -> None:
    ladder = {"steps": [{"step": "photo", "suds": 20}, {"step": "video", "suds": 50}], "current": 0}

    [decision] = build_attention(BERLIN, work=[WorkFact("Ben", 3, "Dogs", "exposure", ladder)]).decisions

    assert decision.question == 'advance the ladder to "video"?'
    assert decision.command == "mailbot exposure advance 3"


def test_the_top_of_the_ladder_asks_for_a_plan_without_a_command() -> None:
    ladder = {"steps": [{"step": "photo", "suds": 20}], "current": 0}

    [decision] = build_attention(BERLIN, work=[WorkFact("Ben", 3, "Dogs", "exposure", ladder)]).decisions

    assert decision.command == ""


def test_a_stage_one_mood_log_asks_about_stage_two_once_per_assignment() -> None:
    work = [WorkFact("Anna", 4, "Mood log", "mood-log", {"stage": 1})] * 3

    [decision] = build_attention(BERLIN, work=work).decisions

    assert decision.command == "mailbot assignment stage 4 2"


def test_stage_two_and_other_types_ask_nothing() -> None:
    work = [
        WorkFact("Anna", 4, "Mood log", "mood-log", {"stage": 2}),
        WorkFact("Anna", 5, "J", "journal", {}),
    ]

    assert build_attention(BERLIN, work=work).decisions == []


def test_notes_are_listed_oldest_first() -> None:
    notes = [NoteFact(2, "Ben", "Journal", NOW), NoteFact(1, "Anna", "Mood log", NOW - timedelta(hours=1))]

    assert [n.submission_id for n in build_attention(BERLIN, notes=notes).asked] == [1, 2]
