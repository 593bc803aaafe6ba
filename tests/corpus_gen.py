"""Corpus messages too big to commit, built on demand: each function returns the raw bytes.

They follow tests/corpus/README.md: the client writes from ``client@corpus.example`` and the
therapist is ``therapist@corpus.example``, for a test to replace. ``GENERATED`` names each one
as tests/corpus/outcomes.toml does.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

CLIENT = "client@corpus.example"
THERAPIST = "therapist@corpus.example"


def _head(subject: str, message_id: str, content_type: str, sender: str = CLIENT, extra: str = "") -> bytes:
    return (
        f"From: Corpus Client <{sender}>\r\nTo: {THERAPIST}\r\nSubject: {subject}\r\n"
        f"Date: Mon, 25 Nov 2024 16:00:00 +0000\r\nMessage-ID: <{message_id}@corpus.example>\r\n"
        f"{extra}MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n\r\n"
    ).encode()


def nested_multipart(depth: int) -> bytes:
    """The client's words inside ``depth`` levels of multipart/mixed."""
    opening = b"".join(
        b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (level - 1, level)
        for level in range(1, depth)
    )
    closing = b"".join(b"\r\n--b%d--\r\n" % level for level in reversed(range(depth)))
    head = _head(f"journal, {depth} levels deep", f"nested-{depth}", 'multipart/mixed; boundary="b0"')
    leaf = b"--b%d\r\nContent-Type: text/plain\r\n\r\nhello deep" % (depth - 1)
    return head + opening + leaf + closing


def nested_100_deep() -> bytes:
    return nested_multipart(100)


def nested_1500_deep() -> bytes:
    """Deeper than the email package can recurse."""
    return nested_multipart(1500)


def one_megabyte_line() -> bytes:
    """A body of one line, one mebibyte long, no line break anywhere."""
    line = ("word " * 210_000)[: 1024 * 1024]
    return _head("mood log, one line", "one-mb-line", "text/plain; charset=utf-8") + line.encode()


