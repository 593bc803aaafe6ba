"""parse_message, parse_header and dedupe_key give, for every mail the suite keeps (tests/corpus,
the reply corpus), what they gave when recorded: a digest of each result's repr (every field,
attachments' bytes and names, defects) per mail, in parse_recorded.json beside this file.

A guard for the shortcuts parsing takes (issue 20): a change meant to alter what a mail parses to
re-records with ``PYTHONPATH=. python3 tests/unit/test_parse_recorded.py`` and says why.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from mailbot.mail.identity import dedupe_key
from mailbot.mail.parse import parse_header, parse_message

RECORDED = Path(__file__).with_name("parse_recorded.json")
CORPUS = Path(__file__).parents[1] / "corpus"


def mails() -> Iterator[tuple[str, bytes]]:
    from tests.reply_corpus import cases, heldout
    from tests.reply_corpus.score import raw_mail

    for path in sorted(CORPUS.glob("*.eml")):
        yield path.name, path.read_bytes()
    for case in [*cases.CASES, *heldout.HELDOUT]:
        yield f"reply:{case.name}", raw_mail(case)


def digest(raw: bytes) -> str:
    parsed = parse_message(raw)
    reading = repr((parsed, parse_header(raw), dedupe_key(parsed, raw)))
    return hashlib.sha256(reading.encode("utf-8", "surrogatepass")).hexdigest()


def test_every_kept_mail_parses_as_it_did_when_recorded() -> None:
    recorded = json.loads(RECORDED.read_text())

    got = {name: digest(raw) for name, raw in mails()}

    assert got.keys() == recorded.keys()
    assert [name for name in got if got[name] != recorded[name]] == []


if __name__ == "__main__":
    sys.path[1:1] = [str(Path(__file__).parents[2]), str(Path(__file__).parents[1])]
    RECORDED.write_text(
        json.dumps({name: digest(raw) for name, raw in mails()}, indent=0, sort_keys=True) + "\n"
    )
