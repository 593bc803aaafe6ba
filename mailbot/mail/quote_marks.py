"""What mail clients write around a quote, in the languages mailbot's clients write in.

Each test here looks at one line (or a few lines joined) that is short: callers skip lines
longer than ``LONGEST_MARKER_LINE`` so every pattern runs on bounded input. Patterns are
anchored and have no nested repetition, so each costs time linear in its input.

Vocabulary covers English, German, French, Spanish, Dutch, Italian, Portuguese, Danish,
Swedish, Norwegian, Polish, Russian, Vietnamese, Czech and Finnish, as the mail clients
(Gmail, Outlook, Apple Mail, Thunderbird, Yahoo, ProtonMail, phone clients) write them.
"""

from __future__ import annotations

import functools
import re

LONGEST_MARKER_LINE = 300
LONGEST_ATTRIBUTION = 400  # an attribution wrapped over several lines, joined

# "wrote" as the attribution ends it, with what may follow it before the colon.
_WROTE = (
    r"wrote|writes|sent|schrieb|geschrieben|a\s+[ée]crit|[ée]crit|escribi[óo]|escreveu|escrito"
    r"|(?:ha\s+)?scritto|scrisse|schreef|verzond|het\s+volgende\s+geschreven|geschreven|skrev|skrivit"
    r"|napisa[łl](?:\s*\(a\)|a)?|pisze|написал(?:\s*\(а\)|а)?|пишет|đã\s+viết|napsal(?:\s*\(a\)|a)?"
    r"|kirjoitti|írta|yazdı|έγραψε|写道|님이\s+작성"
)
# The attribution ends with the verb and a colon, or the verb alone between dashes
# ("---- Name wrote ----"); German and Dutch may name the sender after the verb.
_ATTRIBUTION_END = re.compile(
    rf"(?:\b|(?<=[>\s)\d]))(?:{_WROTE})(?:\s+[^:\n]{{0,120}})?\s*[:：]\s*-*\s*$"
    rf"|(?:\b|(?<=[>\s)]))(?:{_WROTE})\s*-{{2,}}\s*$",
    re.I,
)
# Android's "---- Homework wrote ----" names no date: the dashes are the evidence.
_DASHED_ATTRIBUTION = re.compile(rf"^-{{2,}}\s*[^-\n]{{1,80}}\s(?:{_WROTE})\s*-{{2,}}$", re.I)
# Apple Mail in Polish: "Wiadomość napisana przez Homework <a@b> w dniu 4.03.2024, o godz. 09:00:".
_WRITTEN_BY = re.compile(r"^wiadomo[śs][ćc]\s+napisana\s+przez\s.{1,200}[:：]$", re.I)
# Date-first forms end with the sender's address and a colon: "2014-10-17 11:28 GMT+03:00 Bob
# <bob@example.com>:", "пн, 4 мар. 2024 г. в 09:00, Homework <homework@example.com>:".
_ADDRESS_END = re.compile(r"\S@[^\s@]*[>)\]\"']?\s*[:：]\s*$")
# "2011/4/7 Nathan <support@example.com>" with no colon: a numeric date first, an address last.
_DATE_THEN_ADDRESS = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b[^\n]{0,200}\s<?[^\s<>@]+@[^\s<>@]+>?$")
_ENDS_WITH_ADDRESS = re.compile(r"@[^\s@<>]+>?$")
# An attribution names a time, a year or an address; "On Monday my mother wrote:" does not.
_EVIDENCE = re.compile(r"\d{1,2}[:.h]\d{2}|\b(?:19|20)\d{2}\b|\d{4}年|@")
_TIME_OR_DATE = re.compile(r"\d{1,2}[:.h]\d{2}|\b(?:19|20)\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2}|\d{4}年")
# Words an attribution starts with, or a date ("Mon, 4 Mar", "pon., 4 mar", "2024-03-04").
_OPENER_WORDS = r"on|le|am|el|op|il|em|w\s+dniu|dnia|den|på|vào|dne|wiadomość\s+napisana|в"
_OPENER = re.compile(rf"^[\s>*-]*(?:(?:{_OPENER_WORDS})\s|\d|[^\W\d_]{{1,12}}\.?,?\s+\d)", re.I)
_INNER_OPENER = re.compile(r"(?:(?<=\s)|(?<=-))-*\s*(?:on|le|am|el|op|il|em|w\s+dniu|den|på|vào)\s", re.I)

