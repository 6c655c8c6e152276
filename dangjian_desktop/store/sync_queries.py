"""Every SQL statement of bundle sync: keys, enrolled villages and devices, the bundle log,
quarantine, review results, the change log, and applying rows that came from another device.

Rows applied from a bundle keep their origin `device`, so the change-log triggers (which fire only
for this device's rows) leave them out of this device's own stream.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Iterable, Iterator

from dangjian_desktop.store.db import Store, utc_now
from dangjian_desktop.store.tables import SYNCED_TABLES

_CHUNK = 500


def forget_cached_settings(store: Store) -> None:
    """After a rolled-back transaction that wrote settings, drop what the store cached of them."""
    store._settings_cache.clear()


# -- keys ---------------------------------------------------------------------------------------
def save_keys(store: Store, *, sign_pk: bytes, box_pk: bytes, secret: bytes, kdf_salt: bytes | None = None,
              kdf_ops: int | None = None, kdf_mem: int | None = None) -> None:
    store.conn.execute(
        "INSERT INTO sync_keys (id, sign_pk, box_pk, secret, kdf_salt, kdf_ops, kdf_mem, created_at)"
        " VALUES (1, ?, ?, ?, ?, ?, ?, ?)", [sign_pk, box_pk, secret, kdf_salt, kdf_ops, kdf_mem, utc_now()])


def keys(store: Store) -> dict | None:
    return store.query_one("SELECT * FROM sync_keys WHERE id = 1")


# -- district: villages, enrolments, devices ----------------------------------------------------
def village_by_code(store: Store, code: str) -> dict | None:
    return store.query_one("SELECT * FROM sync_villages WHERE code = ?", [code])


def village_by_org(store: Store, org_uuid: str) -> dict | None:
    return store.query_one("SELECT * FROM sync_villages WHERE org_uuid = ?", [org_uuid])


def villages(store: Store) -> list[dict]:
    return store.query("SELECT * FROM sync_villages ORDER BY code")


def save_village(store: Store, *, org_uuid: str, code: str, name: str, town: str | None) -> None:
    store.conn.execute(
        "INSERT INTO sync_villages (org_uuid, code, name, town, enrolled_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(org_uuid) DO UPDATE SET code = excluded.code, name = excluded.name,"
        " town = COALESCE(excluded.town, town)", [org_uuid, code, name, town, utc_now()])


def next_return_seq(store: Store, org_uuid: str) -> int:
    store.conn.execute("UPDATE sync_villages SET return_seq = return_seq + 1 WHERE org_uuid = ?", [org_uuid])
    return store.scalar("SELECT return_seq FROM sync_villages WHERE org_uuid = ?", [org_uuid])


def raise_return_seq(store: Store, org_uuid: str, seen: int) -> None:
    """Never number a return at or below one the village reports it has applied (a district restored
    from a backup would otherwise reuse numbers, and the village would refuse its returns as old)."""
    store.conn.execute("UPDATE sync_villages SET return_seq = MAX(return_seq, ?) WHERE org_uuid = ?", [seen, org_uuid])


def add_enrolment(store: Store, *, enrolment_id: str, org_uuid: str, sign_pk: bytes) -> None:
    store.conn.execute("INSERT OR IGNORE INTO sync_enrolments (enrolment_id, org_uuid, sign_pk, created_at)"
                       " VALUES (?, ?, ?, ?)", [enrolment_id, org_uuid, sign_pk, utc_now()])


def enrolment(store: Store, enrolment_id: str) -> dict | None:
    return store.query_one("SELECT * FROM sync_enrolments WHERE enrolment_id = ?", [enrolment_id])


def latest_enrolment(store: Store, org_uuid: str) -> dict | None:
    return store.query_one("SELECT * FROM sync_enrolments WHERE org_uuid = ? ORDER BY created_at DESC, rowid DESC"
                           " LIMIT 1", [org_uuid])


def use_enrolment(store: Store, enrolment_id: str, device_id: str) -> None:
    store.conn.execute("UPDATE sync_enrolments SET used_by = ? WHERE enrolment_id = ?", [device_id, enrolment_id])


def device(store: Store, device_id: str) -> dict | None:
    return store.query_one("SELECT * FROM sync_devices WHERE device_id = ?", [device_id])


def devices(store: Store) -> list[dict]:
    return store.query(
        "SELECT d.*, v.code AS village_code, v.name AS village_name FROM sync_devices d"
        " LEFT JOIN sync_villages v ON v.org_uuid = d.org_uuid ORDER BY v.code, d.registered_at")


def active_device(store: Store, org_uuid: str) -> dict | None:
    """The village's laptop in use: the latest registered one that is neither revoked nor forked."""
    return store.query_one(
        "SELECT * FROM sync_devices WHERE org_uuid = ? AND revoked_at IS NULL AND forked_at IS NULL"
        " ORDER BY registered_at DESC, rowid DESC LIMIT 1", [org_uuid])


