"""The district's statistics (services/district_stats.py) against a district of known values
(tests/district_stats_fixtures.py), each figure worked out by hand; and against a village's own
figures after the real bundle import."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.core import district_stats as shaping
from dangjian_desktop.core.meetings import compliance, compliance_summary, load_meeting_types
from dangjian_desktop.errors import DangjianError, RuleError
from dangjian_desktop.services import district_stats as stats
from dangjian_desktop.services import meetings as village_meetings
from dangjian_desktop.services.district_stats import StatsFilter
from tests.district_stats_fixtures import TOWN_A, TOWN_B, V1, V2, stats_district, stats_district_file  # noqa: F401
from tests.sync_fixtures import demo_world, demo_world_files  # noqa: F401

Y = StatsFilter(2026)


# -- member structure: ages on 2026-11-27 ------------------------------------------------------
# V1: 李书记 1990-06-01 → 36; 马秀兰 1960-12-31 → 65; 王小军 1991-11-28 → 34 (birthday not yet);
#     赵老四 1966-11-27 → 60 (birthday today); 钱五 left the roster (转出), not counted.
# V2: 张大爷 1950 → 76; 刘芳 1980-05-05 → 46 (陈老书记 died, not counted).  V3: 孙支书 1970-03-03 → 56.

def test_member_structure_of_the_district(stats_district):
    s = stats.member_structure(stats_district, Y)
    d = s.district
    assert d.members == 7
    assert d.counts["age"] == {"35岁及以下": 1, "36至45岁": 1, "46至55岁": 1, "56至60岁": 2, "60岁以上": 2, "未填": 0}
    assert d.counts["education"] == {"初中及以下": 2, "高中/中专": 2, "大专": 1, "本科及以上": 1, "未填": 1}
    assert d.counts["sex"] == {"男": 5, "女": 2, "未填": 0}
    assert d.counts["ethnicity"] == {"汉族": 5, "少数民族": 1, "未填": 1}
    assert d.counts["category"] == {"正式党员": 6, "预备党员": 1}
    assert d.counts["flowing"] == {"流动党员": 1, "失联党员": 1, "在村党员": 5}
    assert s.ethnicities == (("汉族", 5), ("回族", 1))
    assert d.share("age", "60岁以上") == pytest.approx(2 / 7)
    assert s.as_of == date(2026, 11, 27)


def test_member_structure_per_town_and_village(stats_district):
    s = stats.member_structure(stats_district, Y)
    assert [(t.name, t.members) for t in s.towns] == [("乙镇", 1), ("甲镇", 6)]
    assert {v.name: v.members for v in s.villages} == {"东村": 4, "西村": 2, "南村": 1}
    east = next(v for v in s.villages if v.key == V1)
    assert east.counts["age"]["60岁以上"] == 1 and east.counts["education"]["未填"] == 1
    # no village has the 5 members the targets ask for before it is compared
    assert s.outliers == ()


def test_villages_furthest_from_the_average():
    # share aged over 60: district 2/7; 东村 1/4 (−0.036), 西村 1/2 (+0.214), 南村 0/1 (−0.286)
    def counts(old, other):
        return {**shaping.add_counts(()), "age": {**dict.fromkeys(shaping.DIMENSION["age"].labels, 0),
                                                  "60岁以上": old, "36至45岁": other}}
    villages = [("v1", "东村", 4, counts(1, 3)), ("v2", "西村", 2, counts(1, 1)), ("v3", "南村", 1, counts(0, 1))]
    district = shaping.add_counts(c for *_, c in villages)
    found = [o for o in shaping.outliers(villages, district, min_members=1, shown=2) if o.metric == "old"]
    assert [(o.name, round(o.difference, 3)) for o in found] == [("南村", -0.286), ("西村", 0.214)]


def test_filters_by_town_and_village(stats_district):
    town_b = stats.member_structure(stats_district, StatsFilter(2026, town=TOWN_B))
    assert town_b.district.members == 1 and [v.name for v in town_b.villages] == ["南村"]
    west = stats.member_structure(stats_district, StatsFilter(2026, town=TOWN_A, village=V2))
    assert west.district.members == 2 and west.district.counts["age"]["60岁以上"] == 1
    assert [v.name for v in stats.training(stats_district, StatsFilter(2026, village=V2)).villages] == ["西村"]


def test_members_behind_a_bar(stats_district):
    rows = stats.members_of(stats_district, Y, dimension="age", label="60岁以上")
    assert sorted(r["name"] for r in rows) == ["张大爷", "马秀兰"]
    rows = stats.members_of(stats_district, StatsFilter(2026, town=TOWN_A), dimension="education", label="未填")
    assert [r["name"] for r in rows] == ["赵老四"]


# -- training -----------------------------------------------------------------------------------
# 东村, March: 主题党日 2 h (李书记, 马秀兰 present) and 培训班 8 h (李书记, 王小军) → 2 期, 4 人次,
#   2×2 + 8×2 = 20 h. The 2025 course and the withdrawn April course do not count.
# 西村, May: four 8 h courses, 刘芳 at all four → 4 期, 4 人次, 32 h. 南村: none.
# Hours: 李书记 10 (floor 56), 马秀兰 2, 王小军 8, 赵老四 0, 张大爷 0, 孙支书 0 (floor 56) → 6 under;
#   刘芳 32 reaches the 32 h floor.

def test_training_per_village_and_month(stats_district):
    t = stats.training(stats_district, Y)
    assert (t.sessions, t.attendances, t.hours) == (6, 8, 52)
    assert {v.name: (v.sessions, v.attendances, v.hours, v.members, v.below_floor) for v in t.villages} == {
        "东村": (2, 4, 20, 4, 4), "西村": (4, 4, 32, 2, 1), "南村": (0, 0, 0, 1, 1)}
    months = {m.month: (m.sessions, m.attendances, m.hours) for m in t.months if m.sessions}
    assert months == {3: (2, 4, 20), 5: (4, 4, 32)}
    assert sorted(t.village_months) == sorted([(V1, 3, 2, 4, 20.0), (V2, 5, 4, 4, 32.0)])


def test_members_under_the_study_hour_floors(stats_district):
    # fewest hours first, then by town (乙镇 before 甲镇 in code order), village and name
    below = stats.training(stats_district, Y).below_floor
    assert [(b.name, b.hours, b.floor) for b in below] == [
        ("孙支书", 0, 56), ("赵老四", 0, 32), ("张大爷", 0, 32), ("马秀兰", 2, 32), ("王小军", 8, 32), ("李书记", 10, 56)]


def test_training_of_another_year(stats_district):
    t = stats.training(stats_district, StatsFilter(2025))
    assert (t.sessions, t.attendances, t.hours) == (1, 1, 8)


def test_training_cache_follows_new_attendance(stats_district):
    stats.training(stats_district, Y)  # fills the cache
    stats_district.store.conn.execute(
        "INSERT INTO attendance (uuid, org, device, updated_at, meeting_uuid, member_uuid, status)"
        " VALUES ('late', ?, 'dev', '2026-11-27', 'g2', 'm2', '出席')", [V1])
    t = stats.training(stats_district, Y)
    assert (t.sessions, t.attendances, t.hours) == (6, 9, 60)
    assert next(b for b in t.below_floor if b.name == "马秀兰").hours == 10


# -- 三会一课 ---------------------------------------------------------------------------------------
# 2026 up to 11-27: months Jan–Oct ended, quarters Q1–Q3 ended, the year still running.
# 东村: 支委会 in March and November → met 2, judged 10 + November (met) = 11; 主题党日 March → 1 of 10;
#   党小组会 0/10; 党员大会 0/3; 党课 0/3; 组织生活会 0/0 → 3 of 37. 西村 and 南村: 0 of 36.

def test_meeting_compliance_per_branch(stats_district):
    c = stats.meeting_compliance(stats_district, Y)
    rows = {r.village_name: r for r in c.rows}
    assert rows["东村"].by_type == {"general_meeting": (0, 3), "committee": (2, 11), "group_meeting": (0, 10),
                                    "party_lesson": (0, 3), "theme_day": (1, 10), "org_life": (0, 0)}
    assert (rows["东村"].met, rows["东村"].judged) == (3, 37)
    assert (rows["西村"].met, rows["西村"].judged) == (0, 36)
    assert "支委会 2026-01" in rows["东村"].missing and "支委会 2026-03" not in rows["东村"].missing
    assert [r.village_name for r in c.rows][-1] == "东村"  # worst rate first
    assert (c.met, c.judged) == (3, 109)


def test_compliance_from_counts_is_core_compliance():
    types, today = load_meeting_types(), date(2026, 11, 27)
    held = [("committee", date(2026, 3, 5)), ("committee", date(2026, 11, 10)), ("theme_day", date(2026, 3, 10)),
            ("general_meeting", date(2026, 8, 1)), ("org_life", date(2026, 10, 1))]
    counts: dict = {}
    for code, day in held:
        key = next(r.period_key for r in compliance([(code, day)], types, year=2026, today=today) if r.held)
        counts[(code, key)] = counts.get((code, key), 0) + 1
    result = shaping.unit_compliance(shaping.period_specs(types, year=2026, today=today), counts, today=today)
    core_rows = compliance(held, types, year=2026, today=today)
    assert result.by_type == compliance_summary(core_rows)
    assert [(r.type_code, r.period_key) for r in result.missing] == [
        (r.type_code, r.period_key) for r in core_rows if r.status == "missing"]


# -- stars and 软弱涣散 ------------------------------------------------------------------------------
# 东村 self-assessed ★★★★★ (no review yet); 西村 self ★★, the district lowered it to ★ and awarded it;
# 南村 only a draft → not rated.
# Warnings: 西村 — secretary left 2026-05-01 (over 3 months), meetings missing, last member joined
# 2000 (no development for 2 years); 东村 and 南村 — meetings missing only.

def test_star_levels(stats_district):
    s = stats.stars(stats_district, Y)
    assert s.levels == ((5, "★★★★★", 1), (4, "★★★★", 0), (3, "★★★", 0), (2, "★★", 0), (1, "★", 1), (0, "后进", 0))
    assert dict(s.awarded)[1] == 1 and sum(n for _, n in s.awarded) == 1
    assert s.not_submitted == 1
    west = next(v for v in s.villages if v.org == V2)
    assert (west.self_level, west.star_level, west.stage) == (2, 1, "award")


def test_weak_warnings_with_their_indicators(stats_district):
    weak = stats.stars(stats_district, Y).weak
    assert [(w.name, [i.code for i in w.indicators]) for w in weak] == [
        ("西村", ["secretary_vacant", "meetings_irregular", "no_development"]),
        ("南村", ["meetings_irregular"]), ("东村", ["meetings_irregular"])]  # then by town: 乙镇 before 甲镇
    assert "2026-05-01" in weak[0].indicators[0].detail


# -- points: 2026 totals -----------------------------------------------------------------------------
# 优秀 (≥90): 李书记 95, 马秀兰 92, 王小军 91, 孙支书 99; 合格: 刘芳 76; 基本合格: 张大爷 70 (no entries:
# the base total); 不合格: 赵老四 50. Quotas: 东村 floor(4/3) = 1 → 李书记; 南村 floor(1/3) = 0.

def test_vanguard_candidates_and_unqualified(stats_district):
    p = stats.points(stats_district, Y)
    assert p.grades == (("优秀", 4), ("合格", 1), ("基本合格", 1), ("不合格", 1))
    assert [(m.name, m.total_x100, m.rank) for m in p.vanguard] == [("李书记", 9500, 1)]
    assert [(m.name, m.village_name) for m in p.failing] == [("赵老四", "东村")]


# -- village indicators against resources/district_targets.json (income ≥ 10 万元, area ≥ 200 m²) ----

def test_village_indicators_against_targets(stats_district):
    i = stats.village_indicators(stats_district, Y)
    assert i.income_bands == ((10.0, 1), (30.0, 0), (50.0, 0), (100.0, 0))
    assert [v.name for v in i.below_income] == ["西村"] and [v.name for v in i.below_area] == ["西村"]
    assert [v.name for v in i.not_reported] == ["南村"]


def test_dashboard_gathers_every_statistic(stats_district):
    data = stats.dashboard(stats_district, Y)
    assert data.structure.district.members == 7 and data.training.attendances == 8
    assert data.points.vanguard[0].name == "李书记" and len(data.stars.weak) == 3
    choices = stats.scope_choices(stats_district)
    assert choices.towns == ((TOWN_B, "乙镇"), (TOWN_A, "甲镇")) and choices.years[0] == 2026
    assert [v.code for v in choices.villages] == ["V3", "V1", "V2"]


def test_dashboard_only_at_the_district(village):
    with pytest.raises(DangjianError):
        stats.dashboard(village, Y)


def test_targets_file_is_checked(tmp_path):
    assert shaping.load_targets().income_target == 10
    with pytest.raises(RuleError, match="thresholds"):
        shaping.load_targets({"format": shaping.FORMAT, "collective_income": {"target": 1, "thresholds": [5, 1]},
                              "service_centre_area": {"minimum": 1}, "outliers": {"min_members": 1, "shown": 1}})


# -- after the real bundle import: the district sees what the village sees -------------------------

def test_imported_village_figures_match_the_village(demo_world):
    demo_world.round_trip()
    district, village = demo_world.district, demo_world.village
    s = stats.member_structure(district, Y)
    row = next(v for v in s.villages if v.key == village.org_uuid)
    roster = stats.members_of(district, StatsFilter(2026, village=village.org_uuid))
    assert row.members == len(roster) > 0
    for dim in shaping.DIMENSIONS:
        expected = {label: sum(shaping.member_label(m, dim.code, s.as_of) == label for m in roster)
                    for label in dim.labels}
        assert row.counts[dim.code] == expected, dim.code
    own = village_meetings.training_stats(village, year=2026)
    t = next(v for v in stats.training(district, Y).villages if v.org == village.org_uuid)
    assert (t.sessions, t.attendances, t.hours, t.below_floor) == (
        own.sessions, own.attendances, own.total_hours, len(own.below_floor))
    c = next(r for r in stats.meeting_compliance(district, Y).rows if r.branch_uuid == village.org_uuid)
    assert c.by_type == compliance_summary(village_meetings.compliance(village, year=2026))


@pytest.mark.parametrize("as_of", [date(2026, 11, 27), date(2028, 2, 29), date(2027, 2, 28), date(2026, 1, 1)])
def test_age_band_cutoffs_agree_with_core_age_bands(as_of):
    from datetime import timedelta

    from dangjian_desktop.core.members import AGE_BANDS, age_band, age_on

    cutoffs = shaping.age_band_cutoffs(as_of)
    day = date(as_of.year - 70, 1, 1)
    while day <= as_of:
        text = day.isoformat()
        band = next((n for n, cut in enumerate(cutoffs) if text > cut), len(cutoffs))
        assert AGE_BANDS[band] == age_band(age_on(day, as_of)), text
        day += timedelta(days=1 if day.month == 2 or day.day > 25 else 5)
