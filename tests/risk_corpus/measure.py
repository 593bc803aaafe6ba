"""Recall and false-alarm rate of the built-in risk lists over this corpus.

Run from the repository root: ``python3 -m tests.risk_corpus.measure`` (add ``--misses`` to
list what went wrong). The files hold one sentence or homework answer per line, "#" starts a
comment, and "\\n" inside a line stands for a line break. ``risk_*.txt`` must alert,
``ordinary_*.txt`` must not. ``heldout`` and ``heldout2`` to ``heldout20`` hold the batches written
after the lists were done, each measured before the lists were changed for it (docs/risk.md).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from mailbot.core.risk import RiskRules, find_risk, risk_rules

HERE = Path(__file__).parent
LANGUAGES = ("en", "de", "fr", "es", "nl")
FOLDERS = (HERE, *(HERE / f"heldout{n}" for n in ("", *map(str, range(2, 21)))))


@dataclass(frozen=True)
class Figures:
    risk: int
    caught: int
    ordinary: int
    alarms: int
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.caught / self.risk if self.risk else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.alarms / self.ordinary if self.ordinary else 0.0


def lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [
        line.replace("\\n", "\n") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def measure(
    folders: tuple[Path, ...] = (HERE,),
    rules: RiskRules | None = None,
    languages: tuple[str, ...] = LANGUAGES,
) -> Figures:
    rules = rules or risk_rules()
    risk = [line for f in folders for language in languages for line in lines(f / f"risk_{language}.txt")]
    ordinary = [
        line for f in folders for language in languages for line in lines(f / f"ordinary_{language}.txt")
    ]
    misses = tuple(line for line in risk if not find_risk(line, rules))
    alarms = tuple(line for line in ordinary if find_risk(line, rules))
    return Figures(len(risk), len(risk) - len(misses), len(ordinary), len(alarms), misses, alarms)


def _report(name: str, figures: Figures, details: bool) -> None:
    print(
        f"{name:10} risk {figures.caught}/{figures.risk} recall {figures.recall:.1%}   "
        f"ordinary {figures.alarms}/{figures.ordinary} false alarms {figures.false_alarm_rate:.1%}"
    )
    if details:
        for line in figures.misses:
            print("   MISS  ", line)
        for line in figures.false_alarms:
            print("   ALARM ", line)


def main(argv: list[str]) -> None:
    details = "--misses" in argv
    for folder in FOLDERS:
        for language in LANGUAGES:
            label = "corpus" if folder == HERE else folder.name
            _report(f"{label} {language}", measure((folder,), languages=(language,)), details)
        _report(f"{label} all", measure((folder,)), False)
    _report("all folders", measure(FOLDERS), False)


if __name__ == "__main__":
    main(sys.argv[1:])
