"""A reply that answers several homework items at once, cut into one part per item.

A combined reminder lists several assignments in one email, and the client's reply may answer
more than one of them. Its new text is cut:
  - at a heading that names one of the items by its title or homework type ("Mood log:",
    "**Evening journal**", "My diary - Monday"): what follows, up to the next such heading, is
    that item's;
  - elsewhere, where the labels written stop fitting the form being filled in: a run of
    "Label: value" lines belongs to the one item whose form asks for all of its labels
    ("Situation:" fits a mood log and a journal alike, "Emotion:" after it only the mood log),
    and a label written a second time starts a new run (a second entry).
Text before the first part (a greeting) joins the first part, text after a part (a comment, a
sign-off) joins that part, and each item's runs are joined into one part. A run whose labels fit
several forms alike is placed nowhere: it counts as ``unplaced``, and the caller decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mailbot.core.naming import TYPE_WORDS, fold, fold_name, mentions, named_in
from mailbot.core.sections import LABEL, strip_markup

if TYPE_CHECKING:
    from mailbot.core.matching import Candidate

MAX_HEADING = 80  # characters: a longer line is prose, whatever it names
EXTRA_HEADING_WORDS = 3  # "My evening journal (Tuesday)": words beside the item's name
MAX_AFTER_HEADING = 4  # "Mood log - Monday": a few words after it, not an answer
FIELD = re.compile(r"^[\s>*_-]*([^:\n]{1,40}):")


@dataclass(frozen=True)
class Part:
    """What a reply says about one item: the assignment and the client's words for it."""

    assignment_id: int
    text: str


@dataclass(frozen=True)
class Split:
    """A reply cut by item: its parts in the order they were written, and how many runs of
    labels fit several items' forms alike."""

    parts: tuple[Part, ...]
    unplaced: int = 0

    @property
    def answers_several(self) -> bool:
        return len(self.parts) > 1


@dataclass
class _Run:
    owners: set[int]  # the items this run may be for; one when it is placed
    headed: bool  # begun by a heading: everything up to the next heading is its item's
    lines: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)


def split_reply(text: str, candidates: Sequence[Candidate], labels: Mapping[int, Sequence[str]]) -> Split:
    """``text`` cut into one part per item of ``candidates`` it answers (see the module's
    docstring); ``labels`` are each candidate's form labels, aliases too."""
    forms = {c.id: {fold_name(label) for label in labels.get(c.id, ())} for c in candidates}
    folded = text.casefold()
    names = _name_pieces(candidates, folded)
    # the same lines case-folded: case folding neither makes nor takes a line break (a unit test
    # reads every character), so the text folded once is cut where the text is
    folded_lines = folded.splitlines() if names else []
    preamble: list[str] = []
    runs: list[_Run] = []
    for number, line in enumerate(text.splitlines()):
        heading = None
        if names and any(name in folded_lines[number] for name in names):
            heading = _heading(line, candidates, forms)
        if heading is not None:
            item, after = heading
            runs.append(_Run({item}, True, [after] if after else []))
            continue
        current = runs[-1] if runs else None
        label = _label(line) or ""
        owners = {i for i, form in forms.items() if label in form} if label else set()
        if current is not None and (current.headed or not owners):
            current.lines.append(line)
        elif not owners:
            preamble.append(line)
        elif current is not None and current.owners & owners and label not in current.labels:
            current.owners &= owners
            current.labels.add(label)
            current.lines.append(line)
        else:
            runs.append(_Run(set(owners), False, [line], {label}))
    return _joined(preamble, runs)


def _name_pieces(candidates: Sequence[Candidate], folded_text: str) -> list[str]:
    """The first word of each name an item goes by (its title, the words for its type) that the
    case-folded text holds: a line that holds none names no item, which a substring test per name
    tells, where reading every line as a heading cost half of matching a mail.

    A name that :func:`named_in` finds in a line's folded words holds each of its words inside one
    of the line's words, case-folded, so the line holds its first word as it is.
    """
    names = [fold_name(c.title) for c in candidates]
    names += [word for c in candidates for word in TYPE_WORDS.get(c.type, ())]
    return [first for first in {name.split(" ")[0] for name in names if name} if first in folded_text]


def _joined(preamble: list[str], runs: list[_Run]) -> Split:
    by_item: dict[int, list[str]] = {}
    unplaced = 0
    for run in runs:
        if len(run.owners) != 1:
            unplaced += 1
            continue
        first = not by_item
        lines = by_item.setdefault(next(iter(run.owners)), [])
        lines.extend([*preamble, *run.lines] if first else run.lines)  # the greeting joins the first
    parts = tuple(Part(item, "\n".join(lines).strip("\n")) for item, lines in by_item.items())
    return Split(parts, unplaced)


def _heading(
    line: str, candidates: Sequence[Candidate], forms: Mapping[int, set[str]]
) -> tuple[int, str] | None:
    """The item a heading line names, with any words after its ":" or dash; None for a line
    that is no heading (an answer such as "Reading: chapter 3" is one of the form's labels)."""
    bare = strip_markup(line)
    if not bare or len(bare) > MAX_HEADING:
        return None
    label = LABEL.match(bare)
    head, after = (label.group(1), label.group(2).strip()) if label else (bare, "")
    named = named_in(head, candidates)
    if len(named) != 1:
        return None
    item = named[0]
    folded = fold(head)
    if len(folded.split()) - len(_name_of(item, folded).split()) > EXTRA_HEADING_WORDS:
        return None
    if after and (folded in forms.get(item.id, set()) or len(after.split()) > MAX_AFTER_HEADING):
        return None
    return item.id, after


def _name_of(item: Candidate, folded_head: str) -> str:
    """The words by which ``folded_head`` names ``item``: its title, else a word for its type."""
    title = fold_name(item.title)
    if title and mentions(folded_head, title):
        return title
    return max((w for w in TYPE_WORDS.get(item.type, ()) if mentions(folded_head, w)), key=len, default="")


def _label(line: str) -> str | None:
    found = FIELD.match(line) if ":" in line else None  # most lines of prose have no colon at all
    return fold_name(found.group(1)) if found else None  # a form's few labels, written on many lines
