"""Worrying messages: flag them, pause the client's reminders, alert the therapist at once.

A safety net, not a crisis service (docs/risk.md). When the intake pass finds worrying words in a
client's own new words (core.risk), whatever the mail becomes, ``flag_risk`` records a RiskAlert in
the pass's own transaction and pauses the client's reminders until the therapist resumes them.
``send_alerts`` then emails each new alert to ``[risk] alert``, in the same poll: recorded before
it is sent under a Message-ID fixed by the alert's id, so it is sent at most once, whatever
crashes. The alert stays at the top of the digest ("Read first") until the therapist replies to
the client's message (the Sent scan) or marks it done. Nothing here logs a client's words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage

from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.core.risk import RiskMatch
from mailbot.db import alert_queries
from mailbot.db.engine import transaction
from mailbot.db.models import Client, RiskAlert
from mailbot.db.records import audit
from mailbot.errors import UsageError
from mailbot.mail.compose import build_message, render, template_environment
from mailbot.mail.parse import ParsedMessage
from mailbot.mail.smtp import Outbox
from mailbot.sending import SentCopies, send_once

log = logging.getLogger(__name__)

MAX_SENTENCE = 600  # characters of the matched sentence quoted in the alert


def flag_risk(
    session: Session,
    now: datetime,
    client_id: int,
    key: str,
    parsed: ParsedMessage,
    received_at: datetime,
    found: Sequence[RiskMatch],
) -> int:
    """Record an alert for a worrying message (once per message) and pause the client's
    reminders; 1 when the alert is new, 0 when this message had one already."""
    if not found or alert_queries.alert_of_message(session, key):
        return 0
    submission_id = alert_queries.submission_of_message(session, key)
    alert = RiskAlert(
        dedupe_key=key,
        client_id=client_id,
        submission_id=submission_id,
        message_id=parsed.message_id,
        subject=parsed.subject[:300],
        sentence=found[0].sentence[:MAX_SENTENCE],
        language=found[0].language[:8],
        received_at=received_at,
        created_at=now,
        state="open",
    )
    session.add(alert)
    session.flush()
    client = session.get(Client, client_id)
    assert client is not None
    if client.reminders != "off":
        client.reminders, client.paused_by = "paused", "risk"
    audit(
        session,
        now,
        "risk_flagged",
        "client",
        client_id,
        f"alert={alert.id}" + (f", submission={submission_id}" if submission_id else ""),
    )
    log.warning("intake: worrying words in a message from client %s; alerting the therapist", client_id)
    return 1


def pending_alerts(sessions: sessionmaker[Session]) -> bool:
    with sessions() as session:
        return alert_queries.first_unsent_alert(session) is not None


def send_alerts(
    config: Config,
    sessions: sessionmaker[Session],
    outbox: Outbox,
    now: datetime,
    sent_copies: SentCopies | None = None,
) -> int:
    """Email every alert not yet sent; how many were sent. The optional acknowledgement goes to
    the client in the therapist's name, so it is copied to her Sent folder (``sent_copies``)
    like every other mail mailbot sends a client; the alert itself is to her and is not."""
    with sessions() as session:
        todo = alert_queries.unsent_alerts(session)
    sent = 0
    for alert_id in todo:
        with sessions() as session:
            alert = session.get(RiskAlert, alert_id)
            assert alert is not None
            message = compose_alert(config, session, alert)
        status = send_once(sessions, outbox, message, "risk-alert", now, also=_link(alert_id, now))
        if status is None:  # recorded by an interrupted pass: its fate is that record's, never sent twice
            _link_recorded(sessions, message, alert_id)
            continue
        if status == "sent":
            sent += 1
        if config.risk.acknowledge:
            _acknowledge(config, sessions, outbox, alert_id, now, sent_copies)
    return sent


def _acknowledge(
    config: Config,
    sessions: sessionmaker[Session],
    outbox: Outbox,
    alert_id: int,
    now: datetime,
    sent_copies: SentCopies | None,
) -> None:
    """The optional automatic answer to the client ([risk] acknowledge): the therapist's own
    emergency wording, at most once per alert (its Message-ID is fixed by the alert's id)."""
    with sessions() as session:
        alert = session.get(RiskAlert, alert_id)
        client = session.get(Client, alert.client_id) if alert else None
        if alert is None or client is None:
            return
        to = next((e.address for e in client.emails if e.bounced_at is None), None)
        if to is None:
            return
        context = {
            "client": {"name": client.name, "first_name": client.name.split()[0]},
            "therapist": config.therapist,
        }
        text = render(template_environment(config.templates_dir), ["alert/acknowledgment.txt.j2"], context)
        subject = (
            alert.subject
            if alert.subject.lower().startswith("re:")
            else f"Re: {alert.subject or 'your message'}"
        )
        message = build_message(
            sender=Address(config.therapist.name, addr_spec=config.therapist.email),
            to=[Address(client.name, addr_spec=to)],
            subject=subject,
            text=text,
            html=None,
            message_id=alert_message_id(config, alert_id).replace("risk-alert", "risk-ack"),
            date=now,
            kind="risk-ack",
            in_reply_to=alert.message_id,
            references=[alert.message_id] if alert.message_id else [],
            extra_headers={"Auto-Submitted": "auto-replied"},
        )
        client_id = client.id
    # At most once: its Message-ID is fixed by the alert, so a second record is refused.
    send_once(sessions, outbox, message, "risk-ack", now, client_id=client_id, sent=sent_copies)


def _link(alert_id: int, now: datetime) -> Callable[[Session, int], None]:
    """The alert is linked to its email's record in the record's own transaction."""

    def write(session: Session, outgoing_id: int) -> None:
        alert = session.get(RiskAlert, alert_id)
        assert alert is not None
        alert.outgoing_id = outgoing_id
        audit(session, now, "risk_alert_recorded", "risk_alert", alert_id, f"outgoing={outgoing_id}")

    return write


def _link_recorded(sessions: sessionmaker[Session], message: EmailMessage, alert_id: int) -> None:
    """An alert whose email an earlier pass recorded (the Message-ID is unique) is linked to it."""
    with transaction(sessions) as session:
        alert = session.get(RiskAlert, alert_id)
        assert alert is not None
        alert.outgoing_id = alert_queries.outgoing_by_message_id(session, str(message["Message-ID"]))


def alert_message_id(config: Config, alert_id: int) -> str:
    domain = config.therapist.email.rsplit("@", 1)[-1]
    return f"<risk-alert-{alert_id}.mailbot@{domain}>"


def compose_alert(config: Config, session: Session, alert: RiskAlert) -> EmailMessage:
    """The alert: urgent by its subject alone, names the client, quotes the sentence, and threads
    under the client's message so that it shows beside it."""
    client = session.get(Client, alert.client_id)
    name = client.name if client else "a client"
    context = {
        "client": {"name": name, "id": alert.client_id},
        "alert": alert,
        "received_local": alert.received_at.astimezone(config.therapist.tz),
        "therapist": config.therapist,
    }
    text = render(template_environment(config.templates_dir), ["alert/risk.txt.j2"], context)
    return build_message(
        sender=Address("mailbot", addr_spec=config.therapist.email),
        to=[Address(addr_spec=config.risk.alert)],
        subject=f"URGENT: {name} may be at risk - please read today",
        text=text,
        html=None,
        message_id=alert_message_id(config, alert.id),
        date=alert.created_at,
        kind="risk-alert",
        in_reply_to=alert.message_id,
        references=[alert.message_id] if alert.message_id else [],
        extra_headers={"Auto-Submitted": "auto-generated", "Importance": "high", "X-Priority": "1"},
    )


def settle_by_reply(session: Session, replied_to: set[str], now: datetime) -> int:
    """Open alerts whose client message the therapist has answered (Message-IDs her sent mail
    names) leave "Read first"; how many did."""
    if not replied_to:
        return 0
    alerts = alert_queries.open_alerts_of(session, replied_to)
    count = 0
    for alert in alerts:
        alert.state, alert.settled_at = "replied", now
        audit(session, now, "risk_alert_replied", "risk_alert", alert.id)
        count += 1
    return count


def mark_done(session: Session, now: datetime, ref: str) -> RiskAlert:
    """The therapist has dealt with an alert (by phone, in a session): it leaves "Read first"."""
    alert = session.get(RiskAlert, int(ref)) if ref.strip().isdigit() else None
    if alert is None:
        raise UsageError(f"No alert {ref!r}; see: mailbot alert list.")
    if alert.state == "open":
        alert.state, alert.settled_at = "done", now
        audit(session, now, "risk_alert_done", "risk_alert", alert.id, "by the therapist")
    return alert


def alert_rows(session: Session) -> list[dict[str, object]]:
    """Every alert, newest first, for ``mailbot alert list``."""
    rows = alert_queries.alerts_with_names(session)
    return [
        {
            "id": a.id,
            "client_id": a.client_id,
            "client": name,
            "submission_id": a.submission_id,
            "received_at": a.received_at,
            "state": a.state,
            "sentence": a.sentence,
        }
        for a, name in rows
    ]
