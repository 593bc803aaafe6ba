"""Raw header values to Python values: encoded words, addresses, message ids, dates.

Values come from ``Message.raw_items()``: unparsed, possibly holding raw 8-bit bytes as
surrogate escapes. Structure is parsed with the modern policy's header classes; where they
raise, the legacy ``email.utils`` parsers take over. Nothing here raises; problems are
appended to the ``defects`` list the caller passes in.
"""

from __future__ import annotations

import binascii
import functools
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email import policy, utils
from email.message import Message
from email.policy import EmailPolicy
from typing import Any

from mailbot.mail.text import decode_base64, decode_text, scrub

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_NEWLINES = re.compile(r"[\r\n]+")
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_BRACKETED_ID = re.compile(r"<([^<>]*)>")
_WHITESPACE = re.compile(r"\s+")
# Characters of one header the parsers are given (see bounded_header); To and Cc of a
# hundred recipients fit.
MAX_PARSED_HEADER = 16 * 1024
MAX_ADDRESS_VALUES = 50  # address headers read per message: a flood of To lines is not read
# A Content-Type the modern parser (parse_content_type_header) reads without raising and writes
# back as it is: ASCII on one line, type/subtype then parameters in the form it writes them
# (``; name="value"``, each name once). It keeps the type's tokens and writes each parameter as
# name="content", quoting the content again; content without a backslash or a quote is as
# written, and without "=?" (no "?" at all) is not read as an encoded word.
_QUOTABLE = r"[A-Za-z0-9'()+_,./:=-]"  # and spaces between them
_PLAIN_CONTENT_TYPE = re.compile(
    r"[A-Za-z][A-Za-z0-9.+-]*/[A-Za-z0-9][A-Za-z0-9.+-]*"
    rf'(?:; ([A-Za-z][A-Za-z0-9-]*)="{_QUOTABLE}(?:(?:{_QUOTABLE}| )*{_QUOTABLE})?")*'
)
_PARAMETER_NAME = re.compile(r'; ([^=]+)="')
_READ_ONCE: dict[tuple[object, ...], Any] = {}
_READ_ONCE_SIZE = 4096


def unfold(value: str) -> str:
    """Return a header value on one line, 8-bit bytes decoded (UTF-8, else Windows-1252)."""
    if "\n" in value or "\r" in value:  # most values are on one line already
        value = _NEWLINES.sub(" ", _FOLD.sub("", value))
    if value.isascii() or not _SURROGATE_ESCAPE.search(value):  # 8-bit bytes are not ASCII
        return scrub(value)
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return scrub(value)
    return scrub(decode_text(data, None)[0])


def decode_words(value: str, defects: list[str]) -> str:
    """Return ``value`` with RFC 2047 encoded words decoded, unknown charsets guessed at.

    Adjacent words in one charset are joined before decoding, so a character split across
    two words survives; whitespace between encoded words is dropped as RFC 2047 says.
    """
    value = unfold(value)
    pieces: list[tuple[bytes | str, str | None]] = []
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        after_word = bool(pieces) and pieces[-1][1] is not None
        if between and not (after_word and between.isspace()):
            pieces.append((between, None))
        charset = match.group(1).split("*")[0].lower()
        data = _word_bytes(match.group(2), match.group(3))
        previous = pieces[-1] if pieces else None
        if previous and previous[1] == charset and isinstance(previous[0], bytes):
            pieces[-1] = (previous[0] + data, charset)
        else:
            pieces.append((data, charset))
        position = match.end()
    pieces.append((value[position:], None))
    decoded = []
    for piece, charset in pieces:
        if isinstance(piece, str):
            decoded.append(piece)
            continue
        text, problem = decode_text(piece, charset)
        if problem:
            defects.append(f"{problem} in encoded word")
        decoded.append(text)
    return scrub("".join(decoded))


def _word_bytes(encoding: str, payload: str) -> bytes:
    data = payload.encode("utf-8", "replace")
    if encoding in "bB":
        return decode_base64(data)[0]
    try:
        return binascii.a2b_qp(data, header=True)
    except (binascii.Error, ValueError):
        return data


