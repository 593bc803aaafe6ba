"""The homework block: a few "Key: value" lines at the top of a mail the therapist writes to a client.

    Homework: mood log
    Due: daily at 21:00 until 14 December

Pure: ``block_lines`` finds the block in a mail's text; ``read_block`` turns it into a
``HomeworkRequest`` (everything ``mailbot assign`` takes) or into the problems to fix, one
sentence each. Times are read in the therapist's time zone at ``now``. The format, with its
synonyms and defaults, is documented in docs/mail-commands.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.core.due_line import read_due

KEYS = {
    "homework": ("homework", "assignment", "task", "exercise", "hausaufgabe", "hw"),
    "title": ("title", "name", "called"),
    "type": ("type", "kind"),
    "due": ("due", "when", "deadline", "by", "schedule", "repeat", "how often", "frequency"),
    "until": ("until", "till", "ends", "end", "last day", "through"),
    "count": ("times", "count", "occurrences", "how many times"),
    "reading": ("reading", "read", "book", "chapter", "text", "link"),
    "questions": ("questions", "question", "reflect on", "reflection", "q"),
    "steps": ("steps", "step", "ladder", "hierarchy", "fear ladder"),
    "belief": ("belief", "challenge"),
    "thought": ("thought", "prediction", "test"),
    "rationale": ("why", "rationale", "reason", "purpose", "because"),
    "obstacles": ("obstacles", "obstacle", "if it gets hard", "backup", "backup plan", "plan b", "barriers"),
    "good_things": ("good things", "three good things"),
    "stage": ("stage",),
    "instructions": ("instructions", "how"),
}
KEY_OF = {name: key for key, names in KEYS.items() for name in names}
LIST_KEYS = ("questions", "steps")
TYPE_WORDS = {
    "mood-log": (
        "mood log",
        "mood-log",
        "mood diary",
        "mood journal",
        "mood record",
        "thought record",
        "mood",
    ),
    "bibliotherapy": ("bibliotherapy", "reading", "book"),
    "cognitive-exercise": ("cognitive exercise", "cognitive-exercise", "two chairs", "dialogue"),
    "journal": ("journal", "diary", "three good things", "gratitude", "good things"),
    "exposure": ("exposure", "ladder", "graded exposure"),
    "experiment": ("behavioural experiment", "behavioral experiment", "experiment"),
    "custom": ("custom",),
}
_TYPE_WORDS_LONGEST_FIRST = sorted(
    ((word, type_) for type_, words in TYPE_WORDS.items() for word in words), key=lambda p: -len(p[0])
)
TYPE_OF_KEY = {
    "reading": "bibliotherapy",
    "questions": "bibliotherapy",
    "steps": "exposure",
    "belief": "cognitive-exercise",
    "thought": "experiment",
    "good_things": "journal",
    "stage": "mood-log",
}
DAILY_DEFAULT = "daily at 21:00"  # the due of a mood log or journal without a Due line
ONE_OFF_DEFAULT = "in a week"  # of any other homework: by the next weekly session
MAX_BLOCK_LINES = 40

_LINE = re.compile(r"^[\s*_>•-]*([^\W\d][\w' /-]{0,30}?)[\s*_]*[:=]\s*(.*?)[\s*_]*$")
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|hallo|liebe|lieber|guten\s+tag|bonjour)"
    r"\b[^:]{0,50}$",
    re.I,
)
_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+(.+?)\s*$")
_STEP = re.compile(r"^(.*?)[\s:,(\[–-]*(?:suds\s*)?(\d{1,3})(?:\s*/\s*100)?[)\]]?\s*$", re.I)


@dataclass(frozen=True)
class HomeworkRequest:
    """What the block asks for: the arguments of ``mailbot assign``."""

    type: str
    title: str
    first_due: datetime  # aware, UTC
    repeat: str | None
    until: date | None
    count: int | None
    details: Mapping[str, Any] = field(default_factory=dict)
    instructions: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "title": self.title,
            "first_due": self.first_due.isoformat(),
            "repeat": self.repeat,
            "until": self.until.isoformat() if self.until else None,
            "count": self.count,
            "details": dict(self.details),
            "instructions": self.instructions,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HomeworkRequest:
        return cls(
            type=data["type"],
            title=data["title"],
            first_due=datetime.fromisoformat(data["first_due"]),
            repeat=data["repeat"],
            until=date.fromisoformat(data["until"]) if data["until"] else None,
            count=data["count"],
            details=data["details"],
            instructions=data.get("instructions", ""),
        )


def block_lines(text: str) -> list[str] | None:
    """The block's lines when ``text`` starts with one (its first line names the homework; a
    short greeting such as "Hi Anna," may come before it)."""
    lines = text.lstrip("\ufeff").splitlines()
    start = _block_start(lines)
    if start is None:
        return None
    block: list[str] = []
    for line in lines[start : start + MAX_BLOCK_LINES]:
        if not line.strip():
            block.append("")
            continue
        if _key(line) or _ITEM.match(line) or _near_key(line):
            block.append(line)
            continue
        break
    while block and not block[-1]:
        block.pop()
    return block


def _block_start(lines: Sequence[str]) -> int | None:
    """Where the block starts: the first line, or the one after a greeting."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:2]
    if filled and _key(lines[filled[0]]) == "homework":
        return filled[0]
    if (
        len(filled) == 2
        and _GREETING.match(lines[filled[0]].strip())
        and _key(lines[filled[1]]) == "homework"
    ):
        return filled[1]
    return None


