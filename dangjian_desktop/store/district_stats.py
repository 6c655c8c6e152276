"""The district's statistics as SQL aggregates (one query per statistic), over every village's rows.

Every query takes a scope — a year, and optionally one town and one village — and counts only
the villages in it. `village_scope_sql` is the one place that knows how a village finds its town;
change it alone when towns become org rows.

Rows on the roster (在册 full and probationary members) are what the district counts; tombstoned
rows never count.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dangjian_desktop.store.db import Store

ROSTER = "m.deleted = 0 AND m.status = '在册' AND m.category IN ('正式党员', '预备党员')"


@dataclass(frozen=True)
class Scope:
    """Which villages to count: all (town and village None), one town's, or one village."""

    year: int
    town: str | None = None  # a town key from `villages()`
    village: str | None = None  # a village org uuid
    orgs: tuple[str, ...] | None = None  # only these villages (the dashboard cache's work list)

    def params(self) -> dict:
        return {"year": self.year, "town": self.town, "village": self.village,
                "orgs": None if self.orgs is None else json.dumps(list(self.orgs)),
                "year_start": f"{self.year:04d}-01-01", "year_end": f"{self.year:04d}-12-31"}


def village_scope_sql() -> str:
    """(village, code, name, town_key, town_name, updated_at) of every village the district registered.

    The one place that knows how a village finds its town: the town org row the registry attached it
    to (sync_villages.town_uuid, migration m003), else the town name typed at enrolment. The key is
    the town org's uuid, or that name. Names and codes are the district registry's.
    """
    return (
        "SELECT v.org_uuid AS village, v.code AS code, COALESCE(v.name, o.name) AS name,"
        " COALESCE(t.uuid, NULLIF(TRIM(v.town), '')) AS town_key,"
        " COALESCE(t.name, NULLIF(TRIM(v.town), ''), '') AS town_name,"
        " COALESCE(o.updated_at, v.enrolled_at) AS updated_at"
        " FROM sync_villages v"
        " LEFT JOIN orgs o ON o.uuid = v.org_uuid AND o.deleted = 0"
        " LEFT JOIN orgs t ON t.uuid = v.town_uuid AND t.kind = 'town' AND t.deleted = 0"
    )


def _with_scope(sql: str) -> str:
    """`sql` with a materialised `scope` table: the villages of the scope."""
    return (f"WITH scope AS MATERIALIZED (SELECT * FROM ({village_scope_sql()})"
            " WHERE (:town IS NULL OR town_key = :town) AND (:village IS NULL OR village = :village)"
            " AND (:orgs IS NULL OR village IN (SELECT value FROM json_each(:orgs)))) " + sql)


def _rows(store: Store, sql: str, params: Mapping) -> list[tuple]:
    return store.conn.execute(sql, dict(params)).fetchall()


def villages(store: Store) -> list[dict]:
    """Every enrolled village with its town, by town then code."""
    return store.query(f"SELECT * FROM ({village_scope_sql()}) ORDER BY town_name, code")


def village_updated_at(store: Store) -> dict[str, str]:
    """village org → when its org row (or, before its first bundle, its enrolment) was last written."""
    return {row["village"]: row["updated_at"] for row in villages(store)}


def data_years(store: Store) -> list[int]:
    """Years with meetings, ledger cycles, assessments or indicators, newest first."""
    sql = ("SELECT DISTINCT y FROM ("
           " SELECT CAST(substr(held_on, 1, 4) AS INTEGER) AS y FROM meetings WHERE deleted = 0"
           " UNION SELECT cycle_year FROM points_totals"
           " UNION SELECT year FROM star_assessments WHERE deleted = 0"
           " UNION SELECT year FROM village_indicators WHERE deleted = 0) WHERE y IS NOT NULL ORDER BY y DESC")
    return [row[0] for row in store.conn.execute(sql)]


# -- members behind a figure -------------------------------------------------------------------

def members_in_scope(store: Store, scope: Scope, *, where: str = "1", params: Mapping | None = None,
                     limit: int = 5000) -> list[dict]:
    """Roster members in scope (for a drill-down), with village and town names, by village and name."""
    sql = _with_scope(
        "SELECT m.uuid, m.name, m.sex, m.birth_date, m.education, m.ethnicity, m.category, m.party_post,"
        " m.flowing, m.lost_contact, m.flow_to, s.village, s.code AS village_code, s.name AS village_name,"
        " s.town_name FROM members m JOIN scope s ON s.village = m.org"
        f" WHERE {ROSTER} AND ({where}) ORDER BY s.town_name, s.code, m.name_pinyin LIMIT :limit")
    return store.query(sql, {**scope.params(), **(params or {}), "limit": limit})


# -- training ------------------------------------------------------------------------------------

def _codes(codes: Sequence[str]) -> str:
    return ", ".join("'" + code.replace("'", "''") + "'" for code in codes) or "NULL"


