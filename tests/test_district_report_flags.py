"""红旗村 in the district report: counts per town and flag type, the list of villages with their
flags, the sentence of the summary, the PDF and the workbook; a revoked flag does not count; a year
without flags says they are not recorded."""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pdfplumber
import pytest

from dangjian_desktop.reports.district_report_data import stat_tables
from dangjian_desktop.services import district_report, red_flags

from test_district_report import district, district_file  # noqa: F401


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def flagged(district):
    red_flags.award_flags(district, village_codes=["DZC", "XZC"], year=2026, half=1, flag_type="基层党建",
                          awarded_on=date(2026, 7, 1))
    red_flags.award_flags(district, village_codes=["DZC"], year=2026, half=2, flag_type="基层党建")
    red_flags.award_flags(district, village_codes=["DZC"], year=2026, half=2, flag_type="人居环境")
    (gone,) = red_flags.award_flags(district, village_codes=["XZC"], year=2026, half=1, flag_type="产业发展",
                                    awarded_on=date(2026, 7, 1))
    red_flags.revoke_flag(district, flag_id=gone["uuid"], reason="材料不实", revoked_on=date(2026, 8, 1))
    return district


def test_the_report_counts_red_flag_villages_per_type(flagged):
    report = district_report.gather_report(flagged, year=2026)
    stars = report.district.stars
    assert stars.red_flag == 2
    assert stars.red_flag_types == {"基层党建": 2, "人居环境": 1}
    assert report.flag_types[:4] == ("基层党建", "产业发展", "乡风文明", "人居环境")
    assert [(v.name, v.flags) for v in report.red_flags] == [
        ("东庄村党总支", ("基层党建（上半年、下半年）", "人居环境（下半年）")), ("西庄村党支部", ("基层党建（上半年）",))]
    tables = {t.key: t for t in stat_tables(report)}
    assert tables["红旗村"].total == ("全区合计", 2, 2, 2, 0, 0, 1)
    assert tables["星级评定"].total[-3] == 2
    assert [r[1] for r in tables["红旗村名单"].rows] == ["东庄村党总支", "西庄村党支部"]
    assert not any("未在系统中登记" in n for n in report.notes)


def test_the_pdf_and_the_workbook_show_the_red_flags(flagged, tmp_path):
    pdf_path = district_report.make_report_pdf(flagged, year=2026, out=tmp_path / "r.pdf")
    with pdfplumber.open(pdf_path) as pdf:
        text = flat("".join(page.extract_text() or "" for page in pdf.pages))
    assert "评选红旗村2个（基层党建2个、人居环境1个）" in text
    assert "红旗村名单" in text and "基层党建（上半年、下半年）；人居环境（下半年）" in text
    book = openpyxl.load_workbook(district_report.export_report_excel(flagged, year=2026, out=tmp_path / "r.xlsx"))
    sheet = book["红旗村"]
    assert [c.value for c in sheet[2]] == ["镇（街道）", "村数", "红旗村", "基层党建", "产业发展", "乡风文明", "人居环境"]
    assert [c.value for c in sheet[4]] == ["全区合计", 2, 2, 2, 0, 0, 1]
    assert book["红旗村名单"]["C3"].value == "基层党建（上半年、下半年）；人居环境（下半年）"


def test_a_year_without_flags_says_they_are_not_recorded(district):
    report = district_report.gather_report(district, year=2026)
    assert report.district.stars.red_flag is None and report.red_flags == ()
    assert "红旗村" not in {t.key for t in stat_tables(report)}
    assert any("红旗村评选结果未在系统中登记" in n for n in report.notes)
