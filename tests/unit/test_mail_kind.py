"""What a client's mail is (core.mail_kind): answer, note or correspondence, in five languages."""

from __future__ import annotations

import pytest

from mailbot.core.mail_kind import mail_kind

ANSWERS = [
    "Here is what I did this week.",
    "Here it is, sorry for the delay.",
    "Slept well, calm day.",
    "Grüße, my diary is attached.",
    "done!",
    "Monday: sad 60. Tuesday: better, 30.",
    "My heart was racing and I was in a crowded train. I got off at the next stop.",
    "Four days out of seven - better than last week.",
    "Hier ist mein Stimmungstagebuch von dieser Woche.",
    "Ich habe jeden Abend drei gute Dinge aufgeschrieben.",
    "Voici mon journal de la semaine.",
    "J'ai fait l'exercice deux fois, anxiété 40.",
    "Aquí está mi registro de la semana.",
    "He hecho el ejercicio cada mañana.",
    "Hierbij mijn dagboek van deze week.",
    "Ik heb de oefening elke dag gedaan.",
    "Situation: bus. I felt anxious 70 and thought everyone stares.",
    (
        "This week was hard but I kept going with it. On Monday the train was packed and I stayed on "
        "until my stop even though I wanted to get off, and on Wednesday I went to the supermarket at "
        "the busiest time. Is it normal that it still feels so strong afterwards?"
    ),
]
NOTES = [
    "I couldn't do it this week, is that ok?",
    "I'll send it tomorrow.",
    "Sorry, I didn't manage to do the exercise.",
    "Should I do the breathing before or after?",
    "Can I write the log in the evening instead?",
    "Ich konnte die Übung nicht machen, ist das schlimm?",
    "Ich schicke es morgen nach.",
    "Darf ich das Tagebuch auch abends schreiben?",
    "Je n'ai pas pu faire l'exercice, est-ce grave ?",
    "Je vous l'enverrai demain.",
    "No pude hacer la tarea, ¿pasa algo?",
    "Te lo enviaré mañana.",
    "Het is me niet gelukt, is dat erg?",
    "Ik stuur het morgen.",
    "Kan ik de oefening ook 's avonds doen?",
]
CORRESPONDENCE = [
    "Could we move Thursday's session to 3pm?",
    "I need to cancel our appointment next week, I'm ill.",
    "Hi, could you send me the invoice for November? Thanks, Anna",
    "Thanks, see you Thursday!",
    "Thank you so much!",
    "Können wir den Termin am Donnerstag auf 15 Uhr verschieben?",
    "Ich muss unsere Sitzung leider absagen, ich bin krank.",
    "Könnten Sie mir bitte die Rechnung schicken?",
    "Vielen Dank!",
    "Pourrions-nous déplacer la séance de jeudi à 15 h ?",
    "Pouvez-vous m'envoyer la facture ?",
    "Merci beaucoup !",
    "¿Podemos cambiar la cita del jueves a las 15?",
    "¿Me puede enviar la factura de noviembre?",
    "¡Muchas gracias!",
    "Kunnen we de afspraak van donderdag verzetten naar 15 uur?",
    "Kunt u mij de factuur sturen?",
    "Dank je wel!",
]


@pytest.mark.parametrize("text", ANSWERS)
def test_homework_in_the_clients_words_is_an_answer(text: str) -> None:
    assert mail_kind("Re: your homework", text).kind == "answer"


@pytest.mark.parametrize("text", NOTES)
def test_a_question_or_not_done_yet_is_a_note(text: str) -> None:
    assert mail_kind("Re: your homework", text).kind == "note"


@pytest.mark.parametrize("text", CORRESPONDENCE)
def test_sessions_billing_and_thanks_are_correspondence(text: str) -> None:
    assert mail_kind("Hello", text).kind == "correspondence"


def test_labelled_answers_or_an_attachment_make_an_answer_whatever_the_words() -> None:
    assert mail_kind("x", "Can we move the session?", answered=True).kind == "answer"
    assert mail_kind("x", "", attachments=1).kind == "answer"


def test_no_words_at_all_is_too_short_to_tell() -> None:
    assert mail_kind("", "").kind == "unsure"
    assert mail_kind("hello", "hello deep").kind == "unsure"


def test_greeting_and_sign_off_lines_do_not_count_as_words() -> None:
    verdict = mail_kind("x", "Hi Ada,\n\nThanks!\n\nBest,\nAnna\nSent from my iPhone")

    assert verdict.kind == "correspondence"


def test_a_replys_subject_is_mailbots_own_and_does_not_name_the_homework() -> None:
    assert not mail_kind("Re: Your homework: Mood log", "Should I do it twice?").about_homework
    assert mail_kind("Mood log question", "Should I do it twice?").about_homework
    assert mail_kind("Re: x", "Should I do the exercise twice?").about_homework


def test_a_long_story_of_the_week_with_a_question_in_it_is_still_an_answer() -> None:
    assert mail_kind("x", ANSWERS[-1]).kind == "answer"


def test_sessions_in_homework_are_not_mistaken_for_a_request_to_move_one() -> None:
    text = "Situation: meeting with my boss. I felt anxious 80 and wanted to move away."

    assert mail_kind("x", text).kind == "answer"


@pytest.mark.parametrize(
    "text",
    [
        "I couldn't sleep because of the neighbours' party.",
        "The intrusive thought came: what if I push someone onto the tracks.",
        "No puedo más con este calor, jaja, pero hice la tarea.",
        "Me desperté a las tres y no pude volver a dormir.",
        "Je n'ai pas envie de sortir, mais j'ai fait la promenade.",
        "Ich konnte gestern nicht schlafen.",
    ],
)
def test_what_the_client_could_not_do_in_life_is_no_note_about_the_homework(text: str) -> None:
    assert mail_kind("Re: your homework", text).kind != "note"
