"""Does a message read like an autoresponder's, though it carries no auto-reply header?

Some out-of-office programs send a plain reply (threaded, "Re: your homework") with no
``Auto-Submitted`` or ``X-Autoreply`` header: only their words say what they are. Pure: a
decision over the message's own (unquoted) words, in the languages mailbot
reads: English, German, French, Spanish, Dutch, Italian, Portuguese, Polish, Swedish.

Only short mail is judged (an autoresponder says its piece in a few lines) and only by phrases
an autoresponder uses about itself, at the start of the text: a client's journal that mentions
an office or a holiday further down is not one.
"""

from __future__ import annotations

import re

MAX_WORDS = 1200  # characters of the mail's own words: longer mail is a person writing
LOOKED_AT = 400  # characters from the start where an autoresponder names itself

_SELF_DESCRIPTIONS = re.compile(
    r"""\b(?:
        out[\s-]+of[\s-]+(?:the[\s-]+)?office(?!-) | automat(?:ic|ed)\s+(?:reply|response|message)
      | i\s+am\s+(?:currently\s+)?(?:away|on\s+(?:leave|vacation|holiday))
      | abwesenheitsnotiz | automatische\s+antwort | nicht\s+im\s+b[üu]ro
      | (?:bin|sind)\s+(?:\S+\s+){0,6}?(?:abwesend|au[ßs]er\s+haus|im\s+urlaub)
      | absente?\s+du\s+bureau | r[ée]ponse\s+automatique | hors\s+du\s+bureau
      | je\s+suis\s+(?:actuellement\s+)?(?:absente?|en\s+cong[ée])
      | fuera\s+de\s+la\s+oficina | respuesta\s+autom[áa]tica | estoy\s+(?:de\s+vacaciones|ausente)
      | niet\s+op\s+kantoor | automatisch\s+antwoord | (?:ben|zijn)\s+(?:\S+\s+){0,4}?afwezig
      | fuori\s+(?:ufficio|sede) | risposta\s+automatica | sono\s+(?:attualmente\s+)?(?:assente|in\s+ferie)
      | fora\s+do\s+escrit[óo]rio | resposta\s+autom[áa]tica | estou\s+(?:de\s+f[ée]rias|ausente)
      | poza\s+biurem | automatyczna\s+odpowied[źz] | jestem\s+(?:\S+\s+)?nieobecn[ya]
      | inte\s+p[åa]\s+kontoret | automatiskt\s+svar | autosvar | (?:[äa]r|jag\s+[äa]r)\s+fr[åa]nvarande
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


# Where the sender's own words end: a forwarded or quoted mail's separator or header lines.
_FORWARDED = re.compile(
    r"^\s*(?:-{3,}|_{3,}|(?:from|von|de|van|da|od|fr[åa]n|subject|betreff|objet|asunto|onderwerp|oggetto|assunto|temat|[äa]mne)\s*:)",
    re.IGNORECASE | re.MULTILINE,
)


def reads_like_autoreply(own_words: str) -> bool:
    """Whether a short message names itself an automatic or out-of-office reply near its start,
    before anything it forwards. (A subject that starts so is core.classify's: such mail is
    machine mail already.)"""
    words = own_words.strip()
    if len(words) > MAX_WORDS:
        return False
    forwarded = _FORWARDED.search(words)
    own = words[: forwarded.start()] if forwarded else words
    return _SELF_DESCRIPTIONS.search(own[:LOOKED_AT]) is not None
