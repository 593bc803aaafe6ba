"""Real mail servers for tests and benchmarks: a private Dovecot and an aiosmtpd SMTP server.

Both listen on free loopback ports and use one self-signed certificate (CN=localhost,
SAN localhost and 127.0.0.1), so code under test can run with certificate checks on by
trusting `ca_file`. Any user name logs in with the password `secret`.

    with Dovecot() as imap, SmtpServer(deliver_to=imap) as smtp:
        ...  # mail sent to smtp.port lands in imap's INBOX of each recipient address
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import imapclient
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

PASSWORD = "secret"
SPECIAL_FOLDERS = ("Drafts", "Sent", "Trash", "Junk")
_SBIN_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/sbin", "/sbin"])
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")
_user_numbers = itertools.count(1)


class ServerError(RuntimeError):
    """A test server could not be started or stopped; the message says why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def new_user(prefix: str = "user") -> str:
    """A user name no other caller in this process has had, shaped as an email address.

    Dovecot accepts any name, and SmtpServer delivers to the user named by the full
    recipient address, so the same string works as IMAP login and as mail address.
    """
    return f"{prefix.lower()}{next(_user_numbers)}@example.org"


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """Write a self-signed certificate for localhost/127.0.0.1; return (cert, key) paths."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _wait_for_greeting(port: int, timeout: float, alive: Callable[[], bool]) -> bool:
    """Poll until 127.0.0.1:port greets like an IMAP server; give up once alive() is false.

    A greeting, not just an open port: a stranger could hold a port we chose, and
    Dovecot opens all its listeners before it greets on any.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as sock:
            if sock.recv(64).startswith(b"* OK"):
                return True
        time.sleep(0.05)
    return False


def _group_alive(pgid: int) -> bool:
    """Whether a process other than a zombie is in process group pgid (Linux /proc)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            state, _ppid, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
            if int(group) == pgid and state != "Z":
                return True
    return False


def _wait_until_group_gone(pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _group_alive(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


class Dovecot:
    """A private Dovecot IMAP server in a temporary directory, run in the foreground.

    `port` speaks plain IMAP with STARTTLS, `tls_port` implicit TLS. Every user has
    INBOX plus the special-use folders Drafts, Sent, Trash and Junk, separator "/".
    """

    password = PASSWORD

    def __init__(self, base_dir: Path | None = None) -> None:
        self.base_dir = Path(base_dir or tempfile.mkdtemp(prefix="mailbot-dovecot-"))
        self.mail_dir = self.base_dir / "mail"
        self.log_path = self.base_dir / "dovecot.log"
        self.config_path = self.base_dir / "dovecot.conf"
        self.port = free_port()
        self.tls_port = free_port()
        self._owns_base_dir = base_dir is None
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False
        self.ca_file, self.key_file = self._prepare()

    def _prepare(self) -> tuple[Path, Path]:
        # Mail is written as the userdb user, nobody: every directory above the maildirs
        # must be traversable by it, and the mail root owned by it.
        self.base_dir.chmod(0o755)
        for name in ("run", "state"):
            (self.base_dir / name).mkdir(mode=0o755, exist_ok=True)
        self.mail_dir.mkdir(mode=0o755, exist_ok=True)
        if os.geteuid() == 0:  # else start() explains that root is needed
            shutil.chown(self.mail_dir, "nobody", "nogroup")
        return make_certificate(self.base_dir)

    def _config(self) -> str:
        # Beyond the plain setup: no growing login delay after a failed login (the anvil
        # penalty socket is unusable), fast IDLE updates, and room for many connections.
        folders = "".join(
            f"  mailbox {name} {{\n    special_use = \\{name}\n    auto = subscribe\n  }}\n"
            for name in SPECIAL_FOLDERS
        )
        return f"""\
base_dir = {self.base_dir}/run
state_dir = {self.base_dir}/state
log_path = {self.log_path}
info_log_path = {self.log_path}
protocols = imap
listen = 127.0.0.1
first_valid_uid = 0
default_internal_user = nobody
default_login_user = nobody
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_username_chars = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@+=
ssl = yes
ssl_cert = <{self.ca_file}
ssl_key = <{self.key_file}
mail_location = maildir:{self.mail_dir}/%u
imap_idle_notify_interval = 10 secs
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={self.mail_dir}/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
{folders}}}
protocol imap {{
  mail_max_userip_connections = 100
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
"""

    def start(self, timeout: float = 10.0) -> None:
        """Start the server and return once it greets on `port` (`tls_port` is open by then).

