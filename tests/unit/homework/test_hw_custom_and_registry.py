"""Custom homework keeps the whole answer; the registry names every type."""

from __future__ import annotations

import pytest
from hw_checks import assert_cut_from
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.homework.custom import TYPE as CUSTOM
from mailbot.core.homework.registry import TYPES, get_type

ALL_NAMES = ["bibliotherapy", "mood-log", "cognitive-exercise", "journal", "exposure", "experiment", "custom"]


def test_custom_keeps_the_whole_answer_as_one_entry() -> None:
    text = "Hi Anna,\n\nI walked for 20 minutes every day.\n\nSituation: this is not a field here.\n\nThanks, Ben"
    assert CUSTOM.parse(text, {"title": "Walk daily"}) == [{"text": text}]


def test_custom_leaves_out_mail_leftovers() -> None:
    text = "Did it!\n\nSent from my iPhone\n\n> Please walk every day\n"
    assert CUSTOM.parse(text, {}) == [{"text": "Did it!"}]


def test_custom_keeps_the_text_when_it_is_only_leftovers_and_gives_nothing_for_nothing() -> None:
    assert CUSTOM.parse("> quoted\n", {}) == [{"text": "> quoted"}]
    assert CUSTOM.parse(" \n ", {}) == []


def test_custom_has_no_form_fields() -> None:
    assert CUSTOM.fields({"title": "x", "instructions": "y"}) == ()


def test_the_registry_holds_all_seven_types_by_their_type_name() -> None:
    assert sorted(TYPES) == sorted(ALL_NAMES)
    assert all(TYPES[name].name == name and TYPES[name].label for name in ALL_NAMES)


def test_get_type_returns_the_type() -> None:
    assert get_type("mood-log") is TYPES["mood-log"]


def test_an_unknown_type_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="unknown homework type 'mood_log'.*mood-log.*custom"):
        get_type("mood_log")


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_form_field_has_a_key_and_a_label(name: str) -> None:
    details = {
        "questions": ["Why?", "How?"],
        "steps": [{"step": "a", "suds": 10}],
        "current": 0,
        "stage": 2,
        "good_things": True,
    }
    for form_field in TYPES[name].fields(details):
        assert form_field.key and form_field.label


@settings(max_examples=examples(100), deadline=None)
@given(st.text())
def test_custom_never_raises_and_keeps_the_clients_words(text: str) -> None:
    entries = CUSTOM.parse(text, {})
    assert bool(entries) == bool(text.strip())
    assert_cut_from(text, entries)
