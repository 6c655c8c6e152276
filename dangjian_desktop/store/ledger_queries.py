"""Read queries for the points page: the ledger as the secretary reads it.

Each entry comes with its member (name, pinyin, branch, group) and, when a later entry reversed it,
that reversal's reason and time, so a table can mark both sides of a correction without a query
per row.
"""

from __future__ import annotations

from dangjian_desktop.store.db import Store


def ledger_rows(store: Store, org: str, *, start: str | None = None, end: str | None = None,
                member_uuid: str | None = None) -> list[dict]:
    """Entries of one village between two ISO dates (inclusive), newest first."""
    where, params = ["l.org = :org", "l.deleted = 0"], {"org": org}
    for clause, name, value in (("l.occurred_on >= :start", "start", start), ("l.occurred_on <= :end", "end", end),
                                ("l.member_uuid = :member", "member", member_uuid)):
        if value is not None:
            where.append(clause)
            params[name] = value
    return store.query(
        "SELECT l.uuid, l.member_uuid, l.occurred_on, l.item_code, l.points_x100, l.source, l.source_uuid,"
        " l.reverses_uuid, l.reason, l.recorded_by, l.updated_at, l.cycle_year,"
        " m.name AS member_name, m.name_pinyin, m.name_initials, m.group_name, o.name AS branch_name,"
        " r.uuid AS reversed_by_uuid, r.reason AS reversed_reason, r.updated_at AS reversed_at"
        " FROM points_ledger l"
        " JOIN members m ON m.uuid = l.member_uuid"
        " JOIN orgs o ON o.uuid = m.branch_uuid"
        " LEFT JOIN points_ledger r ON r.reverses_uuid = l.uuid AND r.deleted = 0"
        f" WHERE {' AND '.join(where)} ORDER BY l.occurred_on DESC, l.rowid DESC",
        params,
    )


def first_ledger_cycle(store: Store, org: str) -> int | None:
    """The earliest cycle year with any entry of the village."""
    return store.scalar("SELECT MIN(cycle_year) FROM points_ledger WHERE org = ? AND deleted = 0", [org])
