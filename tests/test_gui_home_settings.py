"""The home page (首页) and the settings page (设置): what they show, and what they let the user do."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.gui.app import LARGE_POINT_SIZE, NORMAL_POINT_SIZE
from dangjian_desktop.gui.home import texts
from dangjian_desktop.gui.home.widgets import StatCard, WarningRow
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages.home import HomePage
from dangjian_desktop.gui.pages.settings import SettingsPage
from dangjian_desktop.gui.settings.restore_dialog import RestoreDialog
from dangjian_desktop.services import maintenance, points, village
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.overview import home_summary
from dangjian_desktop.services.preferences import get_preferences
from dangjian_desktop.services.setup import setup_village
from dangjian_desktop.store import queries


@pytest.fixture
def messages(monkeypatch):
    """Information boxes recorded instead of shown (they would wait for a click)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append(text))
    return shown


def _page(cls, ctx, qtbot):
    page = cls(ctx, JobRunner(ctx, inline=True))
    qtbot.addWidget(page)
    page.resize(1130, 800)
    page.show()
    return page


def _record_deduction(ctx, member_uuid):
    return points.record_points(ctx, member_uuids=[member_uuid], item_code="late_dues", occurred_on=date(2026, 11, 2))


# -- the summary service -------------------------------------------------------------------------

def test_home_summary_counts_the_roster_and_lists_this_periods_meetings(demo):
    summary = home_summary(demo)
    roster = queries.members(demo.store, demo.org_uuid, roster_only=True)
    assert summary.members.roster == len(roster) == summary.members.full + summary.members.probationary
    assert summary.members.flowing == sum(bool(m["flowing"]) for m in roster)
    assert {p.frequency for p in summary.meetings} == {"month", "quarter", "year"}
    assert {p.period_key for p in summary.meetings} == {"2026-11", "2026-Q4", "2026"}
    assert all(p.status in ("ok", "due") for p in summary.meetings)
    assert all(row.status == "missing" for row in summary.overdue)


def test_home_summary_ranks_at_most_ten_leaders_best_first(demo):
    leaders = home_summary(demo).leaders
    assert 0 < len(leaders) <= 10
    totals = [leader.total_x100 for leader in leaders]
    assert totals == sorted(totals, reverse=True)
    assert leaders[0].rank == 1


def test_home_summary_lists_members_below_the_study_hour_floor_lowest_first(demo):
    below = home_summary(demo).below_floor
    assert all(b.hours < b.floor for b in below)
    assert [b.hours for b in below] == sorted(b.hours for b in below)


# -- the home page ---------------------------------------------------------------------------------

def test_home_page_shows_the_village_and_its_figures(demo, qtbot):
    page = _page(HomePage, demo, qtbot)
    summary = page.summary
    assert page.heading.text() == demo.org["name"]
    assert page.cards["full"].value.text() == str(summary.members.full)
    assert page.cards["attendances"].value.text() == str(summary.training.attendances)
    rows = page.attention.findChildren(WarningRow)
    assert len(rows) == len(texts.warnings(summary)) > 0


def test_clicking_a_warning_or_a_card_opens_its_page(demo, qtbot, monkeypatch):
    page = _page(HomePage, demo, qtbot)
    opened = []
    monkeypatch.setattr(page, "open_page", opened.append)
    warning = page.attention.findChildren(WarningRow)[0]
    qtbot.mouseClick(warning, Qt.MouseButton.LeftButton)
    assert opened[-1] == texts.warnings(page.summary)[0].page
    page.cards["lost"].clicked.emit()
    assert opened[-1] == "members"


def test_with_nothing_wrong_the_page_says_all_is_in_order(demo, qtbot):
    page = _page(HomePage, demo, qtbot)
    calm = dataclasses.replace(page.summary, overdue=(), below_floor=(), lost_contact=(), weak=())
    assert texts.warnings(calm) == []
    page._show_warnings(calm)
    qtbot.waitUntil(lambda: len(page.attention.findChildren(WarningRow)) == 1)  # the old rows are gone
    row = page.attention.findChildren(WarningRow)[0]
    assert row.title.text() == page.tr("Nothing needs attention right now")


