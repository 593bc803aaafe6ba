"""Templates to EmailMessages: the built-in Jinja2 templates, any of which the therapist may
replace by a file of the same name in ``templates_dir``."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import jinja2

from mailbot.errors import MailbotError

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
    return jinja2.Environment(
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
            header = self._kept[key] = super().__call__(name, value)
        return header


_POLICY = policy.default.clone(header_factory=_KeptHeaders())


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
    """A text (and HTML) email with threading headers and mailbot's own marker header."""
    message = EmailMessage(policy=_POLICY)
    message["From"] = sender
    message["To"] = list(to)
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = " ".join(references)
    message[MAILBOT_HEADER] = kind
    for name, value in (extra_headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message
