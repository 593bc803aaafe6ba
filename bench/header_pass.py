"""A header pass over a whole inbox, timed in its own process (run by first_pass.py).

    python3 bench/header_pass.py bare CONFIG     # the limit: one UID FETCH 1:* by imapclient
    python3 bench/header_pass.py mailbot CONFIG  # intake's header pass, as IntakePass runs it

``bare`` asks for exactly what intake's header pass asks for, the fields of
``mailbot.mail.parse.HEADER_FIELDS`` with UID and RFC822.SIZE, in one command, and keeps the
answer. ``mailbot`` lists the UIDs, then per ``[intake] batch_size`` batch fetches those fields
(with INTERNALDATE), parses each header (``parse_header``), reads the batch's facts from the
database and decides which messages are worth reading whole: everything intake does before it
reads a message whole. Both log in and select the inbox before the clock starts. Prints one
JSON line: seconds, messages, and for ``mailbot`` how many it would read whole.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailbot.app import App  # noqa: E402
from mailbot.config import load_config  # noqa: E402
from mailbot.db import transaction  # noqa: E402
from mailbot.intake import IntakePass, _chunks, _Directory, _worth_reading  # noqa: E402
from mailbot.mail.parse import HEADER_FIELDS, parse_header  # noqa: E402


def bare(app: App) -> dict[str, float]:
    with app.mailbox() as mailbox:
        mailbox.client.select_folder("INBOX", readonly=True)
        started = time.perf_counter()
        items = ["UID", "RFC822.SIZE", f"BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS).upper()})]"]
        answer = mailbox.client.fetch("1:*", items)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "messages": len(answer)}


def mailbot(app: App) -> dict[str, float]:
    sessions = app.sessions
    intake = IntakePass(app.config, sessions, app.mailbox(), app.now)
    mailbox = intake.mailbox
    with mailbox:
        mailbox.select("INBOX")
        started = time.perf_counter()
        uids = mailbox.uids_after(0)
        wanted = 0
        for batch in _chunks(uids, app.config.intake.batch_size):
            headers = mailbox.fetch_header_fields(batch, HEADER_FIELDS)
            parsed = {h.uid: parse_header(h.data) for h in headers}
            with transaction(sessions) as session:
                facts = _Directory.load(session).facts(session, parsed, intake._spoofed)
            wanted += sum(1 for h in headers if _worth_reading(parsed[h.uid], facts[h.uid]))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "messages": len(uids), "read_whole": wanted}


def main() -> None:
    mode, config = sys.argv[1], Path(sys.argv[2])
    app = App(load_config(config), datetime.now(UTC))
    result = {"bare": bare, "mailbot": mailbot}[mode](app)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
