"""Load the TOML configuration into typed, frozen objects: the one place that knows key names.

Every problem is a ConfigError that names the key and says what it expects.
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailbot.core.feedback import WorkingTime, parse_working_days, parse_working_hours
from mailbot.core.reminders import Policy
from mailbot.core.risk import risk_rules
from mailbot.errors import ConfigError

SECURITY_MODES = ("tls", "starttls", "none")
AUTH_KINDS = ("password", "xoauth2", "oauthbearer")
DEFAULT_PORTS = {
    "imap": {"tls": 993, "starttls": 143, "none": 143},
    "smtp": {"tls": 465, "starttls": 587, "none": 25},
}


DEFAULT_EMERGENCY_NOTE = (
    "This mailbox is not watched around the clock. In an emergency, please call your local "
    "emergency number (112 in Europe, 911 in North America) or go to the nearest emergency department."
)


@dataclass(frozen=True)
class Therapist:
    name: str
    email: str
    timezone: str
    emergency_note: str = DEFAULT_EMERGENCY_NOTE  # the footer of every assignment email

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class ServerConfig:
    """How to reach and log in to one mail server (IMAP or SMTP)."""

    section: str  # "imap" or "smtp", for messages
    host: str
    port: int
    security: str
    username: str
    password: str | None
    password_command: str | None
    password_env: str | None
    ca_file: str | None
    timeout: float
    # SMTP only: keep a copy of what mailbot sends in the Sent folder; "auto" unless the
    # provider files it there itself (Gmail, Microsoft 365)
    append_to_sent: bool | str
    auth: str = "password"  # "password", or "xoauth2"/"oauthbearer" with an access token

    def __repr__(self) -> str:  # never show a secret, even in a traceback
        return f"ServerConfig({self.section}: {self.username}@{self.host}:{self.port}, {self.security})"


@dataclass(frozen=True)
class Storage:
    data_dir: Path
    database_url: str


@dataclass(frozen=True)
class Folders:
    inbox: str
    filed: str  # a pattern with "{client}" for the client's name
    triage: str
    drafts: str | None
    sent: str | None
    commands: str  # where command mails and mailbot's answers to them are tidied


@dataclass(frozen=True)
class Intake:
    batch_size: int
    max_message_mb: int
    workers: int  # processes that parse mail beside the pass; 0: the pass parses it itself
    max_parts: int = 100  # attachments filed per message; the raw message keeps the rest
    require_auth: str = "not-fail"  # core.auth.REQUIRE: what a client's mail must show to be believed
    authserv_id: str | None = None  # the receiving server's name in its Authentication-Results


@dataclass(frozen=True)
class Homework:
    subject_shows_title: bool  # put the assignment's title in email subjects (default: no)
    grace_hours: float  # an open occurrence becomes "missed" this long after its due time


@dataclass(frozen=True)
class FeedbackPolicy:
    sla_hours: float
    working: WorkingTime | None  # None: clock hours
    combine: str  # "none" or "client-day"
    drafts: bool


@dataclass(frozen=True)
class DigestConfig:
    to: str  # who gets the digest (default: the therapist)
    time: time  # when the scheduler sends it, therapist's local time
    inactive_days: int  # a client without a submission this long is listed


@dataclass(frozen=True)
class BriefConfig:
    """[brief]: the session brief sent before each session (docs/brief.md)."""

    enabled: bool = True
    hours_before: float | None = None  # None: with the digest on the session's day, or 12 h before
    detailed_subject: bool = False  # put the figures in the subject (clinical detail: off by default)


@dataclass(frozen=True)
class Schedule:
    poll_minutes: float  # intake poll interval (IMAP IDLE takes new mail within seconds anyway)
    remind_minutes: float
    feedback_minutes: float
    idle: bool  # use IMAP IDLE where the server offers it


@dataclass(frozen=True)
class Reminders:
    policy: Policy  # [reminders]
    types: Mapping[str, Policy]  # [reminders.types.<type>], each on top of [reminders]


@dataclass(frozen=True)
class RiskConfig:
    """[risk]: the safety net for worrying words in a client's mail (docs/risk.md)."""

    enabled: bool
    phrases_add: tuple[str, ...]  # phrases (or patterns) added to the built-in lists
    phrases_remove: tuple[str, ...]  # built-in phrases that raise false alarms in this practice
    alert: str  # the address alerts go to (default: the therapist)
    acknowledge: bool = False  # also answer the client at once with the emergency note (off by default)


@dataclass(frozen=True)
class Config:
    path: Path
    therapist: Therapist
    imap: ServerConfig
    smtp: ServerConfig
    storage: Storage
    folders: Folders
    intake: Intake
    homework: Homework
    reminders: Reminders
    feedback: FeedbackPolicy
    digest: DigestConfig
    schedule: Schedule
    templates_dir: Path | None
    risk: RiskConfig = RiskConfig(True, (), (), "")
    brief: BriefConfig = BriefConfig()


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


