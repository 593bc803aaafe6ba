"""Each shortcut reading a message takes gives what the long way gave: the long way is written
out here as it was, and compared on the corpora (tests/corpus, the reply corpus) and on generated
input. (The HTML tree is compared with BeautifulSoup's in test_html_tree.py, the MIME structure
with the email package's in test_set_aside.py.)
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email import message_from_bytes, policy, utils
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st
from support.budget import guard

from mailbot.mail import headers, html_text, parse, quote_marks, quotes, text
from mailbot.mail.headers import _FOLD, _NEWLINES, _SURROGATE_ESCAPE
from mailbot.mail.html_tree import Element
from mailbot.mail.quotes import split_quoted
from tests.reply_corpus.cases import CASES

CORPUS = Path(__file__).parents[1] / "corpus"

MARKER_PIECES = [
    " ", "\t", ">", "> ", "-", "--", "*", ":", "：", "From", "from", "Von", "Sent", "Date", "Gesendet",
    "Original Message", "original  message", "Forwarded message", "Begin forwarded message", "De", "ſent",
    "ＦＲＯＭ", "Kelvin\u212a", "\u00a0", "\u2028", "x", "é", "送信日時", "보낸 사람", "Wiadomość oryginalna",
    "From:", "Date:", "Sent:", "Datum：", "-----", "Subject:",
]  # fmt: skip


@settings(max_examples=guard(), deadline=None)
@given(st.lists(st.sampled_from(MARKER_PIECES) | st.text(max_size=3), max_size=8))
def test_may_be_structure_is_true_whenever_one_of_the_four_markers_matches(pieces: list[str]) -> None:
    line = "".join(pieces)
    markers = (
        quote_marks.ORIGINAL_MESSAGE,
        quote_marks.FORWARD,
        quote_marks.FROM_LABEL,
        quote_marks.DATE_LABEL,
    )

    assert quote_marks.may_be_structure(line) == any(marker.match(line) for marker in markers)


def date_the_long_way(value: str | None, defects: list[str]) -> datetime | None:
    if value is None:
        return None
    value = headers.unfold(value).strip()
    parsed = None
    try:
        parsed = policy.default.header_factory("date", value).datetime
    except Exception:
        try:
            parsed = utils.parsedate_to_datetime(value)
        except Exception:
            parsed = None
    if parsed is None:
        defects.append("unparseable Date")
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


DATE_PIECES = [
    "Mon, ", "4 Mar 2024 ", "31 Feb 2024 ", "09:00:00 ", "25:61:61 ", "+0000", "-0000", "+9999", "GMT", "EST",
    "(comment)", "99999 ", "0 ", "Jan ", "1 ", "\r\n ", "  ", ",", "=?utf-8?q?x?=", "\udcff",
]  # fmt: skip


@settings(max_examples=guard(), deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES) | st.text(max_size=4), max_size=8))
def test_date_reads_as_the_modern_date_header_did(pieces: list[str]) -> None:
    value = "".join(pieces)
    expected_defects: list[str] = []
    defects: list[str] = []

    assert headers.date(value, defects) == date_the_long_way(value, expected_defects)
    assert defects == expected_defects


def unfold_the_long_way(value: str) -> str:
    value = _NEWLINES.sub(" ", _FOLD.sub("", value))
    if not _SURROGATE_ESCAPE.search(value):
        return text.scrub(value)
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.scrub(value)
    return text.scrub(text.decode_text(data, None)[0])


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.sampled_from(["\r\n ", "\n\t", "\r", "\n", "a", " ", "\x00", "\udc80", "\ud800", "é"]), max_size=12
    )
)
def test_unfold_and_scrub_give_what_they_gave(pieces: list[str]) -> None:
    value = "".join(pieces)

    assert headers.unfold(value) == unfold_the_long_way(value)
    assert text.scrub(value) == re.sub("[\ud800-\udfff]", "\ufffd", value.replace("\x00", "\ufffd"))


CONTROL_PIECES = [
    "a", "é", "©", "\u0080", "\u009f", "\u00a0", "\u00c2", "’", "\t", "\n", "\r", "\x00", "\x08", "\x0b",
    "\x1b[2J", "\x7f", "\udc80", "\ud800", "😀", "送",
]  # fmt: skip


@settings(max_examples=guard(), deadline=None)
@given(st.lists(st.sampled_from(CONTROL_PIECES) | st.text(max_size=3), max_size=12))
def test_printable_and_scrub_change_what_their_expressions_change(pieces: list[str]) -> None:
    value = "".join(pieces)

    assert text.printable(value) == re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", value)
    assert text.scrub(value) == re.sub("[\ud800-\udfff]", "\ufffd", value.replace("\x00", "\ufffd"))


def decode_base64_the_long_way(data: bytes | str) -> tuple[bytes, str | None]:
    glued = text._GLUED_TEXT.search(data) if isinstance(data, str) else text._GLUED_BYTES.search(data)
    if not glued:
        try:
            return binascii.a2b_base64(data), None
        except (binascii.Error, ValueError):
            problem = "truncated base64"
    else:
        problem = "base64 data after padding"
    raw = data.encode("ascii", "ignore") if isinstance(data, str) else data
    return b"".join(text._decode_base64_chunk(chunk) for chunk in re.split(rb"=+", raw)), problem


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["QUJD", "RA==", "QR==", "QUI=", "=", "==", "\r\n", "\n", "\r", "A", "-", " ", "Rg", "é"]
        ),
        max_size=12,
    ),
    st.booleans(),
)
def test_decode_base64_gives_what_it_gave(pieces: list[str], as_text: bool) -> None:
    joined = "".join(pieces)
    data: bytes | str = joined if as_text else joined.encode()

    assert text.decode_base64(data) == decode_base64_the_long_way(data)


ATTRIBUTION_PIECES = [
    "On Mon, 4 Mar 2024 at 09:00, Bob <bob@example.com> wrote:", "Am 04.03.2024 um 9.30 schrieb Bob:", "wrote:",
    "---- Homework wrote ----", "Answer 1:", "> Prediction:", "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:",
    "Bob <bob@example.com>", "on", "2024", "x2024", "9h30", "--", "-", "\t", " ", "> ", "Thanks.", "", "年", "2024年",
]  # fmt: skip


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(ATTRIBUTION_PIECES) | st.text(max_size=3), max_size=4).map(" ".join),
        max_size=10,
    ),
    st.booleans(),
)
@example(["My words.", "---- Homework wrote ----", "> the form"], False)
def test_the_quick_test_for_attributions_changes_no_split(lines: list[str], marked: bool) -> None:
    text_of_mail = "\n".join(lines)
    with patch.object(quote_marks, "may_hold_attribution", lambda _text: True):
        expected = split_quoted(text_of_mail, marked)

    assert split_quoted(text_of_mail, marked) == expected


def ends_like_attribution_the_long_way(line: str) -> bool:
    tail = line.rstrip().rstrip("-").rstrip()
    if tail.endswith((":", "：")) or quote_marks._ENDS_WITH_ADDRESS.search(tail[-80:]):
        return True
    return line.rstrip().endswith("--") and bool(quote_marks._ATTRIBUTION_END.search(line[-170:]))


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*ATTRIBUTION_PIECES, "@", "a@b", "<a@b>", ":", "：", "-", "--", " ", ">", ">>>", "<<<"]
        )
        | st.text(max_size=3)
    )
)
def test_ends_like_attribution_gives_what_it_gave(pieces: list[str]) -> None:
    line = "".join(pieces)

    assert quote_marks.ends_like_attribution(line) == ends_like_attribution_the_long_way(line)
    stripped = line.strip()
    is_quote = stripped.startswith(">") and not (stripped.startswith(">>>") and stripped.endswith("<<<"))
    assert quotes._is_quote_line(line) == is_quote


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2028"]
        )
        | st.sampled_from(["a", "é", "\x7f", "\x00", "word", "\u3000"])
        | st.text(max_size=3),
        max_size=10,
    )
)
def test_html_text_makes_each_run_of_white_space_one_space_as_the_expression_did(pieces: list[str]) -> None:
    value = "".join(pieces)
    out = html_text._Lines()

    html_text._text(value, out)

    assert out.parts == [re.sub(r"\s+", " ", value)]


@settings(max_examples=guard(), deadline=None)
@given(
    st.one_of(
        st.none(),
        st.lists(st.sampled_from(["gmail_quote", "x", "yahoo_quoted", "", "GMAIL_QUOTE"]), max_size=4),
        st.lists(st.sampled_from(["gmail_quote", "x", " ", "\t", "protonmail_quote"]), max_size=4).map(
            "".join
        ),
    )
)
def test_a_tag_has_a_quote_class_as_the_set_of_its_classes_said(value: list[str] | str | None) -> None:
    tag = Element("div", {} if value is None else {"class": value}, None)
    words = set(value) if isinstance(value, list) else set(str(value or "").split())

    for names in (html_text._QUOTE_CLASSES, html_text._CITE_CLASSES):
        assert html_text._has_class(tag, names) == bool(words & names)


def corpus_mails() -> list[tuple[list[tuple[str, str]], str]]:
    """Each mail the suite keeps: its raw header fields and its text (tests/corpus, the reply
    corpus's bodies)."""
    found = []
    for path in sorted(CORPUS.glob("*.eml")):
        raw = path.read_bytes()
        fields = message_from_bytes(raw, policy=policy.compat32).items()
        found.append(([(name, str(value)) for name, value in fields], raw.decode("utf-8", "surrogateescape")))
    found += [([], case.body) for case in CASES]
    return found


MAILS = corpus_mails()


def test_the_corpora_are_read_as_the_long_way_reads_them() -> None:
    # every line, every header value and every whole mail the suite keeps, besides generated input
    for fields, body in MAILS:
        for name, value in fields:
            assert headers.unfold(value) == unfold_the_long_way(value), (name, value)
            if name.lower() == "date":
                expected: list[str] = []
                got: list[str] = []
                assert headers.date(value, got) == date_the_long_way(value, expected) and got == expected
        for line in body.splitlines():
            markers = (quote_marks.ORIGINAL_MESSAGE, quote_marks.FORWARD, quote_marks.FROM_LABEL)
            assert quote_marks.may_be_structure(line) == any(
                marker.match(line) for marker in (*markers, quote_marks.DATE_LABEL)
            ), line
            assert quote_marks.ends_like_attribution(line) == ends_like_attribution_the_long_way(line), line
        for marked in (False, True):
            with patch.object(quote_marks, "may_hold_attribution", lambda _text: True):
                expected_split = split_quoted(body, marked)
            assert split_quoted(body, marked) == expected_split


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(
        st.sampled_from(["_____", "-----", "=====", "_", "-", "=", " ", "\t", ">", "\u2028", "\x1c", "x"])
        | st.text(max_size=2),
        max_size=8,
    )
)
def test_a_separator_line_ends_in_its_mark_so_others_need_not_be_matched(pieces: list[str]) -> None:
    line = "".join(pieces)

    if quote_marks.is_separator_intro(line):
        assert line.rstrip()[-1:] in ("_", "-", "=")


