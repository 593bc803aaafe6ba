"""Finding, reading and validating the configuration file."""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mailbot.config import sections
from mailbot.config.servers import server_section
from mailbot.config.settings import Config
from mailbot.config.values import Section, table
from mailbot.errors import ConfigError

TOP_KEYS = (
    "templates_dir",
    "therapist",
    "imap",
    "smtp",
    "storage",
    "folders",
    "intake",
    "homework",
    "reminders",
    "feedback",
    "digest",
    "schedule",
    "risk",
    "brief",
)


def config_path(cli_value: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """Where the configuration lives: --config, else $MAILBOT_CONFIG, else ./config.toml."""
    if cli_value:
        return Path(cli_value)
    if environ.get("MAILBOT_CONFIG"):
        return Path(environ["MAILBOT_CONFIG"])
    return Path("config.toml")


def load_config(path: Path) -> Config:
    """Read and validate the TOML file at ``path``."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"No configuration file at {path}: copy config.example.toml there, "
            "or pass --config PATH or set MAILBOT_CONFIG."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read the configuration file {path}: {exc}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML ({exc}); fix the syntax there.") from None
    config = parse_config(raw, path)
    _warn_if_readable(path, config)
    return config


def _warn_if_readable(path: Path, config: Config) -> None:
    """A password in a file others can read is worth a warning (never the password itself)."""
    inline = [s.section for s in (config.imap, config.smtp) if s.password is not None]
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if inline and mode & 0o077:
        logging.getLogger("mailbot.config").warning(
            "%s holds a password for [%s] and is readable by others; run: chmod 600 %s "
            "(or use password_command or password_env)",
            path,
            "], [".join(inline),
            path,
        )


def parse_config(raw: Mapping[str, Any], path: Path) -> Config:
    """Validate an already-decoded TOML document."""
    top = Section(raw, "", TOP_KEYS)
    base = path.parent
    templates_dir = top.text("templates_dir")
    return Config(
        path=path,
        therapist=sections.therapist_section(table(raw, "therapist", required=True)),
        imap=server_section(table(raw, "imap", required=True), "imap"),
        smtp=server_section(table(raw, "smtp", required=True), "smtp"),
        storage=sections.storage_section(table(raw, "storage"), base),
        folders=sections.folders_section(table(raw, "folders")),
        intake=sections.intake_section(table(raw, "intake")),
        homework=sections.homework_section(table(raw, "homework")),
        reminders=sections.reminders_section(table(raw, "reminders")),
        feedback=sections.feedback_section(table(raw, "feedback")),
        digest=sections.digest_section(table(raw, "digest"), sections.therapist_email(raw)),
        schedule=sections.schedule_section(table(raw, "schedule")),
        templates_dir=(base / templates_dir).resolve() if templates_dir else None,
        risk=sections.risk_section(table(raw, "risk"), sections.therapist_email(raw)),
        brief=sections.brief_section(table(raw, "brief")),
    )
