"""培训统计表: a year's training — 期数, 人次, the sessions held, and every member's study hours
against the floor (32 h a year; 56 h for secretaries and committee members). Members below
their floor are marked in words and shading, so the mark survives a black-and-white printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from dangjian_desktop.reports.pdf.layout import MARK_GREY, PageInfo, para, section, styles, title_block, write_pdf
from dangjian_desktop.reports.pdf.tables import form_table, grid_table

TITLE = "党员教育培训统计表"


@dataclass(frozen=True)
class SessionLine:
    held_on: date
    title: str
    type_name: str
    hours: float
    attendances: int  # 人次 present


@dataclass(frozen=True)
class MemberHours:
    name: str
    branch: str
    post: str
    floor: float
    hours: float

    @property
    def below(self) -> bool:
        return self.hours < self.floor


@dataclass(frozen=True)
class TrainingData:
    org_name: str
    year: int
    sessions: tuple[SessionLine, ...]
    attendances: int  # 人次
    total_hours: float  # 人次 × 学时
    member_floor: float
    leader_floor: float
    hours_per_day: float
    members: tuple[MemberHours, ...]
    counted_through: date
    printed_on: date


def _h(value: float) -> str:
    return f"{value:g}"


def render(data: TrainingData, *, out: Path) -> Path:
    page = PageInfo(TITLE, data.org_name, f"{data.year} 年度", data.printed_on)
    width = page.frame_width
    s = styles()
    below = [m for m in data.members if m.below]
    average = sum(m.hours for m in data.members) / len(data.members) if data.members else 0
    label, value = 24 * mm, width / 3 - 24 * mm
    summary = form_table([
        ["培训期数", f"{len(data.sessions)} 期", "参训人次", f"{data.attendances} 人次", "累计学时", f"{_h(data.total_hours)} 学时"],
        ["在册党员", f"{len(data.members)} 人", "人均学时", f"{average:.1f} 学时", "未达标", f"{len(below)} 人"],
    ], [label, value] * 3, label_columns=(0, 2, 4))
    story = [*title_block(TITLE, f"（{data.year} 年度，统计至 {data.counted_through.isoformat()}）"),
             summary, Spacer(1, 2 * mm),
             para(f"学时要求：党员每年不少于 {_h(data.member_floor)} 学时，书记和支部委员不少于 {_h(data.leader_floor)} 学时；"
                  f"全天培训按 {_h(data.hours_per_day)} 学时、半天按 {_h(data.hours_per_day / 2)} 学时计；只计出席。", s.note),
             Spacer(1, 4 * mm)]

    rows = [["序号", "日期", "培训名称", "类型", "学时", "参训人次"]]
    rows += [[str(n), x.held_on.isoformat(), x.title, x.type_name, _h(x.hours), str(x.attendances)]
             for n, x in enumerate(data.sessions, 1)]
    if not data.sessions:
        rows.append(["", "", "本年度尚无培训", "", "", ""])
    widths = [10 * mm, 22 * mm, 0, 24 * mm, 14 * mm, 18 * mm]
    widths[2] = width - sum(widths)
    story += section("一、培训期次", grid_table(rows, widths, align=["CENTER", "CENTER", "LEFT", "CENTER", "CENTER",
                                                                "CENTER"]))
    story.append(Spacer(1, 4 * mm))

    rows = [["序号", "姓名", "所在党支部", "党内职务", "应达学时", "已完成学时", "差额", "是否达标"]]
    style = []
    for n, m in enumerate(data.members, 1):
        rows.append([str(n), m.name, m.branch, m.post, _h(m.floor), _h(m.hours),
                     _h(round(m.hours - m.floor, 2)) if m.below else "", "未达标" if m.below else "达标"])
        if m.below:
            style.append(("BACKGROUND", (0, n), (-1, n), MARK_GREY))
    if not data.members:
        rows.append(["", "没有在册党员", "", "", "", "", "", ""])
    widths = [10 * mm, 20 * mm, 0, 24 * mm, 18 * mm, 20 * mm, 16 * mm, 18 * mm]
    widths[2] = width - sum(widths)
    story += section(f"二、党员学时（未达标 {len(below)} 人，灰底标出）",
                     grid_table(rows, widths, style=style, align=["CENTER", "CENTER", "LEFT", "CENTER", "CENTER",
                                                                  "CENTER", "CENTER", "CENTER"]))
    return write_pdf(out, story, page)
