"""会议签到表. Before a meeting (`blank`): every member expected, with an empty column to sign in.
After it: the attendance as recorded (出席 / 请假 / 缺席 …) with the reasons and the totals.
Two people a row, so a 120-member branch fits on a few sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from dangjian_desktop.reports.pdf.layout import MARK_GREY, PageInfo, para, styles, title_block, write_pdf
from dangjian_desktop.reports.pdf.tables import form_table, grid_table

TITLE = "会议签到表"
_NOT_PRESENT = ("请假", "缺席")


@dataclass(frozen=True)
class SigninPerson:
    name: str
    note: str = ""  # before: 预备党员, 流动党员 …; after: the reason for leave or absence
    status: str | None = None  # after the meeting: 出席, 请假, 缺席, 列席, 不计入应到


@dataclass(frozen=True)
class SigninData:
    org_name: str
    blank: bool
    title: str  # empty: a sheet for a meeting not yet entered (fields left to fill in by hand)
    type_name: str
    when: str
    place: str
    host: str
    people: tuple[SigninPerson, ...]
    totals: str  # 应到 … 实到 …; empty before the meeting
    printed_on: date


def _pairs(cells: list[list[str]], empty: list[str]) -> list[list[str]]:
    """Two people a row: 1 | 2, 3 | 4 …"""
    rows = []
    for i in range(0, len(cells), 2):
        right = cells[i + 1] if i + 1 < len(cells) else empty
        rows.append(cells[i] + right)
    return rows


def render(data: SigninData, *, out: Path) -> Path:
    page = PageInfo(TITLE, data.org_name, data.when or "会议签到", data.printed_on)
    width = page.frame_width
    label = 20 * mm
    value = width / 2 - label
    head = [["会议名称", data.title, "", ""],
            ["会议类型", data.type_name, "时间", data.when],
            ["地点", data.place, "主持人", data.host]]
    if data.totals:
        head.append(["出勤情况", data.totals, "", ""])
    spans = [("SPAN", (1, 0), (3, 0))] + ([("SPAN", (1, 3), (3, 3))] if data.totals else [])
    story = [*title_block(TITLE, "（会前签到）" if data.blank else "（出勤记录）"),
             form_table(head, [label, value, label, value], label_columns=(0, 2), style=spans, min_height=8 * mm),
             Spacer(1, 4 * mm)]
    half = width / 2
    if data.blank:
        widths = [9 * mm, 22 * mm, half - 51 * mm, 20 * mm] * 2
        header = ["序号", "姓名", "本人签名", "备注"] * 2
        cells = [[str(n), p.name, "", p.note] for n, p in enumerate(data.people, 1)]
        body = _pairs(cells, ["", "", "", ""])
        style, height = [], 10 * mm
    else:
        widths = [9 * mm, 22 * mm, 20 * mm, half - 51 * mm] * 2
        header = ["序号", "姓名", "出勤", "说明"] * 2
        cells = [[str(n), p.name, p.status or "", p.note] for n, p in enumerate(data.people, 1)]
        body = _pairs(cells, ["", "", "", ""])
        style, height = [], 7.5 * mm
        for r, (left, right) in enumerate(zip(cells[0::2], cells[1::2] + [["", "", "", ""]]), start=1):
            for offset, cell in ((0, left), (4, right)):
                if cell[2] in _NOT_PRESENT:
                    style.append(("BACKGROUND", (offset + 2, r), (offset + 2, r), MARK_GREY))
    style.append(("LINEAFTER", (3, 0), (3, -1), 1.5, "black"))
    if not body:
        body = [["", "没有应到人员", "", "", "", "", "", ""]]
    aligns = ["CENTER", "CENTER", "CENTER", "LEFT"] * 2
    story.append(grid_table([header] + body, widths, size=10, header_size=9, align=aligns, min_height=height,
                            style=style))
    story.append(Spacer(1, 3 * mm))
    note = ("说明：请本人签名；请假人员由会议记录人注明“请假”及原因。" if data.blank
            else "说明：出勤情况以会议记录人登记为准；“不计入应到”的人员按规定不计入应到人数。")
    story.append(para(note, styles().note))
    return write_pdf(out, story, page)
