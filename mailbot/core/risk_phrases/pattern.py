"""One built-in risk pattern, as the language modules write it, and the contexts they share."""

from __future__ import annotations

from dataclasses import dataclass

# Laughter next to a hyperbole ("that exam was brutal, I wanted to die, lol") marks a joke; it
# cancels only the patterns people use as hyperbole, never explicit suicide or self-harm words,
# and not when the client says she means it (NOT_JOKING).
NOT_JOKING = (
    r"\b(?:seriously|srsly|for real|not joking|no joke|i mean it|ernsthaft|im ernst|ernst gemeint|sérieux|"
    r"sérieusement|en serio|de verdad|echt waar|serieus|meen het)\b"
)
JOKING = (
    r"\b(?:lol|lmao|rofl|haha\w*|hehe\w*|jk|mdr|ptdr|jaja\w*|jeje\w*|xd)\b|\U0001f602|\U0001f923|"
    r"\U0001f606"
)

# "career suicide", "beruflicher Selbstmord": a figure of speech about jobs and reputations.
CAREER = (
    r"(?:career|political|social|professional|commercial|beruflich\w*|politisch\w*|karriere|carrière|"
    r"politieke|sociale)[\s-]?(?:suicide|selbstmord|zelfmoord)|(?:suicide|suicidio) (?:professionnel|"
    r"profesional|politique|político|social|commercial)"
)


# Someone else's words reported by the client ("my son says he wants to die when he has to tidy
# his room") are not the client's own, unless she writes that she is worried by them.
REPORTED = (
    r"\b(?:he|she|they|my (?:\w+ )?(?:son|daughter|kid|child|husband|wife|partner|mum|mom|dad|friend|sister|"
    r"brother)) "
    r"(?:\w+ )?(?:said|says|shouted|shouts|yelled|yells|screamed|screams|told me|tells me)\b|"
    r"\b(?:er|sie|mein \w+|meine \w+) (?:sagt|sagte|schreit|schrie|brüllt|brüllte|meint|meinte)\b|"
    r"\b(?:il|elle|mon \w+|ma \w+) (?:dit|disait|a dit|crie|a crié|hurle|a hurlé)\b|"
    r"\b(?:dice|dijo|grita|gritó)\b|"
    r"\b(?:hij|zij|ze|mijn \w+) (?:zegt|zei|roept|riep|schreeuwt|schreeuwde)\b"
)
WORRIED = (
    r"\b(?:worried|scared|terrified|afraid|frightened|meant it|means it|besorgt|angst|sorge|inquiète?|peur|"
    r"preocupad[oa]|miedo|bezorgd|bang)\b"
)


@dataclass(frozen=True)
class Pattern:
    name: str  # "<language>.<key>", as [risk] phrases_remove may name it
    language: str
    phrase: str  # a typical phrase it finds, for the docs and for phrases_remove
    regex: str
    negatable: bool = False
    unless: str | None = None
    despite: str | None = None


def p(
    language: str,
    key: str,
    phrase: str,
    regex: str,
    *,
    negatable: bool = False,
    unless: str | None = None,
    despite: str | None = None,
) -> Pattern:
    return Pattern(f"{language}.{key}", language, phrase, regex, negatable, unless, despite)
