"""A header pass over a whole inbox, timed in its own process (run by first_pass.py).

    python3 bench/header_pass.py bare CONFIG     # the limit: one UID FETCH 1:* by imapclient
    python3 bench/header_pass.py mailbot CONFIG  # intake's header pass, as IntakePass runs it

``bare`` asks for exactly what intake's header pass asks for, the fields of
``mailbot.mail.parse.HEADER_FIELDS`` with UID and RFC822.SIZE, in one command, and keeps the
answer. ``mailbot`` lists the UIDs, then runs ``IntakePass.worth_reading`` per header batch
(``IntakePass.header_batches``): those fields (with the size, not INTERNALDATE) fetched, each
header glanced at (``mail/glance.py``) and parsed when the glance cannot rule it out, the
batch's facts read from the database: everything intake does before it reads a message whole. Both log in and
select the inbox before the clock starts. Prints one JSON line: seconds, messages, and for
``mailbot`` how many it would read whole.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from imapclient.response_parser import parse_fetch_response  # noqa: E402

from mailbot.app import App  # noqa: E402
from mailbot.config import load_config  # noqa: E402
from mailbot.mail.parse import HEADER_FIELDS  # noqa: E402
from mailbot.passes.intake import IntakePass  # noqa: E402


def bare(app: App) -> dict[str, float]:
    with app.mailbox() as mailbox:
        mailbox.client.select_folder("INBOX", readonly=True)
        started = time.perf_counter()
        items = f"(UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS).upper()})])"
        # imapclient's fetch() filters its answer by single UIDs; a range goes as Mailbox does it
        data = mailbox.client._command_and_check("fetch", "1:*", items, uid=True)
        answer = dict(parse_fetch_response(data, False, True))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "messages": len(answer)}


def mailbot(app: App) -> dict[str, float]:
    intake = IntakePass(app.config, app.sessions, app.mailbox(), app.now)
    with intake.mailbox as mailbox:
        intake.uidvalidity = mailbox.select("INBOX").uidvalidity
        started = time.perf_counter()
        uids = mailbox.uids_after(0)
        wanted = sum(len(intake.worth_reading(batch)) for batch in intake.header_batches(uids))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "messages": len(uids), "read_whole": wanted}


def main() -> None:
    mode, config = sys.argv[1], Path(sys.argv[2])
    app = App(load_config(config), datetime.now(UTC))
    result = {"bare": bare, "mailbot": mailbot}[mode](app)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
