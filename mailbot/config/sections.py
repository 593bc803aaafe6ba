"""The other sections of the configuration, one function each: [therapist], [storage],
[folders], [intake], [homework], [reminders], [feedback], [digest], [brief], [schedule], [risk]."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mailbot.config.settings import (
    DEFAULT_EMERGENCY_NOTE,
    BriefConfig,
    DigestConfig,
    FeedbackPolicy,
    Folders,
    Homework,
    Intake,
    Reminders,
    RiskConfig,
    Schedule,
    Storage,
    Therapist,
)
from mailbot.config.values import Section, check_timezone, parse_clock, table
from mailbot.core.feedback import WorkingTime, parse_working_days, parse_working_hours
from mailbot.core.reminder_policy import Policy
from mailbot.core.risk import risk_rules
from mailbot.errors import ConfigError

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


def therapist_section(raw: Mapping[str, Any]) -> Therapist:
    s = Section(raw, "therapist", ("name", "email", "timezone", "emergency_note"))
    email = s.required("email")
    if "@" not in email:
        raise ConfigError("Configuration key [therapist] email expects an email address.")
    return Therapist(
        name=s.required("name"),
        email=email,
        timezone=check_timezone(s.text("timezone", "UTC") or "UTC", "[therapist] timezone"),
        emergency_note=" ".join((s.text("emergency_note", DEFAULT_EMERGENCY_NOTE) or "").split()),
    )


def storage_section(raw: Mapping[str, Any], base: Path) -> Storage:
    s = Section(raw, "storage", ("data_dir", "database_url"))
    data_dir = (base / Path(s.text("data_dir", "data") or "data").expanduser()).resolve()
    url = s.text("database_url") or f"sqlite:///{data_dir / 'mailbot.sqlite3'}"
    if "://" not in url:
        raise ConfigError(
            "Configuration key [storage] database_url expects an SQLAlchemy URL such as "
            "'sqlite:////var/lib/mailbot/mailbot.sqlite3' or 'postgresql+psycopg://user@host/db'."
        )
    return Storage(data_dir=data_dir, database_url=url)


def folders_section(raw: Mapping[str, Any]) -> Folders:
    s = Section(raw, "folders", ("inbox", "filed", "triage", "drafts", "sent", "commands"))
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


def intake_section(raw: Mapping[str, Any]) -> Intake:
    s = Section(
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


def homework_section(raw: Mapping[str, Any]) -> Homework:
    s = Section(raw, "homework", ("subject_shows_title", "grace_hours"))
    return Homework(
        subject_shows_title=s.flag("subject_shows_title", False),
        grace_hours=s.number("grace_hours", 24.0, 0.0, 24.0 * 14),
    )


def _policy(raw: Mapping[str, Any], name: str, base: Policy) -> Policy:
    s = Section(raw, name, REMINDER_KEYS + (("types",) if name == "reminders" else ()))
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


def reminders_section(raw: Mapping[str, Any]) -> Reminders:
    policy = _policy(raw, "reminders", Policy())
    types_raw = table(raw, "types")
    unknown = sorted(set(types_raw) - set(HOMEWORK_TYPE_NAMES))
    if unknown:
        raise ConfigError(
            f"[reminders.types.{unknown[0]}] names no homework type; "
            f"use one of: {', '.join(HOMEWORK_TYPE_NAMES)}."
        )
    types = {name: _policy(table(types_raw, name), f"reminders.types.{name}", policy) for name in types_raw}
    return Reminders(policy=policy, types=types)


def feedback_section(raw: Mapping[str, Any]) -> FeedbackPolicy:
    s = Section(raw, "feedback", ("sla_hours", "working_hours", "working_days", "combine", "drafts"))
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


def digest_section(raw: Mapping[str, Any], default_to: str) -> DigestConfig:
    s = Section(raw, "digest", ("to", "time", "inactive_days"))
    to = s.text("to", default_to) or default_to
    if "@" not in to:
        raise ConfigError("Configuration key [digest] to expects an email address.")
    return DigestConfig(
        to=to,
        time=parse_clock(s.text("time", "07:30") or "07:30", "[digest] time"),
        inactive_days=s.whole("inactive_days", 3, 1, 365),
    )


def brief_section(raw: Mapping[str, Any]) -> BriefConfig:
    s = Section(raw, "brief", ("enabled", "hours_before", "detailed_subject"))
    return BriefConfig(
        enabled=s.flag("enabled", True),
        hours_before=s.number("hours_before", 0, 0.0, 24.0 * 7) if "hours_before" in raw else None,
        detailed_subject=s.flag("detailed_subject", False),
    )


def schedule_section(raw: Mapping[str, Any]) -> Schedule:
    s = Section(raw, "schedule", ("poll_minutes", "remind_minutes", "feedback_minutes", "idle"))
    return Schedule(
        poll_minutes=s.number("poll_minutes", 2.0, 0.1, 24 * 60.0),
        remind_minutes=s.number("remind_minutes", 5.0, 0.1, 24 * 60.0),
        feedback_minutes=s.number("feedback_minutes", 5.0, 0.1, 24 * 60.0),
        idle=s.flag("idle", True),
    )


def risk_section(raw: Mapping[str, Any], default_alert: str) -> RiskConfig:
    s = Section(raw, "risk", ("enabled", "phrases_add", "phrases_remove", "alert", "acknowledge"))
    alert = s.text("alert", default_alert) or default_alert
    if "@" not in alert:
        raise ConfigError("Configuration key [risk] alert expects an email address.")
    add, remove = _phrases(s, "phrases_add"), _phrases(s, "phrases_remove")
    for key, phrases in (("phrases_add", (add, ())), ("phrases_remove", ((), remove))):
        try:
            risk_rules(*phrases)  # checks the phrases; builds nothing until a message is read
        except ValueError as exc:
            raise ConfigError(f"Configuration key {s.key(key)}: {str(exc).rstrip('.')}.") from None
    return RiskConfig(
        enabled=s.flag("enabled", True),
        phrases_add=add,
        phrases_remove=remove,
        alert=alert,
        acknowledge=s.flag("acknowledge", False),
    )


def _phrases(s: Section, key: str) -> tuple[str, ...]:
    value = s.raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise ConfigError(f'Configuration key {s.key(key)} expects a list of phrases, like ["phrase one"].')
    return tuple(value)
