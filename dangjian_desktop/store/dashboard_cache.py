"""The dashboard's cache of figures per village and year (migration m008; filled and read by
services/dashboard_cache.py).

`dash_villages` holds one JSON row of figures per (year, village), for the day and rules named by
its cache key; `dash_members` the members behind the long lists. Triggers put the village of
every written member, meeting, org, registry, training-cache or points-total row into
`dash_stale`. A refresh runs in three steps, so that the long one holds no write lock:
`plan_refresh` (a short write: drop the stale villages' rows, for every year, and list the villages
of the scope without figures for the year and key), computing them (reads only), `write_computed`
(a short write of those still wanted: a village changed meanwhile is marked again and left to the
next refresh).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dangjian_desktop.store.db import Store
from dangjian_desktop.store.district_stats import ROSTER, Scope, _with_scope

LIST_KINDS = ("below", "vanguard", "failing")


def plan_refresh(store: Store, scope: Scope, *, key: str, day: str) -> list[str]:
    """Forget the stale villages' figures; the villages of `scope` whose figures for the year are
    missing, were made under other rules (`key`) or do not hold on `day` (call inside a transaction).

    A row's cache_key is `key|valid from|valid until` (ISO days: the figures hold from the first up
    to, not including, the second)."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM dash_stale LIMIT 1").fetchone():
        for table in ("dash_villages", "dash_members"):
            conn.execute(f"DELETE FROM {table} WHERE org IN (SELECT org FROM dash_stale)")
        conn.execute("DELETE FROM dash_stale")
    return [row[0] for row in conn.execute(_with_scope(
        "SELECT s.village FROM scope s LEFT JOIN dash_villages d ON d.year = :year AND d.org = s.village"
        " WHERE d.cache_key IS NULL OR substr(d.cache_key, 1, length(:key) + 1) IS NOT :key || '|'"
        " OR :day < substr(d.cache_key, length(:key) + 2, 10) OR :day >= substr(d.cache_key, length(:key) + 13, 10)"),
        {**scope.params(), "key": key, "day": day})]


def write_computed(store: Store, year: int, figures: dict[str, tuple[str, str]], members: Iterable[Sequence]) -> int:
    """Keep the figures (village → (cache_key, JSON)) and listed members (kind, village, member, name, party_post,
    value, floor, rank, sort_value) just computed, for the villages not marked stale since; returns
    how many villages were kept (call inside a transaction)."""
    conn = store.conn
    stale = {row[0] for row in conn.execute("SELECT org FROM dash_stale")}
    kept = [org for org in figures if org not in stale]
    orgs = json.dumps(kept)
    for table in ("dash_villages", "dash_members"):
        conn.execute(f"DELETE FROM {table} WHERE year = ? AND org IN (SELECT value FROM json_each(?))", [year, orgs])
    conn.executemany("INSERT INTO dash_villages (year, org, cache_key, figures) VALUES (?, ?, ?, ?)",
                     ((year, org, *figures[org]) for org in kept))
    conn.executemany(
        "INSERT OR REPLACE INTO dash_members (year, kind, org, member_uuid, name, party_post, value, floor, rank,"
        " sort_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ((year, *row) for row in members if row[1] not in stale))
    return len(kept)


def next_band_changes(store: Store, orgs: Sequence[str], *, ages: Sequence[int], after: str) -> dict[str, str]:
    """village → the earliest day after `after` on which a member on its roster reaches one of `ages`
    (by SQLite's date arithmetic: 29 February births may turn a day either side)."""
    years = " UNION ALL ".join(f"SELECT {int(age)} AS n" for age in ages) or "SELECT NULL AS n"
    return dict(store.conn.execute(
        f"SELECT m.org, MIN(date(m.birth_date, '+' || a.n || ' years')) FROM members m CROSS JOIN ({years}) a"
        f" WHERE m.org IN (SELECT value FROM json_each(?)) AND {ROSTER} AND length(m.birth_date) = 10"
        " AND date(m.birth_date, '+' || a.n || ' years') > ? GROUP BY m.org", [json.dumps(list(orgs)), after]).fetchall())


def points_stale(store: Store, year: int) -> bool:
    """Whether ledger entries of the year wait for their totals (store/points_sql.refresh_totals)."""
    return store.conn.execute("SELECT 1 FROM points_stale WHERE cycle_year = ? LIMIT 1", [year]).fetchone() is not None


def figures(store: Store, scope: Scope) -> dict[str, str]:
    """village → figures JSON of the villages in scope (after a refresh, every one of them)."""
    return dict(store.conn.execute(_with_scope(
        "SELECT d.org, d.figures FROM scope s JOIN dash_villages d ON d.year = :year AND d.org = s.village"),
        scope.params()).fetchall())


def listed_members(store: Store, scope: Scope, kind: str, *, offset: int = 0, limit: int = -1) -> list[tuple]:
    """(member, name, village, village name, town name, party_post, value, floor, rank) of a list,
    in its order: sort_value, then town, village and member name."""
    if kind not in LIST_KINDS:
        raise ValueError(kind)
    return store.conn.execute(_with_scope(
        "SELECT m.member_uuid, m.name, m.org, s.name, s.town_name, m.party_post, m.value, m.floor, m.rank"
        " FROM dash_members m JOIN scope s ON s.village = m.org WHERE m.year = :year AND m.kind = :kind"
        " ORDER BY m.sort_value, s.town_name, s.name, m.name LIMIT :limit OFFSET :offset"),
        {**scope.params(), "kind": kind, "limit": limit, "offset": offset}).fetchall()


def forget(store: Store) -> None:
    """Drop every cached figure (tests, and after the meaning of a figure changed)."""
    for table in ("dash_villages", "dash_members"):
        store.conn.execute(f"DELETE FROM {table}")
