"""HTML to the tree BeautifulSoup's "html.parser" builder makes, without BeautifulSoup's objects.

html_text reads an HTML mail as BeautifulSoup(markup, "html.parser") shapes it: which tag holds
which text, where an unclosed tag ends, which strings are text and which are comments, scripts
or ruby annotations. Building BeautifulSoup's Tag and NavigableString objects cost four times
what the parsing itself does, so the same events (BeautifulSoup's own html.parser subclass:
character references, empty elements, comments) build plain objects here, by BeautifulSoup's
rules: a string is cut wherever a tag or comment comes, a string of ASCII blanks becomes "\\n" or
" " outside <pre> and <textarea>, an end tag closes the innermost open tag of its name and all
inside it, and one that matches no open tag is ignored. tests/unit/test_html_tree.py compares
the two trees on the corpus and on generated markup.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, cast

from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.exceptions import ParserRejectedMarkup

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

ROOT = "[document]"  # BeautifulSoup's name for the document itself
_ASCII_BLANKS = "\x20\x0a\x09\x0c\x0d"
_RULES = HTMLParserTreeBuilder(store_line_numbers=False)  # BeautifulSoup's, as it parses
# <br>, <img>...: closed at once (the html.parser builder names them; None would mean any tag)
_EMPTY_ELEMENTS = frozenset(_RULES.empty_element_tags or ())
_PRESERVING = frozenset(_RULES.preserve_whitespace_tags)  # <pre>, <textarea>
_CONTAINING = frozenset(_RULES.string_containers)  # their strings are not text to show


class Element:
    """A tag: its name, attributes (class split into words, as BeautifulSoup does), children."""

    __slots__ = ("name", "attrs", "contents", "parent")

    def __init__(self, name: str, attrs: dict[str, Any], parent: Element | None) -> None:
        self.name = name
        self.attrs = attrs
        self.contents: list[Element | str] = []
        self.parent = parent

    def get(self, key: str) -> Any:
        return self.attrs.get(key)

    def has_attr(self, key: str) -> bool:
        return key in self.attrs

    @property
    def is_empty_element(self) -> bool:  # asked by the parser right after the start tag
        return not self.contents and _RULES.can_be_empty_element(self.name)


class Other(str):
    """A string that is not text to show: a comment, declaration, doctype, CDATA, processing
    instruction, or anything inside <script>, <style>, <template>, <rt> or <rp>."""


class Document:
    """The tree being built; stands in for the BeautifulSoup object the parser reports to."""

    builder = _RULES

    def __init__(self) -> None:
        self.root = Element(ROOT, {}, None)
        self.blockquotes: list[Element] = []  # in document order
        self.contains_replacement_characters = False
        self._open = [self.root]
        self._open_names: Counter[str] = Counter()
        self.data: list[str] = []  # the pieces of the string being read
        self._preserving = 0  # open <pre> and <textarea>
        self._containing = 0  # open <script>, <style>, <template>, <rt>, <rp>

    def handle_starttag(
        self, name: str, _ns: object, _prefix: object, attrs: dict[str, Any], **_: object
    ) -> Element:
        if self.data:
            self.endData()
        parent = self._open[-1]
        if attrs:  # class="a b" made ["a", "b"], and the like
            attrs = _RULES._replace_cdata_list_attribute_values(name, attrs)
        tag = Element(name, attrs, parent)
        parent.contents.append(tag)
        self._open.append(tag)
        self._open_names[name] += 1
        if name in _PRESERVING:
            self._preserving += 1
        if name in _CONTAINING:
            self._containing += 1
        if name == "blockquote":
            self.blockquotes.append(tag)
        return tag

    def handle_endtag(self, name: str, _prefix: object = None) -> None:
        if self.data:
            self.endData()
        if name == ROOT or not self._open_names[name]:
            return
        while len(self._open) > 1:
            tag = self._open.pop()
            self._open_names[tag.name] -= 1
            if tag.name in _PRESERVING:
                self._preserving -= 1
            if tag.name in _CONTAINING:
                self._containing -= 1
            if tag.name == name:
                return

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def endData(self, kind: type | None = None) -> None:  # noqa: N802 (BeautifulSoup's name)
        if not self.data:
            return
        text = "".join(self.data)
        self.data.clear()
        if not self._preserving and not text.strip(_ASCII_BLANKS):
            text = "\n" if "\n" in text else " "
        plain = kind is None and not self._containing
        self._open[-1].contents.append(text if plain else Other(text))


class _Parser(BeautifulSoupHTMLParser):
    """BeautifulSoup's html.parser subclass, its events handed straight to the Document by the
    same steps as BeautifulSoup's (attribute values None made "", a repeated attribute's last
    value kept, an empty element such as <br> closed at once, its end tag then ignored once),
    and no line counting: BeautifulSoup reads the position only to store line numbers, which
    its builder here does not."""

    def __init__(self, document: Document) -> None:
        super().__init__(cast("BeautifulSoup", document), convert_charrefs=False)
        self.document = document
        self.data = document.data

    def updatepos(self, i: int, j: int) -> int:
        return j

    def handle_starttag(
        self, tag: str, attrs: list[tuple[str, str | None]], handle_empty_element: bool = True
    ) -> None:
        self.document.handle_starttag(tag, None, None, {k: "" if v is None else v for k, v in attrs})
        if handle_empty_element and tag in _EMPTY_ELEMENTS:
            self.document.handle_endtag(tag)
            self.already_closed_empty_element.append(tag)
        if self._root_tag_name is None:
            self._root_tag_encountered(tag)

    def handle_endtag(self, tag: str, check_already_closed: bool = True) -> None:
        if check_already_closed and tag in self.already_closed_empty_element:
            self.already_closed_empty_element.remove(tag)
        else:
            self.document.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parse(markup: str) -> Document:
    """The document tree of ``markup`` as BeautifulSoup's html.parser builder shapes it; raises
    ParserRejectedMarkup where BeautifulSoup does."""
    document = Document()
    parser = _Parser(document)
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError as error:
        raise ParserRejectedMarkup(error) from error
    document.endData()
    return document