def add_device(store: Store, *, device_id: str, org_uuid: str, enrolment_id: str, sign_pk: bytes,
               box_pk: bytes) -> None:
    store.conn.execute(
        "INSERT INTO sync_devices (device_id, org_uuid, enrolment_id, sign_pk, box_pk, registered_at)"
        " VALUES (?, ?, ?, ?, ?, ?)", [device_id, org_uuid, enrolment_id, sign_pk, box_pk, utc_now()])


def set_device_ack(store: Store, device_id: str, *, seq: int, change_hash: str | None) -> None:
    store.conn.execute("UPDATE sync_devices SET acked_seq = ?, acked_hash = ?, last_bundle_at = ? WHERE device_id = ?",
                       [seq, change_hash, utc_now(), device_id])


def touch_device(store: Store, device_id: str) -> None:
    store.conn.execute("UPDATE sync_devices SET last_bundle_at = ? WHERE device_id = ?", [utc_now(), device_id])


def revoke_device(store: Store, device_id: str, reason: str | None) -> None:
    store.conn.execute("UPDATE sync_devices SET revoked_at = ?, revoke_reason = ? WHERE device_id = ?",
                       [utc_now(), reason, device_id])


def mark_device_forked(store: Store, device_id: str) -> None:
    store.conn.execute("UPDATE sync_devices SET forked_at = ? WHERE device_id = ? AND forked_at IS NULL",
                       [utc_now(), device_id])


def has_devices(store: Store, org_uuid: str) -> bool:
    """Whether any laptop of the village ever registered (revoked and forked ones included)."""
    return store.scalar("SELECT 1 FROM sync_devices WHERE org_uuid = ? LIMIT 1", [org_uuid]) is not None


# The district keeps each village's state hash (sync/state_hash.py) up to date as it applies the
# village's rows, so an import or a return bundle does not re-read every row the village owns (a
# scan of the whole ledger, without an index on `org`, for each of a thousand villages). Every write
# of a village's rows at the district goes through sync/changes.apply, which reports the change.
def _state_hash_key(org_uuid: str) -> str:
    return f"sync_state_hash:{org_uuid}"


def kept_state_hash(store: Store, org_uuid: str) -> str | None:
    """The kept value, or None. Read from the table, never from the store's settings cache: a trigger
    (m007) deletes it when the village's rows are written outside an import."""
    row = store.conn.execute("SELECT value FROM settings WHERE key = ?", [_state_hash_key(org_uuid)]).fetchone()
    return row[0] if row else None


def keep_state_hash(store: Store, org_uuid: str, value: str) -> None:
    store.set_setting(_state_hash_key(org_uuid), value)


def revoked_devices(store: Store, org_uuid: str) -> list[str]:
    return [r["device_id"] for r in store.query(
        "SELECT device_id FROM sync_devices WHERE org_uuid = ? AND revoked_at IS NOT NULL", [org_uuid])]


