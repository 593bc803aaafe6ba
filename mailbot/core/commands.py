"""Commands a client gives by replying: stop reminders for a while ("pause"), start them again.

A command is a clear word on a line of its own, so that homework that merely mentions the word
("I can't stop thinking about it") is never taken for one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

Command = Literal["pause", "resume"]

WORDS: dict[str, Command] = {"pause": "pause", "stop": "pause", "resume": "resume"}
MAX_OTHER_LINES = 3  # room for a greeting, a sign-off and a "Sent from my phone"
MAX_OTHER_LINE_LENGTH = 40  # "Hello Dr. Smith," fits; a sentence of homework does not


def is_pause_command(text: str) -> Command | None:
    """ "pause" or "resume" when the reply is that command, else None.

    The reply's own lines are those before a "-- " signature separator that are neither blank
    nor quoted (starting with ">"), nor an attribution ending in ":" just above a quoted line.
    It is a command when one of those lines is "pause", "stop" or "resume" alone (any case,
    optionally followed by "." or "!"), no line names the other command, and at most
    ``MAX_OTHER_LINES`` other lines of at most ``MAX_OTHER_LINE_LENGTH`` characters surround it.
    Give it the text with quotes already split off where possible; the rules above are a floor.
    """
    commands: set[Command] = set()
    others = 0
    for line in _own_lines(text):
        word = _word(line)
        if word in WORDS:
            commands.add(WORDS[word])
            continue
        others += 1
        if others > MAX_OTHER_LINES or len(line) > MAX_OTHER_LINE_LENGTH:
            return None  # homework, most often: said by its first long line, the rest unread
    return commands.pop() if len(commands) == 1 else None


def _own_lines(text: str) -> Iterator[str]:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.rstrip() == "--":
            return  # the signature
        stripped = line.strip()
        if not stripped or _quoted(stripped):
            continue
        if stripped.endswith(":") and _quote_follows(lines, i):
            continue
        yield stripped


def _quote_follows(lines: list[str], index: int) -> bool:
    following = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return _quoted(following)


def _quoted(stripped: str) -> bool:
    return stripped.startswith(">")


def _word(line: str) -> str:
    return line.rstrip(".!").strip().lower()
