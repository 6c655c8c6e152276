"""Read queries. Services and GUI models read through these; no SQL lives above the store."""

from __future__ import annotations

from typing import Iterable

from dangjian_desktop.store.db import Store
from dangjian_desktop.store.tables import SYNCED_TABLES

_ON_ROSTER = "m.deleted = 0 AND m.status = '在册' AND m.category IN ('正式党员', '预备党员')"


def org(store: Store, uuid: str) -> dict | None:
    return store.query_one("SELECT * FROM orgs WHERE uuid = ? AND deleted = 0", [uuid])


def child_orgs(store: Store, parent_uuid: str, kind: str | None = None) -> list[dict]:
    sql = "SELECT * FROM orgs WHERE parent_uuid = ? AND deleted = 0"
    params: list = [parent_uuid]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    return store.query(sql + " ORDER BY name", params)


def branches(store: Store, village_uuid: str) -> list[dict]:
    """The village org itself (a 村党支部 is its own branch) and any branches under it."""
    return store.query(
        "SELECT * FROM orgs WHERE deleted = 0 AND (uuid = ? OR (parent_uuid = ? AND kind = 'branch'))"
        " ORDER BY (uuid = ?) DESC, name",
        [village_uuid, village_uuid, village_uuid],
    )


def members(store: Store, org: str, *, roster_only: bool = False, include_left: bool = True) -> list[dict]:
    """Members of a village with their branch name, in pinyin order."""
    where = ["m.org = ?", "m.deleted = 0"]
    if roster_only:
        where.append(_ON_ROSTER)
    elif not include_left:
        where.append("m.status = '在册'")
    return store.query(
        "SELECT m.*, o.name AS branch_name FROM members m JOIN orgs o ON o.uuid = m.branch_uuid"
        f" WHERE {' AND '.join(where)} ORDER BY m.name_pinyin, m.name",
        [org],
    )


def member_by_id_number(store: Store, org: str, id_number: str) -> dict | None:
    return store.query_one(
        "SELECT * FROM members WHERE org = ? AND id_number = ? AND deleted = 0", [org, id_number]
    )


def member(store: Store, uuid: str) -> dict | None:
    return store.query_one(
        "SELECT m.*, o.name AS branch_name FROM members m JOIN orgs o ON o.uuid = m.branch_uuid"
        " WHERE m.uuid = ?",
        [uuid],
    )


def ledger(store: Store, org: str, *, member_uuid: str | None = None, start: str | None = None,
           end: str | None = None, item_code: str | None = None, cycle_year: int | None = None) -> list[dict]:
    where, params = ["l.org = ?"], [org]
    for clause, value in (("l.member_uuid = ?", member_uuid), ("l.occurred_on >= ?", start),
                          ("l.occurred_on <= ?", end), ("l.item_code = ?", item_code),
                          ("l.cycle_year = ?", cycle_year)):
        if value is not None:
            where.append(clause)
            params.append(value)
    return store.query(
        "SELECT l.*, m.name AS member_name,"
        " EXISTS (SELECT 1 FROM points_ledger r WHERE r.reverses_uuid = l.uuid) AS reversed"
        " FROM points_ledger l JOIN members m ON m.uuid = l.member_uuid"
        f" WHERE {' AND '.join(where)} ORDER BY l.occurred_on, l.rowid",
        params,
    )


def ledger_entries_for_scoring(store: Store, *, cycle_year: int, member_uuids: Iterable[str] | None = None) -> list[dict]:
    sql = ("SELECT member_uuid, item_code, occurred_on, points_x100 FROM points_ledger"
           " WHERE cycle_year = ? AND deleted = 0")
    params: list = [cycle_year]
    if member_uuids is not None:
        ids = list(member_uuids)
        sql += f" AND member_uuid IN ({', '.join('?' * len(ids))})"
        params += ids
    return store.query(sql, params)


