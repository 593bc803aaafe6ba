"""The built-in risk patterns for English, German, French, Spanish and Dutch.

Each pattern is a regular expression over normalised text (lower case, accents dropped,
whitespace folded), written so that a clinician can read it. In these sources a space means
any whitespace, an apostrophe is optional ("dont" is "don't"), German umlauts also match
"ae/oe/ue", and these shorthands apply:
  {w1}..{w4}  up to that many filler words ("I just really want to die")
  {end}       the end of a clause: punctuation, a line break or the end of the text
``unless`` (searched near the hit) marks a harmless context: an injury while cooking, a
film, an intrusive thought in an exposure; ``despite`` (first person thinking or intending)
overrides ``unless``. ``negatable``: a negation before the hit cancels it; only wishes to die
are negatable ("I don't want to die" is a wish to live), never acts ("I won't kill myself").
"""

from __future__ import annotations

from mailbot.core.risk_phrases import de, de_acts, en, en_acts, es, fr, fr_acts, nl
from mailbot.core.risk_phrases.pattern import CAREER, Pattern, p

# "suicide", "suicidal", "suicidio", "suïcide": one word in four languages, so one pattern whose
# harmless contexts (someone else's death, a film) and first-person overrides come from all four.
SUICIDE_WORD = p(
    "en",
    "suicide",
    "suicidal",
    r"suicid\w*(?! (?:prevention|awareness|squad|prévention|prevención|preventie)\b)",
    unless="|".join((en.OTHERS, fr.OTHERS, es.OTHERS, nl.OTHERS, CAREER)),
    despite="|".join((en.FIRST_PERSON, fr.FIRST_PERSON, es.FIRST_PERSON, nl.FIRST_PERSON)),
)

BUILTIN: tuple[Pattern, ...] = (
    en.PATTERNS
    + en_acts.PATTERNS
    + (SUICIDE_WORD,)
    + de.PATTERNS
    + de_acts.PATTERNS
    + fr.PATTERNS
    + fr_acts.PATTERNS
    + es.PATTERNS
    + nl.PATTERNS
)

__all__ = ["BUILTIN", "Pattern"]