# "-----Original Message-----" and its kin: the rest of the mail is the earlier one.
_ORIGINAL_NAMES = (
    r"original\s+message|reply\s+message|urspr[üu]ngliche\s+nachricht|originalnachricht"
    r"|antwort\s+nachricht|message\s+d.origine|mensaje\s+original|oorspronkelijk\s+bericht"
    r"|origineel\s+bericht|messaggio\s+originale|mensagem\s+original|oprindelig\s+meddelelse"
    r"|originalmeddelelse|ursprungligt\s+meddelande|originalmeddelande|opprinnelig\s+melding"
    r"|originalmelding|wiadomo[śs][ćc]\s+oryginalna|oryginalna\s+wiadomo[śs][ćc]"
    r"|исходное\s+сообщение|оригинальное\s+сообщение|p[ůu]vodn[íi]\s+zpr[áa]va"
    r"|alkuper[äa]inen\s+viesti|original\s+meddelelse"
)
ORIGINAL_MESSAGE = re.compile(rf"^[\s>]*-*\s*(?:{_ORIGINAL_NAMES})\s*-*\s*:?\s*$", re.I)

# Lines that open a forwarded mail the client means the therapist to read.
_FORWARD_NAMES = (
    r"forwarded\s+message|weitergeleitete\s+nachricht|message\s+transf[ée]r[ée]"
    r"|mensaje\s+reenviado|doorgestuurd\s+bericht|messaggio\s+inoltrato|mensagem\s+encaminhada"
    r"|videresendt\s+meddelelse|vidarebefordrat\s+meddelande|videresendt\s+melding"
    r"|przekazana\s+wiadomo[śs][ćc]|wiadomo[śs][ćc]\s+przekazana(?:\s+dalej)?"
    r"|пересылаемое\s+сообщение|пересланное\s+сообщение|přeposlaná\s+zpráva"
)
_APPLE_FORWARD = (
    r"begin\s+forwarded\s+message|anfang\s+der\s+weitergeleiteten\s+nachricht"
    r"|d[ée]but\s+du\s+message\s+r[ée]exp[ée]di[ée]|inicio\s+del\s+mensaje\s+reenviado"
    r"|begin\s+doorgestuurd\s+bericht|inizio\s+messaggio\s+inoltrato"
    r"|in[íi]cio\s+da\s+mensagem\s+(?:reencaminhada|encaminhada)|videresendt\s+besked"
    r"|start\s+på\s+videresendt\s+(?:besked|melding)|vidarebefordrat\s+brev|början\s+på\s+vidarebefordrat\s+brev"
    r"|pocz[ąa]tek\s+przekazywanej\s+wiadomo[śs]ci|начало\s+переадресованного\s+сообщения"
)
FORWARD = re.compile(
    rf"^[\s>]*(?:-+\s*(?:{_FORWARD_NAMES})\s*-+|(?:{_APPLE_FORWARD})\s*:)\s*$",
    re.I,
)
_FORWARD_SUBJECT = re.compile(r"^(?:fwd?|fw|wg|tr|rv|enc|doorst|vs|vb|vl|pd|пересл|i)\s*:", re.I)

# Outlook's header block: labels as each language's Outlook writes them.
_FROM_LABELS = r"from|von|de|van|da|fra|från|od|от|lähettäjä|từ|差出人|发件人|보낸\s*사람"
_DATE_LABELS = (
    r"sent|date|gesendet|datum|envoy[ée]|enviado(?:\s+el)?|enviada(?:\s+em)?|fecha|verzonden"
    r"|inviato|data|sendt|skickat|dato|wysłano|wys[łl]ane|отправлено|дата|odesláno|lähetetty"
    r"|ngày\s+gửi|đã\s+gửi|gửi|送信日時|发送时间|날짜"
)
_TO_LABELS = r"to|à|para|aan|til|till|кому|komu|vastaanottaja|đến|宛先|收件人|받는\s*사람"
_CC_LABELS = r"cc|kopie|copie|copia|kopia|копия|kopio|bcc"
_SUBJECT_LABELS = (
    r"subject|betreff|objet|asunto|onderwerp|oggetto|assunto|emne|ämne|temat|тема|předmět|aihe|chủ\s+đề"
    r"|件名|主题|제목"
)
_LABEL = r"^[\s>]*\*?\s*(?:{})\s*\*?\s*[:：]"
FROM_LABEL = re.compile(_LABEL.format(_FROM_LABELS), re.I)
DATE_LABEL = re.compile(_LABEL.format(_DATE_LABELS), re.I)
TO_LABEL = re.compile(_LABEL.format(rf"{_TO_LABELS}|{_CC_LABELS}|reply-to"), re.I)
SUBJECT_LABEL = re.compile(_LABEL.format(_SUBJECT_LABELS), re.I)
# A whole header block run together on one line: "From: Bob Date: Thu, 24 Mar 2016 ...".
_INLINE_SECOND_LABEL = re.compile(rf"\s\*?(?:{_DATE_LABELS})\s*\*?\s*[:：]\s*\S", re.I)

