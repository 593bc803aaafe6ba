"""TLS for both mail protocols: certificate checks on by default, never a silent plain-text fallback."""

from __future__ import annotations

import imaplib
import re
import smtplib
import ssl
from typing import Any

from mailbot.config import ServerConfig

# What a mail server's refusal or a lost connection raises, in imaplib, imapclient and smtplib.
MAIL_FAILURES: tuple[type[BaseException], ...] = (OSError, imaplib.IMAP4.error, smtplib.SMTPException)


def tls_context(server: ServerConfig) -> ssl.SSLContext:
    """A verifying client context; ``ca_file`` adds a trusted certificate (self-signed servers)."""
    context = ssl.create_default_context(cafile=server.ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def describe_failure(server: ServerConfig, exc: BaseException) -> str:
    """One sentence for why connecting or logging in to ``server`` failed, and what to do."""
    where = f"{server.section.upper()} server {server.host}:{server.port}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"The {where} presented a certificate that cannot be verified ({exc.verify_message}); "
            f"set [{server.section}] ca_file to its CA certificate if it is self-signed."
        )
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS with the {where} failed ({exc.reason}); check [{server.section}] security "
            '("tls" for implicit TLS, usually port 993/465; "starttls" for 143/587).'
        )
    if isinstance(exc, TimeoutError):
        return f"The {where} did not answer in time; check the host, port and network."
    if isinstance(exc, ConnectionRefusedError):
        return f"The {where} refused the connection; check [{server.section}] host and port."
    if isinstance(exc, OSError) and exc.errno is not None and exc.strerror:
        return f"Cannot reach the {where} ({exc.strerror}); check [{server.section}] host and port."
    return f"The {where} refused ({server_words(exc)}); check [{server.section}] settings or try later."


def server_words(exc: BaseException) -> str:
    """What the server said, from an imaplib/imapclient or smtplib error, as plain text: the
    response text without Python's b'...' wrapping and without the command name imaplib adds
    ("create failed: ..."), at most 300 characters."""
    if isinstance(exc, smtplib.SMTPResponseException):
        raw: Any = exc.smtp_error
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        text = f"{exc.smtp_code} {text}"
    else:
        text = str(exc)
    text = re.sub(r"""\bb(['"])(.*?)\1""", r"\2", text)
    text = re.sub(r"^[A-Za-z ]+ failed: ", "", text)
    text = re.sub(r"\s*\(\d+\.\d+( \+ \d+\.\d+)* secs\)", "", text)  # Dovecot's timings
    text = " ".join(text.replace("\\r\\n", " ").split())
    return (text[:297] + "...") if len(text) > 300 else (text or type(exc).__name__)


def explain(exc: BaseException) -> str:
    """One sentence for a mail server failure met in any command or job: the server's own words
    and what to do. Used by the command line, ``tick`` and the daemon alike."""
    if isinstance(exc, imaplib.IMAP4.abort):
        return (
            f"The IMAP server closed the connection ({server_words(exc)}); "
            "mailbot tries again at its next pass, or run the command again later."
        )
    if isinstance(exc, imaplib.IMAP4.error):
        return (
            f"The IMAP server refused a command ({server_words(exc)}); nothing was lost: check the "
            "server's words and [folders] in the configuration, or run the command again later."
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return (
            f"The SMTP server refused ({server_words(exc)}); check [smtp] and the recipient, "
            "or run the command again later."
        )
    if isinstance(exc, smtplib.SMTPException):
        return f"Talking to the SMTP server failed ({server_words(exc)}); run the command again later."
    if isinstance(exc, ssl.SSLError):
        return f"A TLS connection failed ({exc.reason or exc}); check security, port and ca_file."
    if isinstance(exc, TimeoutError):
        return "A mail server did not answer in time; check the network, or run the command again later."
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}; check the network and server, or the path and its permissions."
    return str(exc)