def _key(line: str) -> str | None:
    match = _LINE.match(line)
    return KEY_OF.get(" ".join(match.group(1).lower().split())) if match else None


def _near_key(line: str) -> str | None:
    """A misspelt key ("Deu:", "Untill:"): the key it is close to, so the block can say so."""
    match = _LINE.match(line)
    if not match or " " in match.group(1).strip():
        return None
    close = difflib.get_close_matches(match.group(1).lower(), list(KEY_OF), n=1, cutoff=0.6)
    return close[0] if close else None


def block_rest(text: str, block: Sequence[str]) -> str:
    """The mail's words after the block: kept as the assignment's instructions."""
    lines = text.lstrip("\ufeff").splitlines()
    start = _block_start(lines) or 0
    return "\n".join(lines[start + len(block) :]).strip()


def read_block(lines: Sequence[str], now: datetime, tz: ZoneInfo) -> HomeworkRequest | list[str]:
    """The request the block makes at ``now``, or what to fix (one sentence per problem)."""
    values, problems = _values(lines)
    homework = " ".join(" ".join(values.pop("homework", [])).split())
    if not homework:
        problems.append('The "Homework:" line is empty; name the homework, e.g. "Homework: mood log".')
    type_, title = _type_and_title(homework, values)
    details, detail_problems = _details(type_, title, values)
    problems += detail_problems
    due_text = _one(values, "due") or (DAILY_DEFAULT if type_ in ("mood-log", "journal") else ONE_OFF_DEFAULT)
    due = read_due(due_text, now.astimezone(tz), _one(values, "until"), _one(values, "count"))
    if isinstance(due, str):
        problems.append(due)
    if problems or isinstance(due, str):
        return problems
    first_due, repeat, until, count = due
    return HomeworkRequest(
        type=type_,
        title=title[:300],
        first_due=first_due,
        repeat=repeat,
        until=until,
        count=count,
        details=details,
        instructions=" ".join(values.get("instructions", [])),
    )


def _values(lines: Sequence[str]) -> tuple[dict[str, list[str]], list[str]]:
    values: dict[str, list[str]] = {}
    problems: list[str] = []
    current = None
    for line in lines:
        if not line.strip():
            continue
        key = _key(line)
        match = _LINE.match(line)
        if key and match:
            current = key
            values.setdefault(key, [])
            if match.group(2).strip():
                values[key].append(match.group(2).strip())
        elif (item := _ITEM.match(line)) and current in LIST_KEYS:
            values[current].append(item.group(1))
        elif near := _near_key(line):
            problems.append(
                f'"{line.strip()[:60]}" is not a line mailbot knows; did you mean "{near.capitalize()}:"?'
            )
        else:
            problems.append(f'"{line.strip()[:60]}" is not a "Key: value" line mailbot knows.')
    return values, problems


