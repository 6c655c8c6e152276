"""The district's star-review workflow: submitted self-assessments with their latest review stage,
each stage's history, and last year's award. District database only."""

from __future__ import annotations

import json

from dangjian_desktop.store.db import Store

STAGE_COLUMNS = ("uuid", "village_org", "assessment_uuid", "year", "stage", "reviewer", "reviewer_role", "town_uuid",
                 "at", "reviewed_on", "score", "star_level", "vetoed", "items_json", "veto_json", "comment",
                 "publicity_start", "publicity_end", "previous_level", "star_change", "submitted_at")

_LIST = """
    SELECT a.uuid, a.org AS village_org, a.year, a.criteria_uuid, a.score AS self_score,
        a.star_level AS self_level, a.vetoed AS self_vetoed, a.signed_by, a.submitted_at, a.state AS self_state,
        v.code, v.name, v.town_uuid, COALESCE(t.name, v.town) AS town_name,
        s.stage AS last_stage, s.score AS last_score, s.star_level AS last_level, s.vetoed AS last_vetoed,
        s.reviewed_on AS last_reviewed_on, s.reviewer AS last_reviewer, s.publicity_start, s.publicity_end,
        s.submitted_at AS last_submitted_at, s.comment AS last_comment
    FROM star_assessments a
    JOIN sync_villages v ON v.org_uuid = a.org
    LEFT JOIN orgs t ON t.uuid = v.town_uuid
    LEFT JOIN star_review_stages s ON s.rowid = (SELECT MAX(x.rowid) FROM star_review_stages x
                                                 WHERE x.assessment_uuid = a.uuid)
    WHERE a.deleted = 0 AND (a.state = 'submitted' OR s.stage = 'returned')
"""


def submitted(store: Store, *, year: int | None = None, town_uuid: str | None = None) -> list[dict]:
    """Submitted self-assessments (of registered villages) with their latest review stage; one
    returned for correction stays listed while the village corrects it (its state is then 'draft')."""
    sql, params = _LIST, []
    if year is not None:
        sql += " AND a.year = ?"
        params.append(year)
    if town_uuid is not None:
        sql += " AND v.town_uuid = ?"
        params.append(town_uuid)
    return store.query(sql + " ORDER BY a.year DESC, town_name, v.code", params)


def one(store: Store, assessment_uuid: str) -> dict | None:
    return store.query_one(_LIST + " AND a.uuid = ?", [assessment_uuid])


def stages(store: Store, assessment_uuid: str) -> list[dict]:
    """Every stage of one assessment's review, oldest first, with items and vetoes decoded."""
    rows = store.query("SELECT * FROM star_review_stages WHERE assessment_uuid = ? ORDER BY rowid", [assessment_uuid])
    for row in rows:
        row["items"] = json.loads(row.pop("items_json") or "{}")
        row["veto_hits"] = json.loads(row.pop("veto_json") or "[]")
    return rows


def insert_stage(store: Store, row: dict) -> None:
    values = dict(row)
    values["items_json"] = json.dumps(values.pop("items", None) or {}, ensure_ascii=False, sort_keys=True)
    values["veto_json"] = json.dumps(sorted(values.pop("veto_hits", None) or []), ensure_ascii=False)
    store.conn.execute(f"INSERT INTO star_review_stages ({', '.join(STAGE_COLUMNS)})"
                       f" VALUES ({', '.join('?' * len(STAGE_COLUMNS))})", [values.get(c) for c in STAGE_COLUMNS])


def award(store: Store, village_org: str, year: int) -> dict | None:
    """The latest award of a village for a year (None when it was not awarded)."""
    return store.query_one("SELECT * FROM star_review_stages WHERE village_org = ? AND year = ? AND stage = 'award'"
                           " ORDER BY rowid DESC LIMIT 1", [village_org, year])


def awards(store: Store, village_org: str) -> list[dict]:
    """Every award of a village, oldest year first (the 动态管理 history of its stars)."""
    return store.query("SELECT year, star_level, previous_level, star_change, reviewed_on, reviewer"
                       " FROM star_review_stages WHERE village_org = ? AND stage = 'award' ORDER BY year, rowid",
                       [village_org])


_STAGE_ORDER = ("CASE stage WHEN 'town' THEN 1 WHEN 'district' THEN 2 WHEN 'publicity' THEN 3"
                " WHEN 'award' THEN 4 ELSE 5 END")


def results_for_village(store: Store, village_org: str, year: int) -> list[dict]:
    """The review results the district sent this village for a year, in the order the district wrote
    them (each result's place in its assessment's history, in the detail); results from before the
    detail existed come first, in workflow order."""
    return store.query(f"SELECT * FROM district_reviews WHERE village_org = ? AND year = ?"
                       f" ORDER BY COALESCE(CAST(json_extract(CASE WHEN json_valid(detail_json) THEN detail_json END,"
                       f" '$.n') AS INTEGER), 0), {_STAGE_ORDER}, reviewed_on, rowid", [village_org, year])


# -- 五星 quota -----------------------------------------------------------------------------------
def village_count(store: Store) -> int:
    """The district's village organisations (registered villages)."""
    return store.scalar("SELECT COUNT(*) FROM sync_villages")


def awarded_count(store: Store, year: int, star_level: int) -> int:
    """Villages awarded `star_level` stars for `year`."""
    return store.scalar("SELECT COUNT(DISTINCT village_org) FROM star_review_stages"
                        " WHERE stage = 'award' AND year = ? AND star_level = ?", [year, star_level])


def criteria_of_year(store: Store, year: int) -> str | None:
    """The criteria most of the year's self-assessments were made under."""
    return store.scalar("SELECT criteria_uuid FROM star_assessments WHERE year = ? AND deleted = 0"
                        " GROUP BY criteria_uuid ORDER BY COUNT(*) DESC, criteria_uuid LIMIT 1", [year])
