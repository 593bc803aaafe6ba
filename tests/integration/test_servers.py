"""The test servers themselves, checked with clients other than mailbot's own code."""

import imaplib
import smtplib
import ssl
from email.message import EmailMessage

import imapclient
import pytest
from imapclient.imapclient import DRAFTS, SENT
from servers import Dovecot, SmtpServer, new_user

RAW = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: hello\r\n\r\nBody.\r\n"


def message(to: str, subject: str = "hello") -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "mailbot@example.org"
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content("Body.\n")
    return mail


def test_any_user_logs_in_with_the_shared_password_only(dovecot: Dovecot, mail_user: str) -> None:
    with imapclient.IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as client:
        client.login(mail_user, dovecot.password)
        assert client.select_folder("INBOX")[b"EXISTS"] == 0

    with (
        imapclient.IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as client,
        pytest.raises(imapclient.exceptions.LoginError),
    ):
        client.login(mail_user, "wrong")


def test_implicit_tls_verifies_against_ca_file(dovecot: Dovecot, mail_user: str) -> None:
    context = ssl.create_default_context(cafile=str(dovecot.ca_file))

    with imaplib.IMAP4_SSL("localhost", dovecot.tls_port, ssl_context=context) as imap:
        assert imap.login(mail_user, dovecot.password)[0] == "OK"


def test_implicit_tls_without_ca_file_fails_verification(dovecot: Dovecot) -> None:
    context = ssl.create_default_context()

    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL("127.0.0.1", dovecot.tls_port, ssl_context=context)


def test_starttls_on_plain_port_verifies_against_ca_file(dovecot: Dovecot, mail_user: str) -> None:
    context = ssl.create_default_context(cafile=str(dovecot.ca_file))

    with imaplib.IMAP4("127.0.0.1", dovecot.port) as imap:
        imap.starttls(ssl_context=context)
        assert imap.login(mail_user, dovecot.password)[0] == "OK"


def test_appended_message_is_read_back_without_becoming_seen(dovecot: Dovecot, mail_user: str) -> None:
    uid = dovecot.append(mail_user, "INBOX", RAW, flags=[b"\\Flagged"])

    assert dovecot.messages(mail_user, "INBOX") == [RAW]
    flags = dovecot.flags(mail_user, "INBOX")[uid]
    assert b"\\Flagged" in flags
    assert b"\\Seen" not in flags


def test_special_use_folders_are_found_by_imapclient(dovecot: Dovecot, mail_user: str) -> None:
    with dovecot.client(mail_user) as client:
        assert client.find_special_folder(DRAFTS) == "Drafts"
        assert client.find_special_folder(SENT) == "Sent"
    assert {"INBOX", "Drafts", "Sent", "Trash", "Junk"} <= set(dovecot.folders(mail_user))


def test_clear_empties_folders_and_deletes_user_folders(dovecot: Dovecot, mail_user: str) -> None:
    dovecot.append(mail_user, "Sent", RAW)
    with dovecot.client(mail_user) as client:
        client.create_folder("Clients/Anna")

    dovecot.clear(mail_user)

    assert sorted(dovecot.folders(mail_user)) == ["Drafts", "INBOX", "Junk", "Sent", "Trash"]
    assert dovecot.messages(mail_user, "Sent") == []


def test_smtp_delivers_into_the_inbox_of_each_lower_cased_recipient(
    smtp_server: SmtpServer, dovecot: Dovecot, mail_user: str
) -> None:
    other_user = new_user("other")
    mail = message(mail_user.upper(), subject="Your homework")
    mail["Cc"] = other_user

    with smtplib.SMTP("127.0.0.1", smtp_server.port) as smtp:
        smtp.send_message(mail)

    [(mail_from, rcpt_tos, raw)] = smtp_server.wait_for(1, to=mail_user)
    assert (mail_from, rcpt_tos) == ("mailbot@example.org", [mail_user.upper(), other_user])
    assert b"Subject: Your homework" in raw
    assert dovecot.messages(mail_user, "INBOX") == [raw]
    assert dovecot.messages(other_user, "INBOX") == [raw]


def test_smtp_starttls_verifies_and_accepts_auth(dovecot: Dovecot, mail_user: str) -> None:
    context = ssl.create_default_context(cafile=str(dovecot.ca_file))

    with SmtpServer(deliver_to=dovecot, starttls=True) as server:
        with smtplib.SMTP("127.0.0.1", server.port) as smtp:
            with pytest.raises(smtplib.SMTPSenderRefused):
                smtp.send_message(message(mail_user))  # STARTTLS is required first
            smtp.starttls(context=context)
            smtp.login("mailbot", server.password)
            smtp.send_message(message(mail_user))

        assert len(server.wait_for(1)) == 1
    assert len(dovecot.messages(mail_user)) == 1


def test_smtp_implicit_tls_rejects_unverified_clients(dovecot: Dovecot) -> None:
    with SmtpServer(tls=True, cert_file=dovecot.ca_file, key_file=dovecot.key_file) as server:
        verified = ssl.create_default_context(cafile=str(server.ca_file))
        with smtplib.SMTP_SSL("localhost", server.port, context=verified) as smtp:
            assert smtp.noop()[0] == 250

        with pytest.raises(ssl.SSLCertVerificationError):
            smtplib.SMTP_SSL("localhost", server.port, context=ssl.create_default_context())


def test_smtp_wrong_password_is_refused(smtp_server: SmtpServer) -> None:
    with smtplib.SMTP("127.0.0.1", smtp_server.port) as smtp:
        with pytest.raises(smtplib.SMTPAuthenticationError):
            smtp.login("mailbot", "wrong")
        smtp.login("mailbot", smtp_server.password)


def test_fail_next_answers_data_with_a_temporary_error(
    smtp_server: SmtpServer, dovecot: Dovecot, mail_user: str
) -> None:
    smtp_server.fail_next(1)

    with smtplib.SMTP("127.0.0.1", smtp_server.port) as smtp:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            smtp.send_message(message(mail_user, subject="first try"))
        smtp.send_message(message(mail_user, subject="second try"))

    assert refused.value.smtp_code == 451
    [(_, _, raw)] = smtp_server.wait_for(1, to=mail_user)
    assert b"second try" in raw
    assert len(dovecot.messages(mail_user)) == 1


def test_reset_uidvalidity_changes_it_and_keeps_messages(dovecot: Dovecot, mail_user: str) -> None:
    dovecot.append(mail_user, "INBOX", RAW)
    dovecot.append(mail_user, "Sent", RAW)
    before = {folder: dovecot.uidvalidity(mail_user, folder) for folder in ("INBOX", "Sent")}

    for folder in before:
        dovecot.reset_uidvalidity(mail_user, folder)

    for folder, old in before.items():
        assert dovecot.uidvalidity(mail_user, folder) != old
        assert dovecot.messages(mail_user, folder) == [RAW]


def test_stop_drops_open_sessions_and_restart_keeps_mail(mail_user: str) -> None:
    with Dovecot() as server:
        server.append(mail_user, "INBOX", RAW)
        session = server.client(mail_user)
        session.select_folder("INBOX")

        server.stop()
        server.stop()  # a second stop does nothing

        with pytest.raises((imapclient.exceptions.IMAPClientAbortError, OSError)):
            session.noop()
        with pytest.raises(ConnectionRefusedError):
            server.client(mail_user)
        server.start()
        assert server.messages(mail_user) == [RAW]