def fold_whitespace(value: str) -> str:
    """Return ``value`` with every run of whitespace made one space, ends stripped."""
    return _WHITESPACE.sub(" ", value).strip()


@functools.lru_cache(maxsize=4096)
def _modern_addresses(text: str) -> tuple[tuple[str, str], ...]:
    """(display name, addr-spec) pairs as the modern parser reads them; () when it cannot.
    Kept by value: a client's From line recurs in every mail they send."""
    try:
        header = policy.default.header_factory("to", text)
        return tuple((a.display_name, a.addr_spec) for a in header.addresses)
    except Exception:  # the modern parser raises IndexError and friends on garbage
        return ()


def addresses(values: list[str], defects: list[str]) -> list[tuple[str, str]]:
    """Return (display name, lower-cased addr-spec) pairs from address headers, in order.

    Pairs without an address (groups, garbage) are left out.
    """
    pairs: list[tuple[str, str]] = []
    if len(values) > MAX_ADDRESS_VALUES:
        defects.append(f"{len(values)} address headers; the first {MAX_ADDRESS_VALUES} read")
    for value in values[:MAX_ADDRESS_VALUES]:
        text = unfold(value)
        if len(text) > MAX_PARSED_HEADER:
            defects.append(f"address header of {len(text) // 1024} KB cut to {MAX_PARSED_HEADER // 1024} KB")
            text = _cut_at_comma(text, MAX_PARSED_HEADER)
        found = list(_modern_addresses(text))
        if not found and "@" in text:
            found = _legacy_addresses(text, defects)
        elif "=?" in text:
            found = _names_undecoded(found, text)
        for name, address in found:
            address = fold_whitespace(unfold(address)).lower()
            if address and address != "<>":
                pairs.append((fold_whitespace(decode_words(name or "", defects)), address))
    return pairs


def _cut_at_comma(text: str, limit: int) -> str:
    at = text.rfind(",", 0, limit)
    return text[:at] if at > 0 else text[:limit]


