"""Custom homework (``custom``): the therapist writes a title and instructions; the client answers freely.

Entry key: ``text``, the client's whole answer as written, without mail leftovers (">" quotes,
an Outlook header block and what follows, "Sent from my phone", a "-- " signature); when only
leftovers are left, the text as received. Always one entry for a non-empty answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mailbot.core.homework import Entry, FormField, HomeworkType
from mailbot.core.homework.fields import strip_leftovers


def fields(details: Mapping[str, Any]) -> Sequence[FormField]:
    """Return no form fields: the client answers the instructions in their own words."""
    return ()


def parse(text: str, details: Mapping[str, Any]) -> list[Entry]:
    """Return [{"text": the answer}] for a non-empty answer, else []."""
    answer = strip_leftovers(text) or text.strip()
    return [{"text": answer}] if answer else []


TYPE = HomeworkType(name="custom", label="Custom homework", fields=fields, parse=parse)
