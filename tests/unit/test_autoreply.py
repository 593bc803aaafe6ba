"""core.autoreply: autoresponders without headers, known by their words in nine languages; a
client's homework that mentions an office or a holiday is not one."""

from __future__ import annotations

import pytest

from mailbot.core.autoreply import reads_like_autoreply


@pytest.mark.parametrize(
    "words",
    [
        "I am out of the office until 4 December with limited access to email.",
        "This is an automatic reply. Out-of-office until Monday.",
        "Thank you for your message. I am currently away and will reply on my return.",
        "Ich bin bis zum 4. Dezember abwesend und lese meine E-Mails danach.",
        "Vielen Dank für Ihre Nachricht. Ich bin derzeit nicht im Büro.",
        "Je suis absente du bureau jusqu'au 4 décembre.",
        "Je suis actuellement en congé, je vous répondrai à mon retour.",
        "Estoy de vacaciones hasta el 4 de diciembre.",
        "Ik ben tot 4 december afwezig.",
        "Sono assente fino al 4 dicembre, risponderò al mio rientro.",
        "Estou de férias até 4 de dezembro.",
        "Jestem nieobecna do 4 grudnia.",
        "Jag är frånvarande till och med 4 december.",
    ],
)
def test_an_autoresponders_words_are_known_in_each_language(words: str) -> None:
    assert reads_like_autoreply(words)


@pytest.mark.parametrize(
    "words",
    [
        "Situation: meeting at the office\nEmotion: anxious 70%\nThought: they will see I'm out of my depth",
        "Mein Tagebuch: Ich war im Urlaub, es ging mir besser. Die Übung habe ich jeden Tag gemacht.",
        "Journal: " + "a long entry about my week. " * 30 + "I felt out of the office mood.",
        "My journal entry, sent after out-of-office-nl-x-autoreply.eml and an auto-reply.",
        "Forwarding my log.\n\n---------- Forwarded message ----------\nSubject: Automatic reply: your log",
    ],
)
def test_homework_that_mentions_an_office_or_a_holiday_is_not_an_autoreply(words: str) -> None:
    assert not reads_like_autoreply(words)