def test_the_home_page_reloads_when_what_it_shows_changes(demo, qtbot):
    page = _page(HomePage, demo, qtbot)
    first = page.summary
    page.notify(Changes(frozenset({"village_indicators"})))  # not shown on the home page
    assert page.summary is first
    leader = first.leaders[0]
    page.notify(_record_deduction(demo, leader.member_uuid))
    assert page.summary is not first
    assert all(l.total_x100 < leader.total_x100 for l in page.summary.leaders if l.member_uuid == leader.member_uuid)


def test_large_font_makes_the_figures_larger(demo, qtbot):
    page = _page(HomePage, demo, qtbot)
    card = page.findChild(StatCard)
    before = card.value.font().pointSizeF()
    font = QApplication.font()
    try:
        bigger = type(font)(font)
        bigger.setPointSizeF(font.pointSizeF() * 1.5)
        QApplication.setFont(bigger)
        qtbot.waitUntil(lambda: card.value.font().pointSizeF() > before * 1.4)
    finally:
        QApplication.setFont(font)


# -- village information ---------------------------------------------------------------------------

@pytest.mark.parametrize("field, value, problem", [
    ("name", " ", "名称不能为空"),
    ("code", "东庄", "村代码"),
    ("area_code", "13018410520", "12 位数字"),
    ("area_code", "13018410520X", "只能是数字"),
])
def test_village_information_is_checked(field, value, problem):
    values = {"name": "东庄村党支部", "code": "DZC", "town": "示范镇", "area_code": "", field: value}
    assert any(problem in p.reason for p in village.check_village_info(**values))


def test_updating_village_information_changes_the_org_and_town(demo):
    changes = village.update_village_info(demo, name="东庄村党委", code="DZC", town="新镇", area_code="130184105201")
    assert "orgs" in changes.tables
    info = village.get_village_info(demo)
    assert (info.name, info.code, info.town, info.area_code) == ("东庄村党委", "DZC", "新镇", "130184105201")
    with pytest.raises(ValidationError):
        village.update_village_info(demo, name="", code="DZC")


def test_typing_a_bad_area_code_shows_the_problem_and_blocks_saving(demo, qtbot):
    page = _page(SettingsPage, demo, qtbot)
    box = page.village
    assert not box.save_button.isEnabled()  # nothing changed yet
    box.fields["area_code"].clear()
    qtbot.keyClicks(box.fields["area_code"], "1301")
    assert "12 位数字" in box.problems.text() and not box.save_button.isEnabled()
    qtbot.keyClicks(box.fields["area_code"], "84105299")
    assert box.problems.text() == "" and box.save_button.isEnabled()
    with qtbot.waitSignal(page.changed) as emitted:
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert "orgs" in emitted.args[0].tables
    assert demo.org["area_code"] == "130184105299"
    assert not box.save_button.isEnabled()


def test_settings_show_the_rules_in_force(demo, qtbot):
    page = _page(SettingsPage, demo, qtbot)
    texts_shown = [label.text() for label in page.rules.grid_host.findChildren(type(page.heading))]
    assert demo.rulebook.version in texts_shown and demo.rulebook.sha256[:12] in texts_shown
    assert demo.criteria.name in texts_shown


# -- language and large text -----------------------------------------------------------------------

def test_choosing_english_is_saved_and_offers_a_restart(demo, qtbot, monkeypatch):
    page = _page(SettingsPage, demo, qtbot)
    asked, restarts = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    page.display.restart = lambda: restarts.append(True)
    page.display.language.setCurrentIndex(page.display.language.findData("en"))
    assert get_preferences(demo).language == "en"
    assert asked and restarts == [True]
    assert "next start" in page.display.note.text() or "下次" in page.display.note.text()


def test_large_text_is_saved_and_applied_at_once(demo, qtbot):
    page = _page(SettingsPage, demo, qtbot)
    font = QApplication.font()
    try:
        page.display.large_font.setChecked(True)
        assert get_preferences(demo).large_font
        assert QApplication.font().pointSizeF() == LARGE_POINT_SIZE
        page.display.large_font.setChecked(False)
        assert not get_preferences(demo).large_font
        assert QApplication.font().pointSizeF() == NORMAL_POINT_SIZE
    finally:
        QApplication.setFont(font)


