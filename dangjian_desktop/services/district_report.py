"""区级年度统计报告: the district's annual report, gathered from `services.district_stats` (the
figures the dashboard shows) and written as a PDF and an .xlsx workbook.

    report = gather_report(ctx, year=2026)           # plain data (reports/district_report_data.py)
    write_pdf(report, out=Path("报告.pdf"))
    write_excel(report, out=Path("报告.xlsx"))

`make_report_pdf` and `export_report_excel` do both steps as one background job for the GUI;
`dangjian print district-report` calls the same functions. The statistics are counted by
district_stats alone; what this module adds on top of them is marked as such (see
`rectified_weak_villages`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from dangjian_desktop.core.district_stats import UNKNOWN
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.progress import Progress
from dangjian_desktop.reports.district_report_data import (AGE_BANDS, EDUCATION_LEVELS, AreaFigures, DistrictReport,
                                                          IndicatorTargets, Indicators, Meetings, MemberStructure,
                                                          Points, RedFlagVillage, Stars, Training, TypeCompliance,
                                                          combine)
from dangjian_desktop.services.context import Context

FIRST_YEAR = 2000
NO_TOWN = "未分镇（街道）"
_FREQUENCY = {"month": "每月", "quarter": "每季度", "year": "每年"}


def check_year(ctx: Context, year: int | None) -> int:
    """The report's year (default: this year); a year outside 2000 … this year is refused."""
    year = ctx.today.year if year is None else year
    if not isinstance(year, int) or not FIRST_YEAR <= year <= ctx.today.year:
        raise ValidationError(f"年度应在 {FIRST_YEAR} 到 {ctx.today.year} 之间：{year}", "year")
    return year


def require_district(ctx: Context) -> None:
    if ctx.role != "district":
        raise DangjianError("区级统计报告只能在区级数据库中生成（本数据库是村级数据库）。")


def check_output(path: Path, suffix: str) -> Path:
    """Refuse a file name or folder that cannot be written before any work is done."""
    path = Path(path)
    if path.suffix.lower() != f".{suffix}":
        raise ValidationError(f"输出文件应以 .{suffix} 结尾：{path}", "out")
    if not path.parent.is_dir():
        raise ValidationError(f"文件夹不存在：{path.parent}", "out")
    return path


def default_filename(ctx: Context, *, year: int, suffix: str) -> str:
    """A name to offer when saving (legal on FAT32 and Windows)."""
    return f"{ctx.org['name']}{year}年度党建工作统计报告.{suffix}"


class NoReportData(DangjianError):
    """Nothing to report for the year (no village enrolled, or no village sent data for it)."""


# -- the district's statistics as the report's figures ----------------------------------------------

def members_from_row(row) -> MemberStructure:
    """A district_stats StructureRow (dimension → label → count) as the report's member structure."""
    counts = row.counts
    return MemberStructure(
        total=row.members,
        probationary=counts["category"].get("预备党员", 0),
        female=counts["sex"].get("女", 0),
        minority=counts["ethnicity"].get("少数民族", 0),
        flowing=counts["flowing"].get("流动党员", 0),
        lost_contact=counts["flowing"].get("失联党员", 0),
        age_bands=tuple(counts["age"].get(label, 0) for label in AGE_BANDS),
        age_unknown=counts["age"].get(UNKNOWN, 0),
        education=tuple(counts["education"].get(label, 0) for label in EDUCATION_LEVELS),
        education_unknown=counts["education"].get(UNKNOWN, 0),
    )


def _meetings(rows) -> Meetings:
    """Branch compliance rows of one village: a branch complies when it met every judged period
    (a branch with no period judged yet, early in January, is not counted)."""
    judged = [r for r in rows if r.judged]
    return Meetings(branches=len(judged), compliant=sum(r.met == r.judged for r in judged),
                    judged=sum(r.judged for r in judged), met=sum(r.met for r in judged))


def meeting_types(ctx: Context, compliance) -> tuple[TypeCompliance, ...]:
    """Per required meeting type: branches that met every judged period of it, periods met/judged."""
    out = []
    for code, name in compliance.types:
        pairs = [r.by_type[code] for r in compliance.rows if r.by_type.get(code, (0, 0))[1]]
        kind = ctx.meeting_types.types[code]
        out.append(TypeCompliance(
            name=name, frequency=f"{_FREQUENCY.get(kind.frequency, kind.frequency)}{kind.required}次",
            periods=max((j for _m, j in pairs), default=0), branches=len(pairs),
            compliant=sum(m == j for m, j in pairs), met=sum(m for m, _j in pairs), judged=sum(j for _m, j in pairs)))
    return tuple(out)