# -- the bundle log and quarantine --------------------------------------------------------------
def log_bundle(store: Store, *, direction: str, status: str, bundle_id: str | None = None,
               file_sha256: str | None = None, file_name: str | None = None, kind: str | None = None,
               village_org: str | None = None, device: str | None = None, seq_after: int | None = None,
               seq_through: int | None = None, receipt: dict | None = None) -> int:
    cursor = store.conn.execute(
        "INSERT INTO sync_bundles (at, direction, bundle_id, file_sha256, file_name, kind, village_org, device,"
        " seq_after, seq_through, status, receipt_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [utc_now(), direction, bundle_id, file_sha256, file_name, kind, village_org, device, seq_after,
         seq_through, status, json.dumps(receipt, ensure_ascii=False) if receipt is not None else None])
    return cursor.lastrowid


def bundles_with_id(store: Store, bundle_id: str, direction: str = "in") -> list[dict]:
    return store.query("SELECT * FROM sync_bundles WHERE bundle_id = ? AND direction = ? ORDER BY id",
                       [bundle_id, direction])


def bundle_history(store: Store, limit: int = 200) -> list[dict]:
    return store.query("SELECT * FROM sync_bundles ORDER BY id DESC LIMIT ?", [limit])


def receipts_since_last_return(store: Store, org_uuid: str, limit: int = 50) -> list[dict]:
    """What the district did with this village's deltas since it last wrote the village a return."""
    rows = store.query(
        "SELECT bundle_id, file_name, status, receipt_json FROM sync_bundles WHERE direction = 'in'"
        " AND kind = 'delta' AND village_org = ? AND id > COALESCE((SELECT MAX(id) FROM sync_bundles"
        " WHERE direction = 'out' AND kind = 'return' AND village_org = ?), 0) ORDER BY id DESC LIMIT ?",
        [org_uuid, org_uuid, limit])
    return [{"bundle_id": r["bundle_id"], "file": r["file_name"], "status": r["status"],
             "receipt": json.loads(r["receipt_json"]) if r["receipt_json"] else None} for r in rows]


def mark_deltas_acknowledged(store: Store, through: int) -> None:
    store.conn.execute("UPDATE sync_bundles SET status = 'acknowledged' WHERE direction = 'out' AND kind = 'delta'"
                       " AND status = 'written' AND seq_through <= ?", [through])


def quarantine(store: Store, *, reason: str, bundle_id: str | None, device: str | None, table: str | None = None,
               record_uuid: str | None = None, version: int | None = None, row: dict | None = None) -> None:
    store.conn.execute(
        "INSERT INTO sync_quarantine (at, bundle_id, device, reason, table_name, record_uuid, version, row_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [utc_now(), bundle_id, device, reason, table, record_uuid, version,
         json.dumps(row, ensure_ascii=False) if row is not None else None])


def quarantined(store: Store) -> list[dict]:
    return store.query("SELECT * FROM sync_quarantine ORDER BY id")


# -- review results ------------------------------------------------------------------------------
REVIEW_FIELDS = ("uuid", "village_org", "assessment_uuid", "year", "stage", "result", "star_level", "note",
                 "reviewer", "reviewed_on", "version", "detail_json")
_MAX_DETAIL = 200_000  # characters of a review's per-item detail (JSON text) kept from a bundle


def reviews_for(store: Store, org_uuid: str) -> list[dict]:
    return store.query("SELECT * FROM district_reviews WHERE village_org = ? ORDER BY year, stage", [org_uuid])


def save_review(store: Store, review: dict) -> bool:
    """Keep the higher version of a review result; True when it changed something."""
    detail = review.get("detail_json")
    if not (isinstance(detail, str) and len(detail) <= _MAX_DETAIL):
        review = {**review, "detail_json": None}
    cursor = store.conn.execute(
        f"INSERT INTO district_reviews ({', '.join(REVIEW_FIELDS)}) VALUES ({', '.join('?' * len(REVIEW_FIELDS))})"
        " ON CONFLICT(uuid) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in REVIEW_FIELDS[1:])
        + " WHERE excluded.version > district_reviews.version", [review.get(f) for f in REVIEW_FIELDS])
    return cursor.rowcount > 0


# -- this device's change log -------------------------------------------------------------------
def changes_after(store: Store, seq: int) -> list[dict]:
    """This device's changes after `seq`, as bundle change lines (state, not diff)."""
    return [{"seq": s, "table": t, "row": json.loads(row)} for s, t, row in store.conn.execute(
        "SELECT seq, table_name, row_json FROM change_log WHERE seq > ? ORDER BY seq", [seq])]


