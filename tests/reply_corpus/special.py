"""Corpus mails written one by one, for the kinds that need their own wording."""

from __future__ import annotations

from reply_corpus.clients import ADDR
from reply_corpus.clients import html_case as _h
from reply_corpus.clients import plain_case as _p

Q = "> Please keep a worry diary this week.\n> Note the time and the worry.\n"


SPECIAL = [
    # --- attribution forms -------------------------------------------------------------------
    _p("wrote-no-space", "attribution-no-space", "gmail", "en",
       f"Worry time helped on four days.\n\nOn Tue, Mar 5, 2024 at 10:15 AM Homework <{ADDR}>wrote:\n{Q}",
       "Worry time helped on four days."),
    _p("wrote-no-space-name-glued", "attribution-no-space", "apple", "en",
       f"Done, see you Thursday.\n\nOn 5 Mar 2024, at 10:15, Homework<{ADDR}>wrote:\n\n{Q}",
       "Done, see you Thursday."),
    _p("sent-verb", "attribution-sent", "other", "en",
       f"Here is my diary.\n\nOn 05-Mar-2024, at 10:15 AM, Homework <{ADDR}> sent:\n\n{Q}",
       "Here is my diary."),
    _p("date-first-gmt", "attribution-date-first", "gmail", "ru",
       f"Сделал всё.\n\n2024-03-05 10:15 GMT+03:00 Homework <{ADDR}>:\n\n{Q}", "Сделал всё."),
    _p("date-first-gmt-wrapped", "attribution-date-first", "gmail", "ru",
       f"Спасибо, записал.\n\n2024-03-05 10:15 GMT+03:00 Homework <\n{ADDR}>:\n\n{Q}", "Спасибо, записал."),
    _p("date-first-rfc-date", "attribution-date-first", "other", "en",
       f"Diary attached.\n\nTue, 5 Mar 2024 10:15:02 +0100 Homework <{ADDR}>:\n{Q}", "Diary attached."),
    _p("date-first-dotted-user", "attribution-date-first", "yandex", "ru",
       f"Готово.\n\n05.03.2024 10:15 пользователь \"Homework\" <\n{ADDR}> написал:\n\n{Q}", "Готово."),
    _p("mailru-ot", "attribution-date-first", "mail.ru", "ru",
       f"Всё получилось.\n\nВторник, 5 марта 2024, 10:15 +03:00 от Homework <{ADDR}>:\n{Q}", "Всё получилось."),
    _p("same-line-reply", "attribution-same-line", "other", "en",
       f"yes, all four days On Tue, Mar 5, 2024 at 10:15 AM, {ADDR} wrote:\n{Q}", "yes, all four days"),
    _p("same-line-dashes", "attribution-same-line", "yahoo", "en",
       f"done--- On Tue, 3/5/24, Homework <{ADDR}> wrote:\n{Q}", "done"),
    _p("same-line-second-line", "attribution-same-line", "yahoo", "en",
       f"I kept the diary\nmost days - not Sunday--- On Tue, 3/5/24, Homework <{ADDR}> wrote:\n{Q}",
       "I kept the diary\nmost days - not Sunday"),
    _p("three-lines-address-alone", "attribution-three-lines", "apple", "en",
       f"Thanks, it went better.\n\nOn Mar 5, 2024, at 10:15 AM, Homework Practice\n<{ADDR}>\nwrote:\n\n{Q}",
       "Thanks, it went better."),
    _p("three-lines-de", "attribution-three-lines", "apple", "de",
       f"Danke, lief besser.\n\nAm 05.03.2024 um 10:15 schrieb Homework Praxis\n<{ADDR}>\n:\n\n{Q}",
       "Danke, lief besser."),
    _p("two-lines-gmail-wrap", "attribution-wrapped", "gmail", "en",
       f"Four out of seven.\n\nOn Tue, Mar 5, 2024 at 10:15 AM Homework Practice of Dr Jones <\n{ADDR}> wrote:\n\n{Q}",
       "Four out of seven."),
    _p("polymail-spread", "attribution-wrapped", "polymail", "en",
       f"Sent the diary.\n\nOn Tue, Mar 5, 2024 at 10:15 AM Homework\n\n<\nmailto:Homework <{ADDR}>\n> wrote:\n{Q}",
       "Sent the diary."),
    _p("android-dashes", "separator-android", "android", "en",
       f"Did it twice.\n\n---- Homework wrote ----\n\n{Q}", "Did it twice."),
    _p("android-dashes-unmarked", "separator-android", "android", "en",
       "Did it three times.\n\n---- Homework Practice wrote ----\n\nPlease keep a worry diary.\n",
       "Did it three times."),
    _p("dashed-on-wrote", "separator-dashed-attribution", "other", "en",
       "My notes are below.\n\n------On 05/03/2024 10:15 AM, Homework wrote-----\n\nPlease keep a worry diary.\n",
       "My notes are below."),
    _p("danish-skrev", "attribution", "gmail", "da",
       f"Jeg har skrevet dagbog.\n\nDen tir. 5. mar. 2024 kl. 10.15 skrev Homework <{ADDR}>:\n{Q}",
       "Jeg har skrevet dagbog."),
    _p("norwegian-paren", "attribution", "other", "no",
       f"Ferdig.\nPå 5. mars 2024 på 10:15:18, Homework ({ADDR}) skrev:\n\n{Q}", "Ferdig."),
    _p("swedish-den-skrev", "attribution", "other", "sv",
       f"Klart.\nDen 5 mars, 2024 skrev Homework <{ADDR}>:\n\n{Q}", "Klart."),
    _p("polish-w-dniu", "attribution", "other", "pl",
       f"Zrobione.\n\nW dniu 5 marca 2024 10:15 użytkownik Homework <\n{ADDR}> napisał:\n\n{Q}", "Zrobione."),
    _p("dutch-apple-unmarked", "attribution-unmarked-quote", "apple", "nl",
       f"Gedaan.\n\nOp 5 mrt. 2024, om 10:15 heeft Homework <{ADDR}> het volgende geschreven:\n\n"
       "Houd deze week een zorgendagboek bij.\n", "Gedaan."),
    _p("vietnamese-da-viet", "attribution", "gmail", "vi",
       f"Xong rồi.\n\nVào 10:15 5 thg 3, 2024, Homework <{ADDR}> đã viết:\n\n{Q}", "Xong rồi."),
    _p("samsung-glued-wrote", "attribution-same-line", "samsung", "en",
       f"All done\n\nSent from Samsung MobileHomework <{ADDR}> wrote:\n{Q}", "All done"),
    _p("french-mailto-unmarked", "attribution-unmarked-quote", "apple", "fr",
       f"Fait.\n\nLe 5 mars 2024 à 10:15, Homework <{ADDR}<mailto:{ADDR}>> a écrit:\n\nBonjour,\nMerci.\n",
       "Fait."),
    # --- Outlook blocks and separators ---------------------------------------------------------
    _p("reply-message", "separator", "other", "en",
       "Here you go.\n\n-----Reply Message-----\nFrom: Homework\nTo: Dirk\n\nPlease keep a diary.\n", "Here you go."),
    _p("antwort-nachricht", "separator", "other", "de",
       "Bitte schön.\n\n-----Antwort Nachricht-----\n\nBitte führen Sie ein Tagebuch.\n", "Bitte schön."),
    _p("oprindelig-meddelelse", "separator", "outlook", "da",
       "Her er den.\n\n-----Oprindelig meddelelse-----\nFra: Homework\nSendt: 5. marts 2024 10:15\n\nSkriv dagbog.\n",
       "Her er den."),
    _p("original-message-spaced", "separator", "outlook-express", "en",
       "Done.\n\n----- Original Message -----\nFrom: Homework\nTo: Dirk\nSent: Tuesday, March 05, 2024 10:15 AM\n"
       "Subject: diary\n\nPlease keep a diary.\n", "Done."),
    _p("bold-block-wrapped", "header-block", "outlook", "en",
       f"Hi\n\n  *From:* Homework [mailto:\n  {ADDR}]\n  *Sent:* Tuesday, March 5, 2024 10:15 AM\n  *To:* Dirk\n"
       "  *Subject:* diary\n\nPlease keep a diary.\n", "Hi"),
    _p("date-to-only", "header-block-date-first", "other", "en",
       "Finished.\n\nDate: Tue, 5 Mar 2024 10:15:02 +0100\nTo: dirk@client.example\n\nPlease keep a diary.\n",
       "Finished."),
    _p("from-date-link-tail", "header-block-no-subject", "other", "en",
       "9am-1pm works for me\n\nFrom: homework@practice.example\nDate: Tue, 5 Mar 2024 10:15:02 +0100\n\n"
       "<http://practice.example/c/dHJhY2tpbmdfY29kZT1mMDdjYzBm\n>  <homework@practice.example>\n\nBook here\n",
       "9am-1pm works for me"),
    _p("outlook-directly-above-line", "header-block", "outlook", "en",
       "Reply right above the line\n________________________________________\nFrom: Homework [homework@practice.example]\n"
       "Sent: Tuesday, March 05, 2024 10:15 AM\nTo: Dirk\nSubject: RE: diary\n\nPlease keep a diary.\n",
       "Reply right above the line"),
    _h("outlook-inline-header-one-line", "header-block", "other", "en",
       "<div>Reply</div><div><hr/><div><font><b>From: homework@practice.example</b> "
       "<b>Date: Tue, 05 Mar 2024 10:15:12 -0700</b></font></div><div>Quoted message</div></div>", "Reply"),
    _h("hotmail-hr-date-first", "header-block-date-first", "outlook-web", "en",
       "<div>Blah<br><br><hr>Date: Tue, 5 Mar 2024 10:15:16 -0600<br>To: dirk@client.example<br>"
       "From: homework@practice.example<br>Subject: diary<br><br>Please keep a diary.</div>", "Blah"),
    # --- wrapped links -------------------------------------------------------------------------
    _p("link-wrapped-in-quote", "wrapped-link", "other", "en",
       "Blah\n\nOn Thursday, March 7, 2024 at 3:03 PM, Homework wrote:\n\n>\n> Reply to this mail\n>\n"
       " (http://practice.example/c/YzOTYzMmE) >\n> your diary (http://practice.example/c/YzMmE)\n>\n", "Blah"),
    _p("link-tail-token", "wrapped-link", "other", "en",
       "All good\n\nOn Monday, 4 March, 2024 at 3:46 PM, homework wrote:\n\n> [Task #50] diary\n>\n"
       "> View task (http://practice.example/action\n_nonce=3dd518)\n>\n", "All good"),
    # --- client text that must stay --------------------------------------------------------------
    _p("own-triple-marker-line", "own-marker-line", "other", "en",
       "Look at this page:\n>>> >>>  http://www.calm.example <<<\nIt helped me sleep.",
       "Look at this page:\n>>> >>>  http://www.calm.example <<<\nIt helped me sleep."),
    _p("own-triple-marker-no-close", "own-marker-line", "other", "en",
       "The worst thought was:\n>>> I will never get better\nthen I reframed it.",
       "The worst thought was:\n>>> I will never get better\nthen I reframed it."),
    _p("own-short-quote", "own-marker-line", "other", "en",
       "My boss said:\n> you are late again\nI felt 70 anxious.", "My boss said:\n> you are late again\nI felt 70 anxious."),
    _p("forward-gmail-plain", "forward-kept", "gmail", "en",
       "My diary from the weekend, as promised.\n\n---------- Forwarded message ---------\nFrom: Dirk <dirk@client.example>\n"
       "Date: Sat, Mar 2, 2024 at 9:00 PM\nSubject: diary\nTo: <dirk@client.example>\n\nSaturday: calm after the walk.\n",
       "My diary from the weekend, as promised.\n\n---------- Forwarded message ---------\n"
       "From: Dirk <dirk@client.example>\nDate: Sat, Mar 2, 2024 at 9:00 PM\nSubject: diary\nTo: <dirk@client.example>\n\n"
       "Saturday: calm after the walk."),
    _p("forward-only", "forward-kept", "gmail", "en",
       "---------- Forwarded message ---------\nFrom: Dirk <dirk@client.example>\nDate: Sat, Mar 2, 2024\n"
       "Subject: diary\n\nSunday: slept badly.\n",
       "---------- Forwarded message ---------\nFrom: Dirk <dirk@client.example>\nDate: Sat, Mar 2, 2024\n"
       "Subject: diary\n\nSunday: slept badly."),
    _p("forward-apple-plain", "forward-kept", "apple", "de",
       "Mein Tagebuch.\n\nAnfang der weitergeleiteten Nachricht:\n\nVon: Dirk <dirk@client.example>\n"
       "Datum: 2. März 2024 um 21:00:00 MEZ\nBetreff: Tagebuch\n\nSamstag: ruhig.\n",
       "Mein Tagebuch.\n\nAnfang der weitergeleiteten Nachricht:\n\nVon: Dirk <dirk@client.example>\n"
       "Datum: 2. März 2024 um 21:00:00 MEZ\nBetreff: Tagebuch\n\nSamstag: ruhig."),
    _p("forward-outlook-fw", "forward-kept", "outlook", "en",
       "See what my sister wrote.\n\n________________________________\nFrom: Anna <anna@family.example>\n"
       "Sent: Saturday, March 2, 2024 9:00 PM\nTo: Dirk\nSubject: FW: Sunday\n\nCome on Sunday.\n",
       "See what my sister wrote.\n\n________________________________\nFrom: Anna <anna@family.example>\n"
       "Sent: Saturday, March 2, 2024 9:00 PM\nTo: Dirk\nSubject: FW: Sunday\n\nCome on Sunday."),
    _h("forward-gmail-html", "forward-kept", "gmail", "en",
       '<div dir="ltr">My diary, forwarded.<br><br><div class="gmail_quote gmail_quote_container">'
       '<div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername"'
       ' dir="auto">Dirk</strong> <span dir="auto">&lt;dirk@client.example&gt;</span><br>Date: Sat, Mar 2, 2024 at 9:00'
       ' PM<br>Subject: diary<br>To: &lt;dirk@client.example&gt;<br></div><br><br><div dir="ltr">Saturday: calm after'
       " the walk.</div></div></div>",
       "My diary, forwarded.\n\n---------- Forwarded message ---------\nFrom: Dirk <dirk@client.example>\n"
       "Date: Sat, Mar 2, 2024 at 9:00 PM\nSubject: diary\nTo: <dirk@client.example>\n\nSaturday: calm after the walk."),
    _h("forward-after-reply-is-quote", "attribution", "gmail", "en",
       f'<div dir="ltr">Thanks!</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Mar 4, 2024'
       f" at 9:00 AM Homework &lt;{ADDR}&gt; wrote:<br></div><blockquote class=\"gmail_quote\"><div>---------- Forwarded"
       " message ---------<br>From: X</div><div>Old words</div></blockquote></div>", "Thanks!"),
    _h("own-blockquote-kept", "own-blockquote", "gmail", "en",
       '<div dir="ltr">My mother wrote to me:<blockquote style="margin:0 0 0 40px;border:none;padding:0px"><div>You '
       "never call.</div><div>You never visit.</div><div>You never listen.</div></blockquote><div>I rated my guilt 80."
       "</div></div>",
       "My mother wrote to me:\nYou never call.\nYou never visit.\nYou never listen.\nI rated my guilt 80."),
    _h("own-blockquote-before-quote", "own-blockquote", "other", "en",
       f"Reply<blockquote>Regular</blockquote><div>On Mon, Mar 4, 2024 at 9:00 AM, Homework &lt;{ADDR}&gt; wrote:"
       "</div><blockquote><div><blockquote>Nested</blockquote></div></blockquote>", "Reply\nRegular"),
    _h("gmail-quote-class-blockquote-alone", "own-blockquote", "gmail", "en",
       '<div>Message</div><blockquote class="gmail_quote"><div class="gmail_default">I am not my thoughts.<br/></div>'
       "</blockquote>", "Message\nI am not my thoughts."),
    _h("all-blockquote", "all-quote", "other", "en",
       "<blockquote><div>Situation: bus late</div><div>Feeling: anxious 60</div></blockquote>",
       "Situation: bus late\nFeeling: anxious 60"),
    _h("all-cite-blockquote", "all-quote", "apple", "en",
       '<blockquote type="cite"><div>Situation: bus late</div><div>Feeling: anxious 60</div></blockquote>',
       "> Situation: bus late\n> Feeling: anxious 60"),
    _h("reply-inside-blockquote", "all-quote", "other", "en",
       f'<blockquote type="cite">Reply<blockquote type="cite"><div>On Mon, Mar 4, 2024 at 9:00 AM, Homework &lt;{ADDR}'
       "&gt; wrote:</div><div>Test</div></blockquote></blockquote>", "> Reply"),
    _p("all-quote-plain", "all-quote", "other", "en",
       f"On Mon, Mar 4, 2024 at 9:00 AM Homework <{ADDR}> wrote:\n> Please keep a diary.\n",
       f"On Mon, Mar 4, 2024 at 9:00 AM Homework <{ADDR}> wrote:\n> Please keep a diary."),
    _p("inline-answers", "inline-reply", "other", "en",
       f"On Mon, Mar 4, 2024 at 9:00 AM Homework <{ADDR}> wrote:\n> Situation?\nThe bus was late.\n\n> Feeling?\n"
       "Anxious, 60.\n", "The bus was late.\n\nAnxious, 60."),
    _p("bottom-post-with-regards", "inline-reply", "other", "en",
       "Test reply\n\nOn 04/03/2024 09:00, Homework wrote:\n\n>\n> Keep a diary\n\nRegards, Dirk",
       "Test reply\n\nRegards, Dirk"),
    _p("nested-quote-and-regards", "inline-reply", "thunderbird", "en",
       "Test reply\nOn 04/03/2024 09:00, Homework wrote:\n\n>Test test\n>On 01/03/2024 09:00, Dirk wrote:\n>\n>>\n"
       ">> Old.\n>>\n\nRegards, Dirk", "Test reply\n\nRegards, Dirk"),
    # --- false alarms: these are the client's words ----------------------------------------------
    _p("sentence-like-attribution", "false-positive", "other", "en",
       "On Monday my mother wrote:\nYou should rest more.\nI felt judged.",
       "On Monday my mother wrote:\nYou should rest more.\nI felt judged."),
    _p("on-your-remote-host", "false-positive", "other", "en",
       "On the bus I tried:\n\n  breathing in for 4\n\nIt helped.\n\nOn 4 Mar 2024, at 9:47, Homework wrote:\n\n> Try it",
       "On the bus I tried:\n\n  breathing in for 4\n\nIt helped."),
    _p("sent-from-my-desk", "false-positive", "other", "en",
       "Here is my diary\n\nSent from my desk, which is easier than my phone.",
       "Here is my diary\n\nSent from my desk, which is easier than my phone."),
    _p("letter-from-to", "false-positive", "other", "en",
       "The letter I drafted:\nFrom: me\nTo: my boss\nI would like to talk about my workload.",
       "The letter I drafted:\nFrom: me\nTo: my boss\nI would like to talk about my workload."),
    _p("bullets-kept", "false-positive", "other", "en",
       "What I did:\n\n   - walked every day\n   - and called my sister\n\n"
       f"On Fri, Mar 1, 2024 at 10:19 AM, <{ADDR}> wrote:\n\n> Tell me what you did",
       "What I did:\n\n   - walked every day\n   - and called my sister"),
    _p("dash-list-kept", "false-positive", "other", "en",
       "Things I avoided:\n-Parties\n-Phone calls\n-Shops", "Things I avoided:\n-Parties\n-Phone calls\n-Shops"),
    _p("appointment-lines", "false-positive", "other", "en",
       "Response\n\n10/19/2024 @ 9:30 am for physical therapy\n1517 4th Avenue Ste 300\nLondon",
       "Response\n\n10/19/2024 @ 9:30 am for physical therapy\n1517 4th Avenue Ste 300\nLondon"),
    _p("line-starts-with-on", "false-positive", "other", "en",
       "Blah-blah-blah\nOn blah-blah-blah", "Blah-blah-blah\nOn blah-blah-blah"),
    _p("mid-line-dashes", "false-positive", "other", "en",
       "Hi there!\n\nStop it with the -- signature delimiters!", "Hi there!\n\nStop it with the -- signature delimiters!"),
    _p("long-after-dashdash", "false-positive", "other", "en",
       "Part one\n--\n" + "\n".join(f"Day {n}: fine" for n in range(12)),
       "Part one\n--\n" + "\n".join(f"Day {n}: fine" for n in range(12))),
    # --- signatures ------------------------------------------------------------------------------
    _p("dash-name", "sign-off", "other", "en",
       "Oh thanks.\n\nHaving the list would be great.\n\n-Ben Okafor\n\nOn 01/03/2024 7:07 PM, Homework wrote:\n> Hi",
       "Oh thanks.\n\nHaving the list would be great."),
    _p("dash-name-end", "sign-off", "other", "en", "Diary attached.\n\n-Ben", "Diary attached."),
    _p("double-dash-name", "sign-off", "other", "en", "Done for this week.\n--Anna K.", "Done for this week."),
    _p("dash-dash-space-sig", "sign-off", "thunderbird", "en",
       "This is my correct -- signature test.\n\n-- \nrick\n+1 555 0100", "This is my correct -- signature test."),
    _p("verizon-blackberry", "device-line", "blackberry", "en",
       "Here is another diary\n\nSent from my Verizon Wireless BlackBerry", "Here is another diary"),
    _p("sent-via-tmobile", "device-line", "phone", "en",
       "Here is another diary\n\nSent from my T-Mobile 4G LTE Device", "Here is another diary"),
    _p("yahoo-android-line", "device-line", "yahoo", "en",
       "Slept well.\n\nSent from Yahoo Mail on Android", "Slept well."),
    _p("mail-for-windows", "device-line", "windows-mail", "en",
       "Slept well.\n\nSent from Mail for Windows", "Slept well."),
    _p("k9-german", "device-line", "k9", "de",
       "Gut geschlafen.\n\n--\nDiese Nachricht wurde von meinem Android-Gerät mit K-9 Mail gesendet.", "Gut geschlafen."),
    _p("samsung-galaxy-de", "device-line", "samsung", "de",
       "Gut geschlafen.\n\nVon meinem Samsung Galaxy Smartphone gesendet.", "Gut geschlafen."),
    _p("huawei-fr", "device-line", "huawei", "fr", "Bien dormi.\n\nEnvoyé depuis mon appareil Huawei", "Bien dormi."),
    _p("it-dispositivo", "device-line", "phone", "it", "Dormito bene.\n\nInviato dal mio dispositivo mobile",
       "Dormito bene."),
    _p("pt-galaxy", "device-line", "samsung", "pt", "Dormi bem.\n\nEnviado do meu Galaxy", "Dormi bem."),
    _p("sv-mobil", "device-line", "phone", "sv", "Sov gott.\n\nSkickat från min mobil", "Sov gott."),
    _p("da-ipad", "device-line", "apple", "da", "Sov godt.\n\nSendt fra min iPad", "Sov godt."),
    _p("pl-samsung", "device-line", "samsung", "pl", "Spałem dobrze.\n\nWysłane z mojego Galaxy", "Spałem dobrze."),
    _p("ru-mailru", "device-line", "mail.ru", "ru", "Спал хорошо.\n\nОтправлено из мобильной Почты Mail.ru",
       "Спал хорошо."),
    _p("nl-android", "device-line", "phone", "nl", "Goed geslapen.\n\nVerzonden met mijn Android-telefoon",
       "Goed geslapen."),
    _p("es-samsung", "device-line", "samsung", "es", "Dormí bien.\n\nEnviado desde mi smartphone Samsung Galaxy.",
       "Dormí bien."),
    _p("no-outlook", "device-line", "outlook-mobile", "no", "Sov godt.\n\nHent Outlook for Android", "Sov godt."),
    _p("mailman-footer", "list-footer", "list", "en",
       "I agree with the group.\n\n_______________________________________________\nAnxiety-support mailing list\n"
       "anxiety-support@lists.example.org\nhttps://lists.example.org/mailman/listinfo/anxiety-support",
       "I agree with the group."),
    _p("google-groups-footer", "list-footer", "list", "en",
       "Thanks all.\n\n-- \nYou received this message because you are subscribed to the Google Groups \"calm\" group.\n"
       "To unsubscribe from this group and stop receiving emails from it, send an email to calm+unsubscribe@googlegroups.com.",
       "Thanks all."),
    _p("footer-no-delimiter", "list-footer", "list", "en",
       "Thanks all.\n\nYou received this message because you are subscribed to the Google Groups \"calm\" group.",
       "Thanks all."),
    _h("thunderbird-signature-html", "sign-off", "thunderbird", "en",
       '<p>Done.</p><pre class="moz-signature" cols="72">-- \nDirk Client</pre><div class="moz-cite-prefix">On '
       "04/03/2024 09:00, Homework wrote:<br></div><blockquote type=\"cite\">Keep a diary</blockquote>", "Done."),
    _h("yahoo-android-sig-html", "device-line", "yahoo", "en",
       '<div>Slept well.</div><div id="ymail_android_signature"><a href="https://go.onelink.me/107872968">Sent from Yahoo'
       " Mail on Android</a></div>", "Slept well."),
    _h("olk-src-body-section", "header-block", "outlook-mac", "en",
       '<div>Reply</div><span id="OLK_SRC_BODY_SECTION"><div style="border-top:solid #B5C4DF 1.0pt"><b>From: </b>'
       f"Homework &lt;{ADDR}&gt;<br><b>Date: </b>Monday, 4 March 2024 at 09:00<br><b>To: </b>Dirk<br><b>Subject: </b>"
       "diary</div><div>Keep a diary</div></span>", "Reply"),
    # --- more clients: Yandex, Zimbra, Outlook 2003, Hotmail, CJK -------------------------------
    _p("date-first-no-colon", "attribution-date-first", "other", "en",
       f"Replying now\n2024/3/5 Homework Practice <{ADDR}>\n\n>  Keep a diary", "Replying now"),
    _p("chinese-xiedao", "attribution", "other", "zh",
       f"好的。\n\nHomework <{ADDR}> 于2024年3月5日周二 10:15写道：\n> 请记日记", "好的。"),
    _p("japanese-outlook", "header-block", "outlook", "ja",
       "やりました。\n\n差出人: Homework <homework@practice.example>\n送信日時: 2024年3月5日 10:15\n宛先: Dirk\n"
       "件名: 日記\n\n日記をつけてください。\n", "やりました。"),
    _p("czech-napsal", "attribution", "gmail", "cs",
       f"Hotovo.\n\nút 5. 3. 2024 v 10:15 odesílatel Homework <{ADDR}> napsal:\n\n{Q}", "Hotovo."),
    _h("yandex-plain-blockquote", "attribution-unmarked-quote", "yandex", "ru",
       f"<div>Готово.</div><div>05.03.2024, 10:15, \"Homework\" &lt;{ADDR}&gt;:</div><blockquote><div>Ведите дневник."
       "</div></blockquote>", "Готово."),
    _h("zimbra-divider", "header-block", "zimbra", "en",
       '<div>Done.</div><hr id="zwchr" data-marker="__DIVIDER__"><div data-marker="__HEADERS__"><b>From: </b>"Homework" '
       f"&lt;{ADDR}&gt;<br><b>To: </b>dirk@client.example<br><b>Sent: </b>Tuesday, March 5, 2024 10:15:00 AM<br>"
       '<b>Subject: </b>diary<br></div><div data-marker="__QUOTED_TEXT__">Keep a diary.</div>', "Done."),
    _h("outlook-2003-original", "separator", "outlook", "en",
       '<div><font face="Arial" size="2">Done.</font></div><div><br></div><div class="OutlookMessageHeader" dir="ltr" '
       'align="left"><font face="Tahoma" size="2">-----Original Message-----<br><b>From:</b> Homework<br><b>Sent:</b> '
       "Tuesday, March 05, 2024 10:15 AM<br><b>To:</b> Dirk<br><b>Subject:</b> diary<br></font><br></div>"
       "<div>Keep a diary.</div>", "Done."),
    _h("hotmail-stop-spelling", "header-block-date-first", "outlook-web", "en",
       '<div dir="ltr">Done.<br><br><div><hr id="stopSpelling">Date: Tue, 5 Mar 2024 10:15:16 -0600<br>From: '
       f"{ADDR}<br>To: dirk@client.example<br>Subject: diary<br><br>Keep a diary.</div></div>", "Done."),
    _h("windows-mail-blockquote", "separator", "windows-mail", "en",
       '<div><font size="2" face="Arial">Done.</font></div><blockquote style="border-left: #000000 2px solid; '
       'padding-left: 5px; margin-left: 5px"><div style="font: 10pt arial">----- Original Message ----- </div>'
       "<div><b>From:</b> Homework</div><div><b>Sent:</b> Tuesday, March 05, 2024 10:15 AM</div><div>Keep a diary."
       "</div></blockquote>", "Done."),
    _h("webmail-last-plain-blockquote", "plain-blockquote-quote", "webmail", "en",
       "<div>Slept badly \u00a0 again.</div><div><br></div><blockquote>Please keep a sleep diary.</blockquote>",
       "Slept badly again."),
    _h("plain-blockquote-then-footer", "plain-blockquote-quote", "webmail", "en",
       "<div><div>Done.</div><blockquote>Keep a diary.</blockquote></div><div>This mail is confidential.</div>",
       "Done.\n\nThis mail is confidential."),
    _h("plain-blockquote-introduced-is-own", "own-blockquote", "webmail", "en",
       "<div>The text from my sister:</div><blockquote>Come on Sunday.</blockquote>",
       "The text from my sister:\nCome on Sunday."),
    _p("own-quote-lines-many", "own-marker-line", "other", "en",
       "The voices in my head:\n> you are useless\n> nobody likes you\n> you will fail\nI answered each one.",
       "The voices in my head:\n> you are useless\n> nobody likes you\n> you will fail\nI answered each one."),
]  # fmt: skip
