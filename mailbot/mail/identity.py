"""A message's identity: the same mail delivered twice has one key, different content never shares one."""

from __future__ import annotations

import hashlib

from mailbot.mail.parse import ParsedMessage


def dedupe_key(parsed: ParsedMessage, raw: bytes) -> str:
    """The same mail delivered twice has one key; different content never shares one.

    Trace headers differ between deliveries, so the key is the Message-ID (or, without one,
    From, Date and Subject) plus a hash of the body.
    """
    split = raw.find(b"\r\n\r\n")
    split = raw.find(b"\n\n") if split < 0 else split
    body = memoryview(raw)[split:] if split >= 0 else b""  # hashed where it lies, not copied
    return body_key(parsed, hashlib.sha256(body).digest())


def part_key(key: str, n: int) -> str:
    """The key of the n-th item filed from one message (the first keeps the message's own)."""
    return hashlib.sha256(f"{key}/{n}".encode()).hexdigest()


def body_key(parsed: ParsedMessage, body_sha256: bytes) -> str:
    """``dedupe_key`` from the body's SHA-256, for a message read in pieces (mailbot.mail.large
    hashes the body as it streams the raw message; one over intake.max_message_mb is not
    streamed whole, and stands in with a hash of its structure and of the parts it read)."""
    identity = parsed.message_id or "\n".join(
        [parsed.from_address or "", parsed.date.isoformat() if parsed.date else "", parsed.subject]
    )
    digest = hashlib.sha256()
    digest.update(identity.encode("utf-8", "replace"))
    digest.update(b"\0")
    digest.update(body_sha256)
    return digest.hexdigest()
