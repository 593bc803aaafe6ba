"""Synthetic client mail for the intake benchmarks, as clients write homework: replies to the
assignment email (quoting it), new mails naming the token or the homework, the odd mail that
names nothing; plain text, text and HTML, or HTML only; now and then a photo or a PDF.

Sizes: each message 2-20 KB (uniform) of headers and text; 10 % carry one attachment of
100 KB-2 MB (uniform) of incompressible bytes, base64-encoded as a mail client would.
Messages are written by hand as MIME with LF line ends (as Dovecot stores them).
"""

from __future__ import annotations

import base64
import binascii
import html
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime

from practice import Homework, Patient

from mailbot.core.homework.registry import get_type

KB = 1024
ROUTES = (("thread", 0.55), ("token", 0.20), ("content", 0.15), ("none", 0.10))
FORMATS = (("text", 0.5), ("alternative", 0.3), ("html", 0.2))
ATTACHMENT_SHARE = 0.10
ATTACHMENTS = (
    ("image/jpeg", "worksheet.jpg"),
    ("application/pdf", "homework.pdf"),
    ("image/png", "IMG_2041.png"),
)
# Words of no homework type (mailbot.core.matching.TYPE_WORDS), so only the route decides the match.
SENTENCES = (
    "I was on the tram to work and someone stared at me for a long time.",
    "My manager asked for the figures again, and I felt my chest tighten straight away.",
    "I told myself that I always get things wrong and that everybody can see it.",
    "Afterwards I went for a walk along the river, which helped a little.",
    "It took me about twenty minutes before the feeling came down.",
    "My sister called and we talked about our mother's birthday; that was nice.",
    "I noticed the thought 'they will find out I am not good enough' again.",
    "I tried to look at it the way you suggested, as if a friend had told me about it.",
    "At night I could not sleep because I kept going over the conversation.",
    "Honestly, I did not expect it to go this well, the others barely noticed.",
    "The café was loud, I sat near the door so I could leave if I needed to.",
    "I rated it 70 at first, then about 40 after I had calmed down.",
    "Müller from accounts said hello and I managed to answer without rehearsing it first.",
    "I felt ashamed, maybe 80, and then annoyed at myself for feeling ashamed.",
    "Tomorrow I want to try the same thing but stay a bit longer.",
    "I am not sure I did this right, but here is what happened this week.",
    "Cooking dinner with the radio on was the calmest part of the day.",
    "When the phone rang I let it ring, then called back ten minutes later.",
    "It’s strange how the worry shrinks once I write it down.",
    "I caught myself predicting the worst outcome before anything had happened.",
)


@dataclass(frozen=True)
class Shape:
    """What one generated message is like (for checking the mix afterwards)."""

    route: str
    format: str
    size: int
    attachment: int  # bytes of the attachment's payload, 0 for none


def _choose(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]


def answer_text(rng: random.Random, homework: Homework | None, target: int) -> str:
    """The client's words, about ``target`` characters: form lines of the homework's fields
    ("Situation: ..."), entry after entry, or prose alone when ``homework`` is None."""
    labels = [f.label for f in get_type(homework.type).fields(homework.details)] if homework else []
    lines = ["Hi,", "", "here is my homework." if homework else "here is what I did this week.", ""]
    size = sum(len(line) + 1 for line in lines)
    entry = 0
    while size < target:
        entry += 1
        block = [f"Entry {entry}"] if labels else []
        block += [f"{label}: {rng.choice(SENTENCES)}" for label in labels] or [
            " ".join(rng.choice(SENTENCES) for _ in range(4))
        ]
        block.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3))))
        block.append("")
        lines += block
        size += sum(len(line) + 1 for line in block)
    return "\n".join([*lines, "Best wishes,", "", ""])


def quoted(homework: Homework, therapist: tuple[str, str], when: datetime, first_name: str) -> str:
    """The assignment email, quoted below a reply as mail clients do."""
    name, address = therapist
    body = [
        f"Dear {first_name},",
        "",
        f"here is your homework until we next meet: {homework.title}.",
        "",
        "Just reply to this email. You can fill in the lines below, or write in your own words;",
        "either is fine.",
        "",
        *(f"{f.label}: " for f in get_type(homework.type).fields(homework.details)),
        "",
        "With best wishes,",
        name,
    ]
    head = f"On {format_datetime(when)}, {name} <{address}> wrote:"
    return "\n".join([head, *(f"> {line}".rstrip() for line in body), ""])


def html_body(text: str, quote: str) -> str:
    paragraphs = "".join(f"<div>{html.escape(line) or '<br>'}</div>\n" for line in text.splitlines())
    block = ""
    if quote:
        inner = "<br>\n".join(
            html.escape(line.removeprefix("> ").removeprefix(">")) for line in quote.splitlines()[1:]
        )
        block = (
            f'<div class="gmail_quote"><div class="gmail_attr">{html.escape(quote.splitlines()[0])}</div>\n'
            f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
            f'padding-left:1ex">\n{inner}\n</blockquote></div>\n'
        )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>\n'
        f'<body><div dir="ltr">\n{paragraphs}</div>\n{block}</body></html>\n'
    )


def _qp(text: str) -> bytes:
    return binascii.b2a_qp(text.encode("utf-8"), istext=True)


def _text_part(subtype: str, text: str) -> bytes:
    head = f'Content-Type: text/{subtype}; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
    return head.encode() + _qp(text)


