"""Templates to EmailMessages: the built-in Jinja2 templates, any of which the therapist may
replace by a file of the same name in ``templates_dir``."""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address, AddressHeader, BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import Policy
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import jinja2

from mailbot.errors import MailbotError
from mailbot.mail.template_env import Environment
from mailbot.mail.text_body import encode_text

MAILBOT_HEADER = "X-Mailbot"  # on every message mailbot writes: its kind and record id

# Headers whose value is the same in every message of a pass; none of them holds client data.
_SAME_IN_EVERY_MESSAGE = frozenset(
    {
        "from",
        "date",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        MAILBOT_HEADER.lower(),
        "auto-submitted",
        "list-unsubscribe",
    }
)
_KEPT_HEADERS = 256

# RFC 5322 msg-id, without the obsolete forms: "<" dot-atom-text "@" (dot-atom-text / no-fold-literal) ">".
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
_MSG_ID = re.compile(rf"<{_DOT_ATOM}@(?:{_DOT_ATOM}|\[[\x21-\x5a\x5e-\x7e]*\])>")
MAX_MESSAGE_ID = 250  # RFC 5322 sets none below a line's 998; real ones are under 100
# Characters no header value may carry: C0 and C1 controls, DEL, and Unicode's line separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")
_ENCODED_WORD_CHARS = 30  # characters per encoded word: well under 75 octets once encoded
_CONTENT_HEADERS = frozenset({"content-type", "content-transfer-encoding", "mime-version"})
# Values the standard policy writes as they are when they fit on the header's line: printable
# ASCII words between single spaces (unstructured), words of atext (a display name), dot-atoms.
_PLAIN_WORDS = re.compile(r"[!-~]+(?: [!-~]+)*")
_PHRASE = re.compile(rf"{_ATEXT}(?: {_ATEXT})*")
_DOT_ATOM_TEXT = re.compile(_DOT_ATOM)


def builtin_templates() -> Path:
    """The shipped templates: inside the installed package, or templates/ in a source tree."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


@functools.lru_cache(maxsize=8)
def template_environment(templates_dir: Path | None) -> jinja2.Environment:
    """Templates from ``templates_dir`` first, then the built-in ones.

    One environment per folder, kept: it caches compiled templates, and building a new one for
    every reminder and draft was over half of a busy reminder pass (docs/benchmarks.md). Jinja
    still reloads a template whose file changed."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.FileSystemLoader(builtin_templates()))
    return Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, names: Sequence[str], context: Mapping[str, Any]) -> str:
    """Render the first of ``names`` that exists (a type's own template, then the default)."""
    try:
        return env.select_template(list(names)).render(context)
    except jinja2.TemplateNotFound:
        raise MailbotError(f"No template {names[0]} (nor {', '.join(names[1:])}) was found.") from None
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or names[0]
        raise MailbotError(
            f"The template {where} cannot be rendered ({exc}); fix it or remove the override."
        ) from None


