"""`mailbot init` and `mailbot check`: make the database and folders, prove the servers answer,
and tell a new user what mailbot found on her server."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from mailbot.app import App
from mailbot.cli.commands import CommandTree
from mailbot.config import Config, ServerConfig
from mailbot.db import submissions
from mailbot.db.engine import migrate, transaction
from mailbot.db.models import FolderState
from mailbot.db.records import audit
from mailbot.errors import ConfigError, ServerError
from mailbot.mail.imap import DRAFTS, NETWORK_ERRORS, SENT, FolderRefused, Mailbox
from mailbot.passes.mail_control import mark_seen


def add_commands(tree: CommandTree) -> None:
    tree.command("init", cmd_init, "create or upgrade the database and the IMAP folders")
    tree.command("check", cmd_check, "log in to IMAP and SMTP and show the folders in use")


def cmd_init(app: App, args: argparse.Namespace) -> int:
    for line in initialise(app):
        print(line)
    return 0


def cmd_check(app: App, args: argparse.Namespace) -> int:
    for line in check(app):
        print(line)
    return 0


def initialise(app: App) -> Iterator[str]:
    """Create or upgrade the database, then create the IMAP folders the bot files into.

    A folder the server refuses is a ConfigError (exit 2): the fix is a name in [folders]."""
    migrate(app.engine)
    yield f"database ready: {app.engine.url.render_as_string(hide_password=True)}"
    with app.mailbox() as mailbox:
        try:
            for folder in _own_folders(app.config):
                yield f"folder ready: {mailbox.ensure_folder(folder)}"
            mark_seen(app.config, app.sessions, mailbox)
            yield _baseline(app, mailbox)
            yield _sent_baseline(app, mailbox)
            yield sent_copies(mailbox, app.config)
        except FolderRefused as exc:
            raise ConfigError(
                f"The IMAP server refused to create the folder {exc.folder} ({exc.words}); the database "
                "is ready: change [folders] filed or triage to a name the server accepts, then run "
                "mailbot init again."
            ) from None
        except NETWORK_ERRORS as exc:
            raise ServerError(
                f"Creating IMAP folders failed ({exc}); the database is ready, "
                "run mailbot init again once the server is fine."
            ) from None


def _baseline(app: App, mailbox: Mailbox) -> str:
    """The first time: what is in the inbox now was there before mailbot, and is never read."""
    inbox = app.config.folders.inbox
    status = mailbox.select(inbox)
    with transaction(app.sessions) as session:
        state = session.get(FolderState, inbox)
        if state is not None:
            return f"inbox: read up to UID {state.last_uid}"
        highest = status.uidnext - 1 if status.uidnext else max(mailbox.uids_after(0), default=0)
        session.add(
            FolderState(folder=inbox, uidvalidity=status.uidvalidity, last_uid=highest, baseline_uid=highest)
        )
        audit(session, app.now, "inbox_baseline", "folder", None, f"uid={highest}")
    return f"inbox: mail already there (up to UID {highest}) is left as it is"


def _sent_baseline(app: App, mailbox: Mailbox) -> str:
    """The first time, before any homework is filed: what is in Sent now answers nothing of
    mailbot's, so the Sent scan starts after it instead of reading years of sent mail once."""
    folder = mailbox.special_folder(SENT, app.config.folders.sent)
    if folder is None:
        return "sent: no Sent folder found yet (mailbot check says more)"
    status = mailbox.select(folder)
    with transaction(app.sessions) as session:
        state = session.get(FolderState, folder)
        if state is not None:
            return f"sent: read up to UID {state.last_uid}"
        if submissions.any_submission(session):
            return "sent: read whole at the next scan (homework was filed before)"
        highest = status.uidnext - 1 if status.uidnext else max(mailbox.uids_after(0), default=0)
        session.add(FolderState(folder=folder, uidvalidity=status.uidvalidity, last_uid=highest))
        audit(session, app.now, "sent_baseline", "folder", None, f"uid={highest}")
    return f"sent: mail already there (up to UID {highest}) is not read; the scan starts after it"


def check(app: App) -> Iterator[str]:
    """Log in to both servers and say what was found: folders, extensions, how mail is moved.

    Exits 1 (ServerError) when a folder mailbot needs is neither there nor creatable by init."""
    config = app.config
    with app.mailbox() as mailbox:
        yield f"IMAP ok: {_where(config.imap)}"
        yield from _describe_server(mailbox, config)
        mailbox.select(config.folders.inbox)
        yield from _folders(mailbox, config)
    with app.outbox():
        yield f"SMTP ok: {_where(config.smtp)}"


