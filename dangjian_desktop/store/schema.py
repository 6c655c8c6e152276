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


@migrations()
def m005_accounts(db: Database) -> None:
    """Local accounts and the district's password-reset codes (local only, never synced).

    `users`: one row per account of this database; `password_hash` is an scrypt hash string with
    its parameters and salt; `failed_logins` / `locked_until` keep the growing delay after failed
    logins across restarts. `account_resets`: at the district, the codes it issued (only their
    scrypt hash), sent in the village's return bundles until they expire; at the village, the codes
    that arrived in a return bundle, used at most once (`used_at`).
    """
    run_script(
        db,
        """
        CREATE TABLE users (
            uuid TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            town_uuid TEXT,
            password_hash TEXT NOT NULL,
            created_at TEXT,
            disabled INTEGER DEFAULT 0,
            failed_logins INTEGER DEFAULT 0,
            locked_until TEXT,
            last_login_at TEXT
        );
        CREATE TABLE account_resets (
            uuid TEXT PRIMARY KEY,
            village_org TEXT NOT NULL,
            user_name TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            received_at TEXT,
            used_at TEXT
        );
        CREATE INDEX account_resets_village ON account_resets(village_org, expires_at);
        CREATE INDEX account_resets_user ON account_resets(user_name);
        """
    )


@migrations()
def m006_reviews_red_flags(db: Database) -> None:
    """Star reviews can return a self-assessment for correction (退回修改), each review result carries
    its per-item detail back to the village, and the district records 红旗村 flags."""
    from dangjian_desktop.store.db import utc_now

    run_script(
        db,
        """
        -- star_review_stages gains the 'returned' stage and the submission each stage reviewed
        -- (the village's submitted_at), so a resubmitted assessment starts a new round. SQLite cannot
        -- change a CHECK: the table is rebuilt, its rows, indexes and append-only triggers kept.
        DROP TRIGGER star_review_stages_no_update;
        DROP TRIGGER star_review_stages_no_delete;
        CREATE TABLE star_review_stages_m006 (
            uuid TEXT PRIMARY KEY,
            village_org TEXT NOT NULL,
            assessment_uuid TEXT NOT NULL,
            year INTEGER NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN ('town', 'district', 'publicity', 'award', 'returned')),
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
            star_change TEXT CHECK (star_change IN ('new', 'raised', 'lowered', 'removed', 'kept')),
            submitted_at TEXT
        );
        INSERT INTO star_review_stages_m006 (rowid, uuid, village_org, assessment_uuid, year, stage, reviewer,
            reviewer_role, town_uuid, at, reviewed_on, score, star_level, vetoed, items_json, veto_json, comment,
            publicity_start, publicity_end, previous_level, star_change)
        SELECT rowid, uuid, village_org, assessment_uuid, year, stage, reviewer, reviewer_role, town_uuid, at,
            reviewed_on, score, star_level, vetoed, items_json, veto_json, comment, publicity_start,
            publicity_end, previous_level, star_change FROM star_review_stages;
        DROP TABLE star_review_stages;
        ALTER TABLE star_review_stages_m006 RENAME TO star_review_stages;
        CREATE INDEX star_review_stages_assessment ON star_review_stages(assessment_uuid, at);
        CREATE INDEX star_review_stages_village ON star_review_stages(village_org, year, stage);
        CREATE TRIGGER star_review_stages_no_update BEFORE UPDATE ON star_review_stages
            BEGIN SELECT RAISE(ABORT, 'star_review_stages is append-only'); END;
        CREATE TRIGGER star_review_stages_no_delete BEFORE DELETE ON star_review_stages
            BEGIN SELECT RAISE(ABORT, 'star_review_stages is append-only'); END;

        -- A review result's per-item detail as the village receives it in its return bundle:
        -- {"items": {code: {"score": x, "comment": "..."}}, "veto_hits": [...], "submitted_at": "..."}.
        ALTER TABLE district_reviews ADD COLUMN detail_json TEXT;

        -- 红旗村 (district only, local): flag types the district awards (it can add more), the awards
        -- per village, year, half-year and type, and revocations with a reason. Both append-only: a
        -- flag is never edited; revoking it is a row of its own.
        CREATE TABLE red_flag_types (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL
        );
        CREATE TABLE red_flags (
            uuid TEXT PRIMARY KEY,
            village_uuid TEXT NOT NULL,
            year INTEGER NOT NULL,
            half INTEGER NOT NULL CHECK (half IN (1, 2)),
            flag_type TEXT NOT NULL,
            awarded_on TEXT NOT NULL,
            note TEXT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL
        );
        CREATE INDEX red_flags_year_village ON red_flags(year, village_uuid);
        CREATE TABLE red_flag_revocations (
            flag_uuid TEXT PRIMARY KEY REFERENCES red_flags(uuid),
            reason TEXT NOT NULL,
            revoked_on TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL
        );
        CREATE TRIGGER red_flags_no_update BEFORE UPDATE ON red_flags
            BEGIN SELECT RAISE(ABORT, 'red_flags is append-only'); END;
        CREATE TRIGGER red_flags_no_delete BEFORE DELETE ON red_flags
            BEGIN SELECT RAISE(ABORT, 'red_flags is append-only'); END;
        CREATE TRIGGER red_flag_revocations_no_update BEFORE UPDATE ON red_flag_revocations
            BEGIN SELECT RAISE(ABORT, 'red_flag_revocations is append-only'); END;
        CREATE TRIGGER red_flag_revocations_no_delete BEFORE DELETE ON red_flag_revocations
            BEGIN SELECT RAISE(ABORT, 'red_flag_revocations is append-only'); END;
        """
    )
    now = utc_now()
    for position, name in enumerate(("基层党建", "产业发展", "乡风文明", "人居环境"), start=1):
        db.execute("INSERT INTO red_flag_types (name, position, at, actor) VALUES (?, ?, ?, 'system')",
                   [name, position, now])


