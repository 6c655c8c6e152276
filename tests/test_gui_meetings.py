"""The 会议培训 page: models, the meeting dialog (attendance, quorum, points), compliance grid."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from dangjian_desktop.core import meetings as rules
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.meetings.attendance_model import AttendanceModel
from dangjian_desktop.gui.meetings.compliance import ComplianceGridModel
from dangjian_desktop.gui.meetings.dialog import MeetingDialog
from dangjian_desktop.gui.meetings.models import MeetingListModel, StudyHoursModel
from dangjian_desktop.gui.meetings.withdraw import WithdrawMeetingDialog
from dangjian_desktop.gui.pages.meetings import MeetingsPage
from dangjian_desktop.services import meetings, points
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.members import get_member


@pytest.fixture(scope="session")
def demo_db(demo_db_file):
    """The session's demo village (tests/conftest.py); each test writes to its own copy."""
    return demo_db_file


@pytest.fixture
def ctx(demo_db, tmp_path):
    copy = tmp_path / "village.db"
    shutil.copy(demo_db, copy)  # each test writes to its own copy
    context = Context.open(copy, actor="测试", create=False)
    yield context
    context.close()


@pytest.fixture
def runner(ctx):
    return JobRunner(ctx, inline=True)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as the input method commits it
    (QTest's key clicks cannot carry non-ASCII text)."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def open_dialog(qtbot, ctx, runner, **kwargs) -> MeetingDialog:
    dialog = MeetingDialog(ctx, runner, **kwargs)
    dialog.confirm = lambda text: True  # no modal questions in tests (closing at teardown asks one)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_type(dialog: MeetingDialog, code: str) -> None:
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(code))


def click_cell(qtbot, dialog: MeetingDialog, source_row: int, column: int) -> None:
    panel = dialog.attendance
    index = panel.proxy.mapFromSource(panel.model.index(source_row, column))
    panel.view.scrollTo(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center())


def row_of(model: AttendanceModel, predicate) -> int:
    return next(i for i, r in enumerate(model.records()) if predicate(r))


def test_table_models_pass_the_model_tester(qtmodeltester, ctx):
    year = ctx.today.year
    listing = MeetingListModel({c: t.name for c, t in ctx.meeting_types.types.items()})
    listing.set_rows(meetings.list_meetings(ctx, year=year))
    hours = StudyHoursModel()
    hours.set_rows(meetings.member_study_hours(ctx, year=year)[1])
    checklist = AttendanceModel()
    checklist.set_rows(meetings.attendance_checklist(ctx, meeting_uuid=listing.record(0)["uuid"]))
    grid = ComplianceGridModel()
    grid.set_rows(meetings.compliance(ctx, year=year), ctx.meeting_types)
    for model in (listing, hours, checklist, grid):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_new_meeting_through_the_dialog_posts_the_rulebook_points(qtbot, ctx, runner):
    dialog = open_dialog(qtbot, ctx, runner)
    choose_type(dialog, "party_lesson")
    type_text(qtbot, dialog.fields["title"], "党课：学习新修订的条例")
    qtbot.keyClicks(dialog.fields["start_time"], "9:00")
    qtbot.keyClicks(dialog.fields["end_time"], "11:00")
    assert not dialog.save_button.isEnabled()  # a 党课 needs its lecturer
    assert any("授课人" in p for p in dialog.problem_list)
    type_text(qtbot, dialog.fields["lecturer"], "杨旭")
    qtbot.mouseClick(dialog.attendance.all_present, Qt.MouseButton.LeftButton)
    model = dialog.attendance.model
    absent = row_of(model, lambda r: not r["is_committee"]
                    and get_member(ctx, r["member_uuid"])["member_class"] != "年老体弱")  # not exempt
    absent_uuid = model.record(absent)["member_uuid"]
    click_cell(qtbot, dialog, absent, model.status_column("缺席"))
    present_uuid = model.record(row_of(model, lambda r: r["status"] == "出席"))["member_uuid"]
    assert model.record(absent)["status"] == "缺席"
    dialog.update_preview()
    assert "+1" in dialog.preview.text()
    assert dialog.save_button.isEnabled(), dialog.problem_list

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.changes is not None and "points_ledger" in dialog.changes.tables
    meeting_uuid = dialog.changes.uuids[0]
    assert meetings.get_meeting(ctx, meeting_uuid)["hours"] == 2.0  # from 9:00–11:00
    posted = {(e["member_uuid"], e["item_code"]): e["points_x100"]
              for uuid in (present_uuid, absent_uuid)
              for e in points.member_ledger(ctx, member_uuid=uuid)
              if e["source"] == "attendance" and "学习新修订的条例" in (e["reason"] or "")}
    for uuid, status in ((present_uuid, "出席"), (absent_uuid, "缺席")):
        item = ctx.rulebook.attendance_item("party_lesson", status)
        assert posted == posted | {(uuid, item.code): item.points_x100}
    assert len(posted) == 2


def test_general_meeting_without_a_majority_shows_the_quorum_not_met(qtbot, ctx, runner):
    dialog = open_dialog(qtbot, ctx, runner)
    choose_type(dialog, "general_meeting")
    type_text(qtbot, dialog.fields["title"], "支部党员大会：讨论发展党员")
    model = dialog.attendance.model
    model.set_status(list(range(model.rowCount())), "缺席")
    voters = [i for i, r in enumerate(model.records()) if r["has_vote"]]
    for row in voters[:2]:
        click_cell(qtbot, dialog, row, model.status_column("出席"))

    summary = dialog.attendance.current_summary()
    assert summary.quorum_met is False and summary.voting_present == 2
    assert "✗" in dialog.attendance.quorum.text()
    asked = []
    dialog.confirm = lambda text: asked.append(text) or False  # the secretary says "no, don't save"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked and dialog.changes is None
    dialog.confirm = lambda text: True

    for row in voters:
        model.set_status([row], "出席")
    assert dialog.attendance.current_summary().quorum_met is True
    assert "✓" in dialog.attendance.quorum.text()


