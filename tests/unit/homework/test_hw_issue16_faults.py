"""The parser faults of issue 16, each with at least five differently written answers.

Chatter (sign-offs, greetings, apologies, preambles) stays out of fields; ratings written as a
word then a number are read; prose is split only at cue phrases, else kept whole as ``text``;
a bibliotherapy reflection given as prose answers the questions its words or order allow.
"""

from __future__ import annotations

import pytest
from hw_checks import assert_cut_from

from mailbot.core.homework import bibliotherapy, exposure, journal, mood_log

LADDER = {"steps": [{"step": "take the lift", "suds": 60}], "current": 0}


def all_values(entries: list[dict[str, object]]) -> str:
    return repr(entries)


@pytest.mark.parametrize(
    ("text", "chatter"),
    [
        ("Situation: work\nBehaviour: walked home\n\nBen", "Ben"),
        ("Situation: work\nBehaviour: walked home\nSorry it's late!\nC.", "Sorry"),
        ("Situation: work\nBehaviour: walked home. Sorry it's late!", "Sorry"),
        ("Situation: work\nBehaviour: walked home\n\nThanks so much,\nAnna", "Anna"),
        ("Situation: work\nBehaviour: walked home\n\n-Jo", "Jo"),
        ("Situation: work\nBehaviour: walked home\n\nBest wishes\nMaria x", "Maria"),
        ("Situation: work\nBehaviour: walked home\n\nxx", "xx"),
    ],
)
def test_a_sign_off_never_ends_the_last_field(text: str, chatter: str) -> None:
    # when the journal is parsed
    entries = journal.parse(text, {})

    # then the behaviour is the client's answer alone
    assert entries == [{"situation": "work", "behaviour": entries[0]["behaviour"]}]
    assert entries[0]["behaviour"].rstrip(".") == "walked home"
    assert chatter not in all_values(entries)


@pytest.mark.parametrize(
    "opening",
    [
        "Hi Dr Lee,",
        "Sorry I didn't send yesterday, it was a terrible week.",
        "So sorry this is late!",
        "Here's this week's mood log:",
        "Apologies for the delay.",
        "Hello!\n\nOk so here goes:",
        "Good morning,\nMy homework for this week",
    ],
)
def test_greetings_apologies_and_preambles_never_become_an_entry(opening: str) -> None:
    text = f"{opening}\n\nSituation: alone at home\nThought: nobody cares\nEmotion: sad 70"

    entries = mood_log.parse(text, {})

    assert entries == [
        {"situation": "alone at home", "automatic_thought": "nobody cares", "emotion": "sad", "intensity": 70}
    ]


@pytest.mark.parametrize(
    ("emotion", "word", "rating"),
    [
        ("hopeless, 90", "hopeless", 90),
        ("anxious 7/10", "anxious", 70),
        ("Feeling hopeless, 90", "hopeless", 90),
        ("terrified - 85%", "terrified", 85),
        ("calm, 2 out of 10", "calm", 20),
        ("ashamed (eighty)", "ashamed", 80),
    ],
)
def test_a_rating_written_as_a_word_then_a_number_is_read_even_unlabelled(
    emotion: str, word: str, rating: int
) -> None:
    # given the feeling on its own line under the situation, without "Emotion:"
    text = f"Situation: the bus was late\n{emotion}"

    entries = mood_log.parse(text, {})

    assert entries == [{"situation": "the bus was late", "emotion": word, "intensity": rating}]
    assert_cut_from(text, entries)


@pytest.mark.parametrize(
    ("peak", "rating"),
    [
        ("hopeless, 90", 90),
        ("anxious 7/10", 70),
        ("SUDS was about 60", 60),
        ("terrified, roughly 95%", 95),
        ("shaky - eight out of ten", 80),
    ],
)
def test_a_suds_written_after_a_word_is_the_peak_of_the_chart(peak: str, rating: int) -> None:
    text = f"Before: 40\nPeak: {peak}\nAfter: 20"

    entries = exposure.parse(text, LADDER)

    assert entries[0]["suds_peak"] == rating
    assert (entries[0]["suds_before"], entries[0]["suds_after"]) == (40, 20)


