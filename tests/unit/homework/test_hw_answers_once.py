"""Reading answers was made cheaper a third time (issue 20, sixth session) by doing work once that
was done again; each step is held here to the code as it was before (kept in the tests):

- forms: ``clean_lines`` looks at the lines that may be leftovers only; the reader keeps the keys
  its entry holds instead of searching the entry's items for every label; ``Block.get`` loops;
- labels: the plain labels a line's words could begin with are the longest one it begins with and
  those that one begins with;
- bibliotherapy: a question's copy expression is built once per question.

``exposure.scan_suds`` skipping text that cannot hold a rating and ``sections.heading_day`` keeping
the day of each head are held to their old versions in test_hw_answers_unchanged.py.
"""

from __future__ import annotations

import re
from typing import Any

from hw_checks import answers
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard
from support.corpora import text_lines, texts

from mailbot.core.homework import bibliotherapy, exposure, fields, journal
from mailbot.core.homework.chatter import drop_chatter
from mailbot.core.homework.labels import Labels, _words, labels_of
from mailbot.core.homework.registry import TYPES

FORMS = [
    tuple(t.fields({"questions": ["What stayed with you?"], "good_things": True})) for t in TYPES.values()
]
FORMS += [(*exposure.FORM, exposure._ALL_SUDS), (*journal.DAILY, journal.GOOD_THINGS)]  # as they parse
LABELS = [name for form in FORMS for f in form for name in (f.label, *f.aliases)]
LEFTOVERS = [
    *(
        "> ",
        ">",
        "> Situation:",
        ">> Notes:",
        "--",
        "-- ",
        "--\n",
        "\n--\n",
        "On 3 May, Dr Lee <a@b.c> wrote:",
    ),
    *("-----Original Message-----", "From: x\nSent: y\nTo: z\n", "Sent from my iPhone", "Subject: hw"),
    *("\r\n", "\r", "Hi,\n", "Thanks,\nBen", "here is my homework", "Entry 2\n", "Monday:\n", "Notes:\n"),
]
REPEATABLE = [(), ("good_things",), ("voices.compassionate", "voices.critic"), ("notes", "situation")]


