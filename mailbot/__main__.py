"""``python -m mailbot`` and the ``mailbot`` console script (``run``).

Importing this module imports nothing else of mailbot's: a reading worker started by "spawn"
runs the console script again as ``__mp_main__``, and pip's script imports its entry point at
the top, so an entry point in ``mailbot.cli.main`` made every worker import the whole command
line (about 0.6 CPU-s a worker, each pass that reads with workers).
"""

from __future__ import annotations


def run() -> int:
    """The command line: parse ``sys.argv``, run the command, return its exit status."""
    from mailbot.cli.main import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
