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
import base64
import contextlib
import http.server
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

import imapclient
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

PASSWORD = "secret"
SPECIAL_FOLDERS = ("Drafts", "Sent", "Trash", "Junk")
# What Dovecot 2.3 offers after login; a Shape's ``without`` is taken from this list.
DOVECOT_CAPABILITIES = [
    "IMAP4rev1",
    "SASL-IR",
    "LOGIN-REFERRALS",
    "ID",
    "ENABLE",
    "IDLE",
    "SORT",
    "SORT=DISPLAY",
    "THREAD=REFERENCES",
    "THREAD=REFS",
    "THREAD=ORDEREDSUBJECT",
    "MULTIAPPEND",
    "URL-PARTIAL",
    "CATENATE",
    "UNSELECT",
    "CHILDREN",
    "NAMESPACE",
    "UIDPLUS",
    "LIST-EXTENDED",
    "I18NLEVEL=1",
    "CONDSTORE",
    "QRESYNC",
    "ESEARCH",
    "ESORT",
    "SEARCHRES",
    "WITHIN",
    "CONTEXT=SEARCH",
    "LIST-STATUS",
    "BINARY",
    "MOVE",
    "SNIPPET=FUZZY",
    "PREVIEW=FUZZY",
    "PREVIEW",
    "STATUS=SIZE",
    "SAVEDATE",
    "LITERAL+",
    "NOTIFY",
    "SPECIAL-USE",
]
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


class Closes(Protocol):
    """A test server (or anything else a session ends) that ``close()`` stops for good."""

    def close(self) -> None: ...


