"""The one place that wires configuration, clock, database and mail servers together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.db.engine import is_current, open_engine, session_factory
from mailbot.errors import MailbotError
from mailbot.files import make_private_dir
from mailbot.mail.imap import Mailbox
from mailbot.mail.passwords import resolve_password
from mailbot.mail.smtp import Outbox
from mailbot.sending import SentCopies


@dataclass
class _Database:
    engine: Engine | None = None
    sessions: sessionmaker[Session] | None = None


@dataclass
class App:
    """A configured mailbot at one moment, ``now``; ``at`` gives the same one at another moment."""

    config: Config
    now: datetime
    _db: _Database = field(default_factory=_Database, repr=False)

    def at(self, now: datetime) -> App:
        """This app at ``now``, sharing the database connection pool."""
        return App(self.config, now, self._db)

    @property
    def engine(self) -> Engine:
        if self._db.engine is None:
            make_private_dir(self.config.storage.data_dir)
            self._db.engine = open_engine(self.config.storage.database_url)
        return self._db.engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        """Sessions on a database that must already be initialised."""
        if self._db.sessions is None:
            if not is_current(self.engine):
                raise MailbotError("The database is missing or out of date; run: mailbot init.")
            self._db.sessions = session_factory(self.engine)
        return self._db.sessions

    def mailbox(self) -> Mailbox:
        return Mailbox.open(self.config.imap, resolve_password(self.config.imap))

    def outbox(self) -> Outbox:
        return Outbox.open(self.config.smtp, resolve_password(self.config.smtp))

    def sent_copies(self) -> SentCopies:
        """Copies for the Sent folder as [smtp] append_to_sent says; IMAP is opened at the first."""
        return SentCopies(self.mailbox, self.config.folders.sent, self.config.smtp.append_to_sent)
