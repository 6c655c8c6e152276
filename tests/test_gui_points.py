"""The points page (积分): its models, the record and reversal dialogs, the ranking's periods."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages.points import PointsPage
from dangjian_desktop.gui.points.ledger import LedgerModel
from dangjian_desktop.gui.points.member_picker import MemberPickerModel
from dangjian_desktop.gui.points.ranking import RankingModel
from dangjian_desktop.gui.points.record_dialog import PreviewModel, RecordPointsDialog
from dangjian_desktop.gui.points.reverse_dialog import ReverseEntryDialog
from dangjian_desktop.gui.points.rule_items import RuleItemModel
from dangjian_desktop.services import points as points_service
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.demo import create_demo_village
from dangjian_desktop.services.members import list_members

TODAY = date(2026, 11, 27)  # the demo's data and the page's periods hang on "today"
DEDUCTION = "late_dues"  # -2, no cap, spares no member class: every posting changes the total


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("points") / "demo.db"
    ctx = Context.open(path, actor="测试")
    ctx.today = TODAY
    create_demo_village(ctx, member_count=30)
    ctx.close()
    return path


@pytest.fixture
def ctx(demo_db, tmp_path):
    """A writable copy of the demo village for one test."""
    path = tmp_path / "village.db"
    shutil.copy(demo_db, path)
    context = Context.open(path, actor="书记", create=False)
    context.today = TODAY
    yield context
    context.close()


@pytest.fixture
def page(ctx, qtbot):
    page = PointsPage(ctx, JobRunner(ctx, inline=True))
    page.changed.connect(page.notify)  # what the main window's broadcast does
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def _visible_rows(view, parent=QModelIndex()):
    model = view.model()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _visible_rows(view, index)


def _shown(tab, proxy_row: int) -> dict:
    return tab.model.record(tab.proxy.mapToSource(tab.proxy.index(proxy_row, 0)).row())


def _click(qtbot, view, index) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


# -- models --------------------------------------------------------------------------------------


def test_table_and_tree_models_pass_the_model_tester(ctx, qtmodeltester):
    ranking = RankingModel()
    _start, _end, scores = points_service.period_scores(ctx, period="2026-Q3")
    ranking.set_rows([vars(s) | {"base_total_x100": 7000, "counted_deduction_x100": s.base_x100 - 7000,
                                 "change_x100": 0} for s in scores])
    ledger = LedgerModel()
    ledger.set_rows(points_service.list_ledger(ctx, start=date(2026, 1, 1), end=TODAY))
    preview = PreviewModel()
    members = list_members(ctx, roster_only=True)
    planned = points_service.preview_record(ctx, member_uuids=[m["uuid"] for m in members[:3]],
                                            item_code=DEDUCTION, occurred_on=TODAY)
    preview.set_rows([vars(e) for e in planned.entries])
    items = RuleItemModel()
    items.set_rulebook(ctx.rulebook)
    picker = MemberPickerModel()
    picker.set_members(members)
    picker.set_exempt(points_service.exempt_members(ctx, item_code="skip_labour"))
    picker.set_checked([m["uuid"] for m in members[:5]])
    for model in (ranking, ledger, preview, items, picker):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=False)


# -- recording -------------------------------------------------------------------------------------


def test_recording_for_two_members_in_the_dialog_adds_two_entries_and_moves_the_ranking(page, ctx, qtbot):
    page.ranking.set_period(str(TODAY.year))
    before = {r["member_uuid"]: r["total_x100"] for r in page.ranking.model.records()}
    entries_before = len(points_service.list_ledger(ctx))
    first, second = page.ranking.model.records()[:2]  # the top two: any change shows in the ranking

    dialog = page.record()
    _click(qtbot, dialog.item_view, dialog.items.index_of(dialog.items.item_node(DEDUCTION)))
    assert dialog.item_code() == DEDUCTION
    for member in (first, second):
        dialog.picker.search.clear()
        qtbot.keyClicks(dialog.picker.search, member["name_pinyin"])  # QTest types ASCII only
        row = next(i for i in _visible_rows(dialog.picker.tree)
                   if (node := dialog.picker.model.node(dialog.picker.proxy.mapToSource(i))).record
                   and node.record["uuid"] == member["member_uuid"])
        _click(qtbot, dialog.picker.tree, row)  # a click on the name ticks it, not only on the box
    assert set(dialog.picker.checked_uuids()) == {first["member_uuid"], second["member_uuid"]}
    dialog.update_preview()
    assert dialog.preview_model.rowCount() == 2
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(points_service.list_ledger(ctx)) == entries_before + 2
    after = {r["member_uuid"]: r["total_x100"] for r in page.ranking.model.records()}
    assert after[first["member_uuid"]] == before[first["member_uuid"]] - 200
    assert after[second["member_uuid"]] == before[second["member_uuid"]] - 200
    assert page.notice.isVisible()


def test_selected_members_in_the_ranking_come_ticked_in_the_record_dialog(page, qtbot):
    page.ranking.view.selectRow(0)
    chosen = page.ranking.selected_uuids()
    qtbot.mouseClick(page.ranking.record_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(RecordPointsDialog)
    assert dialog.picker.checked_uuids() == chosen


def test_the_dialog_blocks_saving_until_an_item_and_a_member_are_chosen(ctx, qtbot):
    dialog = RecordPointsDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert dialog.message.text()
    dialog.select_item(DEDUCTION)
    dialog.update_preview()
    assert not dialog.save_button.isEnabled()
    assert "请至少选择一名党员" in dialog.message.text()


def test_ticking_a_group_ticks_its_members_except_those_the_item_spares(ctx, qtbot):
    dialog = RecordPointsDialog(ctx, item_code="skip_labour")  # spares 流动党员 and 年老体弱
    qtbot.addWidget(dialog)
    spared = points_service.exempt_members(ctx, item_code="skip_labour")
    model = dialog.picker.model
    group = next(n for n in model.all_nodes() if n.record is None and n.children and n.children[0].record
                 and any(c.record["uuid"] in spared for c in n.children))
    model.setData(model.index_of(group), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    ticked = set(dialog.picker.checked_uuids())
    assert ticked == {c.record["uuid"] for c in group.children} - set(spared)
    dialog.update_preview()
    assert dialog.save_button.isEnabled()


# -- reversal ----------------------------------------------------------------------------------------


def test_a_reversal_needs_a_reason_and_marks_both_entries(page, ctx, qtbot):
    member = list_members(ctx, roster_only=True)[0]
    changes = points_service.record_points(ctx, member_uuids=[member["uuid"]], item_code=DEDUCTION, occurred_on=TODAY)
    page.notify(changes)
    page.tabs.setCurrentWidget(page.ledger)
    ledger = page.ledger
    row = next(r for r in range(ledger.proxy.rowCount()) if _shown(ledger, r)["uuid"] == changes.uuids[0])
    ledger.view.selectRow(row)
    assert ledger.reverse_button.isEnabled()

    qtbot.mouseClick(ledger.reverse_button, Qt.MouseButton.LeftButton)
    dialog = ledger.findChild(ReverseEntryDialog)
    assert not dialog.ok_button.isEnabled()
    assert "原因" in dialog.message.text()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.reason, "typed twice")
    assert dialog.ok_button.isEnabled() and not dialog.message.text()
    qtbot.mouseClick(dialog.quick_reasons[0], Qt.MouseButton.LeftButton)  # "Recorded twice" fills it in
    reason = dialog.quick_reasons[0].text()
    assert dialog.reason.text() == reason
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    rows = {r["uuid"]: r for r in points_service.list_ledger(ctx)}
    original = rows[changes.uuids[0]]
    reversal = rows[original["reversed_by_uuid"]]
    assert reversal["points_x100"] == -original["points_x100"] and reversal["reason"] == reason
    shown = {r["uuid"]: r for r in ledger.model.records()}
    assert shown[original["uuid"]]["reversed_by_uuid"] and shown[reversal["uuid"]]["reverses_uuid"]
    assert ledger.model.data(ledger.model.index(list(shown).index(original["uuid"]), 0),
                             Qt.ItemDataRole.FontRole).strikeOut()


def test_the_ledger_filters_by_source_and_category(page, ctx):
    page.tabs.setCurrentWidget(page.ledger)
    ledger = page.ledger
    ledger.source.setCurrentIndex(ledger.source.findData("manual"))
    shown = [_shown(ledger, r) for r in range(ledger.proxy.rowCount())]
    assert shown and all(r["source"] == "manual" for r in shown)
    ledger.category.setCurrentIndex(ledger.category.findData("组织生活"))
    shown = [_shown(ledger, r) for r in range(ledger.proxy.rowCount())]
    assert shown and all(r["source"] == "manual" and r["category"] == "组织生活" for r in shown)


def test_the_ranking_and_the_ledger_export_what_they_show(page, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.setattr("dangjian_desktop.gui.table_export.QMessageBox.information", lambda *a, **k: None)
    page.ranking.set_period("2026-Q3")
    page.ranking.search.setText(page.ranking.model.record(0)["name_initials"])
    shown = page.ranking.proxy.rowCount()
    sheet = load_workbook(page.ranking.export(tmp_path / "ranking.xlsx")).active
    assert sheet.max_row == 2 + shown  # the title row, the headings, then the rows shown
    assert "2026" in sheet.cell(1, 1).value
    page.tabs.setCurrentWidget(page.ledger)
    page.ledger.source.setCurrentIndex(page.ledger.source.findData("manual"))
    sheet = load_workbook(page.ledger.export(tmp_path / "ledger.xlsx")).active
    assert sheet.max_row == 2 + page.ledger.proxy.rowCount()


# -- periods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind_button", "key", "start", "end"), [
    (1, "2026-Q3", "2026-07-01", "2026-09-30"),
    (0, "2026-02", "2026-02-01", "2026-02-28"),
    (2, "2025", "2025-01-01", "2025-12-31"),
])
def test_switching_the_period_shows_its_date_range(page, qtbot, kind_button, key, start, end):
    ranking = page.ranking
    qtbot.mouseClick(ranking.kind_buttons.button(kind_button), Qt.MouseButton.LeftButton)
    ranking.period.setCurrentIndex(ranking.period.findData(key))
    assert ranking.period_key == key
    assert start in ranking.range_label.text() and end in ranking.range_label.text()
    assert ranking.model.rowCount() > 0


def test_the_current_quarter_is_counted_up_to_today(page):
    page.ranking.set_period("2026-Q4")
    assert TODAY.isoformat() in page.ranking.range_label.text()


# -- translation -----------------------------------------------------------------------------------

CONTEXTS = {"PointsPage", "PointsText", "MemberPicker", "MemberPickerModel", "RuleItemModel", "PreviewModel",
            "RecordPointsDialog", "ReverseEntryDialog", "LedgerModel", "LedgerTab", "RankingModel", "RankingTab",
            "RulebookTab"}


def test_every_points_page_string_has_a_chinese_translation():
    ts = Path(__file__).resolve().parent.parent / "resources" / "translations" / "dangjian_zh_CN.ts"
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name") in CONTEXTS:
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") or not (translation.text or "").strip():
                    missing.append((context.findtext("name"), message.findtext("source")))
    assert missing == []
