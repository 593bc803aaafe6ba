"""The names under which a failure is recorded for the digest, and the title the digest gives it.

The daemon and ``tick`` record a failed job under its name, and the digest looks that name up for
its title: both read the names from here, so a renamed job cannot silently lose its title.
"""

from __future__ import annotations

from enum import StrEnum


class Job(StrEnum):
    """The periodic jobs, by the name the daemon schedules, logs and records their failures under."""

    INTAKE = "intake"
    REMINDERS = "reminders"
    FEEDBACK = "feedback"
    DIGEST = "digest"
    BRIEF = "brief"


PROBLEM_TITLES: dict[str, str] = {
    "message": "A message could not be processed",
    Job.INTAKE: "Checking mail failed",
    Job.REMINDERS: "Sending reminders failed",
    Job.FEEDBACK: "Reading the Sent folder failed",
    Job.DIGEST: "The digest failed",
    Job.BRIEF: "Sending session briefs failed",
    "send": "An email was not sent",
}


def problem_title(kind: str) -> str:
    """The digest's heading for problems of ``kind``; a kind without its own title says "<Kind> failed"."""
    return PROBLEM_TITLES.get(kind, f"{kind.capitalize()} failed")