class _KeptHeaders(HeaderRegistry):
    """The standard header classes and parsing, with two costs paid once rather than per message.

    The standard registry makes a new class on every lookup (two per header set) and parses every
    value it is given; a reminder email sets about 19 headers, most of them the same in every
    email of a pass, and building the 320 emails of a busy pass was most of its time
    (docs/benchmarks.md). A header object is immutable, so one parsed value serves every message;
    the output is that of ``policy.default``."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type[BaseHeader]] = {}
        self._kept: dict[tuple[str, str], BaseHeader] = {}
        self._folded: dict[tuple[str, str], bytes] = {}  # a kept header as _POLICY writes it

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        if key not in self._classes:
            self._classes[key] = super().__getitem__(name)
        return self._classes[key]

    def __call__(self, name: str, value: object) -> BaseHeader:
        if name.lower() not in _SAME_IN_EVERY_MESSAGE or not isinstance(value, str | Address):
            return super().__call__(name, value)
        # A header prints its own name, so the key keeps the name's case.
        key = (name, str(value))
        header = self._kept.get(key)
        if header is None:
            if len(self._kept) >= _KEPT_HEADERS:
                self._kept.clear()
                self._folded.clear()
            header = self._kept[key] = super().__call__(name, value)
        return header

    def kept_folded(self, name: str, value: object) -> bytes | None:
        """A kept header as ``_POLICY`` writes it, folded once; None for one that is not kept
        (a header object, _Written, is a str too: it is stored as it is, never made again)."""
        if name.lower() not in _SAME_IN_EVERY_MESSAGE or isinstance(value, BaseHeader):
            return None
        if not isinstance(value, str | Address):
            return None
        key = (name, str(value))
        folded = self._folded.get(key)
        if folded is None:
            header = self(name, value)  # kept now, so the two caches hold the same keys
            folded = self._folded[key] = _POLICY.fold_binary(name, header)
        return folded


_REGISTRY = _KeptHeaders()
_POLICY = policy.default.clone(header_factory=_REGISTRY)


def valid_message_id(value: str) -> bool:
    """Whether ``value`` is one RFC 5322 msg-id (no comments, no folding), of a sane length.

    One that spells an encoded word ("=?") is refused too, though RFC 5322 allows it: readers
    decode encoded words in In-Reply-To and References, and it could decode to a line break."""
    return len(value) <= MAX_MESSAGE_ID and "=?" not in value and _MSG_ID.fullmatch(value) is not None


def header_text(value: str) -> str:
    """``value`` fit for a header: controls and line breaks made spaces, lone surrogates replaced."""
    value = value.encode("utf-8", "replace").decode("utf-8")
    return " ".join(_CONTROLS.sub(" ", value).split())


class _Written(BaseHeader):
    """A header whose folded form build_message wrote itself: never parsed, so never decoded.

    The standard classes parse the string they are given, and decode any RFC 2047 encoded
    word in it. A value mailbot decoded from a client's mail once may itself spell encoded
    words; decoded a second time they can hold line breaks, and a line break in a header is
    a new header. These pieces are ASCII with no controls; folding only puts a line break
    and a space between two of them."""

    _pieces: tuple[str, ...]

    @classmethod
    def parse(cls, value: str, kwds: dict[str, object]) -> None:
        kwds["parse_tree"] = None
        kwds["decoded"] = value

    @classmethod
    def of(cls, name: str, shown: str, pieces: Iterable[str]) -> _Written:
        header = cls(name, shown)
        header._pieces = tuple(pieces)
        return header

    def fold(self, *, policy: Policy) -> str:
        limit = policy.max_line_length or 78
        lines = [f"{self.name}:"]
        for piece in self._pieces:
            if len(lines[-1]) + 1 + len(piece) > limit and lines[-1] != f"{self.name}:":
                lines.append("")
            lines[-1] += f" {piece}"
        return policy.linesep.join(lines) + policy.linesep


def _encoded_words(text: str) -> list[str]:
    """``text`` as RFC 2047 "B" words of UTF-8; a decoder joins adjacent ones without spaces."""
    return [
        "=?utf-8?b?" + base64.b64encode(text[at : at + _ENCODED_WORD_CHARS].encode()).decode() + "?="
        for at in range(0, len(text), _ENCODED_WORD_CHARS)
    ]


def _subject(text: str) -> str | _Written:
    """The Subject: as the standard policy writes it when it is ASCII and holds nothing it could
    decode, else as encoded words of its exact text (the standard folder can put a space between
    two encoded words, where a reader drops it)."""
    text = header_text(text)
    if "=?" not in text and text.isascii():
        return text
    return _Written.of("Subject", text, _encoded_words(text))


def _addresses(name: str, addresses: Sequence[Address]) -> Address | list[Address] | _Written:
    """Address headers: as standard ones unless a display name could be decoded again or needs encoding.

    A non-ASCII name is written as our own encoded words too: the standard folder (CPython 3.11) can
    fold the comma after an encoded word into the next encoded word, so a reader sees one address
    where there were two."""
    cleaned = [
        Address(header_text(a.display_name), a.username, a.domain) if a.display_name else a for a in addresses
    ]
    if not any("=?" in a.display_name or not a.display_name.isascii() for a in cleaned):
        # One address alone, not in a list: _KeptHeaders then keeps From, parsed once a pass.
        return cleaned[0] if len(cleaned) == 1 else cleaned
    pieces: list[str] = []
    for index, address in enumerate(cleaned):
        comma = "," if index < len(cleaned) - 1 else ""
        pieces += _encoded_words(address.display_name) if address.display_name else []
        pieces.append(f"<{address.addr_spec}>{comma}")
    return _Written.of(name, ", ".join(str(a) for a in cleaned), pieces)


def _message_ids(name: str, ids: Iterable[str]) -> _Written | None:
    """Only valid msg-ids, each written as it is: they are ASCII and hold no space to fold at."""
    valid = [mid for mid in dict.fromkeys(i.strip() for i in ids) if valid_message_id(mid)]
    return _Written.of(name, " ".join(valid), valid) if valid else None


def address(display_name: str, addr_spec: str) -> Address:
    """``Address(display_name, addr_spec=addr_spec)``, without parsing an address that is plainly
    local@domain of dot-atoms (the parse gives those two parts as they are)."""
    local, at, domain = addr_spec.partition("@")
    if at and _DOT_ATOM_TEXT.fullmatch(local) and _DOT_ATOM_TEXT.fullmatch(domain):
        return Address(display_name, local, domain)
    return Address(display_name, addr_spec=addr_spec)


def new_message_id(sender: str) -> str:
    domain = sender.rsplit("@", 1)[-1] if "@" in sender else "mailbot.invalid"
    return make_msgid(idstring="mailbot", domain=domain)


def build_message(
    *,
    sender: Address,
    to: Sequence[Address],
    subject: str,
    text: str,
    html: str | None,
    message_id: str,
    date: datetime,
    kind: str,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    extra_headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A text (and HTML) email with threading headers and mailbot's own marker header.

    Every value from a client reaches a header through parts that cannot spell another header:
    addresses as Address objects with a display name free of controls, the Subject written so
    that nothing in it is decoded again, message ids only when they are valid msg-ids (others
    are dropped: a lost thread is better than a forged header)."""
    message = EmailMessage(policy=_POLICY)
    headers = _headers(sender, to, subject, message_id, date, kind, in_reply_to, references, extra_headers)
    for name, value in headers:
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def text_message_bytes(
    *,
    sender: Address,
    to: Sequence[Address],
    subject: str,
    text: str,
    message_id: str,
    date: datetime,
    kind: str,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    extra_headers: Mapping[str, str] | None = None,
) -> bytes:
    """``bytes(build_message(..., html=None))``, written straight to bytes: no EmailMessage, no
    generator, the body encoded once (``text_body``), each header folded by the standard policy
    unless it is one whose folded form is plain (``_folded``). Tests compare the two."""
    headers = _headers(sender, to, subject, message_id, date, kind, in_reply_to, references, extra_headers)
    names = {name.lower() for name, _value in headers}
    if len(names) < len(headers) or not names.isdisjoint(_CONTENT_HEADERS):
        # A header twice (refused or kept twice by EmailMessage) or one set_content sets: as built.
        return bytes(
            build_message(
                sender=sender,
                to=to,
                subject=subject,
                text=text,
                html=None,
                message_id=message_id,
                date=date,
                kind=kind,
                in_reply_to=in_reply_to,
                references=references,
                extra_headers=extra_headers,
            )
        )
    cte, body = encode_text(text, _POLICY.max_line_length or 78)
    headers += [("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", cte)]
    headers.append(("MIME-Version", "1.0"))
    return b"".join(_folded(name, value) for name, value in headers) + b"\n" + body


