"""automated_reason: machine mail (bounces, receipts, auto-replies, lists) told from a person's."""

from __future__ import annotations

import pytest

from mailbot.core.classify import automated_reason

PERSON = {"from": ["Anna Client <anna@example.net>"], "return-path": ["<anna@example.net>"]}


def reason(
    extra: dict[str, list[str]] | None = None, content_type: str = "text/plain", subject: str = "Re: hw"
) -> str | None:
    return automated_reason({**PERSON, **(extra or {})}, content_type, subject)


def test_a_person_writing_is_not_machine_mail() -> None:
    assert reason() is None


@pytest.mark.parametrize(
    ("report_type", "expected"),
    [("delivery-status", "bounce"), ("disposition-notification", "receipt"), ("feedback-report", "report")],
)
def test_multipart_report_is_named_by_its_report_type(report_type: str, expected: str) -> None:
    # given
    headers = {"content-type": [f'multipart/report; report-type="{report_type}"; boundary="x"']}

    # when
    found = reason(headers, content_type="multipart/report")

    # then
    assert found == expected


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [("message/delivery-status", "bounce"), ("message/disposition-notification", "receipt")],
)
def test_bare_report_content_types(content_type: str, expected: str) -> None:
    assert reason(content_type=content_type) == expected


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mx.example", "Postmaster <postmaster@example.org>"])
def test_mailer_daemon_and_postmaster_are_bounces(sender: str) -> None:
    assert reason({"from": [sender], "auto-submitted": ["auto-replied"]}) == "bounce"


def test_empty_return_path_is_a_bounce() -> None:
    assert reason({"return-path": ["< >"]}) == "bounce"


def test_auto_reply_with_empty_return_path_is_an_auto_reply_not_a_bounce() -> None:
    assert reason({"return-path": ["<>"], "auto-submitted": ["auto-replied"]}) == "auto-reply"


@pytest.mark.parametrize(
    "headers",
    [
        {"auto-submitted": ["auto-generated"]},
        {"auto-submitted": ["auto-replied; owner-email=x@y"]},
        {"x-autoreply": ["yes"]},
        {"x-autorespond": ["Vacation"]},
        {"precedence": ["auto_reply"]},
        {
            "x-auto-response-suppress": ["All"],
            "x-ms-exchange-generated-message-source": ["Mailbox Rules Agent"],
        },
    ],
)
def test_auto_reply_headers(headers: dict[str, list[str]]) -> None:
    assert reason(headers) == "auto-reply"


def test_auto_submitted_no_is_a_person() -> None:
    assert reason({"auto-submitted": ["No"]}) is None


def test_x_auto_response_suppress_alone_is_a_person() -> None:
    # Outlook puts it on ordinary mail too: it asks others not to auto-reply
    assert reason({"x-auto-response-suppress": ["All"]}) is None


@pytest.mark.parametrize(
    "subject",
    [
        "Out of Office: Re: thought record",
        "Out of Office AutoReply: reminder",
        "Automatic reply: Reminder",
        "Abwesenheitsnotiz: Erinnerung",
        "Automatische Antwort: Erinnerung",
        "Réponse automatique : Rappel",
        "Respuesta automática: Recordatorio",
        "Afwezig: Herinnering",
        "Automatisch antwoord: Herinnering",
        "Out of office",
    ],
)
def test_out_of_office_subjects_in_several_languages(subject: str) -> None:
    assert reason(subject=subject) == "auto-reply"


@pytest.mark.parametrize("subject", ["Out of office next week, homework attached", "Re: automatic thoughts"])
def test_subjects_merely_mentioning_absence_are_a_person(subject: str) -> None:
    assert reason(subject=subject) is None


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"list-id": ["News <news.example.org>"]}, "list"),
        ({"list-unsubscribe": ["<mailto:u@example.org>"]}, "list"),
        ({"precedence": ["list"]}, "list"),
        ({"precedence": ["bulk"]}, "bulk"),
        ({"precedence": ["junk"]}, "bulk"),
    ],
)
def test_list_and_bulk_mail(headers: dict[str, list[str]], expected: str) -> None:
    assert reason(headers) == expected


def test_bounce_outranks_list_headers() -> None:
    assert reason({"list-id": ["x"]}, content_type="message/delivery-status") == "bounce"


@pytest.mark.parametrize(
    "subject",
    [
        "Resposta automática: Lembrete",
        "Automatyczna odpowiedź: Przypomnienie",
        "Automatická odpověď: Připomínka",
        "Automaattinen vastaus: Muistutus",
        "Otomatik yanıt: Hatırlatma",
        "Автоматический ответ: Напоминание",
        "自動返信：リマインダー",
        "自动回复: 提醒",
    ],
)
def test_out_of_office_subjects_in_more_languages(subject: str) -> None:
    assert reason(subject=subject) == "auto-reply"


@pytest.mark.parametrize(("methods", "expected"), [(["REQUEST"], "calendar"), (["reply"], "calendar"),
                                                   (["Cancel"], "calendar"), (["PUBLISH"], None), ([""], None)])  # fmt: skip
def test_calendar_invitations_and_answers_are_machine_mail(methods: list[str], expected: str | None) -> None:
    assert automated_reason(PERSON, "multipart/alternative", "Invitation: session", methods) == expected
