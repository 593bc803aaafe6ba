"""The database tables, as SQLAlchemy 2.x declarative models.

Times are stored as naive UTC (portable between SQLite and PostgreSQL) and read back aware.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mailbot.db.base import Base


class Client(Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    folder: Mapped[str] = mapped_column(String(100), unique=True)  # the {client} in [folders] filed
    created_at: Mapped[datetime]
    reminders: Mapped[str] = mapped_column(String(16), default="on")  # on, off, paused
    # Who paused them: "client" (their own "pause", which their "resume" lifts) or "risk" (a
    # worrying message: only the therapist resumes them, mailbot client resume-reminders).
    paused_by: Mapped[str | None] = mapped_column(String(16))
    reminder_hour: Mapped[str | None] = mapped_column(String(5))  # "19:00": the client's own due hour
    next_session: Mapped[datetime | None]  # the next session, as the therapist set it
    last_session: Mapped[datetime | None]  # the one set by hand before it, once it took place
    sessions: Mapped[str | None] = mapped_column(String(500))  # an RRULE of the regular sessions
    emails: Mapped[list[ClientEmail]] = relationship(
        back_populates="client", cascade="all, delete-orphan", order_by="ClientEmail.id"
    )
    assignments: Mapped[list[Assignment]] = relationship(back_populates="client")

    @property
    def primary_email(self) -> str:
        return self.emails[0].address if self.emails else ""


class ClientEmail(Base):
    __tablename__ = "client_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320), unique=True)  # lower-cased
    bounced_at: Mapped[datetime | None]  # a delivery failure named it: no mail until cleared
    client: Mapped[Client] = relationship(back_populates="emails")


class Assignment(Base):
    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    instructions: Mapped[str] = mapped_column(Text, default="")
    token: Mapped[str] = mapped_column(String(16), unique=True)
    # Indexed: the digest reads the open ones, and closed assignments pile up over the years.
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open, closed
    due_at: Mapped[datetime]  # the first due time
    created_at: Mapped[datetime]
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # type-specific settings
    closed_at: Mapped[datetime | None]
    # A renewal starts afresh: the missed streak that stops reminders counts from here.
    renewed_at: Mapped[datetime | None]
    client: Mapped[Client] = relationship(back_populates="assignments")
    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="Occurrence.due_at"
    )

    __table_args__ = (Index("ix_assignment_client_status", "client_id", "status"),)


class Occurrence(Base):
    """One due time of an assignment: a one-off has one, a repeating assignment one per due time."""

    __tablename__ = "occurrence"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, done, late, missed, excused
    # "therapist" once she set the status by hand: no answer or pass changes it after that.
    set_by: Mapped[str | None] = mapped_column(String(16))
    assignment: Mapped[Assignment] = relationship(back_populates="occurrences")

    __table_args__ = (
        UniqueConstraint("assignment_id", "due_at"),
        # assignment_id too: the digest's month of occurrences is read from the index alone, not
        # row by row (0.68 -> 0.38 s with a cold cache at 100,000 occurrences, docs/benchmarks.md)
        Index("ix_occurrence_status_due", "status", "due_at", "assignment_id"),
    )


class Credit(Base):
    """One entry of a submission credited to one occurrence: a mail covering two days credits two."""

    __tablename__ = "credit"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True
    )
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("occurrence.id", ondelete="CASCADE"), primary_key=True, index=True
    )


PENDING = text("status = 'pending'")  # see OutgoingMessage.__table_args__


class OutgoingMessage(Base):
    """A message mailbot wrote (assignment email, reminder, draft, digest): recorded before it leaves."""

    __tablename__ = "outgoing_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"))
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, sent, unknown, failed

    # The digest reads the failures of the last day among every email mailbot has ever sent. Not
    # by status first: SQLite, without statistics, would then walk every "sent" row for queries
    # that name a status and have a far better index (message_id, assignment_id).
    # Each reminder pass looks for reminders a crash left "pending": rare rows, found through a
    # partial index of them alone (a query must name 'pending' in its SQL to use it).
    __table_args__ = (
        Index("ix_outgoing_message_created_at", "created_at"),
        Index("ix_outgoing_message_pending", "kind", sqlite_where=PENDING, postgresql_where=PENDING),
    )


class Reminder(Base):
    """One reminder item, recorded before its email is sent; unique, so never sent twice."""

    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("occurrence.id", ondelete="CASCADE"))
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # before, due, nudge
    seq: Mapped[int] = mapped_column(Integer, default=0)  # the nudge's number
    scheduled_for: Mapped[datetime]
    recorded_at: Mapped[datetime]
    outgoing_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_message.id", ondelete="SET NULL"))

    __table_args__ = (
        UniqueConstraint("occurrence_id", "kind", "seq"),
        Index("ix_reminder_client_recorded", "client_id", "recorded_at"),
    )


IN_TRIAGE = text("status = 'triage'")  # outside the class: Submission has a column named "text"


class Submission(Base):
    """One client email, filed to an assignment or waiting in triage."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment.id", ondelete="SET NULL"), index=True
    )
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("occurrence.id", ondelete="SET NULL"))
    # Header values are Text: a sender can make them any length, and none may block filing.
    message_id: Mapped[str | None] = mapped_column(Text)
    from_address: Mapped[str] = mapped_column(Text)
    from_name: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime]  # indexed with client_id, below
    matched_by: Mapped[str | None] = mapped_column(String(16))  # thread, token, sender, content, manual
    status: Mapped[str] = mapped_column(String(16))  # filed, triage
    # "answer" (homework: fulfils an occurrence) or "note" (a question or word about it: fulfils none)
    kind: Mapped[str] = mapped_column(String(16), default="answer", server_default="answer")
    flags: Mapped[list[Any]] = mapped_column(default=list)  # "risk": a worrying message
    triage_reason: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    new_text: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[list[Any]] = mapped_column(default=list)  # parsed answers, one object per entry
    in_reply_to: Mapped[list[Any]] = mapped_column(default=list)
    references: Mapped[list[Any]] = mapped_column(default=list)
    raw_path: Mapped[str] = mapped_column(String(1024))
    defects: Mapped[list[Any]] = mapped_column(default=list)
    # Where the original is on the server, and whether the move to its folder is done.
    source_folder: Mapped[str] = mapped_column(String(1000))
    source_uidvalidity: Mapped[int] = mapped_column(Integer)
    source_uid: Mapped[int] = mapped_column(Integer)
    target_folder: Mapped[str] = mapped_column(String(1000))
    # to_move, folder_refused, moved, gone: in a narrow row of its own (SubmissionMove)
    move: Mapped[SubmissionMove] = relationship(cascade="all, delete-orphan", lazy="joined")
    imap_state: AssociationProxy[str] = association_proxy(
        "move", "imap_state", creator=lambda s: SubmissionMove(imap_state=s)
    )
    attachments: Mapped[list[StoredAttachment]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="StoredAttachment.id"
    )
    assignment: Mapped[Assignment | None] = relationship()
    credits: Mapped[list[Credit]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        # By time, carrying what the digest filters on, so that it reads whole rows (text and all)
        # only for those it keeps: each client's latest submission from the index alone, and a
        # month's rated answers after status and assignment are checked in it (0.58 -> 0.28 s
        # with a cold cache at 100,000 occurrences, docs/benchmarks.md).
        Index("ix_submission_received", "received_at", "client_id", "status", "assignment_id"),
        # The triage waiting longest, without walking every submission ever received to find them.
        # Partial, so that no query about filed submissions can mistake it for a narrow one.
        Index(
            "ix_submission_triage",
            "received_at",
            sqlite_where=IN_TRIAGE,
            postgresql_where=IN_TRIAGE,
        ),
    )


