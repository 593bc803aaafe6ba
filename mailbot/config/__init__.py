"""Load the TOML configuration into typed, frozen objects: the one place that knows key names.

Every problem is a ConfigError that names the key and says what it expects. The objects are in
``settings``; ``loading`` finds and reads the file; ``values`` reads one table's keys;
``servers`` and ``sections`` read each section.
"""

from mailbot.config.loading import TOP_KEYS, config_path, load_config, parse_config
from mailbot.config.sections import HOMEWORK_TYPE_NAMES, REMINDER_KEYS, therapist_email
from mailbot.config.servers import AUTH_KINDS, DEFAULT_PORTS, SECURITY_MODES, SERVER_KEYS, is_loopback
from mailbot.config.settings import (
    DEFAULT_EMERGENCY_NOTE,
    BriefConfig,
    Config,
    DigestConfig,
    FeedbackPolicy,
    Folders,
    Homework,
    Intake,
    Reminders,
    RiskConfig,
    Schedule,
    ServerConfig,
    Storage,
    Therapist,
)
from mailbot.config.values import check_timezone, parse_clock

__all__ = [
    "AUTH_KINDS",
    "DEFAULT_EMERGENCY_NOTE",
    "DEFAULT_PORTS",
    "HOMEWORK_TYPE_NAMES",
    "REMINDER_KEYS",
    "SECURITY_MODES",
    "SERVER_KEYS",
    "TOP_KEYS",
    "BriefConfig",
    "Config",
    "DigestConfig",
    "FeedbackPolicy",
    "Folders",
    "Homework",
    "Intake",
    "Reminders",
    "RiskConfig",
    "Schedule",
    "ServerConfig",
    "Storage",
    "Therapist",
    "check_timezone",
    "config_path",
    "is_loopback",
    "load_config",
    "parse_clock",
    "parse_config",
    "therapist_email",
]
