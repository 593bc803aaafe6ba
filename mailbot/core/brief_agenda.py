"""The session brief's suggested agenda: suggestions for the therapist, never clinical judgement.

Each rule looks at plain facts and says what might be worth the session's time, with the mail
command (a one-click link in the brief, docs/mail-commands.md) or the command line that acts on
it. Ordered as a homework review runs: anything worrying first, then the client's questions,
then each assignment's review, then what might come next.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mailbot.core.adherence import adherence
from mailbot.core.brief_charts import ratings, step_index
from mailbot.core.brief_facts import AssignmentFact

if TYPE_CHECKING:
    from mailbot.core.brief import AssignmentBrief, Brief

REPEATED_THOUGHT = 3  # an automatic thought this often in the period is worth a word
MAX_THOUGHTS = 2  # the most frequent such thoughts, per mood log: an agenda, not a list
SUDS_FALL = 20  # points the peak SUDS fell at one step over its attempts
BELIEF_CHANGE = 20  # points a belief moved in an experiment
STAGE_TWO_DAYS = 14
STAGE_TWO_RATIO = 0.8
STAGE_TWO_MIN_DUE = 8
_PUNCTUATION = re.compile(r"[^\w\s']+")


@dataclass(frozen=True)
class Suggestion:
    text: str
    command: str = ""  # a mail command, linked one-click in the brief: "stage 2 7"
    cli: str = ""  # the command line that does or shows it


def agenda(brief: Brief, assignments: Sequence[AssignmentFact]) -> list[Suggestion]:
    found: list[Suggestion] = []
    for alert in brief.alerts:
        found.append(
            Suggestion(
                f"start with the worrying message of {_day(alert.received_at, brief.now)} "
                f"({alert.state}): “{_clip(alert.sentence)}”",
                "",
                alert.command if alert.state == "open" else "",
            )
        )
    for note in brief.notes:
        found.append(
            Suggestion(
                f"answer the note about {note.title} of {_day(note.received_at, brief.now)}",
                note.command,
                f"mailbot submission show {note.submission_id}",
            )
        )
    for i, work in enumerate(brief.homework):
        found.extend(_review(work, brief.now, first=i == 0))
    facts = {a.assignment_id: a for a in assignments}
    for work in brief.homework:
        found.extend(_next_steps(work, brief, facts.get(work.assignment_id)))
    return found


def _review(work: AssignmentBrief, now: datetime, first: bool) -> list[Suggestion]:
    figures = work.since_session
    if not figures.due and not work.rows:
        return []
    said = f"review the {work.title.lower() if work.title.isupper() else work.title}"
    said += " first" if first else ""
    if figures.due:
        said += f" ({figures.handed_in} of {figures.due} handed in)"
    if work.missed_days:
        said += f"; ask about {_days(work.missed_days, now)}"
    found = [Suggestion(said, "", f"mailbot assignment show {work.assignment_id}")]
    for streak in work.missed_streaks:
        if streak.length >= 3:
            planned = f" (the obstacles you planned for: {_clip(work.obstacles)})" if work.obstacles else ""
            found.append(
                Suggestion(
                    f"{streak.length} missed in a row from {_day(streak.first, now)}: what got in the way?"
                    + planned,
                    "",
                    f"mailbot assignment show {work.assignment_id}",
                )
            )
    return found


def _next_steps(work: AssignmentBrief, brief: Brief, fact: AssignmentFact | None) -> list[Suggestion]:
    if work.type == "mood-log":
        return _repeated_thoughts(work, brief) + _stage_two(work, brief.now, fact)
    if work.type == "exposure":
        return _ladder(work)
    if work.type == "experiment":
        return _beliefs(work)
    return []


def _repeated_thoughts(work: AssignmentBrief, brief: Brief) -> list[Suggestion]:
    """An automatic thought the client wrote again and again: a candidate for a cognitive exercise."""
    said: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for _sid, _at, entry in work.entries:
        thought = entry.get("automatic_thought")
        if isinstance(thought, str) and (key := _normal(thought)):
            counts[key] += 1
            said.setdefault(key, " ".join(thought.split()))
    found = []
    for key, count in counts.most_common(MAX_THOUGHTS):
        if count < REPEATED_THOUGHT:
            break
        words = _clip(said[key], 80).replace('"', "'")
        found.append(
            Suggestion(
                f"the automatic thought “{said[key]}” appeared {count} times: "
                "a candidate for a cognitive exercise",
                "",
                f'mailbot assign {brief.client_email} --type cognitive-exercise --title "{words}" '
                f'--belief "{words}" --due WHEN',
            )
        )
    return found


def _stage_two(work: AssignmentBrief, now: datetime, fact: AssignmentFact | None) -> list[Suggestion]:
    """Stage 1 kept up well for two weeks: stage 2 (balanced thoughts) may be next."""
    if fact is None or work.status != "open" or int(work.details.get("stage", 1) or 1) == 2:
        return []
    start = now - timedelta(days=STAGE_TWO_DAYS)
    if not any(o.due_at <= start + timedelta(days=1) for o in fact.occurrences):
        return []  # not two weeks old yet
    recent = adherence(((o.due_at, o.status) for o in fact.occurrences if start < o.due_at <= now), now)
    if recent.due < STAGE_TWO_MIN_DUE or (recent.ratio or 0) < STAGE_TWO_RATIO:
        return []
    return [
        Suggestion(
            f"stage 1 of the {work.title} done well for two weeks ({recent.handed_in} of {recent.due}): "
            "consider stage 2 (balanced thoughts)",
            f"stage 2 {work.assignment_id}",
            f"mailbot assignment stage {work.assignment_id} 2",
        )
    ]


def _ladder(work: AssignmentBrief) -> list[Suggestion]:
    """The peak SUDS falling at the current step over its attempts: the next step may be due."""
    steps = work.details.get("steps") or []
    current = int(work.details.get("current", 0) or 0)
    attempts = [
        r["suds_peak"]
        for _sid, _at, entry in work.entries
        if "suds_peak" in (r := ratings(entry, ("suds_peak",)))
        and step_index(entry.get("step"), work.details) in (current, None)
    ]
    if len(attempts) < 2 or attempts[0] - attempts[-1] < SUDS_FALL or work.status != "open":
        return []
    said = (
        f"peak SUDS at step {current + 1} fell from {attempts[0]} to {attempts[-1]} over "
        f"{len(attempts)} attempts"
    )
    if current + 1 >= len(steps):
        return [Suggestion(f"{said}, at the top of the ladder: plan what comes next", "", "")]
    return [
        Suggestion(
            f"{said}: consider the next step",
            f"advance {work.assignment_id}",
            f"mailbot exposure advance {work.assignment_id}",
        )
    ]


def _beliefs(work: AssignmentBrief) -> list[Suggestion]:
    found = []
    for sid, _at, entry in work.entries:
        values = ratings(entry, ("belief_before", "belief_after"))
        if len(values) == 2 and abs(values["belief_before"] - values["belief_after"]) >= BELIEF_CHANGE:
            moved = "fell" if values["belief_after"] < values["belief_before"] else "rose"
            found.append(
                Suggestion(
                    f"belief in the prediction {moved} from {values['belief_before']} % to "
                    f"{values['belief_after']} % after the experiment: go through what happened",
                    "",
                    f"mailbot submission show {sid}",
                )
            )
    return found


def _normal(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold().replace("’", "'")).split())


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(moment: datetime, now: datetime) -> str:
    """ "Thursday" within the last week, else "Thu 26 Nov"."""
    if timedelta(0) <= now - moment < timedelta(days=6) or moment.date() == now.date():
        return f"{moment:%A}"
    return f"{moment:%a} {moment.day} {moment:%b}"


def _days(moments: Sequence[datetime], now: datetime) -> str:
    """ "Thursday and Friday", "Mon 2 Nov, Tue 3 Nov and 4 more"."""
    names = list(dict.fromkeys(_day(m, now) for m in moments))
    if len(names) > 4:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
