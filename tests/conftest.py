"""Real mail servers shared by the whole test session: one Dovecot, one SMTP server into it."""

from collections.abc import Iterator

import pytest
from postgres import Postgres
from servers import Dovecot, ServerError, SmtpServer, new_user


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A running Dovecot; any user logs in with password `secret`."""
    server = Dovecot()
    try:
        server.start()
    except ServerError as error:
        server.close()
        raise pytest.fail.Exception(str(error), pytrace=False) from None
    yield server
    server.close()


@pytest.fixture(scope="session")
def smtp_server(dovecot: Dovecot) -> Iterator[SmtpServer]:
    """A plain SMTP server that delivers each message into the recipients' Dovecot INBOX."""
    with SmtpServer(deliver_to=dovecot) as server:
        yield server


@pytest.fixture
def mail_user() -> str:
    """A user name (an address at example.org) that no other test uses."""
    return new_user()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A running PostgreSQL server; each test asks it for a fresh database."""
    server = Postgres()
    try:
        server.start()
    except (ServerError, OSError) as error:
        server.stop()
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()
