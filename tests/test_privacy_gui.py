"""Privacy in the GUI: one warning before any export with personal numbers, refused for a role that
may not export them, recorded when written; masked numbers on the roster never written back."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from dangjian_desktop.core import roles
from dangjian_desktop.core.privacy import mask_id_number
from dangjian_desktop.gui import personal_export, table_export
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.members.member_dialog import MemberDialog
from dangjian_desktop.gui.pages.members import MembersPage
from dangjian_desktop.services import members


def _user(role: str) -> dict:
    return {"uuid": f"u-{role}", "name": f"用户{role}", "role": role, "town_uuid": None}


@pytest.fixture
def quiet(monkeypatch):
    """Record the dialogs instead of showing them."""
    seen = {"info": [], "warning": []}
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: seen["info"].append(a))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: seen["warning"].append(a))
    return seen


def _page(qtbot, demo) -> MembersPage:
    page = MembersPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.refresh()
    return page


def _last_audit(ctx) -> dict:
    return ctx.store.query_one("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")


def test_the_warning_says_so_and_offers_continue_and_cancel(qtbot, monkeypatch):
    shown = {}

    def exec_(box):
        shown["text"] = box.text()
        shown["buttons"] = sorted(b.text() for b in box.buttons())
        shown["default"] = box.defaultButton().text()
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert personal_export.confirm(None) is False
    def tr(text):  # English, or Chinese when an earlier test installed the translator
        return QCoreApplication.translate("PersonalExport", text)

    assert shown["text"] == personal_export.warning_text()
    assert shown["buttons"] == sorted([tr("Cancel"), tr("Continue")]) and shown["default"] == tr("Cancel")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    assert personal_export.confirm(None) is True


def test_the_roster_table_export_warns_and_is_recorded(qtbot, demo, tmp_path, monkeypatch, quiet):
    page = _page(qtbot, demo)
    answers = iter([False, True])
    asked = []
    monkeypatch.setattr(personal_export, "confirm", lambda parent: asked.append(parent) or next(answers))
    assert table_export.export_model(page, page.model, "党员花名册", path=tmp_path / "a.xlsx") is None
    assert not (tmp_path / "a.xlsx").exists()
    written = table_export.export_model(page, page.model, "党员花名册", path=tmp_path / "b.xlsx")
    assert written and len(asked) == 2
    entry = _last_audit(demo)
    assert entry["action"] == "export_personal" and "b.xlsx" in entry["summary"]
    assert f"{page.model.rowCount()} 行" in entry["summary"]


def test_a_viewer_is_refused_before_being_asked_anything(qtbot, demo, tmp_path, monkeypatch, quiet):
    demo.user = _user("viewer")
    page = _page(qtbot, demo)
    ids = [page.model.record(r)["id_number"] for r in range(page.model.rowCount())]
    assert all(not i or "*" in i for i in ids)  # the viewer's roster holds masks only
    monkeypatch.setattr(personal_export, "confirm", lambda parent: pytest.fail("asked a refused user"))
    assert table_export.export_model(page, page.model, "党员花名册", path=tmp_path / "v.xlsx") is None
    assert not (tmp_path / "v.xlsx").exists() and quiet["warning"]
    assert "导出含个人信息的表格" in quiet["warning"][0][2]


def test_a_table_without_numbers_exports_without_a_warning(qtbot, demo, tmp_path, monkeypatch, quiet):
    from dangjian_desktop.gui.pages.exchange_history import HistoryBox

    box = HistoryBox("数据包")
    qtbot.addWidget(box)
    box.set_rows([{"time": "2026-11-27 10:00", "direction": "导出", "kind": "村里数据包", "village": "东庄村",
                   "seq": "1–20", "status": "已写出", "acknowledged": "", "file": "a.djb", "ok": True, "reason": None,
                   "at": "2026-11-27T02:00:00+00:00"}])
    monkeypatch.setattr(personal_export, "confirm", lambda parent: pytest.fail("warned about a plain table"))
    before = _last_audit(demo)["id"]
    assert box.export(path=tmp_path / "h.xlsx").exists()
    assert _last_audit(demo)["id"] == before


def test_saving_a_member_whose_numbers_are_masked_keeps_the_stored_ones(qtbot, demo, monkeypatch):
    stored = next(m for m in members.list_members(demo, roster_only=True) if m["id_number"] and m["phone"])
    monkeypatch.setitem(roles.GRANTS, "clerk", roles.GRANTS["clerk"] - {"personal.view"})
    demo.user = _user("clerk")
    dialog = MemberDialog(demo, member_uuid=stored["uuid"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.inputs["id_number"].text() == mask_id_number(stored["id_number"])
    assert dialog.save_button.isEnabled(), dialog.problems
    dialog.inputs["address"].setText("东庄村5组9号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    demo.user = None
    after = members.get_member(demo, stored["uuid"])
    assert (after["id_number"], after["phone"], after["address"]) == (stored["id_number"], stored["phone"],
                                                                      "东庄村5组9号")


def test_the_exported_roster_sheet_holds_full_numbers_for_a_secretary(qtbot, demo, tmp_path, monkeypatch, quiet):
    demo.user = _user("secretary")
    page = _page(qtbot, demo)
    monkeypatch.setattr(personal_export, "confirm", lambda parent: True)
    written = table_export.export_model(page, page.model, "党员花名册", path=tmp_path / "s.xlsx")
    cells = {c for row in load_workbook(written).active.iter_rows(values_only=True) for c in row if c}
    demo.user = None
    assert any(m["phone"] in cells for m in members.list_members(demo) if m["phone"])  # the table shows phones


def test_in_chinese_the_warning_reads_as_the_office_wrote_it(qtbot):
    from dangjian_desktop.gui.app import install_language
    from dangjian_desktop.services.personal_data import WARNING

    try:
        install_language("zh_CN")
        assert personal_export.warning_text() == WARNING
        assert (QCoreApplication.translate("PersonalExport", "Continue"),
                QCoreApplication.translate("PersonalExport", "Cancel")) == ("继续", "取消")
    finally:
        install_language("en")
