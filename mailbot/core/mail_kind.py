"""What a client's mail is, by its own new words: a homework answer, a note about the homework, or
correspondence. Pure; English, German, French, Spanish and Dutch.

  - "answer":         the homework itself: answers the homework parser recognised, an attachment,
                      or words that say "here is my homework" or simply tell of the week at length;
  - "note":           about the homework but not the homework: a question ("is that ok?", "can I
                      ...?", "should I ...?"), "I couldn't do it", "I'll send it tomorrow";
  - "correspondence": everything else a person writes to their therapist: moving or cancelling a
                      session, an invoice, thanks, any other short mail;
  - "unsure":         too short to tell (under four words, no cue either way).

The verdict also says whether the words mention the homework at all (``about_homework``), which a
mail matched only by its sender needs before it may be filed as a note. What a verdict leads to is
core.intake's business: in doubt a mail stays in the inbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mailbot.core.naming import TYPE_WORDS

Kind = Literal["answer", "note", "correspondence", "unsure"]

LONG_WORDS = 40  # a mail this long, with no cue of something else, tells of the homework
STATEMENT_WORDS = 4  # fewer own words than this, with no cue either way: too short to tell
STATEMENT = "a statement with no cue of anything else"  # an answer by default, not by its words
NOTE_MAX_WORDS = 120  # a question this long is likely an answer with a question in it
THANKS_MAX_WORDS = 25
QUESTION_IN_ANSWER_WORDS = 20  # a question in a mail this long that tells what was done: an answer


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE | re.MULTILINE)


# The homework named in the client's words, beyond the homework types of core.matching.
HOMEWORK = _words(
    r"\bhome\s?work\b|\bassignment\b|\bexercise\b|\bworksheet\b|\btask\b|\blog\b|\bentries\b|\bentry\b",
    r"\bhausaufgabe|\b[üu]bung|\barbeitsblatt|\baufgabe\b|\btagebuch|\bprotokoll",
    r"\bdevoirs?\b|\bexercice|\bfiche\b|\bt[âa]che\b|\bjournal\b|\bcarnet\b",
    r"\btareas?\b|\bejercicio|\bhoja\b|\bdiario\b|\bregistro\b",
    r"\bhuiswerk|\boefening|\bopdracht|\bwerkblad|\bdagboek",
)
# "Here is my homework", "attached", "what I did": an answer announced.
ANSWER = _words(
    r"\bhere (?:it|they) (?:is|are)\b|\bhere you go\b|\bsee attached\b|\bhier (?:ist|sind) (?:es|sie)\b|"
    r"\bla voici\b|\ble voici\b|\baqu[íi] (?:lo|la|los|las) tienes\b|\bhier is (?:het|ie)\b",
    r"\b(?:done|finished|completed|erledigt|fertig|gemacht|fait|fini|hecho|terminado|gedaan|klaar)\b",
    r"\bhere(?:'s| is| are)\b|\battached\b|\bplease find\b|\bwhat i did\b|\bi (?:did|tried|managed|"
    r"practi[sc]ed|read|wrote|filled)\b",
    r"\bhier (?:ist|sind|kommt|meine?)\b|\banbei\b|\bim anhang\b|\bich habe (?:die|das|"
    r"meine?n?)\b.*\b(?:gemacht|ausgef[üu]llt|geschrieben|gelesen|ge[üu]bt)",
    r"\bvoici\b|\bci-joint\b|\ben pi[èe]ce jointe\b|\bj'ai (?:fait|fini|rempli|lu|[ée]crit|essay[ée])\b",
    r"\baqu[íi] (?:est[áa]|tienes?|va|van)\b|\badjunto\b|\bhe (?:hecho|terminado|rellenado|"
    r"le[íi]do|escrito)\b",
    r"\bhierbij\b|\bin de bijlage\b|\bbijgevoegd\b|\bik heb (?:de|het|mijn)\b.*\b(?:gedaan|"
    r"ingevuld|gelezen|geschreven|geoefend)",
)
# The client telling what happened or how they felt: first person, past or present feeling.
NARRATIVE = _words(
    r"\bi (?:was|were|felt|feel|got|went|had|noticed|thought|walked|talked|tried|managed|started|stayed)\b",
    r"\bmy (?:heart|mood|anxiety|chest|hands|thoughts?)\b|\bi'?m feeling\b",
    r"\b(?:\d+|one|two|three|four|five|six|seven) (?:days?|times?|nights?|evenings?|mornings?)\b",
    r"\bich (?:habe|hatte|war|bin|f[üu]hlte|f[üu]hle)\b|\bmir geht es\b|\baufgeschrieben\b|\bnotiert\b",
    r"\bj'(?:ai|[ée]tais|avais)\b|\bje (?:suis|me suis|me sens|me sentais)\b",
    r"\b(?:estaba|estuve|sent[íi]|me siento|fui|tuve|escrib[íi]|hice|anot[ée])\b",
    r"\bik (?:was|heb|had|voelde|voel|ben|schreef)\b",
)
# A number on a 0-100 or 0-10 scale, as ratings are written: "anxious 70", "80%", "6/10".
RATING = re.compile(r"\b\d{1,3}\s?%|\b\d{1,2}\s?/\s?10\b|\b[a-zäöüéèàñ]+[:\s]\s?\d{1,3}\b", re.IGNORECASE)

# Moving, cancelling or asking about a session; money.
SESSION = _words(
    r"\bsession\b|\bappointment\b|\bour (?:next )?(?:call|time)\b",
    r"\bsitzung|\btermin",
    r"\bs[ée]ance|\brendez-vous\b|\brdv\b|\bconsultation\b",
    r"\bsesi[óo]n|\bcita\b|\bconsulta\b",
    r"\bsessie|\bafspraak|\bconsult\b",
)
RESCHEDULE = _words(
    r"\bmove\b|\breschedul|\bcancel|\bpostpone|\bcan't (?:make|come)|\bcannot (?:make|come)|"
    r"\bwon't be able\b|\binstead of\b|\banother (?:day|time)\b|\blater time\b|\bearlier\b|"
    r"\bsick\b|\bill\b",
    r"\bverschieben|\bverlegen|\babsagen|\bausfallen|\bnicht kommen|\bkrank\b|\bsp[äa]ter\b|"
    r"\bfr[üu]her\b|\banderen tag\b",
    r"\bd[ée]placer|\bannuler|\breporter|\bdécaler|\bdecaler|\bpas venir\b|\bmalade\b|"
    r"\bplus tard\b|\bplus t[ôo]t\b",
    r"\bcambiar|\bmover|\bcancelar|\baplazar|\banular|\bposponer|\bno puedo ir\b|\benferm[oa]\b|"
    r"\bm[áa]s tarde\b",
    r"\bverzetten|\bverplaatsen|\bafzeggen|\bannuleren|\bniet komen\b|\bziek\b|\blater\b|\beerder\b",
)
BILLING = _words(
    r"\binvoice|\bbill(?:ing)?\b|\bpayment|\binsurance\b|\bfee\b|\brefund",
    r"\brechnung|\bzahlung|\b[üu]berweisung|\bquittung|\bkrankenkasse|\bversicherung",
    r"\bfacture|\bpaiement|\bre[çc]u\b|\bmutuelle|\bassurance|\bvirement",
    r"\bfactura|\bpago\b|\brecibo\b|\bseguro\b|\btransferencia",
    r"\bfactuur|\bbetaling|\brekening|\bverzekering|\bovermaking",
)
THANKS = _words(
    r"\bthanks?\b|\bthank you\b|\bcheers\b|\bmuch appreciated\b|\bgot it\b|\breceived\b|\bsee you\b",
    r"\bdanke\b|\bvielen dank\b|\bbis (?:bald|dann|morgen|nächste)",
    r"\bmerci\b|\bà bient[ôo]t\b|\bbien re[çc]u\b",
    r"\bgracias\b|\bhasta (?:pronto|luego|el)\b|\brecibido\b",
    r"\bdank(?:je|u)?(?: wel)?\b|\bbedankt\b|\btot (?:snel|dan|volgende)\b|\bontvangen\b",
)
# "I couldn't do it", "I didn't manage", "I haven't done it".
COULD_NOT = _words(
    r"\bcould(?:n'?t| not) (?:do|finish|manage|get|make|bring myself|face|complete|start|try)\b|"
    r"\bdidn'?t (?:manage|get (?:round|around|to)|do|have time|finish)|"
    r"\bhaven'?t (?:done|managed|had time|finished|started)|\bwas(?:n'?t| not) able to (?:do|finish|start)\b|"
    r"\bnot (?:able|managed) to (?:do|finish|start)\b",
    r"\bkonnte\b.{0,40}\bnicht (?:machen|schaffen|erledigen|durchf[üu]hren|anfangen)\b|"
    r"\bnicht (?:geschafft|gemacht|fertig|dazu gekommen)|\bhabe es nicht\b|\bkeine zeit\b",
    r"\bpas pu (?:faire|finir|commencer|le faire)\b|\bpas r[ée]ussi\b|\bpas (?:fait|eu le temps|fini)\b|"
    r"\bn'ai pas (?:pu|r[ée]ussi|fait|eu le temps|fini)\b",
    r"\bno (?:pude hacer|he podido hacer|consegu[íi]|lo hice|he hecho|tuve tiempo|he terminado)|"
    r"\bno (?:pude|he podido)(?: hacerl[oa])?[.,!]",
    r"\bniet gelukt\b|\bkon\b.{0,40}\bniet (?:doen|maken|afmaken|beginnen)\b|"
    r"\bniet (?:gedaan|gemaakt|afgemaakt|aan toe gekomen)|\bgeen tijd\b",
)
# "I'll send it tomorrow", "later this week".
SEND_LATER = _words(
    r"\b(?:i'?ll|i will|going to|gonna)\b.{0,30}\b(?:send|do|finish|catch up)\b|\b(?:tomorrow|"
    r"later|next week|tonight|at the weekend|this weekend)\b.{0,20}\bsend\b",
    r"\b(?:schicke|sende|reiche)\b.{0,30}\b(?:morgen|sp[äa]ter|nach|n[äa]chste)|\bnachreichen\b|"
    r"\bwerde\b.{0,30}\b(?:schicken|senden|machen|nachholen)",
    r"\b(?:enverrai|envoie|ferai|finirai)\b|\bvais\b.{0,30}\b(?:envoyer|faire|finir)\b",
    r"\b(?:enviar[ée]|mandar[ée]|har[ée]|terminar[ée])\b|\bvoy a\b.{0,30}\b(?:enviar|mandar|hacer|"
    r"terminar)\b",
    r"\b(?:stuur|zend)\b.{0,30}\b(?:morgen|later|volgende)|\bga\b.{0,30}\b(?:sturen|doen|afmaken)\b",
)
# A question about doing the homework: "is that ok?", "can I ...", "should I ...".
_STARTS = r"(?:^|[.!?;]\s+|,\s*)"  # where a question's inverted opening stands
QUESTION_START = _words(
    _STARTS + r"(?:can|could|may|should|shall|do|must) i\b|\bis (?:that|it|this) (?:ok|okay|alright|fine|"
    r"right)\b|\bhow (?:do|should|can) i\b",
    _STARTS + r"(?:kann|darf|soll|muss) ich\b|\bist (?:das|es) (?:ok|okay|in ordnung|schlimm)\b|"
    r"\bwie (?:soll|kann) ich\b",
    r"\b(?:puis|peux|dois)-je\b|\best-ce que\b|\bc'est (?:grave|ok|bien)\b",
    r"\bpasa algo\b|\best[áa] bien\b",
    _STARTS + r"(?:kan|mag|moet|zal) ik\b|\bis dat (?:erg|goed|ok|oké)\b|\bhoe (?:moet|kan) ik\b",
)
REPLY = re.compile(r"^\s*(?:re|aw|antw|r|rv|sv|fw|fwd|wg|tr)\s*:", re.IGNORECASE)
GREETING_OR_SIGN_OFF = _words(
    r"^\s*(?:hi|hello|dear|hey|hallo|liebe?r?|bonjour|ch[èe]re?|hola|querid[oa]|beste|best|regards|"
    r"kind regards|"
    r"best wishes|love|gr[üu](?:ß|ss)e|lg|viele gr[üu](?:ß|ss)e|cordialement|bien [àa] vous|"
    r"saludos|un saludo|"
    r"groet(?:en|jes)?|met vriendelijke groet|sent from my \w+)\b(?:[\s,]+[\w.'-]+){0,3}[\s,.!:]*$",
)


@dataclass(frozen=True)
class Verdict:
    """What the words are (``kind``), the rule that said so, and whether they name the homework."""

    kind: Kind
    reason: str
    about_homework: bool


def mail_kind(subject: str, new_text: str, attachments: int = 0, answered: bool = False) -> Verdict:
    """What a client's mail is. ``new_text`` is the client's own new words (quotes split off),
    ``attachments`` how many files came with it, ``answered`` whether the homework parser found
    labelled answers in it (a "Situation:" line, a rating, a dialogue)."""
    if answered:
        return Verdict("answer", "answers the homework form", True)
    if attachments:
        return Verdict("answer", "an attachment", True)
    body = _own_words(new_text)
    text = f"{subject}\n{body}"
    words = _count_words(body)
    # A reply's subject is mailbot's own ("Re: Your homework"): it says nothing of the reply.
    about = _names_homework(body) or (not REPLY.match(subject) and _names_homework(subject))
    # The word counts are tested first: a long mail is no note, and the searches cost more.
    short = words <= NOTE_MAX_WORDS
    if short and SESSION.search(text) and (RESCHEDULE.search(text) or "?" in text):
        return Verdict("correspondence", "about a session", about)
    if short and BILLING.search(text):
        return Verdict("correspondence", "about billing", about)
    not_yet = short and (COULD_NOT.search(body) or SEND_LATER.search(body))
    if not_yet and not (ANSWER.search(body) and words >= LONG_WORDS):
        return Verdict("note", "says it is not done yet", about)
    if short and _asks(body) and not (words >= QUESTION_IN_ANSWER_WORDS and _tells(body)):
        if not (about or words < LONG_WORDS):
            return Verdict("correspondence", "a question about something else", about)
        return Verdict("note", "a question", about)
    if words <= THANKS_MAX_WORDS and THANKS.search(body) and not ANSWER.search(body):
        return Verdict("correspondence", "thanks", about)
    if _tells(body):
        return Verdict("answer", "tells what was done", True)
    if words >= LONG_WORDS:
        return Verdict("answer", "tells of the week at length", True)
    if about and words >= 3:
        return Verdict("answer", "names the homework", True)
    if words >= STATEMENT_WORDS:
        # No cue of anything else (a session, a bill, thanks, a question): a journal line such as
        # "Slept well, calm day." is how homework is often written.
        return Verdict("answer", STATEMENT, about)
    return Verdict("unsure", "too short to tell", about)


def _own_words(new_text: str) -> str:
    """The text without greeting and sign-off lines, which say nothing of what the mail is."""
    lines = [line for line in new_text.splitlines() if line.strip() and not GREETING_OR_SIGN_OFF.match(line)]
    return "\n".join(lines)


# Each word for a homework type as a whole word (tried only where the text holds it at all).
_WORDS = {w: re.compile(rf"\b{re.escape(w)}\b") for ws in TYPE_WORDS.values() for w in ws}


def _names_homework(text: str) -> bool:
    if HOMEWORK.search(text):
        return True
    folded = text.casefold()
    return any(w in folded and _WORDS[w].search(folded) for ws in TYPE_WORDS.values() for w in ws)


def _count_words(body: str) -> int:
    """The words of ``body``, counted up to one more than any count :func:`mail_kind` compares:
    a mail holds thousands, and splitting all of them cost a tenth of a millisecond a message."""
    return len(body.split(None, NOTE_MAX_WORDS + 1))


def _tells(body: str) -> bool:
    """Words that tell what was done (or ratings)."""
    return bool(ANSWER.search(body) or RATING.search(body) or NARRATIVE.search(body))


def _asks(body: str) -> bool:
    """Whether the words ask something: a question mark, or a question's opening words."""
    return "?" in body or "¿" in body or bool(QUESTION_START.search(body))
