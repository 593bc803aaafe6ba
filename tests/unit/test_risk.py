"""find_risk: a worrying sentence in a client's own words is found, ordinary low mood is not.

The choices a clinician could make either way are each written down here as a test named
for the rule (and in docs/risk.md).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.risk import (
    MAX_CHARS,
    RiskMatch,
    builtin_pattern_names,
    find_risk,
    find_risk_in_reply,
    risk_rules,
)
from tests.risk_corpus.measure import FOLDERS, LANGUAGES, lines, measure

RULES = risk_rules()


def flagged(text: str) -> bool:
    return bool(find_risk(text, RULES))


# --- the corpus -------------------------------------------------------------------------------


def test_corpus_has_enough_sentences_in_every_language() -> None:
    def sentences(kind: str, languages: tuple[str, ...] = LANGUAGES) -> int:
        return sum(
            len(lines(folder / f"{kind}_{language}.txt")) for folder in FOLDERS for language in languages
        )

    assert sentences("risk") >= 100
    assert sentences("ordinary") >= 400
    for language in LANGUAGES:
        assert sentences("risk", (language,)) >= 40, language
        assert sentences("ordinary", (language,)) >= 90, language


def test_corpus_every_risk_sentence_alerts_and_under_3_percent_of_ordinary_ones_do() -> None:
    # given the corpus and the held-out batches written after the lists (all kept)
    for folder in FOLDERS:
        # when
        figures = measure((folder,))

        # then
        assert figures.misses == (), f"missed in {folder.name}: {figures.misses}"
        assert figures.false_alarm_rate < 0.03, f"false alarms in {folder.name}: {figures.false_alarms}"


# --- what is found, and how it is reported ---------------------------------------------------


def test_match_reports_the_clients_sentence_its_language_and_the_pattern() -> None:
    # given
    text = "Mood log: sad 80.\nThe walk was fine. Honestly nobody would notice if I disappeared.  Rating 90."

    # when
    matches = find_risk(text, RULES)

    # then
    assert matches == [RiskMatch("Honestly nobody would notice if I disappeared.", "en", "en.if_i_was_gone")]


def test_one_match_per_sentence_in_text_order() -> None:
    text = "Ich will nicht mehr leben. Alles gut sonst. I want to die, I want to die."
    assert [m.language for m in find_risk(text, RULES)] == ["de", "en"]


def test_hard_wrapped_line_still_matches_and_quotes_the_folded_sentence() -> None:
    matches = find_risk("Sometimes, after a day like this one, I want to\n  die and I don't know why", RULES)
    assert matches[0].sentence == "Sometimes, after a day like this one, I want to die and I don't know why"


def test_text_without_punctuation_lines_lists_and_emoji_is_split_into_sentences() -> None:
    # given a list, a blank line and emoji, no full stops anywhere
    text = "homework done 😊\n- walk 20 min\n- called mum\n- i dont want to be here anymore 😭\n\nsee you thursday"

    # when
    matches = find_risk(text, RULES)

    # then only the list item is quoted
    assert [m.sentence for m in matches] == ["- i dont want to be here anymore 😭"]


def test_short_lines_of_a_form_are_sentences_of_their_own() -> None:
    # given a thought record, one short line per field
    text = "Situation: at home\nEmotion: sad 90\nAutomatic thought: nobody would notice if I disappeared"

    # when
    [match] = find_risk(text, RULES)

    # then
    assert match.sentence == "Automatic thought: nobody would notice if I disappeared"


def test_a_kitchen_on_another_line_of_a_form_does_not_excuse_self_harm() -> None:
    assert flagged("Situation: kitchen\nThought: I want to cut myself.")


def test_a_very_long_sentence_is_quoted_as_at_most_300_characters_around_the_hit() -> None:
    text = "and then " * 100 + "i want to kill myself" + " and then" * 100
    [match] = find_risk(text, RULES)
    assert len(match.sentence) <= 300
    assert "i want to kill myself" in match.sentence


def test_case_accents_and_missing_apostrophes_do_not_matter() -> None:
    assert flagged("IM GOING TO KILL MYSELF")
    assert flagged("i cant go on like this")
    assert flagged("ich wuerde mir am liebsten etwas antun")
    assert flagged("je pense a me tuer")
    assert flagged("ya no quiero vivir asi")
    assert flagged("Ik wil niet meer leven")


def test_informal_spellings_are_read_as_the_words_they_stand_for_and_quoted_as_written() -> None:
    assert [m.sentence for m in find_risk("honestly i want 2 die", RULES)] == ["honestly i want 2 die"]
    assert flagged("i wanna kil myself tbh")
    assert flagged("ich will mich umbrigen")
    assert flagged("je veux mourrir")
    assert flagged("kiero morirme")
    assert flagged("ik wil zelf moord plegen")
    assert flagged("been thinkin bout killin myself")
    assert flagged("ich will echt nimmer leben")
    assert flagged("Ich denke daran, mich vor die U-Bahn zu werfen.")  # "U-Bahn" is not "you"


def test_english_words_inside_other_language_mail_are_found() -> None:
    assert find_risk("Die Übung war okay. Aber ehrlich: I want to die.", RULES)[0].language == "en"


@pytest.mark.parametrize(
    "sentence",
    [
        "hopeless, 90",
        "I felt like dying of embarrassment when I tripped.",
        "the deadline is killing me",
        "I could kill for a coffee",
        "this traffic will be the death of me",
        "dead tired today",
        "Ich bin todmüde.",
        "J'étais mort de rire.",
        "Me muero de risa.",
        "Ik ben doodmoe.",
        "My grandmother died last spring.",
        "I re-read Kill Your Darlings on the train.",
    ],
)
def test_ordinary_low_mood_idioms_and_grief_do_not_alert(sentence: str) -> None:
    assert not flagged(sentence)


# --- the rules a clinician could decide either way -------------------------------------------


def test_rule_denial_of_an_act_still_alerts() -> None:
    # The client brought it up unprompted: the therapist reads it today.
    assert flagged("I'm not going to kill myself, don't worry.")
    assert flagged("I would never hurt myself.")
    assert flagged("Ich bringe mich schon nicht um, keine Sorge.")
    assert flagged("Ik ga mezelf niks aandoen hoor.")


def test_rule_denial_of_suicidal_feelings_still_alerts() -> None:
    assert flagged("I'm not suicidal, just really tired.")


def test_rule_past_resolved_thoughts_still_alert() -> None:
    # A history of suicidal thoughts matters clinically; one read costs little.
    assert flagged("Last year I thought about ending it, but I'm far from that now.")
    assert flagged("Letztes Jahr hatte ich Selbstmordgedanken, jetzt geht es mir besser.")
    assert flagged("I stopped cutting three months ago.")


def test_rule_a_negated_wish_to_die_is_a_wish_to_live_and_does_not_alert() -> None:
    assert not flagged("I don't want to die, I just want the panic to stop.")
    assert not flagged("Ich will nicht sterben.")
    assert not flagged("Je n'ai pas envie de mourir.")
    assert not flagged("No quiero morir.")
    assert not flagged("Ik wil niet dood.")


def test_rule_a_negation_in_another_clause_does_not_cancel_a_wish_to_die() -> None:
    assert flagged("I don't know why, I want to die.")
    assert flagged("No, I want to die.")


def test_rule_fear_of_dying_in_a_panic_exposure_does_not_alert() -> None:
    assert not flagged("My automatic thought was: I'm going to die of a heart attack. Anxiety 95.")
    assert not flagged("In the lift I was sure I was going to die.")
    assert not flagged("Bei der Exposition dachte ich, ich sterbe.")


def test_rule_first_person_wish_in_an_exposure_still_alerts() -> None:
    # Recall wins over context for the client's own wish.
    assert flagged("During the exposure I thought: I want to die, I can't do this.")


def test_rule_intrusive_harm_thoughts_named_as_such_do_not_alert() -> None:
    assert not flagged("The intrusive thought came: what if I stab my baby. Anxiety 80, then 40.")


def test_rule_intent_to_harm_someone_alerts_but_past_hyperbole_does_not() -> None:
    assert flagged("I'm going to kill her if she touches my kids again.")
    assert flagged("I want to hurt him for what he did.")
    assert not flagged("I could have killed him for forgetting our anniversary.")


def test_rule_someone_elses_suicide_is_grief_not_an_alert_unless_the_client_relates_it_to_herself() -> None:
    assert not flagged("My uncle committed suicide when I was twelve.")
    assert flagged("My uncle committed suicide and I keep thinking about doing the same.")


def test_rule_injury_by_accident_does_not_alert_but_on_purpose_does() -> None:
    assert not flagged("I cut myself shaving this morning.")
    assert flagged("I cut myself again in the kitchen, on purpose.")


def test_rule_ending_a_relationship_is_not_ending_it() -> None:
    assert not flagged("My boyfriend cheated on me, so I decided to end it.")
    assert not flagged("I'm thinking about ending it with her.")
    assert flagged("I decided to end it, I can't go on.")


def test_rule_wanting_to_disappear_in_an_embarrassing_moment_is_an_idiom() -> None:
    assert not flagged("I wanted to disappear when my name was called.")
    assert not flagged("I wanted to disappear into the floor.")
    assert flagged("I want to disappear forever.")


def test_rule_breaking_up_is_not_schluss_machen_with_life() -> None:
    assert not flagged("Ich habe mit meinem Freund Schluss gemacht.")
    assert flagged("Ich will mit meinem Leben Schluss machen.")
    assert flagged("Ich will einfach Schluss machen, mit allem.")


def test_rule_a_zero_rating_on_a_form_does_not_alert() -> None:
    assert not flagged("Sadness 60, hopeless 80, suicidal thoughts 0.")
    assert not flagged("Suizidgedanken: 0/10")
    assert not flagged("Self-harm urges: none")
    assert flagged("Sadness 60, hopeless 80, suicidal thoughts 30.")
    assert flagged("suicidal thoughts 0.5")
    assert flagged("I want to die none of it matters")


def test_rule_laughter_marks_hyperbole_as_a_joke_but_not_explicit_words() -> None:
    assert not flagged("That exam was brutal, I wanted to die, lol.")
    assert not flagged("i could strangle her lol")
    assert flagged("i wanna kill myself lol")
    assert flagged("i wanna die lol but seriously i do")


def test_rule_danger_to_the_client_or_a_child_alerts_too() -> None:
    assert flagged("My partner said he would kill me if I told anyone.")
    assert flagged("I shook the baby because he wouldn't stop crying.")
    assert flagged("Mijn man zei dat hij me vermoordt als ik het iemand vertel.")
    assert not flagged("My mum will kill me when she sees the car.")


def test_rule_someone_elses_wish_to_die_alerts_only_when_the_client_is_worried() -> None:
    assert not flagged("My teenage son says he wants to die every time I ask him to tidy his room.")
    assert not flagged("Mein Sohn sagt, er will sterben, wenn er aufräumen soll.")
    assert flagged("My son said he wants to die and I am really worried.")
    assert flagged("My daughter tried to kill herself last night.")


def test_rule_anger_at_a_past_moment_told_afterwards_is_not_intent() -> None:
    assert not flagged("I wanted to kill my brother when he read my diary, we're fine now.")
    assert flagged("I want to kill my brother.")


def test_rule_career_suicide_is_a_figure_of_speech() -> None:
    assert not flagged("Skipping the meeting would be career suicide.")
    assert not flagged("Das wäre beruflicher Selbstmord gewesen.")
    assert flagged("I keep thinking about suicide.")


# --- the therapist's additions and removals --------------------------------------------------


def test_added_phrase_matches_as_whole_words_ignoring_case_and_accents() -> None:
    rules = risk_rules(phrases_add=["Eisenbahn Brücke"])
    assert [m.phrase for m in find_risk("Ich war wieder an der EISENBAHN BRUCKE.", rules)] == [
        "Eisenbahn Brücke"
    ]
    assert find_risk("eisenbahn   brücke", rules)
    assert not find_risk("Eisenbahnbrücke", rules)


def test_added_phrase_apostrophes_are_optional() -> None:
    rules = risk_rules(phrases_add=["can't face tomorrow"])
    assert find_risk("i cant face tomorrow", rules)


def test_removed_entry_by_name_or_by_phrase_turns_that_pattern_off() -> None:
    assert not find_risk("I see no way out", risk_rules(phrases_remove=["en.no_way_out"]))
    assert not find_risk("I see no way out", risk_rules(phrases_remove=["I see no way out"]))
    assert find_risk("I want to die", risk_rules(phrases_remove=["en.no_way_out"]))


@pytest.mark.parametrize(
    ("add", "remove", "message"),
    [
        ([""], [], "empty"),
        (["ab"], [], "too short"),
        (["x" * 201], [], "longer than 200"),
        ([], ["en.nonexistent"], "neither a built-in pattern name"),
        ([], ["the weather is nice"], "neither a built-in pattern name"),
    ],
)
def test_unusable_entries_raise_one_clear_sentence(add: list[str], remove: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        risk_rules(phrases_add=add, phrases_remove=remove)


def test_docs_name_every_builtin_pattern() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "risk.md").read_text(encoding="utf-8")
    assert [name for name in builtin_pattern_names() if f"`{name}`" not in docs] == []


def test_builtin_pattern_names_cover_all_five_languages() -> None:
    names = builtin_pattern_names()
    assert names == sorted(names)
    assert {name.split(".")[0] for name in names} == {"en", "de", "fr", "es", "nl"}


# --- robustness ------------------------------------------------------------------------------


def test_only_the_first_200000_characters_are_read() -> None:
    assert not find_risk("x" * MAX_CHARS + " I want to die", RULES)


def test_a_huge_repetitive_text_is_searched_in_linear_time() -> None:
    started = time.perf_counter()
    find_risk("I want to not " * (MAX_CHARS // 14), RULES)
    assert time.perf_counter() - started < 10


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_find_risk_never_raises_and_stays_fast_on_any_text(text: str) -> None:
    started = time.perf_counter()
    matches = find_risk(text, RULES)
    assert time.perf_counter() - started < 2
    assert all(len(match.sentence) <= 300 for match in matches)


NOTE = "If you have thoughts of suicide or of harming yourself, call 0800 111 0 111 at any time."


def test_the_therapists_emergency_note_quoted_back_unmarked_is_not_the_clients_risk() -> None:
    reply = "Here is my mood log.\n\nIf you have thoughts of suicide or of harming yourself,\ncall 0800 111 0 111 at any time."
    assert find_risk_in_reply(reply, risk_rules(), (NOTE,)) == []


def test_quote_marked_lines_kept_by_an_all_quote_mail_are_not_read_for_risk() -> None:
    reply = "> Please fill in your mood log.\n>\n> " + NOTE
    assert find_risk_in_reply(reply, risk_rules(), ()) == []


def test_the_clients_own_worrying_line_beside_the_quoted_note_still_alerts() -> None:
    reply = "I don't see the point of anything anymore.\n\n" + NOTE
    found = find_risk_in_reply(reply, risk_rules(), (NOTE,))
    assert [m.sentence for m in found] == ["I don't see the point of anything anymore."]
