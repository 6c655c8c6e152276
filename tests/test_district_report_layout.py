"""The district report's PDF and workbook from hand-made figures (tests/district_report_fixtures.py):
the same numbers in the prose, the PDF tables and the sheets; the embedded font only; charts drawn."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from district_report_fixtures import sample_report
from pypdf import PdfReader
from test_pdf_forms import fonts_of

from dangjian_desktop.reports import excel_district
from dangjian_desktop.reports.district_report_data import stat_tables
from dangjian_desktop.reports.district_report_text import about, summary_paragraphs
from dangjian_desktop.reports.pdf import PrintError, district_report


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("report")
    report = sample_report()
    return (district_report.render(report, out=folder / "report.pdf"),
            excel_district.render(report, out=folder / "report.xlsx"))


@pytest.mark.parametrize("n, text", [(0, "0"), (36, "36"), (240, "240"), (245, "240多"), (3600, "3600"),
                                     (3612, "3600多"), (1099, "1000多")])
def test_attendances_are_written_the_way_the_report_writes_them(n, text):
    assert about(n) == text


def test_the_summary_states_the_figures_in_the_reports_words():
    text = "".join(summary_paragraphs(sample_report()))
    assert "全区共有镇（街道）3个、村党组织8个，在册农村党员160名，其中正式党员156名、预备党员4名" in text
    assert "全年共举办各类培训班36期，培训党员1000多人次，人均学时30.0学时，仍有16名党员未达到" in text
    assert "创建星级村党组织7个，其中五星级1个、四星级2个、三星级4个" in text
    assert "排查软弱涣散村党组织1个，已整顿转化1个" in text
    assert "红旗村" not in text  # not recorded: no sentence rather than "0 个"
    assert "8个党组织中，7个按规定频次开展了全部会议，达标率87.5%" in text
    assert "落实最差的是支委会，按时开展的党组织占87.5%" in text
    assert "60岁以上党员56名，占35.0%" in text and "大专及以上学历32名，占20.0%" in text
    assert "年龄偏大、文化偏低" in text  # 35 % over 60, 55 % at most junior middle school
    assert "合计180.0万元，其中10万元以上的村7个、30万元以上的村3个，低于10万元的薄弱村1个" in text
    assert "先锋党员16名，评定不合格党员1名" in text


def test_a_younger_better_educated_district_is_not_called_old():
    from dataclasses import replace

    report = sample_report()
    members = replace(report.district.members, age_bands=(100, 60, 50, 20, 10), education=(20, 60, 80, 80))
    text = "".join(summary_paragraphs(replace(report, district=replace(report.district, members=members))))
    assert "年龄偏大" not in text and "文化偏低" not in text


def test_the_pdf_holds_the_summary_every_table_and_only_the_embedded_font(files):
    pdf, _xlsx = files
    with pdfplumber.open(pdf) as doc:
        text = flat("".join(page.extract_text() or "" for page in doc.pages))
        drawn = sum(len(page.rects) for page in doc.pages)
    assert "举办各类培训班36期" in text
    for table in stat_tables(sample_report()):
        assert flat(table.title) in text
    assert {name.split("+")[-1] for name, _font in fonts_of(pdf)} == {"WenQuanYiMicroHei-0"}
    assert drawn > 20  # the bars of the charts


def test_the_pdf_rows_read_as_in_the_tables(files):
    pdf, _xlsx = files
    text = flat("".join(p.extract_text() for p in PdfReader(pdf).pages))
    # 表1 training: 南山街道 (villages 7, 8): 2 villages, 15 sessions, 450 attendances, 40 members, 30.0 h, 4 below.
    assert "南山街道2154504030.04" in text
    # the district's total row: 8 villages, 36 sessions, 1 080 attendances, 160 members, 30.0 h, 16 below.
    assert "全区合计836108016030.016" in text
    # 表2 stars: 西河镇 3 villages, ★5 0, ★4 0, ★3 3, ★2 0, ★1 0, none 0, 红旗村 —, weak 0, rectified 1.
    assert "西河镇3003000—01" in text


def test_every_statistic_is_a_sheet_with_the_same_numbers(files):
    _pdf, xlsx = files
    book = openpyxl.load_workbook(xlsx)
    tables = stat_tables(sample_report())
    assert book.sheetnames == ["报告摘要", *(t.key for t in tables), "各村明细"]
    for table in tables:
        sheet = book[table.key]
        assert [c.value for c in sheet[2]] == [c.header for c in table.columns]
        assert sheet.freeze_panes == ("C3" if table.key == "会议类型" else "B3")
        expected = [list(r) for r in (*table.rows, *([table.total] if table.total else []))]
        body = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=2 + len(expected))]
        assert body == expected
    training = book["培训情况"]
    assert training["C6"].value == 36 and training["C6"].font.bold  # 全区合计, 培训期数
    assert book["星级评定"]["I4"].value is None  # 红旗村 not recorded: an empty cell, not 0
    over_60 = book["党员年龄"]["J3"]  # 东城镇: 21 of 60
    assert over_60.number_format == "0.0%" and over_60.value == pytest.approx(0.35)
    assert book["各村明细"].max_row == 2 + 8 and book["各村明细"].freeze_panes == "C3"
    assert "举办各类培训班36期" in book["报告摘要"]["A5"].value


def test_a_wrong_suffix_or_folder_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(PrintError, match="xlsx"):
        excel_district.render(sample_report(), out=tmp_path / "report.pdf")
    with pytest.raises(PrintError, match="文件夹不存在"):
        district_report.render(sample_report(), out=tmp_path / "missing" / "report.pdf")
    assert list(tmp_path.iterdir()) == []