def entries_from_source(store: Store, source_uuid: str) -> list[dict]:
    """Ledger entries posted automatically for one attendance row, not yet reversed."""
    return store.query(
        # The attendance row's village leads the index (ledger_source, m007).
        "SELECT * FROM points_ledger l WHERE l.org = (SELECT org FROM attendance WHERE uuid = ?)"
        " AND l.source_uuid = ? AND l.source = 'attendance'"
        " AND NOT EXISTS (SELECT 1 FROM points_ledger r WHERE r.reverses_uuid = l.uuid)",
        [source_uuid, source_uuid],
    )


def ledger_entry(store: Store, uuid: str) -> dict | None:
    return store.query_one(
        "SELECT l.*, EXISTS (SELECT 1 FROM points_ledger r WHERE r.reverses_uuid = l.uuid) AS reversed"
        " FROM points_ledger l WHERE l.uuid = ?",
        [uuid],
    )


def meetings(store: Store, org: str, *, start: str | None = None, end: str | None = None,
             type_code: str | None = None) -> list[dict]:
    where, params = ["mt.org = ?", "mt.deleted = 0"], [org]
    for clause, value in (("mt.held_on >= ?", start), ("mt.held_on <= ?", end), ("mt.type_code = ?", type_code)):
        if value is not None:
            where.append(clause)
            params.append(value)
    return store.query(
        "SELECT mt.*,"
        " SUM(a.status IN ('出席', '请假', '缺席')) AS expected,"
        " SUM(a.status = '出席') AS present,"
        " SUM(a.status = '请假') AS on_leave,"
        " SUM(a.status = '缺席') AS absent"
        " FROM meetings mt LEFT JOIN attendance a ON a.meeting_uuid = mt.uuid AND a.deleted = 0"
        f" WHERE {' AND '.join(where)} GROUP BY mt.uuid ORDER BY mt.held_on DESC, mt.start_time DESC",
        params,
    )


def meetings_held(store: Store, org: str, start: str, end: str) -> list[dict]:
    """Just which meetings were held when (for compliance and training counts): no attendance join."""
    return store.query(
        "SELECT uuid, type_code, held_on, hours FROM meetings"
        " WHERE org = ? AND deleted = 0 AND held_on BETWEEN ? AND ? ORDER BY held_on",
        [org, start, end],
    )


def attendance(store: Store, meeting_uuid: str) -> list[dict]:
    return store.query(
        "SELECT a.*, m.name AS member_name, m.category, m.standing, m.party_post, m.status AS member_status"
        " FROM attendance a JOIN members m ON m.uuid = a.member_uuid"
        " WHERE a.meeting_uuid = ? AND a.deleted = 0 ORDER BY m.name_pinyin",
        [meeting_uuid],
    )


def attendance_entry(store: Store, meeting_uuid: str, member_uuid: str) -> dict | None:
    """The member's row of a meeting's attendance, also when it was taken off the checklist."""
    return store.query_one("SELECT * FROM attendance WHERE meeting_uuid = ? AND member_uuid = ?",
                           [meeting_uuid, member_uuid])


def attendance_in_range(store: Store, org: str, start: str, end: str) -> list[dict]:
    return store.query(
        "SELECT a.meeting_uuid, a.member_uuid, a.status, mt.type_code, mt.hours, mt.held_on"
        " FROM attendance a JOIN meetings mt ON mt.uuid = a.meeting_uuid"
        " WHERE mt.org = ? AND mt.deleted = 0 AND a.deleted = 0 AND mt.held_on BETWEEN ? AND ?",
        [org, start, end],
    )


def presence_in_range(store: Store, org: str, start: str, end: str, type_codes: Iterable[str]) -> list[dict]:
    """Who was present (出席) at the meetings of these types held in a range: the rows study hours
    come from, without reading the rest of a year's attendance (under half the rows on the demo)."""
    codes = sorted(set(type_codes))
    if not codes:
        return []
    return store.query(
        "SELECT a.meeting_uuid, a.member_uuid, a.status"
        " FROM attendance a JOIN meetings mt ON mt.uuid = a.meeting_uuid"
        " WHERE mt.org = ? AND mt.deleted = 0 AND a.deleted = 0 AND mt.held_on BETWEEN ? AND ?"
        f" AND a.status = '出席' AND mt.type_code IN ({', '.join('?' * len(codes))})",
        [org, start, end, *codes],
    )


