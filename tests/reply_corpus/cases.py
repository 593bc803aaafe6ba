"""mailbot's reply corpus: client mails of every kind in the issue, with the exact new_text.

Built from the client layouts in clients.py and the languages in languages.py, plus mails
written one by one in special.py for the kinds that need their own wording.
"""

from __future__ import annotations

from reply_corpus import clients as c
from reply_corpus.languages import LANGUAGES, Language
from reply_corpus.special import SPECIAL

ADDR = c.ADDR


def _header(lang: Language, subject: bool = True, date_first: bool = False) -> list[tuple[str, str]]:
    sender, sent, to, subj = lang.labels
    rows = [(sender, f"Homework <{ADDR}>"), (sent, lang.sent_value), (to, "Dirk <dirk@client.example>")]
    if date_first:
        rows = [rows[1], rows[0], rows[2]]
    if subject:
        rows.append((subj, "Re: " + lang.quoted[0][:20]))
    return rows


def _plain_header(rows: list[tuple[str, str]]) -> str:
    return "\n".join(f"{label} {value}" for label, value in rows)


def _attribution_cases(lang: Language) -> list[c.Case]:
    reply, quoted, expected = lang.reply, lang.quoted, "\n".join(lang.reply)
    div_expected = expected
    para_expected = "\n\n".join(lang.reply)
    name = lang.code
    return [
        c.Case(f"{name}-gmail-plain", "attribution", "gmail", name, c.plain_top(reply, lang.gmail, quoted), expected),
        c.Case(f"{name}-apple-plain", "attribution", "apple", name, c.plain_top(reply, lang.apple, quoted), expected),
        c.Case(
            f"{name}-thunderbird-plain", "attribution", "thunderbird", name,
            c.plain_top(reply, lang.thunderbird, quoted), expected,
        ),
        c.Case(
            f"{name}-yahoo-plain-unmarked", "attribution-unmarked-quote", "yahoo", name,
            c.plain_top(reply, lang.gmail, quoted, marks=False), expected,
        ),
        c.Case(
            f"{name}-gmail-html", "attribution", "gmail", name, c.gmail_html(reply, lang.gmail, quoted),
            div_expected, html=True,
        ),
        c.Case(
            f"{name}-apple-ios-html", "attribution", "apple", name, c.apple_html(reply, lang.apple, quoted),
            div_expected, html=True,
        ),
        c.Case(
            f"{name}-apple-mac-html", "attribution", "apple", name, c.apple_mac_html(reply, lang.apple, quoted),
            div_expected, html=True,
        ),
        c.Case(
            f"{name}-thunderbird-html", "attribution", "thunderbird", name,
            c.thunderbird_html(reply, lang.thunderbird, quoted), para_expected, html=True,
        ),
        c.Case(
            f"{name}-yahoo-html", "attribution", "yahoo", name, c.yahoo_html(reply, lang.gmail, quoted),
            div_expected, html=True,
        ),
        c.Case(
            f"{name}-proton-html", "attribution", "protonmail", name, c.proton_html(reply, lang.apple, quoted),
            div_expected, html=True,
        ),
    ]  # fmt: skip


def _outlook_cases(lang: Language) -> list[c.Case]:
    reply, quoted, name = lang.reply, lang.quoted, lang.code
    expected = "\n".join(reply)
    body = "\n".join(quoted)
    full, no_subject, date_first = _header(lang), _header(lang, subject=False), _header(lang, date_first=True)
    return [
        c.Case(
            f"{name}-outlook-plain", "header-block", "outlook", name,
            f"{expected}\n\n________________________________\n{_plain_header(full)}\n\n{body}\n", expected,
        ),
        c.Case(
            f"{name}-outlook-plain-no-subject", "header-block-no-subject", "outlook", name,
            f"{expected}\n\n{_plain_header(no_subject)}\n\n{body}\n", expected,
        ),
        c.Case(
            f"{name}-outlook-plain-date-first", "header-block-date-first", "outlook", name,
            f"{expected}\n\n{_plain_header(date_first)}\n\n{body}\n", expected,
        ),
        c.Case(
            f"{name}-outlook-original-message", "separator", "outlook", name,
            f"{expected}\n\n{lang.original}\n{_plain_header(full)}\n\n{body}\n", expected,
        ),
        c.Case(
            f"{name}-outlook-desktop-html", "header-block", "outlook", name,
            c.outlook_desktop_html(reply, full, quoted), "\n\n".join(reply), html=True,
        ),
        c.Case(
            f"{name}-outlook-web-html", "header-block", "outlook-web", name,
            c.outlook_web_html(reply, full, quoted), expected, html=True,
        ),
        c.Case(
            f"{name}-outlook-mobile-html", "device-line", "outlook-mobile", name,
            c.outlook_mobile_html(reply, full, quoted, lang.get_outlook), expected, html=True,
        ),
        c.Case(
            f"{name}-samsung-html", "device-line", "samsung", name,
            c.samsung_html(reply, "-------- Original message --------", full, quoted, lang.device),
            expected, html=True,
        ),
        c.Case(
            f"{name}-iphone-device-plain", "device-line", "apple", name,
            f"{expected}\n\n{lang.device}\n\n{lang.apple}\n" + "".join(f"> {q}\n" for q in quoted), expected,
        ),
    ]  # fmt: skip


def all_cases() -> list[c.Case]:
    cases: list[c.Case] = []
    for lang in LANGUAGES:
        cases += _attribution_cases(lang)
        cases += _outlook_cases(lang)
    cases += SPECIAL
    names = [case.name for case in cases]
    assert len(names) == len(set(names)), "corpus case names must be unique"
    return cases


CASES = all_cases()
