"""`mailbot run`: the jobs on an APScheduler 3.x scheduler in the foreground, IMAP IDLE to take
new mail within seconds, a lock against a second daemon, and a clean exit on SIGTERM/SIGINT.

A job that fails (a server down, a timeout) is logged, recorded for the digest and retried with
backoff; the daemon itself never dies of it.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from mailbot import jobs
from mailbot.app import App
from mailbot.clock import system_now
from mailbot.core.problem_kinds import Job
from mailbot.db.engine import transaction
from mailbot.db.lock import single_instance
from mailbot.db.models import Problem
from mailbot.errors import MailbotError
from mailbot.mail.connect import MAIL_FAILURES, explain
from mailbot.passes.brief import send_due_briefs
from mailbot.passes.digest import run_digest

log = logging.getLogger(__name__)
STOP_CHECK_SECONDS = 0.2  # how soon a SIGTERM or SIGINT is acted on

# Leave IDLE every half minute for a NOOP (Mailbox.wait_for_new_mail says why).
IDLE_RENEW = timedelta(seconds=30)
MAX_BACKOFF = timedelta(minutes=30)
JobRun = Callable[[App], str]
JOB_FAILURES: tuple[type[BaseException], ...] = (MailbotError, *MAIL_FAILURES)


class Guarded:
    """A job that logs and records its failures and backs off after them instead of raising."""

    def __init__(self, name: str, job: JobRun, app: App, clock: Callable[[], datetime] = system_now):
        self.name, self.job, self.app, self.clock = str(name), job, app, clock
        self.failures = 0
        self.resume_at: datetime | None = None

    def retry_now(self) -> None:
        """Forget the backoff: the server is known to be back."""
        self.failures, self.resume_at = 0, None

    def __call__(self) -> None:
        now = self.clock()
        if self.resume_at is not None and now < self.resume_at:
            return
        try:
            summary = self.job(self.app.at(now))
        except JOB_FAILURES as exc:
            self._failed(now, exc)
            return
        except Exception as exc:  # a bug or a message mailbot could not handle: the digest must say so
            log.error("%s failed unexpectedly (%s)", self.name, type(exc).__name__)
            log.debug("%s: the failure", self.name, exc_info=True)  # may quote a client's words
            self._failed(now, exc)
            return
        self.failures, self.resume_at = 0, None
        log.info("%s: %s", self.name, summary.splitlines()[-1] if summary else "done")

    def _failed(self, now: datetime, exc: BaseException) -> None:
        self.failures += 1
        delay = min(timedelta(minutes=2 ** (self.failures - 1)), MAX_BACKOFF)
        self.resume_at = now + delay
        if isinstance(exc, JOB_FAILURES):
            reason = str(exc) if isinstance(exc, MailbotError) else explain(exc)
        else:
            reason = f"The {self.name} job failed unexpectedly ({type(exc).__name__}); it is tried again."
        log.warning("%s failed: %s Next try in %d min.", self.name, reason, delay.total_seconds() // 60)
        try:
            with transaction(self.app.sessions) as session:
                session.add(Problem(at=now, kind=self.name, reason=reason[:2000], attempts=self.failures))
        except Exception:  # the database itself may be the problem; the log line is enough
            log.debug("could not record the problem", exc_info=True)


def digest_job(app: App) -> str:
    return run_digest(app, send=True, preview=None)


def schedule(app: App) -> tuple[BackgroundScheduler, dict[str, Guarded]]:
    config = app.config
    scheduler = BackgroundScheduler(
        timezone=config.therapist.tz,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 120},
    )
    guarded: dict[str, Guarded] = {
        Job.INTAKE: Guarded(Job.INTAKE, jobs.poll, app),
        Job.REMINDERS: Guarded(Job.REMINDERS, jobs.remind, app),
        Job.FEEDBACK: Guarded(Job.FEEDBACK, jobs.feedback_scan, app),
        Job.DIGEST: Guarded(Job.DIGEST, digest_job, app),
        Job.BRIEF: Guarded(Job.BRIEF, send_due_briefs, app),
    }
    first = datetime.now(UTC) + timedelta(seconds=1)
    every = {
        Job.INTAKE: config.schedule.poll_minutes,
        Job.REMINDERS: config.schedule.remind_minutes,
        Job.FEEDBACK: config.schedule.feedback_minutes,
        # a session's brief is due at one moment a week or so; looking as often as for reminders
        # sends it within minutes of its time, and costs one small query when none is due
        Job.BRIEF: config.schedule.remind_minutes,
    }
    for name, minutes in every.items():
        scheduler.add_job(guarded[name], "interval", id=name, name=name, next_run_time=first, minutes=minutes)
    scheduler.add_job(
        guarded[Job.DIGEST],
        "cron",
        id=Job.DIGEST,
        name=Job.DIGEST,
        hour=config.digest.time.hour,
        minute=config.digest.time.minute,
    )
    return scheduler, guarded


class IdleWatcher(threading.Thread):
    """Holds an IMAP IDLE on the inbox and wakes the intake job when mail arrives."""

    def __init__(self, app: App, wake: Callable[[], None]):
        super().__init__(name="imap-idle", daemon=True)
        self.app, self.wake = app, wake
        self.stopping = threading.Event()

    def run(self) -> None:
        failures = 0
        while not self.stopping.is_set():
            try:
                self._watch()
                failures = 0
            except JOB_FAILURES as exc:
                failures += 1
                delay = min(2**failures, 300)
                reason = str(exc) if isinstance(exc, MailbotError) else explain(exc)
                log.warning("idle: %s Retrying in %d s.", reason, delay)
                self.stopping.wait(delay)

    def _watch(self) -> None:
        with self.app.mailbox() as mailbox:
            if not mailbox.has("IDLE"):
                log.info(
                    "idle: the server does not offer IDLE; new mail is read every %s min",
                    self.app.config.schedule.poll_minutes,
                )
                self.stopping.wait()
                return
            mailbox.select(self.app.config.folders.inbox)
            self.wake()  # (re)connected: take what arrived while we were away
            while not self.stopping.is_set():
                if mailbox.wait_for_new_mail(IDLE_RENEW.total_seconds(), self.stopping.is_set):
                    log.info("idle: new mail in the inbox")
                    self.wake()


def run(app: App) -> int:
    """Run until SIGTERM or SIGINT; the job in hand is finished first. Exit status 0."""
    with single_instance(app.engine, app.config.storage.data_dir):
        app.sessions  # noqa: B018 - fail now, with one sentence, if the database is not initialised
        scheduler, guarded = schedule(app)
        watcher = None
        if app.config.schedule.idle:

            def wake() -> None:
                guarded[Job.INTAKE].retry_now()
                scheduler.modify_job(Job.INTAKE, next_run_time=datetime.now(UTC))

            watcher = IdleWatcher(app, wake)

        # The handler only notes the signal. Stopping takes locks (the scheduler's, its thread
        # pool's, logging's) that the interrupted main thread may hold: done in the handler, a
        # SIGTERM landing mid-job could hang the daemon until it is killed.
        received: list[int] = []

        def note(signum: int, _frame: FrameType | None) -> None:
            received.append(signum)

        signal.signal(signal.SIGTERM, note)
        signal.signal(signal.SIGINT, note)
        if watcher is not None:
            watcher.start()
        log.info(
            "mailbot running: intake every %s min%s, reminders every %s min, feedback every %s min, "
            "digest at %s, session briefs %s",
            app.config.schedule.poll_minutes,
            " and on IDLE" if watcher else "",
            app.config.schedule.remind_minutes,
            app.config.schedule.feedback_minutes,
            app.config.digest.time.strftime("%H:%M"),
            "on" if app.config.brief.enabled else "off",
        )
        scheduler.start()
        while not received:
            time.sleep(STOP_CHECK_SECONDS)
        log.info("stopping on %s: finishing the job in hand", signal.Signals(received[0]).name)
        if watcher is not None:
            watcher.stopping.set()
        scheduler.shutdown(wait=True)  # waits for the job in hand
        log.info("mailbot stopped")
    return 0


def tick(app: App) -> tuple[list[str], bool]:
    """Every job that is due, once, for cron: its summary lines, and whether all succeeded.
    The digest runs only after its time of day (and is sent at most once a day); the session
    briefs whose time has come are sent, each once per session."""
    due: list[tuple[str, JobRun]] = [
        (Job.INTAKE, jobs.poll),
        (Job.REMINDERS, jobs.remind),
        (Job.FEEDBACK, jobs.feedback_scan),
    ]
    if app.now.astimezone(app.config.therapist.tz).time() >= app.config.digest.time:
        due.append((Job.DIGEST, digest_job))
    due.append((Job.BRIEF, send_due_briefs))  # after the digest: the brief follows it
    lines, ok = [], True
    with single_instance(app.engine, app.config.storage.data_dir):
        for name, job in due:
            try:
                lines.append(f"{name}: {job(app)}")
            except JOB_FAILURES as exc:
                ok = False
                reason = str(exc) if isinstance(exc, MailbotError) else explain(exc)
                lines.append(f"{name}: failed: {reason}")
    return lines, ok
