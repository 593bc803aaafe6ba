"""German risk patterns (see the package docstring for how they are written)."""

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
_INJURY = (
    r"\b(?:sport|training|fussball|joggen|gestolpert|gestürzt|hingefallen|unfall|versehen\w*|kochen|küche|"
    r"rasieren|knie|knöchel|finger|gemüse\w*|ofen|herd|bügeleisen|pfanne|werkzeug|heimwerk\w*)\b|\bbeim \w+"
)
_INTRUSIVE = r"\b(?:zwangsgedank\w*|aufdringlich\w*|was wäre,? wenn|spiel|game|zocken|film|serie|figur)\b"
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
        "mich_verletzen",
        "mir wehtun",
        r"(?:mich|mir) (?:selbst |selber )?{w2}(?:wehtun|weh tun|wehzutun|weh zu tun|verletzen|zu verletzen|"
        r"verletze|ritzen|zu ritzen|verbrennen|bestrafen)|(?:mich|mir) (?:selbst |selber )?(?:in (?:den|die) "
        r"(?:arm|arme|beine|handgelenke) )?(?:schneiden|zu schneiden|schneide|geschnitten)",
        unless=_INJURY,
        despite=r"\b(?:will|möchte|wollte|würde|drang|druck|absichtlich|wieder|muss)\b",
    ),
    p(
        "de",
        "ritzen",
        "ritzen",
        r"(?:ge)?ritz(?:e|en|t|te|ten|st)?(?! (?:im|in|zwischen)\b)",
        unless=r"\b(?:der|die|eine|einer|durch) ritze",
    ),
    p(
        "de",
        "selbstverletzung",
        "Selbstverletzung",
        r"selbstverletz\w*|selbst verletzend\w*|selbstschädig\w*|svv",
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
        r"wäre|verschwände|sterben würde)|ohne mich {w3}besser|besser (?:dran )?ohne mich",
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
        "tabletten",
        "Tabletten gesammelt",
        r"(?:tabletten|pillen|medikamente|schlaftabletten|schmerzmittel)\w* {w4}(?:gesammelt|gehortet|"
        r"gebunkert|"
        r"versteckt|aufgehoben|beiseitegelegt|beiseite gelegt|zur seite gelegt|gespart|angespart|"
        r"zusammengespart)|"
        r"(?:sammle|horte|bunkere|spare|verstecke)\w* {w3}(?:tabletten|pillen|medikamente|schlaftabletten)|"
        r"genug (?:tabletten|pillen|schlaftabletten|medikamente|schmerzmittel)|überdosis|alle (?:tabletten|"
        r"pillen) (?:auf einmal )?(?:nehmen|schlucken)",
    ),
    p(
        "de",
        "abschied",
        "Abschiedsbrief",
        r"abschiedsbrie\w*|abschiedsnachricht|mich {w3}von (?:allen|allem|euch(?: allen)?|ihnen allen|"
        r"der welt|"
        r"meiner familie|meinen kindern) {w1}(?:zu )?verabschied\w*",
        unless=r"\b(?:übung|verstorben\w*|trauer\w*|oma|opa|vater|mutter|papa|mama|kolleg\w*|team|abteilung|"
        r"party|feier|urlaub|umzug)\b",
    ),
    p(
        "de",
        "andere_verletzen",
        "ich könnte ihn umbringen",
        r"(?:will|möchte|werde|könnte|würde|hätte lust|habe lust|plane|denke daran|dachte daran|fantasiere) "
        r"{w3}(?:ihn|sie|ihm|ihr|jemanden|alle|meinen \w+|meine \w+|den \w+|diesem \w+|dieser \w+|dem \w+|"
        r"der \w+) {w2}(?:umbringen|umzubringen|"
        r"töten|zu töten|abstechen|abzustechen|erstechen|zu erstechen|umzulegen|zu erwürgen|erschiessen|"
        r"erwürgen|verletzen|zu verletzen|weh tun|wehtun|"
        r"wehzutun|umlegen|kaltmachen|verprügeln|an die gurgel)",
        negatable=True,
        unless=_INTRUSIVE + "|" + JOKING,
        despite=NOT_JOKING,
    ),
    p(
        "de",
        "last",
        "ich bin eine Last",
        r"(?:bin|wäre) {w2}(?:nur )?(?:eine|ne) (?:last|belastung) für (?:alle|andere|meine|euch|jeden)",
    ),
    p(
        "de",
        "methode",
        "vor den Zug springen",
        r"vor (?:den|einen|die) (?:zug|bus|lkw|laster|u-bahn|strassenbahn) {w2}(?:springen|werfen|laufen|"
        r"legen|"
        r"zu springen|zu werfen)|von (?:der|einer|dem|einem) (?:brücke|dach|hochhaus|balkon|turm) {w2}"
        r"(?:spring\w*|zu springen|stürz\w*|zu stürzen)",
        unless=_INTRUSIVE,
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
        r"ich (?:nicht mehr|weg|tot))|für immer (?:weg sein|verschwinden|einschlafen|schlafen)|(?:ein|einen) "
        r"schritt,? und (?:es|alles) (?:ist|wäre|war) vorbei|(?:dann|und) (?:wäre|ist|wär) (?:es|"
        r"alles) (?:endlich )?"
        r"vorbei{end}",
    ),
    p(
        "de",
        "arm_geschnitten",
        "in den Arm geschnitten",
        r"(?:in (?:den|die|meinen|meine) )?(?:arm|arme|handgelenk\w*|oberschenkel|beine?|"
        r"haut) {w2}(?:geschnitten|"
        r"geritzt|aufgeschnitten|verbrannt|aufgekratzt)|(?:rasier)?klinge\w* {w3}(?:arm|arme|haut|"
        r"handgelenk\w*)|"
        r"mich {w2}(?:verletzt|geschnitten|verbrannt) {w2}(?:absichtlich|mit absicht|extra|wieder)",
        unless=_INJURY,
        despite=r"\b(?:absichtlich|mit absicht|extra|wieder|klinge|rasierklinge|druck)\b",
    ),
    p(
        "de",
        "plan",
        "ich weiss, wie ich es machen würde",
        r"(?:überlegt|nachgedacht|weiss|weiß|geplant|recherchiert),? wie ich es (?:machen|tun|anstellen) "
        r"(?:würde|werde|könnte)|(?:einen|den|ein) strick\b|zu viele (?:tabletten|pillen|schlaftabletten) "
        r"(?:genommen|geschluckt)|wie viele (?:tabletten|pillen|schlaftabletten)",
    ),
    p(
        "de",
        "mir_was_an",
        "ich tu mir was an",
        r"(?:tu|tue|tät|täte|würde) mir {w1}(?:was|etwas|irgendwas) an\b|halte (?:es|"
        r"das) (?:alles )?nicht mehr "
        r"aus{end}|(?:bring|bringe) (?:ihn|sie|den \w+|die \w+) {w1}um{end}",
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
        unless=_INJURY,
        despite=r"\b(?:wieder|jeden abend|jeden tag|absichtlich|nicht mehr|leben|lebens)\b",
    ),
    p(
        "de",
        "tabletten_auf_einmal",
        "alle Tabletten auf einmal nehmen",
        r"alle (?:meine |meiner )?(?:tabletten|pillen|medikamente|schlaftabletten) {w2}(?:nehmen|zu nehmen|"
        r"schlucken|zu schlucken|genommen|geschluckt)|(?:tabletten|pillen|medikamente) {w3}auf einmal|"
        r"(?:verletze|ritze|schneide|verbrenne|kratze|bestrafe) (?:ich )?mich|mich {w2}(?:geschnitten|"
        r"geritzt|"
        r"verbrannt|verletzt)|(?:ihm|ihr|jemandem|meinem \w+|meiner \w+|diesem \w+|dieser \w+|dem \w+|"
        r"der \w+) "
        r"{w1}(?:etwas|was|irgendwas) (?:antun|anzutun|antue|angetan)|(?:keinen|kein) sinn (?:mehr )?(?:in "
        r"meinem leben|im leben|in dem leben|zu leben|weiterzuleben)|verschwinden,? für immer|"
        r"plan,? wie ich es|"
        r"(?:das|mein) leben nicht mehr aus|(?:will|möchte|wünsche mir),? dass (?:er|sie) (?:stirbt|tot ist)",
        unless=_INJURY,
        despite=r"\b(?:wieder|selbst|absichtlich|mit absicht|leben|sinn|tabletten|pillen|ihm|ihr|jemandem)\b",
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
        r"pulsadern|arme?) (?:auf)?(?:schneiden|aufzuschneiden|aufgeschnitten)|"
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
        unless=_INJURY,
        despite=r"\b(?:selbst|wenn es|zu viel|leben|lebe|sterbe|frieden)\b",
    ),
    p(
        "de",
        "gefahr_zu_hause",
        "er bringt mich um, wenn ich es erzähle",
        r"(?:bringt|bringe|würde) mich um,? wenn ich (?:es |das )?(?:jemandem|der polizei|dir|ihnen|wem) "
        r"(?:erzähle|sage)|droht,? mich (?:umzubringen|zu töten)|(?:er|sie) schlägt mich|(?:wein|wodka|"
        r"whisky|"
        r"alkohol|schnaps) mit (?:meinen|den) (?:schlaf)?tabletten|(?:mache|"
        r"mach) ich (?:dann )?schluss{end}|(?:meinem|meiner|dem) "
        r"(?:kind|baby|sohn|tochter) (?:etwas )?(?:wehtue|weh tue|antue)|(?:hält|"
        r"halten) mich (?:noch )?(?:hier|am "
        r"leben)|(?:schlage|haue|knalle) (?:mit )?(?:dem |meinem )?kopf (?:gegen|an) die wand|das baby "
        r"geschüttelt",
        unless=_INTRUSIVE,
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
        "methoden",
        "ich habe nach Methoden gesucht",
        r"nach methoden (?:gesucht|gegoogelt|recherchiert|geschaut)|(?:heute nacht|"
        r"heute abend) ist es so ?weit,? "
        r"(?:es )?tut mir leid|(?:rasier)?klinge\w* {w4}versteckt|versteck\w* {w3}(?:rasier)?klinge|"
        r"lieber tot als|"
        r"ums überleben (?:zu )?kämpf\w*",
    ),
)
