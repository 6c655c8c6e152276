"""Points totals for many members at once, in SQL.

This is the fast path of `core.points.score_members` (the specification): the same caps per item
and cap period, the same per-category floor ("扣完为止") and the same yearly bonus cap, computed
inside SQLite so that a whole district's yearly totals come back in one query. A property test
holds the two to the same results.
"""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.store.db import Store


@dataclass(frozen=True)
class TotalRow:
    member_uuid: str
    base_x100: int
    bonus_x100: int
    deduction_x100: int
    total_x100: int


def _values(rows: list[tuple], prefix: str) -> tuple[str, dict]:
    """A VALUES list with named parameters: ('(:i0, :i1), (:i2, :i3)', {'i0': …})."""
    params, groups = {}, []
    for row in rows:
        names = []
        for value in row:
            name = f"{prefix}{len(params)}"
            params[name] = value
            names.append(f":{name}")
        groups.append("(" + ", ".join(names) + ")")
    return ", ".join(groups), params


def score_totals(store: Store, rulebook, *, cycle_year: int, through: str | None = None,
                 org: str | None = None, roster_only: bool = True) -> list[TotalRow]:
    """Totals per member for one cycle (up to `through`, an ISO date, if given).

    `org` limits to one village (None: every village in the database, at the district).
    Every member in scope gets a row, those without entries at the base total.
    """
    items = [(i.code, i.category, i.kind, i.cap_x100, i.cap_period) for i in rulebook.items.values()]
    cats = [(c.code, c.base_x100) for c in rulebook.categories]
    items_sql, items_params = _values(items, "i")
    cats_sql, cats_params = _values(cats, "c")
    start = rulebook.cycle_start_month
    base_total = sum(c.base_x100 for c in rulebook.categories)
    bonus_cap = rulebook.bonus_cap_x100

    ledger_filter = ["l.cycle_year = :cycle_year", "l.deleted = 0"]
    member_filter = ["m.deleted = 0"]
    if through:
        ledger_filter.append("l.occurred_on <= :through")
    if org:
        ledger_filter.append("l.org = :org")
        member_filter.append("m.org = :org")
    if roster_only:
        member_filter.append("m.status = '在册' AND m.category IN ('正式党员', '预备党员')")

    sql = f"""
    WITH items(item_code, category, kind, cap, cap_period) AS (VALUES {items_sql}),
    cats(category, base) AS (VALUES {cats_sql}),
    sums AS (
        SELECT l.member_uuid, l.item_code,
            CASE i.cap_period
                WHEN 'month' THEN substr(l.occurred_on, 1, 7)
                WHEN 'quarter' THEN ((CAST(substr(l.occurred_on, 6, 2) AS INTEGER) - {start} + 12) % 12) / 3
                ELSE 0 END AS period,
            SUM(l.points_x100) AS s
        FROM points_ledger l JOIN items i ON i.item_code = l.item_code
        WHERE {' AND '.join(ledger_filter)}
        GROUP BY l.member_uuid, l.item_code, period
    ),
    capped AS (
        SELECT s.member_uuid, i.category, i.kind,
            CASE WHEN i.kind = 'bonus'
                THEN MAX(0, CASE WHEN i.cap IS NULL THEN s.s ELSE MIN(s.s, i.cap) END)
                ELSE MIN(0, CASE WHEN i.cap IS NULL THEN s.s ELSE MAX(s.s, -i.cap) END) END AS v
        FROM sums s JOIN items i ON i.item_code = s.item_code
    ),
    per_category AS (
        SELECT member_uuid, category, SUM(v) AS deduction
        FROM capped WHERE kind = 'deduction' GROUP BY member_uuid, category
    ),
    deductions AS (
        SELECT p.member_uuid, SUM(MAX(0, c.base + p.deduction) - c.base) AS base_change,
               SUM(p.deduction) AS deduction
        FROM per_category p JOIN cats c ON c.category = p.category GROUP BY p.member_uuid
    ),
    bonuses AS (SELECT member_uuid, SUM(v) AS bonus FROM capped WHERE kind = 'bonus' GROUP BY member_uuid)
    SELECT m.uuid AS member_uuid,
        {base_total} + COALESCE(d.base_change, 0) AS base_x100,
        {'MIN(COALESCE(b.bonus, 0), :bonus_cap)' if bonus_cap is not None else 'COALESCE(b.bonus, 0)'} AS bonus_x100,
        COALESCE(d.deduction, 0) AS deduction_x100
    FROM members m
    LEFT JOIN deductions d ON d.member_uuid = m.uuid
    LEFT JOIN bonuses b ON b.member_uuid = m.uuid
    WHERE {' AND '.join(member_filter)}
    """
    params = {"cycle_year": cycle_year, "through": through, "org": org, "bonus_cap": bonus_cap}
    params.update(items_params)
    params.update(cats_params)
    cursor = store.conn.execute(sql, params)
    return [TotalRow(uuid, base, bonus, deduction, base + bonus) for uuid, base, bonus, deduction in cursor]