_SEPARATOR_INTRO = re.compile(r"^[\s>]*(?:_{5,}|-{5,}|={5,})\s*$")

# Device lines: "Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS".
_SENT_VERB = (
    r"sent|envoy[ée]|enviado|enviada|inviato|gesendet|versendet|verzonden|verstuurd|skickat"
    r"|sendt|wys[łl]ane|wys[łl]ano|отправлено|odesláno|lähetetty|diese\s+nachricht\s+wurde|gửi"
)
_SENT_PREPOSITION = (
    r"from|with|via|using|on|de|depuis|desde|do|da|dal|dalla|von|mit|vanaf|met|från|fra|med|z|ze|с|из|từ"
)
_DEVICE_LINE = re.compile(
    rf"""^\s*(?:
        (?:{_SENT_VERB})\s+(?:{_SENT_PREPOSITION})\s[^,;\n]{{1,70}}
      | (?:get|hent|skaffa|holen\s+sie\s+sich|obtenir|obtener|scarica|baixe|pobierz|загрузите)\s+
        (?:the\s+|o\s+|aplikacj[eę]\s+)?outlook\s[^\n]{{1,40}}
      | (?:von|vom)\s+mein(?:em)?\s[^\n]{{1,60}}\s(?:gesendet|verschickt)
      | outlook\s+(?:for|voor|für|pour|para|per|til|för)\s+(?:ios|android)(?:\s+\w+)?
    )\s*[.!]?\s*$""",
    re.I | re.X,
)
_DEVICE_WORDS = re.compile(
    r"iphone|ipad|ipod|android|blackberry|mobil|phone|galaxy|samsung|huawei|xiaomi|pixel|nokia"
    r"|outlook|yahoo|gmail|aol|proton|mail|tablet|handy|device|appareil|móvil|movil|mobiel"
    r"|telefoon|telefono|telefon|téléphone|portable|smartphone|celular|dispositivo|tapatalk"
    r"|windows|ios|k-9|blue|spark|airmail|verizon|wireless|t-mobile|телефон|мобильн|iphone'a",
    re.I,
)
# "Sent from my <up to four words>", whatever the device is called; "Sent from work" is not one.
_SENT_FROM_MY = re.compile(r"^\s*sent\s+from\s+my\s+\S+(?:\s+\S+){0,3}\s*$", re.I)
# "-Ben", "--Anna K.", "~ Jo": a sign-off, not a bullet ("- and another" has a space).
_DASH_SIGN_OFF = re.compile(r"^\s*(?:-{1,2}|~|–|—)(?=[^\W\d_])[\w.'’]+(?:\s[\w.'’]+){0,2}\s*$")
_LIST_FOOTER = re.compile(
    r"mailing\s+list|listinfo|unsubscribe|you\s+received\s+this\s+message\s+because"
    r"|googlegroups\.com|list-manage|abmelden|d[ée]sabonner|darse\s+de\s+baja|afmelden",
    re.I,
)


# One test per line for what most lines are not: an Outlook separator, a forward marker or the
# first label of a header block (any of these four matches); cheaper than the four tests.
_STRUCTURE_HINT = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern in (ORIGINAL_MESSAGE, FORWARD, FROM_LABEL, DATE_LABEL)),
    re.I,
)


def may_be_structure(line: str) -> bool:
    """False when no separator, forward marker or header block can start on ``line``.

    Each of them has a colon, or ends the line with a dash or the last letter of its name
    (white space aside), so half of all lines need not be matched against them."""
    if ":" not in line and "：" not in line:
        last = line.rstrip()[-1:]
        if last != "-" and not last.isalpha():
            return False
    return _structure_hint(line)


@functools.lru_cache(maxsize=4096)
def _structure_hint(line: str) -> bool:
    """Whether the hint matches ``line``, kept by line: a homework's labels ("Situation:") and the
    quoted form recur in every reply to it, and the alternation costs ten times a lookup."""
    return _STRUCTURE_HINT.match(line) is not None


def may_hold_attribution(text: str) -> bool:
    """False when no part of ``text`` can be a whole attribution: each names a time, a year or
    an address, or is set between dashes (see is_attribution)."""
    return "--" in text or _EVIDENCE.search(text) is not None