def change_at(store: Store, seq: int) -> dict | None:
    row = store.conn.execute("SELECT seq, table_name, row_json FROM change_log WHERE seq = ?", [seq]).fetchone()
    return {"seq": row[0], "table": row[1], "row": json.loads(row[2])} if row else None


def max_seq(store: Store) -> int:
    return store.scalar("SELECT COALESCE(MAX(seq), 0) FROM change_log")


def count_after(store: Store, seq: int) -> int:
    return store.scalar("SELECT COUNT(*) FROM change_log WHERE seq > ?", [seq])


def first_changes_after(store: Store, seq: int) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(table, uuid) → (version, deleted, org) of each record's first change after `seq`."""
    # SQLite takes the bare columns from the row holding MIN(seq).
    return {(t, u): (v, d, org) for t, u, v, d, org, _ in store.conn.execute(
        "SELECT table_name, record_uuid, version, deleted, json_extract(row_json, '$.org'), MIN(seq)"
        " FROM change_log WHERE seq > ? GROUP BY table_name, record_uuid", [seq])}


def last_changes_through(store: Store, seq: int) -> dict[tuple[str, str], tuple[int, int]]:
    """(table, uuid) → (version, deleted) of each record's last change at or before `seq`."""
    return {(t, u): (v, d) for t, u, v, d, _ in store.conn.execute(
        "SELECT table_name, record_uuid, version, deleted, MAX(seq) FROM change_log WHERE seq <= ?"
        " GROUP BY table_name, record_uuid", [seq])}


# -- rows of synced tables ----------------------------------------------------------------------
def table_columns(store: Store, table: str) -> list[str]:
    return [row[1] for row in store.conn.execute(f"PRAGMA table_info([{table}])").fetchall()]


