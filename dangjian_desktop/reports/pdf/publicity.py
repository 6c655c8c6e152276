"""积分公示表: a period's ranking for the village notice board, in large type, with the publicity
dates and where to raise objections. It is posted in public: it carries names, branches and
points only — never ID numbers, phone numbers or addresses (the data it is given has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from dangjian_desktop.core.points import format_points
from dangjian_desktop.reports.pdf.flowables import DateLine, StampBox
from dangjian_desktop.reports.pdf.layout import PageInfo, para, paragraph_style, title_block, write_pdf
from dangjian_desktop.reports.pdf.tables import grid_table, layout_table

TITLE = "党员积分公示表"
ROW_SIZE = 13


@dataclass(frozen=True)
class PublicityRow:
    rank: int
    name: str
    branch: str
    change_x100: int  # points earned in the period
    total_x100: int  # the cycle's total at the end of the period


@dataclass(frozen=True)
class PublicityData:
    org_name: str
    period_label: str  # 2026 年度第三季度
    change_label: str  # 本季度得分
    counted_through: date
    rulebook_name: str
    rows: tuple[PublicityRow, ...]
    publicity_start: date
    publicity_end: date
    objections_to: str  # where and to whom objections go
    printed_on: date


def _cn_date(day: date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def _signed(x100: int) -> str:
    return f"+{format_points(x100)}" if x100 > 0 else format_points(x100)


def render(data: PublicityData, *, out: Path) -> Path:
    page = PageInfo(TITLE, data.org_name, data.period_label, data.printed_on)
    width = page.frame_width
    body = paragraph_style(12.5, "LEFT", 20, indent=25)  # two characters (full-width spaces print narrow)
    days = (data.publicity_end - data.publicity_start).days + 1
    story = [*title_block("党员积分公示", f"（{data.period_label}）"),
             para(f"根据《{data.rulebook_name}》，经党员申报、支部委员会核定，现将{data.org_name}党员"
                  f"{data.period_label}积分情况公示如下（积分统计至{_cn_date(data.counted_through)}）：", body),
             Spacer(1, 3 * mm)]
    rows = [["名次", "姓名", "所在党支部", data.change_label, "年度累计积分"]]
    rows += [[str(r.rank), r.name, r.branch, _signed(r.change_x100), format_points(r.total_x100)] for r in data.rows]
    if not data.rows:
        rows.append(["—", "没有在册党员", "", "", ""])
    widths = [20 * mm, 36 * mm, width - 120 * mm, 32 * mm, 32 * mm]
    story.append(grid_table(rows, widths, size=ROW_SIZE, header_size=ROW_SIZE, min_height=9.5 * mm,
                            align=["CENTER", "CENTER", "LEFT", "CENTER", "CENTER"]))
    story.append(Spacer(1, 5 * mm))
    closing = [
        para(f"公示时间：{_cn_date(data.publicity_start)}至{_cn_date(data.publicity_end)}（共 {days} 天）。", body),
        para(f"公示期间，党员群众对公示结果如有异议，请向{data.objections_to}当面或书面反映。"
             "反映问题应实事求是，署真实姓名。", body),
        Spacer(1, 6 * mm),
    ]
    seal = layout_table([[StampBox(f"{data.org_name}（盖章）", diameter=34 * mm)],
                         [DateLine("", on=data.publicity_start, size=12)]], [75 * mm], hAlign="RIGHT",
                        style=[("ALIGN", (0, 0), (-1, -1), "CENTER")])
    story.append(KeepTogether(closing + [seal]))
    return write_pdf(out, story, page)