def is_attribution(joined: str) -> bool:
    """True when ``joined`` (one to five lines, joined with spaces) is a whole attribution."""
    body = joined.strip()
    if not body or len(body) > LONGEST_ATTRIBUTION:
        return False
    if _DASHED_ATTRIBUTION.match(body):
        return True
    if not _EVIDENCE.search(body):
        return False
    if _WRITTEN_BY.match(body) or _DATE_THEN_ADDRESS.match(body):
        return True
    if _ATTRIBUTION_END.search(body[-170:]):  # the verb is near the end: search only there
        return True
    return bool(_ADDRESS_END.search(body)) and bool(_TIME_OR_DATE.search(body))


def ends_like_attribution(line: str) -> bool:
    """True when ``line`` may be the last line of an attribution (cheap pre-check)."""
    if ":" not in line and "：" not in line and "@" not in line and "--" not in line:
        return False  # most lines: each ending below needs one of these
    stripped = line.rstrip()
    tail = stripped.rstrip("-").rstrip()
    if tail.endswith((":", "：")) or ("@" in tail and _ENDS_WITH_ADDRESS.search(tail[-80:])):
        return True
    return stripped.endswith("--") and bool(_ATTRIBUTION_END.search(line[-170:]))


def opens_attribution(line: str) -> bool:
    return bool(_OPENER.match(line))


def inner_attribution_start(line: str) -> int:
    """Where an attribution starts inside a line that begins with the client's words, or 0."""
    for tries, found in enumerate(_INNER_OPENER.finditer(line)):
        if tries == 3:  # bounded work per line; a real attribution starts at the first or second
            break
        start = found.start()
        if start > 0 and line[:start].strip(" -") and is_attribution(line[start:].lstrip(" -")):
            return start
    return 0


def is_header_block(lines: list[str], start: int) -> bool:
    """True when an Outlook-style header block starts at ``lines[start]``.

    It is a run of label lines ("From:", "Sent:", "To:", "Subject:" in any of the languages
    above, each possibly wrapped onto one more line) holding a sender or date label and at
    least one more label; "From:" and "To:" alone are a letter the client quotes, not a
    header. A whole block run together on one line counts too.
    """
    first = lines[start]
    if len(first) > LONGEST_MARKER_LINE:
        return False
    if FROM_LABEL.match(first) and _INLINE_SECOND_LABEL.search(first):
        return True
    if not (FROM_LABEL.match(first) or DATE_LABEL.match(first)):
        return False
    kinds: set[str] = set()
    index, unlabelled = start, 0
    while index < len(lines) and index < start + 12:
        line = lines[index]
        kind = _label_kind(line) if len(line) <= LONGEST_MARKER_LINE else None
        if kind is None:
            if not line.strip() or unlabelled or index == start:
                break
            unlabelled += 1  # a wrapped value: one line at most
        else:
            kinds.add(kind)
            unlabelled = 0
        index += 1
    return len(kinds) >= 2 and ("date" in kinds or {"from", "subject"} <= kinds)


def header_block_is_forward(lines: list[str], start: int) -> bool:
    """True when the header block at ``start`` has a "Fwd:"/"FW:"/"WG:" subject."""
    for line in lines[start : start + 12]:
        if SUBJECT_LABEL.match(line):
            value = line.split(":", 1)[-1].split("：", 1)[-1].strip(" *")
            return bool(_FORWARD_SUBJECT.match(value))
    return False


def _label_kind(line: str) -> str | None:
    if FROM_LABEL.match(line):
        return "from"
    if DATE_LABEL.match(line):
        return "date"
    if SUBJECT_LABEL.match(line):
        return "subject"
    if TO_LABEL.match(line):
        return "to"
    return None


def is_separator_intro(line: str) -> bool:
    return bool(_SEPARATOR_INTRO.match(line))


def is_device_line(line: str) -> bool:
    """True for "Sent from my iPhone" and its kin; a sentence that starts alike is not."""
    if len(line) > 120 or not _DEVICE_LINE.match(line):
        return False
    return bool(_DEVICE_WORDS.search(line) or _SENT_FROM_MY.match(line))


def is_dash_sign_off(line: str) -> bool:
    """True for "-Ben" or "--Anna K.": a dash glued to a capitalised name of up to three words."""
    return len(line) <= 60 and bool(_DASH_SIGN_OFF.match(line)) and line.lstrip(" -~–—")[:1].isupper()


def is_list_footer(lines: list[str]) -> bool:
    return any(_LIST_FOOTER.search(line) for line in lines if len(line) <= LONGEST_MARKER_LINE)
