"""Opening the database: WAL, foreign keys, migrations (after a backup), and the write helpers
that keep the sync columns, the change log and the audit trail right."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from dangjian_desktop.core.ids import new_uuid
from dangjian_desktop.errors import NotFoundError, StoreError, from_sqlite
from dangjian_desktop.store.backup import backup_database
from dangjian_desktop.store.tables import MIGRATIONS, SYNCED_TABLES

if TYPE_CHECKING:
    from sqlite_utils import Database

SYNC_FIELDS = ("uuid", "org", "version", "device", "deleted", "updated_at")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _connect(target: str) -> sqlite3.Connection:
    # Autocommit mode: Python opens no hidden transactions; `Store.atomic` opens real ones.
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    # A district holds millions of ledger rows keyed by UUIDs, random ones for records made before
    # core/ids.py: a 64 MB page cache keeps their index pages in memory during bulk imports (the
    # default 2 MB thrashes).
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


class Store:
    """One open database. Thread-bound like its sqlite3 connection.

    Reads and writes go straight through sqlite3; sqlite-utils (`self.db`) is loaded only for
    migrations, so opening an up-to-date database at start-up does not pay for importing it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path
        self._db: Database | None = None
        self._settings_cache: dict[str, str | None] = {}

    @property
    def db(self) -> Database:
        """The same connection as a sqlite-utils Database (for migrations)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> "Store":
        """Open (or create) a database file, back it up if migrations are pending, migrate it."""
        path = Path(path)
        existed = path.exists() and path.stat().st_size > 0
        if not existed and not create:
            raise StoreError(f"数据库文件不存在：{path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(str(path))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            store = cls(conn, path)
            store._check_not_newer()
            if set(MIGRATIONS) - store._applied_migrations():
                from dangjian_desktop.store.schema import migrations

                has_tables = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
                if existed and has_tables:
                    backup_database(conn, path.parent / "backups", path.stem, "pre-migration")
                migrations.apply(store.db)
        except sqlite3.DatabaseError as exc:
            typed = from_sqlite(exc, path)
            if typed is not None:
                raise typed from exc
            raise StoreError(f"无法打开数据库 {path}：{exc}（文件可能已损坏，请从备份恢复）") from exc
        return store

    @classmethod
    def memory(cls) -> "Store":
        from dangjian_desktop.store.schema import migrations

        store = cls(_connect(":memory:"), None)
        migrations.apply(store.db)
        return store

    def _applied_migrations(self) -> set[str]:
        if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
            return set()
        return {row[0] for row in self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'dangjian'")}

    def _check_not_newer(self) -> None:
        unknown = self._applied_migrations() - set(MIGRATIONS)
        if unknown:
            raise StoreError(
                "这个数据库由更新版本的党建通创建（含本版本不认识的结构："
                + "、".join(sorted(unknown))
                + "），为避免损坏不予打开。请升级党建通。"
            )

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """All writes inside happen together or not at all (nests as savepoints)."""
        conn = self.conn
        if conn.in_transaction:
            name = f"sp_{uuidlib.uuid4().hex}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # an error may already have ended the whole transaction
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.execute("BEGIN")
        try:
            yield
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._raise_typed(exc)
            raise
        try:
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._raise_typed(exc)
            raise

    def _raise_typed(self, exc: BaseException) -> None:
        """A full disk, a disk error or a damaged file as the typed error the user is shown
        (after the rollback: the whole operation is undone, nothing saved earlier is touched)."""
        typed = from_sqlite(exc, self.path or "")
        if typed is not None:
            raise typed from exc

    # -- settings --------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        if key not in self._settings_cache:
            row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
            self._settings_cache[key] = row[0] if row else None
        value = self._settings_cache[key]
        return default if value is None else value

    def set_setting(self, key: str, value: str | None) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
        self._settings_cache.pop(key, None)

    @property
    def device_id(self) -> str:
        device = self.setting("device_id")
        if not device:
            raise StoreError("数据库尚未初始化（没有设备编号）：请先运行 dangjian setup village 或 dangjian demo village")
        return device

    # -- reading ---------------------------------------------------------------------------
    def query(self, sql: str, params: Iterable[Any] | dict = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params if isinstance(params, dict) else list(params))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row)) for row in cursor]

    def query_one(self, sql: str, params: Iterable[Any] | dict = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Iterable[Any] | dict = ()) -> Any:
        row = self.conn.execute(sql, list(params) if not isinstance(params, dict) else params).fetchone()
        return row[0] if row else None

    def get(self, table: str, uuid: str, what: str = "记录") -> dict:
        row = self.query_one(f"SELECT * FROM [{table}] WHERE uuid = ?", [uuid])
        if row is None:
            raise NotFoundError(what, uuid)
        return row

    # -- writing ---------------------------------------------------------------------------
    def _insert_row(self, table: str, row: dict) -> None:
        columns = ", ".join(f"[{c}]" for c in row)
        self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

    def _update_row(self, table: str, uuid: str, values: dict) -> None:
        assignments = ", ".join(f"[{c}] = ?" for c in values)
        self.conn.execute(f"UPDATE [{table}] SET {assignments} WHERE uuid = ?", [*values.values(), uuid])

    def _audit(self, actor: str, action: str, table: str | None, uuid: str | None,
               before: dict | None, after: dict | None, summary: str | None) -> None:
        self.conn.execute(
            "INSERT INTO audit_log (at, actor, action, table_name, record_uuid, before_json, after_json, summary)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [utc_now(), actor, action, table, uuid,
             json.dumps(before, ensure_ascii=False) if before is not None else None,
             json.dumps(after, ensure_ascii=False) if after is not None else None,
             summary],
        )

    def audit(self, actor: str, action: str, summary: str, *, table: str | None = None,
              uuid: str | None = None) -> None:
        """An audit entry for an action that is not a single-row write (an import, a backup …)."""
        self._audit(actor, action, table, uuid, None, None, summary)

    def insert(self, table: str, record: dict, *, org: str, actor: str, summary: str | None = None) -> dict:
        """Insert one synced row (uuid given or new), with its change-log and audit entries."""
        assert table in SYNCED_TABLES, table
        row = dict(record)
        row.setdefault("uuid", new_uuid(org))
        row.update(org=org, version=1, device=self.device_id, deleted=0, updated_at=utc_now())
        with self.atomic():
            self._insert_row(table, row)
            self._audit(actor, "insert", table, row["uuid"], None, row, summary)
        return row

    def update(self, table: str, uuid: str, changes: dict, *, actor: str, summary: str | None = None) -> dict:
        """Change fields of one row: version + 1, this device, change-log and audit entries."""
        assert table in SYNCED_TABLES, table
        with self.atomic():
            before = self.get(table, uuid)
            changes = {k: v for k, v in changes.items() if k not in SYNC_FIELDS and before.get(k) != v}
            if not changes:
                return before
            changes.update(version=before["version"] + 1, device=self.device_id, updated_at=utc_now())
            self._update_row(table, uuid, changes)
            after = {**before, **changes}
            self._audit(actor, "update", table, uuid, before, after, summary)
        return after

    def tombstone(self, table: str, uuid: str, *, actor: str, summary: str | None = None) -> dict:
        """Mark a row deleted (rows are never removed, so the deletion travels in bundles)."""
        row = self.get(table, uuid)
        if row["deleted"]:
            return row
        with self.atomic():
            self._update_row(table, uuid, {"deleted": 1, "version": row["version"] + 1,
                                         "device": self.device_id, "updated_at": utc_now()})
            self._audit(actor, "delete", table, uuid, row, None, summary)
        return self.get(table, uuid)

    def revive(self, table: str, uuid: str, changes: dict, *, actor: str, summary: str | None = None) -> dict:
        """Bring a tombstoned row back (same identity, next version) with `changes` applied."""
        with self.atomic():
            before = self.get(table, uuid)
            values = {k: v for k, v in changes.items() if k not in SYNC_FIELDS}
            values.update(deleted=0, version=before["version"] + 1, device=self.device_id, updated_at=utc_now())
            self._update_row(table, uuid, values)
            after = {**before, **values}
            self._audit(actor, "restore", table, uuid, before, after, summary)
        return after

    def insert_many(self, table: str, records: list[dict], *, org: str, actor: str, summary: str) -> int:
        """Insert many new synced rows in one transaction with one audit entry (bulk paths).

        Plain `executemany` with one prepared statement: sqlite-utils' `insert_all` batches to
        999 variables and is several times slower for the ledger's millions of rows.
        """
        if not records:
            return 0
        device, now = self.device_id, utc_now()
        columns = list(SYNC_FIELDS) + [c for c in records[0] if c not in SYNC_FIELDS]
        sql = (f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})")
        fixed = {"org": org, "version": 1, "device": device, "deleted": 0, "updated_at": now}

        def rows():
            for record in records:
                merged = {**record, **fixed}
                if "uuid" not in record:
                    merged["uuid"] = new_uuid(org)
                yield [merged.get(c) for c in columns]

        with self.atomic():
            self.conn.executemany(sql, rows())
            self._audit(actor, "insert_many", table, None, None, None, f"{summary}（{len(records)} 条）")
        return len(records)