@migrations()
def m007_import_speed(db: Database) -> None:
    """District import speed (issues 5 and 9; sync/changes.py applies a bundle's rows).

    - `sync_applying` holds one row only while a bundle's rows are written, inside that transaction
      (it is deleted before the commit). The per-row cache triggers of the ledger, meetings and
      attendance skip those rows; the import marks the same caches stale once per bundle. With no
      trigger body to run, the import's bulk inserts need no per-row statement journal.
    - The district keeps each village's state hash up to date as it imports (sync_state_hash:<org>
      in settings). Any write of a village's rows outside an import forgets it, so a return bundle
      can use the kept value and still shows an edit made at the district as drift.
    - The ledger's index of attendance-derived entries leads with the village: an imported bundle's
      entries land in one place of it instead of on a random page each.
    """
    run_script(
        db,
        """
        CREATE TABLE sync_applying (id INTEGER PRIMARY KEY CHECK (id = 1));

        DROP TRIGGER points_ledger_mark_stale;
        CREATE TRIGGER points_ledger_mark_stale AFTER INSERT ON points_ledger
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN INSERT OR IGNORE INTO points_stale VALUES (NEW.cycle_year, NEW.member_uuid); END;
        DROP TRIGGER meetings_training_stale_insert;
        CREATE TRIGGER meetings_training_stale_insert AFTER INSERT ON meetings
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        DROP TRIGGER meetings_training_stale_update;
        CREATE TRIGGER meetings_training_stale_update AFTER UPDATE ON meetings
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        DROP TRIGGER attendance_training_stale_insert;
        CREATE TRIGGER attendance_training_stale_insert AFTER INSERT ON attendance
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;
        DROP TRIGGER attendance_training_stale_update;
        CREATE TRIGGER attendance_training_stale_update AFTER UPDATE ON attendance
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN INSERT OR IGNORE INTO training_stale VALUES (NEW.org); END;

        DROP INDEX ledger_source;
        CREATE INDEX ledger_source ON points_ledger(org, source_uuid) WHERE source_uuid IS NOT NULL;
        """
    )
    for table in SYNCED_TABLES:
        db.execute(f"""CREATE TRIGGER [{table}_state_hash_insert] AFTER INSERT ON [{table}]
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN DELETE FROM settings WHERE key = 'sync_state_hash:' || NEW.org; END""")
        db.execute(f"""CREATE TRIGGER [{table}_state_hash_update] AFTER UPDATE ON [{table}]
            WHEN NOT EXISTS (SELECT 1 FROM sync_applying)
            BEGIN DELETE FROM settings WHERE key IN ('sync_state_hash:' || NEW.org, 'sync_state_hash:' || OLD.org); END""")


