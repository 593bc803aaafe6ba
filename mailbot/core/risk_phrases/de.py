"""German risk patterns about thoughts and wishes; acts are in ``de_acts``.

The package docstring says how the patterns are written.
"""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import CAREER, JOKING, NOT_JOKING, REPORTED, WORRIED, p

_OTHERS = (
    r"\b(?:er|sein|seine|seiner|seinen|onkel|tante|bruder|schwester|vater|mutter|papa|mama|freund\w*|"
    r"kolleg\w*|nachbar\w*|sohn|tochter|oma|opa|film|buch|serie|doku\w*|roman|podcast|artikel|lied|figur|"
    r"prävention)\b"
)
_FIRST_PERSON = (
    r"\bich {w2}(?:denke|dachte|überlege|plane|will|wollte|möchte|fühle)\b|\b(?:denke|dachte) ich\b"
)
INJURY = (
    r"\b(?:sport|training|fussball|joggen|gestolpert|gestürzt|hingefallen|unfall|versehen\w*|kochen|küche|"
    r"rasieren|knie|knöchel|finger|gemüse\w*|ofen\w*|herd\w*|bügeleisen|pfanne|werkzeug|heimwerk\w*)\b|"
    r"\bbeim \w+"
)
_FEAR = r"\b(?:panik\w*|herzinfarkt|angst|exposition|konfrontation|beerdigung|krebs|gestorben|verstorben)\b"
_DEATH_IDIOM = r"(?! (?:vor|aus)\b)"

