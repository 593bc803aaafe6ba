"""Dutch risk patterns (see the package docstring for how they are written)."""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import CAREER, JOKING, NOT_JOKING, REPORTED, WORRIED, p

OTHERS = (
    r"\b(?:hij|zij|hun|zijn|oom|tante|broer|zus|vader|moeder|vriend|vriendin|collega|buurman|buurvrouw|"
    r"opa|oma|film|boek|serie|docu\w*|roman|liedje|personage|preventie)\b"
)
FIRST_PERSON = r"\bik {w2}(?:denk|dacht|wil|wou|overweeg|plan|voel)\b"
_INJURY = (
    r"\b(?:sport|voetbal|training|gevallen|uitgegleden|ongeluk|koken|keuken|scheren|knie|enkel|vinger|"
    r"oven\w*|"
    r"pan|strijkijzer|klussen)\b|\bbij het \w+"
)
_INTRUSIVE = r"\b(?:dwanggedacht\w*|opdringerig\w*|wat als|spel|game|film|serie|personage)\b"
_FEAR = r"\b(?:paniek\w*|hartaanval|angst|bang|blootstelling|exposure|begrafenis|kanker|overleden)\b"

PATTERNS = (
    p(
        "nl",
        "zelfmoord",
        "zelfmoord",
        r"(?:zelf ?moord|zelfdoding)\w*",
        unless=OTHERS + "|"
        r"" + CAREER,
        despite=FIRST_PERSON,
    ),
    p(
        "nl",
        "eind_aan_maken",
        "er een eind aan maken",
        r"er {w3}(?:een )?(?:eind|einde) aan {w1}(?:maken|te maken|gemaakt|maak|maakte)|(?:een )?(?:eind|"
        r"einde) "
        r"(?:maken )?aan (?:mijn|m'n|me) leven|(?:mijn|m'n) leven (?:te )?beëindigen",
        unless=r"\bmet (?:hem|haar|mijn vriend|mijn vriendin)\b|\b(?:relatie|baan|studie|ruzie|gesprek)\b",
    ),
    p(
        "nl",
        "mezelf_doden",
        "mezelf van kant maken",
        r"(?:mezelf|mijzelf|me zelf|mijn zelf) {w2}(?:ombrengen|om te brengen|van kant (?:te )?maken|doden|"
        r"te doden|ophangen|op te hangen|verdrinken|(?:iets|niks|niets|wat) (?:aan )?(?:te )?doen|(?:iets|"
        r"niks|niets|"
        r"wat) aandoen)",
    ),
    p(
        "nl",
        "mezelf_pijn_doen",
        "mezelf pijn doen",
        r"(?:mezelf|mijzelf|me zelf) {w2}(?:pijn (?:te )?doen|snijden|te snijden|krassen|te krassen|"
        r"verwonden|"
        r"beschadigen|branden|slaan|straffen|gesneden|gekrast|verwond|pijn gedaan|beschadigd|gebrand|"
        r"geslagen)|"
        r"zelfbeschadig\w*|zelfverwond\w*|automutilatie|snijden in "
        r"(?:mijn|m'n) (?:armen|arm|benen|polsen)|in (?:mijn|m'n) (?:armen|arm|onderarmen|onderarm|polsen|"
        r"benen|dijen) (?:gesneden|"
        r"snijden|gekrast|krassen)",
        unless=_INJURY,
    ),
    p(
        "nl",
        "niet_meer_leven",
        "ik wil niet meer leven",
        r"(?:wil|wou|zou willen|hoef|wens) {w2}nie(?:t)? meer (?:leven|verder leven|doorleven|bestaan|wakker "
        r"(?:worden|te worden))|(?:wil|wou|hoef) {w2}niet (?:meer )?(?:verder|hier zijn|er zijn){end}|"
        r"ik (?:wil|kan) "
        r"(?:gewoon |echt |het |eigenlijk )*niet meer{end}|niet meer (?:wil|wilde) leven|"
        r"kan het (?:allemaal )?"
        r"niet meer aan|trek het (?:gewoon |echt )?niet meer",
    ),
    p(
        "nl",
        "dood_willen",
        "ik wil dood",
        r"(?:wil|wou|wilde|zou willen|liever|wens) {w2}dood(?: zijn| gaan)?(?! (?:moe|ziek|op|stil|"
        r"gewoon)\b)|"
        r"was ik maar dood|(?:wou|wilde) dat ik dood was|ik ben liever dood|(?:wou|"
        r"wilde) dat ik er niet meer was|"
        r"(?:wil|wou|zou willen) {w2}(?:sterven|doodgaan|dood gaan)",
        negatable=True,
        unless=JOKING + "|" + REPORTED,
        despite=NOT_JOKING + "|" + WORRIED,
    ),
    p(
        "nl",
        "niemand_merken",
        "niemand zou het merken als ik er niet meer was",
        r"als ik {w2}(?:er niet meer (?:was|ben|zou zijn)|dood (?:was|ben|zou zijn|ging)|zou verdwijnen|"
        r"verdween|"
        r"verdwijn|weg (?:was|zou zijn)|niet meer zou bestaan|niet meer besta)|niemand (?:zou|"
        r"zal) {w2}(?:me|mij) "
        r"(?:missen|merken)|niemand (?:zou|zal) (?:me |mij )?(?:missen|merken){end}|beter {w2}zonder mij|"
        r"beter af als ik",
    ),
    p(
        "nl",
        "geen_zin",
        "het heeft geen zin meer",
        r"(?:het|alles|niets) {w2}heeft {w1}geen (?:zin|nut) meer|(?:leven|mijn leven|het leven|bestaan) {w2}"
        r"(?:heeft|is) {w1}(?:geen zin|zinloos|geen nut|niks waard|niets waard)|alles {w1}is zinloos|"
        r"geen (?:enkele )?(?:zin|"
        r"reden) (?:meer )?(?:in (?:het|mijn) leven|om (?:te leven|door te gaan|verder te gaan))|"
        r"waarom (?:zou ik )?"
        r"(?:nog )?(?:leven|doorgaan){end}",
        unless=r"\b(?:oefening|huiswerk|opdracht|dagboek|bellen|discussie|ruzie|wachten)\b",
    ),
    p(
        "nl",
        "geen_uitweg",
        "ik zie geen uitweg",
        r"(?:zie|is|vind|heb) {w2}geen (?:uitweg|uitkomst|ontsnapping)(?! uit (?:de|het)\b)|uitzichtloos\w*|"
        r"enige uitweg",
    ),
    p(
        "nl",
        "afscheid",
        "afscheidsbrief",
        r"afscheidsbrie\w*|afscheid (?:te )?nemen van (?:iedereen|jullie|alles|de wereld|het leven|"
        r"mijn familie)",
        unless=r"\b(?:collega\w*|werk|feest|oefening|overleden|opa|oma|vader|moeder|rouw\w*)\b",
    ),
    p(
        "nl",
        "pillen",
        "pillen gespaard",
        r"(?:pillen|tabletten|medicijnen|slaappillen|pijnstillers)\w* {w3}(?:gespaard|opgespaard|verzameld|"
        r"verstopt|bewaard|apart gelegd|achtergehouden)|(?:spaar|sparen|verzamel|verzamelen|verstop|"
        r"verstoppen) "
        r"{w2}(?:pillen|tabletten|medicijnen|slaappillen)|genoeg (?:pillen|tabletten|slaappillen|medicijnen)|"
        r"overdosis",
    ),
    p(
        "nl",
        "anderen_pijn_doen",
        "ik wil hem vermoorden",
        r"(?:wil|ga|zou|kan|zin om|denk erover|denk eraan) {w2}(?:hem|haar|ze|hen|iemand|mijn \w+|die \w+|"
        r"dat \w+|deze \w+) {w2}"
        r"(?:vermoorden|doodmaken|dood maken|doden|iets aandoen|wat aandoen|pijn doen|neersteken|"
        r"neerschieten|"
        r"wurgen|afmaken|iets aan te doen|te vermoorden)",
        negatable=True,
        unless=_INTRUSIVE + "|" + JOKING,
        despite=NOT_JOKING,
    ),
    p("nl", "last", "ik ben een last", r"(?:ben|voel me) {w2}(?:een )?(?:last|blok aan het been) voor"),
    p(
        "nl",
        "niet_wakker",
        "slapen en niet meer wakker worden",
        r"(?:slapen|inslapen|in slaap vallen) en (?:nooit|niet) meer wakker|"
        r"niet meer wakker (?:te )?(?:worden|word)",
    ),
    p(
        "nl",
        "verdwijnen",
        "ik wil verdwijnen",
        r"(?:wil|wou|zou willen|wens|wilde) {w2}verdwijnen(?! (?:onder|in de grond|door de grond|voor een|"
        r"een "
        r"(?:weekje|tijdje|paar))\b)",
        negatable=True,
    ),
    p(
        "nl",
        "doodsgedachten",
        "ik denk aan de dood",
        r"(?:denk|dacht|gedachten|gedacht) {w3}(?:aan de dood|aan doodgaan|aan zelfmoord|aan sterven|"
        r"om er een "
        r"eind|dood te zijn|er niet meer te zijn)",
        unless=_FEAR,
    ),
    p(
        "nl",
        "methode",
        "voor de trein springen",
        r"voor (?:de|een) (?:trein|bus|vrachtwagen|auto|tram|metro) {w1}(?:springen|te springen|"
        r"gaan liggen|te gaan "
        r"liggen|lopen|stappen|te stappen)|(?:van|vanaf) (?:een |de |het )?(?:brug|dak|flat|balkon|"
        r"gebouw) {w1}"
        r"(?:springen|te springen|af te springen|af springen|gesprongen)",
        unless=_INTRUSIVE,
    ),
    p(
        "nl",
        "niet_meer_zitten",
        "ik zie het niet meer zitten",
        r"zie het (?:echt |gewoon |allemaal |helemaal |even )?niet meer zitten|(?:het )?leven moe|"
        r"levensmoe\w*|"
        r"(?:wil|wou) er niet meer zijn|voor altijd {w1}(?:slapen|inslapen|verdwijnen|weg zijn)",
    ),
    p(
        "nl",
        "methode_touw",
        "ik heb een touw gekocht",
        r"(?:een |het )?touw {w2}gekocht|te veel (?:pillen|tabletten|slaappillen|medicijnen) (?:genomen|"
        r"geslikt|"
        r"ingenomen)|hoeveel (?:pillen|tabletten|slaappillen)|me (?:van kant (?:te )?maken|ophangen|"
        r"op te hangen)|"
        r"maak er {w1}(?:een )?(?:eind|einde) aan|iets (?:stoms|doms) (?:doen|te doen|ga doen|doe)",
    ),
    p(
        "nl",
        "moe_van_het_leven",
        "ik ben moe van het leven",
        r"(?:moe|zat) van het leven|het leven (?:moe|zat)|als ik er niet (?:meer )?(?:was|ben|zou zijn)|"
        r"als ik niet "
        r"(?:meer )?(?:besta|bestond)|(?:snij|snijd|kras|brand)\w* {w1}in (?:mijn|m'n) (?:arm|armen|benen|"
        r"polsen|"
        r"pols|huid|dijen)|(?:opgezocht|gegoogeld|gezocht) hoe {w3}(?:dood|doen|zelfmoord|ophangen|sterven|"
        r"pijnloos)|pijnloos {w2}(?:doen|sterven|dood)|(?:iemand|hem|haar|mijn \w+) {w2}(?:willen|wil) "
        r"(?:aandoen|iets aandoen|vermoorden|pijn doen)",
    ),
    p(
        "nl",
        "pillen_tegelijk",
        "al mijn pillen tegelijk innemen",
        r"(?:al|alle) (?:mijn |m'n |de )?(?:pillen|tabletten|medicijnen|slaappillen) {w2}(?:innemen|"
        r"in te nemen|"
        r"slikken|te slikken|ingenomen|geslikt)|(?:pillen|tabletten|medicijnen) {w3}(?:tegelijk|in één keer)|"
        r"(?:snij|snijd|kras|brand|sla|verwond|beschadig) (?:ik )?mezelf|doe mezelf pijn|beter dood|"
        r"wil dat (?:hij|"
        r"zij|ze) "
        r"(?:dood gaat|doodgaat|sterft)",
    ),
    p(
        "nl",
        "informeel",
        "niemand zou het merken als ik wegging",
        r"niemand (?:zou|zal) {w2}(?:merken|missen|opmerken|zien)\w*,? als ik (?:wegging|weg ging|weg was|"
        r"verdween|"
        r"doodging)(?: (?:morgen|voorgoed|voor altijd))?{end}|(?:wil|wou) (?:ik )?er {w1}niet meer zijn|"
        r"uit (?:het|een) "
        r"raam {w1}(?:springen|te springen|gesprongen|spring)",
    ),
    p(
        "nl",
        "dood_en_middelen",
        "doodsgedachten",
        r"doodsgedachten|doodswens|gedachten aan de dood|aan (?:de dood|doodgaan|sterven|"
        r"zelfmoord) (?:te )?denken|(?:hoop|hoopte|wens|wou) {w3}in (?:mijn|"
        r"m'n) slaap {w1}"
        r"(?:dood|sterf|sterven|doodgaan|dood zou gaan|zou doodgaan)|(?:slaappillen|pillen|tabletten|"
        r"medicijnen) "
        r"gekocht,? voor het geval|tegen (?:een|de) (?:boom|muur|vrachtwagen|"
        r"pilaar) {w1}(?:te )?(?:rijden|knallen|"
        r"crashen)|(?:wil|kan) (?:hier )?niet (?:meer )?(?:zijn|leven) zonder (?:hem|haar)|mes {w4}{w4}"
        r"(?:gebruiken|vermoorden|steken)",
        unless=_FEAR,
        despite=r"\b(?:zonder hem|zonder haar|mes|gekocht)\b",
    ),
    p(
        "nl",
        "nooit_geboren",
        "ik wou dat ik nooit geboren was",
        r"(?:wou|wilde|wens) {w1}dat ik (?:nooit|niet) geboren (?:was|ben)|(?:wil|wou|"
        r"hoef) {w2}niet (?:meer )?"
        r"(?:verder leven|doorleven|leven){end}|(?:mezelf|me|mijzelf) {w1}van het leven (?:te )?beroven|"
        r"(?:leven|mijn leven|het leven) {w2}(?:is )?(?:niet|niks|niets) (?:meer )?(?:de moeite )?waard",
    ),
    p(
        "nl",
        "afscheid_gevaar",
        "ik wilde afscheid nemen",
        r"(?:wilde|wil|wou) {w1}afscheid (?:van (?:je|u|jullie) )?nemen{end}|dit is (?:een|"
        r"mijn) afscheid{end}|"
        r"gevaar voor (?:mezelf|mijzelf|anderen)",
    ),
    p(
        "nl",
        "levenslust",
        "ik heb geen levenslust meer",
        r"geen (?:levenslust|levenswil|levensmoed)|geen zin (?:meer )?om (?:te bestaan|hier te zijn|"
        r"wakker te worden)|"
        r"maakt me niet uit of ik (?:leef of (?:dood ga|doodga|sterf)|dood ga|doodga|sterf)|"
        r"vrede gesloten(?: met "
        r"alles)?{end}|afscheidsbericht\w*|(?:spaar|sparen) {w3}(?:medicijnen|pillen|tabletten) op",
    ),
    p(
        "nl",
        "gevaar_thuis",
        "hij vermoordt me als ik het vertel",
        r"(?:vermoordt me|me vermoordt|mij vermoordt) als ik (?:het )?(?:iemand|de politie|jou|"
        r"u) (?:vertel|zeg)|dreigt (?:me|mij) te vermoorden|"
        r"(?:hij|zij) slaat me|(?:wijn|wodka|whisky|alcohol|drank) {w1}met (?:mijn|"
        r"de) (?:slaap)?(?:pillen|tabletten|"
        r"medicijnen)|(?:stop|kap) (?:ik )?ermee,? voorgoed|"
        r"enige wat me (?:nog )?tegenhoudt|(?:mijn|de) (?:baby|kind|zoon|dochter) (?:iets aandoe|pijn doe|"
        r"pijn zal "
        r"doen)|(?:bonk|sla|bonkte|sloeg) (?:met )?(?:mijn |m'n )?hoofd tegen de muur|"
        r"baby door elkaar geschud",
        unless=_INTRUSIVE,
    ),
    p(
        "nl",
        "aanrijden",
        "ik wens dat een auto me aanrijdt",
        r"(?:wens|hoop) {w3}(?:een|de) (?:auto|bus|vrachtwagen|trein) (?:me|mij) (?:aanrijdt|overrijdt|"
        r"doodrijdt|"
        r"raakt)|als ik de moed had,? zou ik het (?:vannacht |vandaag |nu |morgen )?doen|"
        r"niemand zou naar mijn "
        r"begrafenis komen|zie mezelf {w3}niet meer leven|(?:hem|haar) laten lijden|neer te steken|neer te "
        r"schieten|dood te maken",
    ),
    p(
        "nl",
        "methodes",
        "ik heb naar methodes gezocht",
        r"naar methode?s? (?:gezocht|gegoogeld|gekeken)|vannacht is het zover,? het spijt me|"
        r"(?:scheermesje|mesje) "
        r"{w4}verstopt|verstop\w* {w3}(?:scheermesje|mesje)|vechten om in leven te blijven|(?:de mensen|"
        r"mensen|"
        r"iedereen) pijn doen",
    ),
    p(
        "nl",
        "middelen_bij_de_hand",
        "een mes tegen mijn pols",
        r"(?:mes|mesje) (?:tegen|op) (?:mijn|m'n|de) (?:pols|polsen|arm|keel)|wie mijn spullen (?:krijgt|"
        r"mag hebben|"
        r"erft)|(?:zou|moet) dood (?:moeten )?zijn|zou moeten sterven|op het dak van de parkeergarage",
        unless=r"\b(?:hoogtevrees|blootstelling)\b",
    ),
    p(
        "nl",
        "twijfel_door",
        "ik weet niet of ik nog door kan",
        r"(?:weet niet|weet ik niet) of ik (?:nog )?(?:door kan|verder kan|het volhoud)(?! (?:met|"
        r"op) (?:de|het|"
        r"deze|dit|mijn) \w+)|hoe lang ik (?:het )?nog volhoud{end}|"
        r"makkelijker {w2}(?:om )?(?:dood te zijn|te "
        r"sterven)",
    ),
    p(
        "nl",
        "uitvoeren",
        "ik ben bang dat ik deze gedachten uitvoer",
        r"(?:gedachten|impulsen) (?:uitvoer|uitvoeren|uit te voeren)|(?:nagedacht|gedacht|"
        r"weet) (?:over )?hoe ik het "
        r"zou doen",
        unless=_INTRUSIVE,
    ),
    p(
        "nl",
        "me_gesneden",
        "ik heb me weer gesneden",
        r"(?:heb|heeft) me {w1}(?:gesneden|gekrast|verwond|gebrand)",
        unless=_INJURY,
        despite=r"\b(?:weer|expres|opzettelijk|met opzet)\b",
    ),
    p(
        "nl",
        "pillen_tellen",
        "ik tel de pillen",
        r"tel {w3}(?:de|mijn) (?:pillen|tabletten)|niet van plan {w4}(?:nog )?mee te maken|(?:hem|haar) "
        r"(?:neersteek|vermoord|doodsteek)|doe mezelf {w4}pijn|voor het geval ik {w3}niet (?:haal|overleef)",
    ),
    p(
        "nl",
        "leven_volhouden",
        "ik houd dit leven niet meer vol",
        r"(?:houd|hou|verdraag) (?:dit|het|mijn) leven niet meer|(?:makkelijk|"
        r"gemakkelijk) {w3}(?:om )?te springen|"
        r"weg,? voorgoed|voorgoed weg|mezelf iets aandoe|uit het leven (?:te )?stap\w*",
        unless=r"\b(?:hoogtevrees|blootstelling|zwembad|meer in)\b",
    ),
    p(
        "nl",
        "doosje_ingenomen",
        "een doosje slaappillen ingenomen",
        r"(?:een|het) (?:doosje|strip|potje|pot) (?:slaappillen|pillen|tabletten|"
        r"medicijnen) {w1}(?:ingenomen|geslikt|"
        r"genomen)|te veel (?:ben )?op (?:deze|de) wereld|(?:er )?(?:voorgoed )?een punt achter (?:zetten|"
        r"zet)"
        r"(?! met\b)|punt achter (?:mijn|het) leven|(?:de )?kracht niet meer om (?:te vechten|"
        r"door te gaan|te leven)|"
        r"wil dat het (?:ophoudt|stopt|voorbij is){end}|(?:opgelucht|blij|"
        r"beter af) {w2}als ik (?:doodging|dood "
        r"ging|dood was|er niet meer was|stierf)|voorgoed verdwijnen|verdwijnen voorgoed",
    ),
    p(
        "nl",
        "tussenuit",
        "ik wil er voorgoed tussenuit",
        r"tussenuit,? voorgoed|voorgoed tussenuit|zodat iedereen rust heeft|"
        r"geen (?:enkele )?reden (?:meer )?om "
        r"(?:hier )?te blijven|als ik {w2}niet meer wakker (?:werd|word|zou worden)|trek (?:het leven|"
        r"dit leven) "
        r"niet meer",
    ),
)