def rectified_weak_villages(previous_weak: set[str], weak_now: set[str]) -> set[str]:
    """软弱涣散 整顿转化, as the data can tell it (district_stats has no rectification record): the
    villages with a warning at the end of last year and none this year. Added by the report."""
    return previous_weak - weak_now


def _levels(star, awarded_only: bool) -> tuple[dict[int, int], int]:
    level = star.star_level if (star.awarded or not awarded_only) else None
    return ({level: 1}, 0) if level else ({}, 1)


def red_flags_of_year(ctx: Context, year: int) -> tuple[dict[str, dict[str, set[int]]], tuple[str, ...]]:
    """红旗村 of the year: village org → flag type → halves held (flags in force), and the flag types
    in the district's order (an empty mapping: none recorded for the year)."""
    from dangjian_desktop.store import red_flag_queries

    held: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for flag in red_flag_queries.flags(ctx.store, year=year):
        held[flag["village_uuid"]][flag["flag_type"]].add(flag["half"])
    types = red_flag_queries.flag_types(ctx.store)
    extra = sorted({t for flags in held.values() for t in flags} - set(types))
    return held, (*types, *extra)


def _red_flag_village(ref, flags: dict[str, set[int]], types: tuple[str, ...]) -> RedFlagVillage:
    halves = {1: "上半年", 2: "下半年"}
    return RedFlagVillage(town=ref.town_name or NO_TOWN, name=ref.name, flags=tuple(
        f"{t}（{'、'.join(halves[h] for h in sorted(flags[t]))}）" for t in types if t in flags))


def _village_figures(ref, structure_row, training_row, compliance_rows, star, weak: bool, rectified: bool,
                     points: tuple[int, int], indicator, targets, awarded_only: bool,
                     flags: dict[str, set[int]] | None) -> AreaFigures:
    levels, not_rated = _levels(star, awarded_only)
    income, area = indicator.income, indicator.area
    return AreaFigures(
        name=ref.name, villages=1, town=ref.town_name or NO_TOWN,
        members=members_from_row(structure_row),
        training=Training(sessions=training_row.sessions, attendances=training_row.attendances,
                          member_hours=training_row.hours, members=training_row.members,
                          below_floor=training_row.below_floor),
        meetings=_meetings(compliance_rows),
        stars=Stars(levels=levels, not_rated=not_rated, red_flag=None if flags is None else int(bool(flags)),
                    red_flag_types={t: 1 for t in flags or ()}, weak=int(weak), weak_rectified=int(rectified)),
        points=Points(vanguard=points[0], unqualified=points[1]),
        indicators=Indicators(
            income_reached=tuple(int(income is not None and income >= t) for t in targets.income_thresholds),
            income_below_target=int(indicator.income_ok is False), income_reported=int(income is not None),
            income_total=income or 0.0, area_reached=int(indicator.area_ok is True),
            area_below=int(indicator.area_ok is False), area_missing=int(area is None)),
    )


def _check_has_data(ctx: Context, year: int):
    """The district's villages (district_stats.VillageRef), or NoReportData when there is nothing to report."""
    from dangjian_desktop.services import district_stats

    choices = district_stats.scope_choices(ctx)
    if not choices.villages:
        raise NoReportData("还没有登记任何村，没有可汇总的数据。请先登记各村并导入它们报送的数据包。")
    if year not in choices.years:
        years = "、".join(str(y) for y in choices.years)
        raise NoReportData(f"{year} 年度没有任何村的数据，无法生成报告。有数据的年度：{years}。")
    return choices.villages


def _by_org(rows) -> dict:
    return {r.org: r for r in rows}