class SubmissionMove(Base):
    """Whether a submission's message has been moved out of the inbox (``imap_state``): apart
    from the submission's row, so that settling a move rewrites a few bytes. In the row, the
    new state's other length made SQLite rewrite the whole row, its texts with it: a backlog's
    ~20 KB a submission, 220 MB of write-ahead log and ~1 CPU-s per 10,000 mails."""

    __tablename__ = "submission_move"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True
    )
    imap_state: Mapped[str] = mapped_column(String(16), index=True)


class Draft(Base):
    """A reply draft in the therapist's Drafts folder, recorded before it is appended.

    ``marker`` goes into the draft's header, so mailbot knows its own draft and a reply sent
    from it; submissions combined into one draft ("client-day") share it.
    """

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    marker: Mapped[str] = mapped_column(String(100), index=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    # Indexed: each drafts pass looks for the few still to write among every draft ever written.
    # to_write, written, to_replace, replaced; to_retire, retired (its submissions were settled)
    state: Mapped[str] = mapped_column(String(16), index=True)
    content_sha256: Mapped[str | None] = mapped_column(String(64))  # drafting.fingerprint, as written
    created_at: Mapped[datetime]
    written_at: Mapped[datetime | None]


class Feedback(Base):
    """The therapist's feedback on one filed submission: when due, drafted, given or skipped."""

    __tablename__ = "feedback"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True
    )
    due_at: Mapped[datetime]
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft.id", ondelete="SET NULL"), index=True)
    replied_at: Mapped[datetime | None]
    skipped_reason: Mapped[str | None] = mapped_column(Text)
    open: Mapped[bool] = mapped_column(default=True, index=True)  # neither replied nor skipped
    submission: Mapped[Submission] = relationship()
    draft: Mapped[Draft | None] = relationship()


