"""The migration checks, run on SQLite by tests/unit/test_migrations.py and on PostgreSQL by
tests/integration/test_migrations_postgres.py: the same checks, each database its own suite."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from mailbot.db.engine import MIGRATIONS, is_current, migrate
from mailbot.db.models import Base

NEW_IN_0002 = {
    "submission": {"ix_submission_triage", "ix_submission_received"},
    "outgoing_message": {"ix_outgoing_message_created_at", "ix_outgoing_message_pending"},
    "assignment": {"ix_assignment_status"},
    "draft": {"ix_draft_state"},
}
GONE_IN_0002 = {"submission": {"ix_submission_received_at"}}  # replaced by ix_submission_received
GONE_IN_0008 = {"submission": {"ix_submission_imap_state"}}  # the state moved to submission_move


def alembic(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return list(
            compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
        )


def indexes(engine: Engine) -> dict[str, set[str]]:
    found = inspect(engine)
    return {table: {i["name"] for i in found.get_indexes(table) if i["name"]} for table in NEW_IN_0002}


ANA = text(
    "INSERT INTO client (id, name, timezone, folder, created_at, reminders) "
    "VALUES (1, 'Ana Lima', 'Europe/Berlin', 'Ana Lima', '2026-11-01 09:00:00', 'on')"
)


def first_release_upgrades_keeping_its_rows(engine: Engine) -> None:
    """A database of the first release (0001) upgrades to head with its rows and the new indexes."""
    command.upgrade(alembic(engine), "0001")
    with engine.begin() as conn:
        conn.execute(ANA)
    assert not is_current(engine)

    migrate(engine)

    assert is_current(engine)
    assert schema_diff(engine) == []
    assert all(names <= indexes(engine)[table] for table, names in NEW_IN_0002.items())
    assert not GONE_IN_0002["submission"] & indexes(engine)["submission"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM client")).scalars().all() == ["Ana Lima"]


def triage_index_holds_only_submissions_in_triage(engine: Engine) -> None:
    migrate(engine)

    [triage] = [i for i in inspect(engine).get_indexes("submission") if i["name"] == "ix_submission_triage"]

    where = triage["dialect_options"].get(f"{engine.dialect.name}_where")
    assert triage["column_names"] == ["received_at"]
    assert "status" in str(where) and "'triage'" in str(where)


def downgrade_to_first_release_gives_back_its_indexes(engine: Engine) -> None:
    migrate(engine)
    before = indexes(engine)

    command.downgrade(alembic(engine), "0001")

    assert indexes(engine) == {
        table: before[table] - names | GONE_IN_0002.get(table, set()) | GONE_IN_0008.get(table, set())
        for table, names in NEW_IN_0002.items()
    }
    migrate(engine)
    assert schema_diff(engine) == []


MOVE_STATES = {1: "to_move", 2: "moved", 3: "folder_refused", 4: "gone"}


def move_states_survive_0008_both_ways(engine: Engine) -> None:
    """0008 moves each submission's imap_state into submission_move, and back on a downgrade."""
    command.upgrade(alembic(engine), "0007_perf")
    with engine.begin() as conn:
        conn.execute(ANA)
        for sub_id, state in MOVE_STATES.items():
            conn.execute(
                text(
                    "INSERT INTO submission (id, dedupe_key, client_id, from_address, subject, received_at, "
                    'status, kind, flags, text, new_text, fields, in_reply_to, "references", raw_path, '
                    "defects, source_folder, source_uidvalidity, source_uid, target_folder, imap_state) "
                    "VALUES (:id, :key, 1, 'ana@example.org', '', '2026-11-02 10:00:00', 'filed', 'answer', "
                    "'[]', '', '', '[]', '[]', '[]', '/x', '[]', 'INBOX', 1, :id, 'Homework', :state)"
                ),
                {"id": sub_id, "key": f"key-{sub_id}", "state": state},
            )

    migrate(engine)

    assert schema_diff(engine) == []
    query = "SELECT submission_id, imap_state FROM submission_move ORDER BY submission_id"
    with engine.connect() as conn:
        assert {sid: state for sid, state in conn.execute(text(query))} == MOVE_STATES
    command.downgrade(alembic(engine), "0007_perf")
    with engine.connect() as conn:
        rows = {
            sid: state
            for sid, state in conn.execute(text("SELECT id, imap_state FROM submission ORDER BY id"))
        }
    assert rows == MOVE_STATES
    assert "submission_move" not in inspect(engine).get_table_names()
