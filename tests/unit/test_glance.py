"""The header glance never rules out a message the full reading could look at, and rules out
the everyday mail of strangers."""

from __future__ import annotations

import pytest
from test_header_fields import MESSAGES, header_of, server_header_fields

from mailbot.core.tokens import find_tokens
from mailbot.mail.glance import glance
from mailbot.mail.parse import HEADER_FIELDS, parse_header
from mailbot.passes.intake_facts import thread_ids

THERAPIST = b"ada@practice.example"


def fields_of(raw: bytes) -> bytes:
    return server_header_fields(header_of(raw), HEADER_FIELDS)


def could_concern(header: bytes, clients: set[str], ours: set[str]) -> bool:
    """What makes the full reading (intake_facts.Directory.facts, worth_reading) look at a message:
    a bounce, a client's address, a token, or a reply to mail mailbot sent."""
    parsed = parse_header(header)
    return (
        parsed.automated == "bounce"
        or (parsed.from_address or "") in clients
        or bool(find_tokens(" ".join([parsed.subject, *parsed.recipients])))
        or any(mid in ours for mid in thread_ids(parsed))
    )


@pytest.mark.parametrize("name", sorted(MESSAGES))
@pytest.mark.parametrize("as_client", [True, False])
def test_the_glance_passes_every_message_the_full_reading_could_look_at(name: str, as_client: bool) -> None:
    header = fields_of(MESSAGES[name])
    parsed = parse_header(header)
    clients = {parsed.from_address} if as_client and parsed.from_address else set()
    ours = set(thread_ids(parsed))  # as if every id it answers were mailbot's

    for known_ours in (ours, set()):
        if could_concern(header, clients, known_ours):
            assert glance(header).may_concern(clients, known_ours)


@pytest.mark.parametrize(
    "header",
    [
        b"From: Shop <no-reply@shop.example>\r\nTo: ada@practice.example\r\nSubject: Your order\r\n"
        b"List-Unsubscribe: <mailto:u@shop.example>\r\nMessage-ID: <1@shop.example>\r\n\r\n",
        b'From: "Lee, Sam" <sam@uni.example>\r\nTo: ada@practice.example\r\nSubject: Re: supervision\r\n'
        b"In-Reply-To: <x@practice.example>\r\nReferences: <w@uni.example> <x@practice.example>\r\n\r\n",
    ],
)
def test_a_strangers_everyday_mail_is_ruled_out_without_the_parser(header: bytes) -> None:
    assert glance(header).may_concern(clients={"ben@client.example"}, ours={"<m@practice.example>"}) is False


@pytest.mark.parametrize(
    ("header", "clients", "ours"),
    [
        (b"From: Ben <BEN@Client.example>\r\nSubject: hi\r\n\r\n", {"ben@client.example"}, set()),
        (b"From: x@y.example\r\nSubject: Re: homework [HW-7K2M9Q4P]\r\n\r\n", set(), set()),
        (b"From: x@y.example\r\nTo: ada+hw-7k2m9q4p@practice.example\r\n\r\n", set(), set()),
        (
            b"From: x@y.example\r\nReferences: <a@b>\r\n <m@practice.example>\r\n\r\n",
            set(),
            {"<m@practice.example>"},
        ),
        (b"From: MAILER-DAEMON@mx.example\r\nSubject: failure\r\n\r\n", set(), set()),
        (b"From: =?utf-8?q?Ben?= <ben@client.example>\r\n\r\n", set(), set()),
        (b"From: x@y.example\r\nSubject: =?utf-8?q?HW-7K2M9Q4P?=\r\n\r\n", set(), set()),
    ],
)
def test_a_client_a_token_a_thread_a_bounce_or_an_encoded_word_is_looked_at(
    header: bytes, clients: set[str], ours: set[str]
) -> None:
    assert glance(header).may_concern(clients, ours)
