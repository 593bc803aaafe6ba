"""Reading a message (parse, match, answers): the same in worker processes as in the pass."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from mails import homework_mail

import mailbot
from mailbot.core.matching import Candidate
from mailbot.core.risk import risk_rules
from mailbot.mail.identity import dedupe_key
from mailbot.mail.parse import parse_message
from mailbot.practice.reading import (
    PARALLEL_FROM,
    TASKS_PER_WORKER,
    Facts,
    Read,
    Reader,
    Reading,
    Watch,
    _Pending,
    _warm,
    interpret,
    read,
    read_all,
    read_keyed,
)

CLIENT = "ben@client.example"
MOOD_LOG = "Situation: the bus\nEmotion: anxious 70%\nAutomatic thought: they stare at me"


def facts(client: int | None = 1, spoofed: bool = False) -> Facts:
    return Facts(
        sender_client=client,
        ours=False,
        threads={},
        candidates=[Candidate(7, 1, "HW-7F3K", "Mood log", "mood-log", True)],
        forms={7: ("mood-log", {})},
        spoofed=spoofed,
    )


def mail(n: int, **headers: str) -> bytes:
    return homework_mail(CLIENT, "ada@practice.example", f"Mood log {n}", MOOD_LOG, headers=headers)


def test_a_clients_homework_is_matched_and_its_answers_read() -> None:
    reading = read(mail(1), facts())

    assert (reading.match.status, reading.match.assignment_id, reading.match.matched_by) == (
        "filed",
        7,
        "sender",
    )
    assert reading.fields[0]["situation"] == "the bus"


def test_machine_mail_and_commands_are_not_matched() -> None:
    auto = read(mail(1, **{"Auto-Submitted": "auto-replied"}), facts())
    pause = read(homework_mail(CLIENT, "ada@practice.example", "Re: homework", "pause"), facts())

    assert (auto.match.status, auto.fields) == ("ignore", [])
    assert (pause.match.status, pause.fields) == ("ignore", [])


def test_homework_whose_from_is_not_believed_goes_to_triage_unread() -> None:
    spoofed = mail(1, **{"Authentication-Results": "mx.example; dmarc=fail header.from=client.example"})

    reading = read(spoofed, facts(spoofed=True))

    assert reading.match.status == "triage" and "DMARC" in reading.match.reason
    assert reading.fields == []


def test_worker_processes_give_each_message_the_reading_the_pass_would_in_order() -> None:
    raws = [mail(n) for n in range(PARALLEL_FROM + 4)]

    with Reader(2) as reader:
        pending = reader.start([(raw, facts()) for raw in raws])
        started_pool = reader._pool is not None
        readings = [get().reading for get in pending]

    assert started_pool
    assert [r.parsed.subject for r in readings] == [f"Mood log {n}" for n in range(len(raws))]
    assert readings == [interpret(parse_message(raw), facts()) for raw in raws]


def test_a_few_messages_are_read_in_the_pass_without_starting_workers() -> None:
    with Reader(2) as reader:
        pending = reader.start([(mail(n), facts()) for n in range(PARALLEL_FROM - 1)])

        assert reader._pool is None
        assert all(isinstance(get().reading, Reading) for get in pending)


def test_a_reading_process_that_died_costs_time_not_the_message() -> None:
    died: Future[list[Read | None]] = Future()
    died.set_exception(BrokenProcessPool("killed"))

    raw = mail(1)

    reader = Reader(2)

    readings = [_Pending(raw, facts(), died, 0, reader)().reading for _ in range(3)]

    assert readings == [read(raw, facts())] * 3
    assert reader.broken  # the rest of the pass is read in the pass, and the log says so once
    assert reader.start([(raw, facts())] * PARALLEL_FROM)[0].future is None


def test_a_task_carries_several_messages_and_each_gets_its_own_reading_and_key() -> None:
    raws = [mail(n) for n in range(PARALLEL_FROM * 3)]

    with Reader(2) as reader:
        pending = reader.start([(raw, facts()) for raw in raws])
        tasks = {id(p.future) for p in pending}
        done = [get() for get in pending]

    assert 1 < len(tasks) <= 2 * TASKS_PER_WORKER  # a few tasks per worker, not one per message
    assert done == [(read(raw, facts()), dedupe_key(read(raw, facts()).parsed, raw)) for raw in raws]


def test_a_message_whose_reading_fails_in_a_worker_is_read_again_in_the_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(raw: bytes, facts: Facts, watch: object = None) -> Reading:
        raise RuntimeError("a parser bug")

    raw = mail(1)
    monkeypatch.setattr("mailbot.practice.reading.read", broken)
    assert read_all([(raw, facts())], None) == [None]  # no exception crosses the pipe
    task: Future[list[Read | None]] = Future()
    task.set_result([None])
    monkeypatch.undo()

    again = _Pending(raw, facts(), task, 0, Reader(2))()

    assert again == read_keyed(raw, facts())  # read in the pass: a failure would be the message's own


def test_warm_workers_are_started_before_any_message_and_then_read_as_usual() -> None:
    raws = [mail(n) for n in range(PARALLEL_FROM)]
    watch = Watch((), (), "")

    with Reader(2, watch) as reader, Reader(0, watch) as alone:
        reader.warm()
        alone.warm()
        started = reader._pool is not None and alone._pool is None
        pending = reader.start([(raw, facts()) for raw in raws])
        readings = [get().reading for get in pending]

    assert started
    assert readings == [read(raw, facts(), watch) for raw in raws]


def test_a_workers_warm_up_compiles_the_risk_rules_and_reads_their_starts() -> None:
    watch = Watch(("a phrase only this test adds",), (), "")
    rules = risk_rules(watch.phrases_add, watch.phrases_remove)  # the same object the worker uses
    assert "starts" not in vars(rules)  # built on first use

    _warm(watch)

    assert "starts" in vars(rules)


HERE = [Path(__file__).parent, Path(__file__).parents[1]]  # this test, and tests/ (mails)
KILLED_PASS = textwrap.dedent(
    """
    import os, signal, sys
    sys.path[:0] = sys.argv[1:]
    from test_reading import facts, mail
    from mailbot.practice.reading import PARALLEL_FROM, Reader
    reader = Reader(2)
    reader.start([(mail(n), facts()) for n in range(PARALLEL_FROM * 4)])
    print(" ".join(str(p.pid) for p in reader._pool._processes.values()), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_the_reading_workers_end_when_the_pass_is_killed() -> None:
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            KILLED_PASS,
            str(Path(mailbot.__file__).parents[1]),
            *map(str, HERE),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    workers = [int(pid) for pid in killed.stdout.split()]
    assert killed.returncode == -signal.SIGKILL and len(workers) == 2

    deadline = time.monotonic() + 30  # each worker sees its parent gone and ends
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)

    assert not any(alive(pid) for pid in workers)


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return ") Z " not in stat.read_text()  # a zombie has ended
    except FileNotFoundError:
        return False
