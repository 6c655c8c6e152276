"""The store: migrations from an empty file, WAL and foreign keys, sync columns, change log, audit."""

import json
import sqlite3

import pytest

from dangjian_desktop.errors import StoreError
from dangjian_desktop.store import Store
from dangjian_desktop.store.schema import SYNCED_TABLES, migrations


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "v.db")
    s.set_setting("device_id", "device-1")
    yield s
    s.close()


def _org(store, name="东庄村党支部"):
    return store.insert("orgs", {"kind": "village", "name": name}, org="org-1", actor="测试")


def test_migrations_apply_to_an_empty_file(tmp_path):
    store = Store.open(tmp_path / "new.db")
    assert not migrations.pending(store.db)
    assert set(SYNCED_TABLES) | {"settings", "change_log", "audit_log"} <= set(store.db.table_names())


def test_database_uses_wal_and_foreign_keys(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1


@pytest.mark.parametrize("table", SYNCED_TABLES)
def test_every_synced_table_has_the_sync_columns(store, table):
    columns = {row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")}
    assert {"uuid", "org", "version", "device", "deleted", "updated_at"} <= columns


def test_insert_writes_change_log_and_audit_in_one_go(store):
    row = _org(store)
    log = store.query("SELECT * FROM change_log")
    assert [(e["table_name"], e["record_uuid"], e["version"]) for e in log] == [("orgs", row["uuid"], 1)]
    assert json.loads(log[0]["row_json"])["name"] == "东庄村党支部"
    audit = store.query("SELECT * FROM audit_log")
    assert audit[0]["action"] == "insert" and audit[0]["actor"] == "测试"


def test_update_bumps_version_and_logs_the_full_row(store):
    row = _org(store)
    after = store.update("orgs", row["uuid"], {"name": "东庄村党总支"}, actor="测试")
    assert after["version"] == 2
    log = store.query("SELECT version, row_json FROM change_log ORDER BY seq")
    assert [e["version"] for e in log] == [1, 2]
    assert json.loads(log[-1]["row_json"])["name"] == "东庄村党总支"
    audit = store.query("SELECT before_json, after_json FROM audit_log WHERE action = 'update'")[0]
    assert json.loads(audit["before_json"])["name"] == "东庄村党支部"
    assert json.loads(audit["after_json"])["name"] == "东庄村党总支"


def test_update_without_a_real_change_writes_nothing(store):
    row = _org(store)
    same = store.update("orgs", row["uuid"], {"name": row["name"]}, actor="测试")
    assert same["version"] == 1
    assert store.scalar("SELECT COUNT(*) FROM change_log") == 1


def test_rows_written_by_another_device_are_not_logged_as_ours(store):
    store.conn.execute(
        "INSERT INTO orgs (uuid, org, version, device, deleted, updated_at, kind, name)"
        " VALUES ('x', 'o', 3, 'other-device', 0, '2026-01-01', 'village', '西庄村')")
    assert store.scalar("SELECT COUNT(*) FROM change_log") == 0


def test_tombstone_keeps_the_row_and_logs_the_deletion(store):
    row = _org(store)
    store.tombstone("orgs", row["uuid"], actor="测试")
    assert store.get("orgs", row["uuid"])["deleted"] == 1
    assert store.query("SELECT deleted FROM change_log ORDER BY seq DESC LIMIT 1")[0]["deleted"] == 1


def test_synced_rows_cannot_be_hard_deleted(store):
    row = _org(store)
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        store.conn.execute("DELETE FROM orgs WHERE uuid = ?", [row["uuid"]])


def test_audit_log_cannot_be_edited(store):
    _org(store)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log")


def test_a_failed_write_leaves_nothing_behind(store):
    with pytest.raises(sqlite3.IntegrityError):
        with store.atomic():
            _org(store)
            store.insert("orgs", {"kind": "nonsense", "name": "x"}, org="o", actor="测试")
    assert store.scalar("SELECT COUNT(*) FROM orgs") == 0
    assert store.scalar("SELECT COUNT(*) FROM change_log") == 0
    assert store.scalar("SELECT COUNT(*) FROM audit_log") == 0


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.insert("members", {"branch_uuid": "missing", "name": "张三", "category": "正式党员"},
                     org="o", actor="测试")


def test_pending_migration_takes_a_backup_first(tmp_path, monkeypatch):
    path = tmp_path / "v.db"
    store = Store.open(path)
    store.set_setting("device_id", "d")
    _org(store)
    store.close()

    @migrations(name="m999_test_only")
    def m999_test_only(db):
        db.execute("CREATE TABLE test_only (x)")

    import dangjian_desktop.store.db as store_db

    monkeypatch.setattr(store_db, "MIGRATIONS", (*store_db.MIGRATIONS, "m999_test_only"))
    try:
        Store.open(path).close()
    finally:
        migrations._migrations.pop()
    backups = list((tmp_path / "backups").glob("v-pre-migration-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT name FROM orgs").fetchone() == ("东庄村党支部",)
    assert "test_only" not in {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "v.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('dangjian', 'm900_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="更新版本"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="无法打开数据库"):
        Store.open(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_the_light_migration_list_matches_the_migrations():
    from dangjian_desktop.store.tables import MIGRATIONS

    assert list(MIGRATIONS) == [m.name for m in migrations._migrations]


def test_opening_an_up_to_date_database_does_not_load_sqlite_utils(tmp_path):
    import subprocess
    import sys

    Store.open(tmp_path / "v.db").close()
    code = ("import sys; from dangjian_desktop.store import Store; s = Store.open(sys.argv[1]);"
            " s.query('SELECT * FROM settings'); print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "v.db")], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
