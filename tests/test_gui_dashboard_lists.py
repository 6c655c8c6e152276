"""全区概况: the long member lists arrive as a count and a first page, and a click fetches the whole
list; 红旗村 in the stars section, with the villages behind each bar."""

from __future__ import annotations

from dangjian_desktop.gui.pages import dashboard
from dangjian_desktop.store import red_flag_queries
from tests.district_stats_fixtures import V1, V3, stats_district, stats_district_file  # noqa: F401
from test_gui_dashboard import _page


def test_a_click_fetches_the_whole_list(stats_district, qtbot, monkeypatch):
    monkeypatch.setattr(dashboard, "LIST_PAGE", 1)
    page = _page(stats_district, qtbot)
    t = page.data.training
    assert len(t.below_floor) == 1 and t.below_floor_count == 6
    assert page.training.bars[-1].value == 6  # the bar counts all of them
    page.training.click(12)
    assert [r["name"] for r in page.training.rows()] == ["孙支书", "赵老四", "张大爷", "马秀兰", "王小军", "李书记"]
    labels = [b.label for b in page.points.bars]
    page.points.click(labels.index("不合格"))
    assert [r["name"] for r in page.points.rows()] == ["赵老四"]


def test_red_flag_villages_in_the_stars_section(stats_district, qtbot):
    store = stats_district.store
    with store.atomic():
        for uuid, village, flag in (("f1", V1, "基层党建"), ("f2", V3, "产业发展")):
            red_flag_queries.insert_flag(store, {"uuid": uuid, "village_uuid": village, "year": 2026, "half": 1,
                                                 "flag_type": flag, "awarded_on": "2026-07-01", "note": None,
                                                 "at": "2026-07-01T00:00:00", "actor": "测试"})
    page = _page(stats_district, qtbot)
    keys = [b.key for b in page.stars.bars]
    assert [b.value for b in page.stars.bars][keys.index(("flags", None)):] == [2, 1, 1]
    page.stars.click(keys.index(("flags", None)))  # all 红旗村
    assert sorted(r["name"] for r in page.stars.rows()) == ["东村", "南村"]
    page.stars.click(keys.index(("flags", "基层党建")))
    assert [r["name"] for r in page.stars.rows()] == ["东村"]
