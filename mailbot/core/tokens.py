"""Assignment tokens such as HW-7F3KQ2MA: unambiguous when read aloud or typed on a phone, and
too many to guess (32^8, about 10^12; the four-character ones of earlier versions still work)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Container

# Crockford's base32 without I, L, O, U: nothing a client could mistype for something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])HW-([0-9A-Za-z]{4,8})(?![A-Za-z0-9])", re.IGNORECASE)
TOKEN_LENGTH = 8
# Crockford's decoding: a client who types O for 0, or I or L for 1, still means the token.
_TYPED = str.maketrans("OIL", "011")


def new_token(taken: Container[str], choice: Callable[[str], str] = secrets.choice) -> str:
    """A token of eight characters not in ``taken``."""
    for _attempt in range(200):
        token = "HW-" + "".join(choice(ALPHABET) for _ in range(TOKEN_LENGTH))
        if token not in taken:
            return token
    raise RuntimeError("no free assignment token after 200 tries")


def find_tokens(text: str) -> list[str]:
    """Every token in ``text`` (a subject, an address), upper-cased, in order, without repeats."""
    return list(
        dict.fromkeys("HW-" + match.group(1).upper().translate(_TYPED) for match in TOKEN_RE.finditer(text))
    )
