"""How hard Hypothesis tries: a quick budget by default, the full one where MAILBOT_HYPOTHESIS=thorough
(.ci/run sets it). tests/conftest.py loads the profile of that name; ``examples`` scales the budgets
that single properties name for themselves, and ``guard`` gives the budget of a guard: a test that
holds a faster function to the output of the one it replaced (kept in the test as the definition)."""

from __future__ import annotations

import os

PROFILE = os.environ.get("MAILBOT_HYPOTHESIS", "quick")
PROFILES = {"quick": 10, "thorough": 100}  # examples of a property that names no budget of its own


def examples(full: int) -> int:
    """A property's examples: its ``full`` budget when thorough, a tenth of it (at least 5) by default."""
    return full if PROFILE == "thorough" else max(5, full // 10)


GUARD = 250  # a guard's examples when thorough: what the suite's properties get (100-300)


def guard(full: int = GUARD) -> int:
    """A guard's examples: ``full`` (:data:`GUARD` unless named) scaled as ``examples`` scales.

    A guard runs its two functions side by side over the corpora first (every mail and reply the
    suite keeps, deterministically); generated text adds the odd input, and with a new seed in each
    run, the examples of many runs add up. Its first budgets (1,000-2,000 examples, four to twenty
    times a property's) made the guards a third of the suite's CPU time (issue 20).
    """
    return examples(full)
