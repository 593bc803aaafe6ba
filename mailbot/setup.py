"""`mailbot init` and `mailbot check`: make the database and folders, prove the servers answer."""

from __future__ import annotations

from collections.abc import Iterator

from mailbot.app import App
from mailbot.config import ServerConfig
from mailbot.db import migrate
from mailbot.errors import ServerError
from mailbot.mail.imap import DRAFTS, NETWORK_ERRORS, SENT
from mailbot.mailctl import mark_seen


def initialise(app: App) -> Iterator[str]:
    """Create or upgrade the database, then create the IMAP folders the bot files into."""
    migrate(app.engine)
    yield f"database ready: {app.engine.url.render_as_string(hide_password=True)}"
    folders = app.config.folders
    parent = folders.filed.split("{client}")[0].rstrip("/")
    with app.mailbox() as mailbox:
        try:
            for folder in filter(None, [parent, folders.triage]):
                yield f"folder ready: {mailbox.ensure_folder(folder)}"
            mark_seen(app.config, app.sessions, mailbox)
        except NETWORK_ERRORS as exc:
            raise ServerError(
                f"Creating IMAP folders failed ({exc}); the database is ready, "
                "run mailbot init again once the server is fine."
            ) from None


def check(app: App) -> Iterator[str]:
    """Log in to both servers and say which folders will be used."""
    config = app.config
    with app.mailbox() as mailbox:
        yield f"IMAP ok: {_where(config.imap)}"
        mailbox.select(config.folders.inbox)
        drafts = mailbox.special_folder(DRAFTS, config.folders.drafts)
        sent = mailbox.special_folder(SENT, config.folders.sent)
        yield f"  inbox:  {mailbox.server_name(config.folders.inbox)}"
        yield f"  filed:  {mailbox.server_name(config.folders.filed)}"
        yield f"  triage: {mailbox.server_name(config.folders.triage)}"
        yield f"  drafts: {drafts or 'not found: set [folders] drafts'}"
        yield f"  sent:   {sent or 'not found: set [folders] sent'}"
    with app.outbox():
        yield f"SMTP ok: {_where(config.smtp)}"


def _where(server: ServerConfig) -> str:
    return f"{server.username} at {server.host}:{server.port} ({server.security})"
