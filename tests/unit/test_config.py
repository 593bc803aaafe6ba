"""Configuration: every mistake names its key and what it expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.config import config_path, load_config, parse_config
from mailbot.errors import ConfigError
from mailbot.mail.passwords import resolve_password

GOOD = """
[therapist]
name = "Dr. Ada Example"
email = "ada@practice.example"
timezone = "Europe/Berlin"
[imap]
host = "imap.practice.example"
username = "ada"
password_env = "X_IMAP"
[smtp]
host = "smtp.practice.example"
security = "starttls"
username = "ada"
password_command = "printf 's3cret\\n'"
"""


def load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return load_config(path)


def test_good_config_has_secure_defaults(tmp_path: Path) -> None:
    config = load(tmp_path, GOOD)
    assert (config.imap.security, config.imap.port) == ("tls", 993)
    assert (config.smtp.security, config.smtp.port) == ("starttls", 587)
    assert config.storage.database_url == f"sqlite:///{tmp_path / 'data' / 'mailbot.sqlite3'}"
    assert config.folders.filed == "Homework/{client}"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("[imap]", "[imap]\nhots = 'x'"), ["[imap]", "'hots'", "host"]),
        (('timezone = "Europe/Berlin"', 'timezone = "Mars/Olympus"'), ["[therapist] timezone", "IANA"]),
        (('security = "starttls"', 'security = "ssl"'), ["[smtp] security", "starttls"]),
        (("[smtp]", "[smtp]\nport = 0"), ["[smtp] port", "1 to 65535"]),
        (('password_env = "X_IMAP"', ""), ["[imap]", "password_command"]),
        (("[imap]", '[imap]\nsecurity = "none"'), ["loopback"]),
        (('name = "Dr. Ada Example"', "name = 3"), ["[therapist] name", "text"]),
    ],
)
def test_config_mistake_names_the_key(tmp_path: Path, change: tuple[str, str], words: list[str]) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, GOOD.replace(*change, 1))
    assert all(w in str(error.value) for w in words), str(error.value)
    assert error.value.exit_code == 2


def test_security_none_is_allowed_on_loopback(tmp_path: Path) -> None:
    config = load(
        tmp_path, GOOD.replace('host = "imap.practice.example"', 'host = "127.0.0.1"\nsecurity = "none"')
    )
    assert config.imap.security == "none"


def test_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config.example.toml"):
        load_config(tmp_path / "nope.toml")


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(tmp_path, "[therapist\n")


def test_config_path_order_is_option_then_environment_then_cwd() -> None:
    assert config_path("a.toml", {"MAILBOT_CONFIG": "b.toml"}) == Path("a.toml")
    assert config_path(None, {"MAILBOT_CONFIG": "b.toml"}) == Path("b.toml")
    assert config_path(None, {}) == Path("config.toml")


def test_password_comes_from_command_or_environment(tmp_path: Path) -> None:
    config = load(tmp_path, GOOD)
    assert resolve_password(config.smtp) == "s3cret"
    assert resolve_password(config.imap, {"X_IMAP": "envsecret"}) == "envsecret"
    with pytest.raises(ConfigError, match=r"\$X_IMAP"):
        resolve_password(config.imap, {})


def test_secret_never_shows_in_repr(tmp_path: Path) -> None:
    config = parse_config(
        {
            "therapist": {"name": "A", "email": "a@b.c"},
            "imap": {"host": "h", "username": "u", "password": "hunter2"},
            "smtp": {"host": "h", "username": "u", "password": "hunter2"},
        },
        tmp_path / "c.toml",
    )
    assert "hunter2" not in repr(config)


def test_failing_password_command_does_not_echo_its_output(tmp_path: Path) -> None:
    config = load(tmp_path, GOOD.replace("printf 's3cret\\n'", "echo leaked; exit 3", 1))
    assert config.smtp.password_command == "echo leaked; exit 3"
    with pytest.raises(ConfigError) as error:
        resolve_password(config.smtp)
    assert "leaked" not in str(error.value) and "exit status 3" in str(error.value)


def test_example_config_loads_and_names_every_key() -> None:
    from mailbot import config as cfg

    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    text = example.read_text()
    loaded = load_config(example)
    assert loaded.imap.security == "tls" and loaded.smtp.append_to_sent
    keys = [
        *cfg.TOP_KEYS,
        *cfg.SERVER_KEYS,
        *cfg.REMINDER_KEYS,
        "data_dir",
        "database_url",
        "inbox",
        "filed",
        "triage",
        "drafts",
        "sent",
        "batch_size",
        "max_message_mb",
        "subject_shows_title",
        "grace_hours",
        "sla_hours",
        "working_hours",
        "working_days",
        "combine",
        "to",
        "time",
        "inactive_days",
        "poll_minutes",
        "remind_minutes",
        "feedback_minutes",
        "idle",
        "append_to_sent",
        "emergency_note",
        "enabled",
        "phrases_add",
        "phrases_remove",
        "alert",
        "acknowledge",
        "hours_before",
        "detailed_subject",
    ]
    missing = [k for k in keys if f"{k} =" not in text and f"[{k}]" not in text]
    assert missing == []


def test_oauth2_and_sent_copies_default_to_password_and_auto(tmp_path: Path) -> None:
    config = load(tmp_path, GOOD)
    assert (config.imap.auth, config.smtp.auth, config.smtp.append_to_sent) == (
        "password",
        "password",
        "auto",
    )


def test_oauth2_needs_a_token_command_and_a_known_mechanism(tmp_path: Path) -> None:
    token = GOOD.replace('username = "ada"\npassword_env', 'username = "ada"\nauth = "xoauth2"\npassword_env')
    assert load(tmp_path, token).imap.auth == "xoauth2"
    with pytest.raises(ConfigError, match="oauthbearer"):
        load(tmp_path, GOOD.replace('password_env = "X_IMAP"', 'password_env = "X_IMAP"\nauth = "oauth"'))
    inline = GOOD.replace('password_env = "X_IMAP"', 'password = "t0ken"\nauth = "xoauth2"')
    with pytest.raises(ConfigError, match="password_command"):
        load(tmp_path, inline)


def test_append_to_sent_takes_true_false_or_auto_only(tmp_path: Path) -> None:
    for value, expected in (("true", True), ("false", False), ('"auto"', "auto")):
        assert load(tmp_path, GOOD + f"append_to_sent = {value}\n").smtp.append_to_sent == expected
    with pytest.raises(ConfigError, match="append_to_sent"):
        load(tmp_path, GOOD + 'append_to_sent = "yes"\n')


def test_brief_is_on_with_the_digest_by_default_and_its_keys_are_checked(tmp_path: Path) -> None:
    default = load(tmp_path, GOOD).brief  # type: ignore[attr-defined]
    chosen = load(tmp_path, GOOD + "[brief]\nenabled = false\nhours_before = 3\ndetailed_subject = true\n")

    assert (default.enabled, default.hours_before, default.detailed_subject) == (True, None, False)
    assert chosen.brief == type(default)(False, 3.0, True)  # type: ignore[attr-defined]
    for wrong, words in (
        ("hour_before = 3", ["[brief] 'hour_before'", "hours_before"]),
        ("hours_before = -1", ["[brief] hours_before", "number from 0"]),
        ('enabled = "yes"', ["[brief] enabled", "true or false"]),
    ):
        with pytest.raises(ConfigError) as error:
            load(tmp_path, GOOD + f"[brief]\n{wrong}\n")
        assert all(w in str(error.value) for w in words), str(error.value)


def test_loading_a_config_checks_risk_phrases_without_building_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rules are built when a message is first read, not when a config is loaded
    import mailbot.core.risk as risk

    monkeypatch.setattr(risk, "_builtin", lambda: pytest.fail("rules built"))
    monkeypatch.setattr(risk, "pattern_starts", lambda *a: pytest.fail("rules built"))
    assert load(tmp_path, GOOD).risk.phrases_add == ()  # type: ignore[attr-defined]
    monkeypatch.undo()
    with pytest.raises(ConfigError, match=r"\[risk\] phrases_add.*too short"):
        load(tmp_path, GOOD + '[risk]\nphrases_add = ["no"]\n')
    with pytest.raises(ConfigError, match=r"\[risk\] phrases_remove.*neither"):
        load(tmp_path, GOOD + '[risk]\nphrases_remove = ["the weather today"]\n')
