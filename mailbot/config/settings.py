"""The configuration as typed, frozen objects: what every other module reads (never a key name)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

from mailbot.core.feedback import WorkingTime
from mailbot.core.reminder_policy import Policy

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
