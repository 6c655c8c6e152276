"""Migrations m005–m009 (the second release): local accounts, review rounds and 红旗村, the district
import's speed, the dashboard cache and the audit trail's indexes. Registered after schema_district."""

from __future__ import annotations

from sqlite_utils import Database

from dangjian_desktop.store.schema_tools import migrations, run_script
from dangjian_desktop.store.tables import SYNCED_TABLES


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
