"""The roster filters and sorts itself (`SelfFilteringModel`): what it shows must always equal a plain
filter-and-sort of the loaded rows, whatever was typed, deleted, chosen in the boxes or clicked before;
and the 党员 page built on it keeps its selection, exports and opens what is shown."""

from __future__ import annotations

from datetime import date

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.members.roster_model import RosterFilter, RosterModel, search_needle
from dangjian_desktop.gui.pages.members import MembersPage
from dangjian_desktop.gui.table_export import export_model

TODAY = date(2026, 11, 27)
PEOPLE = [  # name, pinyin, initials, status, branch, flowing, birth date
    ("张三", "zhangsan", "zs", "在册", "b1", 0, "1960-01-02"),
    ("张思", "zhangsi", "zs", "死亡", "b1", 0, "1950-03-04"),
    ("王五", "wangwu", "ww", "在册", "b2", 1, "1975-05-06"),
    ("赵山", "zhaoshan", "zs", "转出", "b2", 0, None),
    ("张珊珊", "zhangshanshan", "zss", "在册", "b2", 1, "1990-07-08"),
    ("李四", "lisi", "ls", "在册", "b1", 0, "1960-01-02"),
    ("汪芳", "wangfang", "wf", "在册", "b1", 0, "1982-09-10"),
]
ROWS = [{"uuid": f"m{n}", "name": name, "name_pinyin": pinyin, "name_initials": initials, "status": status,
         "branch_uuid": branch, "flowing": flowing, "lost_contact": 0, "birth_date": born,
         "id_number": f"11010119{n}00101{n:03d}", "phone": f"1380000{n:04d}", "category": "正式党员"}
        for n, (name, pinyin, initials, status, branch, flowing, born) in enumerate(PEOPLE)]
FILTERS = [RosterFilter(), RosterFilter(status="all"), RosterFilter(status="left"),
           RosterFilter(status="all", branch_uuid="b2"), RosterFilter(flowing="flowing")]


def shown_uuids(model: RosterModel) -> list[str]:
    return [model.record(row)["uuid"] for row in range(model.rowCount())]


def expected(model: RosterModel, text: str, roster_filter: RosterFilter, column: int, order) -> list[str]:
    """The plain answer: every loaded row, sorted by the column, then narrowed by the boxes and the text."""
    rows = model.records()
    if column >= 0:
        key = model.columns[column].sort_value
        rows = sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
    predicate = roster_filter.predicate() or (lambda r: True)
    needle = search_needle(text).strip().lower()
    return [r["uuid"] for r in rows if predicate(r) and needle in
            " ".join(r.get(k) or "" for k in ("name", "name_pinyin", "name_initials", "id_number", "phone")).lower()]


typing = st.text(alphabet="zhangswuif 张三0138", max_size=6)
steps = st.lists(st.one_of(
    st.tuples(st.just("type"), typing),
    st.tuples(st.just("boxes"), st.sampled_from(range(len(FILTERS)))),
    st.tuples(st.just("sort"), st.sampled_from(range(11)), st.sampled_from(list(Qt.SortOrder))),
    st.tuples(st.just("reload"), st.permutations(range(len(ROWS)))),
), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_the_rows_shown_are_always_a_plain_filter_and_sort_of_the_loaded_rows(qapp, steps):
    model = RosterModel(TODAY)
    model.set_rows(ROWS)
    text, roster_filter, column, order = "", RosterFilter(status="all"), -1, Qt.SortOrder.AscendingOrder
    for step in steps:
        if step[0] == "type":  # typed one character at a time, as a user does, then the rest deleted
            for end in range(len(step[1]) + 1):
                model.set_text(search_needle(text + step[1][:end]))
            text += step[1]
            if len(text) > 8:
                text = text[len(text) // 2:]
                model.set_text(search_needle(text))
        elif step[0] == "boxes":
            roster_filter = FILTERS[step[1]]
            model.set_predicate(roster_filter.predicate())
        elif step[0] == "sort":
            column, order = step[1], step[2]
            model.sort(column, order)
        else:
            model.set_rows([ROWS[n] for n in step[1]])
        assert shown_uuids(model) == expected(model, text, roster_filter, column, order)


def test_typing_narrows_and_deleting_widens_again(qapp):
    model = RosterModel(TODAY)
    model.set_rows(ROWS)
    model.sort(RosterModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    model.set_predicate(RosterFilter().predicate())  # on the roster only
    seen = []
    for typed in ("z", "zh", "zha", "zhan", "zhang", "zhan", "zha", "zh", "z", "", "zs", "z"):
        model.set_text(typed)
        seen.append(shown_uuids(model))
    assert seen[0] == seen[8] == ["m0", "m4"]  # zhangsan, zhangshanshan; 赵山 left, 张思 died
    assert seen[4] == seen[5] == ["m0", "m4"]
    assert seen[9] == ["m5", "m6", "m2", "m0", "m4"]  # everyone on the roster, by pinyin
    assert seen[10] == ["m0", "m4"] and seen[11] == ["m0", "m4"]
    model.set_predicate(RosterFilter(status="all").predicate())
    assert shown_uuids(model) == ["m0", "m4", "m1", "m3"]  # still "z", now with those who left


def test_the_filtered_model_passes_the_model_tester(qtmodeltester):
    model = RosterModel(TODAY)
    model.set_rows(ROWS)
    model.set_text("zh")
    assert model.rowCount() == 4
    qtmodeltester.check(model)
    model.set_text("nobody")
    qtmodeltester.check(model)


def test_a_keystroke_that_shows_the_same_rows_does_not_reset_the_table(qtbot):
    model = RosterModel(TODAY)
    model.set_rows(ROWS)
    model.set_text("zhangsha")
    assert shown_uuids(model) == ["m4"]
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_text("zhangshan")  # still only 张珊珊
        model.set_text("zhangshan ")  # the same text
    with qtbot.waitSignal(model.modelReset, timeout=100):
        model.set_text("wang")


def test_rows_of_people_who_left_are_greyed_and_ages_right_aligned(qapp):
    model = RosterModel(TODAY)
    model.set_rows(ROWS)
    model.set_text("zhangsi")
    assert model.record(0)["name"] == "张思"
    assert model.index(0, RosterModel.COL_NAME).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#888888"
    assert model.index(0, RosterModel.COL_AGE).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    model.set_text("zhangsan")
    assert model.index(0, RosterModel.COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, RosterModel.COL_NAME).data(Qt.ItemDataRole.ToolTipRole) is None


def test_row_of_finds_shown_members_only(qapp):
    model = RosterModel(TODAY)
    model.set_rows(ROWS)
    model.sort(RosterModel.COL_NAME, Qt.SortOrder.DescendingOrder)
    model.set_text("wang")
    assert [model.row_of(u) for u in ("m2", "m6", "m0", "nobody")] == [0, 1, None, None]  # wangwu, wangfang


# -- the page ------------------------------------------------------------------------------------

def page_on(qtbot, demo) -> MembersPage:
    page = MembersPage(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_the_selected_member_stays_selected_while_typing_and_is_dropped_when_filtered_out(qtbot, demo):
    page = page_on(qtbot, demo)
    target = page.model.record(5)
    page.select(target["uuid"])
    qtbot.keyClicks(page.search, target["name_pinyin"][:3])
    assert page.selected_uuid() == target["uuid"] and page.open_button.isEnabled()
    qtbot.keyClicks(page.search, "qqq")  # nobody's name holds it
    assert page.model.rowCount() == 0 and page.selected_uuid() is None
    assert not page.open_button.isEnabled()
    assert page.count_label.text().startswith(("Showing 0 ", "显示 0 "))


def test_export_saves_the_rows_shown_in_their_order(qtbot, demo, tmp_path, monkeypatch):
    page = page_on(qtbot, demo)
    page.view.sortByColumn(RosterModel.COL_AGE, Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(page.search, "a")
    names = [page.model.record(row)["name"] for row in range(page.model.rowCount())]
    assert 0 < len(names) < len(page.model.records())
    monkeypatch.setattr("dangjian_desktop.gui.table_export.QMessageBox.information", lambda *a, **k: None)
    monkeypatch.setattr("dangjian_desktop.gui.personal_export.confirm", lambda *a, **k: True)  # phone numbers
    written = export_model(page, page.model, "roster", path=tmp_path / "roster.xlsx")
    sheet = openpyxl.load_workbook(written).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(n for n, row in enumerate(cells) if row[0] == page.model.headerData(0, Qt.Orientation.Horizontal))
    assert [row[0] for row in cells[header + 1:header + 1 + len(names)]] == names


def test_double_click_opens_the_member_shown_in_that_row(qtbot, demo, monkeypatch):
    page = page_on(qtbot, demo)
    qtbot.keyClicks(page.search, page.model.record(3)["name_initials"])
    opened = []
    monkeypatch.setattr("dangjian_desktop.gui.pages.members.MemberView.exec",
                        lambda view: opened.append(view.member_uuid))
    page.view.selectRow(0)
    page.view.doubleClicked.emit(page.model.index(0, 0))
    assert opened == [page.model.record(0)["uuid"]]
