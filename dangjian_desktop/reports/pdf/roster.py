"""党员花名册: the roster in the national columns (党员基本信息采集表 order), landscape A4,
the header row repeated on every page. Long branch names and addresses wrap; an ID number
never does (its column fits 18 characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from dangjian_desktop.reports.pdf.layout import PageInfo, para, styles, title_block, write_pdf
from dangjian_desktop.reports.pdf.tables import grid_table

TITLE = "党员花名册"
FONT_SIZE = 7
ROW_HEIGHT = 6.2 * mm  # every one-line row is this tall, so a page holds a known number of rows

# (member key, heading, width in mm, alignment); 序号 and the two combined flag columns are made here.
COLUMNS: tuple[tuple[str, str, float, str], ...] = (
    ("#", "序号", 7, "CENTER"),
    ("name", "姓名", 12, "CENTER"),
    ("branch_name", "所在党支部", 22, "LEFT"),
    ("id_number", "公民身份号码", 27, "CENTER"),
    ("sex", "性别", 7, "CENTER"),
    ("ethnicity", "民族", 8, "CENTER"),
    ("birth_date", "出生日期", 14.5, "CENTER"),
    ("education", "学历", 13, "CENTER"),
    ("category", "人员类别", 12.5, "CENTER"),
    ("joined_on", "加入党组织日期", 14.5, "CENTER"),
    ("full_on", "转为正式党员日期", 14.5, "CENTER"),
    ("job", "工作岗位", 12.5, "CENTER"),
    ("phone", "手机号", 18, "CENTER"),
    ("landline", "固定电话", 14, "CENTER"),
    ("address", "家庭住址", 0, "LEFT"),  # takes what is left (about 32 mm)
    ("standing", "党籍状态", 8.5, "CENTER"),
    ("lost_contact", "是否失联党员（失联日期）", 11, "CENTER"),
    ("flowing", "是否流动党员（外出流向）", 16, "CENTER"),
    ("note", "备注", 13, "LEFT"),
)


@dataclass(frozen=True)
class RosterData:
    org_name: str
    as_of: date
    members: tuple[dict, ...]  # member rows keyed by the column names of `core.members.ROSTER_COLUMNS`
    printed_on: date


def _date(value) -> str:
    return str(value)[:10].replace("-", ".") if value else ""


def _row(number: int, m: dict) -> list[str]:
    out = []
    for key, _heading, _width, _align in COLUMNS:
        if key == "#":
            out.append(str(number))
        elif key in ("birth_date", "joined_on", "full_on"):
            out.append(_date(m.get(key)))
        elif key == "lost_contact":
            out.append(f"是（{_date(m.get('lost_contact_on'))}）" if m.get("lost_contact") and m.get("lost_contact_on")
                       else "是" if m.get("lost_contact") else "否")
        elif key == "flowing":
            out.append(f"是（{m['flow_to']}）" if m.get("flowing") and m.get("flow_to") else "是" if m.get("flowing") else "否")
        else:
            value = m.get(key)
            out.append("" if value is None else str(value))
    return out


def render(data: RosterData, *, out: Path) -> Path:
    page = PageInfo(TITLE, data.org_name, f"截至 {data.as_of.isoformat()}", data.printed_on, landscape=True)
    fixed = sum(width for _k, _h, width, _a in COLUMNS) * mm
    widths = [width * mm if width else page.frame_width - fixed for _k, _h, width, _a in COLUMNS]
    rows = [[heading for _k, heading, _w, _a in COLUMNS]]
    rows += [_row(n, m) for n, m in enumerate(data.members, 1)]
    if not data.members:
        rows.append(["", "没有在册党员"] + [""] * (len(COLUMNS) - 2))
    full = sum(m.get("category") == "正式党员" for m in data.members)
    story = [*title_block(f"{data.org_name}{TITLE}"),
             para(f"在册党员 {len(data.members)} 人，其中正式党员 {full} 人，预备党员 {len(data.members) - full} 人。"
                  f"统计日期：{data.as_of.isoformat()}。", styles().note),
             Spacer(1, 2 * mm),
             grid_table(rows, widths, size=FONT_SIZE, header_size=6.5, min_height=ROW_HEIGHT,
                        align=[a for _k, _h, _w, a in COLUMNS])]
    return write_pdf(out, story, page)
