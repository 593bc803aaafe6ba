"""The garbage collector during a long intake pass.

A backlog pass allocates millions of small objects; Python's collector would scan everything
alive (the imported modules, the engine, the directory of clients) again and again, though it
all outlives the pass.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

FREEZE_FROM = 500  # new messages from which a pass keeps the collector off what outlives it
GC_YOUNG = 20_000  # allocations between the collector's young scans during a pass (Python's: 700)


@contextlib.contextmanager
def collector_kept_off(messages: int) -> Iterator[None]:
    """For a pass over many ``messages``: what is alive now outlives the pass, so it is kept out
    of the garbage collector's full scans (1.2-1.5 ms a backlog message), after collecting what
    is dead (an engine's pooled connections). A pass over a few messages would pay more for
    that one full collection than it saves (0.2 CPU-s in a process holding much)."""
    if messages < FREEZE_FROM:
        yield
        return
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