def _describe_server(mailbox: Mailbox, config: Config) -> Iterator[str]:
    namespace = mailbox.namespace
    offered = mailbox.extensions()
    yield (
        f"  folders: prefix {namespace.prefix or '(none)'!r}, separator {namespace.separator!r}"
        + ("" if offered["NAMESPACE"] else " (no NAMESPACE: taken from LIST)")
    )
    yield "  extensions: " + ", ".join(f"{name} {'yes' if has else 'no'}" for name, has in offered.items())
    if offered["MOVE"]:
        moving = "MOVE"
    elif offered["UIDPLUS"]:
        moving = "COPY, then UID EXPUNGE of exactly those messages"
    else:
        moving = (
            "COPY, then the inbox copy is only flagged \\Deleted (no UIDPLUS: a plain EXPUNGE would also "
            "remove mail you flagged \\Deleted); your mail program expunges it"
        )
    yield f"  moving mail: {moving}"
    if not config.schedule.idle:
        yield f"  new mail: read every {config.schedule.poll_minutes:g} min (IDLE off in [schedule])"
    elif offered["IDLE"]:
        yield "  new mail: IMAP IDLE, within seconds"
    else:
        yield f"  new mail: no IDLE on this server, read every {config.schedule.poll_minutes:g} min"
    yield f"  {sent_copies(mailbox, config)}"


def sent_copies(mailbox: Mailbox, config: Config) -> str:
    """What becomes of a copy of each email mailbot sends, for init and check: the provider
    found, and under "auto" with none found, the question only the therapist can answer."""
    provider = mailbox.files_sent_mail()
    policy = config.smtp.append_to_sent
    if policy == "auto" and provider:
        said = f"{provider} files sent mail into Sent itself; mailbot adds no copy"
    elif policy == "auto":
        said = (
            "mailbot appends a copy of what it sends to Sent (no provider that files its own was "
            "recognised); does your provider put mail sent over its SMTP into Sent by itself? If "
            "so (each of mailbot's emails would show there twice), set [smtp] append_to_sent = false"
        )
    elif policy:
        said = "mailbot appends a copy to Sent (append_to_sent = true)" + (
            f"; {provider} files sent mail into Sent itself, so each will show twice: "
            'set [smtp] append_to_sent = "auto"'
            if provider
            else ""
        )
    else:
        said = "no copy to Sent (append_to_sent = false)"
    return f"sent copies: {said}"


def _folders(mailbox: Mailbox, config: Config) -> Iterator[str]:
    folders = config.folders
    drafts = mailbox.special_folder(DRAFTS, folders.drafts)
    sent = mailbox.special_folder(SENT, folders.sent)
    known = mailbox.folder_names()
    yield f"  inbox:  {mailbox.server_name(folders.inbox)}"
    for label, folder, own in (
        ("filed", folders.filed, _parent(folders.filed)),
        ("triage", folders.triage, folders.triage),
    ):
        made = "" if not own or mailbox.server_name(own) in known else " (created now)"
        try:
            if made:  # mailbot's own folder, made as init would: a refusal shows now, not at a pass
                mailbox.ensure_folder(own)
        except FolderRefused as exc:
            raise ServerError(
                f"The IMAP server refuses the folder {exc.folder} ({exc.words}); change [folders] "
                f"{label} to a name it accepts."
            ) from None
        yield f"  {label}: {' ' * (6 - len(label))}{mailbox.server_name(folder)}{made}"
    missing = [
        role
        for role, found, configured in (("Drafts", drafts, folders.drafts), ("Sent", sent, folders.sent))
        if found is None or configured and found not in known
    ]
    yield f"  drafts: {drafts or 'not found'}"
    yield f"  sent:   {sent or 'not found'}"
    if missing:
        role = missing[0]
        raise ServerError(
            f"No {role} folder was found on the IMAP server (no SPECIAL-USE flag and none of the usual "
            f"names, or the configured one does not exist); set [folders] {role.lower()} to its name "
            "as your mail program shows it."
        )


def _own_folders(config: Config) -> list[str]:
    """The folders init makes: the parent of the clients' folders, and triage."""
    return [f for f in (_parent(config.folders.filed), config.folders.triage) if f]


def _parent(pattern: str) -> str:
    return pattern.split("{client}")[0].rstrip("/")


def _where(server: ServerConfig) -> str:
    login = "" if server.auth == "password" else f", {server.auth.upper()}"
    return f"{server.username} at {server.host}:{server.port} ({server.security}{login})"
