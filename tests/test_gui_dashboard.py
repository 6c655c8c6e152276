"""全区概况 page: builds on a district of known values, its charts render offscreen with the data, and a
click on a bar or a slice shows the rows behind it."""

from __future__ import annotations

from PySide6.QtCharts import QAbstractBarSeries, QPieSeries

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.main_window import NAVIGATION, PAGES
from dangjian_desktop.gui.pages.dashboard import DashboardPage
from tests.district_stats_fixtures import TOWN_B, stats_district, stats_district_file  # noqa: F401


def _page(ctx, qtbot) -> DashboardPage:
    page = DashboardPage(ctx, JobRunner(ctx, inline=True))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _bar_values(panel) -> list[float]:
    series = panel.series
    assert isinstance(series, QAbstractBarSeries)
    values = [series.barSets()[0].at(i) for i in range(series.barSets()[0].count())]
    return values[::-1] if panel.horizontal else values


def test_the_district_opens_on_the_dashboard():
    assert NAVIGATION["district"][0] == "dashboard" and PAGES["dashboard"][0] == "DashboardPage"


def test_page_shows_every_statistic_in_charts(stats_district, qtbot):
    page = _page(stats_district, qtbot)
    assert page.data is not None and page.data.structure.district.members == 7
    assert "7" in page.summary.text()
    assert _bar_values(page.structure) == [1, 1, 1, 2, 2, 0]  # age bands, district
    assert _bar_values(page.training)[2] == 4 and _bar_values(page.training)[4] == 4  # March, May 人次
    assert _bar_values(page.training)[-1] == 6  # under the study-hour floor
    assert _bar_values(page.stars)[:6] == [1, 0, 0, 0, 1, 0]
    assert isinstance(page.points.series, QPieSeries) and page.points.series.sum() == 7
    for panel in (page.structure, page.training, page.compliance, page.stars, page.points, page.indicators):
        image = panel.view.grab().toImage()
        assert image.width() > 300
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 4  # something was drawn besides the background


def test_click_on_an_age_bar_lists_its_members(stats_district, qtbot):
    page = _page(stats_district, qtbot)
    page.structure.click(4)  # 60岁以上
    assert sorted(r["name"] for r in page.structure.rows()) == ["张大爷", "马秀兰"]
    assert "60岁以上" in page.structure.caption.text()


def test_click_on_training_bars_drills_down(stats_district, qtbot):
    page = _page(stats_district, qtbot)
    page.training.click(12)  # under the floor
    assert len(page.training.rows()) == 6 and page.training.rows()[0]["name"] == "孙支书"
    page.training.click(4)  # May
    assert [(r["name"], r["attendances"]) for r in page.training.rows()] == [("西村", 4)]


def test_click_on_stars_points_and_indicators(stats_district, qtbot):
    page = _page(stats_district, qtbot)
    assert [r["name"] for r in page.stars.rows()] == ["西村", "南村", "东村"]  # the warnings by default
    page.stars.click(4)  # ★
    assert [r["name"] for r in page.stars.rows()] == ["西村"]
    labels = [b.label for b in page.points.bars]
    page.points.click(labels.index("不合格"))
    assert [r["name"] for r in page.points.rows()] == ["赵老四"]
    page.indicators.click(len(page.indicators.bars) - 3)  # income under target
    assert [r["name"] for r in page.indicators.rows()] == ["西村"]
    page.compliance.click(1)  # 支委会
    assert page.compliance.rows()[-1]["name"] == "东村" and page.compliance.rows()[-1]["met"] == 2


def test_filter_by_town_recomputes(stats_district, qtbot):
    page = _page(stats_district, qtbot)
    page.town_combo.setCurrentIndex(page.town_combo.findData(TOWN_B))
    page._town_chosen()
    assert page.village_combo.count() == 2  # all villages + 南村
    assert page.data.structure.district.members == 1
    assert _bar_values(page.structure) == [0, 0, 0, 1, 0, 0]


def test_a_table_too_wide_to_sit_beside_its_chart_goes_under_it_whole(stats_district, qtbot):
    """No column of a panel's table is cut off: beside the chart while it fits there, under the chart
    across the page when it does not (the per-village age table has nine columns)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    page = _page(stats_district, qtbot)
    panel = page.structure
    arranged = {}
    for width in (900, 1600):
        page.resize(width, 760)
        QApplication.processEvents()
        assert panel.table.horizontalScrollBar().maximum() == 0, width  # every column whole
        assert panel.view.width() >= panel.view.minimumWidth()
        arranged[width] = panel.splitter.orientation()
    assert arranged == {1600: Qt.Orientation.Horizontal, 900: Qt.Orientation.Vertical}
    page.resize(1200, 760)
    page.tabs.setCurrentWidget(page.training)  # seven columns: beside the chart at this width
    QApplication.processEvents()
    assert page.training.isVisible() and page.training.splitter.orientation() == Qt.Orientation.Horizontal
    assert page.training.table.horizontalScrollBar().maximum() == 0


def test_a_last_column_too_long_for_the_page_is_cut_short_with_its_text_in_a_tooltip(qtbot):
    """The periods a branch missed can run longer than the page: the other columns stay whole, the
    last one ends at the table's edge (no sideways scrolling) and its cells show the text whole as a
    tooltip; on a page wide enough the column is whole again."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from dangjian_desktop.gui.models import Column
    from dangjian_desktop.gui.pages.dashboard_panel import Bar, ChartPanel

    long = "、".join(f"2026年{month}月" for month in range(1, 13)) * 2
    panel = ChartPanel([Column("name", "村"), Column("town", "镇"), Column("met", "达标", align_right=True),
                        Column("missing", "缺少的期次")])
    qtbot.addWidget(panel)
    panel.set_bars("达标率", [Bar("支委会", 50, "b")])
    panel.show_rows("各支部", [{"name": "东村", "town": "城关镇", "met": 3, "missing": long},
                             {"name": "西村", "town": "城关镇", "met": 12, "missing": "2026年3月"}])
    header = panel.table.horizontalHeader()

    def arranged(width: int) -> list[int]:
        panel.resize(width, 600)
        panel.show()
        QApplication.processEvents()
        assert panel.table.horizontalScrollBar().maximum() == 0, width  # no sideways scrolling
        return [header.sectionSize(n) for n in range(header.count())]

    wide = arranged(4000)
    narrow = arranged(700)
    assert panel.splitter.orientation() == Qt.Orientation.Vertical
    assert narrow[:3] == wide[:3]  # the other columns whole
    assert narrow[3] < wide[3]
    assert arranged(4000)[3] >= panel.table.fontMetrics().horizontalAdvance(long)  # and whole again on the wide page
    tip = Qt.ItemDataRole.ToolTipRole
    assert panel.proxy.data(panel.proxy.index(0, 3), tip) == long
    assert panel.proxy.data(panel.proxy.index(1, 3), tip) is None  # a short text needs none