        If another process took a port before the first start, new ports are chosen.
        """
        if self._process is not None:
            return
        binary = shutil.which("dovecot", path=_SBIN_PATH)
        if binary is None:
            raise ServerError("dovecot is not installed: apt-get install dovecot-imapd")
        if os.geteuid() != 0:
            raise ServerError("the test Dovecot must run as root: it reads mail as nobody")
        for _attempt in range(3):
            if self._launch(binary, timeout):
                self._started = True
                return
            if self._started or "Address already in use" not in self.log_tail(5):
                break
            self.port, self.tls_port = free_port(), free_port()
        raise ServerError(f"Dovecot did not start; log tail:\n{self.log_tail()}")

    def _launch(self, binary: str, timeout: float) -> bool:
        self.config_path.write_text(self._config())
        # -F keeps the master our child so we can reap it; its output goes to the log
        # file, never to a pipe, because forked daemons would keep the pipe open.
        with self.log_path.open("ab") as log:
            process = subprocess.Popen(
                [binary, "-F", "-c", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._process = process
        atexit.register(self.stop)

        def alive() -> bool:
            return process.poll() is None

        if _wait_for_greeting(self.port, timeout, alive):
            return True
        self.stop()
        return False

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the master (pid from master.pid), then end every process it left behind.

        Dovecot's master exits without its imap sessions, which keep serving connected
        clients; a stopped test server must drop them, so the whole process group goes.
        """
        process, self._process = self._process, None
        if process is None:
            return
        atexit.unregister(self.stop)
        pid_file = self.base_dir / "run" / "master.pid"
        pid = int(pid_file.read_text().strip()) if pid_file.exists() else process.pid
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            if _wait_until_group_gone(process.pid, timeout=2.0):
                break
        process.wait(timeout)

    def restart(self) -> None:
        """Stop and start again on the same ports with the same mail."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the server and delete its directory if this object created it."""
        self.stop()
        if self._owns_base_dir:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server log, for error messages."""
        if not self.log_path.exists():
            return "(no log written)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def client(self, user: str, timeout: float = 10.0) -> imapclient.IMAPClient:
        """A plain IMAP connection on loopback, logged in as user; the caller logs out."""
        client = imapclient.IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=timeout)
        client.login(user, PASSWORD)
        return client

    def append(self, user: str, folder: str, raw: bytes, flags: Iterable[bytes | str] = ()) -> int:
        """APPEND raw to folder and return the new message's UID."""
        with self.client(user) as client:
            response = client.append(folder, raw, flags=tuple(flags))
            match = _APPENDUID.search(response or b"")
            if match:
                return int(match.group(2))
            client.select_folder(folder, readonly=True)
            return max(client.search("ALL"))

    def messages(self, user: str, folder: str = "INBOX") -> list[bytes]:
        """Raw bytes of every message in folder in UID order, fetched without setting \\Seen."""
        with self.client(user) as client:
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            fetched = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
            return [fetched[uid][b"BODY[]"] for uid in sorted(fetched)]

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """Flags of every message in folder, by UID."""
        with self.client(user) as client:
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            return {uid: tuple(flags) for uid, flags in client.get_flags(uids).items()}

