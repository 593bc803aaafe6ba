"""A reply draft is written straight to bytes (compose.text_message_bytes, text_body.encode_text)
where it was built as an EmailMessage and serialised: the bytes must be the same, whatever the
submissions say. The reference is the way drafts were written before: ``bytes(build_message(...))``
and the standard library's ``set_content``, the text rendered in Jinja's own Environment."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from unittest import mock

import jinja2
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support.app import fake_config
from support.budget import examples

from mailbot.db.models import Assignment, Client, ClientEmail, Draft, StoredAttachment, Submission
from mailbot.mail import compose
from mailbot.mail.text_body import encode_text
from mailbot.passes import drafts_compose

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
LONG = "I went to the market and it was far busier than I had expected, so I stayed near the door " * 3
ACCENTED = "Ich habe es versucht: Übelkeit 60 → 30, danach ging es; “gut” gemacht ½ — 東京 🙂"


def reference_bytes(**message: Any) -> bytes:
    """How a draft was written before: an EmailMessage built, then serialised."""
    return bytes(compose.build_message(html=None, **message))


def jinja_environment(templates_dir: Path | None) -> jinja2.Environment:
    """The templates in Jinja's own environment (as compose made it before template_env)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(compose.builtin_templates()),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def standard_body(text: str) -> tuple[str, bytes]:
    """What ``set_content`` makes of ``text`` under the modern policy."""
    part = EmailMessage()
    part.set_content(text)
    return str(part["Content-Transfer-Encoding"]), bytes(part).split(b"\n\n", 1)[1]


# Line breaks of every kind, long lines (of "=" and of escapes too: quoted-printable must not
# break an escape), white space at a line's end, controls, non-ASCII of every width.
pieces = st.sampled_from(
    [
        "\n",
        "\r\n",
        "\r",
        "\x0b",
        "\x0c",
        "\x85",
        "\u2028",
        " ",
        "\t",
        "=",
        ".",
        "\x00",
        "\x7f",
        "é",
        "€",
        "🙂",
    ]
)
texts = st.lists(
    st.one_of(
        pieces,
        st.text(max_size=30),
        st.text(alphabet="ab =\t", min_size=70, max_size=240),
        st.text(alphabet="aé€ ", min_size=20, max_size=120),
        st.just("x" * 76),
        st.just("é" * 300),
    ),
    max_size=14,
).map("".join)


@settings(max_examples=examples(400), deadline=None)
@given(texts)
@example("")
@example("a" * 77 + " \n" + "b" * 76 + "\t\n" + "c" * 78 + " \n")
@example("x" * 75 + "=" + "y" * 200 + "\n" + "é" * 90)
@example("\n".join(["é" * 20] * 9 + ["a" * 100]))
@example("\n".join(["é" * 20] * 12 + ["a" * 100]))
def test_a_text_body_is_encoded_as_set_content_encodes_it(text: str) -> None:
    assert encode_text(text, 78) == standard_body(text)


# Names and subjects: plain ones (written directly), and ones that are quoted, encoded, too
# long for a line or spell encoded words (folded by the standard policy).
names = st.one_of(
    st.sampled_from(
        ["Ben Client", "Ben", "", "Dr. Ada Example", "O'Brien, Ann", "Zoë Æsir", "=?utf-8?q?x?="]
    ),
    st.text(alphabet=string.ascii_letters + " .,'\"()<>@!#", max_size=40),
    st.text(max_size=20),
)
subjects = st.one_of(
    st.sampled_from(["Re: your mood log", "Re: Exposure [k7Qx2]", "Re: Ängste", "Re: " + "word " * 20]),
    st.text(alphabet=string.printable, max_size=90),
    st.text(max_size=30),
)
local_parts = st.from_regex(r"[a-z][a-z0-9+_-]{0,12}(\.[a-z0-9]{1,8})?", fullmatch=True)
ids = local_parts.map(lambda s: f"<{s}@client.example>")


