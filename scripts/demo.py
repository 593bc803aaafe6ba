"""mailbot end to end, on this machine: a private Dovecot and SMTP server on loopback, a
therapist, a client, an assignment, the client's homework email, one intake pass, the result.

Everything lives in a temporary folder that is removed at the end (--keep to keep it).
"""

from __future__ import annotations

import argparse
import email
import os
import shlex
import smtplib
import subprocess
import sys
import tempfile
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import warnings  # noqa: E402

from servers import Dovecot, SmtpServer  # noqa: E402

warnings.filterwarnings("ignore", message="Session.login_data is deprecated")

THERAPIST = "ada@practice.example"
CLIENT = "ben@client.example"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the demo folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="mailbot-demo-"))
    with Dovecot() as dovecot, SmtpServer(deliver_to=dovecot) as smtp:
        config = write_config(root, dovecot, smtp)

        def mailbot(*words: str) -> str:
            command = [sys.executable, "-m", "mailbot", "--config", str(config), *words]
            print(f"\n$ mailbot {shlex.join(words)}", flush=True)
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            print(done.stdout, end="")
            if done.returncode != 0:
                print(done.stderr, end="", file=sys.stderr)
                raise SystemExit(f"demo: mailbot {words[0]} failed")
            return done.stdout

        mailbot("init")
        mailbot("check")
        client = mailbot(
            "client", "add", "--name", "Ben Client", "--email", CLIENT, "--timezone", "Europe/London"
        ).strip()
        mailbot(
            "assign",
            client,
            "--type",
            "mood-log",
            "--title",
            "Daily mood log",
            "--due",
            "2026-12-01T19:00",
            "--instructions",
            "One row for each upsetting moment.",
        )
        mailbot("assignment", "list")
        print("\n(the client replies to the assignment email from their own mailbox, through SMTP)")
        send_homework(smtp, dovecot)
        smtp.wait_for(1, to=THERAPIST)
        mailbot("poll")
        mailbot("submission", "list")
        mailbot("submission", "show", "1")
        mailbot("feedback", "list")
        print(f"reply drafts in Drafts: {len(dovecot.messages(THERAPIST, 'Drafts'))}")
        print("\nfolders on the server:", ", ".join(sorted(dovecot.folders(THERAPIST))))
        print(
            f"filed in Homework/Ben Client: {len(dovecot.messages(THERAPIST, 'Homework/Ben Client'))} message"
        )
    if args.keep:
        print(f"\ndemo folder kept: {root}")
    else:
        subprocess.run(["rm", "-rf", str(root)], check=False)
    print(
        "\ndemo finished: the homework was matched, filed, moved and parsed; a reply draft waits in Drafts."
    )
    return 0


def write_config(root: Path, dovecot: Dovecot, smtp: SmtpServer) -> Path:
    config = root / "config.toml"
    config.write_text(f"""
[therapist]
name = "Dr. Ada Example"
email = "{THERAPIST}"
timezone = "Europe/Berlin"

[imap]
host = "127.0.0.1"
port = {dovecot.tls_port}
security = "tls"
ca_file = "{dovecot.ca_file}"
username = "{THERAPIST}"
password_env = "MAILBOT_DEMO_PASSWORD"

[smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
username = "{THERAPIST}"
password_env = "MAILBOT_DEMO_PASSWORD"

[storage]
data_dir = "{root / "data"}"
""")
    config.chmod(0o600)
    os.environ["MAILBOT_DEMO_PASSWORD"] = dovecot.password
    return config


def send_homework(smtp: SmtpServer, dovecot: Dovecot) -> None:
    """The client answers the assignment email from their own mailbox, as a mail client would."""
    smtp.wait_for(1, to=CLIENT)
    [raw] = dovecot.messages(CLIENT, "INBOX")
    assignment = email.message_from_bytes(raw, policy=policy.default)
    msg = EmailMessage()
    msg["From"] = f"Ben Client <{CLIENT}>"
    msg["To"] = THERAPIST
    msg["Subject"] = "Re: " + str(assignment["Subject"])
    msg["Message-ID"] = make_msgid(domain="client.example")
    msg["In-Reply-To"] = msg["References"] = assignment["Message-ID"]
    msg.set_content(
        "Hi Ada,\n\nSituation: meeting with my boss\nTrigger: he frowned at my report\n"
        "Automatic thought: I'll be fired\nEmotion: anxious, 8/10\n\nBen\n"
    )
    with smtplib.SMTP("127.0.0.1", smtp.port) as client:
        client.send_message(msg)


if __name__ == "__main__":
    raise SystemExit(main())