class _Section:
    """One TOML table, read key by key; complains about keys nobody asked for."""

    def __init__(self, raw: Mapping[str, Any], name: str, known: tuple[str, ...]):
        self.name = name
        self.raw = raw
        unknown = sorted(set(raw) - set(known))
        if unknown:
            where = f"[{name}] " if name else ""
            raise ConfigError(
                f"Unknown configuration key {where}{unknown[0]!r}; expected one of: {', '.join(known)}."
            )

    def key(self, key: str) -> str:
        return f"[{self.name}] {key}" if self.name else key

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.raw.get(key, default)
        if value is None:
            if required:
                raise ConfigError(f"Missing configuration key {self.key(key)}: it expects text.")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise ConfigError(f"Configuration key {self.key(key)} expects non-empty text.")
        return value

    def required(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def whole(self, key: str, default: int, low: int, high: int) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(
                f"Configuration key {self.key(key)} expects a whole number from {low} to {high}."
            )
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError(f"Configuration key {self.key(key)} expects true or false.")
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise ConfigError(f"Configuration key {self.key(key)} expects a number from {low} to {high}.")
        return float(value)


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


def parse_config(raw: Mapping[str, Any], path: Path) -> Config:
    """Validate an already-decoded TOML document."""
    top = _Section(raw, "", TOP_KEYS)
    base = path.parent
    templates_dir = top.text("templates_dir")
    return Config(
        path=path,
        therapist=_therapist(_table(raw, "therapist", required=True)),
        imap=_server(_table(raw, "imap", required=True), "imap"),
        smtp=_server(_table(raw, "smtp", required=True), "smtp"),
        storage=_storage(_table(raw, "storage"), base),
        folders=_folders(_table(raw, "folders")),
        intake=_intake(_table(raw, "intake")),
        homework=_homework(_table(raw, "homework")),
        reminders=_reminders(_table(raw, "reminders")),
        feedback=_feedback(_table(raw, "feedback")),
        digest=_digest(_table(raw, "digest"), therapist_email(raw)),
        schedule=_schedule(_table(raw, "schedule")),
        templates_dir=(base / templates_dir).resolve() if templates_dir else None,
        risk=_risk(_table(raw, "risk"), therapist_email(raw)),
        brief=_brief(_table(raw, "brief")),
    )


def _table(raw: Mapping[str, Any], name: str, required: bool = False) -> Mapping[str, Any]:
    value = raw.get(name)
    if value is None:
        if required:
            raise ConfigError(f"The configuration has no [{name}] section; add it (see config.example.toml).")
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"Configuration key {name!r} must be a [{name}] section, not a single value.")
    return value


