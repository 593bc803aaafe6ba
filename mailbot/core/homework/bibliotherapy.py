"""Bibliotherapy (``bibliotherapy``): read something, then answer two or three reflection questions.

Details: ``details["reading"]`` (what to read) and ``details["questions"]`` (2-3 questions).
Entry keys: ``reading`` (what the client says they read, when they say it: "Reading: chapter 3",
"I read chapter 3 of Feeling Good"), ``answers`` (a list of {"question": the question text or
None, "answer": str} in question order) and ``reflection`` (the client's unlabelled words). An
answer is found under "Answer 1", "Q1", "Question 1", a bare "1." or "1)", or under the question
itself, copied or quoted ("> What surprised you?"); a copy of the question at the start of the
answer is left out of it. The question is None for an answer with no question in the details.
Answers given as paragraphs without numbers or questions are matched where that is no guess:
with one question it takes them all; as many paragraphs as questions answer them in order;
otherwise a paragraph answers the question whose words it shares most, and ties stay
unmatched. The paragraphs are the reflection too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import Block, read_blocks
from mailbot.core.homework.prose import at_least_one, clean_value

_NUMBER_WORDS = ("one", "two", "three")
READING = FormField(
    "reading",
    "What I read",
    aliases=(
        "reading",
        "read",
        "what did you read",
        "what you read",
        "book",
        "chapter",
        "article",
        "the reading",
        "source",
        "text",
    ),
)
REFLECTION = FormField(
    "reflection",
    "Reflection",
    aliases=(
        "reflections",
        "my reflection",
        "my thoughts",
        "thoughts",
        "general thoughts",
        "comments",
        "notes",
        "what I thought",
    ),
)
_READ_CUE = re.compile(
    r"(?:^|(?<=[.!?\n]))[ \t]*+(?:so\s+)?I(?:['’]ve|\s+have)?\s+(?:(?:finally|just)\s+)?"
    r"(?:read|finished(?:\s+reading)?|got\s+through|listened\s+to|watched)\s+"
    r"(?!it\b|this\b|that\b|them\b|the\s+(?:chapter|book|text|article|reading|pages)\b(?!\s+\d))(?P<what>[^\n]+)",
    re.I,
)
_CLAUSE_END = re.compile(r"(?<=[^.\s]{2})[.!?](?=\s|$)|,\s+(?:and|but|which|it|I|so)\b|\s+and\s+(?:I|it)\b")


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return the form: what was read, then one answer per question in ``details["questions"]``."""
    return (READING, *_answer_fields(_questions(details)))


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return the client's answers, one entry per reading reported (see the module docstring)."""
    questions = _questions(details)
    form = (READING, REFLECTION, *_answer_fields(questions, at_least=3))
    return at_least_one(
        text, [_entry(block, questions) for block in read_blocks(text, form, short=("reading",))]
    )


def _questions(details: Mapping[str, Any]) -> list[str]:
    questions = details.get("questions") or []
    return [str(q).strip() for q in questions if str(q).strip()][:3] if isinstance(questions, list) else []


def _answer_fields(questions: list[str], at_least: int = 0) -> list[FormField]:
    answers = []
    for n in range(max(len(questions), at_least)):
        number = str(n + 1)
        names = (
            f"Question {number}",
            f"Q{number}",
            f"Q {number}",
            f"Q.{number}",
            f"A{number}",
            number,
            f"Question {_NUMBER_WORDS[n]}",
            f"Answer {_NUMBER_WORDS[n]}",
        )
        question = questions[n] if n < len(questions) else ""
        answers.append(
            FormField(
                f"answers.{n}", f"Answer {number}", hint="", aliases=(question, *names) if question else names
            )
        )
    return answers


def _entry(block: Block, questions: list[str]) -> Entry:
    entry: Entry = {}
    prose = "\n\n".join(block.prose).strip()
    reading = block.get("reading") or _reading(prose)
    if reading:
        entry["reading"] = reading
    answers = []
    for n in range(3):
        question = questions[n] if n < len(questions) else None
        for value in block.values(f"answers.{n}"):
            answer = _without_question(value, question)
            if answer:
                answers.append({"question": question, "answer": answer})
    if not answers and not block.get("reflection"):
        answers = _answers_from_prose(block.paragraphs(), questions)
    if answers:
        entry["answers"] = answers
    reflection = block.get("reflection") or prose
    if reflection:
        entry["reflection"] = reflection
    return entry


def _answers_from_prose(paragraphs: list[str], questions: list[str]) -> list[dict[str, Any]]:
    """Answers given as paragraphs, matched to the questions where that is no guess: one
    question takes all of it; as many paragraphs as questions answer them in order; else a
    paragraph answers the one question whose words it shares most (ties stay unmatched)."""
    paragraphs = [p for p in paragraphs if not _only_reading(p)]
    if not paragraphs or not questions:
        return []
    if len(questions) == 1:
        return [{"question": questions[0], "answer": "\n\n".join(paragraphs)}]
    if len(paragraphs) == len(questions):
        return [{"question": q, "answer": p} for q, p in zip(questions, paragraphs, strict=True)]
    matched: dict[int, list[str]] = {}
    for paragraph in paragraphs:
        scores = [len(_stems(paragraph) & _stems(question)) for question in questions]
        best = max(scores)
        if best and scores.count(best) == 1:
            matched.setdefault(scores.index(best), []).append(paragraph)
    return [{"question": questions[n], "answer": "\n\n".join(matched[n])} for n in sorted(matched)]


def _only_reading(paragraph: str) -> bool:
    """A paragraph that only says what was read ("I read chapter 3.") answers no question."""
    found = _READ_CUE.search(paragraph)
    return bool(found) and len(re.findall(r"[.!?](?:\s|$)", paragraph.strip() + " ")) <= 1


def _stems(text: str) -> set[str]:
    """The content words of ``text``, cut to five letters so "surprised" meets "surprising"."""
    return {word[:5] for word in re.findall(r"[a-zà-ÿ']{4,}", text.lower()) if word not in _STOPWORDS}


_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "what",
        "when",
        "where",
        "which",
        "with",
        "would",
        "could",
        "should",
        "about",
        "your",
        "yours",
        "have",
        "from",
        "they",
        "them",
        "their",
        "there",
        "were",
        "been",
        "into",
        "more",
        "most",
        "much",
        "some",
        "such",
        "than",
        "then",
        "very",
        "just",
        "also",
        "does",
        "did",
        "read",
        "reading",
        "chapter",
        "book",
    ]
)


def _reading(prose: str) -> str | None:
    """Return what the client says they read ("I read chapter 3 of Feeling Good."), or None."""
    found = _READ_CUE.search(prose)
    if not found:
        return None
    what = found["what"]
    end = _CLAUSE_END.search(what)
    return clean_value(what[: end.start()] if end else what) or None


def _without_question(answer: str, question: str | None) -> str:
    """Return ``answer`` without a copy of the question at its start."""
    if question:
        answer = _copied(question).sub("", answer, count=1)
    return answer.strip()


@functools.lru_cache(maxsize=64)
def _copied(question: str) -> re.Pattern[str]:
    """A copy of ``question`` at the start of an answer: built once per form's question, not per answer."""
    words = question.rstrip("?:. ").split()
    return re.compile(r"^\s*" + r"\s+".join(re.escape(word) for word in words) + r"\s*[?:.]*", re.I)


TYPE = HomeworkType(name="bibliotherapy", label="Bibliotherapy", fields=fields, parse=parse)