    def folders(self, user: str) -> list[str]:
        """Names of all of user's folders."""
        with self.client(user) as client:
            return [name for _flags, _sep, name in client.list_folders()]

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """The folder's current UIDVALIDITY."""
        with self.client(user) as client:
            return int(client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def reset_uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """Give folder a new UIDVALIDITY, keeping its messages and UIDs; return the new value.

        Uses `doveadm mailbox update`, so Dovecot itself records the change: sessions
        that have the folder selected are disconnected, as a real server would.
        """
        before = self.uidvalidity(user, folder)
        doveadm = shutil.which("doveadm", path=_SBIN_PATH) or "doveadm"
        result = subprocess.run(
            [
                doveadm,
                "-c",
                str(self.config_path),
                "mailbox",
                "update",
                "-u",
                user,
                "--uid-validity",
                str(before + 1),
                folder,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        after = self.uidvalidity(user, folder)
        if result.returncode != 0 or after == before:
            raise ServerError(f"UIDVALIDITY of {user}'s {folder} stayed {before}: {result.stderr}")
        return after

    def clear(self, user: str) -> None:
        """Expunge every message of user and delete every folder that is not special-use."""
        keep = {"INBOX", *SPECIAL_FOLDERS}
        with self.client(user) as client:
            names = [name for _flags, _sep, name in client.list_folders()]
            for name in sorted(names, key=lambda n: n.count("/"), reverse=True):
                if name in keep:
                    client.select_folder(name)
                    client.delete_messages(client.search("ALL"))
                    client.expunge()
                    client.unselect_folder()
                elif client.folder_exists(name):  # a parent may vanish with its last child
                    client.delete_folder(name)


class _Recorder:
    """aiosmtpd handler: accepts any login with the shared password, records each message,
    and when asked delivers it into Dovecot or fails it."""

    def __init__(self, deliver_to: Dovecot | None) -> None:
        self.deliver_to = deliver_to
        self.received: list[tuple[str, list[str], bytes]] = []
        self.changed = threading.Condition()
        self.failures: list[int] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.changed:
            if self.failures:
                code = self.failures.pop(0)
                return f"{code} {code // 100}.3.0 Failure injected by the test"
        raw = envelope.original_content or b""
        if self.deliver_to is not None:
            try:
                # In a worker thread, so the server keeps answering other connections.
                await asyncio.to_thread(self._deliver, self.deliver_to, envelope.rcpt_tos, raw)
            except (OSError, imapclient.exceptions.IMAPClientError) as error:
                return f"451 4.3.0 Delivery into Dovecot failed: {error}"
        with self.changed:
            self.received.append((envelope.mail_from or "", list(envelope.rcpt_tos), raw))
            self.changed.notify_all()
        return "250 2.0.0 OK"

    @staticmethod
    def _deliver(dovecot: Dovecot, rcpt_tos: list[str], raw: bytes) -> None:
        for rcpt in rcpt_tos:
            dovecot.append(rcpt.lower(), "INBOX", raw)

    @staticmethod
    def authenticate(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    """An SMTP server on a free loopback port that records, and optionally delivers, mail.

    `received` lists (mail_from, rcpt_tos, raw bytes) per accepted message. With
    `deliver_to`, each message is also appended to the INBOX of the Dovecot user named
    by each lower-cased recipient address. `starttls=True` requires STARTTLS; `tls=True`
    speaks implicit TLS. AUTH PLAIN/LOGIN accepts any user with password `secret`.
    """

    password = PASSWORD

    def __init__(
        self,
        deliver_to: Dovecot | None = None,
        *,
        starttls: bool = False,
        tls: bool = False,
        cert_file: Path | None = None,
        key_file: Path | None = None,
    ) -> None:
        if starttls and tls:
            raise ValueError("choose starttls or tls, not both")
        self.port = free_port()
        self.starttls, self.tls = starttls, tls
        self._handler = _Recorder(deliver_to)
        self._controller: Controller | None = None
        self._cert_dir: Path | None = None
        if cert_file is None or key_file is None:
            if deliver_to is not None:
                cert_file, key_file = deliver_to.ca_file, deliver_to.key_file
            else:
                self._cert_dir = Path(tempfile.mkdtemp(prefix="mailbot-smtp-"))
                cert_file, key_file = make_certificate(self._cert_dir)
        self.ca_file, self.key_file = Path(cert_file), Path(key_file)

    @property
    def received(self) -> list[tuple[str, list[str], bytes]]:
        """A snapshot of the messages accepted so far, oldest first."""
        with self._handler.changed:
            return list(self._handler.received)

    def _context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.ca_file, self.key_file)
        return context

    def start(self) -> None:
        """Listen on self.port; returns once the server answers."""
        if self._controller is not None:
            return
        options: dict[str, Any] = {}
        if self.starttls:
            options = {"tls_context": self._context(), "require_starttls": True}
        elif self.tls:
            options = {"ssl_context": self._context()}
        # A controller's event loop is closed by stop(), so every start needs a new one.
        # server_hostname spares aiosmtpd a slow getfqdn() lookup.
        controller = Controller(
            self._handler,
            hostname="127.0.0.1",
            port=self.port,
            server_hostname="localhost",
            authenticator=_Recorder.authenticate,
            auth_require_tls=False,
            **options,
        )
        try:
            controller.start()
        except BaseException:
            controller.stop(no_assert=True)
            raise
        self._controller = controller

    def stop(self) -> None:
        """Stop listening; safe to call twice."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def close(self) -> None:
        """Stop and delete the certificate this object made, if any."""
        self.stop()
        if self._cert_dir is not None:
            shutil.rmtree(self._cert_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fail_next(self, n: int = 1, code: int = 451) -> None:
        """Answer the next n DATA commands with code instead of accepting the message."""
        with self._handler.changed:
            self._handler.failures.extend([code] * n)

    def clear(self) -> None:
        """Forget received messages and pending injected failures."""
        with self._handler.changed:
            self._handler.received.clear()
            self._handler.failures.clear()

    def wait_for(
        self, count: int, timeout: float = 5.0, to: str | None = None
    ) -> list[tuple[str, list[str], bytes]]:
        """Wait until at least count messages were accepted and return them.

        With `to`, count and return only messages with that recipient, so tests that
        share one server need not clear it.
        """

        def matching() -> list[tuple[str, list[str], bytes]]:
            received = self._handler.received
            if to is None:
                return list(received)
            return [mail for mail in received if to.lower() in map(str.lower, mail[1])]

        with self._handler.changed:
            if not self._handler.changed.wait_for(lambda: len(matching()) >= count, timeout):
                got = len(matching())
                raise TimeoutError(f"expected {count} messages within {timeout}s, got {got}")
            return matching()


__all__ = ["Dovecot", "ServerError", "SmtpServer", "free_port", "make_certificate", "new_user"]
