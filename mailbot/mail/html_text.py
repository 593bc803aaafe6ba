"""HTML mail to readable text: the client's own words, with the earlier mail they quote marked
by ">" as a plain-text reply would, hidden and active content dropped, and every cost bounded.

Nothing here raises on bad input.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from mailbot.mail.html_tree import Element, parse
from mailbot.mail.quote_marks import FORWARD, LONGEST_MARKER_LINE
from mailbot.mail.text import normalize_newlines

_DROPPED = {
    "script", "style", "head", "title", "iframe", "frame", "frameset", "form", "noscript",
    "template", "object", "embed", "applet", "svg", "canvas", "audio", "video", "select",
}  # fmt: skip
_BLOCKS = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
}  # fmt: skip
# Containers that hold the earlier mail: Gmail, Yahoo, ProtonMail, Outlook for Mac, new Outlook.
_QUOTE_CLASSES = {"gmail_quote", "gmail_quote_container", "yahoo_quoted", "protonmail_quote"}
_QUOTE_IDS = {"OLK_SRC_BODY_SECTION", "mail-editor-reference-message-container"}
# A blockquote is a quote of earlier mail when its client says so; a plain <blockquote> is the
# client quoting something in their own words, and stays their text.
_CITE_CLASSES = {"gmail_quote", "protonmail_quote", "yahoo_quoted"}
_PLAIN_QUOTE_CANDIDATES = 20
_PLAIN_QUOTE_ANCESTORS = 60
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WHITESPACE = re.compile(r"\s+")
_HTML_PARSE_LIMIT = 2_000_000  # html.parser takes ~3 s per MB; beyond, strip tags
# Quote levels marked with ">" at most: each line carries its prefix, so without a cap nested
# blockquotes cost the square of their number (a 0.3 MB mail made 3 GB of text). Real threads
# rarely nest past 5; deeper levels are shown at this one.
MAX_QUOTE_DEPTH = 10
_HTML_TAG_LIMIT = 20_000  # html.parser spends ~0.1 ms a tag: a mail of more is stripped of tags instead
_TAG = re.compile(r"<[^>]*>")


@dataclass
class _Lines:
    """Text being laid out line by line; quoted lines get "> " per quote level."""

    lines: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    quote_depth: int = 0
    line_depth: int = 0
    pre_depth: int = 0
    blockquotes: int = 0
    quote_containers: int = 0
    rows: list[int] = field(default_factory=list)
    lists: list[list[int]] = field(default_factory=list)  # [ordered, count] per open list
    last_plain_quote: object = None  # see _last_plain_blockquote
    cited: set[int] = field(default_factory=set)  # ids of the blockquotes counted as quotes
    containers: set[int] = field(default_factory=set)  # ids of the quote containers entered

    def text(self, value: str) -> None:
        if not self.parts:
            self.line_depth = self.quote_depth
        self.parts.append(value)

    def hard_break(self) -> None:
        line = "".join(self.parts)
        line = line.rstrip() if self.pre_depth else line.strip()
        depth = self.line_depth if self.parts else self.quote_depth
        self.lines.append(("> " * depth + line) if line else ">" * depth)
        self.parts.clear()

    def soft_break(self) -> None:
        if "".join(self.parts).strip():
            self.hard_break()
        else:
            self.parts.clear()

    def set_quote_depth(self) -> None:
        self.quote_depth = min(max(self.blockquotes, 1 if self.quote_containers else 0), MAX_QUOTE_DEPTH)


def html_to_text(markup: str) -> str:
    """Return the visible text of an HTML body, one line per block, quotes marked with ">".

    Blockquotes and Gmail/Yahoo quote containers come out prefixed with "> " so that quote
    splitting treats them like quoted plain text; table cells are joined with " | ".
    """
    if len(markup) > _HTML_PARSE_LIMIT or markup.count("<") > _HTML_TAG_LIMIT:
        return normalize_newlines(html.unescape(_TAG.sub(" ", markup))).strip()
    document = parse(markup)
    out = _Lines(last_plain_quote=_last_plain_blockquote(document.blockquotes))
    stack: list[tuple[Element | str, bool]] = [(document.root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Element):
            if leaving:
                _leave(node, out)
            elif not _invisible(node):
                _enter(node, out)
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        elif type(node) is str:  # text, not a comment, script or the like (html_tree.Other)
            _text(node, out)
    out.soft_break()
    return _collapse_blank_lines(out.lines)


def _invisible(tag: Element) -> bool:
    if tag.name in _DROPPED or tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _has_class(tag: Element, names: set[str]) -> bool:
    """Whether one of the tag's classes is one of ``names``."""
    value = tag.get("class")
    return not names.isdisjoint(value if isinstance(value, list) else str(value or "").split())


