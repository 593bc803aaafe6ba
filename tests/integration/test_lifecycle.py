"""Homework that ends and continues, against a real Dovecot: a one-off closes once answered, a
closed assignment stops competing, a renewal keeps the token, sessions are set per client."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import Bot
from mails import homework_mail

NOW = "2026-11-23T12:00"


def add_client(bot: Bot) -> str:
    return bot.ok("client", "add", "--name", "Ben Client", "--email", "ben@client.example").strip()


def assign(bot: Bot, client: str, title: str, *extra: str, due: str = "2026-11-30") -> dict:
    found = bot.ok(
        "assign", client, "--type", "journal", "--title", title, "--due", due, "--no-send", *extra, now=NOW
    )
    return next(a for a in bot.json("assignment", "list") if a["id"] == int(found))


def test_a_one_off_answered_is_closed_and_the_next_mail_goes_to_the_open_one(bot: Bot) -> None:
    client = add_client(bot)
    one_off = assign(bot, client, "Letter to myself")
    daily = assign(bot, client, "Evening journal", "--repeat", "daily", "--count", "7")
    bot.deliver(homework_mail("ben@client.example", bot.user, f"Re: [{one_off['token']}]", "Dear me, ..."))

    bot.ok("poll", now=NOW)
    bot.deliver(homework_mail("ben@client.example", bot.user, "tonight", "Slept well, calm day."))
    bot.ok("poll", now="2026-11-23T13:00")

    statuses = {a["id"]: a["status"] for a in bot.json("assignment", "list")}
    assert statuses == {one_off["id"]: "closed", daily["id"]: "open"}
    first, second = bot.json("submission", "list")
    assert (first["assignment_id"], second["assignment_id"]) == (one_off["id"], daily["id"])
    assert (second["status"], second["matched_by"]) == ("filed", "sender")


def test_close_then_renew_keeps_token_and_adds_the_occurrences_asked_for(bot: Bot) -> None:
    client = add_client(bot)
    daily = assign(bot, client, "Evening journal", "--repeat", "daily", "--count", "7")

    bot.ok("assignment", "close", str(daily["id"]), now="2026-12-02T12:00")
    closed = bot.json("assignment", "show", str(daily["id"]))
    code, _out, err = bot.run("assignment", "close", str(daily["id"]), now="2026-12-02T12:00")
    out = bot.ok("assignment", "renew", str(daily["id"]), "--count", "3", now="2026-12-02T13:00")
    renewed = bot.json("assignment", "show", str(daily["id"]))

    assert closed["status"] == "closed"
    assert [o["status"] for o in closed["occurrences"]][-4:] == ["excused"] * 4  # 3rd..6th Dec
    assert code == 2 and "already closed" in err and "Traceback" not in err
    assert out.startswith("3 occurrences added")
    assert (renewed["status"], renewed["token"]) == ("open", daily["token"])
    assert len(renewed["occurrences"]) == 10
    assert [o["status"] for o in renewed["occurrences"]].count("excused") == 0


def test_occurrence_set_corrects_a_day_and_refuses_an_unknown_one(bot: Bot) -> None:
    client = add_client(bot)
    daily = assign(bot, client, "Evening journal", "--repeat", "daily", "--count", "3")
    [first, *_rest] = bot.json("assignment", "show", str(daily["id"]))["occurrences"]

    out = bot.ok("occurrence", "set", str(first["id"]), "excused", now=NOW)
    code, _out, err = bot.run("occurrence", "set", "999999", "done", now=NOW)

    assert out.strip() == f"occurrence {first['id']} is excused"
    assert bot.json("assignment", "show", str(daily["id"]))["occurrences"][0]["status"] == "excused"
    assert code == 2 and err.count("\n") == 1 and "assignment show" in err


def test_client_set_next_session_and_sessions_show_the_next_one_in_the_therapists_zone(bot: Bot) -> None:
    client = add_client(bot)

    by_hand = bot.ok("client", "set", client, "--next-session", "2026-11-26T15:00", now=NOW)
    regular = bot.ok("client", "set", client, "--sessions", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=10", now=NOW)
    code, _out, err = bot.run("client", "set", client, "--sessions", "FREQ=WEEKLY;BYDAY=TU", now=NOW)

    assert by_hand.strip().endswith("next session 2026-11-26 15:00 CET")
    assert regular.strip().endswith("next session 2026-11-24 10:00 CET")
    assert code == 2 and "BYHOUR" in err


def test_list_and_show_speak_the_therapists_time_and_show_settings_as_labelled_lines(bot: Bot) -> None:
    client = add_client(bot)
    assign(bot, client, "Evening journal", "--rationale", "it helps", due="2026-03-02T21:00")

    listed = bot.ok("assignment", "list")
    shown = bot.ok("assignment", "show", "1", now="2026-03-03T09:00")

    assert "2026-03-02 21:00 CET" in listed and "20:00" not in listed
    assert "Rationale:" in shown and "it helps" in shown and "{" not in shown
    assert "Adherence:" in shown and "nothing due yet, 1 in the grace period" in shown
    assert "Mon 2026-03-02 21:00 CET  open" in shown


def test_submission_list_takes_a_client(bot: Bot) -> None:
    ben = add_client(bot)
    cleo = bot.ok("client", "add", "--name", "Cleo Client", "--email", "cleo@client.example").strip()
    assign(bot, ben, "Journal")
    assign(bot, cleo, "Journal")
    bot.deliver(homework_mail("ben@client.example", bot.user, "journal", "Situation: x\nThoughts: calm"))
    bot.deliver(homework_mail("cleo@client.example", bot.user, "journal", "Situation: y\nThoughts: tired"))
    bot.ok("poll", now=NOW)

    only_cleo = bot.json("submission", "list", "--client", "cleo@client.example")

    assert [s["client_email"] for s in only_cleo] == ["cleo@client.example"]


def test_a_day_the_therapist_set_stays_as_she_set_it_when_an_answer_names_it(bot: Bot) -> None:
    client = add_client(bot)
    daily = assign(
        bot, client, "Evening journal", "--repeat", "daily", "--count", "3", due="2026-11-23T21:00"
    )
    first = bot.json("assignment", "show", str(daily["id"]))["occurrences"][0]
    bot.ok("occurrence", "set", str(first["id"]), "excused", now="2026-11-24T09:00")

    raw = homework_mail("ben@client.example", bot.user, "late", "Yesterday:\nSituation: work\nThoughts: calm")
    with bot.dovecot.client(bot.user) as imap:
        imap.append("INBOX", raw, msg_time=datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    bot.ok("poll", now="2026-11-24T10:00")

    shown = bot.json("assignment", "show", str(daily["id"]))
    assert shown["occurrences"][0]["status"] == "excused"
    assert bot.json("submission", "list")[0]["occurrence_id"] == first["id"]