def check_timezone(name: str, key: str) -> str:
    """Return ``name`` if it is an IANA time zone, else raise a ConfigError naming ``key``."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{key} is {name!r}, which is not an IANA time zone; use a name like 'Europe/Berlin'."
        ) from None
    return name


def _therapist(raw: Mapping[str, Any]) -> Therapist:
    s = _Section(raw, "therapist", ("name", "email", "timezone", "emergency_note"))
    email = s.required("email")
    if "@" not in email:
        raise ConfigError("Configuration key [therapist] email expects an email address.")
    return Therapist(
        name=s.required("name"),
        email=email,
        timezone=check_timezone(s.text("timezone", "UTC") or "UTC", "[therapist] timezone"),
        emergency_note=" ".join((s.text("emergency_note", DEFAULT_EMERGENCY_NOTE) or "").split()),
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _server(raw: Mapping[str, Any], section: str) -> ServerConfig:
    s = _Section(raw, section, SERVER_KEYS + (("append_to_sent",) if section == "smtp" else ()))
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


def _auth(s: _Section) -> str:
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


def _append_to_sent(s: _Section) -> bool | str:
    value = s.raw.get("append_to_sent", "auto")
    if not (isinstance(value, bool) or value == "auto"):
        raise ConfigError(f'Configuration key {s.key("append_to_sent")} expects true, false or "auto".')
    return bool(value) if isinstance(value, bool) else "auto"


def _storage(raw: Mapping[str, Any], base: Path) -> Storage:
    s = _Section(raw, "storage", ("data_dir", "database_url"))
    data_dir = (base / Path(s.text("data_dir", "data") or "data").expanduser()).resolve()
    url = s.text("database_url") or f"sqlite:///{data_dir / 'mailbot.sqlite3'}"
    if "://" not in url:
        raise ConfigError(
            "Configuration key [storage] database_url expects an SQLAlchemy URL such as "
            "'sqlite:////var/lib/mailbot/mailbot.sqlite3' or 'postgresql+psycopg://user@host/db'."
        )
    return Storage(data_dir=data_dir, database_url=url)


def _folders(raw: Mapping[str, Any]) -> Folders:
    s = _Section(raw, "folders", ("inbox", "filed", "triage", "drafts", "sent", "commands"))
    filed = s.text("filed", "Homework/{client}") or ""
    if "{client}" not in filed:
        raise ConfigError(
            "Configuration key [folders] filed must contain {client}, e.g. 'Homework/{client}'."
        )
    return Folders(
        inbox=s.text("inbox", "INBOX") or "INBOX",
        filed=filed,
        triage=s.text("triage", "Homework/Triage") or "Homework/Triage",
        drafts=s.text("drafts"),
        sent=s.text("sent"),
        commands=s.text("commands", "Mailbot") or "Mailbot",
    )


def _intake(raw: Mapping[str, Any]) -> Intake:
    s = _Section(
        raw, "intake", ("batch_size", "max_message_mb", "workers", "max_parts", "require_auth", "authserv_id")
    )
    require_auth = s.text("require_auth", "not-fail") or "not-fail"
    if require_auth not in ("not-fail", "dmarc-pass"):
        raise ConfigError(f'[intake] require_auth is {require_auth!r}; expected "not-fail" or "dmarc-pass".')
    authserv_id = (s.text("authserv_id") or "").strip() or None
    if require_auth == "dmarc-pass" and authserv_id is None:
        raise ConfigError(
            '[intake] require_auth = "dmarc-pass" needs [intake] authserv_id: the first word of the '
            "Authentication-Results header your mail server adds (see SECURITY.md)."
        )
    return Intake(
        batch_size=s.whole("batch_size", 100, 1, 5000),
        max_message_mb=s.whole("max_message_mb", 50, 1, 2000),
        workers=s.whole("workers", min(os.cpu_count() or 1, 4), 0, 64),
        max_parts=s.whole("max_parts", 100, 1, 10_000),
        require_auth=require_auth,
        authserv_id=authserv_id,
    )


def _homework(raw: Mapping[str, Any]) -> Homework:
    s = _Section(raw, "homework", ("subject_shows_title", "grace_hours"))
    return Homework(
        subject_shows_title=s.flag("subject_shows_title", False),
        grace_hours=s.number("grace_hours", 24.0, 0.0, 24.0 * 14),
    )


REMINDER_KEYS = (
    "enabled",
    "before_hours",
    "due_reminder",
    "due_hour",
    "nudge_after_hours",
    "max_nudges",
    "quiet_hours",
    "max_per_day",
    "min_hours_after_assignment",
    "stop_after_missed",
)
HOMEWORK_TYPE_NAMES = (
    "bibliotherapy",
    "mood-log",
    "cognitive-exercise",
    "journal",
    "exposure",
    "experiment",
    "custom",
)


def parse_clock(text: str, key: str) -> time:
    """ "19:00" as a time; a ConfigError naming ``key`` otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ConfigError(f'{key} is {text!r}; write a local time like "19:00".')
    return time(int(match.group(1)), int(match.group(2)))


def _policy(raw: Mapping[str, Any], name: str, base: Policy) -> Policy:
    s = _Section(raw, name, REMINDER_KEYS + (("types",) if name == "reminders" else ()))
    changes: dict[str, Any] = {}
    if "enabled" in raw:
        changes["enabled"] = s.flag("enabled", True)
    if "due_reminder" in raw:
        changes["due_reminder"] = s.flag("due_reminder", True)
    for key, high in (
        ("before_hours", 24.0 * 14),
        ("nudge_after_hours", 24.0 * 14),
        ("min_hours_after_assignment", 24.0 * 14),
    ):
        if key in raw:
            changes[key] = s.number(key, 0, 0.0, high)
    for key, high in (("max_nudges", 10), ("max_per_day", 20), ("stop_after_missed", 100)):
        if key in raw:
            changes[key] = s.whole(key, 0, 0, high)
    if "due_hour" in raw:
        changes["due_hour"] = parse_clock(s.required("due_hour"), s.key("due_hour"))
    if "quiet_hours" in raw:
        quiet = s.required("quiet_hours")
        start, sep, end = quiet.partition("-")
        if not sep:
            raise ConfigError(f'{s.key("quiet_hours")} is {quiet!r}; write it like "21:00-08:00".')
        changes["quiet_start"] = parse_clock(start, s.key("quiet_hours"))
        changes["quiet_end"] = parse_clock(end, s.key("quiet_hours"))
    try:
        return dataclasses.replace(base, **changes)
    except ValueError as exc:
        raise ConfigError(f"[{name}]: {exc}.") from None


