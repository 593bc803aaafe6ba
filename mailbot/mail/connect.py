"""TLS for both mail protocols: certificate checks on by default, never a silent plain-text fallback."""

from __future__ import annotations

import ssl

from mailbot.config import ServerConfig


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
    return f"Cannot talk to the {where} ({type(exc).__name__}); check [{server.section}] settings."
