"""What SQLite plans for the statements a pass runs: proof that the pass reads by index, bounded
by status or time, and does not walk through the history (docs/benchmarks.md, "Scheduling at
scale"). SQLite plans without statistics unless ANALYZE ran, which mailbot never does, so a small
test database gets the plans of a large one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

Statement = tuple[str, Any]


@contextmanager
def statements(engine: Engine) -> Iterator[list[Statement]]:
    """The statements that read or change rows on ``engine`` during the block, with parameters."""
    seen: list[Statement] = []

    def record(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool
    ) -> None:
        reads = statement.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE", "DELETE"))
        if reads and not executemany:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def history_walks(
    engine: Engine, seen: Sequence[Statement], practice: Sequence[str] = ("client",)
) -> list[str]:
    """The plan steps that read a table whole (other than those of ``practice``, which grow with
    the practice, not its history) or walk an index with nothing but an upper bound ("received_at
    before now": every row ever received). A partial index is bounded by its own WHERE."""
    with engine.connect() as conn:
        partial = set(
            conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"))
        )
        steps = [
            str(row[-1])
            for statement, parameters in seen
            for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
        conn.rollback()
    return [step for step in steps if _walks(step, partial, practice)]


def _walks(step: str, partial: set[str], practice: Sequence[str]) -> bool:
    words = step.split()
    if words[0] == "SCAN":
        return words[1] not in practice
    if words[0] != "SEARCH" or "INDEX" not in words:
        return False  # by primary key, or not a table
    index = words[words.index("INDEX") + 1]
    terms = step[step.find("(") + 1 : step.rfind(")")].split(" AND ")
    return index not in partial and all("<" in term for term in terms)