def _multipart(subtype: str, boundary: str, parts: Sequence[bytes]) -> bytes:
    out = [f'Content-Type: multipart/{subtype}; boundary="{boundary}"\n\n'.encode()]
    for part in parts:
        out += [f"--{boundary}\n".encode(), part, b"\n"]
    out.append(f"--{boundary}--\n".encode())
    return b"".join(out)


def _attachment(rng: random.Random, size: int) -> bytes:
    mime, name = rng.choice(ATTACHMENTS)
    head = (
        f'Content-Type: {mime}; name="{name}"\nContent-Disposition: attachment; filename="{name}"\n'
        "Content-Transfer-Encoding: base64\n\n"
    )
    return head.encode() + base64.encodebytes(rng.randbytes(size))


def _headers(
    rng: random.Random,
    patient: Patient,
    to: str,
    subject: str,
    message_id: str,
    date: datetime,
    reply_to: str | None,
) -> str:
    domain = patient.address.rsplit("@", 1)[1]
    hops = "".join(
        f"Received: from mx{hop}.{domain} (mx{hop}.{domain} [192.0.2.{rng.randint(1, 254)}])\n"
        f"\tby mail.practice.example with ESMTPS id {rng.getrandbits(40):x}\n"
        f"\tfor <{to}>; {format_datetime(date + timedelta(seconds=hop))}\n"
        for hop in range(3)
    )
    signature = base64.b64encode(rng.randbytes(256)).decode()
    dkim = (
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=s1;\n"
        "\th=from:to:subject:date:message-id:mime-version;\n"
        f"\tbh={base64.b64encode(rng.randbytes(32)).decode()};\n"
        + "\tb="
        + "".join(f"{signature[i : i + 70]}\n\t" for i in range(0, len(signature), 70)).rstrip("\t")
    )
    threading = f"In-Reply-To: {reply_to}\nReferences: {reply_to}\n" if reply_to else ""
    return (
        f"Return-Path: <{patient.address}>\nDelivered-To: {to}\n{hops}"
        f"Authentication-Results: mail.practice.example; dkim=pass header.d={domain}; "
        f"spf=pass smtp.mailfrom={domain}; dmarc=pass header.from={domain}\n{dkim}"
        f"From: {patient.name} <{patient.address}>\nTo: {to}\nSubject: {subject}\n"
        f"Date: {format_datetime(date)}\nMessage-ID: {message_id}\n{threading}MIME-Version: 1.0\n"
    )


def client_mail(
    rng: random.Random, patient: Patient, therapist: tuple[str, str], arrived: datetime, number: int
) -> tuple[bytes, Shape]:
    """One client's homework mail arriving at ``arrived``, its route, format and size by chance."""
    route, form = _choose(rng, ROUTES), _choose(rng, FORMATS)
    homework = rng.choice(patient.homework)
    size = rng.randint(2 * KB, 20 * KB)
    attachment = rng.randint(100 * KB, 2048 * KB) if rng.random() < ATTACHMENT_SHARE else 0
    first = patient.name.split()[0]
    reply_to, quote = None, ""
    if route == "thread":
        subject = f"Re: Your homework from {therapist[0]} [{homework.token}]"
        reply_to = homework.thread_id
        quote = quoted(homework, therapist, arrived - timedelta(days=rng.randint(1, 14)), first)
    elif route == "token":
        subject = f"Homework [{homework.token}]"
    elif route == "content":
        subject = f"My {homework.title.lower()} for {arrived:%A}"
    else:
        subject = "This week"
    message_id = f"<{rng.getrandbits(64):016x}.{number}@mail.{patient.address.rsplit('@', 1)[1]}>"
    head = _headers(
        rng,
        patient,
        therapist[1],
        subject,
        message_id,
        arrived - timedelta(seconds=rng.randint(5, 300)),
        reply_to,
    ).encode()
    budget = max(size - len(head) - len(quote) - 300, 400)
    # HTML markup and a second copy (text and HTML) take their share of the size.
    budget = int(budget * {"text": 1.0, "html": 0.75, "alternative": 0.42}[form])
    text = answer_text(rng, homework if route != "none" else None, budget)
    full = f"{text}\n{quote}" if quote else text
    if form == "text":
        body = _text_part("plain", full)
    elif form == "html":
        body = _text_part("html", html_body(text, quote))
    else:
        body = _multipart(
            "alternative",
            f"alt-{number:x}",
            [_text_part("plain", full), _text_part("html", html_body(text, quote))],
        )
    if attachment:
        body = _multipart("mixed", f"mix-{number:x}", [body, _attachment(rng, attachment)])
    raw = head + body
    return raw, Shape(route, form, len(raw), attachment)


def backlog(
    rng: random.Random,
    patients: Sequence[Patient],
    therapist: tuple[str, str],
    n: int,
    now: datetime,
    days: int = 14,
) -> Iterator[tuple[bytes, Shape, float]]:
    """``n`` client mails arriving over the ``days`` before ``now``, oldest first: (raw, shape,
    arrival epoch time)."""
    span = days * 86400
    arrivals = sorted(now.timestamp() - span + rng.random() * (span - 600) for _ in range(n))
    for number, arrived in enumerate(arrivals, 1):
        when = datetime.fromtimestamp(arrived, now.tzinfo)
        raw, shape = client_mail(rng, rng.choice(patients), therapist, when, number)
        yield raw, shape, arrived
