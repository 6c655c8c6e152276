"""区级年度党建工作统计报告: the district's annual report as a PDF — the prose summary, then one
section per theme with its per-town table (全区合计 last) and charts.

The tables come from `district_report_data.stat_tables`, the same ones the workbook writes, so
the PDF and the .xlsx never disagree. The per-village detail is only in the workbook (a district
of 1 000 villages would add 30 pages nobody prints).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from dangjian_desktop.reports.district_report_data import (AGE_BANDS, CN_LEVEL, EDUCATION_LEVELS, STAR_LEVELS,
                                                          DistrictReport, StatTable, stat_tables)
from dangjian_desktop.reports.district_report_text import summary_paragraphs
from dangjian_desktop.reports.pdf.district_report_charts import (bar_chart, horizontal_bar_chart, pie_chart)
from dangjian_desktop.reports.pdf.layout import (HEADER_GREY, PageInfo, heading, para, paragraph_style, styles,
                                                 title_block, write_pdf)
from dangjian_desktop.reports.pdf.tables import grid_table, layout_table

TABLE_SIZE = 8


def cell_text(value: object, kind: str) -> str:
    """A figure as the report prints it (the workbook keeps the number and formats the cell)."""
    if value is None:
        return "—"
    if kind == "pct":
        return f"{value * 100:.1f}%"
    if kind == "dec1":
        return f"{value:.1f}"
    return str(value)


def stat_flowable(table: StatTable, width: float, *, number: int) -> list[Flowable]:
    """A statistic as a captioned ruled table: its rows, the 合计 row shaded, its note below."""
    unit = width / sum(c.width for c in table.columns)
    widths = [c.width * unit for c in table.columns]
    rows = [[c.header for c in table.columns]]
    body = list(table.rows) + ([table.total] if table.total else [])
    rows += [[cell_text(v, c.kind) for v, c in zip(row, table.columns)] for row in body]
    if len(rows) == 1:
        rows.append(["无数据"] + [""] * (len(widths) - 1))
    aligns = ["LEFT" if c.kind == "text" else "RIGHT" for c in table.columns]
    style = [("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)] if table.total else []
    out: list[Flowable] = [para(f"表{number}　{table.title}", paragraph_style(9.5, "CENTER", 13)),
                           Spacer(1, 1 * mm),
                           grid_table(rows, widths, size=TABLE_SIZE, align=aligns, style=style)]
    if table.note:
        out += [Spacer(1, 1 * mm), para(f"注：{table.note}", styles().note)]
    out.append(Spacer(1, 4 * mm))
    return out


def _side_by_side(left: Flowable, right: Flowable, width: float) -> Flowable:
    return layout_table([[left, right]], [width / 2, width / 2], style=[("VALIGN", (0, 0), (-1, -1), "TOP")])


def _weak_bars(area) -> tuple[list[str], list[int]]:
    bars = [("红旗村", area.stars.red_flag), ("软弱涣散", area.stars.weak), ("已整顿", area.stars.weak_rectified)]
    bars = [(label, n) for label, n in bars if n is not None]  # 红旗村 when the system records it
    return [label for label, _n in bars], [n for _label, n in bars]


def _charts(report: DistrictReport, width: float) -> dict[str, list[Flowable]]:
    """The charts of each section, by the key of the table they follow."""
    d, half = report.district, width / 2 - 2 * mm
    judged = [t for t in report.meeting_types if t.rate is not None]  # 组织生活会 is judged only after Q4
    towns = [t.name for t in report.towns]
    return {
        "培训情况": [bar_chart("各镇（街道）参训人次", towns, [t.training.attendances for t in report.towns],
                           width=width, height=58 * mm)],
        "星级评定": [_side_by_side(
            bar_chart("星级村党组织（个）", [f"{CN_LEVEL[n]}级" for n in STAR_LEVELS] + ["未定星"],
                      [d.stars.levels.get(n, 0) for n in STAR_LEVELS] + [d.stars.not_rated], width=half),
            bar_chart("红旗村和软弱涣散村党组织（个）" if d.stars.red_flag is not None else "软弱涣散村党组织（个）",
                      *_weak_bars(d), width=half), width)],
        "红旗村": [bar_chart("各类红旗村（个）", list(report.flag_types),
                          [d.stars.red_flag_types.get(t, 0) for t in report.flag_types], width=width * 0.8)]
        if report.has_red_flags else [],
        "党员年龄": [_side_by_side(
            bar_chart("全区党员年龄结构（人）", list(AGE_BANDS), list(d.members.age_bands), width=half),
            pie_chart("全区党员学历结构", list(EDUCATION_LEVELS), list(d.members.education), width=half), width)],
        "会议类型": [horizontal_bar_chart("各类会议按时开展的党组织占比", [t.name for t in judged],
                                       [t.rate * 100 for t in judged], width=width * 0.8)] if judged else [],
        "村级指标": [bar_chart("村集体经济收入达到各档的村（个）",
                           [*report.targets.reached_labels, f"低于{report.targets.income_target:g}万元"],
                           [*d.indicators.income_reached, d.indicators.income_below_target], width=width * 0.8)],
    }


SECTIONS = (
    ("二、党员教育培训", ("培训情况",)),
    ("三、星级评定、红旗村和软弱涣散村党组织整顿", ("星级评定", "红旗村", "红旗村名单")),
    ("四、党员队伍结构", ("党员年龄", "党员学历", "党员构成")),
    ("五、“三会一课”落实情况", ("会议类型", "三会一课")),
    ("六、党员积分管理", ("党员积分",)),
    ("七、村级指标", ("村级指标",)),
)


def build_story(report: DistrictReport, width: float) -> list[Flowable]:
    s = styles()
    body = paragraph_style(10.5, "LEFT", 18, indent=21)
    story: list[Flowable] = [*title_block(f"{report.district_name}\n{report.title}",
                                          f"（统计至 {report.counted_through.isoformat()}）"),
                             heading("一、总体情况")]
    story += [para(p, body) for p in summary_paragraphs(report)]
    if report.notes:
        story += [Spacer(1, 2 * mm)] + [para(f"说明：{n}", s.note) for n in report.notes]
    story.append(Spacer(1, 4 * mm))
    tables = {t.key: t for t in stat_tables(report)}
    charts = _charts(report, width)
    number = 0
    for title, keys in SECTIONS:
        present = [k for k in keys if k in tables]
        if not present:
            continue
        story.append(CondPageBreak(60 * mm))
        for n, key in enumerate(present):
            number += 1
            parts = ([heading(title)] if n == 0 else []) + stat_flowable(tables[key], width, number=number)
            # A short table stays with its caption (and the section's heading); a long one (many
            # towns) splits, its header row repeated.
            story += [KeepTogether(parts)] if len(tables[key].rows) < 25 else [CondPageBreak(40 * mm), *parts]
            for chart in charts.get(key, ()):
                story += [KeepTogether([chart]), Spacer(1, 3 * mm)]
    return story


def render(report: DistrictReport, *, out: Path, progress=None) -> Path:
    page = PageInfo(report.title, report.district_name, f"{report.year} 年度", report.printed_on)
    story = build_story(report, page.frame_width)
    if progress is not None:
        progress.step(message="排版")
    return write_pdf(out, story, page)