def _one(values: Mapping[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return " ".join(found) if found else None


def type_named(words: str) -> str | None:
    """The homework type a few words name ("mood log", "Exposure ladder"), or None."""
    lowered = " " + " ".join(re.findall(r"[\w-]+", words.lower())) + " "
    for word, type_ in _TYPE_WORDS_LONGEST_FIRST:
        if f" {word} " in lowered:
            return type_
    return None


def _type_and_title(homework: str, values: Mapping[str, list[str]]) -> tuple[str, str]:
    parts = re.split(r"\s*(?::|\s[-–—]\s)\s*", homework, maxsplit=1)
    kind_text = parts[0]
    named_title = parts[1] if len(parts) > 1 else ""
    type_ = type_named(_one(values, "type") or "") or type_named(kind_text)
    if type_ is None:
        implied = {TYPE_OF_KEY[key] for key in values if key in TYPE_OF_KEY}
        type_ = implied.pop() if len(implied) == 1 else "custom"
    title = _one(values, "title") or named_title or homework
    return type_, title[:1].upper() + title[1:]


def _details(type_: str, title: str, values: Mapping[str, list[str]]) -> tuple[dict[str, Any], list[str]]:
    details: dict[str, Any] = {
        "rationale": _one(values, "rationale") or "",
        "obstacles": _one(values, "obstacles") or "",
    }
    problems = [
        f'"{key.replace("_", " ").capitalize()}:" belongs to a {owner} homework, not to a {type_}; '
        f'write "Homework: {owner}" or leave the line out.'
        for key, owner in TYPE_OF_KEY.items()
        if key in values and owner != type_
    ]
    if type_ == "bibliotherapy":
        reading = _one(values, "reading") or (title if type_named(title) is None else "")
        if not reading:
            problems.append('A reading needs a "Reading:" line: the book, chapter, pages or link.')
        details.update(reading=reading, questions=_questions(values.get("questions", [])))
    elif type_ == "mood-log":
        stage = _one(values, "stage") or "1"
        if stage.strip() not in ("1", "2"):
            problems.append(f'"Stage: {stage}" should be 1 or 2.')
        details["stage"] = 2 if stage.strip() == "2" else 1
    elif type_ == "exposure":
        steps, problem = read_steps(values.get("steps", []))
        if problem:
            problems.append(problem)
        details.update(steps=steps, current=0, history=[])
    elif type_ == "cognitive-exercise" and _one(values, "belief"):
        details["belief"] = _one(values, "belief")
    elif type_ == "experiment" and _one(values, "thought"):
        details["thought"] = _one(values, "thought")
    elif type_ == "journal":
        said = (_one(values, "good_things") or "").strip().lower()
        details["good_things"] = (
            said in ("yes", "y", "true", "on", "ja", "3") or "good things" in title.lower()
        )
    return details, problems


def _questions(found: Sequence[str]) -> list[str]:
    questions: list[str] = []
    for value in found:
        parts = [p.strip() for p in re.split(r"(?<=\?)\s+|\s*;\s*", value) if p.strip()]
        questions.extend(parts)
    return questions


def read_steps(found: Sequence[str]) -> tuple[list[dict[str, Any]], str | None]:
    """An exposure ladder from "step 30; step 60" or list lines, each ending in its SUDS (0-100)."""
    steps: list[dict[str, Any]] = []
    for value in found:
        for part in filter(None, (p.strip() for p in value.split(";"))):
            match = _STEP.match(part)
            if not match or not match.group(1).strip() or int(match.group(2)) > 100:
                return [], (
                    f'The step "{part[:60]}" needs its SUDS from 0 to 100 at the end, '
                    'e.g. "Steps: look at a photo of a dog 30; stand near a dog 60".'
                )
            steps.append({"step": match.group(1).strip(), "suds": int(match.group(2))})
    if not steps:
        return (
            [],
            'An exposure ladder needs its steps: "Steps: look at a photo of a dog 30; stand near a dog 60".',
        )
    return steps, None
