"""Delivery failures: a bounce that names a mail mailbot sent a client stops mail to that address.

A bounce is any stranger's mail, so it is read with bounds, and believed only when it names
(as the failed message's Message-ID) a mail mailbot sent that client: anyone can write a
bounce, only the mail system that bounced ours knows its id.
"""

from __future__ import annotations

import itertools
import logging
import re
from datetime import datetime

from sqlalchemy.orm import Session

from mailbot.db import bounce_queries
from mailbot.db.records import audit
from mailbot.passes.intake_facts import MAX_THREAD_IDS

log = logging.getLogger(__name__)

FINAL_RECIPIENT = re.compile(
    rb"^Final-Recipient:\s*rfc822;\s*<?([^\s<>]+@[^\s<>]+)>?", re.IGNORECASE | re.MULTILINE
)
FAILED_ACTION = re.compile(rb"^Action:\s*failed\b", re.IGNORECASE | re.MULTILINE)
RETURNED_MESSAGE_ID = re.compile(
    rb"^(?:X-)?(?:Original-)?Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]{1,250}>)",
    re.IGNORECASE | re.MULTILINE,
)
BOUNCE_BYTES = 256 * 1024  # where a bounce names the failed message: its report, returned headers


def note_bounce(session: Session, now: datetime, raw: bytes) -> None:
    """Stop mail to each failed address of a client's that the bounce ties to mail of ours."""
    referenced = bounce_references(raw)
    tied = set(bounce_queries.clients_of_messages(session, referenced) if referenced else ())
    for address in failed_recipients(raw):
        row = bounce_queries.client_address(session, address)
        if row is not None and row.bounced_at is None and row.client_id not in tied:
            audit(session, now, "bounce_ignored", "client", row.client_id, "names no mail of ours")
            log.info("intake: a delivery failure for client %s names no mail mailbot sent", row.client_id)
        elif row is not None and row.bounced_at is None:
            row.bounced_at = now
            audit(session, now, "address_bounced", "client", row.client_id)
            log.warning(
                "intake: a delivery failure for client %s; no more mail to that address "
                "until: mailbot client clear-bounce",
                row.client_id,
            )


def bounce_references(raw: bytes) -> set[str]:
    """The Message-IDs a bounce names for the failed message: a DSN's Original-Message-ID, or
    the Message-ID among the returned headers (bounded: a bounce is any stranger's mail)."""
    found = (m.group(1).decode("ascii", "replace") for m in RETURNED_MESSAGE_ID.finditer(raw[:BOUNCE_BYTES]))
    return set(itertools.islice(found, MAX_THREAD_IDS))


def failed_recipients(raw: bytes) -> set[str]:
    """The addresses a delivery status notification reports as failed, lower-cased.

    Each recipient has its own block (RFC 3464); only a block with ``Action: failed`` counts,
    so a delay warning or a success report stops no mail.
    """
    blocks = re.split(rb"\r?\n\s*\r?\n", raw)
    return {
        m.group(1).decode("ascii", "replace").lower()
        for block in blocks
        if FAILED_ACTION.search(block)
        for m in FINAL_RECIPIENT.finditer(block)
    }