def _headers(
    sender: Address,
    to: Sequence[Address],
    subject: str,
    message_id: str,
    date: datetime,
    kind: str,
    in_reply_to: str | None,
    references: Sequence[str],
    extra_headers: Mapping[str, str] | None,
) -> list[tuple[str, Any]]:
    """The headers build_message sets before the content, in order, as the values it sets."""
    headers: list[tuple[str, Any]] = [
        ("From", _addresses("From", [sender])),
        ("To", _addresses("To", to)),
        ("Subject", _subject(subject)),
        ("Date", format_datetime(date)),
    ]
    own_id = _message_ids("Message-ID", [message_id])
    if own_id is None:
        raise ValueError(f"mailbot made an invalid Message-ID {message_id!r}")
    headers.append(("Message-ID", own_id))
    for name, ids in (("In-Reply-To", [in_reply_to] if in_reply_to else []), ("References", references)):
        header = _message_ids(name, ids)
        if header is not None:
            headers.append((name, header))
    headers.append((MAILBOT_HEADER, kind))
    headers += (extra_headers or {}).items()
    return headers


def _folded(name: str, value: Any) -> bytes:
    """One header as EmailMessage stores it and the generator writes it under ``_POLICY``; plain
    ones written directly (what the standard folder gives them: they fit on one line)."""
    kept = _REGISTRY.kept_folded(name, value)
    if kept is not None:
        return kept
    room = (_POLICY.max_line_length or 78) - len(name) - 2
    if isinstance(value, str) and len(value) <= room and issubclass(_REGISTRY[name], UnstructuredHeader):
        if "=?" not in value and _PLAIN_WORDS.fullmatch(value):
            return f"{name}: {value}\n".encode("ascii")
    elif isinstance(value, Address) and issubclass(_REGISTRY[name], AddressHeader):
        shown = _plain_address(value)
        if shown is not None and len(shown) <= room:
            return f"{name}: {shown}\n".encode("ascii")
    return _POLICY.fold_binary(*_POLICY.header_store_parse(name, value))


def _plain_address(address: Address) -> str | None:
    """``address`` as the standard folder writes it, when nothing in it is quoted or encoded."""
    if not (_DOT_ATOM_TEXT.fullmatch(address.username) and _DOT_ATOM_TEXT.fullmatch(address.domain)):
        return None
    spec = f"{address.username}@{address.domain}"
    if "=?" in spec:
        return None
    if not address.display_name:
        return spec
    if "=?" in address.display_name or not _PHRASE.fullmatch(address.display_name):
        return None
    return f"{address.display_name} <{spec}>"
