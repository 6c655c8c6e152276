"""Reading the audit trail (audit_log) for the 操作记录 page: filtered, newest first, a page at a time.

Only reads: the table is append-only (triggers refuse UPDATE and DELETE, schema m001) and nothing
here or anywhere in the program changes an entry. The filters use the indexes of m009_audit (at,
actor, action; audit_text for free text) and m001's audit_record (table_name); counting stops at
`count_limit`. On a million entries a page and its count take milliseconds, free text alone about a
second (bench/audit_bench.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.store.db import Store

#: The table filter value for entries that concern no single kind of record (imports, backups …).
NO_TABLE = ""
#: What a list row shows; `subject` names the record of an entry written without a summary.
_LIST_COLUMNS = ("id, at, actor, action, table_name, record_uuid, summary, COALESCE("
                 + ", ".join(f"json_extract({side}_json, '$.{key}')" for side in ("after", "before")
                             for key in ("name", "title", "item_code")) + ") AS subject")


@dataclass(frozen=True)
class AuditFilter:
    since: str | None = None  # UTC ISO, included
    until: str | None = None  # UTC ISO, excluded
    actor: str | None = None
    table: str | None = None  # a table name, or NO_TABLE for entries without one
    action: str | None = None
    text: str | None = None  # found in the summary or the person's name


def _where(f: AuditFilter) -> tuple[str, list]:
    where, params = [], []
    if f.since:
        where.append("at >= ?")
        params.append(f.since)
    if f.until:
        where.append("at < ?")
        params.append(f.until)
    if f.actor:
        where.append("actor = ?")
        params.append(f.actor)
    if f.table is not None:
        if f.table == NO_TABLE:
            where.append("table_name IS NULL")
        else:
            where.append("table_name = ?")
            params.append(f.table)
    if f.action:
        where.append("action = ?")
        params.append(f.action)
    if f.text:
        like = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(summary LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\')")
        params += [like, like]
    return (" WHERE " + " AND ".join(where)) if where else "", params


def entries(store: Store, f: AuditFilter, *, limit: int = 200, before_id: int | None = None) -> list[dict]:
    """Up to `limit` entries matching `f`, newest first; `before_id` continues after a page."""
    where, params = _where(f)
    if before_id is not None:
        where = (where + " AND" if where else " WHERE") + " id < ?"
        params.append(before_id)
    return store.query(f"SELECT {_LIST_COLUMNS} FROM audit_log{where} ORDER BY id DESC LIMIT ?", params + [limit])


def count(store: Store, f: AuditFilter, *, count_limit: int = 100_000) -> tuple[int, bool]:
    """How many entries match `f` and whether that is exact: a filtered count stops after
    `count_limit` (then it is `count_limit`, not exact); the whole trail is always counted."""
    where, params = _where(f)
    if not where:
        return store.scalar("SELECT COUNT(*) FROM audit_log"), True
    n = store.scalar(f"SELECT COUNT(*) FROM (SELECT 1 FROM audit_log{where} LIMIT ?)", params + [count_limit + 1])
    return min(n, count_limit), n <= count_limit


def first_page(store: Store, f: AuditFilter, *, limit: int = 200,
               count_limit: int = 100_000) -> tuple[list[dict], int, bool]:
    """The newest `limit` entries matching `f`, with `count`'s figures. Free text cannot use an
    index: its matches are found in one pass (their ids, up to `count_limit`), not one per figure."""
    if not f.text:
        return entries(store, f, limit=limit), *count(store, f, count_limit=count_limit)
    where, params = _where(f)
    only_text = not (f.since or f.until or f.actor or f.table is not None or f.action)
    # Text alone: scan the small index of summaries, not the table with every entry's before/after.
    source = "audit_log INDEXED BY audit_text" if only_text and _has_index(store, "audit_text") else "audit_log"
    ids = [r[0] for r in store.conn.execute(
        f"SELECT id FROM {source}{where} ORDER BY id DESC LIMIT ?", params + [count_limit + 1])]
    shown = ids[:limit]
    rows = store.query(f"SELECT {_LIST_COLUMNS} FROM audit_log WHERE id IN ({', '.join('?' * len(shown))})"
                       " ORDER BY id DESC", shown) if shown else []
    return rows, min(len(ids), count_limit), len(ids) <= count_limit


def _has_index(store: Store, name: str) -> bool:
    return bool(store.scalar("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [name]))


def entry(store: Store, entry_id: int) -> dict | None:
    """One whole entry, with its before and after (JSON text)."""
    return store.query_one("SELECT * FROM audit_log WHERE id = ?", [entry_id])


def record_names(store: Store, refs: dict[str, tuple[str, str]]) -> dict[str, str]:
    """uuid → the name (or title …) of each referenced record that exists (one look-up each)."""
    out = {}
    for uuid, (table, column) in refs.items():
        value = store.scalar(f"SELECT [{column}] FROM [{table}] WHERE uuid = ?", [uuid])
        if value is not None:
            out[uuid] = str(value)
    return out


def _distinct(store: Store, column: str) -> list[str]:
    # One index seek per distinct value (a loose index scan): a plain DISTINCT reads the whole index.
    return [r[0] for r in store.conn.execute(
        f"WITH RECURSIVE v(x) AS (SELECT MIN({column}) FROM audit_log"
        f" UNION ALL SELECT (SELECT MIN({column}) FROM audit_log WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL)"
        " SELECT x FROM v WHERE x IS NOT NULL")]


def actors(store: Store) -> list[str]:
    """Everyone who appears in the trail (through the index audit_actor)."""
    return _distinct(store, "actor")


def tables(store: Store) -> list[str]:
    """The kinds of record that appear in the trail (through the index audit_record)."""
    return _distinct(store, "table_name")


def actions(store: Store) -> list[str]:
    """The actions that appear in the trail (through the index audit_action)."""
    return _distinct(store, "action")


def all_entries(store: Store, f: AuditFilter, *, limit: int) -> list[dict]:
    """Every entry matching `f` (up to `limit`), newest first, whole (for an export)."""
    where, params = _where(f)
    return store.query(f"SELECT * FROM audit_log{where} ORDER BY id DESC LIMIT ?", params + [limit])
