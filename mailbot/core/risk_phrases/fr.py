"""French risk patterns (see the package docstring for how they are written)."""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, REPORTED, WORRIED, p

OTHERS = (
    r"\b(?:il|elle|ils|elles|son|sa|ses|leur|oncle|tante|frère|sœur|soeur|père|mère|ami|amie|cousin\w*|"
    r"collègue|voisin\w*|film|livre|série|documentaire|roman|chanson|personnage|prévention)\b|s'est suicid"
)
FIRST_PERSON = r"(?:\bje |\bj')(?:\w+ ){0,2}?(?:pense|pensé|veux|voudrais|vais|envie)\b"
_INJURY = (
    r"\b(?:sport|foot|ski|course|cuisine|cuisinant|tombé|tombée|tombant|glissé|accident|rasant|genou|"
    r"cheville|doigt|four|poêle|casserole|fer à repasser|bricol\w*)\b|\ben \w+ant\b"
)
_INTRUSIVE = r"\b(?:intrusi\w*|toc|obsession\w*|et si|jeu|jeux|film|série|personnage)\b"
_FEAR = r"\b(?:panique|angoisse|peur|crise cardiaque|infarctus|exposition|enterrement|cancer|décès)\b"
_DEATH_IDIOM = r"(?! (?:de (?:rire|honte|faim|froid|chaud|ennui|envie|peur|fatigue)|d'(?:ennui|envie))\b)"

