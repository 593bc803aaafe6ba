"""Score a reply parser on mailbot's reply corpus, by kind: python3 tests/reply_corpus/score.py [parser] [corpus].

parser: mailbot (default), talon or mail-parser-reply (each must be importable); corpus: cases
(default) or heldout. A case passes when the parser's new text equals the expected text, with
runs of whitespace made one space (the other parsers do not keep blank lines as mailbot does).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from reply_corpus.clients import Case  # noqa: E402


def raw_mail(case: Case) -> bytes:
    message = EmailMessage()
    message["From"] = "Dirk <dirk@client.example>"
    message["To"] = "homework@practice.example"
    message["Subject"] = "Re: homework"
    message["Message-ID"] = f"<{case.name}@client.example>"
    message.set_content(case.body, subtype="html" if case.html else "plain")
    return bytes(message)


def mailbot_parser(case: Case) -> str:
    from mailbot.mail.parse import parse_message

    return parse_message(raw_mail(case)).new_text


def talon_parser(case: Case) -> str:
    from talon import quotations  # type: ignore[import-not-found]
    from talon.signature.bruteforce import extract_signature  # type: ignore[import-not-found]

    if case.html:
        from mailbot.mail.html_text import html_to_text

        text = html_to_text(quotations.extract_from_html(case.body))
    else:
        text = str(quotations.extract_from_plain(case.body))
    return str(extract_signature(text)[0])  # talon's rule-based signature cut (no scikit-learn)


def mpr_parser(case: Case) -> str:
    from mailparser_reply import EmailReplyParser  # type: ignore[import-not-found]

    text = case.body
    if case.html:
        from mailbot.mail.html_text import html_to_text

        text = html_to_text(text)
    languages = ["en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "pt"]
    return str(EmailReplyParser(languages=languages).parse_reply(text=text))


PARSERS: dict[str, Callable[[Case], str]] = {
    "mailbot": mailbot_parser,
    "talon": talon_parser,
    "mail-parser-reply": mpr_parser,
}


def same(got: str, expected: str) -> bool:
    return " ".join(got.split()) == " ".join(expected.split())


def score(parser: Callable[[Case], str], cases: list[Case]) -> tuple[Counter[str], Counter[str], list[str]]:
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failed: list[str] = []
    for case in cases:
        total[case.kind] += 1
        try:
            ok = same(parser(case), case.expected)
        except Exception as error:  # another library's crash is a failed case, not a stop
            ok = False
            failed.append(f"{case.name}: {type(error).__name__}")
        passed[case.kind] += ok
        if not ok:
            failed.append(case.name)
    return passed, total, failed


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "mailbot"
    corpus = sys.argv[2] if len(sys.argv) > 2 else "cases"
    if corpus == "heldout":
        from reply_corpus.heldout import HELDOUT as cases
    else:
        from reply_corpus.cases import CASES as cases
    passed, total, failed = score(PARSERS[name], cases)
    for kind in sorted(total):
        print(f"| {kind} | {passed[kind]} / {total[kind]} |")
    print(f"| all | {sum(passed.values())} / {sum(total.values())} |")
    if "-v" in sys.argv:
        print("failed:", *failed, sep="\n  ")


if __name__ == "__main__":
    main()
