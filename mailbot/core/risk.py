"""Does a client's new text say something the therapist must read today?

A safety net, not a classifier: fixed phrase and pattern lists per language (see
``mailbot.core.risk_phrases``), matched over a normalised copy of the text, each hit
reported with the client's own sentence and the name of the pattern that fired, so that
every alert can be explained. Pure: no I/O, no clock; linear in the text, which is capped.

Rules the lists follow (docs/risk.md says why):
- Every language's list runs on every text: clients mix languages.
- A denial or a past, resolved thought still alerts ("I'm not going to kill myself, don't
  worry"; "last year I thought about ending it"). Only a negated *wish to die* ("I don't
  want to die", said in a panic exposure) is a wish to live and does not.
- Fear of dying (panic), idioms ("the deadline is killing me"), ratings ("hopeless, 90") and
  other people's deaths are not matched.
The full list of rules, each with the test that proves it, is in docs/risk.md.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from mailbot.core.risk_folding import fold, normalise
from mailbot.core.risk_phrases import BUILTIN, Pattern
from mailbot.core.risk_starts import PatternStarts, pattern_starts

MAX_CHARS = 200_000
MAX_SENTENCE = 300
_CONTEXT = 120  # characters either side of a hit that its "unless" condition may look at
_NEGATION_WORDS = 4
_NEGATIONS = frozenset(
    {"not", "never", "no", "nor", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "won't", "wont"}
    | {"wouldn't", "wouldnt", "isn't", "isnt", "nicht", "nie", "niemals", "kein", "keine", "ne", "n'", "pas"}
    | {"jamais", "nunca", "jamas", "niet", "nooit", "geen"}
)
_CLAUSE_END = re.compile(r"[,.;:!?\n\u2026]")
_SENTENCE_END = re.compile(
    r"[.!?\u2026\u3002]+[\"')\]]*(?=\s)|\n\s*\n|\n(?=\s*(?:[-*\u2022>]|\d{1,2}[.)]\s))"
)
_WORD = re.compile(r"[\w']+")
_LINE_BREAK = re.compile(r"\n")
_SHORT_LINE = 50
# A rating of zero right after the words, on a form ("suicidal thoughts 0", "Suizidgedanken: 0/10",
# "self-harm urges: none"), answers "none" rather than saying something.
_ZERO_RATING = re.compile(
    r"[\s:=(\-]*(?:[\w']+[\s:=(\-]+){0,2}?(?:0|zero|none|null|nul|cero|ninguna?|keine|aucune?|geen)"
    r"(?:\s*/\s*10|\s*/\s*100|\s*%)?\)?(?=\s*(?:$|[,.;:!?)|\n](?!\d)|[\w']+\s*[:=]?\s*\d))"
)
# A pattern starts at a word, which may follow an elided article or pronoun ("j'arrête tout").
_WORD_START = r"(?<!\w)"


@dataclass(frozen=True)
class RiskMatch:
    sentence: str  # the client's sentence, whitespace folded, at most 300 characters
    language: str  # which list matched: "en", "de", "fr", "es" or "nl"
    phrase: str  # the pattern's name or the therapist's added phrase (debug level only)


@dataclass(frozen=True)
class _Compiled:
    name: str
    language: str
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    despite: re.Pattern[str] | None
    negatable: bool


@dataclass(frozen=True)
class RiskRules:
    """The built-in patterns but those ``removed``, then the ``added`` ones, built by :func:`risk_rules`
    and reused for every message. The patterns are compiled, and their starts read, when a message
    is first looked at: a process that only checks a config (most commands) never needs them."""

    removed: frozenset[str]  # names of built-in patterns left out
    added: tuple[_Compiled, ...]  # the therapist's phrases, in her order

    @functools.cached_property
    def patterns(self) -> tuple[_Compiled, ...]:
        return (*(p for p in _builtin() if p.name not in self.removed), *self.added)

    @functools.cached_property
    def starts(self) -> PatternStarts:
        """Where each pattern can begin: the sentences worth a closer look."""
        return pattern_starts([pattern.regex for pattern in self.patterns])


@functools.cache
def _builtin() -> tuple[_Compiled, ...]:
    """Every built-in pattern compiled, once per process (a tenth of a second)."""
    return tuple(_compile(pattern) for pattern in BUILTIN)


def builtin_pattern_names() -> list[str]:
    """Names of the built-in patterns ("en.kill_myself", "de.mich_umbringen", ...), sorted."""
    return sorted(pattern.name for pattern in BUILTIN)


def risk_rules(phrases_add: Sequence[str] = (), phrases_remove: Sequence[str] = ()) -> RiskRules:
    """The built-in lists for en, de, fr, es and nl, plus ``phrases_add``, minus ``phrases_remove``.

    An added phrase is plain text, matched case- and accent-insensitively as whole words, with
    apostrophes optional ("can't" also finds "cant"); its language is reported as "en".
    A removed entry is either a pattern's name as :func:`builtin_pattern_names` lists it
    ("en.no_way_out") or a phrase ("I see no way out", "Schluss machen"): every built-in
    pattern that finds something in that phrase is removed.
    Raises ValueError, in one sentence, for an entry that cannot be used.
    """
    key = (tuple(phrases_add), tuple(phrases_remove))
    try:
        return _remembered(*key)
    except TypeError:  # an entry that is no text cannot be a key: refused below, in one sentence
        return _rules(*key)


@functools.lru_cache(maxsize=16)
def _remembered(phrases_add: tuple[str, ...], phrases_remove: tuple[str, ...]) -> RiskRules:
    """The same rules for the same phrases, so that their starts are read once in a process."""
    return _rules(phrases_add, phrases_remove)


def _rules(phrases_add: tuple[str, ...], phrases_remove: tuple[str, ...]) -> RiskRules:
    removed = _removed_names(phrases_remove)
    return RiskRules(frozenset(removed), tuple(_added(phrase) for phrase in phrases_add))


def find_risk(text: str, rules: RiskRules) -> list[RiskMatch]:
    """Every sentence of ``text`` that expresses suicidal thoughts, self-harm or harm to others.

    Violence against the client or a child at home counts too: the therapist must read it today.

    ``text`` is the client's new words only (the caller strips quoted mail). One match per
    sentence, in the order of the text. Only the first 200,000 characters are read; the
    work is linear in that length.
    """
    text = text[:MAX_CHARS]
    folded = fold(text)
    candidates, sentences = _candidates(rules, folded)
    if not candidates:
        return []
    origin = normalise(text)[1]  # the same folded text, with where each character came from
    matches = []
    for index in candidates:
        hit = _first_hit(rules.patterns, folded, sentences[index])
        if hit is not None:
            start, end, pattern = hit
            last = sentences[_sentence_of(sentences, end - 1)]
            quote = _quote(text, origin, (sentences[index][0], max(last[1], end)), start, end)
            matches.append(RiskMatch(quote, pattern.language, pattern.name))
    return matches


def _candidates(rules: RiskRules, folded: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Sentences where some pattern matches, in order, and the sentences (none when no pattern
    matches: most mail): tried only where a pattern can begin.

    A sentence is a candidate when one of the patterns matches at a position in it (the whole
    text seen, as :func:`_first_hit` does not), which is what one search with all patterns in one
    alternation found.
    """
    places = rules.starts.matches(folded)
    if not places:
        return [], []
    sentences = _sentence_spans(folded)
    return sorted({_sentence_of(sentences, place) for place in places}), sentences


def _first_hit(
    patterns: Sequence[_Compiled], folded: str, sentence: tuple[int, int]
) -> tuple[int, int, _Compiled] | None:
    """The first pattern, in list order, with a hit starting in the sentence that its rules let count."""
    end = min(len(folded), sentence[1] + _CONTEXT)
    for pattern in patterns:
        for hit in pattern.regex.finditer(folded, sentence[0], end):
            if hit.start() >= sentence[1]:
                break
            if _counts(pattern, folded, hit, sentence):
                return hit.start(), hit.end(), pattern
    return None


def _counts(pattern: _Compiled, folded: str, hit: re.Match[str], sentence: tuple[int, int]) -> bool:
    low, high = max(sentence[0], hit.start() - _CONTEXT), min(sentence[1], hit.end() + _CONTEXT)
    if (
        pattern.unless is not None
        and pattern.unless.search(folded, low, high)
        and not (pattern.despite is not None and pattern.despite.search(folded, low, high))
    ):
        return False
    if _ZERO_RATING.match(folded, hit.end(), min(sentence[1], hit.end() + 40)):
        return False
    return not (pattern.negatable and _negated(folded, sentence[0], hit))


def _negated(folded: str, sentence_start: int, hit: re.Match[str]) -> bool:
    """A negation among the few words before the hit in its clause, or inside the hit."""
    before = folded[max(sentence_start, hit.start() - 60) : hit.start()]
    clause = _CLAUSE_END.split(before)[-1]
    words = _WORD.findall(clause)[-_NEGATION_WORDS:] + _WORD.findall(hit.group())
    return any(word in _NEGATIONS or word.startswith("n'") for word in words)


def _sentence_spans(folded: str) -> list[tuple[int, int]]:
    """Sentences end at . ! ? and blank lines, before list items, and after a short line.

    A line shorter than a hard-wrapped one ("Situation: at home", "Emotion: sad 90") is a
    statement of its own, as in a form; a long line continues on the next.
    """
    ends = {end.end() for end in _SENTENCE_END.finditer(folded)}
    line_start = 0
    for line_break in _LINE_BREAK.finditer(folded):
        if line_break.start() - line_start < _SHORT_LINE:
            ends.add(line_break.end())
        line_start = line_break.end()
    spans = []
    start = 0
    for end in sorted(ends):
        if end > start:
            spans.append((start, end))
            start = end
    spans.append((start, len(folded)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], position: int) -> int:
    low, high = 0, len(spans) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if spans[middle][0] <= position:
            low = middle
        else:
            high = middle - 1
    return low


