"""A small district of known values for the dashboard statistics, written row by row with SQL
(as the bundle import leaves rows: owned by each village, written by its device, no change log).

Two towns, three villages, seven members on the roster (plus one who left), meetings, attendance,
points totals, self-assessments with review stages and village indicators. Every figure the tests
assert is worked out by hand in the comments of tests/test_district_stats.py.

TODAY is 2026-11-27; the year counted is 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.core.rulebook import default_rulebook
from dangjian_desktop.core.stars import default_criteria
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.setup import install_rule_version

TODAY = date(2026, 11, 27)
NOW = "2026-11-20T08:00:00+00:00"
DISTRICT, TOWN_A, TOWN_B = "d-0000", "t-jia", "t-yi"
V1, V2, V3 = "v-1111", "v-2222", "v-3333"

# uuid, village, name, birth, sex, ethnicity, education, category, flowing, lost, post, status, joined, changed_on
MEMBERS = [
    ("m1", V1, "李书记", "1990-06-01", "男", "汉族", "大学本科", "正式党员", 0, 0, "书记", "在册", "2012-07-01", None),
    ("m2", V1, "马秀兰", "1960-12-31", "女", "回族", "初中", "正式党员", 1, 0, None, "在册", "1985-07-01", None),
    ("m3", V1, "王小军", "1991-11-28", "男", "汉族", "高中", "预备党员", 0, 0, None, "在册", "2026-01-15", None),
    ("m4", V1, "赵老四", "1966-11-27", "男", None, None, "正式党员", 0, 1, None, "在册", "1995-07-01", None),
    ("m5", V1, "钱五", "1970-01-01", "男", "汉族", "初中", "正式党员", 0, 0, None, "转出", "1999-07-01", "2026-02-01"),
    ("n1", V2, "张大爷", "1950-01-01", "男", "汉族", "小学及以下", "正式党员", 0, 0, None, "在册", "1970-01-01", None),
    ("n2", V2, "刘芳", "1980-05-05", "女", "汉族", "大学专科", "正式党员", 0, 0, None, "在册", "2000-07-01", None),
    ("n3", V2, "陈老书记", "1955-02-02", "男", "汉族", "高中", "正式党员", 0, 0, "书记", "死亡", "1978-07-01", "2026-05-01"),
    ("p1", V3, "孙支书", "1970-03-03", "男", "汉族", "中等专科", "正式党员", 0, 0, "书记", "在册", "2025-07-01", None),
]

# uuid, village, type, held_on, hours, deleted, {member: status}
MEETINGS = [
    ("g1", V1, "theme_day", "2026-03-10", 2, 0, {"m1": "出席", "m2": "出席", "m3": "缺席", "m4": "请假"}),
    ("g2", V1, "training", "2026-03-20", 8, 0, {"m1": "出席", "m3": "出席"}),
    ("g3", V1, "committee", "2026-03-05", 1, 0, {"m1": "出席"}),
    ("g4", V1, "committee", "2026-11-10", 1, 0, {}),
    ("g5", V1, "training", "2025-06-01", 8, 0, {"m1": "出席"}),  # another year
    ("g6", V1, "training", "2026-04-01", 8, 1, {"m1": "出席"}),  # withdrawn (tombstoned)
    ("h1", V2, "training", "2026-05-01", 8, 0, {"n2": "出席", "n1": "缺席"}),
    ("h2", V2, "training", "2026-05-02", 8, 0, {"n2": "出席"}),
    ("h3", V2, "training", "2026-05-03", 8, 0, {"n2": "出席"}),
    ("h4", V2, "training", "2026-05-04", 8, 0, {"n2": "出席"}),
]

# member → cycle-2026 total (base + bonus) in hundredths; n1 has no row (base total 70 points)
TOTALS = {"m1": 9500, "m2": 9200, "m3": 9100, "m4": 5000, "n2": 7600, "p1": 9900}


def build_district(path: Path) -> None:
    ctx = Context.open(path, actor="测试")
    store, conn = ctx.store, ctx.store.conn
    with store.atomic():
        store.set_setting("device_id", "district-device")
        store.set_setting("role", "district")
        store.set_setting("org_uuid", DISTRICT)
        store.insert("orgs", {"uuid": DISTRICT, "kind": "district", "name": "新区党工委组织部", "code": "XQ"},
                     org=DISTRICT, actor="测试")
        store.set_setting("rulebook_uuid", install_rule_version(ctx, "rulebooks", default_rulebook()))
        store.set_setting("criteria_uuid", install_rule_version(ctx, "star_criteria", default_criteria()))
    ctx.forget_rules()

    def row(table: str, values: dict, org: str) -> None:
        values = {"org": org, "device": f"dev-{org}", "updated_at": NOW, **values}
        conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                     list(values.values()))

    with store.atomic():
        for town, name in ((TOWN_A, "甲镇"), (TOWN_B, "乙镇")):
            row("orgs", {"uuid": town, "kind": "town", "name": name, "parent_uuid": DISTRICT}, DISTRICT)
        for uuid, code, name, town, town_name in ((V1, "V1", "东村", TOWN_A, "甲镇"), (V2, "V2", "西村", TOWN_A, "甲镇"),
                                                  (V3, "V3", "南村", TOWN_B, "乙镇")):
            row("orgs", {"uuid": uuid, "kind": "village", "name": name, "code": code, "parent_uuid": DISTRICT}, uuid)
            conn.execute("INSERT INTO sync_villages (org_uuid, code, name, town, enrolled_at, town_uuid)"
                         " VALUES (?, ?, ?, ?, ?, ?)", [uuid, code, name, town_name, NOW, town])
        for (uuid, org, name, birth, sex, ethnicity, education, category, flowing, lost, post, status, joined,
             changed) in MEMBERS:
            row("members", {"uuid": uuid, "branch_uuid": org, "name": name, "birth_date": birth, "sex": sex,
                            "ethnicity": ethnicity, "education": education, "category": category, "flowing": flowing,
                            "lost_contact": lost, "party_post": post, "status": status, "joined_on": joined,
                            "status_changed_on": changed}, org)
        for uuid, org, code, held, hours, deleted, present in MEETINGS:
            row("meetings", {"uuid": uuid, "branch_uuid": org, "type_code": code, "title": f"{code} {held}",
                             "held_on": held, "hours": hours, "deleted": deleted}, org)
            for member, status in present.items():
                row("attendance", {"uuid": f"{uuid}-{member}", "meeting_uuid": uuid, "member_uuid": member,
                                   "status": status}, org)
        sha = ctx.rulebook.sha256
        for member, total in TOTALS.items():
            conn.execute("INSERT INTO points_totals VALUES (2026, ?, ?, ?, 0, 0)", [member, sha, total])
        criteria = store.setting("criteria_uuid")
        for uuid, org, state, score, level in (("a1", V1, "submitted", 92, 5), ("a2", V2, "submitted", 65, 2),
                                               ("a3", V3, "draft", 78, 3)):
            row("star_assessments", {"uuid": uuid, "year": 2026, "criteria_uuid": criteria, "state": state,
                                     "score": score, "star_level": level}, org)
        for n, (stage, at) in enumerate((("town", "2026-11-01T00:00:00"), ("district", "2026-11-02T00:00:00"),
                                         ("publicity", "2026-11-03T00:00:00"), ("award", "2026-11-10T00:00:00"))):
            conn.execute("INSERT INTO star_review_stages (uuid, village_org, assessment_uuid, year, stage, reviewer,"
                         " reviewer_role, at, reviewed_on, score, star_level) VALUES (?, ?, 'a2', 2026, ?, '审核人',"
                         " ?, ?, ?, 62, ?)", [f"r{n}", V2, stage, "town" if stage == "town" else "district", at,
                                              at[:10], 2 if stage == "town" else 1])
        for uuid, org, income, area in (("i1", V1, 25.0, 300.0), ("i2", V2, 8.0, 150.0)):
            row("village_indicators", {"uuid": uuid, "year": 2026, "collective_income": income,
                                       "service_centre_area": area}, org)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()


@pytest.fixture(scope="session")
def stats_district_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stats_district") / "district.db"
    build_district(path)
    return path


@pytest.fixture
def stats_district(stats_district_file, tmp_path):
    import shutil

    path = tmp_path / "district.db"
    shutil.copy(stats_district_file, path)
    ctx = Context.open(path, actor="测试")
    ctx.today = TODAY
    yield ctx
    ctx.close()
