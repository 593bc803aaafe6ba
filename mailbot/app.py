"""The one place that wires configuration, clock, database and mail servers together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from mailbot.config import Config
from mailbot.db import is_current, open_engine, session_factory
from mailbot.errors import MailbotError
from mailbot.files import make_private_dir
from mailbot.mail.imap import Mailbox
from mailbot.mail.smtp import Outbox
from mailbot.secrets import resolve_password


@dataclass
class App:
    config: Config
    now: datetime

    @cached_property
    def engine(self) -> Engine:
        make_private_dir(self.config.storage.data_dir)
        return open_engine(self.config.storage.database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        """Sessions on a database that must already be initialised."""
        if not is_current(self.engine):
            raise MailbotError("The database is missing or out of date; run: mailbot init.")
        return session_factory(self.engine)

    def mailbox(self) -> Mailbox:
        return Mailbox.open(self.config.imap, resolve_password(self.config.imap))

    def outbox(self) -> Outbox:
        return Outbox.open(self.config.smtp, resolve_password(self.config.smtp))