def _clean_lines_as_it_was(text: str, labels: Labels, chatter: bool = True) -> list[str | None]:
    lines: list[str | None] = list(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    raw = [line or "" for line in lines]
    quoted = [line.lstrip().startswith(">") for line in raw]
    suspect = [fields._LEFTOVER.match(line) is not None for line in raw]
    cut = next(
        (i for i in range(len(raw)) if suspect[i] and fields._starts_old_mail(raw, quoted, i)), len(raw)
    )
    dash = next((i for i in range(cut) if raw[i].rstrip() == "--"), None)
    if dash is not None and sum(1 for line in raw[dash + 1 : cut] if line.strip()) <= 10:
        cut = dash
    for i in range(len(raw)):
        if i >= cut or suspect[i] and fields._leftover(raw[i]):
            lines[i] = None
        elif quoted[i]:
            unquoted = raw[i].lstrip().lstrip("> \t")
            lines[i] = unquoted.strip() if unquoted.strip() and labels.alone(unquoted) else None
    if chatter:
        drop_chatter(lines)
    return lines


def test_every_text_of_the_corpora_is_cleaned_as_before() -> None:
    labels = labels_of(FORMS[0])
    for text in texts():
        for chatter in (True, False):
            assert fields.clean_lines(text, labels, chatter) == _clean_lines_as_it_was(text, labels, chatter)


@settings(max_examples=guard(), deadline=None)
@given(st.sampled_from(FORMS), answers([*LABELS, *LEFTOVERS]), st.booleans())
def test_text_is_cleaned_as_before(form: Any, text: str, chatter: bool) -> None:
    labels = labels_of(form)
    assert fields.clean_lines(text, labels, chatter) == _clean_lines_as_it_was(text, labels, chatter)


class _ReaderAsItWas(fields._Reader):
    def start_value(self, key: str, value: str, number: str | None) -> None:
        self.close_value()
        if key not in self.repeatable and any(item.key == key for item in self.block.items):
            self.close_block()
        self.key, self.number, self.value = key, number, [value]


def _read_blocks_as_it_was(text: str, form: Any, repeatable: Any) -> list[fields.Block]:
    labels = labels_of(form)
    reader = _ReaderAsItWas(labels, frozenset(repeatable), frozenset(("step",)))
    lines = fields.clean_lines(text, labels)
    index = 0
    while index < len(lines):
        index = reader.feed(lines, index)
    reader.close_block()
    return [block for block in reader.blocks if block.items or block.paragraphs()]


@settings(max_examples=guard(), deadline=None)
@given(st.sampled_from(FORMS), answers([*LABELS, *LEFTOVERS]), st.sampled_from(REPEATABLE))
def test_entries_are_cut_where_a_label_repeats_as_before(form: Any, text: str, repeatable: Any) -> None:
    blocks = fields.read_blocks(text, form, repeatable=repeatable, short=("step",))
    assert blocks == _read_blocks_as_it_was(text, form, repeatable)
    for block in blocks:
        for key in {item.key for item in block.items} | {"nothing"}:
            assert block.get(key) == next((item.value for item in block.items if item.key == key), None)


def test_a_repeated_label_starts_a_new_entry_unless_it_repeats() -> None:
    form = (*journal.DAILY, journal.GOOD_THINGS)
    text = "Situation: bus\nThree good things: sun\nThree good things: tea\nSituation: shop"
    assert [b.values("situation") for b in fields.read_blocks(text, form)] == [["bus"], ["shop"]]
    kept = fields.read_blocks(text, form, repeatable=("good_things",))
    assert kept == _read_blocks_as_it_was(text, form, ("good_things",))
    assert kept[0].values("good_things") == ["sun", "tea"]


def _starting_at_as_it_was(labels: Labels, line: str, start: int) -> list[int]:
    """The plain labels the words at ``start`` begin with, each compared in turn (other text as is)."""
    said = line[start : start + labels._longest]
    if "\t" in said or "  " in said:
        said = " ".join(line[start:].split(None, labels._most_words)[: labels._most_words])
    if not said.isascii():
        return sorted(labels._starting_at(line, start))
    plain = [(" ".join(_words(name)).lower(), i) for i, name in enumerate(labels._names)]
    found = [i for words, i in plain if words and i not in labels._unplain and said.lower().startswith(words)]
    return sorted(found + labels._unplain)


def test_every_line_of_the_corpora_tries_the_labels_it_tried() -> None:
    every = [labels_of(form) for form in FORMS]
    suds = every[-2]
    assert [suds._names[i] for i in sorted(suds._starting_at("SUDS before: 60", 0))] == [
        "SUDS before",
        "SUDS",
    ]
    for line in text_lines():
        for labels in every:
            assert sorted(labels._starting_at(line, 0)) == _starting_at_as_it_was(labels, line, 0)


@settings(max_examples=guard(), deadline=None)
@given(st.sampled_from(FORMS), answers([*LABELS, "my ", "the ", "  ", "\t", "é"]), st.integers(0, 4))
def test_a_line_tries_the_labels_it_tried(form: Any, line: str, start: int) -> None:
    labels = labels_of(form)
    assert sorted(labels._starting_at(line, start)) == _starting_at_as_it_was(labels, line, start)


def _without_question_as_it_was(answer: str, question: str | None) -> str:
    if question:
        words = question.rstrip("?:. ").split()
        copied = r"^\s*" + r"\s+".join(re.escape(word) for word in words) + r"\s*[?:.]*"
        answer = re.sub(copied, "", answer, count=1, flags=re.I)
    return answer.strip()


QUESTIONS = ["What stayed with you?", "Which distortion do you recognise?", "?", "", "A.B (c)*: ", "ſo what"]


@settings(max_examples=guard(), deadline=None)
@given(
    st.one_of(st.sampled_from(QUESTIONS), st.text(max_size=20), st.none()),
    answers([*QUESTIONS, "what stayed WITH you", " ", "\n", "?:."]),
)
def test_a_copied_question_is_taken_off_an_answer_as_before(question: str | None, answer: str) -> None:
    expected = _without_question_as_it_was(answer, question)
    assert bibliotherapy._without_question(answer, question) == expected
