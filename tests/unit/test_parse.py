"""parse_message: raw client mail in; decoded headers, the client's words, attachments out.

Messages come from tests/corpus/ (one hostile or typical message per file) or are written
inline when one header or line is the point of the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.mail.parse import ParsedMessage, parse_message

CORPUS = Path(__file__).parent.parent / "corpus"


def corpus(name: str) -> ParsedMessage:
    return parse_message((CORPUS / name).read_bytes())


def mail(body: str | bytes = "Hello.", *, headers: str = "", content_type: str = "text/plain") -> bytes:
    """A minimal client message; ``headers`` are extra header lines ending in CRLF."""
    head = (
        "From: Anna Client <anna@example.net>\r\n"
        "To: homework@practice.example\r\n"
        "Subject: Re: homework\r\n"
        "Message-ID: <inline-test@example.net>\r\n"
        "Date: Tue, 5 Mar 2024 21:14:03 +0100\r\n"
        f"{headers}"
        f"Content-Type: {content_type}\r\n"
        "\r\n"
    )
    return head.encode() + (body.encode() if isinstance(body, str) else body)


# --- headers ---------------------------------------------------------------------------------


def test_message_id_is_stripped_and_bracketed() -> None:
    # given a Message-ID with spaces and no angle brackets
    raw = mail().replace(b"<inline-test@example.net>", b"  abc.123@host.example  ")

    # when
    parsed = parse_message(raw)

    # then
    assert parsed.message_id == "<abc.123@host.example>"


def test_garbage_message_id_is_none_and_reported() -> None:
    parsed = parse_message(mail().replace(b"<inline-test@example.net>", b"not an id"))

    assert parsed.message_id is None
    assert "unusable Message-ID" in parsed.defects


def test_missing_message_id_and_bad_date_are_reported() -> None:
    parsed = corpus("missing-message-id.eml")

    assert parsed.message_id is None and parsed.date is None
    assert {"missing Message-ID", "unparseable Date"} <= set(parsed.defects)
    assert parsed.new_text == "Body without a Message-ID."


def test_thread_headers_yield_normalized_ids_and_skip_garbage() -> None:
    # given thread headers with junk words, folding and a repeated id
    headers = "In-Reply-To: garbage <a@b.example> (comment)\r\nReferences: <c@d>\r\n\t<e@f> junk <c@d>\r\n"

    # when
    parsed = parse_message(mail(headers=headers))

    # then
    assert parsed.in_reply_to == ("<a@b.example>",)
    assert parsed.references == ("<c@d>", "<e@f>")


def test_rfc2047_from_and_subject_are_decoded() -> None:
    parsed = corpus("rfc2047-from-subject.eml")

    assert parsed.from_name == "Jörg Müller"
    assert parsed.from_address == "joerg.mueller@example.de"
    assert parsed.subject == "Übung für die Woche – Teil 1 – 😊"


def test_recipients_are_lower_cased_and_deduplicated_in_order() -> None:
    # given the same address in To, Cc and Delivered-To, in different cases
    headers = (
        "Cc: Other <Other@Example.ORG>, HOMEWORK@practice.example\r\n"
        "Delivered-To: homework+hw-abcd@practice.example\r\n"
        "X-Original-To: homework@PRACTICE.example\r\n"
    )

    # when
    parsed = parse_message(mail(headers=headers))

    # then
    assert parsed.recipients == (
        "homework@practice.example",
        "other@example.org",
        "homework+hw-abcd@practice.example",
    )


def test_unknown_charset_in_headers_and_body_is_guessed_and_reported() -> None:
    parsed = corpus("unknown-charset.eml")

    assert parsed.from_name == "Karl Müller"
    assert parsed.subject == "Grüße aus Köln"
    assert parsed.new_text == "Mir geht es besser, schöne Grüße."
    assert "undecodable charset x-unknown in part 1" in parsed.defects


def test_raw_8bit_headers_are_read_as_utf8() -> None:
    parsed = corpus("8bit-raw-headers.eml")

    assert parsed.from_name == "Lena Müller"
    assert parsed.subject == "Übung erledigt – Woche 4"
    assert parsed.text == "Die Übung hat gut geklappt."


def test_subject_whitespace_is_folded() -> None:
    raw = mail().replace(b"Subject: Re: homework", b"Subject:   Re:\r\n\t week  3 ")

    assert parse_message(raw).subject == "Re: week 3"


def test_date_without_zone_is_taken_as_utc() -> None:
    raw = mail().replace(b"+0100", b"-0000")

    parsed = parse_message(raw)

    assert parsed.date is not None and parsed.date.utcoffset() is not None
    assert parsed.date.isoformat() == "2024-03-05T21:14:03+00:00"


# --- text and quotes -------------------------------------------------------------------------


def test_plain_reply_keeps_new_words_and_files_the_quote() -> None:
    parsed = corpus("plain-reply-top-posted.eml")

    assert parsed.new_text.startswith("Situation: meeting with my boss on Monday.")
    assert parsed.new_text.endswith("Anna")
    assert parsed.quoted_text.startswith("On Mon, Mar 4, 2024 at 9:00 AM Homework")
    assert "> Please fill in this week's thought record." in parsed.quoted_text


def test_html_only_mail_becomes_readable_text() -> None:
    parsed = corpus("html-only-table.eml")

    assert parsed.text.splitlines() == [
        "Here is my activity log—I did better than expected.",
        "",
        "Day | Activity | Mood",
        "Monday | Walk in the park | 6",
        "Tuesday | Called my sister | 7",
        "- slept 7 hours",
        "- no coffee after noon",
        "Line one",
        "Line two",
    ]


def test_gmail_html_quote_goes_to_quoted_text() -> None:
    parsed = corpus("gmail-html-quote.eml")

    assert parsed.new_text == "I did the breathing exercise twice a day.\nIt helped most in the evening."
    assert "> Practice box breathing twice a day." in parsed.quoted_text


def test_outlook_quote_block_goes_to_quoted_text() -> None:
    parsed = corpus("outlook-quote-block.eml")

    assert parsed.new_text == "I kept my worry time to 15 minutes on four days.\nOn Thursday I skipped it."
    assert parsed.quoted_text.startswith("________________________________\nFrom: Homework")
    assert parsed.quoted_text.endswith("note how it went.")


def test_outlook_html_reply_header_goes_to_quoted_text() -> None:
    parsed = corpus("outlook-html-only-reply.eml")

    assert parsed.new_text == "Four days out of seven – better than last week."
    assert parsed.quoted_text.startswith("From: Homework <homework@practice.example>\nSent: Thursday")
    assert parsed.quoted_text.endswith("note how it went.")


def test_german_outlook_original_message_goes_to_quoted_text() -> None:
    parsed = corpus("outlook-original-message-german.eml")

    assert parsed.new_text.splitlines()[-1] == "Am schwersten war der Mittwoch."
    assert parsed.quoted_text.startswith("-----Ursprüngliche Nachricht-----\nVon: Homework")


@pytest.mark.parametrize(
    ("name", "attribution"),
    [
        ("german-quote-header.eml", "Am 09.03.2024 um 09:00 schrieb Homework"),
        ("french-quote-header.eml", "Le lun. 4 mars 2024 à 09:00, Homework"),
    ],
)
def test_foreign_quote_headers_go_to_quoted_text(name: str, attribution: str) -> None:
    parsed = corpus(name)

    assert parsed.quoted_text.startswith(attribution)
    assert attribution not in parsed.new_text
    assert parsed.new_text


def test_format_flowed_soft_breaks_are_joined() -> None:
    parsed = corpus("french-quote-header.eml")

    assert parsed.new_text == "J'ai fait l'exercice tous les matins, c'était plus facile le week-end."


def test_inline_reply_keeps_answers_between_quoted_questions() -> None:
    parsed = corpus("inline-reply.eml")

    assert parsed.new_text == (
        "My heart was racing and I was in a crowded train.\n\n"
        "I got off at the next stop.\n\n"
        "Stay on and breathe slowly."
    )
    assert "> 2. What did you do?" in parsed.quoted_text
    assert parsed.quoted_text.endswith("-- \nHanna\n+1 555 0100")


def test_mobile_signature_goes_to_quoted_text() -> None:
    parsed = corpus("mobile-signature-iphone.eml")

    assert parsed.new_text == "Went to bed at 23:00, woke up twice."
    assert parsed.quoted_text.startswith("Sent from my iPhone")


def test_empty_body_gives_empty_texts() -> None:
    parsed = corpus("empty-body.eml")

    assert (parsed.text, parsed.new_text, parsed.quoted_text, parsed.subject) == ("", "", "", "")


def test_wrongly_declared_charset_falls_back_to_utf8() -> None:
    raw = mail("Gef\u00fchl: gut".encode(), content_type="text/plain; charset=us-ascii")

    assert parse_message(raw).text == "Gefühl: gut"


def test_empty_plain_alternative_falls_back_to_html() -> None:
    body = (
        "--alt\r\nContent-Type: text/plain\r\n\r\n \r\n"
        "--alt\r\nContent-Type: text/html\r\n\r\n<p>Only the HTML has words.</p>\r\n--alt--\r\n"
    )

    parsed = parse_message(mail(body, content_type='multipart/alternative; boundary="alt"'))

    assert parsed.text == "Only the HTML has words."


# --- attachments -----------------------------------------------------------------------------


def test_truncated_base64_is_decoded_as_far_as_it_goes() -> None:
    parsed = corpus("broken-base64.eml")

    (attachment,) = parsed.attachments
    assert attachment.payload.startswith(b"%PDF-1.4\n")
    assert len(attachment.payload) > 48
    assert "truncated base64 in part 3" in parsed.defects


def test_inline_image_is_an_attachment() -> None:
    parsed = corpus("gmail-html-quote.eml")

    (image,) = parsed.attachments
    assert (image.filename, image.content_type) == ("chart.png", "image/png")
    assert image.payload.startswith(b"\x89PNG")


def test_attachments_of_the_alternative_not_shown_are_kept() -> None:
    # given plain text beside an HTML version that carries an inline image without a name
    body = (
        "--alt\r\nContent-Type: text/plain\r\n\r\nPlain words.\r\n"
        '--alt\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n'
        "--rel\r\nContent-Type: text/html\r\n\r\n<p>HTML words.</p>\r\n"
        "--rel\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlh\r\n"
        "--rel--\r\n--alt--\r\n"
    )

    # when
    parsed = parse_message(mail(body, content_type='multipart/alternative; boundary="alt"'))

    # then
    assert parsed.text == "Plain words."
    assert [(a.filename, a.content_type, a.payload) for a in parsed.attachments] == [
        (None, "image/gif", b"GIF89a")
    ]


def test_text_file_attachment_is_not_body_text() -> None:
    body = (
        "--m\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        '--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="diary.txt"\r\n\r\n'
        "Monday: ok\r\n--m--\r\n"
    )

    parsed = parse_message(mail(body, content_type='multipart/mixed; boundary="m"'))

    assert parsed.text == "See attached."
    assert [(a.filename, a.payload) for a in parsed.attachments] == [("diary.txt", b"Monday: ok")]


def test_forwarded_message_text_is_kept_marked_and_its_attachments_kept() -> None:
    parsed = corpus("forward-rfc822.eml")

    # the forward is the homework: it stays in the client's words, under its marker
    assert parsed.new_text.startswith(
        "I wrote this to myself on Saturday, forwarding it as my homework.\n\n"
        "---------- Forwarded message ----------\nFrom: Nora Client"
    )
    assert "Saturday: felt calm after the walk." in parsed.new_text
    assert parsed.quoted_text == ""
    assert [a.filename for a in parsed.attachments] == ["walk.jpg"]


def test_winmail_dat_is_an_ordinary_attachment() -> None:
    parsed = corpus("winmail-dat.eml")

    (attachment,) = parsed.attachments
    assert (attachment.filename, attachment.content_type) == ("winmail.dat", "application/ms-tnef")
    assert attachment.payload.startswith(b"\x78\x9f\x3e\x22")  # the TNEF signature


def test_calendar_invitation_is_an_attachment_not_text() -> None:
    parsed = corpus("calendar-invite.eml")

    assert parsed.text == "You have been invited to: session follow-up, Friday 10:00."
    (invite,) = parsed.attachments
    assert invite.content_type == "text/calendar"
    assert invite.payload.startswith(b"BEGIN:VCALENDAR")


def test_hostile_attachment_names_are_kept_decoded_but_unsanitized() -> None:
    parsed = corpus("hostile-attachment-names.eml")

    names = [a.filename for a in parsed.attachments]
    assert names[:2] == ["../../etc/passwd", "/etc/passwd"]
    assert names[2] == "evil\ufffdname.pdf"  # NUL is the one thing replaced: no store takes it
    assert names[3] == "bell\x07tab\tnew.pdf"
    assert names[4] == "a" * 1000 + ".pdf"
    assert names[5:10] == ["CON.txt", "report.pdf", "Report.pdf", "\u202efdp.exe", "Tagebüch Woche 1.jpg"]
    assert names[10:] == ["Дневник.pdf", "..\\..\\windows\\system.ini", ".."]
    assert [a.payload for a in parsed.attachments][:2] == [b"payload 1\n", b"payload 2\n"]


# --- machine mail ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("plain-reply-top-posted.eml", None),
        ("read-receipt.eml", "receipt"),
        ("dsn-bounce.eml", "bounce"),
        ("mailer-daemon-plain-bounce.eml", "bounce"),
        ("out-of-office-en-auto-submitted.eml", "auto-reply"),
        ("out-of-office-de-exchange.eml", "auto-reply"),
        ("out-of-office-fr-subject-only.eml", "auto-reply"),
        ("out-of-office-es-subject-only.eml", "auto-reply"),
        ("out-of-office-nl-x-autoreply.eml", "auto-reply"),
        ("list-mail.eml", "list"),
    ],
)
def test_machine_mail_says_why(name: str, reason: str | None) -> None:
    assert corpus(name).automated == reason


def test_dmarc_fail_is_flagged() -> None:
    assert corpus("dmarc-fail.eml").dmarc_fail
    assert not parse_message(mail(headers="Authentication-Results: mx; dmarc=pass\r\n")).dmarc_fail


# --- found by the hostile corpus (tests/integration/test_hostile_corpus.py) ------------------


def test_character_split_across_two_encoded_words_of_a_name_is_joined() -> None:
    parsed = corpus("rfc2047-client-name.eml")

    assert parsed.from_name == "Joëlle Åström"
    assert parsed.subject == "Gedankenprotokoll – Woche 5 🌧 café"


def test_terminal_escapes_never_reach_name_subject_or_text() -> None:
    parsed = corpus("control-chars-and-bidi.eml")

    assert parsed.from_name == "Client\ufffd[2J\ufffd]0;pwned\ufffd"
    assert parsed.subject == "journal \ufffd[31mred\ufffd[0m \ufffd\ufffd\ufffd \u202efdp.exe \ufffd"
    assert (
        parsed.text == "Journal:\ufffd]0;owned\ufffd terminal escapes in the body.\n\ufffd[2JStill my words."
    )


def test_text_declared_utf8_but_written_in_windows_1252_keeps_its_letters() -> None:
    parsed = corpus("wrong-charset-declared-utf8.eml")

    assert parsed.text == "Gefühl am Montag: ängstlich, 70 %. Café danach: besser – 40 %."


@pytest.mark.parametrize(
    "name", ["calendar-invite.eml", "calendar-invite-google.eml", "calendar-reply-accepted.eml"]
)
def test_calendar_invitations_and_answers_are_machine_mail(name: str) -> None:
    assert corpus(name).automated == "calendar"


@pytest.mark.parametrize("name", ["out-of-office-pt-subject-only.eml", "out-of-office-pl-subject-only.eml"])
def test_out_of_office_subjects_in_portuguese_and_polish(name: str) -> None:
    assert corpus(name).automated == "auto-reply"
