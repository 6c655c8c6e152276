"""红旗村 flags at the district: flag types, awards per village / year / half-year / type, and
revocations (both append-only). A flag counts while it has no revocation. District database only.

`village_uuid` is the village's org uuid (sync_villages.org_uuid)."""

from __future__ import annotations

import json

from dangjian_desktop.store.db import Store

#: A flag in force: awarded and not revoked.
_IN_FORCE = "NOT EXISTS (SELECT 1 FROM red_flag_revocations x WHERE x.flag_uuid = f.uuid)"


def _villages(sql: str, params: list, village_uuids) -> tuple[str, list]:
    """Restrict to a set of villages (any size: passed as one JSON array, not as many parameters)."""
    if village_uuids is None:
        return sql, params
    return (sql + " AND f.village_uuid IN (SELECT value FROM json_each(?))",
            [*params, json.dumps(list(village_uuids))])


def red_flag_counts(store: Store, year: int, village_uuids=None) -> dict[str, int]:
    """flag type → number of villages holding a flag of that type (either half) in `year`."""
    sql, params = _villages(f"SELECT f.flag_type, COUNT(DISTINCT f.village_uuid) FROM red_flags f"
                            f" WHERE f.year = ? AND {_IN_FORCE}", [year], village_uuids)
    return dict(store.conn.execute(sql + " GROUP BY f.flag_type ORDER BY f.flag_type", params).fetchall())


def red_flag_village_count(store: Store, year: int, village_uuids=None) -> int:
    """Number of villages holding at least one flag in force in `year` (红旗村 count)."""
    sql, params = _villages(f"SELECT COUNT(DISTINCT f.village_uuid) FROM red_flags f WHERE f.year = ? AND {_IN_FORCE}",
                            [year], village_uuids)
    return store.conn.execute(sql, params).fetchone()[0]


def flag_types(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT name FROM red_flag_types ORDER BY position, name")]


def add_flag_type(store: Store, *, name: str, at: str, actor: str) -> None:
    store.conn.execute("INSERT INTO red_flag_types (name, position, at, actor)"
                       " VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM red_flag_types), ?, ?)",
                       [name, at, actor])


def insert_flag(store: Store, row: dict) -> None:
    store.conn.execute("INSERT INTO red_flags (uuid, village_uuid, year, half, flag_type, awarded_on, note, at, actor)"
                       " VALUES (:uuid, :village_uuid, :year, :half, :flag_type, :awarded_on, :note, :at, :actor)", row)


def insert_revocation(store: Store, row: dict) -> None:
    store.conn.execute("INSERT INTO red_flag_revocations (flag_uuid, reason, revoked_on, at, actor)"
                       " VALUES (:flag_uuid, :reason, :revoked_on, :at, :actor)", row)


_LIST = """
    SELECT f.uuid, f.village_uuid, f.year, f.half, f.flag_type, f.awarded_on, f.note, f.at, f.actor,
        v.code, v.name, v.town_uuid, COALESCE(t.name, v.town) AS town_name,
        r.reason AS revoked_reason, r.revoked_on, r.actor AS revoked_by
    FROM red_flags f
    LEFT JOIN sync_villages v ON v.org_uuid = f.village_uuid
    LEFT JOIN orgs t ON t.uuid = v.town_uuid
    LEFT JOIN red_flag_revocations r ON r.flag_uuid = f.uuid
    WHERE 1 = 1
"""


def flags(store: Store, *, year: int | None = None, half: int | None = None, town_uuid: str | None = None,
          village_uuids=None, include_revoked: bool = False) -> list[dict]:
    """Flags with their village, town and revocation, by year, half, town and village code."""
    sql, params = _LIST, []
    for column, value in (("f.year", year), ("f.half", half), ("v.town_uuid", town_uuid)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    if not include_revoked:
        sql += " AND r.flag_uuid IS NULL"
    sql, params = _villages(sql, params, village_uuids)
    return store.query(sql + " ORDER BY f.year DESC, f.half DESC, town_name, v.code, f.flag_type", params)


def flag(store: Store, flag_uuid: str) -> dict | None:
    return store.query_one(_LIST + " AND f.uuid = ?", [flag_uuid])


def held(store: Store, *, village_uuid: str, year: int, half: int, flag_type: str) -> dict | None:
    """The flag in force of this village, period and type, if any (one at a time)."""
    return store.query_one(f"SELECT f.* FROM red_flags f WHERE f.village_uuid = ? AND f.year = ? AND f.half = ?"
                           f" AND f.flag_type = ? AND {_IN_FORCE}", [village_uuid, year, half, flag_type])


def flags_by_prefix(store: Store, prefix: str) -> list[dict]:
    """Flags whose uuid starts with `prefix` (the command line shows the first 8 characters)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return store.query(_LIST + " AND f.uuid LIKE ? ESCAPE '\\'", [escaped + "%"])


def villages(store: Store) -> list[dict]:
    """The registered villages to award flags to, by town and code."""
    return store.query("SELECT v.org_uuid, v.code, v.name, COALESCE(t.name, v.town) AS town_name FROM sync_villages v"
                       " LEFT JOIN orgs t ON t.uuid = v.town_uuid ORDER BY town_name, v.code")


# -- the village's own flags (carried in its return bundles) ---------------------------------------
FLAG_FIELDS = ("uuid", "village_uuid", "year", "half", "flag_type", "awarded_on", "note", "at", "actor")


def village_flags(store: Store, village_uuid: str) -> list[dict]:
    """Every flag of a village with its revocation (None when in force), oldest first."""
    rows = store.query(f"SELECT {', '.join('f.' + c for c in FLAG_FIELDS)}, r.reason, r.revoked_on,"
                       " r.at AS revoked_at, r.actor AS revoked_by FROM red_flags f"
                       " LEFT JOIN red_flag_revocations r ON r.flag_uuid = f.uuid"
                       " WHERE f.village_uuid = ? ORDER BY f.year, f.half, f.rowid", [village_uuid])
    for row in rows:
        reason, revoked_on, at, actor = (row.pop(k) for k in ("reason", "revoked_on", "revoked_at", "revoked_by"))
        row["revoked"] = {"reason": reason, "revoked_on": revoked_on, "at": at, "actor": actor} if reason else None
    return rows


def keep_flag(store: Store, flag: dict) -> int:
    """Keep a flag (and its revocation) the district sent; 1 for each row that was new."""
    added = store.conn.execute(f"INSERT OR IGNORE INTO red_flags ({', '.join(FLAG_FIELDS)})"
                               f" VALUES ({', '.join('?' * len(FLAG_FIELDS))})",
                               [flag[c] for c in FLAG_FIELDS]).rowcount
    revoked = flag.get("revoked")
    if revoked:
        added += store.conn.execute(
            "INSERT OR IGNORE INTO red_flag_revocations (flag_uuid, reason, revoked_on, at, actor)"
            " VALUES (?, ?, ?, ?, ?)",
            [flag["uuid"], revoked["reason"], revoked["revoked_on"], revoked["at"], revoked["actor"]]).rowcount
    return added
