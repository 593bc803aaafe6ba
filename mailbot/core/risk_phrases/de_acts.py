"""German risk patterns about acts: self-harm, means and methods, harm to others, farewells.

The package docstring says how the patterns are written.
"""

from __future__ import annotations

from mailbot.core.risk_phrases.de import INJURY
from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, p

_INTRUSIVE = r"\b(?:zwangsgedank\w*|aufdringlich\w*|was wäre,? wenn|spiel|game|zocken|film|serie|figur)\b"

PATTERNS = (
    p(
        "de",
        "mich_verletzen",
        "mir wehtun",
        r"(?:mich|mir) (?:selbst |selber )?{w2}(?:wehtun|weh tun|wehzutun|weh zu tun|verletzen|zu verletzen|"
        r"verletze|ritzen|zu ritzen|verbrennen|bestrafen)|(?:mich|mir) (?:selbst |selber )?(?:in (?:den|die) "
        r"(?:arm|arme|beine|handgelenke) )?(?:schneiden|zu schneiden|schneide|geschnitten)",
        unless=INJURY,
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
        "arm_geschnitten",
        "in den Arm geschnitten",
        r"(?:in (?:den|die|meinen|meine) )?(?:arm|arme|handgelenk\w*|oberschenkel|beine?|"
        r"haut) {w2}(?:geschnitten|"
        r"geritzt|aufgeschnitten|verbrannt|aufgekratzt)|(?:rasier)?klinge\w* {w3}(?:arm|arme|haut|"
        r"handgelenk\w*)|"
        r"mich {w2}(?:verletzt|geschnitten|verbrannt) {w2}(?:absichtlich|mit absicht|extra|wieder)",
        unless=INJURY,
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
        unless=INJURY,
        despite=r"\b(?:wieder|selbst|absichtlich|mit absicht|leben|sinn|tabletten|pillen|ihm|ihr|jemandem)\b",
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
        "methoden",
        "ich habe nach Methoden gesucht",
        r"nach methoden (?:gesucht|gegoogelt|recherchiert|geschaut)|(?:heute nacht|"
        r"heute abend) ist es so ?weit,? "
        r"(?:es )?tut mir leid|(?:rasier)?klinge\w* {w4}versteckt|versteck\w* {w3}(?:rasier)?klinge|"
        r"lieber tot als|"
        r"ums überleben (?:zu )?kämpf\w*",
    ),
    p(
        "de",
        "mittel_zur_hand",
        "mit einem Messer am Handgelenk",
        r"(?:messer|klinge|schere) (?:am|an meinem|an den|gegen mein) (?:handgelenk\w*|arm|hals)|"
        r"wer meine sachen "
        r"(?:bekommt|kriegt|erbt)|(?:sollte|müsste) (?:eigentlich )?(?:tot sein|sterben)|"
        r"auf dem dach (?:vom|des) "
        r"(?:parkhaus\w*|hochhaus\w*|gebäude\w*)",
        unless=r"\b(?:höhenangst|exposition|angst)\b",
    ),
    p(
        "de",
        "umsetzen",
        "ich habe Angst, dass ich die Gedanken umsetze",
        r"(?:gedanken|impulse) (?:in die tat )?(?:umsetze|umsetzen|umzusetzen)",
        unless=_INTRUSIVE,
    ),
    p(
        "de",
        "was_dummes",
        "ich mach heut Nacht was Dummes",
        r"(?:mach|mache|tu|tue|werde) {w2}(?:was|etwas) (?:dummes|blödes|schlimmes)(?! (?:gegessen|"
        r"gekauft|gesagt)\b)",
    ),
    p(
        "de",
        "tabletten_zaehlen",
        "ich zähle die Tabletten",
        r"zähle {w3}(?:die |meine )?(?:tabletten|pillen)|vorhabe,? {w3}(?:noch )?zu erleben|(?:steche|"
        r"stech) (?:ich )?"
        r"(?:ihn|sie) ab|(?:für den fall|falls),? dass ich {w3}nicht überstehe",
    ),
    p(
        "de",
        "packung_geschluckt",
        "eine Packung Schlaftabletten geschluckt",
        r"(?:packung|schachtel|dose|handvoll|blister) {w1}(?:schlaf)?tabletten {w2}(?:geschluckt|genommen)|"
        r"(?:bin|sei) zu viel auf dieser welt|überflüssig auf dieser welt|(?:erleichtert|froh|"
        r"besser dran),? wenn ich "
        r"(?:sterbe|tot wäre|weg wäre|nicht mehr da)|keine kraft mehr (?:zu kämpfen|zum kämpfen|"
        r"weiterzumachen)|"
        r"will (?:nur|einfach),? dass (?:es|alles) aufhört|schlussstrich (?:unter )?(?:alles|mein leben|"
        r"das leben)",
    ),
    p(
        "de",
        "aus_dem_weg",
        "ich will mich aus dem Weg räumen",
        r"mich aus dem weg (?:räumen|schaffen)|(?:keinen|kein) grund (?:mehr)?,? (?:hier ?zu ?bleiben|"
        r"hierzubleiben|"
        r"weiterzumachen|am leben zu bleiben)|(?:tabletten|pillen|medikamente) (?:meiner|meines|"
        r"von meiner|von "
        r"meinem) \w+ {w1}(?:aufbewahrt|aufgehoben|behalten|gesammelt)|(?:komme|komm) mit (?:dem|"
        r"meinem) leben "
        r"nicht (?:mehr )?klar",
    ),
)
