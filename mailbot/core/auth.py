"""Is a message's From to be believed? The Authentication-Results header (RFC 8601) of the
therapist's own receiving server says; no other header does. Pure functions of header values.

A forger can write any header, including an Authentication-Results that says "pass"; only the
one the receiving server added (named by its authserv-id, and added above what arrived) tells
what that server checked. ``[intake] authserv_id`` names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

REQUIRE = ("not-fail", "dmarc-pass")  # [intake] require_auth
_COMMENT = re.compile(r"\([^()]*\)")
_RESULT = re.compile(r"^\s*([a-z0-9-]+)\s*=\s*([a-z]+)", re.IGNORECASE)
MAX_RESULTS_HEADERS = 20  # read from the top; a flood of them is a forger's


def verdict(values: Sequence[str], authserv_id: str | None) -> str:
    """ "pass", "fail" or "none" for a message's Authentication-Results values (top first).

    With ``authserv_id``, only the topmost header of that server counts (none: "none"). Without
    one, as mailbot always did: any header saying dmarc=fail is a failure, else any saying
    dmarc=pass a pass. "fail" is DMARC failing, or, with no DMARC result, SPF failing with no
    DKIM pass; "none" is everything else (none, temperror, permerror, no header at all)."""
    parsed = [_results(value) for value in values[:MAX_RESULTS_HEADERS]]
    if authserv_id:
        own = [methods for server, methods in parsed if server == authserv_id.strip().lower()]
        return _one(own[0]) if own else "none"
    verdicts = {_one(methods) for _server, methods in parsed}
    return "fail" if "fail" in verdicts else "pass" if "pass" in verdicts else "none"


def trusted(result: str, require: str) -> bool:
    """Whether a message with this verdict may be believed to come from its From address."""
    return result == "pass" if require == "dmarc-pass" else result != "fail"


def _results(value: str) -> tuple[str, dict[str, str]]:
    """(authserv-id, {method: result}) of one header value; the first result of each method."""
    pieces = _COMMENT.sub(" ", value).split(";")
    head = pieces[0].split()
    methods: dict[str, str] = {}
    for piece in pieces[1:]:
        found = _RESULT.match(piece)
        if found:
            methods.setdefault(found.group(1).lower(), found.group(2).lower())
    return (head[0].lower() if head else ""), methods


def _one(methods: dict[str, str]) -> str:
    dmarc = methods.get("dmarc")
    if dmarc in ("pass", "fail"):
        return dmarc
    if dmarc is None and methods.get("spf") == "fail" and methods.get("dkim") != "pass":
        return "fail"
    return "none"
