"""The schema, as ordered sqlite-utils migrations. Never rename or reorder an applied one.

Every synced table carries the sync columns of DESIGN.md: a UUID primary key, the owning `org`,
a per-record `version`, the `device` that last wrote it, a `deleted` tombstone and `updated_at`
(UTC, for display only: order never depends on laptop clocks). Triggers write the change log
(one row per change made on this device, with the full row after it) in the same transaction,
forbid hard deletes of synced rows and keep the points ledger append-only.

The migrations live in three modules, registered in this order when this one is imported:
here the village's tables (m001) and bundle sync (m002); `schema_district` the district's registry,
reviews and dashboard reads (m003–m004); `schema_v2` accounts, review rounds and 红旗村, import speed,
the dashboard cache and audit indexes (m005–m009). Tools shared by all three: `schema_tools`.
"""

from __future__ import annotations

from sqlite_utils import Database

from dangjian_desktop.store.schema_tools import (SYNC_COLUMNS, install_sync_triggers, migrations,  # noqa: F401
                                                 run_script)
from dangjian_desktop.store.tables import SYNCED_TABLES  # noqa: F401  (re-exported)


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


# The later migrations register after the two above, in this order (never reorder an applied one).
from dangjian_desktop.store import schema_district, schema_v2  # noqa: E402, F401
