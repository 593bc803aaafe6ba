"""Why the digest lists a problem, in the therapist's words: a message that failed, an email
the server refused or that may not have arrived, reminders that stopped without her."""

from __future__ import annotations

# Why a client's reminders stopped without the therapist (a client's own pause is listed as
# "Paused by the client" already), by the audit action that stopped them.
REMINDERS_STOPPED = {
    "address_bounced": "a delivery failure for a mail mailbot sent; after fixing the address: "
    "mailbot client clear-bounce <address>",
}


def send_problem(kind: str, status: str, client_name: str | None, said: str | None) -> str:
    """An email that went wrong: refused by the server ("failed", with its words if kept), or
    perhaps lost ("unknown": the connection broke), which mailbot never sends again."""
    to = f" to {client_name}" if client_name is not None else ""
    if status == "failed":
        outcome = "was refused by the mail server" + (f" ({said})" if said is not None else "")
    else:
        outcome = "may not have arrived (the connection broke); mailbot did not send it again"
    return f"the {kind} email{to} {outcome}"


def reminders_stopped(action: str, client_name: str | None) -> str:
    """Reminders to a client that something other than the therapist stopped (REMINDERS_STOPPED)."""
    return f"reminders to {client_name or 'a client'} stopped: {REMINDERS_STOPPED[action]}"


def problem_reason(kind: str, reason: str, uid: int | None, folder: str | None, attempts: int) -> str:
    """A recorded problem's reason; a message's names where it is and how often it was tried."""
    if kind == "message" and uid is not None:
        return f"{reason} (message {uid} in {folder}, {attempts} attempts)"
    return reason