def _enter(tag: Element, out: _Lines) -> None:
    name = tag.name
    if name in _BLOCKS:
        out.soft_break()
    if name == "br":
        out.hard_break()
    elif name == "blockquote" and _cites(tag, out):
        out.cited.add(id(tag))
        out.blockquotes += 1
    elif name == "pre":
        out.pre_depth += 1
    elif name == "tr":
        out.rows.append(0)
    elif name in ("td", "th"):
        if out.rows and out.rows[-1]:
            out.text(" | ")
        if out.rows:
            out.rows[-1] += 1
    elif name in ("ul", "ol"):
        out.lists.append([name == "ol", 0])
    elif name == "li" and out.lists:
        out.lists[-1][1] += 1
        ordered, count = out.lists[-1]
        out.text(f"{count}. " if ordered else "- ")
    if _is_quote_container(tag):
        out.quote_containers += 1
        out.containers.add(id(tag))
    out.set_quote_depth()


def _leave(tag: Element, out: _Lines) -> None:
    name = tag.name
    if name in _BLOCKS:
        out.soft_break()
    if name == "p":
        out.lines.append(">" * out.quote_depth)
    elif name == "blockquote" and id(tag) in out.cited:
        out.blockquotes -= 1
    elif name == "pre":
        out.pre_depth -= 1
    elif name == "tr" and out.rows:
        out.rows.pop()
    elif name in ("ul", "ol") and out.lists:
        out.lists.pop()
    if id(tag) in out.containers:
        out.quote_containers -= 1
    out.set_quote_depth()


def _cites(tag: Element, out: _Lines) -> bool:
    """Whether a blockquote holds earlier mail: type=cite, a quote class inside a quote container,
    or the last plain one after the client's words (see _last_plain_blockquote).

    Gmail gives its own "quote" button's blockquote the gmail_quote class too; only inside the
    gmail_quote container is it the earlier mail.
    """
    if str(tag.get("type") or "").lower() == "cite" or tag.has_attr("cite"):
        return True
    if _has_class(tag, _CITE_CLASSES):
        return out.quote_containers > 0
    return tag is out.last_plain_quote and _after_words_of_their_own(out)


def _last_plain_blockquote(blockquotes: list[Element]) -> Element | None:
    """The last outermost <blockquote> without cite marks: older webmails quote the earlier mail
    that way, at the end. Looks at a bounded number of blockquotes and ancestors."""
    for tag in blockquotes[-_PLAIN_QUOTE_CANDIDATES:][::-1]:
        plain = not (tag.has_attr("type") or tag.has_attr("cite") or _has_class(tag, _CITE_CLASSES))
        if plain and _outermost(tag):
            return tag
    return None


def _outermost(tag: Element) -> bool:
    parent = tag.parent
    for _ in range(_PLAIN_QUOTE_ANCESTORS):
        if parent is None:
            return True
        if parent.name == "blockquote":
            return False
        parent = parent.parent
    return False


def _after_words_of_their_own(out: _Lines) -> bool:
    """True when the client wrote something before, and not a line that introduces a quote of
    their own ("My mother wrote to me:"): then a plain blockquote here is the earlier mail."""
    last = "".join(out.parts).strip() or next((line for line in reversed(out.lines) if line.strip("> ")), "")
    return bool(last) and not last.rstrip().endswith(":")


def _is_quote_container(tag: Element) -> bool:
    """True for Gmail's, Yahoo's, ProtonMail's and Outlook's quote containers, except one that
    opens a forwarded mail: that is the client's to show, so it is not marked as quoted."""
    if tag.name == "blockquote" or not tag.attrs:
        return False
    if not (_has_class(tag, _QUOTE_CLASSES) or tag.get("id") in _QUOTE_IDS):
        return False
    return not _opens_forward(tag)


def _opens_forward(tag: Element) -> bool:
    """Whether the container's first words are a forward marker; looks only at its own text and
    that of its first children, so nested containers cost linear time."""
    for child in tag.contents[:3]:
        pieces = [child] if isinstance(child, str) else child.contents[:2]
        for piece in pieces:
            if isinstance(piece, str) and str(piece).strip():
                return bool(FORWARD.match(str(piece)[:LONGEST_MARKER_LINE]))
    return False


def _text(value: str, out: _Lines) -> None:
    if not out.pre_depth:  # a run of white space made one space; mostly there is none
        plain = value.isascii() and value.isprintable() and "  " not in value
        out.text(value if plain else _WHITESPACE.sub(" ", value))
        return
    for number, piece in enumerate(normalize_newlines(value).split("\n")):
        if number:
            out.hard_break()
        out.text(piece)


def _collapse_blank_lines(lines: list[str]) -> str:
    kept: list[str] = []
    for line in lines:
        if not line.strip("> ") and kept and not kept[-1].strip("> "):
            continue
        kept.append(line)
    return _trim(kept)


def _trim(lines: list[str]) -> str:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip("> "):
        start += 1
    while end > start and not lines[end - 1].strip("> "):
        end -= 1
    return "\n".join(lines[start:end])