@settings(max_examples=examples(200), deadline=None)
@given(
    sender=names.filter(lambda s: "\r" not in s and "\n" not in s),  # Address refuses them
    client=names.filter(lambda s: "\r" not in s and "\n" not in s),
    local=local_parts,
    subject=subjects,
    text=texts,
    in_reply_to=st.none() | ids,
    references=st.lists(ids | st.just("not an id"), max_size=4),
    marker=st.sampled_from(["s1:1", "12:2026-11-30:7", "a" * 70, "x y", "é:1"]),
)
@example(
    sender="Dr. Ada Example",
    client="Ben Client",
    local="ben",
    subject="Re: my mood log",
    text="Dear Ben,\n",
    in_reply_to="<m1@client.example>",
    references=["<m0@client.example>", "<m1@client.example>"],
    marker="s1:1",
)
def test_a_message_written_to_bytes_is_the_message_built_and_serialised(
    sender: str,
    client: str,
    local: str,
    subject: str,
    text: str,
    in_reply_to: str | None,
    references: list[str],
    marker: str,
) -> None:
    message: dict[str, Any] = {
        "sender": Address(sender, addr_spec="ada@practice.example"),
        "to": [Address(client, addr_spec=f"{local}@client.example")],
        "subject": subject,
        "text": text,
        "message_id": "<mailbot.1.2@practice.example>",
        "date": NOW,
        "kind": "draft",
        "in_reply_to": in_reply_to,
        "references": references,
        "extra_headers": {"X-Mailbot-Draft": marker},
    }
    assert compose.text_message_bytes(**message) == reference_bytes(**message)


@settings(max_examples=examples(200), deadline=None)
@given(names, st.one_of(local_parts.map(lambda s: f"{s}@client.example"), st.text(max_size=30)))
@example("Ben", '"ben client"@client.example')
@example("Ben", "ben@[127.0.0.1]")
@example("Ben", "ben..x@client.example")
def test_an_address_is_made_as_the_standard_parse_makes_it(name: str, spec: str) -> None:
    try:
        standard = Address(name, addr_spec=spec)
    except Exception as refused:  # the parse refuses it: so must address()
        with pytest.raises(type(refused)):
            compose.address(name, spec)
        return
    made = compose.address(name, spec)
    assert (made, made.addr_spec, str(made)) == (standard, standard.addr_spec, str(standard))


def test_a_header_twice_or_one_the_content_sets_is_written_as_build_message_does() -> None:
    base: dict[str, Any] = {
        "sender": Address("Ada", addr_spec="ada@practice.example"),
        "to": [Address("Ben", addr_spec="ben@client.example")],
        "subject": "Re: log",
        "text": "Dear Ben,\n",
        "message_id": "<d1@practice.example>",
        "date": NOW,
        "kind": "draft",
    }
    assert compose.text_message_bytes(
        **base, extra_headers={"X-Extra": "1", "x-extra": "2"}
    ) == reference_bytes(**base, extra_headers={"X-Extra": "1", "x-extra": "2"})
    with pytest.raises(ValueError):  # a second To, as EmailMessage refuses it
        compose.text_message_bytes(**base, extra_headers={"To": "eve@example.org"})
    for extra in ({"Content-Type": "text/html"}, {"MIME-Version": "1.0"}):  # set_content's own headers
        assert compose.text_message_bytes(**base, extra_headers=extra) == reference_bytes(
            **base, extra_headers=extra
        )


def submission(
    number: int, type_: str, fields: list[dict[str, Any]], text: str, *, kind: str = "answer", **more: Any
) -> Submission:
    client = Client(id=1, name="Zoë Müller-Lüdenscheidt", timezone="Europe/Berlin", folder="zoe")
    client.emails = [
        ClientEmail(address="zoe@client.example"),
        ClientEmail(address="zoe.work@client.example"),
    ]
    assignment = Assignment(
        id=number,
        client=client,
        type=type_,
        title=f"{type_} ✓ for this week",
        details=more.pop("details", {}),
    )
    return Submission(
        id=number,
        assignment=assignment,
        message_id=f"<m{number}@client.example>",
        from_address=more.pop("from_address", "zoe@client.example"),
        from_name=more.pop("from_name", "Zoë"),
        subject=more.pop("subject", f"Re: {type_}"),
        received_at=datetime(2026, 11, 30, 18, number % 60, tzinfo=UTC),
        kind=kind,
        flags=more.pop("flags", []),
        text=text,
        fields=fields,
        references=more.pop("references", [f"<a{number}@practice.example>"]),
        attachments=more.pop("attachments", []),
    )


