"""The one family of errors a user can fix: caught once in cli.py and printed as one sentence."""


class MailbotError(Exception):
    """Something the user can fix; the message is one sentence saying what and how."""

    exit_code = 1


class ConfigError(MailbotError):
    """The configuration file is missing, malformed, or holds a wrong key or value."""

    exit_code = 2


class UsageError(MailbotError):
    """A command-line argument names something that does not exist or is malformed."""

    exit_code = 2


class ServerError(MailbotError):
    """A mail server could not be reached, refused the login, or failed a command."""

    exit_code = 1