PATTERNS = (
    p(
        "fr",
        "me_suicider",
        "me suicider",
        r"(?:me|m') ?suicid\w*|(?:pensées?|idées?|envies?|tendances?|pulsions?) suicidaires?|suicidaire",
    ),
    p(
        "fr",
        "en_finir",
        "en finir",
        r"en finir{end}|en finir (?:une bonne fois|pour de bon|pour toujours|avec (?:la vie|ma vie|tout|moi|"
        r"l'existence|cette vie|tout ça|tout ce))|(?:pensé|pense|penser|envie|tenté|tentée|décidé|décidée|"
        r"veux|"
        r"voudrais|vais|prête?) {w2}(?:à |d')?en finir(?! avec (?!(?:la vie|ma vie|tout|moi|l'existence|"
        r"cette "
        r"vie)\b))",
    ),
    p(
        "fr",
        "me_tuer",
        "me tuer",
        r"(?:\bje |\bj')(?:\w+ ){0,3}?(?:me |m')(?:tuer|tue|tuerai|tuerais|foutre en l'air|flinguer|"
        r"pendre|noyer|"
        r"empoisonner|jeter (?:sous|du haut|d'un|par la fenêtre))|(?:veux|voudrais|vais|envie de|pense à|"
        r"penser à|pensé à|tenté de|tente de|prêt à|prête à|devrais) {w2}(?:me tuer|me foutre en l'air|"
        r"me pendre)|"
        r"mettre fin à (?:mes jours|ma vie|mon existence|tout ça|tout)|(?:m')?ôter la vie|me foutre en l'air",
    ),
    p(
        "fr",
        "me_faire_du_mal",
        "me faire du mal",
        r"(?:me |m')(?:faire du mal|fais du mal|blesser|blesse|mutiler|mutile|couper|coupe|scarifier|"
        r"scarifie|"
        r"taillader|brûler|brûle|cogner|frapper|punir|faire mal)(?! (?:les cheveux|les ongles|la frange|"
        r"en (?:courant|cuisinant|tombant))\b)",
        unless=_INJURY,
    ),
    p(
        "fr",
        "scarification",
        "scarification",
        r"scarifi\w*|automutil\w*|auto-mutil\w*|auto-agress\w*|(?:couper|coupé|coupée|entailler) (?:les|mes) "
        r"(?:veines|poignets|bras)",
    ),
    p(
        "fr",
        "plus_vivre",
        "je ne veux plus vivre",
        r"(?:veux|voudrais|peux|souhaite|ai|ai pas|supporte) (?:plus|pas) {w1}(?:vivre|envie de vivre|"
        r"d'être en vie|d'être là|"
        r"le goût de vivre|"
        r"la force de vivre|exister|être là|être en vie)(?! (?:ici|là-bas|seule?|avec|à|en|dans|chez)\b)|"
        r"plus (?:envie|le goût|la force|de raison) de vivre|(?:pas|aucune|plus de|plus aucune) (?:raison|"
        r"envie) "
        r"de vivre|ne plus (?:être là|exister|être en vie|vivre|me réveiller)(?! (?:ici|à|en|avec)\b)",
    ),
    p(
        "fr",
        "envie_de_mourir",
        "j'ai envie de mourir",
        r"(?:veux|voudrais|envie de|aimerais|souhaite|préférerais|hâte de|prêt à|prête à) {w2}(?:mourir|"
        r"crever)"
        + _DEATH_IDIOM
        + r"|(?:préférerais|préfère|voudrais|aimerais|serais mieux|serait mieux) {w2}(?:être )?"
        r"morte?\b|mieux morte?\b",
        negatable=True,
        unless=JOKING + "|" + REPORTED,
        despite=NOT_JOKING + "|" + WORRIED,
    ),
    p(
        "fr",
        "personne_ne_remarquerait",
        "personne ne remarquerait si je disparaissais",
        r"si (?:je |j')(?:\w+ ){0,2}?(?:disparaissais|mourais|n'étais plus|étais morte?|partais pour de bon|"
        r"partais pour toujours|n'existais plus|me tuais|me suicidais)|(?:je ne manquerais|je manquerais|"
        r"manquerais) à personne|personne (?:ne )?me (?:regretterait|pleurerait|remarquerait|manquerait)|"
        r"personne ne "
        r"remarquerait{end}|mieux sans moi",
    ),
    p(
        "fr",
        "ne_pas_se_reveiller",
        "m'endormir et ne pas me réveiller",
        r"(?:dormir|m'endormir|endormir|coucher) et ne (?:jamais |plus |pas )?(?:me )?réveiller|"
        r"ne (?:jamais |plus |pas )+"
        r"(?:me )?réveiller(?! (?:à|avant|pendant|la nuit|tôt|tard)\b)",
    ),
    p(
        "fr",
        "plus_de_sens",
        "la vie n'a plus de sens",
        r"(?:la vie|ma vie|rien|vivre|plus rien|l'existence|tout ça) {w2}(?:n'a|a|n'ont) plus (?:aucun |"
        r"de )?sens|"
        r"(?:ne vois|vois) plus {w1}(?:l'intérêt|le sens|la raison|aucune raison) de (?:vivre|continuer|rien|"
        r"me lever|tout ça)|à quoi bon (?:vivre|continuer|tout ça|me battre)|pas la peine de vivre",
        unless=r"\b(?:exercice|devoir|fiche|journal|rendez-vous)\b",
    ),
    p(
        "fr",
        "sans_issue",
        "je ne vois pas d'issue",
        r"(?:pas d'|aucune |plus d'|sans )issue|(?:pas d'|aucune |plus d')échappatoire|seule (?:issue|"
        r"solution "
        r"c'est de (?:mourir|partir))",
    ),
    p(
        "fr",
        "n_en_peux_plus",
        "je n'en peux plus",
        r"(?:n'en|en) peux plus{end}|(?:je ne peux|je peux) plus continuer{end}|(?:peux|veux) plus continuer "
        r"(?:comme ça|à vivre|ainsi)",
    ),
    p(
        "fr",
        "adieu",
        "lettre d'adieu",
        r"dire adieu (?:à tout le monde|à tous|à la vie|au monde|à vous)|lettres? d'adieu|(?:dire|faire) "
        r"(?:mes|des) adieux|dire au revoir à (?:tout le monde|tous|la vie|vous tous)",
        unless=r"\b(?:défunte?|décédée?|exercice|deuil|papa|maman|père|mère|grand-\w+|collègues|travail)\b",
    ),
    p(
        "fr",
        "medicaments",
        "j'ai mis des médicaments de côté",
        r"(?:médicaments|cachets|comprimés|pilules|somnifères)\w* {w4}(?:de côté|gardés|cachés|stockés|"
        r"accumulés|"
        r"économisés|mis à part|en réserve)|(?:garde|stocke|accumule|cache|économise|mets de côté|"
        r"mis de côté) "
        r"{w3}(?:médicaments|cachets|comprimés|pilules|somnifères)|assez de (?:médicaments|cachets|comprimés|"
        r"pilules|somnifères)|surdose|overdose|avaler (?:tous|toute) (?:mes|les|la boîte)",
    ),
    p(
        "fr",
        "faire_du_mal_aux_autres",
        "je veux le tuer",
        r"(?:veux|voudrais|vais|pourrais|envie de|pense à|pensé à|penser à|tenté de|tente de|prêt à|"
        r"prête à) {w2}"
        r"(?:le |la |les |l'|lui |leur )(?:tuer|buter|frapper|étrangler|poignarder|massacrer|faire du mal|"
        r"faire mal|blesser|crever)|(?:tuer|buter|poignarder|étrangler) (?:mon|ma|mes|quelqu'un|"
        r"tout le monde|"
        r"ce type|cette)(?! temps)\b",
        negatable=True,
        unless=_INTRUSIVE + "|" + JOKING + r"|\bdit que je\b|avec (?:ma|mon|mes) (?:conduite|cuisine|"
        r"musique|bruit|façon)",
        despite=NOT_JOKING,
    ),
    p(
        "fr",
        "disparaitre",
        "je voudrais disparaître",
        r"(?:veux|voudrais|aimerais|envie de|souhaite) {w2}disparaître(?! (?:sous terre|dans un trou|"
        r"quelques "
        r"jours|une semaine|un moment|un peu|en vacances|pour le week)\b)",
        negatable=True,
    ),
    p("fr", "fardeau", "je suis un fardeau", r"(?:suis|être|sens) {w2}(?:un|une) (?:fardeau|poids) pour"),
    p(
        "fr",
        "idees_noires",
        "idées noires",
        r"idées noires|(?:pense|pensé|penser|pensées|idées) {w3}(?:à la mort|à mourir|au suicide|de mort)",
        unless=_FEAR,
    ),
    p(
        "fr",
        "methode",
        "sauter d'un pont",
        r"(?:sauter|me jeter|jeter) (?:du haut d'un|d'un|du|sous (?:un|le)|par la) (?:pont|toit|immeuble|"
        r"fenêtre|"
        r"train|métro|balcon|falaise)",
        unless=_INTRUSIVE,
    ),
    p(
        "fr",
        "me_suis_blesse",
        "je me suis brûlée exprès",
        r"(?:me suis|m'suis) (?:encore |de nouveau )?(?:brûlée?|coupée?|scarifiée?|mutilée?|fait du mal|"
        r"tailladée?|"
        r"griffée?|frappée?)",
        unless=_INJURY,
        despite=r"\b(?:exprès|volontairement|encore|de nouveau|cigarette|lame|rasoir)\b",
    ),
    p(
        "fr",
        "tout_arreter",
        "je veux que tout s'arrête",
        r"(?:veux|voudrais|aimerais|envie) que tout (?:s'arrête|finisse|se termine)|"
        r"plus la force de (?:continuer|"
        r"vivre|me battre|lutter)|(?:sert|servirait) à rien de (?:vivre|continuer)|(?:vivre|la vie|"
        r"ma vie) ne sert "
        r"(?:plus )?à rien|(?:dormir|m'endormir) pour toujours",
    ),
    p(
        "fr",
        "plus_la",
        "je ne serai plus là à Noël",
        r"ne serai plus (?:là|ici|en vie)(?! (?:la semaine|demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
        r"dimanche|ce|cet|cette|pour le|au (?:bureau|travail)|en)\b)",
    ),
    p(
        "fr",
        "connerie",
        "je vais faire une connerie",
        r"(?:vais|peur de|envie de|pourrais|risque de|va) {w1}faire une (?:connerie|bêtise)(?! (?:au|à|"
        r"avec|en)\b)|"
        r"(?:acheté|achète) une corde|avalé {w2}(?:la boîte|tous mes|toutes mes|tout le tube|tous les "
        r"(?:médicaments|cachets|comprimés))|combien de (?:cachets|comprimés|médicaments|pilules)",
    ),
    p(
        "fr",
        "fatigue_de_vivre",
        "je suis fatiguée de vivre",
        r"(?:fatiguée?|lasse?|las|marre|épuisée?) de (?:vivre|la vie|exister|être en vie)|(?:aucune|"
        r"plus de|pas de|"
        r"plus aucune) raison de (?:vivre|rester en vie|continuer)|si je n'(?:étais|existais) (?:plus |pas )?"
        r"(?:là|en vie)?|(?:m'entaille|m'entaillé|me taillade|me tailladé|m'ouvre les veines)\w*|"
        r"aval\w* {w2}(?:toutes?|tous) (?:mes|les) (?:pilules|cachets|comprimés|médicaments|somnifères)|"
        r"lettres? (?:pour|à) (?:mes|ma|mon) \w+ au cas où|au cas où il m'arriverait",
    ),
    p(
        "fr",
        "tout_d_un_coup",
        "prendre tous mes médicaments d'un coup",
        r"(?:prendre|pris|avaler|avalé) (?:tous|toutes) (?:mes|les) (?:médicaments|cachets|comprimés|pilules|"
        r"somnifères)|(?:médicaments|cachets|comprimés|pilules) {w3}(?:d'un coup|en une fois|d'un seul coup)|"
        r"(?:veux|voudrais|vais|envie de|pourrais|pense à) {w2}(?:faire du mal|faire mal|du mal) (?:à|"
        r"a) (?:mon|ma|"
        r"mes|ce|cette|quelqu'un|tout le monde)|(?:vie|ma vie|rien|vivre|l'existence) {w2}(?:n'a|"
        r"a) (?:plus )?"
        r"aucun sens|n'en peux plus de (?:vivre|la vie|cette vie|exister)|(?:veux|voudrais|"
        r"souhaite) qu'(?:il|elle|"
        r"ils) (?:meure|meurent|crève|crèvent)|disparaître pour (?:toujours|de bon)",
    ),
    p(
        "fr",
        "familier",
        "personne ne s'en rendrait compte si je partais",
        r"personne ne {w2}(?:rendrait compte|remarquerait|verrait|apercevrait|manquerait)\w*,? si (?:je |j')"
        r"(?:partais|m'en allais|disparaissais|mourais)(?: (?:demain|pour toujours|pour de bon))?{end}|"
        r"(?:tuer|buter|crever|étrangler|poignarder) (?:ce|cette|cet) (?!temps\b)\w+|(?:veux|"
        r"voudrais) (?:plus|pas) "
        r"être là{end}",
        unless=r"\b(?:lol|mdr|ptdr|haha\w*)\b",
    ),
    p(
        "fr",
        "mort_et_moyens",
        "idées de mort",
        r"(?:idées|pensées) de (?:mort|mourir|suicide)|(?:espér\w*|souhait\w*|voudrais|aimerais|"
        r"prie) {w2}mourir "
        r"dans mon sommeil|(?:somnifères|médicaments|cachets|comprimés),? {w1}au cas où|(?:foncer|rentrer|me "
        r"jeter|m'écraser|me précipiter) (?:dans|contre) (?:un|le|une) (?:arbre|mur|pilier|camion)|"
        r"(?:veux|vais|"
        r"voudrais) (?:le |la )rejoindre{end}|(?:être|vivre) (?:ici |là )?sans (?:lui|elle){end}|"
        r"couteau {w4}{w4}"
        r"(?:m'en servir|servir|tuer|planter)",
        unless=_FEAR,
        despite=r"\b(?:rejoindre|sans lui|sans elle|couteau|somnifères)\b",
    ),
    p(
        "fr",
        "jamais_ne",
        "j'aurais voulu ne jamais naître",
        r"(?:voulu|aimerais|voudrais|préférerais|souhaiterais|souhaité) ne (?:jamais|pas) (?:être née?|"
        r"naître)|"
        r"jamais (?:dû )?naître|(?:ne vaut|vaut) (?:pas|plus) la peine d'être vécue|(?:ma vie|la vie|"
        r"vivre) ne vaut "
        r"(?:pas|plus|rien)",
    ),
    p(
        "fr",
        "adieu_danger",
        "je voulais vous dire adieu",
        r"(?:voulais|veux|voudrais) (?:vous |te )?dire (?:adieu|au revoir)(?:{end}| et merci pour tout)|"
        r"c'est un "
        r"adieu{end}|danger pour (?:moi-même|moi même|moi|les autres)",
    ),
    p(
        "fr",
        "envie_d_exister",
        "j'ai plus envie d'exister",
        r"(?:plus|pas) envie d'(?:exister|être là|être en vie)|(?:m'est|"
        r"c'est) égal de (?:vivre ou de mourir|mourir)|"
        r"égal (?:que je vive ou que je meure|si je meurs)|(?:fait|faite) la paix avec tout|"
        r"mis (?:toutes )?mes "
        r"affaires en ordre(?! pour\b)|je me frappe|me frapper (?:la tête|moi-même)|message d'adieu",
    ),
    p(
        "fr",
        "danger_a_la_maison",
        "il me tuerait si j'en parlais",
        r"me tuerait si (?:j'en parlais|je parlais|je partais|je le quittais|je la quittais)|"
        r"menace de me tuer|"
        r"(?:il|elle) me frappe|(?:vin|vodka|whisky|alcool) avec (?:mes|les) (?:somnifères|cachets|"
        r"médicaments|"
        r"comprimés)|arrête tout,? pour de bon|(?:seule|dernière) chose qui me retient|"
        r"(?:me )?cogne la tête contre "
        r"(?:le|les) murs?|(?:secoué|secouer) (?:le|mon) bébé|peur de {w3}faire du mal (?:à|a) (?:mon|ma|"
        r"mes) \w+",
        unless=_INTRUSIVE,
    ),
    p(
        "fr",
        "renverser",
        "je souhaite qu'une voiture me renverse",
        r"(?:souhaite|espère|voudrais) {w2}(?:qu'une|qu'un|que la|que le) (?:voiture|bus|camion|train) me "
        r"(?:renverse|percute|tue|écrase)|(?:j'en|en) finirais|si j'avais le courage,? (?:je le ferais|j'en "
        r"finirais)|personne ne viendrait à mon enterrement|je ne me vois pas {w1}(?:vivante?|en vie)|"
        r"le faire "
        r"souffrir",
    ),
    p(
        "fr",
        "methodes",
        "j'ai cherché des méthodes",
        r"cherch\w* des méthodes(?! (?:pour|de)\b)|c'est ce soir,? (?:je suis )?désolée?|"
        r"caché\w* une lame|lame "
        r"cachée|plutôt mourir que de vivre|plutôt être morte?|(?:rendrais service|ferais (?:une faveur|"
        r"plaisir)) à "
        r"tout le monde en (?:disparaissant|mourant|partant)|(?:battre|lutter) pour rester en vie|"
        r"faire du mal "
        r"(?:aux gens|à tout le monde)",
    ),
    p(
        "fr",
        "moyens_a_portee",
        "un couteau contre le poignet",
        r"(?:couteau|lame) (?:contre|sur) (?:le|mon|mes|les) (?:poignet|poignets|bras|gorge)|qui (?:aura|"
        r"récupérera|"
        r"prendra) mes affaires|devrais (?:être morte?|mourir)|sur le toit du parking",
        unless=r"\b(?:peur du vide|exposition|vertige)\b",
    ),
    p(
        "fr",
        "doute_continuer",
        "je ne sais pas si je peux continuer",
        r"sais pas si je (?:peux|vais pouvoir) (?:continuer|tenir)(?! (?:le|la|les|ce|cette|à|l'|"
        r"ce travail)\b)|"
        r"combien de temps je vais (?:encore )?(?:tenir|pouvoir continuer){end}|plus (?:facile|"
        r"simple) (?:d'être "
        r"morte?|de mourir)",
    ),
    p(
        "fr",
        "passer_a_l_acte",
        "j'ai peur de passer à l'acte",
        r"(?:peur|envie|tentée?|prête?|près|proche) de passer à l'acte|une partie de moi veut (?:mourir|"
        r"disparaître|en finir)|(?:réfléchi|pensé|sais) (?:à )?"
        r"comment je le ferais",
        unless=r"\b(?:intrusi\w*|toc|obsession\w*)\b",
    ),
    p(
        "fr",
        "compter_comprimes",
        "je compte les comprimés",
        r"compte {w2}(?:les|mes) (?:comprimés|cachets|médicaments|pilules)|ne compte pas (?:être|"
        r"rester) (?:encore )?"
        r"(?:là|en vie|ici)|je (?:le|la|les) (?:poignarde\w*|tuerai\w*|bute\w*)|me fais {w2}du mal|"
        r"au cas où je ne "
        r"(?:passerais|survivrais|tiendrais)",
    ),
    p(
        "fr",
        "supporter_vie",
        "je ne supporte plus cette vie",
        r"(?:supporte|supporterai) plus (?:cette|la|ma) vie|(?:simple|facile) de sauter|(?:vie|"
        r"ma vie) {w2}(?:plus )?"
        r"(?:aucune valeur|sans valeur)|partir pour (?:toujours|de bon)|me donner la mort|(?:veux|"
        r"voudrais) plus me "
        r"réveiller|me faire quelque chose",
        unless=r"\b(?:peur du vide|exposition|vertige|piscine|lac)\b",
    ),
)
