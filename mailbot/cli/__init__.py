"""The command line: the parser and each command group's handlers (main), setup (init and check).

``main`` is importable from here too, so a console script written by an older install
(``mailbot.cli:main``) still starts after an upgrade without reinstalling.
"""

from mailbot.cli.main import main

__all__ = ["main"]