# -- backup and restore ----------------------------------------------------------------------------

def test_back_up_now_writes_a_backup_and_says_where(demo, qtbot, messages):
    page = _page(SettingsPage, demo, qtbot)
    assert maintenance.list_backups(demo) == []
    qtbot.mouseClick(page.backup.backup_button, Qt.MouseButton.LeftButton)
    backups = maintenance.list_backups(demo)
    assert len(backups) == 1 and str(backups[0].path) in messages[0]
    assert backups[0].modified.strftime("%Y-%m-%d") in page.backup.last_backup.text()


def test_a_backup_of_another_village_is_refused(demo, tmp_path):
    other = Context.open(tmp_path / "other.db")
    setup_village(other, code="XZC", name="西庄村党支部")
    foreign = maintenance.backup(other, out=tmp_path / "xzc.db")
    other.close()
    with pytest.raises(DangjianError, match="西庄村党支部"):
        maintenance.restore_backup(demo, path=foreign)
    assert maintenance.list_backups(demo) == []  # refused before even the safety copy


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_a_file_that_is_not_a_backup_is_refused(demo, tmp_path, content):
    junk = tmp_path / "junk.db"
    junk.write_bytes(content)
    with pytest.raises(DangjianError, match="不是党建通"):
        maintenance.inspect_backup(demo, path=junk)


def test_a_backup_from_a_newer_version_is_refused(demo, tmp_path):
    path = maintenance.backup(demo, out=tmp_path / "newer.db")
    newer = Context.open(path, create=False)
    newer.store.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                             " VALUES ('dangjian', 'm999_from_the_future', '2030-01-01')")
    newer.close()
    with pytest.raises(DangjianError, match="更新版本"):
        maintenance.inspect_backup(demo, path=path)


def test_restoring_a_backup_brings_the_old_data_back_and_keeps_a_safety_copy(demo, tmp_path):
    saved = maintenance.backup(demo, out=tmp_path / "saved.db")
    before = queries.ledger(demo.store, demo.org_uuid)
    member = queries.members(demo.store, demo.org_uuid, roster_only=True)[0]
    _record_deduction(demo, member["uuid"])
    assert len(queries.ledger(demo.store, demo.org_uuid)) == len(before) + 1
    preview = maintenance.inspect_backup(demo, path=saved)
    assert preview.backup["ledger_entries"] == preview.current["ledger_entries"] - 1
    result = maintenance.restore_backup(demo, path=saved)
    assert len(queries.ledger(demo.store, demo.org_uuid)) == len(before)
    assert maintenance.check_database(demo) == []
    safety = Context.open(result.safety_copy, create=False)
    assert len(queries.ledger(safety.store, safety.org_uuid)) == len(before) + 1  # nothing is lost for good
    safety.close()


def test_restore_from_the_page_asks_first_then_restores_and_broadcasts(demo, qtbot, tmp_path, messages, monkeypatch):
    saved = maintenance.backup(demo, out=tmp_path / "saved.db")
    member = queries.members(demo.store, demo.org_uuid, roster_only=True)[0]
    _record_deduction(demo, member["uuid"])
    count = len(queries.ledger(demo.store, demo.org_uuid))
    page = _page(SettingsPage, demo, qtbot)
    previews = []

    def answer(accepted):
        def exec_(dialog):
            previews.append(dialog.preview)
            return QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected
        monkeypatch.setattr(RestoreDialog, "exec", exec_)

    answer(False)
    page.backup.restore_from(saved)
    assert previews[-1].backup["ledger_entries"] == count - 1
    assert len(queries.ledger(demo.store, demo.org_uuid)) == count  # cancelled: nothing changed
    answer(True)
    with qtbot.waitSignal(page.changed) as emitted:
        page.backup.restore_from(saved)
    assert emitted.args[0].tables == frozenset()  # everything may have changed
    assert len(queries.ledger(demo.store, demo.org_uuid)) == count - 1
    assert "before-restore" in messages[-1]


def test_the_restore_dialog_defaults_to_cancel(demo, qtbot, tmp_path):
    saved = maintenance.backup(demo, out=tmp_path / "saved.db")
    dialog = RestoreDialog(maintenance.inspect_backup(demo, path=saved))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected
