"""What every migration module builds with: the one ordered list of migrations (sqlite-utils), the
sync columns of DESIGN.md, running a script of statements, and the change-log triggers."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from dangjian_desktop.store.tables import SYNCED_TABLES

migrations = Migrations("dangjian")

SYNC_COLUMNS = """
    uuid TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    device TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    updated_at TEXT NOT NULL"""



def run_script(db: Database, script: str) -> None:
    """Run each statement of a script inside the current transaction.

    (`sqlite3.executescript` would commit first, breaking the migration's atomicity.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement at the end of a migration script")


def _columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]


def install_sync_triggers(db: Database) -> None:
    """(Re)create the change-log and tombstone triggers; call after any synced table changes shape."""
    for table in SYNCED_TABLES:
        cols = _columns(db, table)
        row_json = "json_object(" + ", ".join(f"'{c}', NEW.[{c}]" for c in cols) + ")"
        for event in ("INSERT", "UPDATE"):
            name = f"{table}_changelog_{event.lower()}"
            db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
            db.execute(
                f"""CREATE TRIGGER [{name}] AFTER {event} ON [{table}]
                WHEN NEW.device = (SELECT value FROM settings WHERE key = 'device_id')
                BEGIN
                    INSERT INTO change_log (device, table_name, record_uuid, version, deleted, row_json)
                    VALUES (NEW.device, '{table}', NEW.uuid, NEW.version, NEW.deleted, {row_json});
                END"""
            )
        db.execute(f"DROP TRIGGER IF EXISTS [{table}_no_delete]")
        db.execute(
            f"""CREATE TRIGGER [{table}_no_delete] BEFORE DELETE ON [{table}]
            BEGIN SELECT RAISE(ABORT, '{table}: rows are never deleted, set deleted = 1'); END"""
        )
