"""One built-in risk pattern, as the language modules write it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    name: str  # "<language>.<key>", as [risk] phrases_remove may name it
    language: str
    phrase: str  # a typical phrase it finds, for the docs and for phrases_remove
    regex: str
    negatable: bool = False
    unless: str | None = None
    despite: str | None = None


def p(
    language: str,
    key: str,
    phrase: str,
    regex: str,
    *,
    negatable: bool = False,
    unless: str | None = None,
    despite: str | None = None,
) -> Pattern:
    return Pattern(f"{language}.{key}", language, phrase, regex, negatable, unless, despite)
