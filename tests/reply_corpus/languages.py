"""What clients write, and what their mail programs put around it, language by language.

Per language: two lines of a client's reply, two lines of the therapist's earlier mail, the
attribution lines of Gmail, Apple Mail and Thunderbird, Outlook's header labels, Outlook's
"Original Message" separator, a device line, and Outlook mobile's "Get Outlook" line.
"""

from __future__ import annotations

from dataclasses import dataclass

from reply_corpus.clients import ADDR


@dataclass(frozen=True)
class Language:
    code: str
    reply: list[str]
    quoted: list[str]
    gmail: str
    apple: str
    thunderbird: str
    labels: tuple[str, str, str, str]  # From, Sent, To, Subject as that language's Outlook writes them
    sent_value: str
    original: str
    device: str
    get_outlook: str


LANGUAGES = [
    Language(
        "en", ["I did the breathing exercise every morning.", "Thursday was the hardest day."],
        ["Please try the breathing exercise once a day.", "Write down how it went."],
        f"On Mon, Mar 4, 2024 at 9:00 AM Homework <{ADDR}> wrote:",
        f"On 4 Mar 2024, at 09:00, Homework <{ADDR}> wrote:",
        "On 04/03/2024 09:00, Homework wrote:",
        ("From:", "Sent:", "To:", "Subject:"), "Monday, March 4, 2024 9:00 AM",
        "-----Original Message-----", "Sent from my iPhone", "Get Outlook for iOS",
    ),
    Language(
        "de", ["Ich habe die Atemübung jeden Morgen gemacht.", "Der Donnerstag war am schwersten."],
        ["Bitte machen Sie die Atemübung einmal am Tag.", "Notieren Sie, wie es war."],
        f"Am Mo., 4. März 2024 um 09:00 Uhr schrieb Homework <{ADDR}>:",
        f"Am 04.03.2024 um 09:00 schrieb Homework <{ADDR}>:",
        "Am 04.03.24 um 09:00 schrieb Homework:",
        ("Von:", "Gesendet:", "An:", "Betreff:"), "Montag, 4. März 2024 09:00",
        "-----Ursprüngliche Nachricht-----", "Von meinem iPhone gesendet", "Outlook für Android herunterladen",
    ),
    Language(
        "fr", ["J'ai fait l'exercice de respiration chaque matin.", "Le jeudi a été le plus dur."],
        ["Merci de faire l'exercice de respiration une fois par jour.", "Notez comment cela s'est passé."],
        f"Le lun. 4 mars 2024 à 09:00, Homework <{ADDR}> a écrit :",
        f"Le 4 mars 2024 à 09:00, Homework <{ADDR}> a écrit :",
        "Le 04/03/2024 à 09:00, Homework a écrit :",
        ("De :", "Envoyé :", "À :", "Objet :"), "lundi 4 mars 2024 09:00",
        "-----Message d'origine-----", "Envoyé de mon iPhone", "Obtenir Outlook pour iOS",
    ),
    Language(
        "es", ["Hice el ejercicio de respiración cada mañana.", "El jueves fue el día más difícil."],
        ["Por favor, haga el ejercicio de respiración una vez al día.", "Anote cómo le fue."],
        f"El lun, 4 mar 2024 a las 9:00, Homework (<{ADDR}>) escribió:",
        f"El 4 mar 2024, a las 9:00, Homework <{ADDR}> escribió:",
        "El 4/3/24 a las 9:00, Homework escribió:",
        ("De:", "Enviado:", "Para:", "Asunto:"), "lunes, 4 de marzo de 2024 9:00",
        "-----Mensaje original-----", "Enviado desde mi iPhone", "Obtener Outlook para Android",
    ),
    Language(
        "nl", ["Ik heb de ademhalingsoefening elke ochtend gedaan.", "Donderdag was het zwaarst."],
        ["Doe de ademhalingsoefening een keer per dag.", "Schrijf op hoe het ging."],
        f"Op ma 4 mrt 2024 om 09:00 schreef Homework <{ADDR}>:",
        f"Op 4 mrt 2024, om 09:00 heeft Homework <{ADDR}> het volgende geschreven:",
        "Op 04-03-2024 om 09:00 schreef Homework:",
        ("Van:", "Verzonden:", "Aan:", "Onderwerp:"), "maandag 4 maart 2024 09:00",
        "-----Oorspronkelijk bericht-----", "Verstuurd vanaf mijn iPhone", "Outlook voor iOS downloaden",
    ),
    Language(
        "it", ["Ho fatto l'esercizio di respirazione ogni mattina.", "Il giovedì è stato il giorno più duro."],
        ["Per favore faccia l'esercizio di respirazione una volta al giorno.", "Scriva come è andata."],
        f"Il giorno lun 4 mar 2024 alle ore 09:00 Homework <{ADDR}> ha scritto:",
        f"Il giorno 4 mar 2024, alle ore 09:00, Homework <{ADDR}> ha scritto:",
        "Il 04/03/24 09:00, Homework ha scritto:",
        ("Da:", "Inviato:", "A:", "Oggetto:"), "lunedì 4 marzo 2024 09:00",
        "-----Messaggio originale-----", "Inviato da iPhone", "Scarica Outlook per iOS",
    ),
    Language(
        "pt", ["Fiz o exercício de respiração todas as manhãs.", "A quinta-feira foi o dia mais difícil."],
        ["Por favor, faça o exercício de respiração uma vez por dia.", "Anote como correu."],
        f"Em seg., 4 de mar. de 2024 às 09:00, Homework <{ADDR}> escreveu:",
        f"Em 4 de mar. de 2024, à(s) 09:00, Homework <{ADDR}> escreveu:",
        "Em 04/03/2024 09:00, Homework escreveu:",
        ("De:", "Enviado:", "Para:", "Assunto:"), "segunda-feira, 4 de março de 2024 09:00",
        "-----Mensagem original-----", "Enviado do meu iPhone", "Baixe o Outlook para Android",
    ),
    Language(
        "da", ["Jeg lavede åndedrætsøvelsen hver morgen.", "Torsdag var den sværeste dag."],
        ["Lav venligst åndedrætsøvelsen en gang om dagen.", "Skriv ned, hvordan det gik."],
        f"Den man. 4. mar. 2024 kl. 09.00 skrev Homework <{ADDR}>:",
        f"Den 4. mar. 2024 kl. 09.00 skrev Homework <{ADDR}>:",
        "Den 04.03.2024 kl. 09.00 skrev Homework:",
        ("Fra:", "Sendt:", "Til:", "Emne:"), "4. marts 2024 09:00",
        "-----Oprindelig meddelelse-----", "Sendt fra min iPhone", "Hent Outlook til iOS",
    ),
    Language(
        "sv", ["Jag gjorde andningsövningen varje morgon.", "Torsdagen var svårast."],
        ["Gör gärna andningsövningen en gång om dagen.", "Skriv ner hur det gick."],
        f"Den mån 4 mars 2024 kl 09:00 skrev Homework <{ADDR}>:",
        f"4 mars 2024 kl. 09:00 skrev Homework <{ADDR}>:",
        "Den 2024-03-04 kl. 09:00, skrev Homework:",
        ("Från:", "Skickat:", "Till:", "Ämne:"), "den 4 mars 2024 09:00",
        "-----Ursprungligt meddelande-----", "Skickat från min iPhone", "Skaffa Outlook för iOS",
    ),
    Language(
        "no", ["Jeg gjorde pusteøvelsen hver morgen.", "Torsdag var den tyngste dagen."],
        ["Gjør pusteøvelsen en gang om dagen.", "Skriv ned hvordan det gikk."],
        f"man. 4. mar. 2024 kl. 09:00 skrev Homework <{ADDR}>:",
        f"4. mar. 2024 kl. 09:00 skrev Homework <{ADDR}>:",
        "Den 04.03.2024 09:00, skrev Homework:",
        ("Fra:", "Sendt:", "Til:", "Emne:"), "mandag 4. mars 2024 09:00",
        "-----Opprinnelig melding-----", "Sendt fra min iPhone", "Hent Outlook for Android",
    ),
    Language(
        "pl", ["Robiłem ćwiczenie oddechowe każdego ranka.", "Czwartek był najtrudniejszy."],
        ["Proszę wykonywać ćwiczenie oddechowe raz dziennie.", "Proszę zapisać, jak poszło."],
        f"pon., 4 mar 2024 o 09:00 Homework <{ADDR}> napisał(a):",
        f"Wiadomość napisana przez Homework <{ADDR}> w dniu 4.03.2024, o godz. 09:00:",
        "W dniu 4.03.2024 o 09:00, Homework pisze:",
        ("Od:", "Wysłano:", "Do:", "Temat:"), "poniedziałek, 4 marca 2024 09:00",
        "-----Wiadomość oryginalna-----", "Wysłane z iPhone'a", "Pobierz aplikację Outlook dla systemu iOS",
    ),
    Language(
        "ru", ["Я делал дыхательное упражнение каждое утро.", "Четверг был самым трудным."],
        ["Пожалуйста, делайте дыхательное упражнение раз в день.", "Запишите, как прошло."],
        f"пн, 4 мар. 2024 г. в 09:00, Homework <{ADDR}>:",
        f"4 марта 2024 г., в 9:00, Homework <{ADDR}> написал(а):",
        "04.03.2024 09:00, Homework пишет:",
        ("От:", "Отправлено:", "Кому:", "Тема:"), "4 марта 2024 г. 9:00",
        "-----Исходное сообщение-----", "Отправлено с iPhone", "Загрузите Outlook для iOS",
    ),
    Language(
        "vi", ["Tôi đã tập thở mỗi sáng.", "Thứ năm là ngày khó nhất."],
        ["Hãy tập thở mỗi ngày một lần.", "Ghi lại kết quả."],
        f"Vào Th 2, 4 thg 3, 2024 vào lúc 09:00 Homework <{ADDR}> đã viết:",
        f"Vào 09:00, ngày 4 thg 3, 2024, Homework <{ADDR}> đã viết:",
        "Vào 04/03/2024 09:00, Homework đã viết:",
        ("Từ:", "Đã gửi:", "Đến:", "Chủ đề:"), "Thứ Hai, 4 tháng 3, 2024 09:00",
        "-----Original Message-----", "Gửi từ iPhone của tôi", "Get Outlook for iOS",
    ),
]  # fmt: skip
