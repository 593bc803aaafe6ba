"""The therapist's commands by mail: one per line, in plain words close to the command line.

    triage 12 to 3          done 13              skip 14 not needed
    pause Anna              resume Anna          stage 2 Anna mood log
    advance Ben ladder      close 7              renew 7 until 21 December
    next session Anna Thursday 15:00             brief Anna
    add client Anna Smith anna@example.org       help

Pure: ``read_commands`` turns a mail's text into Commands (and the lines it could not read);
who "Anna" is and what each command does is the shell's business (mailbot/passes/mail_control.py).
Also here: the ``mailto:`` link that opens a ready-made command mail (``command_link``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

VERBS = (
    "triage",
    "done",
    "skip",
    "pause",
    "resume",
    "stage",
    "advance",
    "close",
    "renew",
    "next-session",
    "brief",
    "add-client",
    "help",
)
MAX_COMMANDS = 50  # a pasted essay is not fifty commands
_N = r"#?(\d{1,9})"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (verb, re.compile(pattern, re.I))
    for verb, pattern in (
        ("triage", rf"^(?:triage(?:\s+assign)?|file|settle)\s+{_N}\s+(?:(?:to|in|as|under)\s+)?{_N}$"),
        ("done", rf"^(?:(?:feedback\s+)?done|given|answered|replied)\s+{_N}$"),
        ("skip", rf"^(?:feedback\s+)?skip\s+{_N}(?:\s*[:,-]?\s*(.*))?$"),
        ("pause", r"^pause(?:\s+reminders)?(?:\s+(?:for|of))?\s+(.+)$"),
        ("resume", r"^resume(?:\s+reminders)?(?:\s+(?:for|of))?\s+(.+)$"),
        ("stage", r"^(?:switch\s+(?:to\s+)?)?stage\s+([12])(?:\s+(?:for|of))?\s+(.+)$"),
        ("stage", rf"^assignment\s+stage\s+{_N}\s+([12])$"),
        ("advance", r"^(?:exposure\s+)?advance(?:\s+(?:for|of))?\s+(.+)$"),
        ("close", rf"^(?:close|end|finish)(?:\s+assignment)?\s+{_N}$"),
        ("renew", rf"^(?:renew|extend)(?:\s+assignment)?\s+{_N}\s+(.+)$"),
        ("next-session", r"^next\s+session(?:\s+(?:for|with))?\s+(.+)$"),
        ("brief", r"^(?:session\s+)?brief(?:\s+(?:for|on))?\s+(.+)$"),
        ("add-client", r"^add(?:\s+(?:client|as\s+client))?\s+(.+)$"),
        ("help", r"^(?:help|commands|\?)$"),
    )
)
_SIGN_OFF = re.compile(
    r"^(?:sent\s+from\s+my\s|get\s+outlook\s+for\s|von\s+meinem\s|envoyé\s+de\s+mon\s)", re.I
)
_ADDRESS = re.compile(r"<?([^\s<>@,;]+@[^\s<>@,;]+\.[^\s<>@,;]+)>?")


@dataclass(frozen=True)
class Command:
    """One line the therapist wrote, read: ``verb`` is one of VERBS; ``numbers`` the ids in it;
    ``words`` what names a client (and perhaps an assignment); ``rest`` a free tail (a reason,
    a date, an address)."""

    verb: str
    line: str
    numbers: tuple[int, ...] = ()
    words: str = ""
    rest: str = ""


@dataclass(frozen=True)
class Unreadable:
    line: str


def command_lines(text: str) -> list[str]:
    """The mail's own lines: not blank, not quoted, before a "-- " signature, no phone sign-off."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = " ".join(line.split())
        if line.rstrip() == "--" or re.match(
            r"^(?:on\s.+\swrote:|-+\s*original message\s*-+)$", stripped, re.I
        ):
            break
        if stripped and not stripped.startswith(">") and not _SIGN_OFF.match(stripped):
            lines.append(stripped)
    return lines


def read_commands(text: str) -> list[Command | Unreadable]:
    """Every command in a command mail's text, in order; lines that are none are Unreadable."""
    return [read_command(line) for line in command_lines(text)[:MAX_COMMANDS]]


def read_command(line: str) -> Command | Unreadable:
    """One line as a Command, or Unreadable."""
    text = re.sub(r"^(?:mailbot[:,]?\s+)", "", line.strip().strip("`*_").rstrip(".!"), flags=re.I).strip()
    for verb, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _command(verb, line, match)
    return Unreadable(line)


def _command(verb: str, line: str, match: re.Match[str]) -> Command:
    groups = [g for g in match.groups()]
    if verb == "triage":
        return Command(verb, line, (int(groups[0]), int(groups[1])))
    if verb in ("done", "close"):
        return Command(verb, line, (int(groups[0]),))
    if verb == "skip":
        return Command(verb, line, (int(groups[0]),), rest=(groups[1] or "").strip())
    if verb == "stage":
        if match.re.pattern.startswith("^assignment"):
            return Command(verb, line, (int(groups[1]), int(groups[0])))  # (stage, assignment id)
        return Command(verb, line, (int(groups[0]),), words=groups[1].strip())
    if verb == "renew":
        return Command(verb, line, (int(groups[0]),), rest=groups[1].strip())
    if verb == "add-client":
        found = _ADDRESS.search(groups[0])
        if not found:
            return Command(verb, line, words=groups[0].strip())
        name = (groups[0][: found.start()] + groups[0][found.end() :]).strip(" ,;:-")
        return Command(verb, line, words=name, rest=found.group(1).lower())
    if verb == "help":
        return Command(verb, line)
    return Command(verb, line, words=groups[0].strip())


def command_link(address: str, command: str, subject: str | None = None) -> str:
    """A ``mailto:`` link opening a mail to ``address`` whose body is ``command`` (RFC 6068)."""
    subject = subject or f"mailbot: {command}"
    return (
        f"mailto:{quote(address, safe='@+')}?subject={quote(subject, safe='')}&body={quote(command, safe='')}"
    )


def is_own_address(address: str, own: str) -> bool:
    """Whether ``address`` is the therapist's own, or a plus address of it (ada+mailbot@...)."""
    local, _at, domain = address.lower().partition("@")
    own_local, _at, own_domain = own.lower().partition("@")
    return domain == own_domain and local.partition("+")[0] == own_local.partition("+")[0]


def meant_for_mailbot(recipients: Sequence[str], own: str, subject: str, text: str) -> bool:
    """Whether a mail she sent herself is for mailbot, not a note to herself: sent to a plus
    address of hers, or with a subject starting "mailbot" (as the links write it), or with a
    command as its first line of her own (a subject alone when the body is empty)."""
    if any("+" in r.partition("@")[0] for r in recipients if is_own_address(r, own)):
        return True
    topic = re.sub(r"^(?:(?:re|fwd?|aw|wg)\s*:\s*)+", "", subject.strip(), flags=re.I)
    if topic.lower().startswith("mailbot"):
        return True
    lines = command_lines(text) or [topic]
    return isinstance(read_command(lines[0]), Command)
