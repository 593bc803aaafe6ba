"""How each mail client lays out a reply, in plain text and HTML, written for mailbot's corpus.

A ``Case`` is one client mail: its body (plain text or HTML), the kind of quote or signature it
shows, and the exact ``new_text`` mailbot must read from it. The layouts follow what Gmail,
Outlook (desktop, web, mobile), Apple Mail, Thunderbird, Yahoo, ProtonMail and Samsung's phone
client put around a quote; the words are ours.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

ADDR = "homework@practice.example"


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    client: str
    lang: str
    body: str
    expected: str
    html: bool = False


def plain_case(name: str, kind: str, client: str, lang: str, body: str, expected: str) -> Case:
    return Case(name, kind, client, lang, body, expected)


def html_case(name: str, kind: str, client: str, lang: str, body: str, expected: str) -> Case:
    return Case(name, kind, client, lang, body, expected, html=True)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def divs(lines: list[str]) -> str:
    return "".join(f"<div>{esc(line)}</div>" for line in lines)


def plain_top(reply: list[str], attribution: str, quoted: list[str], marks: bool = True) -> str:
    prefix = "> " if marks else ""
    return "\n".join(reply) + "\n\n" + attribution + "\n" + "\n".join(prefix + line for line in quoted) + "\n"


def gmail_html(reply: list[str], attribution: str, quoted: list[str]) -> str:
    return (
        f'<div dir="ltr">{divs(reply)}</div><br><div class="gmail_quote gmail_quote_container">'
        f'<div dir="ltr" class="gmail_attr">{esc(attribution)}<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        f'rgb(204,204,204);padding-left:1ex"><div dir="ltr">{divs(quoted)}</div></blockquote></div>\n'
    )


def apple_html(reply: list[str], attribution: str, quoted: list[str]) -> str:
    return (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        f'<body dir="auto">{divs(reply)}<div dir="ltr"><br><blockquote type="cite">{esc(attribution)}'
        f'<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">{divs(quoted)}</div>'
        "</blockquote></body></html>\n"
    )


def apple_mac_html(reply: list[str], attribution: str, quoted: list[str]) -> str:
    return (
        f'<html><body style="overflow-wrap: break-word;">{divs(reply)}<div><br><blockquote type="cite">'
        f'<div>{esc(attribution)}</div><br class="Apple-interchange-newline"><div>{divs(quoted)}</div>'
        "</blockquote></div><br></body></html>\n"
    )


def thunderbird_html(reply: list[str], attribution: str, quoted: list[str]) -> str:
    paragraphs = "".join(f"<p>{esc(line)}</p>" for line in reply)
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>'
        f'{paragraphs}<div class="moz-cite-prefix">{esc(attribution)}<br></div>'
        f'<blockquote type="cite" cite="mid:abc@practice.example">{divs(quoted)}</blockquote></body></html>\n'
    )


def yahoo_html(reply: list[str], attribution: str, quoted: list[str]) -> str:
    return (
        '<html><head></head><body><div class="ydp1a2b3c4yahoo-style-wrap" style="font-family:Helvetica;">'
        f'{divs(reply)}</div><div id="yahoo_quoted_0123" class="yahoo_quoted"><div style="font-family:Helvetica;'
        f'font-size:13px;color:#26282a;"><div>{esc(attribution)}</div><div><br></div><div><br></div>'
        f'<div><div dir="ltr">{divs(quoted)}</div></div></div></div></body></html>\n'
    )


def proton_html(reply: list[str], attribution: str, quoted: list[str]) -> str:
    return (
        f'<div style="font-family: Arial, sans-serif; font-size: 14px;">{divs(reply)}</div>'
        '<div class="protonmail_signature_block"><div class="protonmail_signature_block-user '
        'protonmail_signature_block-empty"></div><div class="protonmail_signature_block-proton">'
        'Sent with <a href="https://proton.me/" target="_blank">Proton Mail</a> secure email.</div></div>'
        f'<br><div class="protonmail_quote">{esc(attribution)}<br><blockquote class="protonmail_quote" '
        f'type="cite">{divs(quoted)}</blockquote><br></div>\n'
    )


def outlook_desktop_html(reply: list[str], header: list[tuple[str, str]], quoted: list[str]) -> str:
    paragraphs = "".join(f'<p class="MsoNormal">{esc(line)}<o:p></o:p></p>' for line in reply)
    labels = "<br>".join(f"<b>{esc(label)}</b> {esc(value)}" for label, value in header)
    body = "".join(f'<p class="MsoNormal">{esc(line)}<o:p></o:p></p>' for line in quoted)
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang="EN-US"><div class="WordSection1">'
        f'{paragraphs}<p class="MsoNormal"><o:p>&nbsp;</o:p></p><div><div style="border:none;border-top:'
        f'solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">{labels}<o:p></o:p></p>'
        f"</div></div>{body}</div></body></html>\n"
    )


def outlook_web_html(reply: list[str], header: list[tuple[str, str]], quoted: list[str]) -> str:
    labels = "<br>".join(f"<b>{esc(label)}</b> {esc(value)}" for label, value in header)
    return (
        '<html><body dir="ltr"><div class="elementToProof" style="font-family: Aptos;">'
        f'{divs(reply)}</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" '
        'tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" '
        f'style="font-size:11pt" color="#000000">{labels}</font><div>&nbsp;</div></div>'
        f"<div>{divs(quoted)}</div></body></html>\n"
    )


def outlook_mobile_html(reply: list[str], header: list[tuple[str, str]], quoted: list[str], get: str) -> str:
    labels = "<br>".join(f"<b>{esc(label)}</b> {esc(value)}" for label, value in header)
    return (
        f'<html><body><div dir="auto">{divs(reply)}</div><div dir="auto"><br></div>'
        f'<div id="ms-outlook-mobile-signature"><div><br></div>{esc(get)}</div>'
        '<div id="mail-editor-reference-message-container"><hr style="display:inline-block;width:98%" '
        f'tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">'
        f"{labels}</font><div>&nbsp;</div></div>{divs(quoted)}</div></body></html>\n"
    )


def samsung_html(
    reply: list[str], separator: str, header: list[tuple[str, str]], quoted: list[str], sent: str
) -> str:
    labels = "".join(f'<div dir="auto">{esc(label)} {esc(value)} </div>' for label, value in header)
    return (
        f'<html><body><div dir="auto">{divs(reply)}</div><div dir="auto"><br></div><div id="composer_signature" '
        f'dir="auto"><div style="font-size:85%;color:#575757" dir="auto">{esc(sent)}</div></div><div><br></div>'
        f'<div align="left" dir="auto" style="font-size:100%;color:#000000"><div>{esc(separator)}</div>'
        f'{labels}<div dir="auto"><br></div></div>{divs(quoted)}</body></html>\n'
    )