def _reminders(raw: Mapping[str, Any]) -> Reminders:
    policy = _policy(raw, "reminders", Policy())
    types_raw = _table(raw, "types")
    unknown = sorted(set(types_raw) - set(HOMEWORK_TYPE_NAMES))
    if unknown:
        raise ConfigError(
            f"[reminders.types.{unknown[0]}] names no homework type; "
            f"use one of: {', '.join(HOMEWORK_TYPE_NAMES)}."
        )
    types = {name: _policy(_table(types_raw, name), f"reminders.types.{name}", policy) for name in types_raw}
    return Reminders(policy=policy, types=types)


def _feedback(raw: Mapping[str, Any]) -> FeedbackPolicy:
    s = _Section(raw, "feedback", ("sla_hours", "working_hours", "working_days", "combine", "drafts"))
    combine = s.text("combine", "none") or "none"
    if combine not in ("none", "client-day"):
        raise ConfigError(f'[feedback] combine is {combine!r}; expected "none" or "client-day".')
    working = None
    if "working_hours" in raw or "working_days" in raw:
        try:
            start, end = parse_working_hours(s.text("working_hours", "09:00-17:00") or "")
            days_raw = raw.get("working_days", ["mon-fri"])
            if not isinstance(days_raw, list) or not all(isinstance(d, str) for d in days_raw):
                raise ValueError('expected a list of day names like ["mon-fri"]')
            working = WorkingTime(start, end, parse_working_days(days_raw))
        except ValueError as exc:
            raise ConfigError(f"[feedback] working_hours/working_days: {exc}.") from None
    return FeedbackPolicy(
        sla_hours=s.number("sla_hours", 24.0, 0.0, 24.0 * 30),
        working=working,
        combine=combine,
        drafts=s.flag("drafts", True),
    )


def therapist_email(raw: Mapping[str, Any]) -> str:
    therapist = raw.get("therapist")
    return str(therapist.get("email", "")) if isinstance(therapist, dict) else ""


def _digest(raw: Mapping[str, Any], default_to: str) -> DigestConfig:
    s = _Section(raw, "digest", ("to", "time", "inactive_days"))
    to = s.text("to", default_to) or default_to
    if "@" not in to:
        raise ConfigError("Configuration key [digest] to expects an email address.")
    return DigestConfig(
        to=to,
        time=parse_clock(s.text("time", "07:30") or "07:30", "[digest] time"),
        inactive_days=s.whole("inactive_days", 3, 1, 365),
    )


def _brief(raw: Mapping[str, Any]) -> BriefConfig:
    s = _Section(raw, "brief", ("enabled", "hours_before", "detailed_subject"))
    return BriefConfig(
        enabled=s.flag("enabled", True),
        hours_before=s.number("hours_before", 0, 0.0, 24.0 * 7) if "hours_before" in raw else None,
        detailed_subject=s.flag("detailed_subject", False),
    )


def _schedule(raw: Mapping[str, Any]) -> Schedule:
    s = _Section(raw, "schedule", ("poll_minutes", "remind_minutes", "feedback_minutes", "idle"))
    return Schedule(
        poll_minutes=s.number("poll_minutes", 2.0, 0.1, 24 * 60.0),
        remind_minutes=s.number("remind_minutes", 5.0, 0.1, 24 * 60.0),
        feedback_minutes=s.number("feedback_minutes", 5.0, 0.1, 24 * 60.0),
        idle=s.flag("idle", True),
    )


def _risk(raw: Mapping[str, Any], default_alert: str) -> RiskConfig:
    s = _Section(raw, "risk", ("enabled", "phrases_add", "phrases_remove", "alert", "acknowledge"))
    alert = s.text("alert", default_alert) or default_alert
    if "@" not in alert:
        raise ConfigError("Configuration key [risk] alert expects an email address.")
    add, remove = _phrases(s, "phrases_add"), _phrases(s, "phrases_remove")
    for key, phrases in (("phrases_add", (add, ())), ("phrases_remove", ((), remove))):
        try:
            _check_phrases(*phrases)
        except ValueError as exc:
            raise ConfigError(f"Configuration key {s.key(key)}: {str(exc).rstrip('.')}.") from None
    return RiskConfig(
        enabled=s.flag("enabled", True),
        phrases_add=add,
        phrases_remove=remove,
        alert=alert,
        acknowledge=s.flag("acknowledge", False),
    )


@functools.lru_cache(maxsize=16)
def _check_phrases(add: tuple[str, ...], remove: tuple[str, ...]) -> None:
    """Raise ValueError if risk_rules cannot use these phrases. Remembered: compiling the built-in
    lists takes a tenth of a second, and a process that loads one config many times (the tests
    run hundreds of commands in one) would pay it each time."""
    risk_rules(add, remove)


def _phrases(s: _Section, key: str) -> tuple[str, ...]:
    value = s.raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise ConfigError(f'Configuration key {s.key(key)} expects a list of phrases, like ["phrase one"].')
    return tuple(value)
