"""mailbot.mail.feed: the email package's parser with boundaries matched without a regex compile
of their own reads every message as the email package does (test_set_aside.py's ``tree``: every
part's headers, payload, preamble, epilogue and defects)."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from corpus_gen import GENERATED
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import guard
from test_set_aside import tree

from mailbot.mail import feed, headers, parse

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("*.eml"))
SMALL_GENERATED = sorted(name for name in GENERATED if "thirty_megabyte" not in name)
# re.escape's specials, quotes, non-ASCII and 8-bit (read as surrogate escapes): each must match as written
BOUNDARY_CHARACTERS = "ab1=_.-()[]{}?*+|^$\\&~# \t'\":/,é\udcff"
# What may follow a separator on a line: the closing "--", white space, line ends, anything else
AFTER = ["", "--", " ", "\t", "-- \t", "---", "x", "--x", " x", "\r", "\n", "\r\n", "\n\n", "--\r\n", " \r"]


def read(parser: BytesParser, raw: bytes, headersonly: bool) -> object:
    """The message's tree, or "too deep" where the email package recursed too deep (the stock
    parser also recurses into re.compile there, so at this stack depth the quick one could go a
    few levels deeper; the corpus's deep mails are far deeper than either)."""
    try:
        return tree(parser.parsebytes(raw, headersonly=headersonly))
    except RecursionError:
        return "too deep"


def assert_read_as_the_email_package_reads(raw: bytes) -> None:
    for chosen in (parse._POLICY, policy.compat32):
        for headersonly in (False, True):
            assert read(feed.bytes_parser(chosen), raw, headersonly) == read(
                BytesParser(policy=chosen), raw, headersonly
            )


def test_this_python_s_feedparser_is_the_one_the_shortcut_was_written_for() -> None:
    assert feed._FITS
    assert isinstance(parse._PARSER, feed._BytesParser)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_message_is_read_as_the_email_package_reads_it(path: Path) -> None:
    assert_read_as_the_email_package_reads(path.read_bytes())


@pytest.mark.parametrize("name", SMALL_GENERATED)
def test_generated_corpus_message_is_read_as_the_email_package_reads_it(name: str) -> None:
    assert_read_as_the_email_package_reads(GENERATED[name]())


@settings(max_examples=guard(), deadline=None)
@given(
    st.text(BOUNDARY_CHARACTERS, max_size=12),
    st.text(BOUNDARY_CHARACTERS, max_size=4),
    st.sampled_from(AFTER),
)
def test_a_boundary_matches_each_line_as_its_compiled_pattern_matches(
    boundary: str, tail: str, after: str
) -> None:
    separator = "--" + boundary
    pattern = "(?P<sep>" + re.escape(separator) + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
    compiled, quick = re.compile(pattern), feed._compile(pattern)
    assert isinstance(quick, feed._Separator)
    for line in (
        separator + after,
        separator + tail + after,
        separator[:-1] + after,
        tail + separator + after,
    ):
        expected, found = compiled.match(line), quick.match(line)
        assert (found is None) == (expected is None)
        if expected is not None and found is not None:
            assert [found.group(name) for name in ("end", "ws", "linesep")] == [
                expected.group(name) for name in ("end", "ws", "linesep")
            ]


def test_other_patterns_are_the_re_module_s() -> None:
    for pattern in (
        "(?P<sep>a)(?P<end>--)?",
        "(?P<sep>a|b" + r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$",
    ):
        assert isinstance(feed._compile(pattern), re.Pattern)