class Started:
    """A test server as a context manager: ``with Server() as s`` starts it and closes it."""

    def start(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

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


def close_together(servers: Iterable[Closes]) -> None:
    """``close()`` each of ``servers`` at once, each in its own thread: a Dovecot takes about a
    second to stop, and a session ends with several of them running."""
    threads = [threading.Thread(target=server.close) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


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


@dataclass(frozen=True)
class Shape:
    """How a Dovecot is configured to look like the server a therapist really has.

    ``folders`` maps each special-use role (Drafts, Sent, Trash, Junk) to the folder's name
    below the personal namespace; ``special_use`` says whether the roles are announced.
    ``without`` lists capabilities not offered (the commands may still work, as on real
    servers that leave them out: mailbot must go by what is offered). ``oauth2`` switches
    login to Dovecot's oauth2 passdb, asking a TokenServer (XOAUTH2 and OAUTHBEARER only).
    """

    name: str = "stock"
    prefix: str = ""
    separator: str = "/"
    special_use: bool = True
    folders: tuple[tuple[str, str], ...] = tuple((name, name) for name in SPECIAL_FOLDERS)
    without: frozenset[str] = frozenset()
    extra: tuple[str, ...] = ()  # capabilities added, such as Gmail's X-GM-EXT-1
    greeting: str | None = None
    oauth2: bool = False

    def folder(self, role: str) -> str:
        """The server's full name of the folder for ``role`` ("Sent"), prefix included."""
        name = dict(self.folders)[role]
        return self.prefix + name.replace("/", self.separator)

    @property
    def inbox_children(self) -> bool:
        return self.prefix.upper().startswith("INBOX")


class Dovecot(Started):
    """A private Dovecot IMAP server in a temporary directory, run in the foreground.

    `port` speaks plain IMAP with STARTTLS, `tls_port` implicit TLS. Every user has
    INBOX plus the special-use folders Drafts, Sent, Trash and Junk, separator "/",
    unless a Shape says otherwise.
    """

    password = PASSWORD

    def __init__(
        self, base_dir: Path | None = None, shape: Shape | None = None, tokens: TokenServer | None = None
    ) -> None:
        self.shape = shape or Shape()
        self.tokens = tokens
        if self.shape.oauth2 and tokens is None:
            raise ValueError("an oauth2 shape needs a TokenServer")
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
        shape = self.shape
        folders = "".join(
            f'  mailbox "{name.replace("/", shape.separator)}" {{\n'
            + (f"    special_use = \\{role}\n" if shape.special_use else "")
            + "    auto = subscribe\n  }\n"
            for role, name in shape.folders
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
auth_mechanisms = plain login{" xoauth2 oauthbearer" if shape.oauth2 else ""}
auth_failure_delay = 0
auth_username_chars = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@+=
ssl = yes
ssl_cert = <{self.ca_file}
ssl_key = <{self.key_file}
mail_location = maildir:{self.mail_dir}/%u
imap_idle_notify_interval = 10 secs
mailbox_idle_check_interval = 1 secs
{self._passdb()}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={self.mail_dir}/%u
}}
namespace inbox {{
  inbox = yes
  prefix = {shape.prefix}
  separator = {shape.separator}
{folders}}}
protocol imap {{
  mail_max_userip_connections = 100
{self._capabilities()}}}
{f"login_greeting = {shape.greeting}" if shape.greeting else ""}
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

    def _passdb(self) -> str:
        if not self.shape.oauth2:
            return f"passdb {{\n  driver = static\n  args = password={PASSWORD}\n}}"
        assert self.tokens is not None
        oauth = self.base_dir / "oauth2.conf.ext"
        oauth.write_text(
            f"introspection_mode = post\nintrospection_url = {self.tokens.url}\n"
            "force_introspection = yes\nusername_attribute = username\n"
            "active_attribute = active\nactive_value = true\n"
        )
        return f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {oauth}\n}}"

    def _capabilities(self) -> str:
        shape = self.shape
        if not shape.without and not shape.extra:
            return ""
        offered = [c for c in DOVECOT_CAPABILITIES if c not in shape.without] + list(shape.extra)
        return f"  imap_capability = {' '.join(offered)}\n"

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
        # -F keeps the master our child so we can reap it
        return self._serve([binary, "-F", "-c", str(self.config_path)], timeout)

    def _serve(self, argv: list[str], timeout: float) -> bool:
        """Write the config, start the server (``argv``) in its own session and wait for its
        greeting; stopped again if none comes. Its output goes to the log file, never to a
        pipe, because forked daemons would keep the pipe open."""
        self.config_path.write_text(self._config())
        with self.log_path.open("ab") as log:
            process = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._process = process
        atexit.register(self.stop)
        if _wait_for_greeting(self.port, timeout, lambda: process.poll() is None):
            return True
        self.stop()
        return False

    def stop(self, timeout: float = 10.0, graceful: bool = True) -> None:
        """SIGTERM the master (pid from master.pid), then end every process it left behind.

        Dovecot's master exits without its imap sessions, which keep serving connected
        clients; a stopped test server must drop them, so the whole process group goes.
        Not ``graceful``: the group is killed at once (the master takes a second or more to
        stop), for a server whose mail is thrown away next.
        """
        process, self._process = self._process, None
        if process is None:
            return
        atexit.unregister(self.stop)
        if graceful:
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
        """Stop the server (killed: its mail is no longer wanted) and delete its directory if this
        object created it."""
        self.stop(graceful=not self._owns_base_dir)
        if self._owns_base_dir:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server log, for error messages."""
        if not self.log_path.exists():
            return "(no log written)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def client(self, user: str, timeout: float = 10.0) -> imapclient.IMAPClient:
        """A plain IMAP connection on loopback, logged in as user; the caller logs out."""
        client = imapclient.IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=timeout)
        if self.tokens is not None:
            client.oauth2_login(user, self.tokens.token_for(user))
        else:
            client.login(user, PASSWORD)
        return client

    def folder(self, name: str) -> str:
        """The server's name for ``name`` ("Homework/Ben", "INBOX", "Sent") in this shape."""
        if name.upper() == "INBOX":
            return "INBOX"
        roles = dict(self.shape.folders)
        if name in roles:
            return self.shape.folder(name)
        return self.shape.prefix + name.replace("/", self.shape.separator)

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
        keep = {"INBOX", *(self.shape.folder(role) for role, _name in self.shape.folders)}
        with self.client(user) as client:
            names = [name for _flags, _sep, name in client.list_folders()]
            for name in sorted(names, key=lambda n: n.count(self.shape.separator), reverse=True):
                if name in keep:
                    client.select_folder(name)
                    client.delete_messages(client.search("ALL"))
                    client.expunge()
                    client.unselect_folder()
                elif client.folder_exists(name):  # a parent may vanish with its last child
                    client.delete_folder(name)


