"""The homework block at the top of a mail the therapist writes (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mailbot.core.homework_block import HomeworkRequest, block_lines, block_rest, read_block

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # Tuesday, 10:00 in Berlin


def read(text: str) -> HomeworkRequest | list[str]:
    lines = block_lines(text)
    assert lines is not None, "no block found"
    return read_block(lines, NOW, BERLIN)


def request(text: str) -> HomeworkRequest:
    found = read(text)
    assert isinstance(found, HomeworkRequest), found
    return found


def test_two_lines_set_a_daily_mood_log_at_the_therapists_hour() -> None:
    got = request("Homework: mood log\nDue: daily at 21:00 until 14 December\n\nDear Anna,\nas we said")

    assert (got.type, got.title, got.repeat, got.until) == (
        "mood-log",
        "Mood log",
        "daily",
        date(2026, 12, 14),
    )
    assert got.first_due == datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # 21:00 in Berlin, today
    assert got.details["stage"] == 1


def test_one_line_is_enough_the_defaults_fill_the_rest() -> None:
    mood = request("Homework: mood log")
    letter = request("Homework: write a letter you will not send")

    assert (mood.repeat, mood.until) == ("daily", date(2026, 12, 7))  # a week, at 21:00
    assert (letter.type, letter.repeat) == ("custom", None)
    assert letter.first_due == datetime(2026, 12, 8, 19, 0, tzinfo=UTC)  # in a week, 20:00


def test_every_assign_option_has_a_line() -> None:
    reading = request(
        "Assignment: reading - Feeling Good\nReading: Feeling Good, chapter 3\n"
        "Questions:\n- What surprised you?\n- What will you try?\nDue: 14.12. at 18:00\n"
        "Why: to see your thoughts from outside\nIf it gets hard: read one page only"
    )
    ladder = request("Homework: lifts\nSteps: look at a lift 20; ride one floor (50); ride ten floors: 80")
    belief = request("Homework: cognitive exercise\nBelief: I must never fail\nTimes: 3\nDue: weekly")
    experiment = request("Homework: experiment\nThought: they will laugh at me\nTitle: Speak up")
    journal = request("Homework: journal\nGood things: yes\nDue: every Monday and Thursday for 3 weeks")

    assert reading.details["reading"] == "Feeling Good, chapter 3" and reading.title == "Feeling Good"
    assert reading.details["questions"] == ["What surprised you?", "What will you try?"]
    assert reading.details["rationale"] == "to see your thoughts from outside"
    assert reading.details["obstacles"] == "read one page only"
    assert reading.first_due == datetime(2026, 12, 14, 17, 0, tzinfo=UTC)
    assert [s["suds"] for s in ladder.details["steps"]] == [20, 50, 80] and ladder.type == "exposure"
    assert (belief.details["belief"], belief.repeat, belief.count) == ("I must never fail", "weekly", 3)
    assert (experiment.details["thought"], experiment.title) == ("they will laugh at me", "Speak up")
    assert journal.details["good_things"] is True
    assert (journal.repeat, journal.until) == ("FREQ=WEEKLY;BYDAY=MO,TH", date(2026, 12, 21))


def test_synonyms_and_a_type_implied_by_its_lines() -> None:
    got = request("Task: dogs\nLadder: photo of a dog 30; stand near a dog 60\nWhen: Friday 6pm")

    assert got.type == "exposure" and got.first_due == datetime(2026, 12, 4, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Homework: mood log\nDeu: tomorrow", 'did you mean "Due:"'),
        ("Homework: mood log\nDue: dialy at 21", "is not a day mailbot can read"),
        ("Homework: exposure", "needs its steps"),
        ("Homework: lifts\nSteps: ride a lift", "needs its SUDS"),
        ("Homework: mood log\nSteps: a 10", "belongs to a exposure homework"),
        ("Homework: journal\nDue: today at 9:00", "already past"),
        ("Homework: mood log\nDue: daily from 10 December until 5 December", "before it starts"),
        ("Homework:\nDue: tomorrow", "is empty"),
    ],
)
def test_an_unreadable_block_says_what_to_fix(text: str, says: str) -> None:
    problems = read(text)

    assert isinstance(problems, list) and any(says in p for p in problems), problems


def test_only_a_mail_that_starts_with_the_block_has_one() -> None:
    assert block_lines("Thank you for today.\nHomework: mood log") is None
    assert block_lines("\n\n  Homework: mood log\n\nHi") == ["  Homework: mood log"]
    text = "Homework: mood log\n\nDue: daily\nDear Anna,\nsee you"
    block = block_lines(text)
    assert block == ["Homework: mood log", "", "Due: daily"]
    assert block_rest(text, block) == "Dear Anna,\nsee you"


def test_a_short_greeting_may_come_before_the_block() -> None:
    text = "Hi Anna,\n\nHomework: mood log\nDue: tomorrow\n\nas we said..."

    assert block_lines(text) == ["Homework: mood log", "Due: tomorrow"]
    assert block_rest(text, ["Homework: mood log", "Due: tomorrow"]) == "as we said..."
    assert block_lines("Hi Anna, here is something long that is not a greeting: yes\nHomework: x") is None


def test_a_request_survives_its_json_round_trip() -> None:
    got = request("Homework: mood log\nDue: daily at 21:00 until 14 December")

    assert HomeworkRequest.from_json(got.to_json()) == got