def test_an_empty_text_splits_as_the_long_way_split_it() -> None:
    # the long way found no new words at any unwrapping, so gave the whole (empty) text back
    for marked in (False, True):
        assert not quotes._join(quotes._sides(quotes._split([""], marked))[0])
        assert split_quoted("", marked) == (quotes._join([""]), "") == ("", "")


PARAM_PIECES = [
    "text/plain", "text/html", "application/pdf", "; charset=utf-8", '; charset="ISO-8859-1"', "; charset*=utf-8''%E2",
    "; format=flowed", "; delsp=yes", '; name="a.pdf"', "; name*=utf-8''%C3%A9.pdf", "; name*0=a; name*1=b",
    "; method=REQUEST", "attachment", "inline", '; filename="x y.pdf"', "; filename*=''%ff", ";", "=", '"', " ",
    "\udcff", "(c)", "; charset=\u00e9",
]  # fmt: skip


@settings(max_examples=guard(), deadline=None)
@given(
    st.lists(st.sampled_from(PARAM_PIECES) | st.text(max_size=3), max_size=6),
    st.lists(st.sampled_from(PARAM_PIECES) | st.text(max_size=3), max_size=6) | st.none(),
)
def test_a_part_s_parameters_read_once_are_what_the_email_package_reads(
    content_type: list[str], disposition: list[str] | None
) -> None:
    raw = "Content-Type: " + "".join(content_type) + "\n"
    if disposition is not None:
        raw += "Content-Disposition: " + "".join(disposition) + "\n"
    data = (raw + "\nbody\n").encode("utf-8", "surrogateescape")
    for _ in range(2):  # the second part of the same headers is answered from what was kept
        assert_read_alike(BytesParser(policy=parse._POLICY).parsebytes(data))


def assert_read_alike(part: Message) -> None:
    assert outcome(lambda: headers.part_filename(part)) == outcome(part.get_filename)
    assert outcome(lambda: headers.part_charset(part)) == outcome(part.get_content_charset)
    for name in ("format", "delsp", "method"):
        assert outcome(lambda: headers.part_param(part, name)) == outcome(  # noqa: B023 (called at once)
            lambda: str(part.get_param(name) or "")  # noqa: B023
        )


def outcome(read: Callable[[], object]) -> object:
    try:
        return read()
    except Exception as error:  # the email package raises on some broken parameters
        return type(error).__name__
