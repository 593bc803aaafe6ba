"""One TOML table read key by key, each value typed and checked, each mistake a ConfigError
that names the key and says what it expects."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailbot.errors import ConfigError


class Section:
    """One TOML table, read key by key; complains about keys nobody asked for."""

    def __init__(self, raw: Mapping[str, Any], name: str, known: tuple[str, ...]):
        self.name = name
        self.raw = raw
        unknown = sorted(set(raw) - set(known))
        if unknown:
            where = f"[{name}] " if name else ""
            raise ConfigError(
                f"Unknown configuration key {where}{unknown[0]!r}; expected one of: {', '.join(known)}."
            )

    def key(self, key: str) -> str:
        return f"[{self.name}] {key}" if self.name else key

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.raw.get(key, default)
        if value is None:
            if required:
                raise ConfigError(f"Missing configuration key {self.key(key)}: it expects text.")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise ConfigError(f"Configuration key {self.key(key)} expects non-empty text.")
        return value

    def required(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def whole(self, key: str, default: int, low: int, high: int) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(
                f"Configuration key {self.key(key)} expects a whole number from {low} to {high}."
            )
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"Configuration key {self.key(key)} expects true or false.")
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise ConfigError(f"Configuration key {self.key(key)} expects a number from {low} to {high}.")
        return float(value)


def table(raw: Mapping[str, Any], name: str, required: bool = False) -> Mapping[str, Any]:
    value = raw.get(name)
    if value is None:
        if required:
            raise ConfigError(f"The configuration has no [{name}] section; add it (see config.example.toml).")
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"Configuration key {name!r} must be a [{name}] section, not a single value.")
    return value


def check_timezone(name: str, key: str) -> str:
    """Return ``name`` if it is an IANA time zone, else raise a ConfigError naming ``key``."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{key} is {name!r}, which is not an IANA time zone; use a name like 'Europe/Berlin'."
        ) from None
    return name


def parse_clock(text: str, key: str) -> time:
    """ "19:00" as a time; a ConfigError naming ``key`` otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ConfigError(f'{key} is {text!r}; write a local time like "19:00".')
    return time(int(match.group(1)), int(match.group(2)))