class StoredAttachment(Base):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(300))  # the safe name it is stored under
    original_name: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(1024))
    submission: Mapped[Submission] = relationship(back_populates="attachments")


class FolderState(Base):
    """How far intake has read one IMAP folder."""

    __tablename__ = "folder_state"

    folder: Mapped[str] = mapped_column(String(1000), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(Integer)
    last_uid: Mapped[int] = mapped_column(Integer, default=0)
    # The highest UID in the folder when mailbot first looked at it: mail at or below it was there
    # before mailbot, and only a reply in one of mailbot's threads or with its token is filed.
    baseline_uid: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # After a UIDVALIDITY change: the highest UID then. Mail at or below it is read again, and
    # mail placed by sender alone is filed only if it arrived after its assignment was made.
    rescan_uid: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Problem(Base):
    """A message or a server that could not be handled; shown to the therapist, retried a few times."""

    __tablename__ = "problem"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(40))  # message, folder, or a job's name
    folder: Mapped[str | None] = mapped_column(String(1000))
    uidvalidity: Mapped[int | None] = mapped_column(Integer)
    uid: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    resolved: Mapped[bool] = mapped_column(default=False)


class RiskAlert(Base):
    """A client message with worrying words: the therapist is alerted once, and it stays at the top
    of the digest until she has replied to the message or marked it done."""

    __tablename__ = "risk_alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)  # the message's: one alert each
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id", ondelete="SET NULL"))
    message_id: Mapped[str | None] = mapped_column(Text)  # the client's, to thread the alert under
    subject: Mapped[str] = mapped_column(Text, default="")
    sentence: Mapped[str] = mapped_column(Text)  # the client's words that matched, quoted in the alert
    language: Mapped[str] = mapped_column(String(8))
    received_at: Mapped[datetime]
    created_at: Mapped[datetime]
    outgoing_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_message.id", ondelete="SET NULL"))
    # open: in "Read first"; replied (the therapist answered the message) or done (marked by her)
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    settled_at: Mapped[datetime | None]


class AuditEvent(Base):
    """What the bot did, when, to which record: ids and outcomes, never client content."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class ControlMail(Base):
    """A mail the therapist sent that tells mailbot what to do: commands to herself, or homework
    set by writing it (its block). Recorded with what it did in the transaction that does it,
    so that it is carried out once; then answered once, and tidied away.

    ``state``: "acted" (carried out, its answer still to send), "replied" (answer sent or
    given up as unknown), "done" (nothing more to do).
    """

    __tablename__ = "control_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of its Message-ID
    message_id: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # commands, homework
    state: Mapped[str] = mapped_column(String(16), index=True)
    received_at: Mapped[datetime]
    subject: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")  # the answer's text: what was done, or why not
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("outgoing_message.id", ondelete="SET NULL"))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id", ondelete="SET NULL"))
    # Homework to a recipient who is no client yet: who, and the request, until she adds them.
    waiting_for: Mapped[str | None] = mapped_column(String(320), index=True)
    request: Mapped[dict[str, Any] | None] = mapped_column()
