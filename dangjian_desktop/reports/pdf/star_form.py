"""星级评定表: the criteria by dimension with each item's maximum, the village's self scores and
evidence, columns for the town's first review and the district's check (left empty until those
scores exist), the veto items, the star result, and boxes to sign and stamp at each level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from dangjian_desktop.reports.pdf.flowables import DateLine, SignatureLine
from dangjian_desktop.reports.pdf.layout import (
    CELL_PAD,
    HEADER_GREY,
    MARK_GREY,
    PageInfo,
    heading,
    para,
    paragraph_style,
    styles,
    title_block,
    write_pdf,
)
from dangjian_desktop.reports.pdf.tables import grid_table

TITLE = "村级党组织星级评定表"
_CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class StarItemLine:
    name: str
    description: str
    max: float
    self_score: float | None
    evidence: str
    town: float | None = None
    district: float | None = None


@dataclass(frozen=True)
class StarDimension:
    name: str
    max: float
    items: tuple[StarItemLine, ...]


@dataclass(frozen=True)
class VetoLine:
    name: str
    self_hit: bool | None  # None: not assessed yet
    town: bool | None = None
    district: bool | None = None


@dataclass(frozen=True)
class StarFormData:
    org_name: str
    year: int
    criteria_name: str
    dimensions: tuple[StarDimension, ...]
    vetoes: tuple[VetoLine, ...]
    self_score: float | None
    self_result: str  # ★★★, 后进, 一票否决, or empty when not assessed
    state: str  # 尚未填写 / 草稿（未提交） / 已提交（2026-01-10，杨旭）
    levels: str  # 评定办法
    town_result: str = ""
    district_result: str = ""
    printed_on: date = date.today()


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _hit(value: bool | None) -> str:
    return "" if value is None else ("有" if value else "无")


def _sum(values) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 2) if present else None


def _item_cell(item: StarItemLine) -> Paragraph:
    text = escape(item.name)
    if item.description:
        text += f"<br/><font size=7.5 color='#555555'>{escape(item.description)}</font>"
    return Paragraph(text, paragraph_style(9, "LEFT"))


def _criteria_table(data: StarFormData, width: float):
    widths = [9 * mm, 0, 11 * mm, 13 * mm, 46 * mm, 16 * mm, 16 * mm]
    widths[1] = width - sum(widths)
    rows = [["序号", "评分项目及标准", "分值", "村级\n自评", "自评说明及佐证材料", "镇级\n初审", "区级\n复核"]]
    style = []
    number = 0
    for d, dim in enumerate(data.dimensions):
        own = _sum(i.self_score for i in dim.items)
        rows.append([f"{_CN[d] if d < len(_CN) else d + 1}、{dim.name}（满分 {dim.max:g} 分"
                     + (f"，自评 {own:g} 分）" if own is not None else "）")] + [""] * 6)
        r = len(rows) - 1
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), MARK_GREY), ("ALIGN", (0, r), (0, r), "LEFT")]
        for item in dim.items:
            number += 1
            rows.append([str(number), _item_cell(item), f"{item.max:g}", _num(item.self_score), item.evidence,
                         _num(item.town), _num(item.district)])
    items = [i for dim in data.dimensions for i in dim.items]
    rows.append(["合计", "", f"{sum(i.max for i in items):g}", _num(_sum(i.self_score for i in items)), "",
                 _num(_sum(i.town for i in items)), _num(_sum(i.district for i in items))])
    style += [("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)), ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)]
    return grid_table(rows, widths, align=["CENTER", "LEFT", "CENTER", "CENTER", "LEFT", "CENTER", "CENTER"],
                      style=style, size=9)


def _veto_table(data: StarFormData, width: float):
    rows = [["一票否决事项", "村级自评", "镇级初审", "区级复核"]]
    rows += [[v.name, _hit(v.self_hit), _hit(v.town), _hit(v.district)] for v in data.vetoes]
    if not data.vetoes:
        rows.append(["评定标准未设一票否决事项", "", "", ""])
    return grid_table(rows, [width - 60 * mm, 20 * mm, 20 * mm, 20 * mm], align=["LEFT", "CENTER", "CENTER", "CENTER"])


def _result_and_signatures(data: StarFormData, width: float):
    """Score and stars at each level, then who signs and stamps for it, side by side."""
    third = width / 3
    line = third - 2 * CELL_PAD - 2 * mm

    def level(score_label: str, result_label: str, score: str, result: str) -> list:
        return [SignatureLine(score_label, line, value=score), SignatureLine(result_label, line, value=result)]

    def signer(who: str) -> list:
        return [para(who, paragraph_style(10)), Spacer(1, 12 * mm),
                para("（盖章）", paragraph_style(10, "RIGHT")), DateLine("")]

    score = f"{_num(data.self_score)} 分" if data.self_score is not None else ""
    rows = [["村级自评", "镇级初审", "区级复核"],
            [level("自评得分：", "自评星级：", score, data.self_result),
             level("初审得分：", "初审星级：", "", data.town_result),
             level("复核得分：", "复核星级：", "", data.district_result)],
            [signer("村党组织书记（签字）："), signer("镇党委负责人（签字）："), signer("区级审核人（签字）：")]]
    return grid_table(rows, [third] * 3, size=10, align="LEFT", style=[("VALIGN", (0, 1), (-1, -1), "TOP")])


def render(data: StarFormData, *, out: Path) -> Path:
    page = PageInfo(TITLE, data.org_name, f"{data.year} 年度", data.printed_on)
    width = page.frame_width
    s = styles()
    story = [*title_block(TITLE, f"（{data.year} 年度）"),
             para(f"党组织：{data.org_name}；评定标准：{data.criteria_name}；自评状态：{data.state}",
                  paragraph_style(9.5, "LEFT", 14)),
             Spacer(1, 2 * mm),
             _criteria_table(data, width),
             Spacer(1, 4 * mm),
             KeepTogether([heading("一票否决事项（有其中任一项的，不评星级）"),
                           _veto_table(data, width)]),
             Spacer(1, 3 * mm),
             para(f"评定办法：{data.levels}", s.note),
             Spacer(1, 3 * mm),
             KeepTogether([heading("评定结果"), _result_and_signatures(data, width)])]
    return write_pdf(out, story, page)
