"""What ``mailbot assign`` may say about each homework type: the options only one type takes,
checked against the type, and the assignment's details they make.

A mistake is an ``OptionError`` whose sentence says what to write; the command line shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class OptionError(ValueError):
    """An option that does not fit the homework type, or a type's option missing or malformed."""


@dataclass(frozen=True)
class AssignOptions:
    """What the therapist gave ``mailbot assign`` beyond the type, title and dates."""

    rationale: str = ""
    obstacles: str = ""
    reading: str | None = None
    questions: tuple[str, ...] = ()
    steps: str | None = None
    belief: str | None = None
    thought: str | None = None
    good_things: bool = False


def assignment_details(type_: str, given: AssignOptions) -> dict[str, Any]:
    """The details an assignment of ``type_`` starts with; OptionError for an option of another type."""
    owners = (
        ("--reading", given.reading, "bibliotherapy"),
        ("--question", given.questions, "bibliotherapy"),
        ("--steps", given.steps, "exposure"),
        ("--belief", given.belief, "cognitive-exercise"),
        ("--thought", given.thought, "experiment"),
        ("--good-things", given.good_things, "journal"),
    )
    wrong = [name for name, value, owner in owners if value and type_ != owner]
    if wrong:
        raise OptionError(f"{wrong[0]} does not apply to --type {type_}.")
    details: dict[str, Any] = {"rationale": given.rationale, "obstacles": given.obstacles}
    if type_ == "bibliotherapy":
        if not given.reading:
            raise OptionError("--type bibliotherapy needs --reading (book, chapter, pages or link).")
        details.update(reading=given.reading, questions=list(given.questions))
    elif type_ == "mood-log":
        details["stage"] = 1
    elif type_ == "exposure":
        if not given.steps:
            raise OptionError('--type exposure needs --steps "step:SUDS;step:SUDS".')
        details.update(steps=parse_steps(given.steps), current=0, history=[])
    elif type_ == "cognitive-exercise" and given.belief:
        details["belief"] = given.belief
    elif type_ == "experiment" and given.thought:
        details["thought"] = given.thought
    elif type_ == "journal":
        details["good_things"] = bool(given.good_things)
    return details


def parse_steps(text: str) -> list[dict[str, Any]]:
    """An exposure ladder from "step:SUDS;step:SUDS" (lowest first)."""
    steps = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        step, sep, suds = part.rpartition(":")
        if not sep or not step.strip() or not suds.strip().isdigit() or not 0 <= int(suds) <= 100:
            raise OptionError(
                f"--steps part {part!r} is not 'step:SUDS' with SUDS from 0 to 100; "
                "write e.g. 'Look at a photo of a dog:30;Stand near a dog:60'."
            )
        steps.append({"step": step.strip(), "suds": int(suds)})
    if not steps:
        raise OptionError("--steps needs at least one 'step:SUDS'.")
    return steps
