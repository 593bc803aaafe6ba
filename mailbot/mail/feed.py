"""The email package's parser as it is, but for one step: a multipart's boundary is matched
without compiling a regular expression for it.

email.feedparser compiles ``(?P<sep>`` + re.escape("--" + boundary) + ``)(?P<end>--)?...$``
for each multipart it reads: 0.1-0.2 ms a compile, every one a miss of the re module's cache
since boundaries are unique, and each pushes another pattern out of that cache (a backlog of
10,000 mails has ~4,000 of them: about a CPU-second). Such a pattern matches a line exactly
when the line starts with the separator and the fixed rest of the pattern matches from there
(a literal matches one way only), with the same groups but "sep", which the feedparser does
not read. So the feedparser's own code runs here (its functions, given other globals), with a
``re`` whose ``compile`` answers that pattern with a _Separator: a prefix test and one pattern
compiled once. Any other pattern, or a boundary pattern not written the way the feedparser
writes it, is the re module's. Should a Python's feedparser read more than this one expects
(checked on import), ``bytes_parser`` gives the email package's own BytesParser.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from email import feedparser, parser
from email.policy import Policy
from typing import Any

_HEAD = "(?P<sep>"
_TAIL_SOURCE = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_TAIL = re.compile(_TAIL_SOURCE[1:])
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)  # re.escape puts a backslash before each special


class _Separator:
    """A compiled boundary pattern, as far as the feedparser uses one: ``match(line)``."""

    __slots__ = ("_separator", "_length")

    def __init__(self, separator: str) -> None:
        self._separator = separator
        self._length = len(separator)

    def match(self, line: str) -> re.Match[str] | None:
        return _TAIL.match(line, self._length) if line.startswith(self._separator) else None


def _compile(pattern: Any, flags: int = 0) -> Any:
    """``re.compile(pattern, flags)``; a boundary pattern as the feedparser writes it, a _Separator."""
    if (
        isinstance(pattern, str)
        and not flags
        and pattern.startswith(_HEAD)
        and pattern.endswith(_TAIL_SOURCE)
    ):
        escaped = pattern[len(_HEAD) : -len(_TAIL_SOURCE)]
        separator = _ESCAPE.sub(r"\1", escaped)
        if re.escape(separator) == escaped:
            return _Separator(separator)
    return re.compile(pattern, flags)


def _rebound(function: Callable[..., Any], **names: Any) -> Any:
    """``function``'s own code, finding ``names`` where its module has others."""
    code = function.__code__
    rebound = types.FunctionType(
        code, {**function.__globals__, **names}, code.co_name, function.__defaults__, function.__closure__
    )
    rebound.__kwdefaults__ = function.__kwdefaults__
    rebound.__qualname__ = function.__qualname__
    return rebound


def _fits() -> bool:
    """Whether this Python's parser reads a boundary match as this module expects: compiled by
    ``re.compile`` in _parsegen, groups "end" and "linesep" read, "sep" never."""
    code = _PARSEGEN.__code__
    return (
        not code.co_freevars
        and {_HEAD, _TAIL_SOURCE, "end", "linesep"} <= set(code.co_consts)
        and "sep" not in code.co_consts
        and "FeedParser" in parser.Parser.parse.__code__.co_names
    )


_PARSEGEN: Callable[..., Any] = getattr(feedparser.FeedParser, "_parsegen")  # noqa: B009 (private: not in the stubs)
_RE = types.SimpleNamespace(**{**vars(re), "compile": _compile})


class _FeedParser(feedparser.FeedParser):
    _parsegen = _rebound(_PARSEGEN, re=_RE)


class _Parser(parser.Parser):
    parse = _rebound(parser.Parser.parse, FeedParser=_FeedParser)


class _BytesParser(parser.BytesParser):
    def __init__(self, policy: Policy) -> None:
        super().__init__(policy=policy)
        self.parser = _Parser(policy=policy)


_FITS = _fits()


def bytes_parser(policy: Policy) -> parser.BytesParser:
    """``email.parser.BytesParser(policy=policy)``, its messages the same, its boundaries cheaper."""
    return _BytesParser(policy) if _FITS else parser.BytesParser(policy=policy)
