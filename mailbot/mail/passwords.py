"""Resolve a server password from the config, a command (like mbsync's PassCmd) or the environment.

The secret is returned to the caller and nowhere else: it is never logged, printed or put
into an error message.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping

from mailbot.config import ServerConfig
from mailbot.errors import ConfigError


def resolve_password(server: ServerConfig, environ: Mapping[str, str] = os.environ) -> str:
    """The password for ``server``, from whichever one source its config names."""
    where = f"[{server.section}]"
    if server.password is not None:
        return server.password
    if server.password_env is not None:
        value = environ.get(server.password_env)
        if not value:
            raise ConfigError(
                f"{where} password_env names ${server.password_env}, which is not set; "
                "export it before running mailbot."
            )
        return value
    assert server.password_command is not None
    try:
        done = subprocess.run(
            server.password_command,
            shell=True,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ConfigError(f"{where} password_command did not finish within 60 seconds.") from None
    if done.returncode != 0:
        raise ConfigError(
            f"{where} password_command failed with exit status {done.returncode}; run it by hand to see why."
        )
    secret = done.stdout.decode("utf-8", "replace").rstrip("\r\n")
    if not secret:
        raise ConfigError(f"{where} password_command printed nothing; it must print the password.")
    return secret
