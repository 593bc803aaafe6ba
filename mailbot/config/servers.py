"""[imap] and [smtp]: how to reach and log in to each mail server."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mailbot.config.settings import ServerConfig
from mailbot.config.values import Section
from mailbot.errors import ConfigError

SECURITY_MODES = ("tls", "starttls", "none")
AUTH_KINDS = ("password", "xoauth2", "oauthbearer")
DEFAULT_PORTS = {
    "imap": {"tls": 993, "starttls": 143, "none": 143},
    "smtp": {"tls": 465, "starttls": 587, "none": 25},
}

SERVER_KEYS = (
    "host",
    "port",
    "security",
    "username",
    "password",
    "password_command",
    "password_env",
    "ca_file",
    "timeout",
    "auth",
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_section(raw: Mapping[str, Any], section: str) -> ServerConfig:
    s = Section(raw, section, SERVER_KEYS + (("append_to_sent",) if section == "smtp" else ()))
    host = s.required("host")
    security = s.text("security", "tls") or "tls"
    if security not in SECURITY_MODES:
        raise ConfigError(
            f'Configuration key [{section}] security is {security!r}; expected "tls", "starttls" or "none".'
        )
    if security == "none" and not is_loopback(host):
        raise ConfigError(
            f'[{section}] security = "none" is only allowed for a loopback host, not {host}; '
            'use "tls" or "starttls".'
        )
    sources = [k for k in ("password", "password_command", "password_env") if k in raw]
    if len(sources) != 1:
        raise ConfigError(
            f"[{section}] needs exactly one of password, password_command or password_env"
            + (f" (found {', '.join(sources)})." if sources else ".")
        )
    ca_file = s.text("ca_file")
    if ca_file and not Path(ca_file).expanduser().is_file():
        raise ConfigError(f"[{section}] ca_file {ca_file} does not exist; give the path of a PEM file.")
    return ServerConfig(
        section=section,
        host=host,
        port=s.whole("port", DEFAULT_PORTS[section][security], 1, 65535),
        security=security,
        username=s.required("username"),
        password=s.text("password"),
        password_command=s.text("password_command"),
        password_env=s.text("password_env"),
        ca_file=str(Path(ca_file).expanduser()) if ca_file else None,
        timeout=s.number("timeout", 30.0, 1.0, 600.0),
        append_to_sent=_append_to_sent(s),
        auth=_auth(s),
    )


def _auth(s: Section) -> str:
    auth = s.text("auth", "password") or "password"
    if auth not in AUTH_KINDS:
        raise ConfigError(
            f'Configuration key {s.key("auth")} is {auth!r}; expected "password", "xoauth2" or "oauthbearer".'
        )
    if auth != "password" and "password_command" not in s.raw and "password_env" not in s.raw:
        raise ConfigError(
            f"{s.key('auth')} = {auth!r} needs password_command (or password_env) to give a fresh "
            "access token each time; a token written into the file expires within the hour."
        )
    return auth


def _append_to_sent(s: Section) -> bool | str:
    value = s.raw.get("append_to_sent", "auto")
    if not (isinstance(value, bool) or value == "auto"):
        raise ConfigError(f'Configuration key {s.key("append_to_sent")} expects true, false or "auto".')
    return bool(value) if isinstance(value, bool) else "auto"
