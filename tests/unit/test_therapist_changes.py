"""The decisions behind the therapist's everyday changes, pure: a client's address and folder,
the options of each homework type, a ladder's next step, a word about reminders."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from mailbot.core.changes import ChangeRefused, next_ladder_step, reminder_setting
from mailbot.core.clients import folder_label, free_folder, normal_address
from mailbot.core.homework.options import AssignOptions, OptionError, assignment_details, parse_steps
from mailbot.core.reminder_policy import Policy, client_view

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_an_address_is_kept_trimmed_and_lower_case_and_anything_else_is_refused() -> None:
    assert normal_address("  Ben@Client.Example ") == "ben@client.example"
    assert normal_address("ben at client") is None
    assert normal_address("<ben@client.example>") is None


def test_a_name_becomes_one_folder_level_without_delimiters_or_wildcards() -> None:
    assert folder_label("Ben / O'Brien.*") == "Ben O'Brien"
    assert folder_label("\x00\x07") == "Client"


def test_a_second_client_of_the_same_name_gets_the_next_free_folder() -> None:
    assert free_folder("Ben", set()) == "Ben"
    assert free_folder("Ben", {"Ben", "Ben 2"}) == "Ben 3"
    assert free_folder("Ben", {"Ben 2"}) == "Ben"


def test_an_option_of_another_homework_type_is_refused_by_its_name() -> None:
    with pytest.raises(OptionError, match="--steps does not apply to --type journal"):
        assignment_details("journal", AssignOptions(steps="a:10"))


def test_each_type_starts_with_its_own_details() -> None:
    assert assignment_details("mood-log", AssignOptions())["stage"] == 1
    assert assignment_details("journal", AssignOptions(good_things=True))["good_things"] is True
    reading = assignment_details("bibliotherapy", AssignOptions(reading="ch. 2", questions=("Why?",)))
    assert reading["reading"] == "ch. 2" and reading["questions"] == ["Why?"]
    ladder = assignment_details("exposure", AssignOptions(steps="photo:30;near:60"))
    assert ladder["steps"] == [{"step": "photo", "suds": 30}, {"step": "near", "suds": 60}]
    assert ladder["current"] == 0 and ladder["history"] == []


def test_bibliotherapy_needs_a_reading_and_exposure_needs_steps() -> None:
    with pytest.raises(OptionError, match="needs --reading"):
        assignment_details("bibliotherapy", AssignOptions())
    with pytest.raises(OptionError, match="needs --steps"):
        assignment_details("exposure", AssignOptions())


def test_a_ladder_step_without_a_suds_from_0_to_100_is_refused() -> None:
    with pytest.raises(OptionError, match="'step:SUDS'"):
        parse_steps("photo:130")
    with pytest.raises(OptionError, match="at least one"):
        parse_steps(" ; ")


def test_a_ladder_moves_one_step_up_and_remembers_when() -> None:
    details = {"steps": [{"step": "a"}, {"step": "b"}], "current": 0, "history": []}

    moved = next_ladder_step(7, details, NOW)

    assert moved["current"] == 1
    assert moved["history"] == [{"from": 0, "to": 1, "at": NOW.isoformat()}]
    assert details["current"] == 0  # the old details are left as they were


def test_a_ladder_at_its_top_step_does_not_move() -> None:
    with pytest.raises(ChangeRefused, match="already at the top step \\(2\\)"):
        next_ladder_step(7, {"steps": [{}, {}], "current": 1}, NOW)


def test_the_therapists_word_settles_who_paused_reminders() -> None:
    assert reminder_setting("pause") == ("paused", "therapist")
    assert reminder_setting("paused") == ("paused", "therapist")
    assert reminder_setting("resume") == ("on", None)
    assert reminder_setting("off") == ("off", None)


def test_a_clients_own_reminder_settings_lie_on_top_of_every_configured_policy() -> None:
    base, journal = Policy(), Policy(max_nudges=0)

    off = client_view(1, "UTC", "off", False, None, base, {"journal": journal})
    paused = client_view(1, "UTC", "paused", True, time(7, 30), base, {"journal": journal})

    assert not off.policy.enabled and not off.policy_for("journal").enabled
    assert paused.paused and paused.bounced and paused.policy.enabled
    assert paused.policy.due_hour == time(7, 30) and paused.policy_for("journal").due_hour == time(7, 30)
    assert paused.policy_for("journal").max_nudges == 0  # the type's own setting stays
