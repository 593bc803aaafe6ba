"""French risk patterns about thoughts and wishes; acts are in ``fr_acts``.

The package docstring says how the patterns are written.
"""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, REPORTED, WORRIED, p

OTHERS = (
    r"\b(?:il|elle|ils|elles|son|sa|ses|leur|oncle|tante|frère|sœur|soeur|père|mère|ami|amie|cousin\w*|"
    r"collègue|voisin\w*|film|livre|série|documentaire|roman|chanson|personnage|prévention)\b|s'est suicid"
)
FIRST_PERSON = r"(?:\bje |\bj')(?:\w+ ){0,2}?(?:pense|pensé|veux|voudrais|vais|envie)\b"
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
        "tout_arreter",
        "je veux que tout s'arrête",
        r"(?:veux|voudrais|aimerais|envie) que tout (?:s'arrête|finisse|se termine)|"
        r"plus la force de (?:continuer|"
        r"vivre|me battre|lutter)(?! (?:avec|contre|pour (?!rester|vivre))\b)|(?:sert|"
        r"servirait) à rien de (?:vivre|continuer)|(?:vivre|la vie|"
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
