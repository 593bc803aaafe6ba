"""Bombs (tests/corpus_gen.py BOMBS): each through a real intake pass against Dovecot, in a
process limited to 300 MB of address space, within a time limit per message. Each must get its
outcome and cost no more than the limits SECURITY.md states."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Bot
from corpus_gen import BOMBS, CLIENT, GENERATED, THERAPIST

MEMORY_LIMIT = 300 * 1024 * 1024
SECONDS_PER_MESSAGE = 30  # measured at most 7.8 s under load (SECURITY.md); the tests share 2 cores
ROOT = Path(__file__).parents[2]


def limited() -> None:
    """In the child, before mailbot starts: no more than MEMORY_LIMIT of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# mailbot's command line, then its peak resident memory in KiB as the last line of stderr.
MEASURED = """
import resource, sys
from mailbot.cli.main import main
try:
    code = main(sys.argv[1:])
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def poll_limited(bot: Bot) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", MEASURED, "--config", str(bot.config_path), "--now", "2026-11-23T12:00"]
    return subprocess.run(
        [*command, "poll"],
        env=env,
        preexec_fn=limited,
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_MESSAGE * 3,  # a hung pass fails here; the figure is checked below
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_gets_its_outcome_within_the_memory_and_time_limits(sqlite_bot: Bot, name: str) -> None:
    bot = sqlite_bot
    with bot.config_path.open("a") as config:
        config.write("[intake]\nworkers = 0\n")  # all the work in the one limited process
    bot.ok("client", "add", "--name", "Corpus Client", "--email", CLIENT)
    bot.ok("assign", CLIENT, "--type", "journal", "--title", "Journal", "--due", "2026-11-30", "--no-send")
    bot.deliver(GENERATED[name]().replace(THERAPIST.encode(), bot.user.encode()))

    started = time.monotonic()
    done = poll_limited(bot)
    took = time.monotonic() - started

    assert done.returncode == 0, done.stderr[-2000:]
    assert "MemoryError" not in done.stderr and "Traceback" not in done.stderr
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    with bot.capsys.disabled():  # the figures of SECURITY.md, shown with pytest -s
        print(f"\n{name}: {took:.1f} s, peak {peak_mb:.0f} MB")
    assert took < SECONDS_PER_MESSAGE, f"{name} took {took:.1f} s"
    submissions = bot.json("submission", "list")
    if name == "gen-address-header-bomb":
        assert submissions == [] and len(bot.inbox()) == 1  # a stranger's: left alone
    elif name == "gen-spoofed-quote-depth-bomb":
        assert [s["status"] for s in submissions] == ["triage"]
    else:
        assert [s["status"] for s in submissions] == ["filed"]
    if name == "gen-ten-thousand-parts":
        [filed] = submissions
        assert len(filed["attachments"]) == 100  # [intake] max_parts
        shown = bot.ok("submission", "show", str(filed["id"]))
        assert "max_parts" in shown
