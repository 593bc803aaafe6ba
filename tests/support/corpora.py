"""Every text the suite keeps, for a guard to compare a faster function with the one it replaced on
real-looking mail before generated text: the mails of tests/corpus (whole, as text), the reply
corpus's bodies and what their clients wrote, and the risk corpus's sentences."""

from __future__ import annotations

import functools
from pathlib import Path

from tests.reply_corpus.cases import CASES
from tests.risk_corpus.measure import FOLDERS, lines

CORPUS = Path(__file__).parents[1] / "corpus"


@functools.cache
def texts() -> tuple[str, ...]:
    mails = [path.read_bytes().decode("utf-8", "surrogateescape") for path in sorted(CORPUS.glob("*.eml"))]
    replies = [text for case in CASES for text in (case.body, case.expected)]
    risk = [line for folder in FOLDERS for path in sorted(Path(folder).glob("*.txt")) for line in lines(path)]
    return (*mails, *replies, *risk)


@functools.cache
def text_lines() -> tuple[str, ...]:
    """Each line of :func:`texts`, once."""
    return tuple(dict.fromkeys(line for text in texts() for line in text.splitlines()))