@pytest.mark.parametrize(
    "prose",
    [
        "Monday was long. I went to work, came home and cooked. I watched TV and went to bed early.",
        "Quiet day at home, mostly reading and a short walk with the dog",
        "Work was busy. Lunch with Sam. Bed by ten.",
        "Nothing much happened today, it rained all afternoon",
        "Visited mum in hospital; she seemed a bit better than last week",
    ],
)
def test_a_prose_journal_without_cues_is_kept_whole_as_text_not_as_situation(prose: str) -> None:
    entries = journal.parse(prose, {})

    assert len(entries) == 1 and set(entries[0]) == {"text"}
    assert_cut_from(prose, entries)


@pytest.mark.parametrize(
    "prose",
    [
        "We went to the park and it rained.",
        "Long shift at the warehouse",
        "Dinner at my sister's with the whole family",
        "Drove to the coast, then back again in the evening.",
        "Bad night, woke at four",
    ],
)
def test_mood_log_prose_without_cues_is_the_entrys_text(prose: str) -> None:
    entries = mood_log.parse(prose, {})

    assert len(entries) == 1 and set(entries[0]) == {"text"}


def test_prose_with_cues_is_still_split_into_fields() -> None:
    text = "I was alone at home. I thought nobody cares. I felt hopeless, 90."

    assert mood_log.parse(text, {}) == [
        {"situation": "I was alone at home", "automatic_thought": "nobody cares", "emotion": "hopeless",
         "intensity": 90}
    ]  # fmt: skip


Q1 = "What surprised you in the chapter?"
Q2 = "Which idea could you use this week?"
BOOK = {"reading": "Feeling Good, chapter 3", "questions": [Q1, Q2]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # as many paragraphs as questions: in order
        ("It surprised me how often I mind-read.\n\nTriple columns, at work.",
         [(Q1, "It surprised me how often I mind-read."), (Q2, "Triple columns, at work.")]),
        # a reading line first does not count as an answer
        ("I read chapter 3 of Feeling Good.\n\nThat I catastrophise so much.\n\nWriting thoughts down daily.",
         [(Q1, "That I catastrophise so much."), (Q2, "Writing thoughts down daily.")]),
        # more paragraphs than questions: by the question's words
        ("I liked it.\n\nWhat surprised me was the list of distortions.\n\nIt was long.",
         [(Q1, "What surprised me was the list of distortions.")]),
        ("Good chapter overall.\n\nThis week I could use the idea of a thought record.\n\nIt took me two evenings.",
         [(Q2, "This week I could use the idea of a thought record.")]),
        # one question takes all of the prose
        ("The chapter was hard going.\n\nBut I learned a lot.", None),
    ],
)  # fmt: skip
def test_a_reflection_in_prose_answers_the_questions_its_words_or_order_allow(
    text: str, expected: list[tuple[str, str]] | None
) -> None:
    details = BOOK if expected is not None else {"questions": ["What did you learn?"]}

    (entry,) = bibliotherapy.parse(text, details)

    if expected is None:
        assert entry["answers"] == [{"question": "What did you learn?", "answer": text}]
    else:
        assert entry["answers"] == [{"question": q, "answer": a} for q, a in expected]
    assert "reflection" in entry  # the whole prose stays the reflection too


def test_an_apology_that_carries_an_answer_stays_in_the_fields() -> None:
    text = "Sorry, I had a panic attack on the bus. I thought I would faint. I felt scared, 90."

    entries = mood_log.parse(text, {})

    assert entries[0]["situation"] == "Sorry, I had a panic attack on the bus"
    assert (entries[0]["emotion"], entries[0]["intensity"]) == ("scared", 90)
