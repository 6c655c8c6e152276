"""Migrations m003–m004: the district's registry, the star-review workflow and the dashboard's reads.
Registered after store/schema.py's own (m001–m002), which imports this module."""

from __future__ import annotations

from sqlite_utils import Database

from dangjian_desktop.store.schema_tools import migrations, run_script


@migrations()
def m003_district(db: Database) -> None:
    """The district's registry (towns as org rows, villages attached to them) and the star-review
    workflow (初审 → 审核 → 公示 → 命名), every stage kept."""
    run_script(
        db,
        """
        -- A registered village belongs to a town (an orgs row of kind 'town'); `town` stays as its
        -- name at enrolment for databases made before towns were rows.
        ALTER TABLE sync_villages ADD COLUMN town_uuid TEXT REFERENCES orgs(uuid);
        CREATE INDEX sync_villages_town ON sync_villages(town_uuid);
        -- The registry's per-village status reads (1 000 villages, 12 000 bundles a year).
        CREATE INDEX sync_bundles_village ON sync_bundles(village_org, direction, kind);
        CREATE INDEX sync_devices_org ON sync_devices(org_uuid);
        CREATE INDEX sync_enrolments_org ON sync_enrolments(org_uuid);
        CREATE INDEX sync_quarantine_device ON sync_quarantine(device);

        -- Every stage of the review of one village's yearly self-assessment, append-only: town
        -- initial review, district final review, publicity window, award. The current state of an
        -- assessment is its latest stage. `items_json` holds the reviewer's per-item scores and
        -- comments ({code: {"score": x, "comment": "..."}}), `veto_json` the veto items hit.
        CREATE TABLE star_review_stages (
            uuid TEXT PRIMARY KEY,
            village_org TEXT NOT NULL,
            assessment_uuid TEXT NOT NULL,
            year INTEGER NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN ('town', 'district', 'publicity', 'award')),
            reviewer TEXT NOT NULL,
            reviewer_role TEXT NOT NULL CHECK (reviewer_role IN ('town', 'district')),
            town_uuid TEXT,
            at TEXT NOT NULL,
            reviewed_on TEXT NOT NULL,
            score REAL,
            star_level INTEGER,
            vetoed INTEGER NOT NULL DEFAULT 0,
            items_json TEXT,
            veto_json TEXT,
            comment TEXT,
            publicity_start TEXT,
            publicity_end TEXT,
            previous_level INTEGER,
            star_change TEXT CHECK (star_change IN ('new', 'raised', 'lowered', 'removed', 'kept'))
        );
        CREATE INDEX star_review_stages_assessment ON star_review_stages(assessment_uuid, at);
        CREATE INDEX star_review_stages_village ON star_review_stages(village_org, year, stage);
        CREATE TRIGGER star_review_stages_no_update BEFORE UPDATE ON star_review_stages
            BEGIN SELECT RAISE(ABORT, 'star_review_stages is append-only'); END;
        CREATE TRIGGER star_review_stages_no_delete BEFORE DELETE ON star_review_stages
            BEGIN SELECT RAISE(ABORT, 'star_review_stages is append-only'); END;
        """
    )
    _towns_from_text(db)


def _towns_from_text(db: Database) -> None:
    """A district database made before towns were rows: one town row per town name its villages
    were enrolled with (uuid derived from the name, as services/registry.py derives it)."""
    from dangjian_desktop.core.ids import derived_uuid
    from dangjian_desktop.store.db import utc_now

    settings = dict(db.execute("SELECT key, value FROM settings").fetchall())
    if settings.get("role") != "district":
        return
    district, device = settings["org_uuid"], settings["device_id"]
    names = [r[0] for r in db.execute("SELECT DISTINCT TRIM(town) FROM sync_villages"
                                      " WHERE town IS NOT NULL AND TRIM(town) != ''").fetchall()]
    for name in names:
        uuid = derived_uuid("town", district, name)
        db.execute("INSERT OR IGNORE INTO orgs (uuid, org, device, updated_at, parent_uuid, kind, name)"
                   " VALUES (?, ?, ?, ?, ?, 'town', ?)", [uuid, district, device, utc_now(), district, name])
        db.execute("UPDATE sync_villages SET town_uuid = ? WHERE TRIM(town) = ?", [uuid, name])


@migrations()
def m004_dashboard(db: Database) -> None:
    """The district dashboard's reads (store/district_stats.py): covering indexes for a year's meetings
    and who was present, and a derived cache of training figures per village and member."""
    run_script(
        db,
        """
        -- A year's meetings of a village without reading their rows (compliance, training sessions).
        CREATE INDEX meetings_dashboard ON meetings(org, held_on, type_code, deleted, branch_uuid, hours);
        -- Who was present at a meeting, without reading attendance rows.
        CREATE INDEX attendance_present ON attendance(meeting_uuid, status, deleted, member_uuid);

        -- Local only, derived: training figures (期数, 人次, hours) per village and month, and study
        -- hours per member and year, so the dashboard reads 50 000 rows rather than every attendance
        -- of the district. Triggers mark the village of each written meeting or attendance row stale;
        -- readers refresh stale villages first (store/district_stats.refresh_training).
        CREATE TABLE training_months (
            year INTEGER NOT NULL,
            org TEXT NOT NULL,
            month INTEGER NOT NULL,
            sessions INTEGER NOT NULL,
            attendances INTEGER NOT NULL,
            hours REAL NOT NULL,
            PRIMARY KEY (org, year, month)
        ) WITHOUT ROWID;
        CREATE TABLE training_hours (
            year INTEGER NOT NULL,
            member_uuid TEXT NOT NULL,
            org TEXT NOT NULL,
            hours REAL NOT NULL,
            PRIMARY KEY (year, member_uuid)
        ) WITHOUT ROWID;
        CREATE INDEX training_hours_org ON training_hours(org);
        CREATE TABLE training_stale (org TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER meetings_training_stale_insert AFTER INSERT ON meetings
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        CREATE TRIGGER meetings_training_stale_update AFTER UPDATE ON meetings
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        CREATE TRIGGER attendance_training_stale_insert AFTER INSERT ON attendance
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        CREATE TRIGGER attendance_training_stale_update AFTER UPDATE ON attendance
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        INSERT OR IGNORE INTO training_stale SELECT DISTINCT org FROM meetings;
        """
    )