def _quote(text: str, origin: list[int], sentence: tuple[int, int], start: int, end: int) -> str:
    """The client's sentence around a hit, whitespace folded, cut to 300 characters around it.

    ``sentence`` runs to the end of the sentence where the hit ends, when that is a later one.
    """
    if not origin:
        return ""
    first = origin[min(sentence[0], len(origin) - 1)]
    last = origin[min(sentence[1], len(origin)) - 1] + 1
    words = " ".join(text[first:last].split())
    if len(words) <= MAX_SENTENCE:
        return words
    hit = " ".join(text[origin[start] : origin[end - 1] + 1].split())
    at = max(words.find(hit), 0)
    room = MAX_SENTENCE - 2 - len(hit)
    low = max(0, at - max(room, 0) // 2)
    piece = words[low : low + MAX_SENTENCE - 2].strip()
    return ("\u2026" if low > 0 else "") + piece + ("\u2026" if low + MAX_SENTENCE - 2 < len(words) else "")


def _compile(pattern: Pattern) -> _Compiled:
    return _Compiled(
        pattern.name,
        pattern.language,
        re.compile(_WORD_START + "(?:" + _source(pattern.regex, pattern.language) + r")(?![\w])"),
        re.compile(_source(pattern.unless, pattern.language)) if pattern.unless else None,
        re.compile(_source(pattern.despite, pattern.language)) if pattern.despite else None,
        pattern.negatable,
    )


_MACROS = {
    "{w1}": r"(?:[\w']+[\s,]+){0,1}?",
    "{w2}": r"(?:[\w']+[\s,]+){0,2}?",
    "{w3}": r"(?:[\w']+[\s,]+){0,3}?",
    "{w4}": r"(?:[\w']+[\s,]+){0,4}?",
    "{end}": r"(?=\s*(?:$|[,.;:!?\u2026)\n]))",
}
_UMLAUTS = {"ä": "(?:ae|a)", "ö": "(?:oe|o)", "ü": "(?:ue|u)"}


def _source(regex: str, language: str) -> str:
    """A pattern as written in risk_phrases, made to match the normalised text.

    A space stands for any whitespace (" ?" for none or some), an apostrophe is optional,
    German umlauts also match their "ae/oe/ue" spelling, and other accents are dropped as the
    text's are.
    """
    regex = regex.replace("'", "'?").replace(" ?", r"\s*").replace(" ", r"\s+")
    for macro, expansion in _MACROS.items():
        regex = regex.replace(macro, expansion)
    if language == "de":
        for umlaut, expansion in _UMLAUTS.items():
            regex = regex.replace(umlaut, expansion)
    return "".join(c for c in unicodedata.normalize("NFKD", regex) if not unicodedata.combining(c))


def _removed_names(entries: Sequence[str]) -> set[str]:
    names = {pattern.name for pattern in BUILTIN}
    removed: set[str] = set()
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError("a [risk] phrases_remove entry is empty; give a pattern name or a phrase.")
        if entry.strip() in names:
            removed.add(entry.strip())
            continue
        folded = fold(entry.strip())
        hits = {
            p.name
            for p, c in zip(BUILTIN, _builtin(), strict=True)
            if c.regex.search(folded) or _same(p.phrase, folded)
        }
        if not hits:
            raise ValueError(
                f"[risk] phrases_remove entry {entry.strip()!r} is neither a built-in pattern name nor "
                "a phrase a built-in pattern matches; see docs/risk.md for the names."
            )
        removed |= hits
    return removed


def _same(phrase: str, folded: str) -> bool:
    return fold(phrase) == folded


def _added(phrase: str) -> _Compiled:
    if not isinstance(phrase, str) or not phrase.strip():
        raise ValueError("a [risk] phrases_add entry is empty; give the words to look for.")
    folded = fold(" ".join(phrase.split()))
    if len(re.sub(r"\W", "", folded)) < 3:
        raise ValueError(
            f"[risk] phrases_add entry {phrase!r} is too short to search for; use 3 letters or more."
        )
    if len(folded) > 200:
        raise ValueError(
            f"[risk] phrases_add entry {phrase[:40]!r}... is longer than 200 characters; shorten it."
        )
    body = r"\s+".join(re.escape(word).replace("'", "'?") for word in folded.split())
    regex = re.compile(_WORD_START + body + r"(?![\w])")
    return _Compiled(phrase.strip(), "en", regex, None, None, False)


def find_risk_in_reply(text: str, rules: RiskRules, ours: Sequence[str] = ()) -> list[RiskMatch]:
    """``find_risk`` over what the client wrote in a reply, never over what was written to them.

    A line marked as a quote (">") is the earlier mail even where the reply parser kept it (a mail
    that is all quote keeps its text), and a sentence that stands in ``ours`` (the therapist's
    emergency note, which every assignment email carries) is hers, quoted back unmarked.
    """
    own = text
    if ">" in text:
        own = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">"))
    found = find_risk(own, rules)
    written = [_folded(part) for part in ours] if found else []
    return [m for m in found if not any(_folded(m.sentence) in w for w in written)]


def _folded(text: str) -> str:
    """Letters and digits only, lower case: the same sentence however it was wrapped or quoted."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())
