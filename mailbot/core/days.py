"""The day a client names, in the words people use, in the five languages mailbot reads.

``find_day`` reads a line for a day and returns how it was named (a ``DayName``); ``resolve``
turns that into a calendar date relative to the local day the mail arrived. The two are apart
because the words are read where the mail is parsed, and the arrival time is known only when
it is filed.

Named days: weekday names and their abbreviations (English, German, French, Spanish, Dutch);
"today", "tonight", "yesterday", "last night" and their equivalents; dates written as people
write them ("2 March", "March 2nd", "2. März", "2 de marzo", "2.3.", "2.3.2026") and ISO
("2026-03-02"). A weekday is the latest such day on or before the day of arrival: nobody
sends the homework of a day still to come. A date without a year is the latest such date not
more than a day after the arrival. Two-letter abbreviations ("Mo", "Di") count only as a
heading (alone, or before ":", "-" or a date), since "do" and "so" are English words too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS: dict[str, int] = {}  # full names: a day named anywhere in a line
ABBREVIATIONS: dict[str, int] = {}  # "Mon", "Di", "sat": only as a section's heading
for _number, (_full, _short) in enumerate(
    [
        ("monday montag lundi lunes maandag", "mon mo lun ma"),
        ("tuesday dienstag mardi martes dinsdag", "tue tues di mar"),
        ("wednesday mittwoch mercredi miercoles woensdag", "wed weds mi mer mie wo woe"),
        ("thursday donnerstag jeudi jueves donderdag", "thu thur thurs do jeu jue"),
        ("friday freitag vendredi viernes vrijdag", "fri fr ven vie vr vrij"),
        ("saturday samstag sonnabend samedi sabado zaterdag", "sat sa sam sab za zat"),
        ("sunday sonntag dimanche domingo zondag", "sun so dim dom zo"),
    ]
):
    WEEKDAYS.update(dict.fromkeys(_full.split(), _number))
    ABBREVIATIONS.update(dict.fromkeys(_short.split(), _number))
RELATIVE: dict[str, int] = {
    "today": 0, "tonight": 0, "this evening": 0, "this morning": 0,
    "yesterday": -1, "last night": -1, "yesterday evening": -1,
    "heute": 0, "heute abend": 0, "gestern": -1, "gestern abend": -1, "letzte nacht": -1,
    "aujourd'hui": 0, "ce soir": 0, "hier soir": -1, "d'hier": -1,
    "hoy": 0, "esta noche": 0, "ayer": -1, "anoche": -1,
    "vandaag": 0, "vanavond": 0, "gisteren": -1, "gisteravond": -1,
}  # fmt: skip
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier janv enero ene januari",
        "february feb februar fevrier fevr febrero februari",
        "march mar marz maerz mars marzo maart mrt",
        "april apr avril avr abril abr",
        "may mai mayo mei",
        "june jun juni juin junio",
        "july jul juli juillet juil julio",
        "august aug aout agosto ago augustus",
        "september sep sept septembre septiembre setiembre",
        "october oct oktober okt octobre octubre",
        "november nov novembre noviembre",
        "december dec dezember dez decembre diciembre dic",
    ],
    start=1,
):
    MONTHS.update(dict.fromkeys(_names.split(), _number))

_WORD = r"[a-z']+"
_ORDINAL = r"(?:st|nd|rd|th|er|e|\.)?"
ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})(?!\d))?")
DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}}){_ORDINAL}\s+(?:de\s+|of\s+)?({_WORD})(?:\s+(\d{{4}}))?")
MONTH_DAY = re.compile(rf"\b({_WORD})\.?\s+(\d{{1,2}}){_ORDINAL}(?!\d)(?:,?\s+(\d{{4}}))?")
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(_WORD)
_PAIR_FIRSTS = frozenset(phrase.split()[0] for phrase in RELATIVE if " " in phrase)  # "last" of "last night"


@dataclass(frozen=True)
class DayName:
    """How a day was named: a weekday (0 = Monday), days back from arrival, or a date."""

    kind: str  # "weekday", "offset" or "date"
    value: int = 0  # the weekday, or the offset in days
    month: int = 0
    day: int = 0
    year: int | None = None

    def spec(self) -> str:
        """A short text form, kept with an entry until its arrival date is known."""
        if self.kind == "date":
            return f"date:{self.year or ''}:{self.month}:{self.day}"
        return f"{self.kind}:{self.value}"

    @classmethod
    def from_spec(cls, spec: str) -> DayName | None:
        parts = spec.split(":")
        try:
            if parts[0] == "date" and len(parts) == 4:
                year = int(parts[1]) if parts[1] else None
                return cls("date", 0, int(parts[2]), int(parts[3]), year)
            if parts[0] in ("weekday", "offset") and len(parts) == 2:
                return cls(parts[0], int(parts[1]))
        except ValueError:
            return None
        return None


def fold(text: str) -> str:
    """Lower case without accents, and one kind of apostrophe: "Miércoles" -> "miercoles"."""
    if text.isascii():  # nothing to decompose or unify: most lines
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def find_day(line: str, heading: bool = False) -> DayName | None:
    """The first day ``line`` names, if any. ``heading``: the line heads a section, so
    two-letter weekday abbreviations count too."""
    text = fold(line)[:300]
    return find_folded_day(text, words_of(text), heading)


def words_of(folded: str) -> list[str]:
    """The words of a folded text, a possessive "'s" taken off ("sunday's" is "sunday")."""
    words = _WORDS.findall(folded)
    return [w.removesuffix("'s") for w in words] if "'s" in folded else words


def find_folded_day(text: str, words: list[str], heading: bool = False) -> DayName | None:
    """``find_day`` of a text already folded (and cut to 300 characters), whose ``words_of`` are ``words``."""
    found: list[tuple[int, DayName]] = []
    dates = ((ISO, _iso), (NUMERIC, _numeric), (DAY_MONTH, _day_month), (MONTH_DAY, _month_day))
    for pattern, make in dates if _DIGIT.search(text) else ():  # every date has a digit
        for match in pattern.finditer(text):
            name = make(match)
            if name is not None:
                found.append((match.start(), name))
                break
    if found:  # a date is the most precise: "Sunday, 1 March" is the 1st of March
        return min(found, key=lambda pair: pair[0])[1]
    for i, word in enumerate(words):
        pair = f"{word} {words[i + 1]}" if word in _PAIR_FIRSTS and i + 1 < len(words) else ""
        if pair in RELATIVE:
            return DayName("offset", RELATIVE[pair])
        if word in RELATIVE:
            return DayName("offset", RELATIVE[word])
        if word in WEEKDAYS:
            return DayName("weekday", WEEKDAYS[word])
        if heading and i == 0 and word in ABBREVIATIONS:
            return DayName("weekday", ABBREVIATIONS[word])
    return None


def resolve(name: DayName, arrived: date) -> date | None:
    """The calendar date ``name`` means for a mail that arrived on the local day ``arrived``."""
    if name.kind == "offset":
        return arrived + timedelta(days=name.value)
    if name.kind == "weekday":
        return arrived - timedelta(days=(arrived.weekday() - name.value) % 7)
    years = [name.year] if name.year else [arrived.year + 1, arrived.year, arrived.year - 1]
    for year in years:
        try:
            day = date(year, name.month, name.day)
        except ValueError:
            continue
        if name.year or day <= arrived + timedelta(days=1):
            return day
    return None


def _iso(match: re.Match[str]) -> DayName | None:
    return _date(int(match.group(3)), int(match.group(2)), int(match.group(1)))


def _numeric(match: re.Match[str]) -> DayName | None:
    year = match.group(3)
    full = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return _date(int(match.group(1)), int(match.group(2)), full)


def _day_month(match: re.Match[str]) -> DayName | None:
    month = MONTHS.get(match.group(2))
    year = int(match.group(3)) if match.group(3) else None
    return _date(int(match.group(1)), month, year) if month else None


def _month_day(match: re.Match[str]) -> DayName | None:
    month = MONTHS.get(match.group(1))
    year = int(match.group(3)) if match.group(3) else None
    return _date(int(match.group(2)), month, year) if month else None


def _date(day: int, month: int, year: int | None) -> DayName | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return DayName("date", 0, month, day, year)
