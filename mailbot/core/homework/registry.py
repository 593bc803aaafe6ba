"""Every homework type mailbot knows, by its ``--type`` name."""

from __future__ import annotations

from mailbot.core.homework import (
    HomeworkType,
    bibliotherapy,
    cognitive_exercise,
    custom,
    experiment,
    exposure,
    journal,
    mood_log,
)

TYPES: dict[str, HomeworkType] = {
    homework.name: homework
    for homework in (
        bibliotherapy.TYPE,
        mood_log.TYPE,
        cognitive_exercise.TYPE,
        journal.TYPE,
        exposure.TYPE,
        experiment.TYPE,
        custom.TYPE,
    )
}


def get_type(name: str) -> HomeworkType:
    """Return the homework type called ``name`` (e.g. "mood-log").

    Raises ValueError naming the valid types when there is none by that name.
    """
    try:
        return TYPES[name]
    except KeyError:
        raise ValueError(f"unknown homework type {name!r}; choose one of: {', '.join(TYPES)}") from None
