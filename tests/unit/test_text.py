"""Bytes and markup to text: charset fallbacks, lenient base64, flowed text, HTML layout."""

from __future__ import annotations

import base64

import pytest

from mailbot.mail.html_text import html_to_text
from mailbot.mail.text import codec_for, decode_base64, decode_text, printable, unflow


@pytest.mark.parametrize(
    ("data", "charset", "text"),
    [
        ("Grüße".encode(), "utf-8", "Grüße"),
        ("Grüße".encode("latin-1"), "iso-8859-1", "Grüße"),
        (b"\x93quoted\x94", "iso-8859-1", "\u201cquoted\u201d"),  # really Windows-1252
        ("Grüße".encode(), "us-ascii", "Grüße"),  # mislabelled UTF-8
        ("Grüße".encode("latin-1"), None, "Grüße"),
        ("Grüße".encode("latin-1"), "x-unknown", "Grüße"),
        ("Grüße".encode(), "x-unknown", "Grüße"),
    ],
)
def test_declared_charset_then_utf8_then_windows_1252(data: bytes, charset: str | None, text: str) -> None:
    assert decode_text(data, charset)[0] == text


def test_unknown_charset_is_named_in_the_problem() -> None:
    assert decode_text(b"abc", "x-unknown") == ("abc", "undecodable charset x-unknown")


def test_mostly_utf8_with_one_bad_byte_keeps_the_good_characters() -> None:
    data = "Übung für Ärger und Ölung".encode() + b"\xff"

    text, problem = decode_text(data, "x-unknown")

    assert text == "Übung für Ärger und Ölung\ufffd"
    assert problem == "undecodable charset x-unknown"


@pytest.mark.parametrize("label", ["base64", "rot13", "unicode_escape", "idna", "a\x00b", "x" * 100])
def test_codecs_that_are_not_charsets_are_refused(label: str) -> None:
    assert codec_for(label) is None


def test_common_charset_aliases_resolve() -> None:
    assert [codec_for(label) for label in ("UTF8", '"windows-1252"', "cp-850", "ks_c_5601-1987")] == [
        "utf-8",
        "cp1252",
        "cp850",
        "cp949",
    ]


def test_base64_is_decoded_across_line_breaks_and_junk() -> None:
    encoded = base64.encodebytes(b"x" * 200).replace(b"\n", b"\r\n !")

    assert decode_base64(encoded) == (b"x" * 200, None)


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_truncated_base64_is_decoded_as_far_as_it_goes(cut: int) -> None:
    encoded = base64.b64encode(b"homework!")[:-cut]

    data, problem = decode_base64(encoded)

    assert b"homework!".startswith(data) and len(data) >= 6
    assert problem == "truncated base64"


def test_base64_glued_after_padding_is_not_cut_off() -> None:
    glued = base64.b64encode(b"ab") + b"\n" + base64.b64encode(b"cd")

    assert decode_base64(glued) == (b"abcd", "base64 data after padding")


def test_base64_accepts_an_ascii_string() -> None:
    assert decode_base64("aGk=") == (b"hi", None)


def test_flowed_lines_are_joined_and_quote_depth_kept() -> None:
    flowed = "First half \nsecond half.\n> quoted \n> more\n-- \nsig"

    assert unflow(flowed, delsp=False) == "First half second half.\n> quoted more\n-- \nsig"


def test_flowed_delsp_removes_the_joining_space() -> None:
    assert unflow("Zusammen \ngeschrieben", delsp=True) == "Zusammengeschrieben"


def test_html_cited_blockquotes_nest_as_quote_marks() -> None:
    markup = (
        '<p>Mine</p><blockquote type="cite">Theirs<blockquote type="cite">Older</blockquote></blockquote>'
    )

    assert html_to_text(markup) == "Mine\n\n> Theirs\n> > Older"


def test_html_plain_blockquote_is_the_clients_own_text() -> None:
    # given a blockquote the client wrote (no type=cite, outside any quote container)
    markup = '<div>My mother wrote:</div><blockquote>You never call.</blockquote><blockquote class="gmail_quote">Me</blockquote>'

    # then it is not marked as quoted mail
    assert html_to_text(markup) == "My mother wrote:\nYou never call.\nMe"


def test_html_gmail_forward_container_is_not_marked_as_quoted() -> None:
    markup = (
        '<div>See below</div><div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message '
        "---------<br>From: X</div><div>Their words</div></div>"
    )

    assert html_to_text(markup) == "See below\n---------- Forwarded message ---------\nFrom: X\nTheir words"


def test_html_gmail_quote_container_marks_its_attribution_too() -> None:
    markup = (
        '<div>New</div><div class="gmail_quote"><div class="gmail_attr">On 1 Jan 2024 10:00 X wrote:'
        '</div><blockquote class="gmail_quote">Old</blockquote></div>'
    )

    assert html_to_text(markup) == "New\n> On 1 Jan 2024 10:00 X wrote:\n> Old"


def test_html_invisible_parts_are_dropped() -> None:
    markup = (
        "<head><title>T</title></head><script>s()</script><style>p{}</style>"
        '<span hidden>h</span><div style="display: none">n</div><iframe>i</iframe>'
        "<form><p>f</p></form><!-- comment --><p>shown</p>"
    )

    assert html_to_text(markup) == "shown"


def test_html_ordered_list_keeps_numbers_and_pre_keeps_spacing() -> None:
    markup = "<ol><li>first</li><li>second</li></ol><pre>a    b\n  c</pre>"

    assert html_to_text(markup) == "1. first\n2. second\na    b\n  c"


def test_html_whitespace_and_entities_collapse() -> None:
    assert html_to_text("<p>one&nbsp;&amp;\n   two</p><p></p><p></p><p>three</p>") == "one & two\n\nthree"


def test_html_deeply_nested_does_not_recurse() -> None:
    assert html_to_text("<div>" * 20_000 + "deep" + "</div>" * 20_000) == "deep"


def test_text_labelled_utf8_but_written_in_windows_1252_is_read_as_windows_1252() -> None:
    text, problem = decode_text("Gefühl: ängstlich – Café".encode("cp1252"), "utf-8")

    assert (text, problem) == ("Gefühl: ängstlich – Café", "bytes invalid in charset utf-8")


def test_private_x_labels_of_real_charsets_are_understood() -> None:
    assert codec_for("x-mac-roman") == "mac-roman"
    assert decode_text(b"caf\x8e", "x-mac-roman") == ("café", None)


def test_printable_replaces_control_characters_but_tab_and_newline() -> None:
    assert printable("a\x1b[2Jb\tc\nd\x07e\x9bf\x7f") == "a\ufffd[2Jb\tc\nd\ufffde\ufffdf\ufffd"
