"""An Outbox: sends EmailMessages over SMTP with implicit TLS or STARTTLS, certificates checked."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from mailbot.config import ServerConfig
from mailbot.errors import ServerError
from mailbot.mail.connect import describe_failure, server_words, tls_context

NETWORK_ERRORS: tuple[type[BaseException], ...] = (OSError, ssl.SSLError, smtplib.SMTPException)


class Outbox:
    """One logged-in SMTP connection."""

    def __init__(self, smtp: smtplib.SMTP, server: ServerConfig):
        self.smtp = smtp
        self.server = server

    @classmethod
    def open(cls, server: ServerConfig, password: str) -> Outbox:
        try:
            smtp: smtplib.SMTP
            if server.security == "tls":
                smtp = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=server.timeout, context=tls_context(server)
                )
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
                if server.security == "starttls":
                    smtp.ehlo()
                    if not smtp.has_extn("starttls"):
                        smtp.close()
                        raise ServerError(
                            f"The SMTP server {server.host}:{server.port} does not offer STARTTLS; "
                            "mailbot will not send in plain text: check [smtp] security and port."
                        )
                    smtp.starttls(context=tls_context(server))
            smtp.ehlo()
        except NETWORK_ERRORS as exc:
            raise ServerError(describe_failure(server, exc)) from None
        try:
            if smtp.has_extn("auth"):
                _login(smtp, server, password)
        except smtplib.SMTPAuthenticationError as exc:
            smtp.close()
            what = "password" if server.auth == "password" else f"{server.auth.upper()} access token"
            raise ServerError(
                f"The SMTP server {server.host} refused the {what} for {server.username} "
                f"({server_words(exc)}); check [smtp] username and password_command."
            ) from None
        except NETWORK_ERRORS as exc:
            raise ServerError(describe_failure(server, exc)) from None
        return cls(smtp, server)

    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` to the server; raises smtplib errors for the caller to judge."""
        self.smtp.send_message(message)

    def close(self) -> None:
        try:
            self.smtp.quit()
        except NETWORK_ERRORS:
            self.smtp.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _login(smtp: smtplib.SMTP, server: ServerConfig, secret: str) -> None:
    """AUTH with a password (smtplib picks PLAIN or LOGIN), or XOAUTH2 / OAUTHBEARER with an
    access token: the SASL strings Google and Microsoft document."""
    if server.auth == "password":
        smtp.login(server.username, secret)
        return
    if server.auth == "xoauth2":
        first = f"user={server.username}\x01auth=Bearer {secret}\x01\x01"
    else:
        first = f"n,a={server.username},\x01auth=Bearer {secret}\x01\x01"
    answers = iter([first])

    def respond(challenge: bytes | None = None) -> str:
        # A refused token comes back as a 334 challenge with an error; RFC 7628 wants an
        # empty answer to it, after which the server says 535.
        return next(answers, "")

    smtp.auth(server.auth.upper(), respond, initial_response_ok=True)  # raises when refused
