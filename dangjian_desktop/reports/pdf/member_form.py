"""党员积分考评表: one member's points for one cycle, summed by category and quarter, with the
total, grade and member star, and lines for the member's and the secretary's signatures.
Several members make one PDF, each form starting on a new page and numbered on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from dangjian_desktop.core.points import format_points
from dangjian_desktop.core.stars import stars_label
from dangjian_desktop.reports.pdf.flowables import DateLine, Reused, SignatureLine, StampBox
from dangjian_desktop.reports.pdf.layout import (
    CELL_PAD,
    MARK_GREY,
    PageInfo,
    SectionMark,
    heading,
    para,
    title_block,
    write_pdf,
)
from dangjian_desktop.reports.pdf.tables import form_table, grid_table, layout_table

TITLE = "党员积分考评表"


@dataclass(frozen=True)
class CategoryLine:
    name: str
    base_x100: int
    quarters_x100: tuple[int, ...]  # net points recorded in each quarter of the cycle
    bonus_x100: int  # bonuses counted (item caps applied)
    deduction_x100: int  # deductions counted (item caps applied, ≤ 0)
    score_x100: int  # max(0, base + deductions) + bonuses ("扣完为止")


@dataclass(frozen=True)
class ItemLine:
    name: str
    category: str
    count: int  # entries that stand (reversed ones and reversals left out)
    recorded_x100: int  # net points in the ledger
    counted_x100: int  # after the item's cap


@dataclass(frozen=True)
class MemberSheet:
    member_uuid: str
    name: str
    facts: tuple[tuple[str, str], ...]  # (label, value) pairs for the head of the form
    categories: tuple[CategoryLine, ...]
    items: tuple[ItemLine, ...]
    bonus_before_cap_x100: int
    total_x100: int
    grade: str
    stars: int
    probation: str | None = None  # 转正参考 for a probationary member


@dataclass(frozen=True)
class MemberFormData:
    org_name: str
    period_label: str  # 2026 年度
    quarter_labels: tuple[str, ...]  # 第一季度\n1–3月 …
    bonus_cap_x100: int | None
    printed_on: date
    sheets: tuple[MemberSheet, ...]


def _pts(x100: int) -> str:
    return format_points(x100)


def _signed(x100: int) -> str:
    return f"+{format_points(x100)}" if x100 > 0 else format_points(x100)


def _summary_widths(data: MemberFormData, width: float) -> list[float]:
    fixed, tail = [30 * mm, 15 * mm], [17 * mm, 17 * mm, 19 * mm]
    quarters = len(data.quarter_labels)
    return fixed + [(width - sum(fixed) - sum(tail)) / quarters] * quarters + tail


def _summary_head(data: MemberFormData, width: float):
    """The two heading rows of the summary (the same on every form, so drawn once)."""
    quarters = len(data.quarter_labels)
    head = [["类别", "基础分", "记录分值（按季度）"] + [""] * (quarters - 1) + ["计分（按细则封顶、扣完为止）", "", ""],
            ["", "", *data.quarter_labels, "加分", "扣分", "得分"]]
    spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (1 + quarters, 0)),
             ("SPAN", (2 + quarters, 0), (4 + quarters, 0))]
    return grid_table(head, _summary_widths(data, width), header_rows=2, style=spans)


def _summary_body(data: MemberFormData, sheet: MemberSheet, width: float):
    widths = _summary_widths(data, width)
    quarters = len(data.quarter_labels)
    cats = sheet.categories
    rows = [[c.name, _pts(c.base_x100), *(_signed(q) for q in c.quarters_x100), _signed(c.bonus_x100),
             _signed(c.deduction_x100), _pts(c.score_x100)] for c in cats]
    rows.append(["合计", _pts(sum(c.base_x100 for c in cats)),
                 *(_signed(sum(c.quarters_x100[q] for c in cats)) for q in range(quarters)),
                 _signed(sheet.bonus_before_cap_x100), _signed(sum(c.deduction_x100 for c in cats)),
                 _pts(sum(c.score_x100 for c in cats))])
    style = []
    if data.bonus_cap_x100 is not None and sheet.bonus_before_cap_x100 > data.bonus_cap_x100:
        excess = sheet.bonus_before_cap_x100 - data.bonus_cap_x100
        rows.append([f"加分超过年度上限 {_pts(data.bonus_cap_x100)} 分，超出部分不计"] + [""] * (len(widths) - 2)
                    + [_signed(-excess)])
        style.append(("SPAN", (0, len(rows) - 1), (-2, len(rows) - 1)))
    rows.append(["年度总分"] + [""] * (len(widths) - 2) + [_pts(sheet.total_x100)])
    last = len(rows) - 1
    style += [("SPAN", (0, last), (-2, last)), ("BACKGROUND", (0, last), (-1, last), MARK_GREY)]
    return grid_table(rows, widths, header_rows=0, style=style)


def _items_table(sheet: MemberSheet, width: float):
    widths = [width - 100 * mm, 32 * mm, 16 * mm, 26 * mm, 26 * mm]
    rows = [["积分项目", "类别", "次数", "记录分值", "计分"]]
    rows += [[i.name, i.category, str(i.count), _signed(i.recorded_x100), _signed(i.counted_x100)] for i in sheet.items]
    style = []
    if not sheet.items:
        rows.append(["本周期没有积分记录，按基础分计", "", "", "", ""])
        style.append(("SPAN", (0, 1), (-1, 1)))
    return grid_table(rows, widths, align=["LEFT", "CENTER", "CENTER", "RIGHT", "RIGHT"], style=style)


def _result_table(sheet: MemberSheet, width: float):
    label, value = 24 * mm, (width - 72 * mm) / 3
    stars = f"{stars_label(sheet.stars)}（{sheet.stars} 星）" if sheet.stars else "未达星级"
    rows = [["年度总分", f"{_pts(sheet.total_x100)} 分", "评定等次", sheet.grade, "党员星级", stars]]
    style = []
    if sheet.probation:
        rows.append(["转正参考", sheet.probation, "", "", "", ""])
        style.append(("SPAN", (1, 1), (-1, 1)))
    return form_table(rows, [label, value] * 3, label_columns=(0, 2, 4), style=style, min_height=7.5 * mm)


def _opinion_and_signatures(data: MemberFormData, width: float) -> list:
    """The committee's opinion, signed by the secretary under the branch's seal, and the member's
    own confirmation (the same on every form, so drawn once)."""
    label = 24 * mm
    stamp = StampBox(f"{data.org_name}（盖章）", diameter=22 * mm, size=8.5)
    inner_width = width - label - 2 * CELL_PAD
    when = DateLine()
    first = inner_width - when.width - stamp.width - 6 * mm
    signed = layout_table([[SignatureLine("党支部书记签字：", first - 4 * mm), when, stamp]],
                          [first, when.width + 2 * mm, stamp.width + 4 * mm],
                          style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    first = inner_width - when.width - 2 * mm
    own = layout_table([[SignatureLine("本人对以上积分无异议。签字：", first - 4 * mm), DateLine()]],
                       [first, when.width + 2 * mm])
    return [form_table([["支部委员会\n核定意见", [signed]], ["党员本人\n确认", [own]]], [label, width - label],
                       style=[("VALIGN", (1, 0), (1, -1), "BOTTOM")], min_height=[stamp.height + 5 * mm, 10 * mm])]


class _Static:
    """The parts every form repeats, made once per PDF and drawn as reused XObjects."""

    def __init__(self, data: MemberFormData, width: float):
        self.title = Reused(title_block(TITLE, f"（{data.period_label}）"), width)
        self.summary = Reused([Spacer(1, 2 * mm), heading("一、积分汇总"), _summary_head(data, width)], width)
        self.items = Reused([Spacer(1, 2 * mm), heading("二、积分项目明细")], width)
        self.result = Reused([Spacer(1, 2 * mm), heading("三、考评结果")], width)
        self.bottom = Reused(_opinion_and_signatures(data, width), width)


def _sheet_story(sheet: MemberSheet, static: _Static, data: MemberFormData, width: float) -> list:
    facts = list(sheet.facts)
    fact_rows = [sum((list(pair) for pair in facts[i:i + 3]), []) for i in range(0, len(facts), 3)]
    for row in fact_rows:
        row += [""] * (6 - len(row))
    label = 20 * mm
    value = (width - 3 * label) / 3
    return [static.title,
            form_table(fact_rows, [label, value] * 3, label_columns=(0, 2, 4), size=9.5, min_height=7 * mm),
            static.summary, _summary_body(data, sheet, width),
            static.items, _items_table(sheet, width),
            KeepTogether([static.result, _result_table(sheet, width), static.bottom])]


def render(data: MemberFormData, *, out: Path, progress=None) -> Path:
    """One form per sheet, each on new pages with its own page numbers."""
    page = PageInfo(TITLE, data.org_name, data.period_label, data.printed_on)
    static = _Static(data, page.frame_width)
    story: list = []
    for index, sheet in enumerate(data.sheets):
        if index:
            story.append(PageBreak())
        story.append(SectionMark(index, progress))
        story += _sheet_story(sheet, static, data, page.frame_width)
    if not data.sheets:
        story.append(para("没有在册党员，无表可打。"))
    return write_pdf(out, story, page)