def _names_undecoded(found: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """The same addresses with their display names as written, for ``decode_words`` to decode.

    The modern parser decodes each encoded word on its own and keeps the space between two of
    them, so a character split across words (as mail programs do) turns into mojibake. Its
    structure is kept; only where the legacy parser finds the very same addresses are the
    names taken from it (undecoded, so an encoded word can never add an address).
    """
    try:
        legacy = utils.getaddresses([text])
    except Exception:  # the legacy parser has its own ways to fail on garbage
        return found
    if [address.lower() for _, address in legacy] != [address.lower() for _, address in found]:
        return found
    return [(name, address) for (name, _), (_, address) in zip(legacy, found, strict=True)]


def _legacy_addresses(text: str, defects: list[str]) -> list[tuple[str, str]]:
    defects.append("address header only readable by the legacy parser")
    try:
        return utils.getaddresses([text])
    except Exception:
        defects.append("unparseable address header")
        return []


def message_id(value: str | None) -> str | None:
    """Return one message id as "<local@host>", or None when empty or garbage."""
    if value is None:
        return None
    ids = message_ids(value)
    return ids[0] if ids else None


def message_ids(value: str | None) -> tuple[str, ...]:
    """Return the message ids in a Message-ID, In-Reply-To or References value, deduplicated.

    Bracketed ids are taken as they are (inner whitespace removed); without brackets, only
    whitespace-separated words holding an "@" count as ids.
    """
    if not value:
        return ()
    text = unfold(value)
    found = [_WHITESPACE.sub("", inner) for inner in _BRACKETED_ID.findall(text)]
    if not found:
        found = [word.strip("<>,;") for word in text.split() if "@" in word]
    ids = [f"<{inner}>" for inner in found if inner and "<" not in inner and ">" not in inner]
    return tuple(dict.fromkeys(ids))


def date(value: str | None, defects: list[str]) -> datetime | None:
    """Return the Date header as an aware datetime (UTC when the zone is missing), or None."""
    if value is None:
        return None
    text = unfold(value).strip()
    try:  # what the modern policy's Date header holds, without building the header
        parsed = utils.parsedate_to_datetime(text)
    except Exception:  # out-of-range fields raise from deep inside the parser
        parsed = None
    if parsed is None:
        defects.append("unparseable Date")
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_once(part: Message, read: Callable[[], Any], what: str, *names: str) -> Any:
    """``read()``: one of the email package's readers of a part (get_param, get_filename,
    get_content_charset) whose answer depends only on the first value of the ``names`` headers
    as a string (each reads ``part.get(name)`` and parses ``str`` of it). The same Content-Type
    recurs in most parts of most mails, and each reader parses the parameters again, so each
    answer is kept by those values. A reader that raises raises again next time."""
    key = (what, *(None if (value := part.get(name)) is None else str(value) for name in names))
    if key in _READ_ONCE:
        return _READ_ONCE[key]
    answer = read()
    if len(_READ_ONCE) >= _READ_ONCE_SIZE:
        _READ_ONCE.clear()
    _READ_ONCE[key] = answer
    return answer


def part_filename(part: Message) -> Any:
    """``part.get_filename()``, read once per Content-Disposition and Content-Type."""
    return read_once(part, part.get_filename, "filename", "content-disposition", "content-type")


def part_charset(part: Message) -> Any:
    """``part.get_content_charset()``, read once per Content-Type."""
    return read_once(part, part.get_content_charset, "charset", "content-type")


def part_param(part: Message, name: str) -> str:
    """``str(part.get_param(name) or "")``, read once per Content-Type."""
    return read_once(part, lambda: str(part.get_param(name) or ""), f"param {name}", "content-type")  # type: ignore[no-any-return]


def bounded_header(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters at the last ";" or "," before it (a parameter or an
    address is dropped whole). The email package's parsers cost the square of a header's length
    (a 1 MB Content-Type of parameters took minutes), and no honest header comes near the limit."""
    if len(value) <= limit:
        return value
    cut = value[:limit]
    at = max(cut.rfind(";"), cut.rfind(","))
    return cut[:at] if at > 0 else cut


@functools.lru_cache(maxsize=4096)
def fetch_header(name: str, value: str) -> Any:
    """The modern policy's header object for a MIME header (parse._LenientPolicy), or the raw
    value where its parser raises. Kept by value: the same Content-Type or
    Content-Transfer-Encoding line recurs in most parts of most messages."""
    value = bounded_header(value, MAX_PARSED_HEADER)
    if "\r" not in value and "\n" not in value:  # what the policy would parse: read once
        header, problem = _header_object(name, value)
        return value if problem else header
    try:
        return EmailPolicy.header_fetch_parse(policy.default, name, value)
    except Exception:  # _header_value_parser raises IndexError and friends on garbage
        return value


@functools.lru_cache(maxsize=4096)
def header_problem(name: str, value: str) -> str | None:
    """The exception's name if the modern parser raises on this header, else None."""
    return _header_object(name, bounded_header(value, MAX_PARSED_HEADER))[1]


def _is_plain_content_type(value: str) -> bool:
    if _PLAIN_CONTENT_TYPE.fullmatch(value) is None:
        return False
    names = _PARAMETER_NAME.findall(value)  # a repeated name is written once
    return len(set(names)) == len(names)


@functools.lru_cache(maxsize=4096)
def _header_object(name: str, value: str) -> tuple[Any, str | None]:
    """The modern parser's header object, or None and the exception's name. A part's
    Content-Type is parsed for the email package (fetch_header) and for its defects
    (header_problem): with a unique boundary or file name, neither found it in its cache.

    A plain Content-Type (_PLAIN_CONTENT_TYPE) is not parsed: its object raises nothing and
    reads as the value itself, and every reader of a part's Content-Type (the feedparser,
    get_content_type, get_param...) reads ``str`` of it, so the value serves as well (as it
    does where the parser raises). Most multiparts' Content-Type is plain, and unique."""
    if name.lower() == "content-type" and _is_plain_content_type(value):
        return value, None
    try:
        return policy.default.header_factory(name, value), None
    except Exception as error:  # _header_value_parser raises IndexError and friends on garbage
        return None, type(error).__name__