class TokenServer:
    """An OAuth2 token introspection endpoint (RFC 7662) on loopback, for Dovecot's oauth2 passdb.

    ``token_for(user)`` issues a bearer token; POST /introspect with ``token=...`` answers
    ``{"active": true, "username": user}`` for an issued token and ``{"active": false}`` else.
    The same tokens are accepted by an SmtpServer given this TokenServer.
    """

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        self._lock = threading.Lock()
        tokens, lock = self.tokens, self._lock

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                with lock:
                    user = tokens.get((form.get("token") or [""])[0])
                body = json.dumps({"active": True, "username": user} if user else {"active": False})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/introspect"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def token_for(self, user: str) -> str:
        """A fresh bearer token that logs ``user`` in."""
        token = secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[token] = user
        return token

    def user_of(self, token: str) -> str | None:
        with self._lock:
            return self.tokens.get(token)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _Recorder:
    """aiosmtpd handler: accepts any login with the shared password, records each message,
    and when asked delivers it into Dovecot or fails it."""

    def __init__(self, deliver_to: Dovecot | None, tokens: TokenServer | None = None) -> None:
        self.deliver_to = deliver_to
        self.tokens = tokens
        self.received: list[tuple[str, list[str], bytes]] = []
        self.changed = threading.Condition()
        self.failures: list[tuple[int, str]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.changed:
            if self.failures:
                code, words = self.failures.pop(0)
                return f"{code} {words.format(rcpt=', '.join(envelope.rcpt_tos))}"
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

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        """XOAUTH2 as Google and Microsoft speak it: base64 of user=U^Aauth=Bearer T^A^A."""
        fields = await self._sasl_fields(server, args)
        return self._bearer_result(fields.get("user"), fields.get("auth", ""))

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        """OAUTHBEARER (RFC 7628): base64 of n,a=U,^Aauth=Bearer T^A^A."""
        fields = await self._sasl_fields(server, args)
        gs2 = fields.get("gs2", "")
        user = gs2.split("a=", 1)[1].rstrip(",") if "a=" in gs2 else None
        return self._bearer_result(user, fields.get("auth", ""))

    @staticmethod
    async def _sasl_fields(server: SMTP, args: list[str]) -> dict[str, str]:
        if len(args) > 1:
            blob = args[1].encode()
        else:
            answer = await server.challenge_auth("")
            blob = answer if isinstance(answer, bytes) else b""
        try:
            text = base64.b64decode(blob).decode()
        except (ValueError, UnicodeDecodeError):
            return {}
        fields: dict[str, str] = {}
        for part in text.split("\x01"):
            key, _, value = part.partition("=")
            if part.startswith("n,"):  # OAUTHBEARER's GS2 header, n,a=user,
                key, value = "gs2", part
            fields[key] = value
        return fields

    def _bearer_result(self, user: str | None, auth: str) -> AuthResult:
        if self.tokens is None or not auth.startswith("Bearer "):
            return AuthResult(success=False, handled=False)
        owner = self.tokens.user_of(auth.removeprefix("Bearer "))
        return AuthResult(success=owner is not None and owner == user, handled=False)

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


class SmtpServer(Started):
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
        tokens: TokenServer | None = None,
    ) -> None:
        if starttls and tls:
            raise ValueError("choose starttls or tls, not both")
        self.port = free_port()
        self.starttls, self.tls = starttls, tls
        self._handler = _Recorder(deliver_to, tokens)
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

    def fail_next(self, n: int = 1, code: int = 451, words: str | None = None) -> None:
        """Answer the next n DATA commands with code instead of accepting the message, and
        with ``words`` after it ("{rcpt}" in them becomes the message's recipients)."""
        said = words or f"{code // 100}.3.0 Failure injected by the test"
        with self._handler.changed:
            self._handler.failures.extend([(code, said)] * n)

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


__all__ = [
    "BARE",
    "CPANEL",
    "CPANEL_PLAIN",
    "GMAIL",
    "OFFICE365",
    "IMAP4D",
    "Dovecot",
    "Imap4d",
    "RefusingImap",
    "ServerError",
    "Shape",
    "ShapedServers",
    "SmtpServer",
    "TokenServer",
    "Closes",
    "close_together",
    "free_port",
    "make_certificate",
    "new_user",
]


class Imap4d(Dovecot):
    """GNU Mailutils imap4d in the foreground, beside Dovecot: no MOVE, UIDPLUS or SPECIAL-USE,
    NIL as INBOX's delimiter, and ``UID SEARCH UID n:*`` answered with nothing (its bug).

    Users live in virtdomain passwd files (one per domain); ``register`` adds one with the
    shared password and its Drafts and Sent folders. ``client`` registers on first use.
    """

    def __init__(self, base_dir: Path | None = None) -> None:
        super().__init__(base_dir, shape=IMAP4D)
        self.passwd_dir = self.base_dir / "domains"
        self.passwd_dir.mkdir(mode=0o755, exist_ok=True)
        self._registered: set[str] = set()
        self._lock = threading.Lock()

    def _config(self) -> str:
        mail = self.mail_dir
        return f"""\
mode daemon;
foreground yes;
pidfile {self.base_dir}/run/master.pid;
tls-file-checks {{ key-file none; cert-file none; ca-file none; }};
server 127.0.0.1:{self.port} {{ single-process no; }};
server 127.0.0.1:{self.tls_port} {{
  single-process no;
  tls-mode connection;
  tls {{ ssl-certificate-file {self.ca_file}; ssl-key-file {self.key_file}; }};
}};
auth {{ authorization virtdomain; authentication generic; }};
virtdomain {{ passwd-dir {self.passwd_dir}; }};
mailbox {{ mailbox-pattern "maildir://{mail}/${{user}}/INBOX"; mailbox-type maildir; }};
create-home-dir yes;
namespace personal {{ prefix "" {{ directory "{mail}/${{user}}"; delimiter "/"; }}; }};
logging {{ syslog no; }};
"""

    def _launch(self, binary: str, timeout: float) -> bool:
        imap4d = shutil.which("imap4d", path=_SBIN_PATH)
        if imap4d is None:
            raise ServerError("imap4d is not installed: apt-get install mailutils-imap4d")
        self.key_file.chmod(0o600)
        return self._serve([imap4d, f"--config-file={self.config_path}"], timeout)

    def register(self, user: str) -> None:
        """Let ``user`` (an address) log in with the shared password; give it Drafts and Sent."""
        with self._lock:
            if user in self._registered:
                return
            local, domain = user.split("@", 1)
            line = f"{local}:{crypt_sha512(PASSWORD)}:65534:65534::{self.mail_dir}/{user}:/bin/false\n"
            with (self.passwd_dir / domain).open("a") as passwd:
                passwd.write(line)
            self._registered.add(user)
            inbox = self.mail_dir / user / "INBOX"  # imap4d makes the home, not the INBOX maildir
            for path in (self.mail_dir / user, inbox, inbox / "cur", inbox / "new", inbox / "tmp"):
                path.mkdir(mode=0o700, exist_ok=True)
                shutil.chown(path, "nobody", "nogroup")
        with super().client(user) as client:
            for _role, name in self.shape.folders:
                if not client.folder_exists(name):
                    client.create_folder(name)

    def client(self, user: str, timeout: float = 10.0) -> imapclient.IMAPClient:
        self.register(user)
        return super().client(user, timeout)