def gather(ctx: Context, *, year: int, progress: Progress | None = None) -> DistrictReport:
    from dangjian_desktop.services import district_stats

    refs = _check_has_data(ctx, year)
    if progress is not None:
        progress.start(3, "统计全区数据")  # the statistics, last year's warnings, the file
    data = district_stats.dashboard(ctx, district_stats.StatsFilter(year=year))
    if progress is not None:
        progress.step(message="上年度软弱涣散预警")
    previous = district_stats.stars(ctx, district_stats.StatsFilter(year=year - 1)) if year > FIRST_YEAR else None
    if progress is not None:
        progress.step(message="生成报告文件")
    targets = data.indicators.targets
    weak_now = {w.org for w in data.stars.weak}
    rectified = rectified_weak_villages({w.org for w in previous.weak} if previous else set(), weak_now)
    awarded_only = any(s.awarded for s in data.stars.villages)
    structure = {r.key: r for r in data.structure.villages}
    training, stars = _by_org(data.training.villages), _by_org(data.stars.villages)
    indicators = _by_org(data.indicators.villages)
    compliance = defaultdict(list)
    for row in data.compliance.rows:
        compliance[row.village_org].append(row)
    points = defaultdict(lambda: [0, 0])
    for grade in data.points.vanguard:
        points[grade.village_org][0] += 1
    for grade in data.points.failing:
        points[grade.village_org][1] += 1
    held, flag_types = red_flags_of_year(ctx, year)
    villages = tuple(_village_figures(ref, structure[ref.org], training[ref.org], compliance[ref.org], stars[ref.org],
                                      ref.org in weak_now, ref.org in rectified, tuple(points[ref.org]),
                                      indicators[ref.org], targets, awarded_only,
                                      dict(held.get(ref.org, {})) if held else None) for ref in refs)
    district = combine("全区", list(villages))
    if not (district.members.total or district.training.sessions or district.meetings.met
            or district.indicators.income_reported or any(s.state for s in data.stars.villages)):
        raise NoReportData(f"{year} 年度还没有可汇总的数据：各村尚未报送这一年的数据包。")
    town_names = sorted({v.town for v in villages}, key=lambda n: (n == NO_TOWN, n))
    towns = tuple(combine(name, [v for v in villages if v.town == name]) for name in town_names)
    return DistrictReport(
        district_name=ctx.org["name"], year=year, printed_on=ctx.today,
        counted_through=min(ctx.today, date(year, 12, 31)),
        district=district, towns=towns, villages=villages, meeting_types=meeting_types(ctx, data.compliance),
        targets=IndicatorTargets(income_target=targets.income_target, income_thresholds=targets.income_thresholds,
                                 area_minimum=targets.area_minimum),
        floors=(data.training.member_floor, data.training.leader_floor),
        notes=_notes(villages, awarded_only, bool(held)), flag_types=flag_types if held else (),
        red_flags=tuple(_red_flag_village(ref, held[ref.org], flag_types) for ref in refs if ref.org in held))


def _notes(villages: tuple[AreaFigures, ...], awarded_only: bool, red_flags: bool) -> tuple[str, ...]:
    notes = []
    silent = [v for v in villages if not v.members.total]
    if silent:
        names = "、".join(v.name for v in silent[:5]) + ("等" if len(silent) > 5 else "")
        notes.append(f"{len(silent)}个村没有在册党员数据（可能尚未报送数据包）：{names}。")
    notes.append("星级为区级命名的等级，未命名的村计入“未定星”。" if awarded_only else
                 "本年度尚无区级命名结果，星级为各村自评或审核中的等级。")
    notes.append("软弱涣散村为按数据预警的村（书记空缺、会议未按时开展、长期无发展对象等）；"
                 "已整顿指上年度有预警、本年度预警已消除的村。"
                 + ("" if red_flags else "本年度红旗村评选结果未在系统中登记。"))
    return tuple(notes)


# -- the use cases ----------------------------------------------------------------------------------

def gather_report(ctx: Context, *, year: int | None = None, progress: Progress | None = None) -> DistrictReport:
    """Every figure of the year's report, by town and village; refused when there is nothing to report."""
    ctx.require("report.print")
    require_district(ctx)
    return gather(ctx, year=check_year(ctx, year), progress=progress)


def write_pdf(report: DistrictReport, *, out: Path, progress: Progress | None = None) -> Path:
    from dangjian_desktop.reports.pdf import district_report as pdf

    return pdf.render(report, out=check_output(out, "pdf"), progress=progress)


def write_excel(report: DistrictReport, *, out: Path) -> Path:
    from dangjian_desktop.reports import excel_district

    return excel_district.render(report, out=check_output(out, "xlsx"))


def make_report_pdf(ctx: Context, *, year: int, out: Path, progress: Progress | None = None) -> Path:
    """The year's report as a PDF at `out` (written atomically)."""
    check_output(out, "pdf")
    return write_pdf(gather_report(ctx, year=year, progress=progress), out=out, progress=progress)


def export_report_excel(ctx: Context, *, year: int, out: Path, progress: Progress | None = None) -> Path:
    """Every statistic of the year's report as a sheet of an .xlsx workbook at `out`."""
    check_output(out, "xlsx")
    report = gather_report(ctx, year=year, progress=progress)
    path = write_excel(report, out=out)
    if progress is not None:
        progress.step()
    return path
