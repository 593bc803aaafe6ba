"""French risk patterns about acts: self-harm, means and methods, harm to others.

The package docstring says how the patterns are written.
"""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, p

_INJURY = (
    r"\b(?:sport|foot|ski|course|cuisine|cuisinant|tombé|tombée|tombant|glissé|accident|rasant|genou|"
    r"cheville|doigt|four|poêle|casserole|fer à repasser|bricol\w*)\b|\ben \w+ant\b"
)
_INTRUSIVE = r"\b(?:intrusi\w*|toc|obsession\w*|et si|jeu|jeux|film|série|personnage)\b"

PATTERNS = (
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
        "connerie",
        "je vais faire une connerie",
        r"(?:vais|peur de|envie de|pourrais|risque de|va) {w1}faire une (?:connerie|bêtise)(?! (?:au|à|"
        r"avec|en)\b)|"
        r"(?:acheté|achète) une corde|avalé {w2}(?:la boîte|tous mes|toutes mes|tout le tube|tous les "
        r"(?:médicaments|cachets|comprimés))|combien de (?:cachets|comprimés|médicaments|pilules)",
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
        "boite_avalee",
        "j'ai avalé une boîte de somnifères",
        r"(?:avalé|pris) (?:une|la|toute la|toute une) (?:boîte|plaquette|tube) (?:de |d')(?:somnifères|"
        r"cachets|"
        r"comprimés|médicaments|pilules)|(?:suis|serais) de trop (?:sur cette terre|dans ce monde|ici)|"
        r"de trop sur "
        r"terre",
    ),
)
