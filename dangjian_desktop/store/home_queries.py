"""Read queries for the home and settings pages: what a database file holds, at a glance.

They run on the open database and on a backup file opened on its own connection alike, so the
restore preview can put "now" and "in the backup" side by side.
"""

from __future__ import annotations

from dangjian_desktop.store.db import Store


def database_summary(store: Store) -> dict:
    """The owning organisation, counts of what it holds and when it last changed (UTC text)."""
    org_uuid = store.scalar("SELECT value FROM settings WHERE key = 'org_uuid'")
    org = store.query_one("SELECT name, code FROM orgs WHERE uuid = ?", [org_uuid]) if org_uuid else None
    return {
        "org_uuid": org_uuid,
        "role": store.scalar("SELECT value FROM settings WHERE key = 'role'"),
        "org_name": org["name"] if org else None,
        "org_code": org["code"] if org else None,
        "members": store.scalar(
            "SELECT COUNT(*) FROM members WHERE org = ? AND deleted = 0 AND status = '在册'"
            " AND category IN ('正式党员', '预备党员')", [org_uuid]),
        "meetings": store.scalar("SELECT COUNT(*) FROM meetings WHERE org = ? AND deleted = 0", [org_uuid]),
        "ledger_entries": store.scalar("SELECT COUNT(*) FROM points_ledger WHERE org = ?", [org_uuid]),
        "last_change": store.scalar("SELECT MAX(at) FROM audit_log"),
    }


def has_tables(store: Store, names: tuple[str, ...]) -> bool:
    found = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return set(names) <= found
