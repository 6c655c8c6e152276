"""The 党员 page: the roster model and its filters, the member dialog that checks as the user
types, status and stage changes, the member's own page, and the Excel import with its preview."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.members.detail_models import MemberHistoryModel, MemberLedgerModel, MemberMeetingsModel
from dangjian_desktop.gui.members.import_dialog import ImportDialog, ImportProblemModel
from dangjian_desktop.gui.members.member_dialog import MemberDialog
from dangjian_desktop.gui.members.member_view import MemberView
from dangjian_desktop.gui.members.roster_model import STATUS_LEFT, RosterFilter, RosterModel
from dangjian_desktop.gui.members.status_dialog import StageDialog, StatusDialog
from dangjian_desktop.gui.pages.members import MembersPage
from dangjian_desktop.services import meetings, members
from dangjian_desktop.services.points import member_ledger


@pytest.fixture
def page(qtbot, demo):
    page = MembersPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.refresh()
    return page


def shown(page: MembersPage) -> list[dict]:
    return [page.model.record(row) for row in range(page.model.rowCount())]


def open_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_new_member(qtbot, dialog: MemberDialog, id_number: str) -> None:
    dialog.inputs["name"].setText("测试新人")  # keyClicks cannot type Chinese
    qtbot.keyClicks(dialog.inputs["id_number"], id_number)
    category = dialog.inputs["category"]
    category.setCurrentIndex(category.findData("正式党员"))
    qtbot.keyClicks(dialog.inputs["joined_on"], "2005-07-01")
    qtbot.keyClicks(dialog.inputs["full_on"], "2006-07-01")


# -- models ---------------------------------------------------------------------------------------

def test_table_models_pass_the_model_tester(qtmodeltester, demo):
    member = members.list_members(demo, roster_only=True)[0]
    roster = RosterModel(demo.today)
    roster.set_rows(members.list_members(demo))
    ledger = MemberLedgerModel()
    ledger.set_rows([{**e, "item_name": e["item_code"]} for e in member_ledger(demo, member_uuid=member["uuid"])])
    attended = MemberMeetingsModel()
    attended.set_rows(members.member_attendance(demo, member_uuid=member["uuid"], year=demo.today.year).rows)
    history = MemberHistoryModel()
    history.set_rows(members.member_history(demo, member_uuid=member["uuid"]))
    for model in (roster, ledger, attended, history):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_roster_rows_carry_age_on_today(demo):
    model = RosterModel(date(2026, 11, 27))
    model.set_rows([{"uuid": "a", "name": "甲", "birth_date": "1965-11-28"},
                    {"uuid": "b", "name": "乙", "birth_date": "1965-11-27"}])
    ages = [model.index(row, RosterModel.COL_AGE).data() for row in range(2)]
    assert ages == ["60", "61"]


# -- finding people -------------------------------------------------------------------------------

def test_typing_pinyin_initials_finds_the_member(qtbot, page):
    target = next(m for m in page.model.records() if m["status"] == "在册" and len(m["name_initials"]) >= 2)
    qtbot.keyClicks(page.search, target["name_initials"])
    found = shown(page)
    assert target["uuid"] in {r["uuid"] for r in found}
    typed = target["name_initials"]
    assert all(typed in r["name_initials"] or typed in r["name_pinyin"] or typed in (r["id_number"] or "").lower()
               or typed in (r["phone"] or "") for r in found)


def test_typing_full_pinyin_with_a_space_still_finds_the_member(qtbot, page):
    target = next(m for m in page.model.records() if m["status"] == "在册" and len(m["name"]) == 2)
    syllables = target["name_pinyin"]
    qtbot.keyClicks(page.search, syllables[:2] + " " + syllables[2:])
    assert target["uuid"] in {r["uuid"] for r in shown(page)}


def test_typing_an_id_number_prefix_finds_the_member(qtbot, page):
    target = next(m for m in page.model.records() if m["status"] == "在册" and m["id_number"])
    qtbot.keyClicks(page.search, target["id_number"][:14])
    assert target["uuid"] in {r["uuid"] for r in shown(page)}
    page.search.clear()
    qtbot.keyClicks(page.search, target["id_number"])
    assert [r["uuid"] for r in shown(page)] == [target["uuid"]]


def test_members_who_left_show_only_when_asked_for(page, demo):
    leaving = members.list_members(demo, roster_only=True)[0]
    page.apply_changes(members.set_member_status(demo, member_uuid=leaving["uuid"], status="转出",
                                                 on=demo.today, note="转至外村"))
    assert leaving["uuid"] not in {r["uuid"] for r in shown(page)}  # default: 在册 only
    page.status_box.setCurrentIndex(page.status_box.findData(STATUS_LEFT))
    assert leaving["uuid"] in {r["uuid"] for r in shown(page)}
    assert all(r["status"] != "在册" for r in shown(page))


def test_branch_and_flowing_boxes_narrow_the_roster(page):
    branch = next(r["branch_uuid"] for r in page.model.records() if r.get("flowing"))
    page.branch_box.setCurrentIndex(page.branch_box.findData(branch))
    assert shown(page) and all(r["branch_uuid"] == branch for r in shown(page))
    page.flow_box.setCurrentIndex(page.flow_box.findData("flowing"))
    assert shown(page) and all(r["flowing"] and r["branch_uuid"] == branch for r in shown(page))
    page.reset_filters()
    assert len(shown(page)) == sum(r["status"] == "在册" for r in page.model.records())


def test_sorting_by_a_column_keeps_the_chosen_member_selected(page):
    target = shown(page)[3]["uuid"]
    page.select(target)
    page.view.sortByColumn(RosterModel.COL_AGE, Qt.SortOrder.DescendingOrder)
    ages = [r["age"] for r in shown(page) if r["age"] is not None]
    assert ages == sorted(ages, reverse=True)
    assert page.selected_uuid() == target


def test_roster_filter_without_narrowing_has_no_predicate():
    assert RosterFilter(status="all").predicate() is None
    assert RosterFilter(category="预备党员").predicate()({"status": "在册", "category": "预备党员"})


# -- adding and changing --------------------------------------------------------------------------

def test_typing_a_bad_id_number_shows_the_problem_and_blocks_saving(qtbot, demo):
    dialog = open_dialog(qtbot, MemberDialog(demo))
    good = make_id(date(1980, 5, 6), "男", seq=123)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    fill_new_member(qtbot, dialog, bad)
    problem = dialog.problem_labels["id_number"]
    assert problem.isVisible() and "校验位" in problem.text()
    assert not dialog.save_button.isEnabled()
    dialog.inputs["id_number"].clear()
    qtbot.keyClicks(dialog.inputs["id_number"], good)
    assert not dialog.problem_labels["id_number"].isVisible()
    assert dialog.save_button.isEnabled(), dialog.problems


def test_a_valid_id_number_fills_in_birth_date_and_sex(qtbot, demo):
    dialog = open_dialog(qtbot, MemberDialog(demo))
    qtbot.keyClicks(dialog.inputs["id_number"], make_id(date(1972, 4, 8), "女", seq=44).lower())
    assert dialog.inputs["birth_date"].text() == "1972-04-08"
    assert dialog.inputs["sex"].currentData() == "女"
    assert dialog.id_hint.isVisible()


def test_untouched_fields_say_nothing_until_typed_in(qtbot, demo):
    dialog = open_dialog(qtbot, MemberDialog(demo))
    assert not any(label.isVisible() for label in dialog.problem_labels.values())
    assert not dialog.save_button.isEnabled()
    assert "姓名" in dialog.summary.text() or "Name" in dialog.summary.text()


def test_a_duplicate_id_number_is_reported_while_typing(qtbot, demo):
    existing = members.list_members(demo, roster_only=True)[0]
    dialog = open_dialog(qtbot, MemberDialog(demo))
    qtbot.keyClicks(dialog.inputs["id_number"], existing["id_number"])
    assert existing["name"] in dialog.problem_labels["id_number"].text()
    assert not dialog.save_button.isEnabled()


def test_saving_a_new_member_adds_them_and_the_page_selects_them(qtbot, demo, page):
    dialog = open_dialog(qtbot, MemberDialog(demo, groups=page.groups(page.model.records())))
    id_number = make_id(date(1980, 5, 6), "男", seq=123)
    fill_new_member(qtbot, dialog, id_number)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() and dialog.changes.tables == {"members"}
    with qtbot.waitSignal(page.changed) as emitted:
        page.apply_changes(dialog.changes)
    assert emitted.args[0] is dialog.changes
    assert page.selected_uuid() == dialog.changes.uuids[0]
    stored = members.get_member(demo, dialog.changes.uuids[0])
    assert (stored["id_number"], stored["birth_date"], stored["sex"]) == (id_number, "1980-05-06", "男")


def test_editing_keeps_every_stored_field_and_saves_a_change(qtbot, demo):
    member = members.list_members(demo, roster_only=True)[0]
    dialog = open_dialog(qtbot, MemberDialog(demo, member_uuid=member["uuid"]))
    assert dialog.save_button.isEnabled(), dialog.problems
    dialog.inputs["address"].setText("东庄村5组8号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = members.get_member(demo, member["uuid"])
    unchanged = {k for k in member if k not in ("address", "version", "updated_at", "device")}
    assert after["address"] == "东庄村5组8号"
    assert {k: after[k] for k in unchanged} == {k: member[k] for k in unchanged}


def test_expelling_needs_a_reason_and_keeps_the_member(qtbot, demo):
    member = members.list_members(demo, roster_only=True)[0]
    dialog = open_dialog(qtbot, StatusDialog(demo, member["uuid"]))
    assert not dialog.ok.isEnabled()
    dialog.choose("除名")
    assert not dialog.ok.isEnabled() and "原因" in dialog.problem.text()
    dialog.note.setText("长期不参加组织生活")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.changes.uuids == (member["uuid"],)
    kept = members.get_member(demo, member["uuid"])
    assert (kept["status"], kept["status_note"], kept["deleted"]) == ("除名", "长期不参加组织生活", 0)


def test_a_transferred_member_can_only_come_back(qtbot, demo):
    member = members.list_members(demo, roster_only=True)[0]
    members.set_member_status(demo, member_uuid=member["uuid"], status="转出", on=demo.today)
    dialog = open_dialog(qtbot, StatusDialog(demo, member["uuid"]))
    assert [b.text() for b in dialog.choices.buttons()] == ["在册"]


def test_a_probationary_member_becomes_full_with_the_date(qtbot, demo):
    member = next(m for m in members.list_members(demo) if m["category"] == "预备党员")
    dialog = open_dialog(qtbot, StageDialog(demo, member["uuid"]))
    assert dialog.date_field == "full_on" and dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    after = members.get_member(demo, member["uuid"])
    assert (after["category"], after["full_on"]) == ("正式党员", demo.today.isoformat())


# -- a member's page ------------------------------------------------------------------------------

def test_member_page_shows_points_meetings_hours_and_history(qtbot, demo):
    member = members.list_members(demo, roster_only=True)[0]
    view = open_dialog(qtbot, MemberView(demo, member["uuid"]))
    attendance = members.member_attendance(demo, member_uuid=member["uuid"], year=demo.today.year)
    _, study = meetings.member_study_hours(demo, year=demo.today.year)
    assert attendance.hours == next(r["hours"] for r in study if r["member_uuid"] == member["uuid"])
    assert view.meetings_model.rowCount() == len(attendance.rows) > 0
    assert f"{attendance.hours:g}" in view.meetings_summary.text()
    assert view.ledger_model.rowCount() > 0 and view.points_summary.text()
    assert view.history_model.rowCount() >= 1
    assert view.detail_values["id_number"].text() == member["id_number"]


def test_changes_made_on_the_member_page_are_emitted(qtbot, demo):
    member = members.list_members(demo, roster_only=True)[0]
    view = open_dialog(qtbot, MemberView(demo, member["uuid"]))
    with qtbot.waitSignal(view.changed):
        view._after(_Accepted(members.set_member_status(demo, member_uuid=member["uuid"], status="死亡",
                                                         on=demo.today)))
    assert "死亡" in view.facts.text()
    assert not view.stage_button.isVisible() and not view.status_button.isEnabled()


class _Accepted:
    """Stands in for a dialog the user confirmed."""

    def __init__(self, changes):
        self.changes = changes

    def exec(self):
        return True


# -- Excel import ---------------------------------------------------------------------------------

def _roster_file(path, demo) -> tuple[str, str]:
    existing = members.list_members(demo, roster_only=True)[0]
    new_id = make_id(date(1980, 1, 1), "男", seq=301)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号", "人员类别", "加入党组织日期", "转为正式党员日期", "所在党支部", "手机号"])
    sheet.append(["新人甲", new_id, "正式党员", "2005-07-01", "2006-07-01", existing["branch_name"], None])
    sheet.append(["新人乙", make_id(date(1981, 1, 1), "女", seq=302)[:-1] + "0", "正式党员", "2005-07-01",
                  "2006-07-01", existing["branch_name"], None])
    sheet.append(["新人丙", make_id(date(1982, 1, 1), "女", seq=304), "正式党员", "2005-07-01", None,
                  existing["branch_name"], None])
    workbook.save(path)
    return new_id, existing["uuid"]


def test_import_previews_without_writing_then_imports_the_good_rows(qtbot, demo, tmp_path):
    new_id, _ = _roster_file(tmp_path / "roster.xlsx", demo)
    before = len(members.list_members(demo))
    dialog = open_dialog(qtbot, ImportDialog(demo, JobRunner(demo, inline=True)))
    assert not dialog.import_button.isEnabled()
    dialog.choose_file(tmp_path / "roster.xlsx")
    assert len(members.list_members(demo)) == before  # the preview wrote nothing
    assert [dialog.counts[k].text() for k in ("added", "updated", "unchanged", "rejected")] == ["1", "0", "0", "2"]
    problems = dialog.problem_model.records()
    assert [(p["row"], p["column"]) for p in problems] == [(3, "身份证号"), (4, "转为正式党员日期")]
    assert all(p["reason"] for p in problems)
    assert dialog.import_button.isEnabled() and dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.imported) as emitted:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "members" in emitted.args[0].tables
    assert len(members.list_members(demo)) == before + 1
    assert any(m["id_number"] == new_id for m in members.list_members(demo))
    assert not dialog.import_button.isEnabled()  # imported once; choose a file again to repeat


def test_a_file_that_is_not_excel_is_explained_in_the_dialog(qtbot, demo, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"not a workbook")
    dialog = open_dialog(qtbot, ImportDialog(demo, JobRunner(demo, inline=True)))
    dialog.choose_file(path)
    assert "Excel" in dialog.verdict.text()
    assert not dialog.import_button.isEnabled()


def test_import_problem_model_passes_the_model_tester(qtmodeltester, demo, tmp_path):
    _roster_file(tmp_path / "roster.xlsx", demo)
    model = ImportProblemModel()
    model.set_problems(members.import_roster(demo, path=tmp_path / "roster.xlsx", dry_run=True))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
