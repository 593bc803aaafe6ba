"""Reading a client's answer into blocks of labelled values: the extraction every homework type shares.

A type hands in its form fields; :func:`read_blocks` hands back one :class:`Block` per entry the
client wrote. It understands "Label: value" lines (any label or alias, any case, with bullets,
numbering, markdown emphasis, a hint in brackets, and ":", "-", "=", "|" or a tab after it), values
that run over several lines, pasted tables (a header row of labels and a row per entry, or one row
per label and a column per entry) and entry headings ("Entry 2", "Monday:", "Day 3", "3 June 2024").
A label that repeats starts a new entry. Mail leftovers are ignored for fields: ">" quotes, an
Outlook "From:/Sent:/Subject:" block and what follows it, "Sent from my phone", a "-- " signature,
and the chatter around the answers (chatter.py: greetings, "here is my homework", apologies,
sign-offs and names). Values are cut out of the client's text, never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from mailbot.core.homework import FormField
from mailbot.core.homework.chatter import drop_chatter
from mailbot.core.homework.labels import Labels, labels_of
from mailbot.core.homework.ratings import find_rating, parse_rating

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}})"
    rf"|{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+{_DAY_NUMBER}(?:,?\s+\d{{4}})?)"
)
DAY_LABEL = (
    rf"(?:{_WEEKDAY}(?:,?\s+(?:the\s+)?{DATE})?|{DATE}|today|yesterday|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening)|day\s*\#?\s*\d{1,3})"
)
_NUMBERED = (
    r"(?:entry|row|record|log|attempt|session|practice|round|trial|report|journal\s+entry"
    r"|thought\s+record|mood\s+log|exposure|experiment|no\.?|number|\#)\s*\#?\s*\d{1,3}"
)
_HEADING = re.compile(
    rf"^\s*+(?:\#{{1,6}}\s*+)?[*_]{{0,2}}\s*+(?P<h>(?:{DAY_LABEL}|{_NUMBERED})(?:\s*+\([^)\n]{{0,30}}\))?)"
    rf"\s*+[*_]{{0,2}}\s*+(?:[:.\-–—]?\s*+[*_]{{0,2}}\s*+$|(?::|[-–—](?=\s)|(?<=\s)[-–—])\s*+[*_]{{0,2}}\s*+"
    rf"(?P<rest>\S.*)$)",
    re.I,
)
_DATE_LINE = re.compile(r"^\s*+[*_]{0,2}(?:date|day|when)[*_]{0,2}\s*+:\s*+[*_]{0,2}\s*+(?P<h>\S.*)$", re.I)
_HEADING_COLUMN = re.compile(r"^[*_]{0,2}(?:date|day|when|time|\#|no\.?|entry|row)[*_]{0,2}:?$", re.I)
_TABLE_RULE = re.compile(r"^:?-{2,}:?$")
_FROM = re.compile(r"^\s*[*_]{0,2}(?:from|von|de|van)[*_]{0,2}\s*:", re.I)
_SENT = re.compile(r"^\s*[*_]{0,2}(?:sent|date|to|subject|cc|gesendet|betreff|envoyé)[*_]{0,2}\s*:", re.I)
_CUT = re.compile(
    r"^\s*(?:-{2,}\s*(?:original\s+message|forwarded\s+message)\s*-{2,}|_{10,}"
    r"|begin\s+forwarded\s+message\s*:)\s*$",
    re.I,
)
_ATTRIBUTION = re.compile(r"^\s*on\s.{4,200}\swrote\s?:\s*$", re.I)
_MOBILE = re.compile(r"^\s*(?:sent\s+from\s+(?:my\s+)?\S.{0,40}|get\s+outlook\s+for\s+\w+)\s*$", re.I)
_SUBJECT = re.compile(r"^\s*(?:subject|betreff)\s*:", re.I)
# How every line _CUT, _FROM, _ATTRIBUTION, _MOBILE or _SUBJECT matches begins: a line that
# does not (most lines) is none of those leftovers.
_LEFTOVER = re.compile(r"\s*(?:[-_*]|on\s|sent|get|subject|betreff|from|von|de|van|begin)", re.I)
_DIGIT_OR_AT = re.compile(r"\d|@")


@dataclass(frozen=True)
class Item:
    """One labelled value: ``number`` is what followed the label ("3" in "Step 3: ...")."""

    key: str
    value: str
    number: str | None = None


@dataclass
class Block:
    """One entry as the client wrote it: its heading, labelled values, and unlabelled words."""

    heading: str | None = None
    items: list[Item] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)  # runs of unlabelled lines, each as written

    def get(self, key: str) -> str | None:
        """Return the first value given for ``key``, or None."""
        for item in self.items:
            if item.key == key:
                return item.value
        return None

    def values(self, key: str) -> list[str]:
        """Return every value given for ``key`` (repeatable keys), in order."""
        return [item.value for item in self.items if item.key == key]

    def rating(self, key: str) -> int | None:
        """Return the first rating written for ``key`` ("80%", "about 8/10", "Intensity 80"), or None."""
        for item in self.items:
            if item.key == key:
                found = parse_rating(item.value) if item.value else None
                located = find_rating(item.value) if found is None else None
                return found if found is not None else (located[0] if located else None)
        return None

    def paragraphs(self) -> list[str]:
        """Return the unlabelled words as paragraphs (split at blank lines)."""
        return [p.strip() for chunk in self.prose for p in re.split(r"\n\s*\n", chunk) if p.strip()]


def read_blocks(
    text: str,
    fields: Iterable[FormField],
    repeatable: Collection[str] = (),
    rated: Collection[str] = (),
    short: Collection[str] = (),
) -> list[Block]:
    """Return the entries in ``text``, in order, as Blocks (those with no value and no words dropped).

    A key in ``repeatable`` may appear many times in one entry (its values are kept in order);
    any other key that appears again starts a new entry. A key in ``rated`` holds a rating, so
    "Intensity 80" is its value rather than a numbered label. The value of a rated key or of a
    key in ``short`` ends at a blank line; any other value runs on to the next label or heading.
    """
    labels = labels_of(fields, rated)
    reader = _Reader(labels, frozenset(repeatable), frozenset(rated) | frozenset(short))
    lines = clean_lines(text, labels)
    index = 0
    while index < len(lines):
        index = reader.feed(lines, index)
    reader.close_block()
    return [block for block in reader.blocks if block.items or block.paragraphs()]


def strip_leftovers(text: str) -> str:
    """Return ``text`` without mail leftovers (quotes, Outlook header block, signatures), lines as written."""
    kept = ["" if line is None else line for line in clean_lines(text, labels_of((), ()), chatter=False)]
    return re.sub(r"\n\s*\n(?:\s*\n)*", "\n\n", "\n".join(kept)).strip()


def clean_lines(text: str, labels: Labels, chatter: bool = True) -> list[str | None]:
    """Return the lines of ``text`` with leftovers replaced by None (which ends any value).

    A quoted line that is only a form label (an inline reply under the form's question) is
    kept, unquoted, so the client's answer below it is filed under it. With ``chatter`` a
    greeting, a "here is my homework" line and a sign-off count as leftovers too.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[str | None] = list(raw)
    quoted = [line.lstrip().startswith(">") for line in raw] if ">" in text else [False] * len(raw)
    suspect = [_LEFTOVER.match(line) is not None for line in raw]
    cut = next((i for i in range(len(raw)) if suspect[i] and _starts_old_mail(raw, quoted, i)), len(raw))
    dash = next((i for i in range(cut) if raw[i].rstrip() == "--"), None) if "--" in text else None
    if dash is not None and sum(1 for line in raw[dash + 1 : cut] if line.strip()) <= 10:
        cut = dash
    lines[cut:] = [None] * (len(raw) - cut)
    for i in (i for i in range(cut) if suspect[i] or quoted[i]):  # the few lines that may be leftovers
        if suspect[i] and _leftover(raw[i]):
            lines[i] = None
        elif quoted[i]:
            unquoted = raw[i].lstrip().lstrip("> \t")
            lines[i] = unquoted.strip() if unquoted.strip() and labels.alone(unquoted) else None
    if chatter:
        drop_chatter(lines)
    return lines


def _leftover(line: str) -> bool:
    """A phone's signature, a quoted subject line or an attribution ("On 3 May, Dr Lee wrote:")."""
    attribution = _ATTRIBUTION.match(line) and _DIGIT_OR_AT.search(line)
    return bool(_MOBILE.match(line) or _SUBJECT.match(line) or attribution)


def _starts_old_mail(raw: list[str], quoted: list[bool], index: int) -> bool:
    line = raw[index]
    if _CUT.match(line):
        return True
    if _FROM.match(line):
        window = raw[index + 1 : index + 8]
        return sum(1 for other in window if _SENT.match(other)) >= 2
    if _ATTRIBUTION.match(line) and _DIGIT_OR_AT.search(line):
        return not any(quoted[index + 1 :])
    return False


def cells(line: str) -> list[str] | None:
    """Return the cells of a table row ("a | b", "| a | b |", "a<TAB>b"), or None for other lines."""
    if "|" not in line and "\t" not in line:
        return None  # a row has a bar or a tab: most lines have neither
    stripped = line.strip(" \n")
    if "\t" in stripped.strip():
        parts = stripped.split("\t")
    elif (stripped := stripped.strip()).startswith("|") or " | " in stripped or stripped.count("|") >= 2:
        parts = stripped.strip("|").split("|")
    else:
        return None
    parts = [part.strip() for part in parts]
    return parts if len(parts) >= 2 else None


def heading(line: str) -> tuple[str, str] | None:
    """Return (heading, the rest of the line) when ``line`` opens a new entry, else None."""
    found = _HEADING.match(line) or (_DATE_LINE.match(line) if ":" in line else None)
    if not found:
        return None
    rest = found.groupdict().get("rest") or ""
    return found.group("h").strip(), rest.strip()


class _Reader:
    def __init__(self, labels: Labels, repeatable: frozenset[str], short: frozenset[str]) -> None:
        self.labels, self.repeatable, self.short = labels, repeatable, short
        self.blocks: list[Block] = []
        self.block = Block()
        self.given: set[str] = set()  # the keys of self.block's items (start_value asks of every label)
        self.key: str | None = None
        self.number: str | None = None
        self.value: list[str] = []
        self.prose: list[str] = []
        self.columns: list[str | None] | None = None

    def feed(self, lines: list[str | None], index: int) -> int:
        line = lines[index]
        if line is None:
            if not (self.key and not "".join(self.value).strip()):  # a label's hint may be quoted below it
                self.close_value()
            self.columns = None
            return index + 1
        row = cells(line)
        new_header = row is not None and sum(1 for cell in row if self.labels.alone(cell)) >= 2
        if self.columns is not None and not new_header and (row is not None or not line.strip()):
            if row is not None and not all(_TABLE_RULE.match(cell) or not cell for cell in row):
                self.add_row(row)
            return index + 1
        self.columns = None
        if row is not None:
            handled = self.feed_row(lines, index, row)
            if handled:
                return handled
        self.feed_line(line)
        return index + 1

    def feed_row(self, lines: list[str | None], index: int, row: list[str]) -> int:
        keys = [self.labels.alone(cell) for cell in row]
        if sum(1 for key in keys if key) >= 2:
            self.close_block()
            self.columns = [
                key or ("heading" if _HEADING_COLUMN.match(cell) else None)
                for key, cell in zip(keys, row, strict=True)
            ]
            return index + 1
        if keys[0] and len(row) == 2:
            self.start_value(keys[0], row[1], None)
            return index + 1
        if len(row) < 3:
            return 0
        if keys[0]:
            return self.add_transposed(lines, index, None)
        following = cells(lines[index + 1] or "") if index + 1 < len(lines) else None
        if following and len(following) == len(row) and self.labels.alone(following[0]):
            return self.add_transposed(lines, index + 1, row[1:])
        return 0

    def add_row(self, row: list[str]) -> None:
        self.close_block()
        assert self.columns is not None
        for key, cell in zip(self.columns, row, strict=False):
            if key == "heading" and cell:
                self.block.heading = cell
            elif key and cell:
                self.block.items.append(Item(key, cell))
        self.close_block()

    def add_transposed(self, lines: list[str | None], index: int, headings: list[str] | None) -> int:
        self.close_block()
        width = len(cells(lines[index] or "") or [])
        columns = [Block(heading=(headings[i] or None) if headings else None) for i in range(width - 1)]
        while index < len(lines):
            row = cells(lines[index] or "")
            key = self.labels.alone(row[0]) if row and len(row) == width else None
            if not key or not row:
                break
            for block, cell in zip(columns, row[1:], strict=True):
                if cell:
                    block.items.append(Item(key, cell))
            index += 1
        self.blocks.extend(columns)
        return index

    def feed_line(self, line: str) -> None:
        labelled = self.labels.match(line)
        if labelled and labelled[1] and not self.awaiting():  # no heading can matter: most labelled lines
            self.start_value(*labelled)
            return
        opened = heading(line)
        if opened and opened[1] and self.awaiting():
            self.block.heading = opened[0]  # "Situation:" then "Sat 8 June: the wedding"
            self.value.append(opened[1])
        elif opened and not (labelled and labelled[1]):
            self.close_block()
            self.block.heading = opened[0]
            if opened[1]:
                self.feed_line(opened[1])
        elif labelled:
            self.start_value(*labelled)
        elif self.key in self.short and not line.strip() and "".join(self.value).strip():
            self.close_value()
        else:
            (self.value if self.key else self.prose).append(line.strip())

    def awaiting(self) -> bool:
        """A label was given and nothing under it yet, in an entry without a heading."""
        return bool(self.key) and not "".join(self.value).strip() and not self.block.heading

    def start_value(self, key: str, value: str, number: str | None) -> None:
        self.close_value()
        if key in self.given and key not in self.repeatable:
            self.close_block()
        self.key, self.number, self.value = key, number, [value]

    def close_value(self) -> None:
        if self.key:
            value = "\n".join(self.value).strip()
            if value or self.number:
                self.block.items.append(Item(self.key, value, self.number))
                self.given.add(self.key)
        elif "".join(self.prose).strip():
            self.block.prose.append("\n".join(self.prose).strip())
        self.key, self.number, self.value, self.prose = None, None, [], []

    def close_block(self) -> None:
        self.close_value()
        if self.block.items or self.block.prose or self.block.heading:
            self.blocks.append(self.block)
        self.block = Block()
        self.given = set()
