"""The dashboard's cache of figures per village (services/dashboard_cache.py, migration m008) gives
exactly what computing from the tables gives (services.district_stats.dashboard(cached=False)):
for every filter, after inserts, updates and deletes through the store, on a new day, after a real
bundle import; and its long lists page in order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dangjian_desktop.services import district_stats as stats
from dangjian_desktop.services.dashboard_cache import refresh
from dangjian_desktop.services.district_stats import StatsFilter
from dangjian_desktop.store import red_flag_queries
from tests.district_stats_fixtures import TOWN_A, TOWN_B, V1, V2, V3, stats_district, stats_district_file  # noqa: F401
from tests.sync_fixtures import demo_world, demo_world_files  # noqa: F401

Y = StatsFilter(2026)
FILTERS = (Y, StatsFilter(2026, town=TOWN_A), StatsFilter(2026, town=TOWN_B), StatsFilter(2026, village=V2),
           StatsFilter(2026, town=TOWN_A, village=V1), StatsFilter(2025))


def same(ctx, *filters) -> stats.DashboardData:
    for flt in filters or FILTERS:
        cached = stats.dashboard(ctx, flt)
        assert cached == stats.dashboard(ctx, flt, cached=False), flt
    return stats.dashboard(ctx, Y)


def test_cached_figures_equal_the_computed_ones_for_every_filter(stats_district):
    data = same(stats_district)
    assert data.structure.district.members == 7 and data.training.below_floor_count == 6
    assert refresh(stats_district, Y) == 0  # all kept: nothing to compute again


def test_only_changed_villages_are_computed_again(stats_district):
    same(stats_district, Y)
    stats_district.store.update("members", "n2", {"education": "大学本科"}, actor="测试")
    assert refresh(stats_district, Y) == 1


def test_inserts_updates_and_deletes_through_the_store(stats_district):
    store, actor = stats_district.store, "测试"
    same(stats_district)
    store.insert("members", {"uuid": "p2", "branch_uuid": V3, "name": "新党员", "birth_date": "2000-02-02", "sex": "女",
                             "ethnicity": "壮族", "education": "大学本科", "category": "预备党员",
                             "joined_on": "2026-07-01"}, org=V3, actor=actor)
    data = same(stats_district)
    assert data.structure.district.members == 8 and ("壮族", 1) in data.structure.ethnicities
    store.update("members", "m1", {"party_post": None}, actor=actor)  # 东村 loses its secretary
    store.update("members", "m2", {"birth_date": "1995-01-01", "education": "高中"}, actor=actor)
    data = same(stats_district)
    assert data.structure.district.counts["age"]["60岁以上"] == 1
    store.tombstone("members", "n2", actor=actor)  # 刘芳 leaves the district's figures
    store.tombstone("meetings", "g3", actor=actor)  # 支委会 in March withdrawn
    data = same(stats_district)
    assert data.structure.district.members == 7
    assert next(r for r in data.compliance.rows if r.village_org == V1).by_type["committee"] == (1, 11)
    store.insert("meetings", {"uuid": "h9", "branch_uuid": V2, "type_code": "training", "title": "培训",
                              "held_on": "2026-09-09", "hours": 40}, org=V2, actor=actor)
    store.insert("attendance", {"meeting_uuid": "h9", "member_uuid": "n1", "status": "出席"}, org=V2, actor=actor)
    data = same(stats_district)
    assert "张大爷" not in {b.name for b in data.training.below_floor}
    store.insert("points_ledger", {"member_uuid": "m4", "rulebook_uuid": store.setting("rulebook_uuid"),
                                   "cycle_year": 2026, "occurred_on": "2026-06-01", "item_code": "attend_training",
                                   "points_x100": 200, "source": "manual"}, org=V1, actor=actor)
    data = same(stats_district)
    assert "赵老四" not in {m.name for m in data.points.failing}
    store.update("orgs", V2, {"name": "西村新名"}, actor=actor)
    same(stats_district)


def test_a_new_day_moves_ages_and_overdue_periods(stats_district):
    stats_district.store.update("members", "m3", {"birth_date": "1990-12-01"}, actor="测试")  # 36 on 12-01
    before = same(stats_district, Y)
    stats_district.today = date(2026, 12, 2)  # and November's meetings are overdue
    after = same(stats_district, Y)
    assert after.structure.district.counts["age"]["35岁及以下"] == before.structure.district.counts["age"]["35岁及以下"] - 1
    assert after.compliance.judged > before.compliance.judged


def test_a_new_day_computes_only_the_villages_it_changes(stats_district):
    stats_district.store.update("members", "m3", {"birth_date": "1990-12-01"}, actor="测试")  # 东村: 36 on 12-01
    same(stats_district, Y, StatsFilter(2025))
    computed = {}
    for day in range(28, 34):  # 11-28 … 12-03
        stats_district.today = date(2026, 11, 27) + timedelta(days=day - 27)
        computed[stats_district.today.isoformat()] = (refresh(stats_district, Y), refresh(stats_district, StatsFilter(2025)))
        same(stats_district, Y, StatsFilter(2025))
    assert computed["2026-11-28"] == (0, 0)  # nothing the day changes
    assert computed["2026-12-01"] == (3, 0)  # a new month: overdue periods; 2025 is over and holds
    assert sum(n for n, _ in computed.values()) <= 3 + 4  # and around 王小军's birthday, 东村 alone


def test_long_lists_come_a_page_at_a_time(stats_district):
    whole = stats.dashboard(stats_district, Y)
    first = stats.dashboard(stats_district, Y, page=2)
    assert first.training.below_floor == whole.training.below_floor[:2]
    assert first.training.below_floor_count == len(whole.training.below_floor) == 6
    assert first.points.vanguard_count == 1 and first.points.complete
    pages = [b for offset in range(0, 6, 4) for b in stats.listed_members(stats_district, Y, "below",
                                                                          offset=offset, limit=4)]
    assert tuple(pages) == whole.training.below_floor
    assert stats.listed_members(stats_district, StatsFilter(2026, village=V2), "below")[0].name == "张大爷"
    with pytest.raises(ValueError):
        stats.listed_members(stats_district, Y, "everyone")


def test_red_flags_in_the_stars_section(stats_district):
    store = stats_district.store
    with store.atomic():
        for uuid, village, half, flag in (("f1", V1, 1, "基层党建"), ("f2", V1, 2, "产业发展"), ("f3", V3, 1, "基层党建")):
            red_flag_queries.insert_flag(store, {"uuid": uuid, "village_uuid": village, "year": 2026, "half": half,
                                                 "flag_type": flag, "awarded_on": "2026-07-01", "note": None,
                                                 "at": "2026-07-01T00:00:00", "actor": "测试"})
    data = same(stats_district, Y, StatsFilter(2026, town=TOWN_A))
    assert data.stars.red_flag_villages == 2 and data.stars.red_flags == (("产业发展", 1), ("基层党建", 2))
    town_a = stats.dashboard(stats_district, StatsFilter(2026, town=TOWN_A)).stars
    assert town_a.red_flag_villages == 1 and dict(town_a.red_flags) == {"基层党建": 1, "产业发展": 1}
    rows = stats.red_flag_villages(stats_district, Y, flag_type="基层党建")
    assert sorted(r["name"] for r in rows) == ["东村", "南村"]


def test_after_a_real_bundle_import(demo_world):
    district = demo_world.district
    flt = StatsFilter(district.today.year)
    same(district, flt)
    demo_world.round_trip()  # the village's next bundle: its new rows mark it for computing again
    data = same(district, flt, StatsFilter(district.today.year - 1))
    assert data.structure.district.members > 0
    district.today += timedelta(days=1)
    same(district, flt)


def test_a_village_written_to_while_computing_is_left_for_the_next_refresh(stats_district):
    from dangjian_desktop.services import dashboard_cache
    from dangjian_desktop.store import dashboard_cache as cache

    store = stats_district.store
    key = dashboard_cache.cache_key(stats_district, 2026)
    stats.dashboard(stats_district, Y)  # the training and points caches up to date
    with store.atomic():
        cache.forget(store)
        todo = cache.plan_refresh(store, Y.scope(), key=key, day="2026-11-27")
    figures, members = dashboard_cache._compute(stats_district, 2026, todo)
    store.update("members", "n2", {"sex": "男"}, actor="测试")  # 西村 changes before its figures are kept
    with store.atomic():
        assert cache.write_computed(store, 2026, figures, members) == 2
    assert set(cache.figures(store, Y.scope())) == {V1, V3}
    data = same(stats_district, Y)
    assert data.structure.district.counts["sex"]["女"] == 1


def test_outlier_candidates_give_what_every_village_gives():
    import random

    from dangjian_desktop.core import district_stats as shaping

    rng, targets = random.Random(6), shaping.load_targets()
    width = sum(len(d.labels) for d in shaping.DIMENSIONS)
    for _ in range(20):
        villages = []
        for n in range(rng.randint(1, 80)):
            counts = stats.counts_of_flat([rng.choice((0, 0, 1, 2, 5, 9)) for _ in range(width)])
            villages.append(stats.StructureRow(f"v{n}", f"村{rng.randint(0, 9)}", "镇",
                                               sum(counts["age"].values()), counts))
        district = stats._sum_counts(villages)
        every = shaping.outliers([(r.key, r.name, r.members, r.counts) for r in villages], district,
                                 min_members=targets.outlier_min_members, shown=targets.outliers_shown)
        assert shaping.outliers(stats._outlier_candidates(tuple(villages), district, targets), district,
                                min_members=targets.outlier_min_members, shown=targets.outliers_shown) == every
        assert district == shaping.add_counts(r.counts for r in villages)


def test_a_refresh_decodes_only_the_figures_that_changed(stats_district, monkeypatch):
    from dangjian_desktop.services import dashboard_cache

    same(stats_district, Y)
    decoded = []
    real = dashboard_cache._decode
    monkeypatch.setattr(dashboard_cache, "_decode", lambda text: decoded.append(text) or real(text))
    first = stats.dashboard(stats_district, Y)
    assert decoded == []  # every village's figures as decoded before, by their text
    stats_district.store.update("members", "n2", {"education": "大学本科"}, actor="测试")
    again = same(stats_district, Y)
    assert len(decoded) == 1 and again != first  # the one village that changed
