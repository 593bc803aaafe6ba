"""Assignment tokens such as HW-7F3K: short, unambiguous when read aloud or typed on a phone."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Container

# Crockford's base32 without I, L, O, U: nothing a client could mistype for something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])HW-([0-9A-Za-z]{4,6})(?![A-Za-z0-9])", re.IGNORECASE)


def new_token(taken: Container[str], choice: Callable[[str], str] = secrets.choice) -> str:
    """A token not in ``taken``: four characters, five once four get crowded."""
    for attempt in range(200):
        length = 4 if attempt < 100 else 5
        token = "HW-" + "".join(choice(ALPHABET) for _ in range(length))
        if token not in taken:
            return token
    raise RuntimeError("no free assignment token after 200 tries")


def find_tokens(text: str) -> list[str]:
    """Every token in ``text`` (a subject, an address), upper-cased, in order, without repeats."""
    return list(dict.fromkeys("HW-" + match.group(1).upper() for match in TOKEN_RE.finditer(text)))
