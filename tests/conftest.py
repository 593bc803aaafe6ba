"""Real mail servers shared by the whole test session: one Dovecot, one SMTP server into it, and
each differently shaped Dovecot (tests/servers.py: Shape) started once, when a test first asks."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from postgres import Postgres
from servers import (
    IMAP4D,
    Closes,
    Dovecot,
    Imap4d,
    ServerError,
    Shape,
    ShapedServers,
    SmtpServer,
    TokenServer,
    close_together,
    new_user,
)
from sqlalchemy.orm import Session, sessionmaker
from support.budget import PROFILE, PROFILES
from support.chromium import Browser, chromium_binary
from support.database import migrated_template, sessions_on_copy

for _name, _examples in PROFILES.items():
    settings.register_profile(_name, max_examples=_examples)
settings.load_profile(PROFILE)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject's addopts) with pytest-xdist: a worker per core, each with servers of
    its own, for a run of folders (``python3 -m pytest``, ``tests/unit``); none for a run of named
    files or tests, where starting workers and their servers would cost more than it saves."""
    if any(arg.split("::")[0].endswith(".py") for arg in config.args):
        return 0
    return os.cpu_count() or 1


@pytest.fixture(scope="session")
def servers_to_close() -> Iterator[list[Closes]]:
    """The session's servers, closed side by side once every test is done (one by one, the
    Dovecots alone took a second each)."""
    started: list[Closes] = []
    yield started
    close_together(started)


@pytest.fixture(scope="session")
def dovecot(servers_to_close: list[Closes]) -> Dovecot:
    """A running Dovecot; any user logs in with password `secret`."""
    server = Dovecot()
    servers_to_close.append(server)
    try:
        server.start()
    except ServerError as error:
        raise pytest.fail.Exception(str(error), pytrace=False) from None
    return server


@pytest.fixture(scope="session")
def smtp_server(dovecot: Dovecot) -> Iterator[SmtpServer]:
    """A plain SMTP server that delivers each message into the recipients' Dovecot INBOX."""
    with SmtpServer(deliver_to=dovecot) as server:
        yield server


@pytest.fixture(scope="session")
def tokens(servers_to_close: list[Closes]) -> TokenServer:
    """An OAuth2 token introspection endpoint on loopback, for the OAuth2-shaped servers."""
    server = TokenServer()
    servers_to_close.append(server)
    return server


@pytest.fixture(scope="session")
def shaped_servers(tokens: TokenServer, servers_to_close: list[Closes]) -> ShapedServers:
    """``shaped_servers(shape)``: a Dovecot of that shape and an SMTP server (implicit TLS, the
    same certificate) delivering into it; each shape is started once per session and shared."""
    running: dict[Shape, tuple[Dovecot, SmtpServer]] = {}

    def get(shape: Shape) -> tuple[Dovecot, SmtpServer]:
        if shape not in running:
            if shape is IMAP4D:
                imap: Dovecot = Imap4d()
            else:
                imap = Dovecot(shape=shape, tokens=tokens if shape.oauth2 else None)
            servers_to_close.append(imap)
            try:
                imap.start()
            except ServerError as error:
                raise pytest.fail.Exception(str(error), pytrace=False) from None
            smtp = SmtpServer(deliver_to=imap, tls=True, tokens=tokens if shape.oauth2 else None)
            servers_to_close.append(smtp)
            smtp.start()
            running[shape] = (imap, smtp)
        return running[shape]

    return get


@pytest.fixture
def mail_user() -> str:
    """A user name (an address at example.org) that no other test uses."""
    return new_user()


@pytest.fixture(scope="session")
def postgres(servers_to_close: list[Closes]) -> Postgres:
    """A running PostgreSQL server; each test asks it for a fresh database."""
    server = Postgres()
    servers_to_close.append(server)
    try:
        server.start()
    except (ServerError, OSError) as error:
        pytest.fail(str(error), pytrace=False)
    return server


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database file at the head migration, migrated once a session."""
    return migrated_template(tmp_path_factory.mktemp("db"))


@pytest.fixture
def sessions(database_template: Path, tmp_path: Path) -> sessionmaker[Session]:
    """Sessions on a fresh copy of the template database, for one test: no server started."""
    return sessions_on_copy(database_template, tmp_path)


@pytest.fixture
def browser() -> Iterator[Browser]:
    """A headless Chromium (tests/support/chromium.py); the test is skipped where none is installed."""
    binary = chromium_binary()
    if binary is None:
        pytest.skip(
            "no Chromium found (chromium, chromium-browser or google-chrome); scripts/setup installs it"
        )
    started = Browser(binary)
    yield started
    started.close()