def row(store: Store, table: str, uuid: str) -> dict | None:
    return store.query_one(f"SELECT * FROM [{table}] WHERE uuid = ?", [uuid])


def rule_versions(store: Store, table: str) -> list[dict]:
    return store.query(
        f"SELECT uuid, code, version_label, effective_from, sha256 FROM [{table}]"
        " WHERE deleted = 0 ORDER BY effective_from DESC, version_label DESC"
    )


def star_assessment(store: Store, org: str, year: int) -> dict | None:
    return store.query_one(
        "SELECT * FROM star_assessments WHERE org = ? AND year = ? AND deleted = 0", [org, year]
    )


def star_item_scores(store: Store, assessment_uuid: str) -> list[dict]:
    return store.query(
        "SELECT * FROM star_item_scores WHERE assessment_uuid = ? AND deleted = 0 ORDER BY item_code",
        [assessment_uuid],
    )


def village_indicators(store: Store, org: str) -> list[dict]:
    return store.query(
        "SELECT * FROM village_indicators WHERE org = ? AND deleted = 0 ORDER BY year DESC", [org]
    )


def last_status_change(store: Store, org: str, category: str) -> str | None:
    """The latest date anyone reached `category` (e.g. the last 发展对象), from the audit trail."""
    return store.scalar(
        "SELECT MAX(substr(at, 1, 10)) FROM audit_log WHERE table_name = 'members'"
        " AND json_extract(after_json, '$.category') = ? AND json_extract(after_json, '$.org') = ?",
        [category, org],
    )


def audit_entries(store: Store, *, table: str | None = None, record_uuid: str | None = None,
                  limit: int = 500) -> list[dict]:
    where, params = ["1 = 1"], []
    if table:
        where.append("table_name = ?")
        params.append(table)
    if record_uuid:
        where.append("record_uuid = ?")
        params.append(record_uuid)
    return store.query(
        f"SELECT * FROM audit_log WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?", params + [limit]
    )


def change_log_tail(store: Store, after_seq: int = 0) -> list[dict]:
    return store.query("SELECT * FROM change_log WHERE seq > ? ORDER BY seq", [after_seq])


def ledger_cycles(store: Store, org: str) -> list[tuple[int, str]]:
    """(cycle year, rulebook of its latest entry) for every cycle with entries."""
    # SQLite takes a bare column from the row that holds MAX(rowid).
    return [(r["cycle_year"], r["rulebook_uuid"]) for r in store.query(
        "SELECT cycle_year, rulebook_uuid, MAX(rowid) FROM points_ledger WHERE org = ?"
        " GROUP BY cycle_year ORDER BY cycle_year", [org])]


def ledger_problems(store: Store) -> list[str]:
    """Reversals that do not mirror their entry exactly."""
    rows = store.query(
        "SELECT r.uuid, r.reverses_uuid, o.uuid AS original FROM points_ledger r"
        " LEFT JOIN points_ledger o ON o.uuid = r.reverses_uuid"
        " WHERE r.reverses_uuid IS NOT NULL AND (o.uuid IS NULL OR o.member_uuid != r.member_uuid"
        " OR o.item_code != r.item_code OR o.points_x100 != -r.points_x100 OR o.cycle_year != r.cycle_year"
        " OR o.reverses_uuid IS NOT NULL) LIMIT 20"
    )
    return [f"冲销记录 {r['uuid']} 与被冲销记录 {r['reverses_uuid']} 不对应" for r in rows]


def change_log_gaps(store: Store) -> list[str]:
    """Rows written on this device whose current version is missing from the change log."""
    device = store.setting("device_id")
    if not device:
        return []
    out = []
    for table in SYNCED_TABLES:
        missing = store.scalar(
            f"SELECT COUNT(*) FROM [{table}] t LEFT JOIN (SELECT record_uuid, MAX(version) AS v FROM change_log"
            " WHERE table_name = ? GROUP BY record_uuid) c ON c.record_uuid = t.uuid"
            " WHERE t.device = ? AND (c.v IS NULL OR c.v < t.version)", [table, device])
        if missing:
            out.append(f"表 {table} 有 {missing} 条本机修改没有写入变更日志")
    return out
