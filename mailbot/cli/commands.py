"""How a command is declared and what it prints: the parts every command group shares.

Each command group (``cli/clients.py``, ``cli/assignments.py`` ...) declares its commands with
``CommandTree``, its options next to its handlers; ``cli/main.py`` assembles them in order.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from mailbot.app import App
from mailbot.db.lock import single_instance
from mailbot.practice.views import print_record, print_rows

Handler = Callable[[App, argparse.Namespace], int]


class CommandTree:
    """The parser's commands: top-level ones, and groups of subcommands (``mailbot client add``)."""

    def __init__(self, parser: argparse.ArgumentParser):
        self.top = parser.add_subparsers(title="commands", metavar="COMMAND")
        self._groups: dict[str, Any] = {}

    def command(
        self, name: str, handler: Handler, help: str, group: str | None = None
    ) -> argparse.ArgumentParser:
        """A command at the top (``group`` None) or in a group made earlier by ``group``."""
        parent = self.top if group is None else self._groups[group]
        sub: argparse.ArgumentParser = parent.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    def group(self, name: str, help: str) -> None:
        sub = self.top.add_parser(name, help=help, description=help)
        self._groups[name] = sub.add_subparsers(title="commands", metavar="COMMAND", required=True)


def date_option(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-24") from None


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def with_json(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", action="store_true", help="print one JSON array, nothing else")
    return parser


def print_list(app: App, args: argparse.Namespace, rows: list[dict[str, Any]], columns: Sequence[str]) -> int:
    """Rows as one JSON array (--json) or as a table of ``columns``."""
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=_json_default))
    else:
        print_rows(rows, columns, app.config.therapist.tz)
    return 0


def show(app: App, args: argparse.Namespace, record: dict[str, Any]) -> int:
    """One record as a JSON object (--json) or as lines of fields."""
    if args.json:
        print(json.dumps(record, ensure_ascii=False, default=_json_default))
    else:
        print_record(record, app.config.therapist.tz)
    return 0


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def alone(app: App, command: str, needed: bool = True) -> contextlib.AbstractContextManager[None]:
    """The daemon's lock, for a command doing a job's work by hand; none for one that changes
    nothing (a preview, a dry run), which may run beside the daemon."""
    if not needed:
        return contextlib.nullcontext()
    return single_instance(app.engine, app.config.storage.data_dir, command)