def crypt_sha512(password: str) -> str:
    """A SHA-512 crypt(3) hash, as /etc/shadow holds them (openssl passwd -6)."""
    done = subprocess.run(["openssl", "passwd", "-6", password], capture_output=True, text=True, check=True)
    return done.stdout.strip()


ShapedServers = Callable[[Shape], tuple[Dovecot, SmtpServer]]  # the conftest fixture shaped_servers

# The server shapes therapists really have (see docs/servers.md), each a Dovecot configured so.
CPANEL = Shape(name="cpanel", prefix="INBOX.", separator=".")
CPANEL_PLAIN = Shape(
    name="cpanel-plain",
    prefix="INBOX.",
    separator=".",
    special_use=False,
    folders=(("Drafts", "Entwürfe"), ("Sent", "Gesendet"), ("Trash", "Papierkorb"), ("Junk", "Spam")),
)
BARE = Shape(
    name="bare",
    special_use=False,
    folders=(
        ("Drafts", "Brouillons"),
        ("Sent", "Éléments envoyés"),
        ("Trash", "Corbeille"),
        ("Junk", "Junk"),
    ),
    without=frozenset({"MOVE", "UIDPLUS", "IDLE", "SPECIAL-USE", "NAMESPACE", "CONDSTORE", "QRESYNC"}),
)
GMAIL = Shape(
    name="gmail",
    folders=(
        ("Drafts", "[Gmail]/Drafts"),
        ("Sent", "[Gmail]/Sent Mail"),
        ("Trash", "[Gmail]/Trash"),
        ("Junk", "[Gmail]/Spam"),
        ("All", "[Gmail]/All Mail"),
    ),
    extra=("X-GM-EXT-1",),
)
IMAP4D = Shape(
    name="imap4d",
    special_use=False,
    folders=(("Drafts", "Drafts"), ("Sent", "Sent")),
    without=frozenset({"MOVE", "UIDPLUS", "SPECIAL-USE", "CONDSTORE"}),
)
OFFICE365 = Shape(
    name="office365",
    folders=(
        ("Drafts", "Drafts"),
        ("Sent", "Sent Items"),
        ("Trash", "Deleted Items"),
        ("Junk", "Junk Email"),
    ),
    greeting="The Microsoft Exchange IMAP4 service is ready.",
    oauth2=True,
)


class RefusingImap:
    """An IMAP server on loopback that greets, takes any LOGIN, and refuses everything else with
    ``words``: a server in maintenance, for proving every command ends in one sentence."""

    def __init__(self, words: str = "[UNAVAILABLE] Maintenance in progress, back at 14:00") -> None:
        self.words = words
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as stream:
            stream.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
            stream.flush()
            for line in stream:
                tag, _, rest = line.decode(errors="replace").strip().partition(" ")
                command = rest.split(" ", 1)[0].upper()
                if command == "CAPABILITY":
                    stream.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
                    stream.write(f"{tag} OK done\r\n".encode())
                elif command in ("LOGIN", "NOOP"):
                    stream.write(f"{tag} OK [CAPABILITY IMAP4rev1] done\r\n".encode())
                elif command == "LOGOUT":
                    stream.write(f"* BYE\r\n{tag} OK bye\r\n".encode())
                    stream.flush()
                    return
                else:
                    stream.write(f"{tag} NO {self.words}\r\n".encode())
                stream.flush()

    def close(self) -> None:
        self._server.close()