@st.composite
def mime(draw: st.DrawFn) -> bytes:
    """Nested multiparts whose boundaries hold regex specials, are prefixes of each other or
    repeat, with boundary lines closed or not, followed by white space or other text, and
    preambles and epilogues; LF, CRLF or CR line ends."""
    boundaries = draw(st.lists(st.text(BOUNDARY_CHARACTERS, min_size=1, max_size=6), min_size=1, max_size=3))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))

    def part(depth: int) -> list[str]:
        if depth >= len(boundaries) or draw(st.booleans()):
            return [
                "Content-Type: text/plain",
                "",
                "text " + draw(st.sampled_from(AFTER)),
                "--" + boundaries[0],
            ]
        boundary = boundaries[depth]
        quoted = boundary.replace("\\", "\\\\").replace('"', '\\"')
        lines = [f'Content-Type: multipart/mixed; boundary="{quoted}"', "", "preamble"]
        for _ in range(draw(st.integers(0, 3))):
            lines += ["--" + boundary + draw(st.sampled_from(AFTER)), *part(depth + 1)]
        if draw(st.booleans()):
            lines += ["--" + boundary + "--" + draw(st.sampled_from(AFTER)), "epilogue"]
        return lines

    lines = ["From: a@example.net", "Subject: s", "MIME-Version: 1.0", *part(0)]
    return eol.join(lines).encode("utf-8", "surrogateescape")


@settings(max_examples=guard(), deadline=None)
@given(mime())
def test_generated_mime_is_read_as_the_email_package_reads_it(raw: bytes) -> None:
    assert_read_as_the_email_package_reads(raw)


# --- a plain Content-Type read without the modern parser (headers._header_object) -------------

PRINTABLE = "".join(chr(code) for code in range(0x20, 0x7F))


@st.composite
def content_types(draw: st.DrawFn) -> str:
    """Values near the plain form: any printable ASCII where its pieces go, often the plain form."""
    piece = st.text(PRINTABLE, min_size=0, max_size=6) | st.sampled_from(
        ["alt-1", "x", "==_Part.1", "a b", "=?", ""]
    )
    name = st.sampled_from(["boundary", "Boundary", "charset", "name", "type", "a-b"]) | st.text(
        PRINTABLE, max_size=4
    )
    value = draw(st.sampled_from(["multipart", "text", "application", "a.b+c"]) | piece)
    value += draw(st.sampled_from(["/"]) | st.text(PRINTABLE, max_size=1)) + draw(
        st.sampled_from(["mixed", "x-y"]) | piece
    )
    for _ in range(draw(st.integers(0, 3))):
        separator = draw(st.sampled_from(["; ", ";", ";  ", "; \t"]))
        quote = draw(st.sampled_from(['"', '"', ""]))
        value += f"{separator}{draw(name)}={quote}{draw(piece)}{quote}"
    return value


def read_by_the_parser(value: str) -> tuple[str | None, str | None]:
    try:
        return str(policy.default.header_factory("Content-Type", value)), None
    except Exception as error:
        return None, type(error).__name__


@settings(max_examples=guard(1000), deadline=None)
@given(content_types())
def test_a_plain_content_type_is_what_the_modern_parser_writes_back(value: str) -> None:
    header, problem = headers._header_object.__wrapped__("Content-Type", value)
    if header is value:  # the shortcut: the parser would raise nothing and write the value back
        assert read_by_the_parser(value) == (value, None)
    else:
        assert (None if header is None else str(header), problem) == read_by_the_parser(value)


@pytest.mark.parametrize("character", list(PRINTABLE))
def test_each_character_in_a_plain_content_type_reads_as_the_parser_reads_it(character: str) -> None:
    for value in (
        f'multipart/mixed; boundary="a{character}b"', f'multipart/mixed; boundary="{character}"',
        f'multipart/mixed; na{character}me="b"', f"multi{character}part/mixed", f"multipart/mi{character}xed",
        f'multipart/mixed; boundary="a"{character}', f'multipart/mixed;{character}boundary="a"',
    ):  # fmt: skip
        header, _ = headers._header_object.__wrapped__("Content-Type", value)
        if header is value:
            assert read_by_the_parser(value) == (value, None)


def test_the_plain_form_is_the_one_the_capture_s_multiparts_have() -> None:
    for value in ('multipart/alternative; boundary="alt-91"', 'multipart/mixed; boundary="----=_Part_12.34"',
                  'multipart/related; type="text/html"; boundary="000000000000a1b2"'):  # fmt: skip
        assert headers._header_object("Content-Type", value) == (value, None)
    for value in ("text/plain; charset=utf-8", 'multipart/mixed; boundary="a"; boundary="b"', 'a/b; c="=?d"'):
        assert headers._header_object("Content-Type", value)[0] is not value