@migrations()
def m008_dashboard_cache(db: Database) -> None:
    """The district dashboard's figures per village and year, derived and local (services/dashboard_cache.py):
    a refresh reads 1 000 rows instead of aggregating every member, meeting and attendance of the district."""
    run_script(
        db,
        """
        -- One row per village and year: every figure of the village the dashboard shows (JSON), for the
        -- day and rules named by cache_key (ages and overdue periods move with the day).
        CREATE TABLE dash_villages (
            year INTEGER NOT NULL,
            org TEXT NOT NULL,
            cache_key TEXT NOT NULL,
            figures TEXT NOT NULL,
            PRIMARY KEY (year, org)
        ) WITHOUT ROWID;
        -- The members behind the long lists (under the study-hour floor, 先锋党员 candidates, 不合格),
        -- read a page at a time in the list's order (sort_value, then town, village and name).
        CREATE TABLE dash_members (
            year INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('below', 'vanguard', 'failing')),
            org TEXT NOT NULL,
            member_uuid TEXT NOT NULL,
            name TEXT NOT NULL,
            party_post TEXT,
            value REAL NOT NULL,
            floor REAL,
            rank INTEGER,
            sort_value REAL NOT NULL,
            PRIMARY KEY (year, kind, org, member_uuid)
        ) WITHOUT ROWID;
        CREATE INDEX dash_members_order ON dash_members(year, kind, sort_value);
        -- Villages whose rows changed since their figures were cached.
        CREATE TABLE dash_stale (org TEXT PRIMARY KEY) WITHOUT ROWID;
        """
    )
    # Villages whose rows changed since their figures were cached: one cheap insert of the village per
    # row written at the district. NOT EXISTS rather than INSERT OR IGNORE: a trigger's conflict clause gives way to
    # the writing statement's own (an import's INSERT OR ABORT would fail on a village already marked).
    def mark(value: str) -> str:
        return f"INSERT INTO dash_stale SELECT {value} WHERE NOT EXISTS (SELECT 1 FROM dash_stale WHERE org = {value});"

    def of_member(row: str) -> str:
        return (f"INSERT INTO dash_stale SELECT m.org FROM members m WHERE m.uuid = {row}.member_uuid"
                " AND NOT EXISTS (SELECT 1 FROM dash_stale s WHERE s.org = m.org);")

    triggers = {
        # the rows a village's figures are made of
        ("members", "INSERT"): mark("NEW.org"), ("members", "UPDATE"): mark("NEW.org") + mark("OLD.org"),
        ("meetings", "INSERT"): mark("NEW.org"), ("meetings", "UPDATE"): mark("NEW.org") + mark("OLD.org"),
        ("orgs", "INSERT"): mark("NEW.org"), ("orgs", "UPDATE"): mark("NEW.org") + mark("OLD.org"),
        ("sync_villages", "INSERT"): mark("NEW.org_uuid"), ("sync_villages", "UPDATE"): mark("NEW.org_uuid"),
        # the derived caches they read: training (store/district_stats.refresh_training, which follows
        # attendance) and points totals (store/points_sql.refresh_totals, which follows the ledger)
        ("training_months", "INSERT"): mark("NEW.org"), ("training_months", "DELETE"): mark("OLD.org"),
        ("training_hours", "INSERT"): of_member("NEW"), ("training_hours", "DELETE"): of_member("OLD"),
        ("points_totals", "INSERT"): of_member("NEW"), ("points_totals", "DELETE"): of_member("OLD"),
    }
    # Only a district database has a dashboard: a village's writes mark nothing.
    district = "(SELECT value FROM settings WHERE key = 'role') = 'district'"
    for (table, event), body in triggers.items():
        db.execute(f"CREATE TRIGGER {table}_dash_stale_{event.lower()} AFTER {event} ON {table}"
                   f" WHEN {district} BEGIN {body} END")


@migrations()
def m009_audit(db: Database) -> None:
    """The 操作记录 page filters a million audit entries by date, person and action: an index for each
    (the kind of record is served by `audit_record`); free text scans `audit_text`, a fraction of the
    table's size (the entries' before/after make the table large)."""
    run_script(
        db,
        """
        CREATE INDEX audit_at ON audit_log(at);
        CREATE INDEX audit_actor ON audit_log(actor);
        CREATE INDEX audit_action ON audit_log(action);
        CREATE INDEX audit_text ON audit_log(summary, actor);
        """,
    )
