"""The 操作记录 page: filters, newest first, details before → after, more, export; no way to edit."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QPushButton

from dangjian_desktop.gui import personal_export
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.main_window import NAVIGATION, PAGES, MainWindow
from dangjian_desktop.gui.pages.audit import AuditPage
from dangjian_desktop.services import members


@pytest.fixture
def page(qtbot, demo):
    member = next(m for m in members.list_members(demo, roster_only=True) if m["phone"])
    demo.actor = "王书记"
    members.update_member(demo, member_uuid=member["uuid"], changes={"job": "养殖户"})
    demo.actor = "测试"
    page = AuditPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.show()
    page.member = member
    return page


def rows(page: AuditPage) -> list[dict]:
    return [page.model.record(r) for r in range(page.model.rowCount())]


def test_the_page_is_in_both_navigations_just_before_settings():
    assert PAGES["audit"][0] == "AuditPage"
    for keys in NAVIGATION.values():
        assert keys[-2:] == ("audit", "settings")


def test_it_lists_newest_first_and_shows_the_newest_change_field_by_field(page):
    listed = rows(page)
    assert len(listed) == 200 and listed[0]["actor"] == "王书记"
    assert [r["id"] for r in listed] == sorted((r["id"] for r in listed), reverse=True)
    assert page.view.currentIndex().row() == 0  # the newest entry is selected
    table = page.detail.table
    cells = [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())]
    assert cells == [("工作岗位", page.member["job"] or "", "养殖户")]
    assert page.member["name"] in page.detail.heading.text()
    total = page.ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
    assert f"{total:,}" in page.count.text() and "200" in page.count.text()


def test_filters_narrow_the_list(qtbot, page):
    page.actor.setCurrentIndex(page.actor.findData("王书记"))
    assert [r["actor"] for r in rows(page)] == ["王书记"]
    page.actor.setCurrentIndex(0)
    page.table_kind.setCurrentIndex(page.table_kind.findData("meetings"))
    assert rows(page) and {r["table_label"] for r in rows(page)} == {"会议"}
    page.table_kind.setCurrentIndex(0)
    page.text.setText("修改党员信息")
    qtbot.waitUntil(lambda: 0 < len(rows(page)) < 200)  # after the typing pause
    assert all("修改党员信息" in r["summary"] for r in rows(page))
    page.text.clear()
    qtbot.waitUntil(lambda: len(rows(page)) == 200)


def test_show_more_continues_the_list(page):
    assert page.more_button.isEnabled()
    page.load_more()
    listed = rows(page)
    assert len(listed) == 400 and len({r["id"] for r in listed}) == 400


def test_export_warns_then_writes_what_matches(page, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(personal_export, "confirm", lambda parent: asked.append(parent) or False)
    page.export(path=tmp_path / "no.xlsx")
    assert asked and not (tmp_path / "no.xlsx").exists()
    monkeypatch.setattr(personal_export, "confirm", lambda parent: True)
    page.actor.setCurrentIndex(page.actor.findData("王书记"))
    page.export(path=tmp_path / "log.xlsx")
    sheet = list(load_workbook(tmp_path / "log.xlsx").active.iter_rows(values_only=True))
    assert len(sheet) == 3 and sheet[2][1] == "王书记" and "养殖户" in sheet[2][5]


def test_nothing_on_the_page_edits_or_deletes_an_entry(page):
    assert set(page.findChildren(QPushButton)) == {page.more_button, page.export_button}
    assert page.view.editTriggers() == page.view.EditTrigger.NoEditTriggers
    assert page.detail.table.editTriggers() == page.detail.table.EditTrigger.NoEditTriggers


def test_a_role_without_audit_view_sees_a_message_not_entries(qtbot, demo):
    demo.user = {"uuid": "u", "name": "文书", "role": "clerk", "town_uuid": None}
    page = AuditPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0 and "无权" in page.count.text()


def test_the_main_window_opens_the_page(qtbot, demo):
    window = MainWindow(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(window)
    assert isinstance(window.show_page("audit"), AuditPage)
