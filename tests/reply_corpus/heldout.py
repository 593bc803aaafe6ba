"""A held-out batch, written after the main corpus and scored before any tuning on it.

Different people, wordings and layouts from cases.py; kept apart so the README can say how
new_text does on mails it was not tuned on.
"""

from __future__ import annotations

from reply_corpus.clients import html_case as _h
from reply_corpus.clients import plain_case as _p

A = "praxis@therapie.example"
EN_QUOTE = "> Three good things, every evening.\n> Best, Dr Lee\n"


HELDOUT = [
    _p("h-en-gmail-wrapped-long-name", "attribution-wrapped", "gmail", "en",
       f"Three good things:\n1. coffee with Sam\n2. sun\n3. finished the report\n\nOn Wed, Nov 27, 2024 at 8:02 PM Dr "
       f"Lee - Practice Appointments <\n{A}> wrote:\n\n{EN_QUOTE}",
       "Three good things:\n1. coffee with Sam\n2. sun\n3. finished the report"),
    _p("h-de-outlook-with-cc", "header-block", "outlook", "de",
       "Anbei meine Liste.\n\nVon: Praxis Lee <praxis@therapie.example>\nGesendet: Mittwoch, 27. November 2024 20:02\n"
       "An: Jonas <jonas@client.example>\nCc: Sekretariat <office@therapie.example>\nBetreff: Drei gute Dinge\n\n"
       "Bitte notieren Sie jeden Abend drei gute Dinge.\n", "Anbei meine Liste."),
    _p("h-fr-apple-unmarked", "attribution-unmarked-quote", "apple", "fr",
       f"Voici ma liste.\n\nLe 27 nov. 2024 à 20:02, Dr Lee <{A}> a écrit :\n\nTrois bonnes choses chaque soir.\n",
       "Voici ma liste."),
    _p("h-es-outlook-separator", "separator", "outlook", "es",
       "Aquí va.\n\n-----Mensaje original-----\nDe: Dr Lee\nEnviado el: miércoles, 27 de noviembre de 2024 20:02\n"
       "Para: Ana\nAsunto: Tres cosas buenas\n\nTres cosas buenas cada noche.\n", "Aquí va."),
    _p("h-nl-thunderbird", "attribution", "thunderbird", "nl",
       "Lijstje hieronder.\n\nOp 27-11-2024 om 20:02 schreef Dr Lee:\n> Drie goede dingen per avond.\n",
       "Lijstje hieronder."),
    _p("h-it-gmail", "attribution", "gmail", "it",
       f"Ecco la lista.\n\nIl giorno mer 27 nov 2024 alle ore 20:02 Dr Lee <{A}> ha\nscritto:\n\n{EN_QUOTE}",
       "Ecco la lista."),
    _p("h-pt-outlook", "header-block", "outlook", "pt",
       "Segue a lista.\n\nDe: Dr Lee <praxis@therapie.example>\nEnviado: quarta-feira, 27 de novembro de 2024 20:02\n"
       "Para: João\nAssunto: Três coisas boas\n\nTrês coisas boas por noite.\n", "Segue a lista."),
    _p("h-da-outlook-no-subject", "header-block-no-subject", "outlook", "da",
       "Her er listen.\n\nFra: Dr Lee <praxis@therapie.example>\nSendt: 27. november 2024 20:02\nTil: Mette\n\n"
       "Tre gode ting hver aften.\n", "Her er listen."),
    _p("h-sv-gmail", "attribution", "gmail", "sv",
       f"Här är listan.\n\nDen ons 27 nov. 2024 kl 20:02 skrev Dr Lee <{A}>:\n\n{EN_QUOTE}", "Här är listan."),
    _p("h-no-thunderbird", "attribution", "thunderbird", "no",
       "Her er lista.\n\nDen 27.11.2024 20:02, skrev Dr Lee:\n> Tre gode ting hver kveld.\n", "Her er lista."),
    _p("h-pl-outlook", "header-block", "outlook", "pl",
       "Oto lista.\n\nOd: Dr Lee <praxis@therapie.example>\nWysłano: środa, 27 listopada 2024 20:02\nDo: Piotr\n"
       "Temat: Trzy dobre rzeczy\n\nTrzy dobre rzeczy każdego wieczoru.\n", "Oto lista."),
    _p("h-ru-outlook", "header-block", "outlook", "ru",
       "Вот список.\n\nОт: Dr Lee <praxis@therapie.example>\nОтправлено: 27 ноября 2024 г. 20:02\nКому: Иван\n"
       "Тема: Три хороших дела\n\nТри хороших дела каждый вечер.\n", "Вот список."),
    _p("h-ru-gmail-napisal", "attribution", "gmail", "ru",
       f"Вот список.\n\nср, 27 нояб. 2024 г. в 20:02, Dr Lee <{A}>:\n\n{EN_QUOTE}", "Вот список."),
    _p("h-pl-gmail", "attribution", "gmail", "pl",
       f"Lista poniżej.\n\nśr., 27 lis 2024 o 20:02 Dr Lee <{A}> napisał(a):\n\n{EN_QUOTE}", "Lista poniżej."),
    _p("h-vi-gmail", "attribution", "gmail", "vi",
       f"Danh sách đây.\n\nVào Th 4, 27 thg 11, 2024 vào lúc 20:02 Dr Lee <{A}> đã viết:\n\n{EN_QUOTE}",
       "Danh sách đây."),
    _p("h-nowrap-wrote", "attribution-no-space", "other", "en",
       f"Done and dusted.\n\nOn Nov 27, 2024, at 8:02 PM, Dr Lee<{A}>wrote:\n\n{EN_QUOTE}", "Done and dusted."),
    _p("h-sent-de", "attribution-sent", "other", "en",
       f"List attached.\n\nOn 27-Nov-2024, at 8:02 PM, Dr Lee <{A}> sent:\n{EN_QUOTE}", "List attached."),
    _p("h-date-first-iso", "attribution-date-first", "gmail", "en",
       f"Good week.\n\n2024-11-27 20:02 GMT+01:00 Dr Lee <{A}>:\n\n{EN_QUOTE}", "Good week."),
    _p("h-same-line", "attribution-same-line", "other", "en",
       f"ok will do On Wed, Nov 27, 2024 at 8:02 PM, {A} wrote:\n{EN_QUOTE}", "ok will do"),
    _p("h-three-lines", "attribution-three-lines", "apple", "en",
       f"Better this week.\n\nOn Nov 27, 2024, at 8:02 PM, Dr Lee, Practice\n<{A}>\nwrote:\n\n{EN_QUOTE}",
       "Better this week."),
    _p("h-reply-message", "separator", "other", "en",
       "Sure.\n\n-----Reply Message-----\nFrom: Dr Lee\n\nThree good things.\n", "Sure."),
    _p("h-android-wrote", "separator-android", "android", "en",
       f"Will do\n\n---- Dr Lee wrote ----\n\n{EN_QUOTE}", "Will do"),
    _p("h-dashed-on", "separator-dashed-attribution", "other", "en",
       "Notes below\n\n------On 11/27/2024 8:02 PM, Dr Lee wrote-----\n\nThree good things.\n", "Notes below"),
    _p("h-link-wrap", "wrapped-link", "other", "en",
       "Yes\n\nOn Wednesday, November 27, 2024 at 8:02 PM, Dr Lee wrote:\n\n> Book your session\n>\n"
       " (https://therapie.example/book/abc123) >\n> Thanks\n", "Yes"),
    _p("h-own-triple", "own-marker-line", "other", "en",
       "I wrote this on a sticky note:\n>>> breathe first <<<\nand put it on my desk.",
       "I wrote this on a sticky note:\n>>> breathe first <<<\nand put it on my desk."),
    _p("h-forward-thunderbird", "forward-kept", "thunderbird", "en",
       "My journal, forwarded.\n\n-------- Forwarded Message --------\nSubject: \tjournal\nDate: \tSat, 23 Nov 2024 21:00\n"
       "From: \tJonas <jonas@client.example>\n\nSaturday: calm.\n",
       "My journal, forwarded.\n\n-------- Forwarded Message --------\nSubject: \tjournal\nDate: \tSat, 23 Nov 2024 21:00\n"
       "From: \tJonas <jonas@client.example>\n\nSaturday: calm."),
    _p("h-dash-name", "sign-off", "other", "en", "Three things done.\n\n-Jonas", "Three things done."),
    _p("h-list-footer", "list-footer", "list", "en",
       "Count me in.\n\n_______________________________________________\nCalm mailing list\nCalm@lists.example.org\n"
       "https://lists.example.org/mailman/listinfo/calm", "Count me in."),
    _p("h-device-multiword", "device-line", "phone", "en",
       "On my way.\n\nSent from my Samsung Galaxy S23 Ultra", "On my way."),
    _p("h-device-de", "device-line", "phone", "de", "Bin unterwegs.\n\nGesendet von meinem Pixel", "Bin unterwegs."),
    _h("h-gmail-html-de", "attribution", "gmail", "de",
       f'<div dir="ltr">Liste anbei.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Am Mi., 27. Nov.'
       f" 2024 um 20:02 Uhr schrieb Dr Lee &lt;{A}&gt;:<br></div><blockquote class=\"gmail_quote\"><div>Drei gute Dinge."
       "</div></blockquote></div>", "Liste anbei."),
    _h("h-outlook-web-nl", "header-block", "outlook-web", "nl",
       '<div>Lijst hieronder.</div><div id="appendonsend"></div><hr tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
       "<font><b>Van:</b> Dr Lee &lt;praxis@therapie.example&gt;<br><b>Verzonden:</b> woensdag 27 november 2024 20:02<br>"
       "<b>Aan:</b> Sanne<br><b>Onderwerp:</b> Drie goede dingen</font><div>&nbsp;</div></div><div>Drie goede dingen."
       "</div>", "Lijst hieronder."),
    _h("h-apple-html-sv", "attribution", "apple", "sv",
       f'<div dir="auto">Listan nedan.</div><div dir="auto"><br><blockquote type="cite">27 nov. 2024 kl. 20:02 skrev Dr'
       f' Lee &lt;{A}&gt;:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Tre goda saker.</div>'
       "</blockquote>", "Listan nedan."),
    _h("h-proton-fr", "attribution", "protonmail", "fr",
       f'<div>Voilà.</div><br><div class="protonmail_quote">Le mercredi 27 novembre 2024 à 20:02, Dr Lee &lt;{A}&gt; a'
       ' écrit :<br><blockquote class="protonmail_quote" type="cite">Trois bonnes choses.</blockquote></div>', "Voilà."),
    _h("h-yahoo-es", "attribution", "yahoo", "es",
       f'<div class="yahoo-style-wrap"><div>Aquí está.</div></div><div class="yahoo_quoted"><div>El miércoles, 27 de '
       f"noviembre de 2024, 20:02:00 CET, Dr Lee &lt;{A}&gt; escribió:</div><div>Tres cosas buenas.</div></div>",
       "Aquí está."),
    _h("h-thunderbird-it", "attribution", "thunderbird", "it",
       '<p>Ecco.</p><div class="moz-cite-prefix">Il 27/11/24 20:02, Dr Lee ha scritto:<br></div><blockquote type="cite">'
       "Tre cose buone.</blockquote>", "Ecco."),
    _h("h-own-blockquote", "own-blockquote", "apple", "en",
       "<div>The note from my boss:</div><blockquote><div>See me tomorrow.</div><div>Bring the file.</div><div>Early."
       "</div></blockquote><div>Anxiety 85 all night.</div>",
       "The note from my boss:\nSee me tomorrow.\nBring the file.\nEarly.\nAnxiety 85 all night."),
    _h("h-all-quote-gmail", "all-quote", "gmail", "en",
       f'<div class="gmail_quote"><div class="gmail_attr">On Wed, Nov 27, 2024 at 8:02 PM Dr Lee &lt;{A}&gt; wrote:'
       '</div><blockquote class="gmail_quote">Three good things.</blockquote></div>',
       f"> On Wed, Nov 27, 2024 at 8:02 PM Dr Lee <{A}> wrote:\n> Three good things."),
    _p("h-false-on-wrote", "false-positive", "other", "en",
       "On Tuesday my sister wrote:\n\"call me\"\nand I did not.", "On Tuesday my sister wrote:\n\"call me\"\nand I did not."),
    _p("h-false-sent-from", "false-positive", "other", "en",
       "Thoughts\n\nSent from the train, because I could not wait until I got home tonight.",
       "Thoughts\n\nSent from the train, because I could not wait until I got home tonight."),
]  # fmt: skip