def refresh_training(store: Store, *, training_codes: Sequence[str]) -> int:
    """Recompute the cached training figures of the villages marked stale (all of them when the set of
    training types changed); returns how many villages it did. Only 出席 counts; the hours of a
    session are earned by each member present."""
    key = ",".join(sorted(training_codes))
    codes = _codes(training_codes)
    with store.atomic():
        if store.setting("training_cache_codes") != key:
            store.conn.execute("DELETE FROM training_months")
            store.conn.execute("DELETE FROM training_hours")
            store.conn.execute("INSERT OR IGNORE INTO training_stale SELECT DISTINCT org FROM meetings")
            store.set_setting("training_cache_codes", key)
        stale = store.scalar("SELECT COUNT(*) FROM training_stale")
        if not stale:
            return 0
        for table in ("training_months", "training_hours"):
            store.conn.execute(f"DELETE FROM {table} WHERE org IN (SELECT org FROM training_stale)")
        sessions = ("SELECT mt.uuid, mt.org, CAST(substr(mt.held_on, 1, 4) AS INTEGER) AS year,"
                    " CAST(substr(mt.held_on, 6, 2) AS INTEGER) AS month, mt.hours FROM training_stale t"
                    " JOIN meetings mt INDEXED BY meetings_dashboard ON mt.org = t.org"
                    f" WHERE mt.deleted = 0 AND mt.type_code IN ({codes})")
        store.conn.execute(
            "INSERT INTO training_months (year, org, month, sessions, attendances, hours)"
            " SELECT year, org, month, COUNT(*), SUM(present), SUM(present * hours) FROM ("
            f" SELECT s.*, (SELECT COUNT(*) FROM attendance a WHERE a.meeting_uuid = s.uuid AND a.status = '出席'"
            f"  AND a.deleted = 0) AS present FROM ({sessions}) s) GROUP BY year, org, month")
        store.conn.execute(
            "INSERT INTO training_hours (year, member_uuid, org, hours)"
            f" SELECT s.year, a.member_uuid, MIN(s.org), SUM(s.hours) FROM ({sessions}) s"
            " JOIN attendance a ON a.meeting_uuid = s.uuid AND a.status = '出席' AND a.deleted = 0"
            " GROUP BY s.year, a.member_uuid")
        store.conn.execute("DELETE FROM training_stale")
    return stale


def training_by_village_month(store: Store, scope: Scope) -> list[tuple]:
    """(village, month 1–12, sessions 期数, attendances 人次, hours earned) of the year's training
    meetings (from the cache: call refresh_training first). 人次 counts each member present (出席)
    at each session; hours earned are the session's hours for each of them."""
    sql = _with_scope(
        "SELECT t.org, t.month, t.sessions, t.attendances, t.hours FROM scope s"
        " JOIN training_months t ON t.org = s.village AND t.year = :year")
    return _rows(store, sql, scope.params())


# -- meeting compliance --------------------------------------------------------------------------

def meetings_held(store: Store, scope: Scope, *, type_codes: Sequence[str]) -> list[tuple]:
    """(village, branch unit, type_code, held_on) of the year's meetings of `type_codes`, in village
    order (the caller counts them per period: one row per meeting is cheaper than SQLite sorting them
    into groups that each hold about one meeting)."""
    sql = _with_scope(
        "SELECT mt.org, mt.branch_uuid, mt.type_code, mt.held_on"
        " FROM scope s JOIN meetings mt INDEXED BY meetings_dashboard ON mt.org = s.village"
        f" WHERE mt.deleted = 0 AND mt.type_code IN ({_codes(type_codes)})"
        " AND mt.held_on BETWEEN :year_start AND :year_end")
    return _rows(store, sql, scope.params())


def org_names(store: Store, scope: Scope) -> dict[str, str]:
    """Names of the villages in scope and of their branches (uuid → name)."""
    sql = _with_scope(
        "SELECT o.uuid, o.name FROM scope s JOIN orgs o ON o.uuid = s.village WHERE o.deleted = 0"
        " UNION ALL SELECT o.uuid, o.name FROM scope s JOIN orgs o ON o.parent_uuid = s.village"
        " WHERE o.deleted = 0")
    return dict(_rows(store, sql, scope.params()))


# -- stars and 软弱涣散 ------------------------------------------------------------------------------

#: Later review stages outrank earlier ones; the latest stage that gave a level is the village's level.
_STAGE_RANK = "CASE r.stage WHEN 'award' THEN 4 WHEN 'publicity' THEN 3 WHEN 'district' THEN 2 WHEN 'town' THEN 1 END"


def star_assessments(store: Store, scope: Scope) -> list[tuple]:
    """(village, state, self score, self level, self vetoed, latest review stage, its level, its vetoed)
    of the year's self-assessments in scope; the review columns are None before any review."""
    sql = _with_scope(
        "SELECT a.org, a.state, a.score, a.star_level, a.vetoed, r.stage, r.star_level, r.vetoed"
        " FROM star_assessments a JOIN scope s ON s.village = a.org"
        " LEFT JOIN (SELECT r.assessment_uuid, r.stage, r.star_level, r.vetoed,"
        f"  ROW_NUMBER() OVER (PARTITION BY r.assessment_uuid ORDER BY {_STAGE_RANK} DESC, r.at DESC) AS n"
        "  FROM star_review_stages r WHERE r.year = :year) r ON r.assessment_uuid = a.uuid AND r.n = 1"
        " WHERE a.deleted = 0 AND a.year = :year")
    return _rows(store, sql, scope.params())


# -- village indicators --------------------------------------------------------------------------

def village_indicators(store: Store, scope: Scope) -> list[tuple]:
    """(village, collective income 万元, service-centre area m²) reported for the year (None if not)."""
    sql = _with_scope(
        "SELECT s.village, i.collective_income, i.service_centre_area FROM scope s"
        " LEFT JOIN village_indicators i ON i.org = s.village AND i.year = :year AND i.deleted = 0")
    return _rows(store, sql, scope.params())
