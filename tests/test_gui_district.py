"""The district's pages: 村镇管理 (registry), 星级审核 (reviews), 规则 (rules); the village's box of
review results; a district's settings page and navigation."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QItemSelectionModel, Qt

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.main_window import NAVIGATION, page_class
from dangjian_desktop.gui.pages import registry as registry_page
from dangjian_desktop.gui.pages import reviews as reviews_page
from dangjian_desktop.gui.pages import rules as rules_page
from dangjian_desktop.gui.pages.registry_info_box import DistrictInfoBox
from dangjian_desktop.gui.pages.stars import StarsPage
from dangjian_desktop.gui.pages.settings import SettingsPage
from dangjian_desktop.services import reviews
from sync_fixtures import small_world_files, world  # noqa: F401
from test_rules_issue import criteria_file, lower_five_stars
from test_star_review import DISTRICT, YEAR, _full_workflow, no_default_cap, submit  # noqa: F401


def make(qtbot, cls, ctx):
    page = cls(ctx, JobRunner(ctx, inline=True))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


@pytest.fixture
def errors(monkeypatch):
    shown = []
    for module in (registry_page, reviews_page, rules_page):
        monkeypatch.setattr(module, "show_error", lambda parent, exc: shown.append(str(exc)))
    return shown


def select_row(page, predicate):
    for row in range(page.proxy.rowCount()):
        if predicate(page.proxy.record(row)):
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            page.table.selectionModel().select(page.proxy.index(row, 0), flags)
            return
    raise AssertionError("no such row")


def test_district_navigation_has_the_new_pages_before_settings():
    keys = NAVIGATION["district"]
    assert keys[-1] == "settings"
    assert keys.index("registry") < keys.index("reviews") < keys.index("settings")
    for key in ("registry", "reviews", "rules"):
        assert page_class(key).key == key


def test_registry_page_shows_the_tree_and_the_status(qtbot, world):
    page = make(qtbot, registry_page.RegistryPage, world.district)
    assert page.model.rowCount() == 2
    town = page.tree.topLevelItem(0)
    assert town.text(0) == "示范镇" and town.childCount() == 2
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_registry_page_highlights_silent_villages(qtbot, world):
    world.district.today = datetime.now(timezone.utc).date() + timedelta(days=60)
    page = make(qtbot, registry_page.RegistryPage, world.district)
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == registry_page.SILENT_BACKGROUND
    assert "45" in page.summary.text()


def test_registry_page_imports_a_sheet_after_the_preview(qtbot, world, tmp_path, monkeypatch):
    book = Workbook()
    book.active.append(["镇", "村代码", "村名称"])
    book.active.append(["河西镇", "NZC", "南庄村党支部"])
    book.active.append(["河西镇", "", "无代码"])
    book.save(tmp_path / "list.xlsx")
    page = make(qtbot, registry_page.RegistryPage, world.district)
    asked = []
    monkeypatch.setattr(page, "ask_to_import", lambda text: asked.append(text) or True)
    page.import_excel(str(tmp_path / "list.xlsx"))
    assert "第 3 行" in asked[0]
    assert page.model.rowCount() == 3
    assert {page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())} == {"示范镇", "河西镇"}


@pytest.fixture
def submitted(world):
    submit(world.village)
    world.import_district(world.export_village())
    return world


def test_reviews_page_runs_the_workflow(qtbot, submitted, monkeypatch, errors):
    d = submitted.district
    page = make(qtbot, reviews_page.ReviewsPage, d)
    assert page.model.rowCount() == 1 and page.model.record(0)["state"] == "submitted"
    monkeypatch.setattr(page, "exec_dialog", lambda dialog: True)
    select_row(page, lambda r: r["code"] == "DZC")
    page.review()  # no name typed
    assert len(errors) == 1  # the name is missing (text from the translation catalogue)
    page.reviewer_name.setText("王科长")
    select_row(page, lambda r: r["code"] == "DZC")
    page.review()  # as the district office: refused, the town reviews first
    assert errors and "镇级初审" in errors[-1]
    page.as_combo.setCurrentIndex(1)  # the town's reviewer
    page.reviewer_name.setText("李委员")
    select_row(page, lambda r: r["code"] == "DZC")
    page.review()
    assert page.model.record(0)["state"] == "town_reviewed"
    page.as_combo.setCurrentIndex(0)
    page.reviewer_name.setText("王科长")
    select_row(page, lambda r: r["code"] == "DZC")
    page.review()
    select_row(page, lambda r: r["code"] == "DZC")
    page.publicity()
    assert page.model.record(0)["state"] == "publicity"
    assert "镇级初审" in page.history.text() or page.history.text()
    d.today = d.today + timedelta(days=10)
    select_row(page, lambda r: r["code"] == "DZC")
    page.award()
    assert page.model.record(0)["state"] == "awarded"
    select_row(page, lambda r: r["code"] == "DZC")
    assert "命名" in page.history.text()


def test_the_review_dialog_starts_from_the_villages_scores(qtbot, submitted):
    uuid = reviews.list_assessments(submitted.district, reviewer=DISTRICT)[0]["uuid"]
    detail = reviews.get_review(submitted.district, reviewer=DISTRICT, assessment_uuid=uuid)
    dialog = reviews_page.ReviewDialog(detail, "镇级初审")
    qtbot.addWidget(dialog)
    first = next(iter(detail.criteria.items))
    assert dialog.values()["scores"][first] == detail.criteria.items[first].max
    dialog.spins[first].setValue(0)
    assert "分" in dialog.total.text() or dialog.total.text()
    assert dialog.values()["scores"][first] == 0


def test_rules_page_shows_the_diff_then_issues(qtbot, world, tmp_path, monkeypatch):
    page = make(qtbot, rules_page.RulesPage, world.district)
    assert page.model.rowCount() == 2
    seen = []

    def accept(dialog):
        seen.append(dialog)
        return True

    monkeypatch.setattr(page, "exec_dialog", accept)
    page.import_file(str(criteria_file(tmp_path, change=lower_five_stars)))
    assert seen and isinstance(seen[0], rules_page.DiffDialog)
    assert page.model.rowCount() == 3
    in_force = [r for r in page.model.records() if r["in_force"]]
    assert "2027.1" in {r["version_label"] for r in in_force}


def test_rules_page_exports_the_version_in_force(qtbot, world, tmp_path):
    page = make(qtbot, rules_page.RulesPage, world.district)
    row = next(i for i, r in enumerate(page.model.records()) if r["table"] == "star_criteria")
    page.table.selectRow(row)
    page.export_file(str(tmp_path / "c.json"))
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["format"] == "dangjian-star-criteria/1"


def test_the_village_sees_the_district_results_on_its_star_page(qtbot, submitted):
    _full_workflow(submitted)
    submitted.import_village(submitted.export_return())
    page = make(qtbot, StarsPage, submitted.village)
    page.year_combo.setCurrentIndex(page.year_combo.findData(YEAR))
    text = page.review_box.text.text()
    assert "镇级初审" in text and "命名为五星级党组织" in text and "材料齐全" in text


def test_a_district_settings_page_shows_the_district(qtbot, world):
    page = SettingsPage(world.district, JobRunner(world.district, inline=True))
    qtbot.addWidget(page)
    assert isinstance(page.village, DistrictInfoBox)
    page.village.load()
    assert page.village.values["name"].text() == "新区党工委组织部"
    assert "2" in page.village.values["registry"].text()


def test_reviews_page_finds_a_village_by_name(qtbot, world):
    submit(world.village)
    submit(world.village2, low=True)
    world.import_district(world.export_village(), world.export_village(world.village2))
    page = make(qtbot, reviews_page.ReviewsPage, world.district)
    assert page.proxy.rowCount() == 2
    page.search.setText("西庄")
    assert page.proxy.rowCount() == 1 and page.proxy.record(0)["code"] == "XZC"
    page.state_combo.setCurrentIndex(page.state_combo.findData("town_reviewed"))
    assert page.model.rowCount() == 0
