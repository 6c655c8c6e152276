"""The schema, as ordered sqlite-utils migrations. Never rename or reorder an applied one.

Every synced table carries the sync columns of DESIGN.md: a UUID primary key, the owning `org`,
a per-record `version`, the `device` that last wrote it, a `deleted` tombstone and `updated_at`
(UTC, for display only: order never depends on laptop clocks). Triggers write the change log
(one row per change made on this device, with the full row after it) in the same transaction,
forbid hard deletes of synced rows and keep the points ledger append-only.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from dangjian_desktop.store.tables import SYNCED_TABLES

migrations = Migrations("dangjian")

SYNC_COLUMNS = """
    uuid TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    device TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    updated_at TEXT NOT NULL"""



def run_script(db: Database, script: str) -> None:
    """Run each statement of a script inside the current transaction.

    (`sqlite3.executescript` would commit first, breaking the migration's atomicity.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement at the end of a migration script")


def _columns(db: Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]


def install_sync_triggers(db: Database) -> None:
    """(Re)create the change-log and tombstone triggers; call after any synced table changes shape."""
    for table in SYNCED_TABLES:
        cols = _columns(db, table)
        row_json = "json_object(" + ", ".join(f"'{c}', NEW.[{c}]" for c in cols) + ")"
        for event in ("INSERT", "UPDATE"):
            name = f"{table}_changelog_{event.lower()}"
            db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
            db.execute(
                f"""CREATE TRIGGER [{name}] AFTER {event} ON [{table}]
                WHEN NEW.device = (SELECT value FROM settings WHERE key = 'device_id')
                BEGIN
                    INSERT INTO change_log (device, table_name, record_uuid, version, deleted, row_json)
                    VALUES (NEW.device, '{table}', NEW.uuid, NEW.version, NEW.deleted, {row_json});
                END"""
            )
        db.execute(f"DROP TRIGGER IF EXISTS [{table}_no_delete]")
        db.execute(
            f"""CREATE TRIGGER [{table}_no_delete] BEFORE DELETE ON [{table}]
            BEGIN SELECT RAISE(ABORT, '{table}: rows are never deleted, set deleted = 1'); END"""
        )


@migrations()
def m001_initial(db: Database) -> None:
    run_script(
        db,
        f"""
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);

        -- 组织: district → town → village → branch; `code` is the short human code,
        -- `area_code` the 12-digit statistics area code where known.
        CREATE TABLE orgs ({SYNC_COLUMNS},
            parent_uuid TEXT REFERENCES orgs(uuid),
            kind TEXT NOT NULL CHECK (kind IN ('district', 'town', 'village', 'branch', 'group')),
            name TEXT NOT NULL,
            code TEXT,
            area_code TEXT,
            org_type TEXT,
            note TEXT
        );
        CREATE INDEX orgs_parent ON orgs(parent_uuid);

        -- 积分细则 and 星级评定标准: versioned rule files issued by the district.
        CREATE TABLE rulebooks ({SYNC_COLUMNS},
            code TEXT NOT NULL,
            version_label TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            content TEXT NOT NULL,
            UNIQUE (code, version_label)
        );
        CREATE TABLE star_criteria ({SYNC_COLUMNS},
            code TEXT NOT NULL,
            version_label TEXT NOT NULL,
            effective_from TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            content TEXT NOT NULL,
            UNIQUE (code, version_label)
        );

        -- 党员: the national roster columns plus the usual extras. `category` is the lifecycle stage
        -- (入党申请人 … 正式党员), `status` whether and why the person is on the roster.
        CREATE TABLE members ({SYNC_COLUMNS},
            branch_uuid TEXT NOT NULL REFERENCES orgs(uuid),
            name TEXT NOT NULL,
            name_pinyin TEXT NOT NULL DEFAULT '',
            name_initials TEXT NOT NULL DEFAULT '',
            id_number TEXT,
            sex TEXT CHECK (sex IN ('男', '女')),
            ethnicity TEXT,
            birth_date TEXT,
            education TEXT,
            category TEXT NOT NULL,
            joined_on TEXT,
            full_on TEXT,
            job TEXT,
            phone TEXT,
            landline TEXT,
            address TEXT,
            standing TEXT NOT NULL DEFAULT '正常',
            status TEXT NOT NULL DEFAULT '在册',
            status_changed_on TEXT,
            status_note TEXT,
            lost_contact INTEGER NOT NULL DEFAULT 0,
            lost_contact_on TEXT,
            flowing INTEGER NOT NULL DEFAULT 0,
            flow_to TEXT,
            party_post TEXT,
            group_name TEXT,
            member_class TEXT,
            dues_standard REAL,
            dues_paid_until TEXT,
            note TEXT
        );
        CREATE UNIQUE INDEX members_id_number ON members(org, id_number)
            WHERE deleted = 0 AND id_number IS NOT NULL;
        CREATE INDEX members_branch ON members(branch_uuid);
        -- Covers the roster filter of the totals and ranking reads (one index-only pass, no table rows).
        CREATE INDEX members_roster ON members(org, deleted, status, category, uuid);

        -- 会议与培训 (三会一课, 主题党日, 培训班 …); `type_code` names a type of the meeting-type file.
        CREATE TABLE meetings ({SYNC_COLUMNS},
            branch_uuid TEXT NOT NULL REFERENCES orgs(uuid),
            type_code TEXT NOT NULL,
            title TEXT NOT NULL,
            held_on TEXT NOT NULL,
            start_time TEXT,
            end_time TEXT,
            place TEXT,
            host TEXT,
            recorder TEXT,
            lecturer TEXT,
            content TEXT,
            decisions TEXT,
            hours REAL NOT NULL DEFAULT 0,
            note TEXT
        );
        CREATE INDEX meetings_held ON meetings(org, held_on);

        -- One row per (meeting, member): entering attendance twice is one row.
        CREATE TABLE attendance ({SYNC_COLUMNS},
            meeting_uuid TEXT NOT NULL REFERENCES meetings(uuid),
            member_uuid TEXT NOT NULL REFERENCES members(uuid),
            status TEXT NOT NULL CHECK (status IN ('出席', '请假', '缺席', '列席', '不计入应到')),
            reason TEXT,
            UNIQUE (meeting_uuid, member_uuid)
        );
        CREATE INDEX attendance_member ON attendance(member_uuid);

        -- 积分台账: append-only. Points are stored in hundredths so sums are exact.
        CREATE TABLE points_ledger ({SYNC_COLUMNS},
            member_uuid TEXT NOT NULL REFERENCES members(uuid),
            rulebook_uuid TEXT NOT NULL REFERENCES rulebooks(uuid),
            cycle_year INTEGER NOT NULL,
            occurred_on TEXT NOT NULL,
            item_code TEXT NOT NULL,
            points_x100 INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('manual', 'attendance', 'reversal')),
            source_uuid TEXT,
            reverses_uuid TEXT REFERENCES points_ledger(uuid),
            reason TEXT,
            recorded_by TEXT
        );
        -- Covers a member's ledger and the totals refresh (one ordered pass per member and item).
        -- One wide index rather than several: every index costs the bulk import of a district.
        CREATE INDEX ledger_member ON points_ledger(member_uuid, cycle_year, item_code, occurred_on, points_x100);
        CREATE INDEX ledger_source ON points_ledger(source_uuid) WHERE source_uuid IS NOT NULL;
        CREATE UNIQUE INDEX ledger_reversal_once ON points_ledger(reverses_uuid) WHERE reverses_uuid IS NOT NULL;

        -- 星级评定: the village's yearly self-assessment and its item scores.
        CREATE TABLE star_assessments ({SYNC_COLUMNS},
            year INTEGER NOT NULL,
            criteria_uuid TEXT NOT NULL REFERENCES star_criteria(uuid),
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
            score REAL,
            star_level INTEGER,
            vetoed INTEGER NOT NULL DEFAULT 0,
            signed_by TEXT,
            submitted_at TEXT,
            note TEXT
        );
        CREATE UNIQUE INDEX star_assessment_year ON star_assessments(org, year) WHERE deleted = 0;
        CREATE TABLE star_item_scores ({SYNC_COLUMNS},
            assessment_uuid TEXT NOT NULL REFERENCES star_assessments(uuid),
            item_code TEXT NOT NULL,
            score REAL,
            veto_hit INTEGER NOT NULL DEFAULT 0,
            evidence TEXT,
            UNIQUE (assessment_uuid, item_code)
        );

        -- 村级指标: collective-economy income (万元) and Party-service-centre area (m²) per year.
        CREATE TABLE village_indicators ({SYNC_COLUMNS},
            year INTEGER NOT NULL,
            collective_income REAL,
            service_centre_area REAL,
            note TEXT,
            UNIQUE (org, year)
        );

        -- Local only: what this device changed, in its own sequence (never reused).
        CREATE TABLE change_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            device TEXT NOT NULL,
            table_name TEXT NOT NULL,
            record_uuid TEXT NOT NULL,
            version INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            row_json TEXT NOT NULL
        );

        -- Local only, derived: each member's whole-cycle score, so a district's yearly totals are a
        -- read of 50 000 rows rather than a pass over a million ledger rows. A trigger marks the
        -- (cycle, member) of every new ledger row stale; readers refresh stale rows first
        -- (store/points_sql.py), and `dangjian check` compares the cache with the ledger.
        CREATE TABLE points_totals (
            cycle_year INTEGER NOT NULL,
            member_uuid TEXT NOT NULL,
            rulebook_sha TEXT NOT NULL,
            base_x100 INTEGER NOT NULL,
            bonus_x100 INTEGER NOT NULL,
            deduction_x100 INTEGER NOT NULL,
            PRIMARY KEY (cycle_year, member_uuid)
        ) WITHOUT ROWID;
        CREATE TABLE points_stale (
            cycle_year INTEGER NOT NULL,
            member_uuid TEXT NOT NULL,
            PRIMARY KEY (cycle_year, member_uuid)
        ) WITHOUT ROWID;
        CREATE TRIGGER points_ledger_mark_stale AFTER INSERT ON points_ledger
            BEGIN INSERT OR IGNORE INTO points_stale VALUES (NEW.cycle_year, NEW.member_uuid); END;

        -- Local only: who changed what and when. Never updated or deleted by the app.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            table_name TEXT,
            record_uuid TEXT,
            before_json TEXT,
            after_json TEXT,
            summary TEXT
        );
        CREATE INDEX audit_record ON audit_log(table_name, record_uuid);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER points_ledger_append_only BEFORE UPDATE ON points_ledger
            BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only: record a reversal'); END;
        """
    )
    install_sync_triggers(db)


@migrations()
def m002_sync(db: Database) -> None:
    """Local bookkeeping of bundle sync (none of these tables travel; see docs/bundle-format.md)."""
    run_script(
        db,
        """
        -- This installation's key pairs (Ed25519 for signing, X25519 for sealed boxes) in one row.
        -- `secret` is the two 32-byte secrets; sealed under a passphrase (argon2id + SecretBox)
        -- when kdf_salt is set (the district), plain on a village laptop, whose database already
        -- holds everything the key protects.
        CREATE TABLE sync_keys (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sign_pk BLOB NOT NULL,
            box_pk BLOB NOT NULL,
            secret BLOB NOT NULL,
            kdf_salt BLOB,
            kdf_ops INTEGER,
            kdf_mem INTEGER,
            created_at TEXT NOT NULL
        );

        -- District: the villages it enrolled, each enrolment (one-time, one device), each device.
        CREATE TABLE sync_villages (
            org_uuid TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            town TEXT,
            enrolled_at TEXT NOT NULL,
            return_seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sync_enrolments (
            enrolment_id TEXT PRIMARY KEY,
            org_uuid TEXT NOT NULL REFERENCES sync_villages(org_uuid),
            sign_pk BLOB NOT NULL,
            created_at TEXT NOT NULL,
            used_by TEXT
        );
        CREATE TABLE sync_devices (
            device_id TEXT PRIMARY KEY,
            org_uuid TEXT NOT NULL REFERENCES sync_villages(org_uuid),
            enrolment_id TEXT NOT NULL,
            sign_pk BLOB NOT NULL,
            box_pk BLOB NOT NULL,
            registered_at TEXT NOT NULL,
            acked_seq INTEGER NOT NULL DEFAULT 0,
            acked_hash TEXT,
            last_bundle_at TEXT,
            revoked_at TEXT,
            revoke_reason TEXT,
            forked_at TEXT
        );

        -- Both sides: every bundle written or read, refused ones included (the only trace they leave).
        CREATE TABLE sync_bundles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            bundle_id TEXT,
            file_sha256 TEXT,
            file_name TEXT,
            kind TEXT,
            village_org TEXT,
            device TEXT,
            seq_after INTEGER,
            seq_through INTEGER,
            status TEXT NOT NULL,
            receipt_json TEXT
        );
        CREATE INDEX sync_bundles_id ON sync_bundles(bundle_id);

        -- Incoming states that lost a conflict, and bundles set aside (same ID, other content; forks).
        CREATE TABLE sync_quarantine (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            bundle_id TEXT,
            device TEXT,
            reason TEXT NOT NULL,
            table_name TEXT,
            record_uuid TEXT,
            version INTEGER,
            row_json TEXT
        );

        -- Star-rating review results issued by the district (初审/审核), carried in return bundles.
        CREATE TABLE district_reviews (
            uuid TEXT PRIMARY KEY,
            village_org TEXT NOT NULL,
            assessment_uuid TEXT,
            year INTEGER NOT NULL,
            stage TEXT NOT NULL,
            result TEXT NOT NULL,
            star_level INTEGER,
            note TEXT,
            reviewer TEXT,
            reviewed_on TEXT,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX district_reviews_village ON district_reviews(village_org, year);
        """
    )


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
    from dangjian_desktop.store.db import derived_uuid, utc_now

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
