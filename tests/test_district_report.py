"""The district's annual report (issue 6, item 6) from a real district database: two enrolled
villages whose bundles were imported, with figures small enough to count by hand.

东庄村 (DZC): 张一, 王二, 李三 (born 1960, men); a 培训班 of 8 hours on 2026-05-10 with 张一 and
王二 present, a 党员夜校 of 2 hours on 2026-06-10 with all three; collective income 35 万元, service
centre 250 m². 西庄村 (XZC): 周七 alone, nothing else. So the district: 4 members, all over 60,
2 期, 5 人次, 2·8 + 3·2 = 22 hours, 5.5 a member, all 4 under 32 hours; one village ≥ 10 and ≥ 30 万元.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from sync_fixtures import build_world, open_ctx, open_world

from dangjian_desktop.cli import main
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.reports.district_report_data import Training
from dangjian_desktop.services import district_report, indicators, meetings, members


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def district_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report_world")
    build_world(folder / "source")
    world = open_world(folder / "source", folder / "world")
    village = world.village
    people = {m["name"]: m["uuid"] for m in members.list_members(village, roster_only=True)}
    present = lambda *names: [{"member_uuid": people[n], "status": "出席"} for n in names]  # noqa: E731
    meetings.save_meeting(village, record={"type_code": "training", "title": "党员冬训班", "held_on": "2026-05-10",
                                           "hours": 8}, attendance=present("张一", "王二") +
                          [{"member_uuid": people["李三"], "status": "缺席"}])
    meetings.save_meeting(village, record={"type_code": "night_school", "title": "党员夜校", "held_on": "2026-06-10",
                                           "hours": 2}, attendance=present("张一", "王二", "李三"))
    indicators.set_village_indicators(village, year=2026, collective_income=35, service_centre_area=250)
    world.import_district(world.export_village(), world.export_village(world.village2))
    world.close()
    return folder / "world" / "district.db"


@pytest.fixture
def district(district_file, tmp_path):
    path = tmp_path / "district.db"
    shutil.copy(district_file, path)
    ctx = open_ctx(path)
    yield ctx
    ctx.close()


def test_the_figures_of_a_small_district_are_those_counted_by_hand(district):
    report = district_report.gather_report(district, year=2026)
    d = report.district
    assert (d.villages, [t.name for t in report.towns], [v.name for v in report.villages]) == \
        (2, ["示范镇"], ["东庄村党总支", "西庄村党支部"])
    assert d.training == Training(sessions=2, attendances=5, member_hours=22.0, members=4, below_floor=4)
    assert (d.members.total, d.members.probationary, d.members.over_60, d.members.female) == (4, 0, 4, 0)
    assert d.indicators.income_reached == (1, 1, 0, 0) and d.indicators.income_total == 35.0
    assert (d.indicators.area_reached, d.indicators.area_missing) == (1, 1)
    assert report.towns[0].training == d.training  # one town: the town is the district


def test_the_pdf_states_the_hand_counted_figures(district, tmp_path):
    path = district_report.make_report_pdf(district, year=2026, out=tmp_path / "报告.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        text = flat("".join(page.extract_text() or "" for page in pdf.pages))
    assert "新区党工委组织部2026年度农村基层党建工作统计报告" in text
    assert "全区共有镇（街道）1个、村党组织2个，在册农村党员4名" in text
    assert "全年共举办各类培训班2期，培训党员5人次，人均学时5.5学时，仍有4名党员未达到年度学时要求" in text
    assert "60岁以上党员4名，占100.0%" in text
    assert "示范镇22545.54" in text  # 表1: 2 villages, 2 期, 5 人次, 4 members, 5.5 hours, 4 below
    assert "1个村填报了集体经济收入，合计35.0万元，其中10万元以上的村1个、30万元以上的村1个" in text


def test_the_workbook_holds_the_same_numbers(district, tmp_path):
    path = district_report.export_report_excel(district, year=2026, out=tmp_path / "报告.xlsx")
    book = openpyxl.load_workbook(path)
    training = book["培训情况"]
    assert [c.value for c in training[2]] == ["镇（街道）", "村数", "培训期数", "参训人次", "党员数", "人均学时",
                                            "未达学时要求"]
    assert [c.value for c in training[4]] == ["全区合计", 2, 2, 5, 4, 5.5, 4]
    assert training.freeze_panes == "B3" and training["F4"].number_format == "0.0"
    detail = {row[1]: row for row in book["各村明细"].iter_rows(min_row=3, values_only=True)}
    assert detail["东庄村党总支"][5:7] == (2, 5) and detail["西庄村党支部"][5:7] == (0, 0)
    age = book["党员年龄"]
    assert age["G4"].value == 4 and age["J4"].value == 1.0 and age["J4"].number_format == "0.0%"


@pytest.mark.parametrize("year, message", [(2025, "2025 年度没有任何村的数据"), (1999, "年度应在 2000 到 2026 之间"),
                                           (2027, "年度应在 2000 到 2026 之间")])
def test_a_year_without_data_or_out_of_range_is_refused(district, year, message):
    with pytest.raises(DangjianError, match=message):
        district_report.gather_report(district, year=year)


def test_a_village_database_cannot_make_the_district_report(tmp_path):
    build_world(tmp_path / "w")
    ctx = open_ctx(tmp_path / "w" / "village.db")
    try:
        with pytest.raises(DangjianError, match="只能在区级数据库"):
            district_report.gather_report(ctx, year=2026)
    finally:
        ctx.close()


def test_a_bad_output_is_refused_before_any_work(district, tmp_path):
    with pytest.raises(ValidationError, match=r"\.xlsx"):
        district_report.export_report_excel(district, year=2026, out=tmp_path / "报告.pdf")
    with pytest.raises(ValidationError, match="文件夹不存在"):
        district_report.make_report_pdf(district, year=2026, out=tmp_path / "nowhere" / "报告.pdf")


# -- the command line ------------------------------------------------------------------------------

@pytest.fixture
def db(district_file, tmp_path) -> Path:
    path = tmp_path / "district.db"
    shutil.copy(district_file, path)
    return path


def test_the_command_writes_the_pdf_and_the_workbook(db, tmp_path, capsys):
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert main(["--db", str(db), "print", "district-report", "--year", "2026", "--out", str(pdf),
                 "--excel", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "已生成新区党工委组织部 2026年度农村基层党建工作统计报告" in out and "已导出 Excel" in out
    assert pdf.read_bytes().startswith(b"%PDF") and openpyxl.load_workbook(xlsx)["培训情况"]["D4"].value == 5


def test_without_out_the_report_goes_to_the_current_folder(db, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db), "print", "district-report", "--year", "2026"]) == 0
    assert (tmp_path / "新区党工委组织部2026年度党建工作统计报告.pdf").exists()


@pytest.mark.parametrize("argv, message", [
    (["--year", "2025"], "2025 年度没有任何村的数据"),
    (["--year", "1990"], "年度应在 2000 到"),
    (["--excel", "{tmp}/r.txt"], "应以 .xlsx 结尾"),
    (["--excel", "{tmp}/missing/r.xlsx"], "文件夹不存在"),
    (["--member", "张一"], "区级统计报告不使用选项 --member"),
])
def test_bad_requests_exit_non_zero_with_a_chinese_message_and_write_nothing(db, tmp_path, capsys, argv, message):
    out = tmp_path / "r.pdf"
    argv = [a.format(tmp=tmp_path) for a in argv]
    assert main(["--db", str(db), "print", "district-report", "--out", str(out), *argv]) != 0
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_village_forms_still_need_out_and_refuse_excel(db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db), "print", "roster", "--excel", str(tmp_path / "x.xlsx"),
              "--out", str(tmp_path / "r.pdf")])
    assert exit_info.value.code != 0 and "--excel" in capsys.readouterr().err


# -- the page ---------------------------------------------------------------------------------------

@pytest.fixture
def page(district, qtbot, monkeypatch):
    from dangjian_desktop.gui.jobs import JobRunner
    from dangjian_desktop.gui.pages import report

    errors: list[str] = []
    monkeypatch.setattr(report, "show_error", lambda _parent, exc: errors.append(str(exc)))
    widget = report.ReportPage(district, JobRunner(district, inline=True))
    widget.errors = errors
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def test_the_page_makes_the_report_and_shows_it(page):
    assert page.year.value() == 2026 and page.year.maximum() == 2026
    assert not page.save_button.isEnabled()
    page.make_button.click()
    assert page.errors == []
    assert page.preview.has_document() and page.preview.page_count() >= 3
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    page.year.setValue(2025)  # the pages on screen no longer match the year
    assert not page.preview.has_document() and not page.save_button.isEnabled()


def test_a_year_without_data_is_explained_on_the_page(page):
    page.year.setValue(2025)
    page.make_button.click()
    assert page.errors and "2025 年度没有任何村的数据" in page.errors[0]
    assert not page.preview.has_document() and page.make_button.isEnabled()


def test_the_page_exports_every_statistic_to_excel(page, tmp_path):
    target = tmp_path / "报告.xlsx"
    page.write_excel(target)
    assert page.errors == [] and str(target) in page.note.text()
    assert openpyxl.load_workbook(target)["培训情况"]["D4"].value == 5


def test_the_district_navigation_has_the_report_before_settings():
    from dangjian_desktop.gui.main_window import NAVIGATION, page_class

    keys = NAVIGATION["district"]
    assert keys.index("report") < keys.index("settings")
    assert page_class("report").__name__ == "ReportPage"


def test_cancel_stops_the_report_and_writes_nothing(district, tmp_path):
    from dangjian_desktop.progress import Cancelled, Progress

    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        district_report.make_report_pdf(district, year=2026, out=tmp_path / "报告.pdf", progress=progress)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".~*"))
