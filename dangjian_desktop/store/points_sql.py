"""Points totals for many members at once, in SQL.

This is the fast path of `core.points.score_members` (the specification): the same caps per item
and cap period, the same per-category floor ("扣完为止") and the same yearly bonus cap, computed
inside SQLite. A property test holds the two to the same results.

Whole-cycle scores are cached in `points_totals`: a trigger marks the (cycle, member) of each new
ledger row stale, and `refresh_totals` recomputes only the stale members (all of them when the
rulebook in force changed). So a district's yearly totals are a read of one row per member, and a
million-row import pays for its totals once, not at every look at the dashboard. Scores up to a
date inside a cycle (a month, a quarter) are computed from the ledger directly.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from dangjian_desktop.core.periods import cycle_bounds
from dangjian_desktop.store.db import Store

_ROSTER = "m.status = '在册' AND m.category IN ('正式党员', '预备党员')"


class TotalRow(NamedTuple):
    member_uuid: str
    base_x100: int
    bonus_x100: int
    deduction_x100: int
    total_x100: int


def _sums_sql(rulebook, where: str) -> str:
    """Per (member, item[, cap period]) sums: an ordered pass over the covering index, no sort,
    except for items capped per month or quarter (none in the default rulebook)."""
    periodic = {i.code: i.cap_period for i in rulebook.items.values()
                if i.cap_x100 is not None and i.cap_period in ("month", "quarter")}
    codes = ", ".join("'" + code.replace("'", "''") + "'" for code in periodic)
    yearly = (f"SELECT l.member_uuid, l.item_code, SUM(l.points_x100) AS s FROM points_ledger l"
              f" WHERE {where}{f' AND l.item_code NOT IN ({codes})' if periodic else ''}"
              " GROUP BY l.member_uuid, l.item_code")
    if not periodic:
        return yearly
    monthly = ", ".join(f"'{c}'" for c, p in periodic.items() if p == "month") or "NULL"
    quarter = f"((CAST(substr(l.occurred_on, 6, 2) AS INTEGER) - {rulebook.cycle_start_month} + 12) % 12) / 3"
    return (f"{yearly} UNION ALL SELECT member_uuid, item_code, SUM(points_x100) FROM ("
            f"SELECT l.member_uuid, l.item_code, l.points_x100, CASE WHEN l.item_code IN ({monthly})"
            f" THEN substr(l.occurred_on, 6, 2) ELSE {quarter} END AS period FROM points_ledger l"
            f" WHERE {where} AND l.item_code IN ({codes})) GROUP BY member_uuid, item_code, period")


def _scores_sql(rulebook, where: str) -> tuple[str, dict]:
    """(member_uuid, b = base, o = bonus, d = deduction) for every member with ledger rows matching `where`."""
    categories = [c.code for c in rulebook.categories]
    params, values = {}, []
    for n, item in enumerate(rulebook.items.values()):
        params.update({f"code{n}": item.code, f"cap{n}": item.cap_x100})
        values.append(f"(:code{n}, {categories.index(item.category)}, {int(item.kind == 'bonus')}, :cap{n})")
    deduction_columns = ", ".join(
        f"SUM(CASE WHEN NOT c.bonus AND c.category = {n} THEN c.v ELSE 0 END) AS d{n}" for n in range(len(categories)))
    floors = " + ".join(f"MAX(0, {c.base_x100} + t.d{n})" for n, c in enumerate(rulebook.categories))
    bonus = "t.bonus" if rulebook.bonus_cap_x100 is None else f"MIN(t.bonus, {int(rulebook.bonus_cap_x100)})"
    sql = f"""
    WITH items(item_code, category, bonus, cap) AS MATERIALIZED (VALUES {', '.join(values)}),
    capped AS (
        SELECT s.member_uuid, i.category, i.bonus,
            CASE WHEN i.bonus THEN MAX(0, CASE WHEN i.cap IS NULL THEN s.s ELSE MIN(s.s, i.cap) END)
                 ELSE MIN(0, CASE WHEN i.cap IS NULL THEN s.s ELSE MAX(s.s, -i.cap) END) END AS v
        FROM ({_sums_sql(rulebook, where)}) s CROSS JOIN items i ON i.item_code = s.item_code
    ),
    totals AS (
        SELECT c.member_uuid, SUM(CASE WHEN c.bonus THEN c.v ELSE 0 END) AS bonus,
            SUM(CASE WHEN c.bonus THEN 0 ELSE c.v END) AS deduction, {deduction_columns}
        FROM capped c GROUP BY c.member_uuid
    )
    SELECT t.member_uuid AS member_uuid, {floors} AS b, {bonus} AS o, t.deduction AS d FROM totals t"""
    return sql, params


def refresh_totals(store: Store, rulebook, *, cycle_year: int) -> int:
    """Recompute the cached whole-cycle scores that are stale; returns how many members it did."""
    with store.atomic():
        outdated = store.scalar("SELECT COUNT(*) FROM points_totals WHERE cycle_year = ? AND rulebook_sha != ?",
                                [cycle_year, rulebook.sha256])
        where = "l.cycle_year = :cycle_year"
        if not outdated:
            if not store.scalar("SELECT 1 FROM points_stale WHERE cycle_year = ? LIMIT 1", [cycle_year]):
                return 0
            where += " AND l.member_uuid IN (SELECT member_uuid FROM points_stale WHERE cycle_year = :cycle_year)"
        sql, params = _scores_sql(rulebook, where)
        params.update(cycle_year=cycle_year, sha=rulebook.sha256)
        if outdated:
            store.conn.execute("DELETE FROM points_totals WHERE cycle_year = ?", [cycle_year])
        cursor = store.conn.execute(
            "INSERT OR REPLACE INTO points_totals (cycle_year, member_uuid, rulebook_sha, base_x100, bonus_x100,"
            f" deduction_x100) SELECT :cycle_year, member_uuid, :sha, b, o, d FROM ({sql})", params)
        store.conn.execute("DELETE FROM points_stale WHERE cycle_year = ?", [cycle_year])
        return cursor.rowcount


def score_totals(store: Store, rulebook, *, cycle_year: int, through: str | None = None,
                 org: str | None = None, roster_only: bool = True) -> list[TotalRow]:
    """Totals per member for one cycle (up to `through`, an ISO date, if given).

    `org` limits to one village (None: every village in the database, at the district).
    Every member in scope gets a row, those without entries at the base total.
    """
    member_filter = ["m.deleted = 0"]
    if org:
        member_filter.append("m.org = :org")
    if roster_only:
        member_filter.append(_ROSTER)
    base_total = sum(c.base_x100 for c in rulebook.categories)
    cycle_end = cycle_bounds(cycle_year, rulebook.cycle_start_month)[1]
    if through is None or date.fromisoformat(through) >= cycle_end:
        refresh_totals(store, rulebook, cycle_year=cycle_year)
        sql = ("SELECT m.uuid, t.base_x100, t.bonus_x100, t.deduction_x100 FROM members m"
               " LEFT JOIN points_totals t ON t.cycle_year = :cycle_year AND t.member_uuid = m.uuid"
               f" WHERE {' AND '.join(member_filter)}")
        params = {"cycle_year": cycle_year, "org": org}
    else:
        where = "l.cycle_year = :cycle_year AND l.occurred_on <= :through"
        if org:
            where += " AND l.member_uuid IN (SELECT uuid FROM members WHERE org = :org)"
        scores, params = _scores_sql(rulebook, where)
        sql = (f"WITH scores AS MATERIALIZED ({scores}) SELECT m.uuid, s.b, s.o, s.d FROM members m"
               f" LEFT JOIN scores s ON s.member_uuid = m.uuid WHERE {' AND '.join(member_filter)}")
        params.update(cycle_year=cycle_year, through=through, org=org)
    rows = store.conn.execute(sql, params).fetchall()
    return [TotalRow(uuid, base, bonus, deduction, base + bonus) if base is not None
            else TotalRow(uuid, base_total, 0, 0, base_total) for uuid, base, bonus, deduction in rows]