def references(store: Store, table: str) -> list[tuple[str, str]]:
    """(column, parent table) of each foreign key of `table`."""
    return [(row[3], row[2]) for row in store.conn.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()]


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def rows_by_uuid(store: Store, table: str, uuids: Iterable[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for chunk in _chunks(sorted(set(uuids))):
        cursor = store.conn.execute(f"SELECT * FROM [{table}] WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk)
        names = [d[0] for d in cursor.description]
        for values in cursor:
            row = dict(zip(names, values))
            found[row["uuid"]] = row
    return found


def owners(store: Store, table: str, uuids: Iterable[str]) -> dict[str, str]:
    """uuid → owning org of those of `uuids` that exist in `table`."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(uuids))):
        found.update(store.conn.execute(
            f"SELECT uuid, org FROM [{table}] WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


def existing_uuids(store: Store, table: str, uuids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(set(uuids))):
        found.update(r[0] for r in store.conn.execute(
            f"SELECT uuid FROM [{table}] WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def defer_foreign_keys(store: Store) -> None:
    """Check foreign keys at commit rather than per statement (until this transaction ends)."""
    store.conn.execute("PRAGMA defer_foreign_keys = ON")


@contextmanager
def references_checked_by_caller(store: Store) -> Iterator[None]:
    """Around a transaction whose every reference the caller checks itself (changes.apply holds a
    row whose parent has not arrived, and refuses one that points at another village's rows):
    SQLite's own foreign-key checks are off for its duration, which spares two or three index
    lookups per row of a bundle. The pragma only takes effect outside a transaction, so it must
    wrap one (inside a caller's transaction the checks simply stay on); it is this connection's
    alone and back on when the block ends, however it ends."""
    conn = store.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        if conn.in_transaction:  # (the block's own transaction always ends; never leave the checks off)
            conn.execute("ROLLBACK")
        conn.execute("PRAGMA foreign_keys = ON")


@contextmanager
def bulk_writes(store: Store, pages: int = 16384) -> Iterator[None]:
    """Many transactions in a row (a stick of village bundles): the write-ahead log is copied back
    into the database every `pages` pages (64 MB) instead of SQLite's default 1 000, and once at the
    end. A page that many bundles touch (the upper levels of each index) is then copied once rather
    than after every bundle. Durability is the same: each commit is in the log either way."""
    conn = store.conn
    (before,) = conn.execute("PRAGMA wal_autocheckpoint").fetchone()
    conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(before)}")
        if not conn.in_transaction:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def insert_rows(store: Store, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows the caller found absent (a uuid that exists after all fails the whole import)."""
    store.conn.executemany(
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})", rows)


# -- applying a bundle's rows (m007) ------------------------------------------------------------
def start_applying(store: Store) -> None:
    """Inside the caller's transaction: the per-row cache triggers skip the rows written until
    `stop_applying` (the caller marks those caches itself, once per bundle)."""
    store.conn.execute("INSERT OR IGNORE INTO sync_applying (id) VALUES (1)")


def stop_applying(store: Store) -> None:
    store.conn.execute("DELETE FROM sync_applying")


def suspend_triggers(store: Store, table: str, names: Iterable[str]) -> list[tuple[str, str]]:
    """Drop those of the triggers `names` on `table` that exist, inside the caller's transaction
    (a rollback brings them back); returns (name, CREATE statement) of each for `restore_triggers`.

    A table with any trigger for a statement makes SQLite journal every row that statement writes
    (to undo just that row), and runs each trigger per row: a bulk insert of rows whose trigger
    effects the caller does itself, once, goes faster without them.
    """
    if not store.conn.in_transaction:
        raise RuntimeError("triggers are only suspended inside a transaction")
    names = list(names)
    found = store.conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
        f" AND name IN ({', '.join('?' * len(names))}) ORDER BY name", [table, *names]).fetchall()
    for name, _sql in found:
        store.conn.execute(f"DROP TRIGGER [{name}]")
    return found


def restore_triggers(store: Store, suspended: list[tuple[str, str]]) -> None:
    """Recreate suspended triggers exactly as they were (nothing to do after a rollback did it)."""
    conn = store.conn
    if not conn.in_transaction:
        return
    for name, sql in suspended:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone():
            conn.execute(sql)


def mark_points_stale(store: Store, keys: Iterable[tuple[int, str]]) -> None:
    """(cycle_year, member_uuid) whose totals must be recomputed (what points_ledger_mark_stale does per row)."""
    store.conn.executemany("INSERT OR IGNORE INTO points_stale (cycle_year, member_uuid) VALUES (?, ?)", keys)


def mark_training_stale(store: Store, orgs: Iterable[str]) -> None:
    """Villages whose training figures must be recomputed (what the meetings and attendance triggers do per row)."""
    store.conn.executemany("INSERT OR IGNORE INTO training_stale (org) VALUES (?)", [(org,) for org in orgs])


def write_rows(store: Store, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows, or replace the whole row where the uuid exists (the caller decided it is newer)."""
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != "uuid")
    store.conn.executemany(
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT(uuid) DO UPDATE SET {updates}", rows)


def state_rows(store: Store, org_uuid: str) -> Iterator[tuple[str, str, int, int]]:
    """(table, uuid, version, deleted) of every row a village owns: what its state hash covers."""
    for table in SYNCED_TABLES:
        for uuid, version, deleted in store.conn.execute(
                f"SELECT uuid, version, deleted FROM [{table}] WHERE org = ?", [org_uuid]):
            yield table, uuid, version, deleted


def village_rows(store: Store, org_uuid: str) -> Iterator[tuple[str, dict]]:
    """Every row a village owns, tables in foreign-key order and rows in the order they arrived
    (so a parent comes before its children, a reversed ledger entry before its reversal)."""
    for table in SYNCED_TABLES:
        cursor = store.conn.execute(f"SELECT * FROM [{table}] WHERE org = ? ORDER BY rowid", [org_uuid])
        names = [d[0] for d in cursor.description]
        for values in cursor:
            yield table, dict(zip(names, values))


def rule_rows(store: Store) -> list[tuple[str, dict]]:
    """Every rulebook and star-criteria version this database holds (issued by the district)."""
    out = []
    for table in ("rulebooks", "star_criteria"):
        out += [(table, row) for row in store.query(f"SELECT * FROM [{table}] ORDER BY effective_from, rowid")]
    return out
