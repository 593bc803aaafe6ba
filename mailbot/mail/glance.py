"""A glance at a header: whether a message can concern mailbot at all, at a small part of what
``parse_header`` costs.

An everyday inbox is 99 % other people's mail. The email package's header parser takes a
millisecond or two a message, which on a first pass over 100,000 mails is minutes more than
the fetch itself (docs/benchmarks.md). A glance reads the raw fields with one regular
expression: who sent it, which tokens and message ids it names, and whether anything in it
needs the real parser to be sure (encoded words, a bounce, unusual address syntax). Intake
then parses properly only what the glance cannot rule out; it never rules out a message the
full reading would look at (tests/unit/test_glance.py checks that against the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from mailbot.core.tokens import TOKEN_RE
from mailbot.mail.headers import message_ids

_FIELD = re.compile(rb"^([!-9;-~]+):[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", re.MULTILINE)
_ADDRESS = re.compile(r"[^\s<>\"(),;:@]+@[^\s<>\"(),;:@]+")
_BOUNCE = re.compile(r"mailer-daemon|postmaster|mail-daemon", re.IGNORECASE)
_REPORT = re.compile(r"report|message/", re.IGNORECASE)
# Syntax only the real parser reads right: encoded words, comments, quoted pairs, groups.
_UNSURE = re.compile(r"=\?|[()\\]|:.*;")
_RECIPIENTS = (b"to", b"cc", b"delivered-to", b"x-original-to")
MAX_IDS = 50


@dataclass(frozen=True)
class Glance:
    senders: frozenset[str]  # every address in From, lower-cased
    ids: frozenset[str]  # message ids it answers (In-Reply-To, References), as parse reads them
    named: bool  # a token in the subject or a recipient
    unsure: bool  # something here needs the real parser

    def may_concern(self, clients: Container[str], ours: Container[str]) -> bool:
        """Whether the full reading could find it worth reading: from a client, naming a
        token, answering mail mailbot sent, or not plain enough to tell."""
        return (
            self.unsure
            or self.named
            or any(address in clients for address in self.senders)
            or any(mid in ours for mid in self.ids)
        )


def glance(header: bytes) -> Glance:
    """What a header's fields (BODY[HEADER.FIELDS], parse.HEADER_FIELDS) show at a glance."""
    fields: dict[bytes, list[str]] = {}
    for name, value in _FIELD.findall(header):
        fields.setdefault(name.lower(), []).append(value.decode("latin-1"))
    senders = fields.get(b"from", [])
    named_in = [*fields.get(b"subject", []), *(v for n in _RECIPIENTS for v in fields.get(n, []))]
    unsure = (
        not header.isascii()
        or _bounce_like(fields)
        or len(senders) != 1
        or any(_odd_address(value) for value in senders)
        or any("=?" in value for value in named_in)
    )
    # bounded as intake_facts.thread_ids bounds them: a flood of References is no query
    answered = [
        *message_ids(" ".join(fields.get(b"in-reply-to", [])))[:MAX_IDS],
        *message_ids(" ".join(fields.get(b"references", [])))[-MAX_IDS:],
    ]
    return Glance(
        senders=frozenset(a.lower() for value in senders for a in _ADDRESS.findall(value)),
        ids=frozenset(answered),
        named=any(TOKEN_RE.search(value) for value in named_in),
        unsure=unsure,
    )


def _odd_address(value: str) -> bool:
    """Anything but one plain address, with or without a display name: the parser decides."""
    return (
        _UNSURE.search(value) is not None
        or value.count("@") != 1
        or value.count("<") != value.count(">")
        or value.count("<") > 1
        or value.count('"') % 2 == 1
    )


def _bounce_like(fields: dict[bytes, list[str]]) -> bool:
    """A delivery report, or mail from a mail system: the bounce rules need the real parser."""
    return (
        any(_BOUNCE.search(v) for v in fields.get(b"from", []))
        or any(_REPORT.search(v) for v in fields.get(b"content-type", []))
        or any("<>" in v.replace(" ", "") for v in fields.get(b"return-path", []))
    )
