"""mailbot's reply corpus (tests/reply_corpus): every case's new_text is exactly as stated.

Each case is a whole client mail (plain text or HTML) parsed by parse_message, as intake does.
"""

from __future__ import annotations

from collections import Counter

import pytest
from reply_corpus.cases import CASES
from reply_corpus.clients import Case
from reply_corpus.heldout import HELDOUT
from reply_corpus.score import raw_mail

from mailbot.mail.parse import parse_message

KINDS = {
    "attribution", "attribution-no-space", "attribution-sent", "attribution-date-first",
    "attribution-same-line", "attribution-three-lines", "attribution-wrapped", "attribution-unmarked-quote",
    "header-block", "header-block-no-subject", "header-block-date-first", "separator", "separator-android",
    "separator-dashed-attribution", "wrapped-link", "own-marker-line", "forward-kept", "own-blockquote",
    "all-quote", "inline-reply", "false-positive", "sign-off", "device-line", "list-footer", "plain-blockquote-quote",
}  # fmt: skip
LANGUAGES = {"en", "de", "fr", "es", "nl", "it", "pt", "da", "sv", "no", "pl", "ru", "vi", "cs", "ja", "zh"}
CLIENTS = {"gmail", "outlook", "outlook-web", "outlook-mobile", "apple", "thunderbird", "yahoo", "protonmail"}


@pytest.mark.parametrize("case", CASES + HELDOUT, ids=lambda case: case.name)
def test_reply_corpus_case_gives_exactly_the_clients_words(case: Case) -> None:
    # given a client's mail as their mail program wrote it; when it is parsed
    parsed = parse_message(raw_mail(case))

    # then new_text is exactly their words, and nothing of theirs is only in quoted_text
    assert parsed.new_text == case.expected


def test_reply_corpus_covers_every_kind_language_and_client() -> None:
    kinds = Counter(case.kind for case in CASES)
    html_clients = {case.client for case in CASES if case.html}

    assert len(CASES) >= 250
    assert set(kinds) == KINDS
    assert {case.lang for case in CASES} == LANGUAGES
    assert html_clients >= CLIENTS
    assert {"samsung", "outlook-mobile"} <= html_clients  # phone clients