def thirty_megabyte_attachment() -> bytes:
    """A 30 MB video of an exposure exercise, base64 encoded: about 40 MB on the wire."""
    payload = bytes(range(256)) * (30 * 1024 * 1024 // 256)
    encoded = base64.encodebytes(payload).replace(b"\n", b"\r\n")
    return (
        _head("exposure video", "thirty-mb", 'multipart/mixed; boundary="big"')
        + b"--big\r\nContent-Type: text/plain\r\n\r\nThe video of the lift exercise.\r\n"
        + b'--big\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment; filename="lift.mp4"\r\n'
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + encoded
        + b"--big--\r\n"
    )


FLOOD = 70_000  # more values than one SQL statement may bind on PostgreSQL (65,535)


def references_flood() -> bytes:
    """A reply whose References name 70,000 different messages."""
    ids = "\r\n ".join(f"<r{n}@flood.example>" for n in range(FLOOD))
    extra = f"In-Reply-To: <r0@flood.example>\r\nReferences: {ids}\r\n"
    head = _head("Re: journal", "references-flood", "text/plain; charset=utf-8", extra=extra)
    return head + b"My journal, in a thread my mail program never trims.\r\n"


def token_flood() -> bytes:
    """A stranger's mail whose subject holds 10,000 different codes shaped like tokens.

    Each starts with a U, which mailbot never puts in a token: none can name a real assignment.
    """
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    tokens = " ".join(
        "HW-U" + "".join(alphabet[(n >> shift) & 31] for shift in (15, 10, 5, 0)) for n in range(10_000)
    )
    head = _head(tokens, "token-flood", "text/plain; charset=utf-8", sender="codes@shop.example")
    return head + b"Your discount codes.\r\n"


def long_message_id() -> bytes:
    """A Message-ID of 2,000 characters (RFC 5322 lines end at 998)."""
    head = _head("journal", "m" * 2000, "text/plain; charset=utf-8")
    return head + b"A Message-ID longer than any line may be.\r\n"


def long_name_and_subject() -> bytes:
    """A display name of 1,000 characters and a subject of 22,500."""
    raw = _head("thought record " * 1500, "long-name", "text/plain; charset=utf-8")
    return raw.replace(b"From: Corpus Client", b"From: " + b"N" * 1000) + b"Long headers, short words.\r\n"


def long_content_type() -> bytes:
    """An attachment whose content type is 1,012 characters long."""
    return (
        _head("worksheet", "long-type", 'multipart/mixed; boundary="long"')
        + b"--long\r\nContent-Type: text/plain\r\n\r\nThe worksheet.\r\n"
        + b"--long\r\nContent-Type: application/"
        + b"x" * 1000
        + b"\r\n"
        + b'Content-Disposition: attachment; filename="worksheet.bin"\r\n\r\npayload\r\n--long--\r\n'
    )


# Bombs (issue 14): small mails that cost the square of their size, or thousands of files, when
# read naively. tests/integration/test_bombs.py runs intake on each under a memory limit.


def quote_depth_bomb(repeats: int) -> bytes:
    """HTML of ``repeats`` nested blockquotes, each with a paragraph: 16 bytes a level."""
    html = "<html><body>" + "<blockquote>x<p>" * repeats + "</body></html>"
    head = _head(f"journal, {repeats} quotes deep", f"quote-bomb-{repeats}", "text/html; charset=utf-8")
    return head + html.encode()


def quote_depth_bomb_small() -> bytes:
    return quote_depth_bomb(20_000)  # 0.32 MB


def quote_depth_bomb_large() -> bytes:
    return quote_depth_bomb(106_000)  # 1.7 MB


def spoofed_quote_depth_bomb() -> bytes:
    """The same bomb in the client's name, failing DMARC."""
    extra = "Authentication-Results: mx.corpus.example; dmarc=fail header.from=corpus.example\r\n"
    html = "<html><body>" + "<blockquote>x<p>" * 20_000 + "</body></html>"
    return _head("journal", "spoofed-quote-bomb", "text/html; charset=utf-8", extra=extra) + html.encode()


def address_header_bomb() -> bytes:
    """A stranger's mail with a To header of 1.27 MB (62,000 addresses)."""
    to = ",\r\n ".join(f"reader{n}@flood.example" for n in range(62_000))
    head = _head("newsletter", "address-bomb", "text/plain; charset=utf-8", sender="news@flood.example")
    return (
        head.replace(f"To: {THERAPIST}\r\n".encode(), f"To: {THERAPIST},\r\n {to}\r\n".encode()) + b"Hi.\r\n"
    )


def content_type_parameter_bomb() -> bytes:
    """The client's homework whose Content-Type carries 60,000 parameters after its boundary (1 MB)."""
    params = ";\r\n ".join(f"p{n}=v{n}" for n in range(60_000))
    head = _head("journal", "parameter-bomb", f'multipart/mixed; boundary="pb";\r\n {params}')
    return head + b"--pb\r\nContent-Type: text/plain\r\n\r\nMy journal, under many parameters.\r\n--pb--\r\n"


def ten_thousand_parts() -> bytes:
    """The client's homework in 10,000 tiny attachments (1.1 MB)."""
    parts = b"".join(
        b'--tp\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="p%d.bin"'
        b"\r\n\r\nx\r\n" % n
        for n in range(10_000)
    )
    head = _head("journal in pieces", "ten-thousand-parts", 'multipart/mixed; boundary="tp"')
    text = b"--tp\r\nContent-Type: text/plain\r\n\r\nMy journal, in many pieces.\r\n"
    return head + text + parts + b"--tp--\r\n"


BOMBS = (
    "gen-quote-depth-bomb",
    "gen-quote-depth-bomb-large",
    "gen-spoofed-quote-depth-bomb",
    "gen-address-header-bomb",
    "gen-content-type-parameter-bomb",
    "gen-ten-thousand-parts",
)

GENERATED: dict[str, Callable[[], bytes]] = {
    "gen-nested-multipart-100-deep": nested_100_deep,
    "gen-nested-multipart-1500-deep": nested_1500_deep,
    "gen-one-megabyte-single-line": one_megabyte_line,
    "gen-thirty-megabyte-attachment": thirty_megabyte_attachment,
    "gen-references-flood": references_flood,
    "gen-token-flood": token_flood,
    "gen-long-message-id": long_message_id,
    "gen-long-name-and-subject": long_name_and_subject,
    "gen-long-content-type": long_content_type,
    "gen-quote-depth-bomb": quote_depth_bomb_small,
    "gen-quote-depth-bomb-large": quote_depth_bomb_large,
    "gen-spoofed-quote-depth-bomb": spoofed_quote_depth_bomb,
    "gen-address-header-bomb": address_header_bomb,
    "gen-content-type-parameter-bomb": content_type_parameter_bomb,
    "gen-ten-thousand-parts": ten_thousand_parts,
}
