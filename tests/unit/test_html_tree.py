"""mail/html_tree.py builds the tree BeautifulSoup(markup, "html.parser") builds: the same tags
with the same attributes, the same strings cut at the same places, text told from comments and
scripts the same way. Compared on the HTML of the corpus and on generated markup of every
construct html.parser knows, well-formed or not.
"""

from __future__ import annotations

import warnings
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard

from mailbot.mail.html_tree import Element, parse

CORPUS = Path(__file__).parents[1] / "corpus"


def soup_shape(node: Any) -> Any:
    if isinstance(node, Tag):
        attrs = {
            key: list(value) if isinstance(value, list) else str(value) for key, value in node.attrs.items()
        }
        return (node.name, attrs, [soup_shape(child) for child in node.contents])
    return ("text" if type(node) is NavigableString else "other", str(node))


def tree_shape(node: Element | str) -> Any:
    if isinstance(node, Element):
        attrs = {
            key: list(value) if isinstance(value, list) else str(value) for key, value in node.attrs.items()
        }
        return (node.name, attrs, [tree_shape(child) for child in node.contents])
    return ("text" if type(node) is str else "other", str(node))


def assert_same_tree(markup: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            soup = BeautifulSoup(markup, "html.parser")
        except Exception as error:  # then html_tree must fail alike
            with pytest.raises(type(error)):
                parse(markup)
            return
    document = parse(markup)
    assert tree_shape(document.root) == soup_shape(soup)
    assert [tree_shape(tag) for tag in document.blockquotes] == [
        soup_shape(t) for t in soup.find_all("blockquote")
    ]
    assert all(document.blockquotes[i].parent is not None for i in range(len(document.blockquotes)))


def corpus_html() -> list[str]:
    found = []
    for path in sorted(CORPUS.glob("*.eml")):
        for part in message_from_bytes(path.read_bytes(), policy=policy.compat32).walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    found.append(payload.decode("utf-8", "replace"))
    return found


@pytest.mark.parametrize("markup", corpus_html())
def test_corpus_html_gives_the_tree_beautifulsoup_gives(markup: str) -> None:
    assert_same_tree(markup)


@pytest.mark.parametrize(
    "markup",
    [
        "", " ", "\n \t", "plain text", "<p>a<p>b</div>c", "<br></br></br><br/>x<img>y</img>",
        "<div/>after", "<pre>  \n </pre><textarea> </textarea><p> \n </p>", "a &amp; &#65;&#x42;&#128;&#0;&bogus; &#;",
        "<!-- c --><!DOCTYPE html><![CDATA[x]]><?xml v?>", "<script>if (a<b) {}</script><style>p{}</style>",
        "<ruby>k<rt>r<b>b</b></rt><rp>(</rp></ruby><template><p>t</p></template>",
        '<p class=" a  b " class="c" id=x hidden style="display:none">d</p>', "<blockquote><blockquote>q</blockquote>",
        "</p></blockquote>x<b>unclosed<i>", "<a href='x' rel='a b'>l</a><td headers='h1 h2'>",
        "< notatag <1> <a<b> <p =x>", "&#x110000;&#99999999999;&#xD800;", "<b>x</B></b>",
    ],
)  # fmt: skip
def test_odd_markup_gives_the_tree_beautifulsoup_gives(markup: str) -> None:
    assert_same_tree(markup)


TAGS = [
    "p",
    "div",
    "br",
    "img",
    "pre",
    "textarea",
    "blockquote",
    "script",
    "style",
    "rt",
    "rp",
    "template",
    "b",
    "td",
]
PIECES = [
    *(f"<{tag}>" for tag in TAGS), *(f"</{tag}>" for tag in TAGS), *(f"<{tag}/>" for tag in TAGS),
    '<blockquote type="cite">', '<div class="gmail_quote x">', '<p style="display: none" hidden>',
    '<span class="a" class="b">', "text", " ", "\n", "  \n\t", "&amp;", "&nbsp;", "&#65;", "&#x1F600;",
    "&#150;", "&bogus", "&", "<", ">", "<!-- note -->", "<!DOCTYPE html>", "<![CDATA[raw]]>", "<?pi?>",
    "</>", "<!>", "<a<", "\r\n", "\x00",
]  # fmt: skip


@settings(max_examples=guard(), deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=40))
def test_generated_markup_gives_the_tree_beautifulsoup_gives(pieces: list[str]) -> None:
    assert_same_tree("".join(pieces))
