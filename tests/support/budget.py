"""How hard Hypothesis tries: a quick budget by default, the full one where MAILBOT_HYPOTHESIS=thorough
(.ci/run sets it). tests/conftest.py loads the profile of that name; ``examples`` scales the budgets
that single properties name for themselves."""

from __future__ import annotations

import os

PROFILE = os.environ.get("MAILBOT_HYPOTHESIS", "quick")
PROFILES = {"quick": 10, "thorough": 100}  # examples of a property that names no budget of its own


def examples(full: int) -> int:
    """A property's examples: its ``full`` budget when thorough, a tenth of it (at least 5) by default."""
    return full if PROFILE == "thorough" else max(5, full // 10)
