"""A therapist's everyday inbox, synthetic: mostly other people's and machines' mail, about 1 %
from her clients (corpus.client_mail).

The rest, by share: personal and work mail (40 %: plain text or text and HTML, 2-15 KB, some
quoting an earlier mail, a few threads), notifications (30 %: HTML, 4-20 KB, a no-reply sender,
Auto-Submitted or Precedence on some), newsletters (25 %: HTML, 20-100 KB, List-Id and
List-Unsubscribe), and automatic replies and calendar invitations (the rest). 2 % of the
personal mail carries an attachment of 100 KB-1 MB. Every message has the header block a
real provider writes: 3-7 Received lines, Authentication-Results, one or two DKIM signatures,
ARC headers on a third, the provider's own X- lines; 2-6 KB of header in all.

Bodies and attachments come from small pools (built once per seed): a header pass never reads
them, and they only set the message sizes Dovecot stores.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from email.utils import format_datetime

from corpus import client_mail
from practice import Patient

KB = 1024
KINDS = (
    ("personal", 0.40),
    ("notification", 0.30),
    ("newsletter", 0.25),
    ("autoreply", 0.03),
    ("invite", 0.02),
)
SENDERS = (
    "gmail.com",
    "web.de",
    "gmx.net",
    "outlook.com",
    "posteo.de",
    "uni-example.de",
    "praxis-nord.example",
)
SERVICES = ("github.com", "shop.example", "bank.example", "calendar.example", "drive.example", "post.example")
NEWSLETTERS = ("psychologie-heute.example", "dgvt.example", "news.city.example", "journal.example")
WORDS = (
    "meeting",
    "tomorrow",
    "invoice",
    "attached",
    "session",
    "schedule",
    "conference",
    "paper",
    "review",
    "thanks",
    "notes",
    "weekend",
    "supervision",
    "room",
    "booking",
    "training",
    "update",
    "question",
    "reminder",
    "report",
    "payment",
    "delivery",
    "order",
)


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]


class Everyday:
    """Generates the inbox; ``pools`` are built once so that 100,000 messages take minutes."""

    def __init__(self, rng: random.Random, therapist: str):
        self.rng = rng
        self.therapist = therapist
        self.text_pool = [" ".join(rng.choice(WORDS) for _ in range(3000)) for _ in range(8)]
        self.blob_pool = [base64.encodebytes(rng.randbytes(1024 * KB)) for _ in range(4)]
        self.signature = base64.b64encode(rng.randbytes(256)).decode()

    def header(
        self, sender: str, subject: str, date: datetime, extra: str = "", reply_to: str | None = None
    ) -> str:
        rng = self.rng
        domain = sender.rsplit("@", 1)[1]
        hops = "".join(
            f"Received: from mx{hop}.{domain} (mx{hop}.{domain} [198.51.100.{rng.randint(1, 254)}])\n"
            f"\tby mx{hop + 1}.mail.example with ESMTPS id {rng.getrandbits(48):x}\n"
            f"\t(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n"
            f"\t{format_datetime(date + timedelta(seconds=hop))}\n"
            for hop in range(rng.randint(3, 7))
        )
        dkim = "".join(
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={d}; s=s{rng.randint(1, 9)};\n"
            "\th=from:to:subject:date:message-id:mime-version:content-type;\n"
            f"\tbh={base64.b64encode(rng.randbytes(32)).decode()};\n\tb="
            + "\n\t".join(self.signature[i : i + 72] for i in range(0, len(self.signature), 72))
            + "\n"
            for d in ([domain] if rng.random() < 0.6 else [domain, "relay.example"])
        )
        arc = (
            "ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=mail.example; s=arc;\n"
            f"\tb={self.signature[:200]}\n"
            "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=mail.example; s=arc;\n"
            f"\th=from:to:subject:date; bh={base64.b64encode(rng.randbytes(32)).decode()};\n"
            f"\tb={self.signature[:200]}\n"
            if rng.random() < 0.33
            else ""
        )
        threading = f"In-Reply-To: {reply_to}\nReferences: {reply_to}\n" if reply_to else ""
        return (
            f"Return-Path: <{sender}>\nDelivered-To: {self.therapist}\n{hops}{arc}"
            f"Authentication-Results: mail.example; dkim=pass header.d={domain}; spf=pass "
            f"smtp.mailfrom={domain}; dmarc=pass header.from={domain}\n{dkim}"
            f"X-Spam-Score: {rng.random() * 3:.1f}\nX-Spam-Status: No\n"
            f"X-Provider-Id: {rng.getrandbits(96):x}\n"
            f"From: {sender.split('@')[0].title()} <{sender}>\nTo: {self.therapist}\nSubject: {subject}\n"
            f"Date: {format_datetime(date)}\nMessage-ID: <{rng.getrandbits(80):x}@{domain}>\n{threading}"
            f"MIME-Version: 1.0\n{extra}"
        )

    def body(self, subtype: str, size: int) -> str:
        text = self.rng.choice(self.text_pool)
        while len(text) < size:
            text += " " + self.rng.choice(self.text_pool)
        lines = "\n".join(text[i : i + 76] for i in range(0, size, 76))
        if subtype == "html":
            lines = f"<html><body><div>{lines}</div></body></html>"
        return f'Content-Type: text/{subtype}; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n{lines}\n'

    def message(self, kind: str, date: datetime, number: int) -> bytes:
        rng = self.rng
        subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7))).capitalize()
        if kind == "personal":
            sender = f"{rng.choice(WORDS)}.{rng.randint(1, 500)}@{rng.choice(SENDERS)}"
            reply = f"<{rng.getrandbits(64):x}@{rng.choice(SENDERS)}>" if rng.random() < 0.3 else None
            head = self.header(sender, ("Re: " if reply else "") + subject, date, reply_to=reply)
            text = self.body("plain", rng.randint(2 * KB, 15 * KB))
            if rng.random() < 0.02:
                blob = rng.choice(self.blob_pool)[: rng.randint(136 * KB, 1024 * KB)]
                return (
                    (
                        head + f'Content-Type: multipart/mixed; boundary="b{number}"\n\n--b{number}\n{text}'
                        f'--b{number}\nContent-Type: application/pdf; name="scan.pdf"\n'
                        "Content-Transfer-Encoding: base64\n\n"
                    ).encode()
                    + blob
                    + f"--b{number}--\n".encode()
                )
            return (head + text).encode()
        if kind == "notification":
            extra = "Auto-Submitted: auto-generated\n" if rng.random() < 0.5 else "Precedence: bulk\n"
            head = self.header(f"no-reply@{rng.choice(SERVICES)}", subject, date, extra)
            return (head + self.body("html", rng.randint(4 * KB, 20 * KB))).encode()
        if kind == "newsletter":
            domain = rng.choice(NEWSLETTERS)
            extra = (
                f"List-Id: <news.{domain}>\nList-Unsubscribe: <https://{domain}/u/{rng.getrandbits(64):x}>, "
                f"<mailto:unsubscribe@{domain}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
                "Precedence: bulk\n"
            )
            return (
                self.header(f"newsletter@{domain}", subject, date, extra)
                + self.body("html", rng.randint(20 * KB, 100 * KB))
            ).encode()
        if kind == "autoreply":
            extra = "Auto-Submitted: auto-replied\nX-Autoreply: yes\n"
            head = self.header(
                f"{rng.choice(WORDS)}@{rng.choice(SENDERS)}", f"Out of office: {subject}", date, extra
            )
            return (head + self.body("plain", 600)).encode()
        head = self.header(f"{rng.choice(WORDS)}@{rng.choice(SENDERS)}", f"Invitation: {subject}", date)
        invite = (
            'Content-Type: text/calendar; method=REQUEST; charset="UTF-8"\n\n'
            "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nSUMMARY:meeting\nEND:VEVENT\nEND:VCALENDAR\n"
        )
        return (head + f'Content-Type: multipart/alternative; boundary="i{number}"\n\n--i{number}\n'
                + self.body("plain", 800) + f"--i{number}\n{invite}--i{number}--\n").encode()  # fmt: skip


def inbox(
    rng: random.Random,
    patients: Sequence[Patient],
    therapist: tuple[str, str],
    n: int,
    client_share: float,
    now: datetime,
    days: int = 730,
) -> Iterator[tuple[bytes, str, float]]:
    """``n`` messages arriving over the ``days`` before ``now``, oldest first: (raw, kind, epoch)."""
    everyday = Everyday(rng, therapist[1])
    span = days * 86400
    arrivals = sorted(now.timestamp() - span + rng.random() * (span - 600) for _ in range(n))
    for number, arrived in enumerate(arrivals, 1):
        when = datetime.fromtimestamp(arrived, now.tzinfo)
        if rng.random() < client_share:
            raw, _shape = client_mail(rng, rng.choice(patients), therapist, when, number)
            yield raw, "client", arrived
        else:
            kind = _pick(rng, KINDS)
            yield everyday.message(kind, when, number), kind, arrived