def test_leaving_someone_out_of_expected_needs_a_reason_before_saving(qtbot, ctx, runner):
    dialog = open_dialog(qtbot, ctx, runner)
    choose_type(dialog, "theme_day")
    type_text(qtbot, dialog.fields["title"], "主题党日：志愿服务")
    qtbot.mouseClick(dialog.attendance.all_present, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled(), dialog.problem_list
    model = dialog.attendance.model
    click_cell(qtbot, dialog, 0, model.status_column("不计入应到"))

    assert not dialog.save_button.isEnabled()
    assert "不计入应到须注明原因" in dialog.problems.text()
    assert model.record(0)["name"] in dialog.problems.text()

    # the reason editor opened by itself; type a reason into it
    index = dialog.attendance.proxy.mapFromSource(model.index(0, AttendanceModel.COL_REASON))
    qtbot.waitUntil(lambda: dialog.attendance.view.indexWidget(index) is not None)
    editor = dialog.attendance.view.indexWidget(index)
    type_text(qtbot, editor.lineEdit(), "长期患病")
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    assert model.record(0)["reason"] == "长期患病"
    assert dialog.save_button.isEnabled(), dialog.problem_list


def test_correcting_attendance_reverses_and_posts_again(qtbot, ctx, runner):
    meeting = next(m for m in meetings.list_meetings(ctx, year=ctx.today.year) if m["type_code"] == "theme_day")
    dialog = open_dialog(qtbot, ctx, runner, meeting_uuid=meeting["uuid"])
    assert dialog.fields["title"].text() == meeting["title"]
    model = dialog.attendance.model
    row = row_of(model, lambda r: r["status"] == "出席")
    uuid = model.record(row)["member_uuid"]
    model.set_status([row], None)
    assert model.record(row)["status"] == "出席"  # a saved row cannot drop off the meeting
    click_cell(qtbot, dialog, row, model.status_column("请假"))
    assert model.record(row)["status"] == "请假"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.changes is not None
    entries = [e for e in points.member_ledger(ctx, member_uuid=uuid) if e["occurred_on"] == meeting["held_on"]]
    assert sum(e["points_x100"] for e in entries) == 0  # the +1 is reversed; 请假 earns nothing
    assert any(e["source"] == "reversal" for e in entries)


def test_withdrawing_needs_a_reason(qtbot, ctx):
    meeting = meetings.list_meetings(ctx, year=ctx.today.year)[0]
    dialog = WithdrawMeetingDialog(meeting, "支委会")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    type_text(qtbot, dialog.reason, "重复录入")
    assert ok.isEnabled() and dialog.reason_text() == "重复录入"


def test_compliance_grid_spans_quarters_and_marks_what_is_missing():
    types = rules.load_meeting_types()
    held = [("general_meeting", date(2025, 2, 10)), ("committee", date(2025, 1, 8)), ("committee", date(2025, 3, 8))]
    model = ComplianceGridModel()
    model.set_rows(rules.compliance(held, types, year=2025, today=date(2025, 5, 20)), types)
    row = {t.code: i for i, t in enumerate(model._types)}
    assert (row["general_meeting"], 1, 3) in model.spans() and (row["org_life"], 1, 12) in model.spans()
    text = lambda code, month: model.index(row[code], month).data()  # noqa: E731
    assert text("committee", 1).startswith("✓") and text("committee", 2).startswith("✗")
    assert text("committee", 5).startswith("…") and text("committee", 6) == ""
    assert text("general_meeting", 3).startswith("✓") and text("general_meeting", 4).startswith("…")
    assert model.index(row["committee"], ComplianceGridModel.COL_SUMMARY).data() == "2 / 4"


def test_page_shows_the_year_and_filters_by_type(qtbot, ctx, runner):
    page = MeetingsPage(ctx, runner)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.list_tab
    total = tab.proxy.rowCount()
    assert total == len(meetings.list_meetings(ctx, year=ctx.today.year))
    tab.type_filter.setCurrentIndex(tab.type_filter.findData("committee"))
    assert 0 < tab.proxy.rowCount() < total
    assert {tab.proxy.record(r)["type_code"] for r in range(tab.proxy.rowCount())} == {"committee"}
    assert page.training_tab.model.rowCount() > 0 and page.compliance_tab.model.rowCount() == 6



def test_withdrawing_from_the_list_reverses_the_meetings_points(qtbot, ctx, runner):
    page = MeetingsPage(ctx, runner)
    qtbot.addWidget(page)
    page.refresh()
    tab = page.list_tab
    tab.view.selectRow(0)
    meeting = tab.selected()
    attendees = [r["member_uuid"] for r in meetings.attendance_checklist(ctx, meeting_uuid=meeting["uuid"])
                 if r["status"] == "出席"]
    emitted = []
    tab.changed.connect(emitted.append)

    def give_reason() -> None:
        dialog = QApplication.activeModalWidget()
        type_text(qtbot, dialog.reason, "重复录入")
        dialog.accept()

    QTimer.singleShot(0, give_reason)
    tab.withdraw_selected()

    assert emitted and meeting["uuid"] not in {m["uuid"] for m in meetings.list_meetings(ctx)}
    ledger = [e for e in points.member_ledger(ctx, member_uuid=attendees[0]) if e["occurred_on"] == meeting["held_on"]]
    assert ledger and sum(e["points_x100"] for e in ledger) == 0
