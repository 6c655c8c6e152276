"""会议记录: one meeting's record — type, time, place, 主持人, 记录人, 应到 / 实到 / 请假 / 缺席 with
who and why, the quorum where one applies, 议题, content and decisions, and signatures.
Long content flows over pages paragraph by paragraph; nothing is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from dangjian_desktop.reports.pdf.flowables import DateLine, SignatureLine, signature_block
from dangjian_desktop.reports.pdf.layout import PageInfo, para, styles, title_block, write_pdf
from dangjian_desktop.reports.pdf.tables import form_table, grid_table

TITLE = "会议记录"
_CHUNK = 300  # characters: a paragraph longer than this is cut into rows a page can always hold


@dataclass(frozen=True)
class MeetingRecordData:
    org_name: str
    title: str
    type_name: str
    held_on: date
    time_text: str  # 09:00–11:00
    place: str
    host: str
    recorder: str
    lecturer: str  # empty when the type has none
    hours: float
    counts: str  # 应到 38 人，实到 30 人，请假 5 人，缺席 3 人
    quorum: str  # empty when the type has no quorum rule
    present: tuple[str, ...]
    on_leave: tuple[str, ...]  # 张三（身体原因）
    absent: tuple[str, ...]
    observers: tuple[str, ...]
    excluded: tuple[str, ...]
    content: str
    decisions: str
    note: str
    printed_on: date


def _names(names: tuple[str, ...]) -> str:
    return "、".join(names) if names else "无"


def _chunks(text: str) -> list[str]:
    out = []
    for paragraph in (text or "").splitlines():
        paragraph = paragraph.strip()
        while len(paragraph) > _CHUNK:
            out.append(paragraph[:_CHUNK])
            paragraph = paragraph[_CHUNK:]
        if paragraph:
            out.append(paragraph)
    return out


def _text_box(heading: str, text: str, width: float, *, empty: str, room: float):
    """A ruled box holding free text, one row per paragraph so that it splits between pages;
    a short text leaves the box at least `room` tall, to add to by hand."""
    rows = [[heading]] + [[chunk] for chunk in _chunks(text)]
    if len(rows) == 1:
        rows.append([empty])
    heights = [7 * mm] * (len(rows) - 1) + [max(7 * mm, room - 7 * mm * (len(rows) - 2))]
    style = [("VALIGN", (0, 1), (-1, -1), "TOP")]
    return grid_table(rows, [width], size=10.5, align="LEFT", min_height=heights, style=style)


def render(data: MeetingRecordData, *, out: Path) -> Path:
    page = PageInfo(TITLE, data.org_name, f"{data.held_on.isoformat()} {data.type_name}", data.printed_on)
    width = page.frame_width
    label = 22 * mm
    value = width / 2 - label
    rows = [["会议名称", data.title, "", ""],
            ["会议类型", data.type_name, "学时", f"{data.hours:g}" if data.hours else "—"],
            ["时间", f"{data.held_on.year} 年 {data.held_on.month} 月 {data.held_on.day} 日 {data.time_text}",
             "地点", data.place],
            ["主持人", data.host, "记录人", data.recorder]]
    if data.lecturer:
        rows.append(["授课人", data.lecturer, "", ""])
    rows += [["出勤情况", data.counts, "", ""]]
    if data.quorum:
        rows.append(["法定人数", data.quorum, "", ""])
    rows += [["出席人员", _names(data.present), "", ""],
             ["请假人员", _names(data.on_leave), "", ""],
             ["缺席人员", _names(data.absent), "", ""]]
    if data.observers:
        rows.append(["列席人员", _names(data.observers), "", ""])
    if data.excluded:
        rows.append(["不计入应到", _names(data.excluded), "", ""])
    rows.append(["议题", data.title, "", ""])
    spans = [("SPAN", (1, r), (3, r)) for r, row in enumerate(rows) if row[2] == "" and row[3] == ""]
    spans += [("BACKGROUND", (1, r), (3, r), colors.white) for r, row in enumerate(rows) if row[2] == ""]
    story = [*title_block(TITLE),
             form_table(rows, [label, value, label, value], label_columns=(0, 2), style=spans, min_height=8 * mm),
             Spacer(1, 3 * mm),
             _text_box("会议内容", data.content, width, empty="（未填写）", room=40 * mm),
             Spacer(1, 3 * mm),
             _text_box("会议决定（决议）", data.decisions, width, empty="无", room=18 * mm),
             Spacer(1, 2 * mm)]
    if data.note:
        story += [para(f"备注：{data.note}", styles().body), Spacer(1, 3 * mm)]
    signatures = signature_block([[SignatureLine("主持人签字：", 55 * mm), DateLine()],
                                  [SignatureLine("记录人签字：", 55 * mm), DateLine()]], stamp=None, width=width)
    story.append(KeepTogether([signatures]))
    return write_pdf(out, story, page)