PATTERNS = (
    p(
        "de",
        "mich_umbringen",
        "mich umbringen",
        r"(?:mich|mir) (?:selbst |selber )?{w3}(?:umbringen|umzubringen|umgebracht|umbringe|töten|zu töten|"
        r"erhängen|aufhängen|aufzuhängen|erschiessen|zu erschiessen|vergiften|ertränken|"
        r"das leben (?:zu )?nehm\w*|"
        r"das leben genommen|(?:etwas|was|irgendwas) (?:antun|anzutun|antue|angetan)|die kugel geben|"
        r"die pulsadern \w+)",
    ),
    p(
        "de",
        "bring_mich_um",
        "ich bringe mich um",
        r"(?:ich|i) {w2}bring\w* mich {w3}um(?! (?:den|die|das|meinen|meine|mein|vor|zu)\b)",
    ),
    p(
        "de",
        "suizid",
        "Suizidgedanken",
        r"(?:selbstmord|suizid|freitod|selbsttötung)(?!präv|prophyl)\w*",
        unless=_OTHERS + "|" + CAREER,
        despite=_FIRST_PERSON,
    ),
    p(
        "de",
        "lebensmuede",
        "lebensmüde",
        r"lebensmüd\w*|todessehnsucht|todeswunsch|todeswünsche|sterbewunsch",
    ),
    p(
        "de",
        "nicht_mehr_leben",
        "ich will nicht mehr leben",
        r"(?:will|möchte|möcht|mag|kann|wollte|würde lieber|wünschte|wünsche mir) {w3}(?:so )?nicht mehr "
        r"(?:leben|weiterleben|da sein|hier sein|existieren|aufwachen|sein)|nicht mehr (?:leben|weiterleben|"
        r"existieren|da sein|aufwachen) (?:will|möchte|mag|wollen|wollte)|(?:kann|will|möchte|"
        r"mag) {w2}so nicht "
        r"(?:mehr )?weiter(?:leben|machen)?|(?:nie|nicht) (?:mehr|wieder) (?:aufwachen|aufzuwachen|aufwache)"
        r"(?! (?:vor|bis|um)\b)",
    ),
    p(
        "de",
        "will_nicht_mehr",
        "ich will nicht mehr",
        r"ich (?:will|mag|kann) (?:einfach |echt |wirklich |eigentlich |so |auch |halt |bald |langsam |"
        r"einfach nicht )*(?:nicht|nich|net) mehr{end}|(?:kann|will) (?:einfach )?nicht mehr weiter{end}",
    ),
    p(
        "de",
        "sterben_wollen",
        "ich will sterben",
        r"(?:will|möchte|möcht|wünsche mir|wünschte|würde (?:gern|gerne|lieber)|sehne mich danach|wäre) {w3}"
        r"(?:zu )?(?<!zum\s)sterben" + _DEATH_IDIOM,
        negatable=True,
        unless=JOKING + "|" + REPORTED,
        despite=NOT_JOKING + "|" + WORRIED,
    ),
    p(
        "de",
        "lieber_tot",
        "ich wäre lieber tot",
        r"(?:wäre|wär|bin|sei) {w2}(?:lieber|besser) tot|(?:wünschte|wünsche),? {w2}(?:ich wäre|ich wär|"
        r"wäre ich|"
        r"ich sei) tot|(?:will|möchte) {w2}tot sein",
        negatable=True,
        unless=REPORTED,
        despite=WORRIED,
    ),
    p(
        "de",
        "schluss_machen",
        "Schluss machen",
        r"schluss (?:zu )?(?:machen|mache|machte|gemacht)",
        unless=r"\bmit (?:ihm|ihr|ihnen|dem|der|den|einem|einer|diesem|dieser|meinem (?!leben)|meiner|"
        r"meinen)\b|"
        r"für heute|feierabend|für diese woche|mit der arbeit|mit dem job",
    ),
    p(
        "de",
        "ein_ende",
        "allem ein Ende setzen",
        r"(?:allem|meinem leben|dem (?:ganzen|allem|leben)|es|alles) {w2}ein ende (?:setzen|zu setzen|machen|"
        r"zu machen|bereiten|zu bereiten|setze|mache)|(?:mein leben|alles|es) {w2}(?:beenden|zu beenden|"
        r"beende)",
        unless=r"\b(?:therapie|beziehung|übung|studium|job|vertrag|gespräch|kurs|projekt|arbeit|streit)\b",
    ),
    p(
        "de",
        "kein_sinn",
        "es hätte keinen Sinn mehr",
        r"(?:es|alles|das leben|mein leben|leben|das alles|nichts) {w3}(?:keinen sinn|keinen zweck|sinnlos|"
        r"nicht (?:mehr )?lebenswert|mehr (?:einen )?sinn)|wozu (?:noch )?(?:leben|weitermachen|weiterleben)|"
        r"(?:kein|keinen) grund (?:mehr )?(?:zu leben|weiterzuleben)",
        unless=r"\b(?:übung|aufgabe|hausaufgabe|tagebuch|protokoll|termin|diskutieren|darüber|streiten|"
        r"warten|"
        r"anzurufen|arbeit|job)\b|keinen sinn,? (?:\w+ ){0,4}?zu (?!leben|weiterleben)\w+",
    ),
    p(
        "de",
        "niemand_vermissen",
        "niemand würde mich vermissen",
        r"(?:niemand|keiner|kein mensch|keine sau) {w3}mich {w2}(?:vermissen|vermisst|bemerken)|"
        r"(?:niemand|keiner|kein mensch) {w3}(?:merken|bemerken|auffallen|vermissen|interessieren|"
        r"kümmern)\w*,? "
        r"(?:wenn|falls|dass) ich {w3}(?:weg|tot|nicht mehr|verschwinde|verschwinden|verschwunden|sterbe|"
        r"sterben)|wenn ich {w3}(?:tot wäre|tot bin|nicht mehr da wäre|nicht mehr da bin|nicht mehr lebe|"
        r"nicht "
        r"mehr leben würde|nicht mehr existieren würde|nicht mehr wäre|weg wäre|verschwinden würde|"
        r"verschwunden "
        r"wäre|verschwände|sterben würde)|ohne mich {w3}besser|besser (?:dran )?ohne mich|"
        r"ohne mich {w2}(?:gut|prima) (?:ginge|gehen würde|"
        r"dran wären)",
    ),
    p(
        "de",
        "ausweg",
        "ich sehe keinen Ausweg",
        r"(?:sehe|seh|gibt|finde|habe|hab|gibt es) {w3}(?:keinen|kein) (?:ausweg|ausgang)(?! aus (?:dem|"
        r"der)\b)|"
        r"ausweglos\w*|einzige ausweg",
    ),
    p(
        "de",
        "last",
        "ich bin eine Last",
        r"(?:bin|wäre) {w2}(?:nur )?(?:eine|ne) (?:last|belastung) für (?:alle|andere|meine|euch|jeden)",
    ),
    p(
        "de",
        "todesgedanken",
        "ich denke an den Tod",
        r"(?:denke|dachte|gedacht|denken|gedanken) {w4}(?:an den tod|ans sterben|an selbstmord|an suizid|"
        r"daran,? nicht mehr (?:da )?zu sein|daran,? mich {w2}umzubringen|daran,? (?:alles|es|mein leben) zu "
        r"beenden|an das sterben)",
        unless=_FEAR,
    ),
    p(
        "de",
        "es_mich_nicht_gaebe",
        "wenn es mich nicht mehr gäbe",
        r"es mich nicht mehr (?:gäbe|gibt|geben würde)|(?:leichter|besser|"
        r"einfacher) (?:\w+ )?(?:ohne mich|wenn "
        r"ich (?:nicht mehr|weg|tot))|für immer (?:weg sein|verschwinden|einschlafen|einzuschlafen|"
        r"schlafen|zu schlafen)|(?:ein|einen) "
        r"schritt,? und (?:es|alles) (?:ist|wäre|war) vorbei|(?:dann|und) (?:wäre|ist|wär) (?:es|"
        r"alles) (?:endlich )?"
        r"vorbei{end}",
    ),
    p(
        "de",
        "nicht_mehr_da",
        "am liebsten wäre ich nicht mehr da",
        r"(?:wäre|wär) ich {w2}nicht mehr (?:da|hier|am leben)|nicht mehr (?:da|hier|am leben) (?:wäre|wär)|"
        r"(?:keine kraft|keinen mut|keine lust) mehr (?:zu leben|zum leben|weiterzuleben)|(?:müde|satt) "
        r"(?:vom|des) lebens?|das leben satt|(?:schneide|ritze|verletze|verbrenne|kratze|bestrafe) mich"
        r"(?! (?:beim|am|an|mit dem messer beim)\b)|alles geregelt|testament {w3}(?:briefe|abschied)|"
        r"(?:leichter|besser|glücklicher) {w3}wenn ich {w2}(?:sterben|tot|weg|nicht mehr)",
        unless=INJURY,
        despite=r"\b(?:wieder|jeden abend|jeden tag|absichtlich|nicht mehr|leben|lebens)\b",
    ),
    p(
        "de",
        "umgangssprache",
        "keinen Bock mehr auf dieses Leben",
        r"(?:keinen bock|keine lust|keine kraft|genug) (?:mehr )?(?:auf|von) (?:dieses|das|mein|diesem|"
        r"dem|meinem) "
        r"leben|(?:am liebsten|wünschte|wünsche|möchte|will) {w3}tot (?:umfallen|sein|wäre)|aus dem fenster "
        r"{w1}(?:springen|zu springen|stürzen)|(?:niemand|keiner) {w3}(?:merken|bemerken|vermissen|"
        r"auffallen)\w*,? "
        r"wenn ich (?:weg|gehe|ginge|verschwinde|verschwände)(?: (?:wär|wäre|bin|für immer|morgen))?{end}",
    ),
    p(
        "de",
        "tod_und_mittel",
        "Todesgedanken",
        r"todesgedanken|gedanken an den tod|sterbegedanken|(?:an den tod|ans sterben|an selbstmord|"
        r"an suizid) (?:zu )?"
        r"(?:denken|gedacht)|(?:tabletten|schlaftabletten|pillen|"
        r"schmerzmittel)\w* "
        r"gekauft,? (?:für alle fälle|nur für den fall|sicherheitshalber)|(?:gegen|in) (?:einen|den|"
        r"die) (?:baum|"
        r"wand|mauer|brückenpfeiler|gegenverkehr|lkw) {w1}(?:zu )?(?:fahren|rasen|steuern|lenken)|"
        r"(?:nicht|nie) "
        r"(?:mehr )?ohne (?:ihn|sie) (?:sein|leben)|(?:messer|pistole|waffe) {w4}{w4}(?:benutze|benutzen|"
        r"umbringe|umbringen|abstechen|verwende)",
        unless=_FEAR,
        despite=r"\b(?:nicht mehr|gekauft|fahren|messer)\b",
    ),
    p(
        "de",
        "nie_geboren",
        "ich wünschte, ich wäre nie geboren",
        r"(?:wäre|wär) (?:ich )?(?:doch )?(?:nie|niemals|nicht) geboren|nie geboren (?:worden )?wäre|"
        r"(?:handgelenke?|"
        r"pulsadern|arme?|unterarme?) (?:auf)?(?:schneiden|aufzuschneiden|aufgeschnitten)|"
        r"schneide\w* mir {w2}(?:handgelenke?|"
        r"pulsadern|arme?) auf",
    ),
    p(
        "de",
        "abschied_gefahr",
        "ich wollte mich verabschieden",
        r"(?:wollte|will|möchte|muss) mich (?:nur )?(?:noch )?verabschieden{end}|das ist (?:ein|"
        r"mein) abschied{end}|"
        r"lebt wohl{end}|gefahr für mich (?:selbst)?|gefahr für andere",
    ),
    p(
        "de",
        "lebenswille",
        "ich habe keinen Lebenswillen mehr",
        r"(?:keinen|ohne|kein) (?:lebenswillen|lebensmut|lebenswille)|lebenswille\w* (?:ist )?(?:weg|"
        r"verloren|"
        r"erloschen)|(?:keine?n?|null) (?:bock|lust|kraft) (?:mehr )?(?:zu leben|zum leben|aufs leben|"
        r"auf leben|auf das "
        r"leben)|egal,? ob ich (?:lebe oder sterbe|sterbe|morgen aufwache)|meinen frieden gemacht(?! mit)|"
        r"schlage (?:ich )?mich(?! (?:durch|herum|rum|gut|tapfer)\b)",
        unless=INJURY,
        despite=r"\b(?:selbst|wenn es|zu viel|leben|lebe|sterbe|frieden)\b",
    ),
    p(
        "de",
        "ueberfahren",
        "ich wünsche mir, dass mich ein Auto überfährt",
        r"(?:wünsche|wünschte|hoffe)\w* {w4}(?:mich )?(?:ein|der) (?:auto|bus|lkw|zug) {w1}(?:überfährt|"
        r"überfahren|"
        r"erfasst|totfährt)|wenn ich den mut hätte,? würde ich es {w2}(?:tun|beenden|machen)|(?:keiner|"
        r"niemand) {w3}"
        r"(?:zu meiner|zur) beerdigung|(?:zu meiner|zur) beerdigung {w3}(?:keiner|niemand)|"
        r"sehe mich {w3}nicht "
        r"mehr (?:leben|am leben)|(?:will|möchte) (?:ihn|sie) leiden lassen",
    ),
    p(
        "de",
        "zweifel_weiter",
        "ich glaube, ich kann nicht mehr weitermachen",
        r"nicht mehr (?:weitermachen|weiter machen|durchhalten)(?! mit (?:der|dem|den) \w+)|"
        r"weiß nicht,? wie lange ich "
        r"(?:das )?(?:noch )?durchhalte{end}|(?:leichter|besser|einfacher),? (?:tot zu sein|"
        r"wenn ich tot wäre)",
    ),
    p(
        "de",
        "leben_aushalten",
        "ich halte dieses Leben nicht mehr aus",
        r"(?:halte|ertrage) (?:dieses|das|mein) leben nicht mehr|(?:einfach|"
        r"leicht) (?:es )?wäre,? (?:zu )?springen|"
        r"(?:leben|mein leben) {w2}(?:keinen wert|wertlos)|weg,? für immer|für immer weg",
        unless=r"\b(?:höhenangst|exposition|schwimmbad|see)\b",
    ),
)
