"""m006_reviews_red_flags on a database that already holds review stages: rows, rowid order,
indexes and the append-only triggers survive the rebuild; 'returned' becomes a valid stage."""

from __future__ import annotations

import sqlite3

import pytest

from dangjian_desktop.store.db import Store
from dangjian_desktop.store.schema import migrations


def test_review_stages_survive_the_rebuild(tmp_path):
    path = tmp_path / "d.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from sqlite_utils import Database

    migrations.apply(Database(conn), stop_before="m006_reviews_red_flags")
    for n, stage in enumerate(("town", "district")):
        conn.execute("INSERT INTO star_review_stages (uuid, village_org, assessment_uuid, year, stage, reviewer,"
                     " reviewer_role, at, reviewed_on, items_json) VALUES (?, 'v', 'a', 2026, ?, '李', ?, ?, ?, ?)",
                     [f"s{n}", stage, stage, f"2026-10-0{n + 1}T00:00:00", f"2026-10-0{n + 1}", '{"x": {"score": 3}}'])
    conn.execute("INSERT INTO district_reviews (uuid, village_org, year, stage, result) VALUES ('r', 'v', 2026, 'town', 'ok')")
    conn.close()

    store = Store.open(path)
    rows = store.query("SELECT uuid, stage, items_json, submitted_at FROM star_review_stages ORDER BY rowid")
    assert [(r["uuid"], r["stage"], r["submitted_at"]) for r in rows] == [("s0", "town", None), ("s1", "district", None)]
    assert rows[0]["items_json"] == '{"x": {"score": 3}}'
    assert store.query_one("SELECT detail_json FROM district_reviews")["detail_json"] is None
    store.conn.execute("INSERT INTO star_review_stages (uuid, village_org, assessment_uuid, year, stage, reviewer,"
                       " reviewer_role, at, reviewed_on) VALUES ('s2', 'v', 'a', 2026, 'returned', '王', 'district',"
                       " 'now', '2026-10-03')")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("DELETE FROM star_review_stages")
    indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                               " AND tbl_name IN ('star_review_stages', 'red_flags')")}
    assert {"star_review_stages_assessment", "star_review_stages_village", "red_flags_year_village"} <= indexes
    store.close()
