"""Printing (报表打印): the registry of the forms a village signs, stamps and posts, as PDFs.

`FORMS` is the registry the CLI and the GUI share: each form's Chinese title, the options it takes
and the `build_*` function (in `services/print_forms.py`) that gathers its data through the services
and writes the PDF atomically. The renderers in `reports.pdf` see only plain data, never the database.

The other services, the store and reportlab are imported inside the build functions, so that the
CLI can read `FORMS` to build its parser without loading them (`dangjian --help` stays instant).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from dangjian_desktop.errors import ValidationError
from dangjian_desktop.services.print_forms import (build_meeting_record, build_member_form, build_publicity,
                                                   build_roster, build_signin_sheet, build_star_form,
                                                   build_training_stats)

if TYPE_CHECKING:
    from dangjian_desktop.services.context import Context


# -- the registry ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FormOption:
    """One option a form takes: its keyword for `print_form`, the CLI flag, a label and help."""

    name: str
    flag: str
    label: str
    help: str
    kind: str  # 'member' | 'flag' | 'period' | 'year' | 'meeting' | 'date' | 'int' | 'text'


OPTIONS: dict[str, FormOption] = {o.name: o for o in (
    FormOption("member", "--member", "党员", "党员姓名或身份证号（只打这一名党员）", "member"),
    FormOption("all_members", "--all", "全部党员", "打印全部在册党员，一人一份，合成一个 PDF（不指定 --member 时即如此）", "flag"),
    FormOption("period", "--period", "期间", "公示期间：季度如 2026-Q3（默认本季度），也可写年度 2026 或月份 2026-03", "period"),
    FormOption("year", "--year", "年度", "年度，如 2026（默认本年度）", "year"),
    FormOption("meeting", "--meeting", "会议", "会议编号（UUID，或从其开头或第二段起的至少 6 位；默认最近一次会议）", "meeting"),
    FormOption("blank", "--blank", "会前空白签到表", "打印会前签到用的空白签到表（列出全部应到人员）", "flag"),
    FormOption("start", "--from", "公示开始日期", "公示开始日期 YYYY-MM-DD（默认今天）", "date"),
    FormOption("days", "--days", "公示天数", "公示天数（默认 5 天）", "int"),
    FormOption("objections_to", "--contact", "异议受理", "公示期间受理异议的人或地点（默认本村书记和镇党委组织委员）", "text"),
)}


@dataclass(frozen=True)
class FormSpec:
    key: str
    title: str
    description: str
    options: tuple[str, ...]
    build: Callable[..., Path]
    landscape: bool = False


FORMS: dict[str, FormSpec] = {f.key: f for f in (
    FormSpec("member-form", "党员积分考评表", "一名党员一个年度的积分：按类别和季度汇总、总分、等次和星级，本人和书记签字、盖章",
             ("member", "all_members", "year"), build_member_form),
    FormSpec("publicity", "积分公示表", "一个季度的积分排名，大字号张贴公示，含公示时间和异议受理；不含身份证号、电话、住址",
             ("period", "start", "days", "objections_to"), build_publicity),
    FormSpec("signin-sheet", "会议签到表", "会前：全部应到人员和空白签名栏；会后：登记的出勤情况",
             ("meeting", "blank"), build_signin_sheet),
    FormSpec("meeting-record", "会议记录", "会议类型、时间、地点、主持人、记录人、应到实到、议题、内容、决定和签字",
             ("meeting",), build_meeting_record),
    FormSpec("star-form", "星级评定表", "评分项目、分值、村级自评、镇级初审和区级复核栏、一票否决事项、评定结果和签章",
             ("year",), build_star_form),
    FormSpec("roster", "党员花名册", "在册党员，全国统一列序，A4 横向", (), build_roster, landscape=True),
    FormSpec("training-stats", "培训统计表", "培训期数、人次和每名党员的学时（对照 32/56 学时要求）",
             ("year",), build_training_stats),
)}


def print_form(ctx: Context, form: str, *, out: str | Path, progress=None, **options) -> Path:
    """Make the PDF of one form; options the form does not take are refused, None means default."""
    ctx.require("report.print")
    spec = FORMS.get(form)
    if spec is None:
        raise ValidationError(f"没有名为“{form}”的表格，可选：{'、'.join(FORMS)}", "form")
    given = {name: value for name, value in options.items() if value is not None and value is not False}
    unknown = [name for name in given if name not in spec.options]
    if unknown:
        flags = "、".join(OPTIONS[n].flag if n in OPTIONS else n for n in unknown)
        raise ValidationError(f"{spec.title}不使用选项 {flags}", "options")
    return spec.build(ctx, out=Path(out), progress=progress, **given)


def default_filename(ctx: Context, form: str) -> str:
    """A file name to offer when saving (legal on FAT32 and Windows)."""
    return f"{ctx.org['name']}{FORMS[form].title}-{ctx.today.isoformat()}.pdf"
