"""The homework types mailbot speaks: each has form fields and a parser for clients' answers.

A type module (one per type, e.g. ``mood_log.py``) defines ``TYPE = HomeworkType(...)``.
Parsers are pure: the client's new words (plain text, quotes already removed) and the
assignment's details in, a list of entries out (one dict of fields per entry; a reply with
three mood-log rows gives three entries). A field the parser cannot find is left out; the
submission keeps the client's whole text, so nothing they wrote is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Entry = dict[str, Any]
Parser = Callable[[str, Mapping[str, Any]], list[Entry]]


@dataclass(frozen=True)
class FormField:
    key: str  # the JSON field name, e.g. "automatic_thought"
    label: str  # what the client sees in the form, e.g. "Automatic thought"
    hint: str = ""  # e.g. "0-100"
    aliases: tuple[str, ...] = ()  # other labels clients write, e.g. ("thought", "hot thought")


@dataclass(frozen=True)
class HomeworkType:
    name: str  # the --type value
    label: str  # "Daily mood log"
    fields: Callable[[Mapping[str, Any]], Sequence[FormField]]  # the form, given assignment details
    parse: Parser
