"""Is a message machine mail (auto-reply, bounce, receipt, list) rather than a person writing?

Pure: a decision over header values, the top-level content type and the decoded subject.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from email.utils import parseaddr

_REPORT_KINDS = {"delivery-status": "bounce", "disposition-notification": "receipt"}
_REPORT_TYPE = re.compile(r"report-type\s*=\s*\"?([\w.-]+)", re.I)
_BOUNCE_SENDERS = {"mailer-daemon", "postmaster", "mail-daemon"}
# iTIP methods of an invitation, an answer to one, or a cancellation (RFC 5546); not PUBLISH,
# which is how a calendar file is shared rather than a meeting proposed.
_INVITATION_METHODS = {"request", "reply", "cancel", "add", "refresh", "counter", "declinecounter"}
_AUTO_REPLY_SUBJECT = re.compile(
    r"""^\s*(?:
        out\s+of\s+(?:the\s+)?office(?:\s+(?:auto)?reply)?
      | auto(?:matic|mated)?[\s-]*(?:reply|response|answer)
      | abwesenheitsnotiz | automatische\s+antwort | abwesend
      | r[ée]ponse\s+automatique | message\s+d.absence | absence\s+du\s+bureau
      | respuesta\s+autom[áa]tica | fuera\s+de\s+la\s+oficina
      | afwezig | automatisch\s+antwoord | niet\s+aanwezig
      | risposta\s+automatica | fuori\s+sede | autosvar | automatisk\s+svar
      | resposta\s+autom[áa]tica | aus[êe]ncia\s+tempor[áa]ria | fora\s+do\s+escrit[óo]rio
      | automatyczna\s+odpowied[źz] | automatick[áa]\s+odpov[ěe]ď | automaattinen\s+vastaus
      | otomatik\s+yan[ıi]t | автоматический\s+ответ | 自動返信 | 自动回复
    )\s*(?::|：|$)""",
    re.I | re.X,
)


def automated_reason(
    headers: Mapping[str, Sequence[str]],
    content_type: str,
    subject: str,
    calendar_methods: Collection[str] = (),
) -> str | None:
    """Return why a message is machine mail, or None when a person seems to have written it.

    ``headers`` maps lower-cased header names to their (unfolded) values; ``content_type``
    is the top-level "type/subtype"; ``subject`` is decoded; ``calendar_methods`` are the
    ``method`` parameters of its text/calendar parts. The answers, most specific first:
    "bounce" (delivery status report, mailer daemon, null return path), "receipt" (read
    receipt), "report" (another multipart/report), "auto-reply" (Auto-Submitted,
    X-Autoreply, an out-of-office subject...), "calendar" (an invitation or an answer to
    one, which a calendar program wrote), "list" and "bulk".
    """
    return (
        _report(headers, content_type.strip().lower())
        or _bounce_sender(headers)
        or _auto_reply(headers, subject)
        or _null_return_path(headers)
        or _invitation(calendar_methods)
        or _list_or_bulk(headers)
    )


def _first(headers: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0].strip() if values else None


def _report(headers: Mapping[str, Sequence[str]], content_type: str) -> str | None:
    if content_type == "multipart/report":
        match = _REPORT_TYPE.search(_first(headers, "content-type") or "")
        return _REPORT_KINDS.get(match.group(1).lower(), "report") if match else "report"
    if content_type.startswith("message/"):
        return _REPORT_KINDS.get(content_type.removeprefix("message/"))
    return None


def _bounce_sender(headers: Mapping[str, Sequence[str]]) -> str | None:
    return "bounce" if _local_part(_first(headers, "from") or "") in _BOUNCE_SENDERS else None


@functools.lru_cache(maxsize=4096)
def _local_part(from_header: str) -> str:
    """The From address's local part, lower-cased; remembered by the header's text, since the
    email package's address parser is slow and a client's From is the same in every mail."""
    address = parseaddr(from_header)[1]
    local_part = address.rpartition("@")[0] if "@" in address else address
    return local_part.strip().lower()


def _auto_reply(headers: Mapping[str, Sequence[str]], subject: str) -> str | None:
    auto_submitted = (_first(headers, "auto-submitted") or "no").lower()
    if auto_submitted.split(";")[0].strip() != "no":
        return "auto-reply"
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        value = _first(headers, name)
        if value is not None and value.lower() not in ("no", "false", "0"):
            return "auto-reply"
    if (_first(headers, "precedence") or "").lower() in ("auto_reply", "auto-reply"):
        return "auto-reply"
    # Outlook sets X-Auto-Response-Suppress on ordinary mail too (meeting requests, add-ins),
    # so it counts only on a message Exchange says it generated itself.
    suppress = (_first(headers, "x-auto-response-suppress") or "").lower()
    generated = _first(headers, "x-ms-exchange-generated-message-source")
    if generated and any(word in suppress for word in ("all", "oof", "autoreply")):
        return "auto-reply"
    if _AUTO_REPLY_SUBJECT.match(unicodedata.normalize("NFC", subject)):
        return "auto-reply"
    return None


def _invitation(calendar_methods: Collection[str]) -> str | None:
    methods = {method.strip().lower() for method in calendar_methods}
    return "calendar" if methods & _INVITATION_METHODS else None


def _null_return_path(headers: Mapping[str, Sequence[str]]) -> str | None:
    values = headers.get("return-path") or ()
    return "bounce" if any(value.replace(" ", "") == "<>" for value in values) else None


def _list_or_bulk(headers: Mapping[str, Sequence[str]]) -> str | None:
    precedence = (_first(headers, "precedence") or "").lower()
    if "list-id" in headers or "list-unsubscribe" in headers or precedence == "list":
        return "list"
    if precedence in ("bulk", "junk"):
        return "bulk"
    return None
