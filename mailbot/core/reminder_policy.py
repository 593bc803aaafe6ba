"""Reminder policies: the configured one, a homework type's override on top of it, and a
client's own settings on top of both (``client_view``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time


@dataclass(frozen=True)
class Policy:
    """One resolved reminder policy (global, then type override, then client override).

    ``before_hours`` 0 means no "before" reminder, ``max_nudges`` 0 no nudges, ``max_per_day`` 0 no
    reminder emails at all. Quiet hours from ``quiet_start`` to ``quiet_end`` (local, may wrap
    midnight; equal times mean none).
    """

    enabled: bool = True
    before_hours: float = 24.0
    due_reminder: bool = True
    due_hour: time = time(19, 0)
    nudge_after_hours: float = 24.0
    max_nudges: int = 1
    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    max_per_day: int = 2
    min_hours_after_assignment: float = 12.0
    stop_after_missed: int = 3  # 0: never stop

    def __post_init__(self) -> None:
        if min(self.before_hours, self.nudge_after_hours, self.max_nudges, self.max_per_day,
               self.min_hours_after_assignment, self.stop_after_missed) < 0:  # fmt: skip
            raise ValueError("reminder hours and counts cannot be negative")
        if self.max_nudges > 0 and self.nudge_after_hours == 0:
            raise ValueError("nudges need nudge_after_hours above 0")


@dataclass(frozen=True)
class ClientView:
    """A client as the decision sees them.

    ``policy`` is resolved for this client; ``type_policies`` holds, per homework type, the policy
    resolved with the type override and then the client's override on top. Quiet hours and
    ``max_per_day`` are about the client's inbox and always come from ``policy``.
    """

    client_id: int
    timezone: str  # IANA name
    paused: bool
    bounced: bool
    policy: Policy
    type_policies: Mapping[str, Policy] = field(default_factory=dict)

    def policy_for(self, homework_type: str) -> Policy:
        """The policy for the reminders of one homework type."""
        return self.type_policies.get(homework_type, self.policy)


def client_view(
    client_id: int,
    timezone: str,
    reminders: str,
    bounced: bool,
    hour: time | None,
    policy: Policy,
    type_policies: Mapping[str, Policy],
) -> ClientView:
    """A client's own settings on top of the configured policies, per homework type too:
    reminders "off" disable them, "paused" holds them, their hour moves the due-day reminder."""

    def personal(base: Policy) -> Policy:
        return replace(base, enabled=base.enabled and reminders != "off", due_hour=hour or base.due_hour)

    return ClientView(
        client_id=client_id,
        timezone=timezone,
        paused=reminders == "paused",
        bounced=bounced,
        policy=personal(policy),
        type_policies={name: personal(p) for name, p in type_policies.items()},
    )