def homework() -> list[list[Submission]]:
    """What drafts cover: every homework type, a note, a worrying message, several at once,
    attachments, non-ASCII and long lines, quoted text past the limit."""
    photo = StoredAttachment(content_type="image/jpeg", original_name="Arbeitsblatt – Woche 2.jpg")
    pdf = StoredAttachment(content_type="application/pdf", original_name=None)
    return [
        [
            submission(
                1,
                "mood-log",
                [
                    {
                        "situation": "At work",
                        "automatic_thought": "I fail",
                        "emotion": "anxious",
                        "intensity": 70,
                        "balanced_thought": "I did fine",
                        "intensity_after": 30,
                    },
                    {"text": ACCENTED},
                ],
                f"{LONG}\n> quoted\n{ACCENTED}\n",
                attachments=[photo],
            )
        ],
        [
            submission(
                2,
                "exposure",
                [
                    {"step": "Tram, two stops", "suds_before": 80, "suds_peak": 90, "suds_after": 20},
                    {"step": LONG},
                ],
                "Tram.\n\n" + LONG,
            )
        ],
        [
            submission(
                3,
                "experiment",
                [
                    {
                        "prediction": "They laugh",
                        "belief_before": 90,
                        "outcome": "Nobody did",
                        "belief_after": 10,
                    }
                ],
                "It went well =) " * 40,
                attachments=[pdf],
            )
        ],
        [
            submission(
                4,
                "journal",
                [
                    {"date": "2026-11-29", "situation": "A walk", "good_things": ["sun", "tea"]},
                    {"text": "Nothing much"},
                ],
                "Mon: a walk\r\nTue: nothing much\r\n",
            )
        ],
        [
            submission(
                5,
                "bibliotherapy",
                [{"answers": [{"question": "Which distortion?", "answer": LONG}]}, {"reflection": ACCENTED}],
                "Chapter 3.",
                details={"reading": "Feeling Good"},
            )
        ],
        [
            submission(
                6,
                "cognitive-exercise",
                [{"belief": "I am useless", "prediction": "I will fail"}],
                "Done.\t\n",
            )
        ],
        [submission(7, "custom", [], "x" * 25_000)],
        [submission(8, "mood-log", [], "I could not do it this week, sorry.", kind="note")],
        [submission(9, "exposure", [], "I do not want to go on.", flags=["risk"])],
        [
            submission(10, "mood-log", [{"situation": "Bus"}], "Bus.", from_address="stranger@example.org"),
            submission(11, "journal", [{"text": "Slept"}], "Slept well.\n", from_name=None),
            submission(
                12, "mood-log", [], "A question: is this right?", kind="note", subject="Re: =?utf-8?q?x?="
            ),
        ],
    ]


@pytest.mark.parametrize("index", range(len(homework())))
def test_each_draft_is_the_message_it_was_built_as(tmp_path: Path, index: int) -> None:
    covered = homework()[index]
    draft = Draft(
        id=index + 1, marker=f"s{index}:{index}", message_id=f"<mailbot.{index}@example.org>", created_at=NOW
    )
    for config in (
        fake_config(tmp_path),
        fake_config(
            tmp_path, therapist={"name": "Dr. Åsa Ek", "email": "a@x.org", "timezone": "Europe/Berlin"}
        ),
    ):
        written = drafts_compose.compose_draft(config, draft, covered)
        with (
            mock.patch.object(drafts_compose, "text_message_bytes", reference_bytes),
            mock.patch.object(drafts_compose, "address", lambda name, spec: Address(name, addr_spec=spec)),
            mock.patch.object(drafts_compose, "template_environment", jinja_environment),
        ):
            reference = drafts_compose.compose_draft(config, draft, covered)
        assert written == reference
