"""Named points where the fault-injection tests crash mailbot on purpose.

Inactive unless ``MAILBOT_FAULT`` is set (the tests set it; nobody else should): its value
``NAME`` or ``NAME:N`` crashes at the N-th (default first) time the point NAME is passed, by
raising ``InjectedCrash`` (a BaseException, so no handler in mailbot catches it, as with a
real crash) or, with ``MAILBOT_FAULT_MODE=kill``, by SIGKILL of the whole process.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_passed: Counter[str] = Counter()


class InjectedCrash(BaseException):
    """A crash injected at a checkpoint by the tests."""


def checkpoint(name: str) -> None:
    """Crash here if the tests asked for it; otherwise nothing."""
    wanted = os.environ.get("MAILBOT_FAULT")
    if not wanted:
        return
    point, _sep, count = wanted.partition(":")
    if point != name:
        return
    _passed[name] += 1
    if _passed[name] != (int(count) if count else 1):
        return
    if os.environ.get("MAILBOT_FAULT_MODE") == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    raise InjectedCrash(name)


def reset() -> None:
    """Forget how often each point was passed (between in-process runs)."""
    _passed.clear()
