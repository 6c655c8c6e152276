"""The district's registry: towns (orgs rows of kind 'town'), the villages attached to them, and
what each village's laptop has sent (per-village sync status). District database only."""

from __future__ import annotations

from dangjian_desktop.store.db import Store

_TOWN_COLUMNS = "uuid, name, code, area_code, parent_uuid, version, updated_at"


def towns(store: Store) -> list[dict]:
    """Every town that is not deleted, with how many registered villages it has."""
    return store.query(
        f"SELECT {', '.join('o.' + c.strip() for c in _TOWN_COLUMNS.split(','))},"
        " (SELECT COUNT(*) FROM sync_villages v WHERE v.town_uuid = o.uuid) AS villages"
        " FROM orgs o WHERE o.kind = 'town' AND o.deleted = 0 ORDER BY o.name")


def town(store: Store, uuid: str) -> dict | None:
    return store.query_one(f"SELECT {_TOWN_COLUMNS} FROM orgs WHERE uuid = ? AND kind = 'town' AND deleted = 0",
                           [uuid])


def town_by_name(store: Store, name: str) -> dict | None:
    return store.query_one(f"SELECT {_TOWN_COLUMNS} FROM orgs WHERE kind = 'town' AND deleted = 0 AND name = ?",
                           [name])


def set_village_town(store: Store, org_uuid: str, town_uuid: str | None, town_name: str | None) -> None:
    store.conn.execute("UPDATE sync_villages SET town_uuid = ?, town = ? WHERE org_uuid = ?",
                       [town_uuid, town_name, org_uuid])


def rename_town_text(store: Store, town_uuid: str, name: str) -> None:
    store.conn.execute("UPDATE sync_villages SET town = ? WHERE town_uuid = ?", [name, town_uuid])


def rename_village(store: Store, org_uuid: str, name: str) -> None:
    store.conn.execute("UPDATE sync_villages SET name = ? WHERE org_uuid = ?", [name, org_uuid])


def register_village(store: Store, *, org_uuid: str, code: str, name: str, town_uuid: str | None,
                     town_name: str | None, at: str) -> None:
    """A village in the registry before (or without) an enrolment file; `enrolled_at` is when it
    was registered, enrolment itself is the rows of sync_enrolments."""
    store.conn.execute(
        "INSERT INTO sync_villages (org_uuid, code, name, town, town_uuid, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
        [org_uuid, code, name, town_name, town_uuid, at])


def village_orgs_of_town(store: Store, town_uuid: str) -> list[str]:
    return [r["org_uuid"] for r in store.query("SELECT org_uuid FROM sync_villages WHERE town_uuid = ?", [town_uuid])]


def village_status(store: Store) -> list[dict]:
    """One row per registered village: town, enrolment and device counts, the last bundle received
    and last applied, changes the village sent that wait (sent through − acknowledged), quarantined
    items. Times are UTC ISO text."""
    return store.query(
        """
        SELECT v.org_uuid, v.code, v.name, v.town_uuid, COALESCE(t.name, v.town) AS town_name, v.enrolled_at,
            (SELECT COUNT(*) FROM sync_enrolments e WHERE e.org_uuid = v.org_uuid) AS enrolments,
            (SELECT COUNT(*) FROM sync_enrolments e WHERE e.org_uuid = v.org_uuid AND e.used_by IS NULL)
                AS unused_enrolments,
            (SELECT COUNT(*) FROM sync_devices d WHERE d.org_uuid = v.org_uuid AND d.revoked_at IS NULL
                AND d.forked_at IS NULL) AS active_devices,
            (SELECT COUNT(*) FROM sync_devices d WHERE d.org_uuid = v.org_uuid AND d.revoked_at IS NOT NULL)
                AS revoked_devices,
            (SELECT COUNT(*) FROM sync_devices d WHERE d.org_uuid = v.org_uuid AND d.forked_at IS NOT NULL)
                AS forked_devices,
            (SELECT MAX(b.at) FROM sync_bundles b WHERE b.direction = 'in' AND b.kind = 'delta'
                AND b.village_org = v.org_uuid) AS last_bundle_at,
            (SELECT MAX(b.at) FROM sync_bundles b WHERE b.direction = 'in' AND b.kind = 'delta'
                AND b.village_org = v.org_uuid AND b.status IN ('applied', 'held')) AS last_import_at,
            (SELECT b.status FROM sync_bundles b WHERE b.direction = 'in' AND b.kind = 'delta'
                AND b.village_org = v.org_uuid ORDER BY b.id DESC LIMIT 1) AS last_status,
            (SELECT MAX(b.at) FROM sync_bundles b WHERE b.direction = 'out' AND b.kind = 'return'
                AND b.village_org = v.org_uuid) AS last_return_at,
            (SELECT MAX(0, COALESCE((SELECT MAX(b.seq_through) FROM sync_bundles b WHERE b.village_org = v.org_uuid
                    AND b.direction = 'in' AND b.kind = 'delta' AND b.device = d.device_id), 0) - d.acked_seq)
                FROM sync_devices d WHERE d.org_uuid = v.org_uuid AND d.revoked_at IS NULL AND d.forked_at IS NULL
                ORDER BY d.registered_at DESC LIMIT 1) AS waiting,
            (SELECT COUNT(*) FROM sync_quarantine q WHERE q.device IN
                (SELECT device_id FROM sync_devices d WHERE d.org_uuid = v.org_uuid)) AS quarantined
        FROM sync_villages v LEFT JOIN orgs t ON t.uuid = v.town_uuid
        ORDER BY COALESCE(t.name, v.town, ''), v.code
        """)
