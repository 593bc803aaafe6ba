"""split_quoted: the client's new lines on one side, quoted earlier mail on the other."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.mail.quotes import split_quoted

ASSIGNMENT = "> Please fill in the thought record.\n> Situation:"


@pytest.mark.parametrize(
    "attribution",
    [
        "On Mon, Mar 4, 2024 at 9:00 AM Homework <homework@practice.example> wrote:",
        "On 04/03/2024 09:00, Homework wrote:",
        "Am Mo., 4. März 2024 um 09:00 Uhr schrieb Homework <homework@practice.example>:",
        "Le lun. 4 mars 2024 à 09:00, Homework <homework@practice.example> a écrit :",
        "El lun, 4 mar 2024 a las 9:00, Homework (<homework@practice.example>) escribió:",
        "Op ma 4 mrt. 2024 om 09:00 schreef Homework <homework@practice.example>:",
    ],
)
def test_attribution_lines_in_five_languages_are_quoted(attribution: str) -> None:
    # given a top-posted reply
    text = f"My answer.\n\n{attribution}\n{ASSIGNMENT}"

    # when
    new, quoted = split_quoted(text)

    # then
    assert new == "My answer."
    assert quoted == f"{attribution}\n{ASSIGNMENT}"


def test_attribution_wrapped_over_two_lines_is_quoted() -> None:
    text = "Done.\n\nOn Mon, Mar 4, 2024 at 9:00 AM Homework <\nhomework@practice.example> wrote:\n> Q1"

    new, quoted = split_quoted(text)

    assert new == "Done."
    assert quoted.startswith("On Mon, Mar 4, 2024 at 9:00 AM Homework <\nhomework@practice.example> wrote:")


def test_unmarked_quote_below_attribution_is_quoted_to_the_end() -> None:
    # given a client that quotes without ">" marks
    text = "Answer.\n\nOn 04/03/2024 09:00, Homework wrote:\nPlease fill in the record.\nSituation:"

    new, quoted = split_quoted(text)

    assert new == "Answer."
    assert quoted.endswith("Please fill in the record.\nSituation:")


def test_a_sentence_about_someone_writing_is_not_an_attribution() -> None:
    text = "On Monday my mother wrote:\nYou should rest more.\nI felt judged."

    new, quoted = split_quoted(text)

    assert (new, quoted) == (text, "")


def test_bottom_post_below_the_quote_is_new_text() -> None:
    text = f"On 04/03/2024 09:00, Homework wrote:\n{ASSIGNMENT}\n\nSituation: the bus was late."

    new, quoted = split_quoted(text)

    assert new == "Situation: the bus was late."
    assert quoted == f"On 04/03/2024 09:00, Homework wrote:\n{ASSIGNMENT}"


@pytest.mark.parametrize(
    "header",
    [
        "From: Homework <homework@practice.example>\nSent: Thursday, March 7, 2024 9:00 AM\n"
        "To: Dirk\nSubject: Worry time",
        "Von: Homework <homework@practice.example>\nGesendet: Donnerstag, 7. März 2024 09:00\n"
        "An: Dirk\nBetreff: Sorgenzeit",
        "*From:* Homework <homework@practice.example>\n*Date:* Thu, 7 Mar 2024\n*Subject:* Worry time",
        "De : Homework\nEnvoyé : jeudi 7 mars 2024 09:00\nÀ : Dirk\nObjet : Souci",
    ],
)
def test_outlook_header_block_quotes_everything_below(header: str) -> None:
    text = f"Fifteen minutes, four days.\n\n{header}\n\nPlease keep a worry time."

    new, quoted = split_quoted(text)

    assert new == "Fifteen minutes, four days."
    assert quoted == f"{header}\n\nPlease keep a worry time."


def test_separator_above_outlook_header_goes_with_the_quote() -> None:
    text = "Done.\n\n-----Original Message-----\nFrom: Homework\nSent: today\nSubject: x\n\nOld text"

    new, quoted = split_quoted(text)

    assert new == "Done."
    assert quoted.startswith("-----Original Message-----")


def test_outlook_rule_above_a_header_block_goes_with_the_quote() -> None:
    intro = "________________________________"
    text = f"See below.\n\n{intro}\n\nFrom: X\nDate: 1 March 2024\nSubject: notes\n\nOld words"

    new, quoted = split_quoted(text)

    assert new == "See below."
    assert quoted.startswith(intro)


@pytest.mark.parametrize(
    "intro",
    [
        "Begin forwarded message:",
        "---------- Forwarded message ---------",
        "-------- Weitergeleitete Nachricht --------",
    ],
)
def test_a_forward_the_client_sends_on_purpose_is_kept_with_its_marker(intro: str) -> None:
    # given a forward with nothing quoted above it
    text = f"See below.\n\n{intro}\n\nFrom: X\nDate: 1 March 2024\nSubject: notes\n\nOld words"

    # when
    new, quoted = split_quoted(text)

    # then the forwarded mail is the client's to show, its marker says it is forwarded
    assert (new, quoted) == (text, "")


def test_letter_with_from_and_to_but_no_sent_line_stays_new() -> None:
    text = "My letter to my boss:\nFrom: me\nTo: my boss\nI would like to talk about my workload."

    assert split_quoted(text) == (text, "")


@pytest.mark.parametrize(
    "signature",
    [
        "Sent from my iPhone",
        "Sent from my Samsung Galaxy smartphone.",
        "Get Outlook for Android",
        "Gesendet von meinem iPhone",
        "Von meinem iPhone gesendet",
        "Envoyé de mon iPhone",
        "Enviado desde mi móvil",
        "Verzonden vanaf mijn iPhone",
    ],
)
def test_mobile_signatures_are_quoted(signature: str) -> None:
    new, quoted = split_quoted(f"Slept well.\n\n{signature}")

    assert (new, quoted) == ("Slept well.", signature)


def test_sentence_starting_like_a_mobile_signature_stays_new() -> None:
    text = "Sent from my phone at the bus stop, because I was anxious and could not wait until tonight."

    assert split_quoted(text) == (text, "")


def test_short_signature_after_dash_dash_is_quoted() -> None:
    new, quoted = split_quoted("Answer.\n\n-- \nHanna\n+1 555 0100")

    assert (new, quoted) == ("Answer.", "-- \nHanna\n+1 555 0100")


def test_long_text_after_dash_dash_is_not_taken_for_a_signature() -> None:
    text = "Part one\n--\n" + "\n".join(f"line {n}" for n in range(15))

    assert split_quoted(text) == (text, "")


def test_interleaved_quote_keeps_every_answer_in_new_text() -> None:
    text = "On 4 Mar 2024, at 09:00, Homework wrote:\n> Q1?\nA1\n> Q2?\n\nA2\n>> older quote\nA3"

    new, quoted = split_quoted(text)

    # where a quote was taken out, a blank line keeps the answers apart
    assert new == "A1\n\nA2\n\nA3"
    assert quoted == "On 4 Mar 2024, at 09:00, Homework wrote:\n> Q1?\n\n> Q2?\n\n>> older quote"


def test_quote_marks_without_anything_that_shows_a_quote_are_the_clients_lines() -> None:
    # given ">" lines but no attribution, separator or header: they may be the client's own
    text = "> Q1?\nA1\n> Q2?\n\nA2\n>> older quote\nA3"

    assert split_quoted(text) == (text, "")


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(["> quoted", "On 1 Jan 2024 10:00, X wrote:", "-- ", "From: a", "Sent: b"]),
            st.sampled_from(["Subject: c", "Sent from my iPhone", "-----Original Message-----", ""]),
        ),
        max_size=30,
    )
)
def test_every_non_blank_line_lands_on_exactly_one_side(lines: list[str]) -> None:
    # given
    text = "\n".join(lines)

    # when
    new, quoted = split_quoted(text)

    # then
    wanted = [line for line in text.split("\n") if line.strip()]
    got = [line for line in new.split("\n") + quoted.split("\n") if line.strip()]
    assert sorted(got) == sorted(wanted)


@pytest.mark.parametrize(
    "line",
    [
        "On on sent wrote on 2024 10:00 on wrote sent on x" * 3 + ":",  # near-miss attributions
        "From: x Sent: y",  # header labels on every line
        "> q",  # quote marks on every line
        "-Ben",  # sign-off look-alikes
        "_____",  # separators
    ],
)
def test_new_text_stays_linear_on_a_hostile_pile_of_marker_lines(line: str) -> None:
    # given 200 kB of lines that each nearly look like a quote marker
    text = "\n".join([line, "To: b", "words"] * (200_000 // (len(line) + 12)))

    # when
    started = time.monotonic()
    new, quoted = split_quoted(text)

    # then
    assert new or quoted
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("line", ["Sent from work", "Sent from the train, because the wifi at home is down"])
def test_a_sentence_about_where_it_was_sent_from_is_the_clients(line: str) -> None:
    text = f"Thought record below.\n\n{line}"

    assert split_quoted(text) == (text, "")
