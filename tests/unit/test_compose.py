"""build_message: what mailbot writes is what the standard library's modern policy writes, even
though headers that repeat from message to message are parsed once and shared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.mail import compose

BOUNDARY = "===============fixed-for-the-test=="
# Printable text of any script, no line breaks (a header cannot hold them) and no surrogates.
WORDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80)
LOCAL_PART = st.from_regex(r"[a-z][a-z0-9+-]{0,12}(\.[a-z0-9+-]{1,8})?", fullmatch=True)


@dataclass(frozen=True)
class Email:
    """What one reminder, draft or digest passes to build_message."""

    therapist: str
    client_name: str
    client_local: str
    subject: str
    text: str
    html: str | None
    date: datetime
    threads: tuple[str, ...]

    def build(self) -> EmailMessage:
        return compose.build_message(
            sender=Address(self.therapist, addr_spec="ada@practice.example"),
            to=[Address(self.client_name, addr_spec=f"{self.client_local}@client.example")],
            subject=self.subject,
            text=self.text,
            html=self.html,
            message_id=f"<{self.client_local}.mailbot@practice.example>",
            date=self.date,
            kind="reminder",
            in_reply_to=self.threads[0] if self.threads else None,
            references=self.threads,
            extra_headers={
                "Auto-Submitted": "auto-generated",
                "List-Unsubscribe": "<mailto:ada@practice.example?subject=stop%20reminders>",
            },
        )


emails = st.builds(
    Email,
    therapist=st.sampled_from(["Dr. Ada Example", "Dr. Ada Müller-Lüdenscheidt", 'Ada "the" Example']),
    client_name=WORDS,
    client_local=LOCAL_PART,
    subject=WORDS.map(lambda s: f"A reminder from Dr. Ada Example {s} [k7Qx2]"),
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    html=st.none() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    date=st.sampled_from(
        [datetime(2026, 11, 23, 18, 0, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)]
    ),
    threads=st.lists(LOCAL_PART.map(lambda s: f"<{s}@practice.example>"), max_size=3).map(tuple),
)


def written(message: EmailMessage) -> tuple[bytes, bytes]:
    """The message as copied to Sent, and as smtplib sends it to a server with SMTPUTF8."""
    if message.is_multipart():
        message.set_boundary(BOUNDARY)
    return bytes(message), message.as_bytes(policy=message.policy.clone(utf8=True, linesep="\r\n"))


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(emails, min_size=1, max_size=6))
def test_every_message_of_a_pass_is_written_as_the_standard_policy_writes_it(batch: list[Email]) -> None:
    kept = [written(email.build()) for email in batch]

    with mock.patch.object(compose, "_POLICY", policy.default):
        standard = [written(email.build()) for email in batch]

    assert kept == standard


def test_building_more_messages_leaves_those_built_before_unchanged() -> None:
    first = Email(
        "Dr. Ada Example",
        "Ben Client",
        "ben",
        "A reminder [a1]",
        "Hi Ben,\n",
        "<p>Hi Ben,</p>\n",
        datetime(2026, 11, 23, 18, 0, tzinfo=UTC),
        ("<a1@practice.example>",),
    ).build()
    before = written(first)

    for day in range(3):
        Email(
            "Dr. Ada Example",
            "Cleo Client",
            f"cleo{day}",
            "Ein Erinnerungsschreiben für Cléo [b2]",
            "Hallo Cléo,\n" + "sehr lange Zeile " * 20 + "\n",
            None,
            datetime(2026, 11, 23, 18, 0, tzinfo=UTC) + timedelta(days=day),
            (),
        ).build()

    assert written(first) == before
    assert first["From"] == '"Dr. Ada Example" <ada@practice.example>'
