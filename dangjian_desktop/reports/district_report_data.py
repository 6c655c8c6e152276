"""The content of the district's annual report (区级年度党建工作统计报告) as plain data.

The service (`services/district_report.py`) fills these from the district statistics; the PDF
(`reports/pdf/district_report.py`) and the workbook (`reports/excel_district.py`) read only this.
`stat_tables` turns the figures into the report's tables, so the PDF and the .xlsx always show
the same numbers; `summary_paragraphs` writes the prose from the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from dangjian_desktop.core.members import AGE_BANDS
from dangjian_desktop.core.members import EDUCATION_BANDS as EDUCATION_LEVELS

STAR_LEVELS = (5, 4, 3, 2, 1)  # highest first, as the report lists them
CN_LEVEL = {5: "五星", 4: "四星", 3: "三星", 2: "二星", 1: "一星"}


@dataclass(frozen=True)
class MemberStructure:
    """党员队伍结构 of an area: members on the roster (正式 + 预备党员)."""

    total: int = 0
    probationary: int = 0
    female: int = 0
    minority: int = 0  # 少数民族
    flowing: int = 0  # 流动党员
    lost_contact: int = 0  # 失联党员
    age_bands: tuple[int, ...] = (0,) * len(AGE_BANDS)
    age_unknown: int = 0  # no birth date on the roster
    education: tuple[int, ...] = (0,) * len(EDUCATION_LEVELS)
    education_unknown: int = 0

    @property
    def full(self) -> int:
        return self.total - self.probationary

    @property
    def over_60(self) -> int:
        return self.age_bands[-1]

    @property
    def young(self) -> int:
        return self.age_bands[0]

    @property
    def college(self) -> int:  # 大专及以上
        return self.education[2] + self.education[3]

    @property
    def junior_or_less(self) -> int:
        return self.education[0]


@dataclass(frozen=True)
class Training:
    """培训: sessions held (期数), attendances (人次), study hours against the 32 h / 56 h floors."""

    sessions: int = 0
    attendances: int = 0
    member_hours: float = 0.0  # study hours of all members together
    members: int = 0
    below_floor: int = 0  # members under their floor

    @property
    def hours_per_member(self) -> float:
        return self.member_hours / self.members if self.members else 0.0


@dataclass(frozen=True)
class TypeCompliance:
    """One meeting type with a required frequency: periods judged so far this year, and how many
    branches held the required meetings in every one of them."""

    name: str
    frequency: str  # 每月1次 / 每季度1次 / 每年1次
    periods: int  # periods judged per branch (ended, or already met)
    branches: int
    compliant: int  # branches that met every judged period
    met: int  # periods met, all branches together
    judged: int

    @property
    def rate(self) -> float | None:  # None: no period of this type judged yet (组织生活会 before Q4 ends)
        return self.compliant / self.branches if self.branches else None

    @property
    def completion(self) -> float | None:
        return self.met / self.judged if self.judged else None


@dataclass(frozen=True)
class Meetings:
    """三会一课 and the other required meetings of an area: branches (units that hold meetings) that
    met every judged period of every type, and the periods met against the periods judged."""

    branches: int = 0
    compliant: int = 0
    judged: int = 0  # periods judged (each type's months or quarters so far), all branches together
    met: int = 0  # of those, periods with the required meetings held

    @property
    def rate(self) -> float:
        return self.compliant / self.branches if self.branches else 0.0

    @property
    def completion(self) -> float:
        return self.met / self.judged if self.judged else 0.0


@dataclass(frozen=True)
class Stars:
    """星级评定 results of the year, 红旗村 and 软弱涣散 organisations."""

    levels: dict[int, int] = field(default_factory=dict)  # stars → villages awarded
    not_rated: int = 0  # villages with no final result this year (or no star)
    red_flag: int | None = None  # 红旗村; None: not recorded in the system
    red_flag_types: dict[str, int] = field(default_factory=dict)  # flag type → villages holding it
    weak: int = 0  # 软弱涣散 organisations identified
    weak_rectified: int = 0  # of those, rectified (整顿转化)

    @property
    def starred(self) -> int:
        return sum(self.levels.get(n, 0) for n in STAR_LEVELS)


@dataclass(frozen=True)
class Points:
    vanguard: int = 0  # 先锋党员
    unqualified: int = 0  # graded 不合格


@dataclass(frozen=True)
class Indicators:
    """村级指标 against the district's targets (`IndicatorTargets`)."""

    income_reached: tuple[int, ...] = ()  # villages at or above each income threshold
    income_below_target: int = 0  # 薄弱村: reported income under the target
    income_reported: int = 0
    income_total: float = 0.0  # 万元, of the villages that reported
    area_reached: int = 0  # 党群服务中心 at or above the minimum
    area_below: int = 0
    area_missing: int = 0  # villages that did not report the area


@dataclass(frozen=True)
class IndicatorTargets:
    income_target: float = 10.0  # 万元
    income_thresholds: tuple[float, ...] = (10.0, 30.0, 50.0, 100.0)  # 万元, ascending
    area_minimum: float = 200.0  # m²

    @property
    def reached_labels(self) -> tuple[str, ...]:
        return tuple(f"{t:g}万元及以上" for t in self.income_thresholds)


@dataclass(frozen=True)
class AreaFigures:
    """Every figure of one area: the whole district, a town (镇/街道) or a village."""

    name: str
    villages: int
    members: MemberStructure
    training: Training
    meetings: Meetings
    stars: Stars
    points: Points
    indicators: Indicators
    town: str = ""  # a village's town


def _add(values: list):
    """Sum like values: numbers, tuples element by element, dicts key by key; None when all are None."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    first = present[0]
    if isinstance(first, tuple):
        return tuple(map(sum, zip(*present)))
    if isinstance(first, dict):
        out: dict = {}
        for d in present:
            for key, n in d.items():
                out[key] = out.get(key, 0) + n
        return out
    if hasattr(first, "__dataclass_fields__"):
        return type(first)(**{f.name: _add([getattr(v, f.name) for v in present]) for f in fields(first)})
    return sum(present)


_PARTS = {"members": MemberStructure, "training": Training, "meetings": Meetings, "stars": Stars, "points": Points,
          "indicators": Indicators}


def combine(name: str, parts: list[AreaFigures]) -> AreaFigures:
    """A town or the district as the sum of its villages (every figure here is a count or a sum)."""
    if not parts:
        return AreaFigures(name=name, villages=0, **{key: cls() for key, cls in _PARTS.items()})
    return AreaFigures(name=name, villages=sum(p.villages for p in parts),
                       **{key: _add([getattr(p, key) for p in parts]) for key in _PARTS})


@dataclass(frozen=True)
class RedFlagVillage:
    """A 红旗村 of the year: its town, name and flags (“基层党建（上半年、下半年）”)."""

    town: str
    name: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class DistrictReport:
    district_name: str
    year: int
    printed_on: date
    counted_through: date
    district: AreaFigures
    towns: tuple[AreaFigures, ...]
    villages: tuple[AreaFigures, ...] = ()  # the per-village sheet of the workbook
    meeting_types: tuple[TypeCompliance, ...] = ()
    targets: IndicatorTargets = IndicatorTargets()
    floors: tuple[float, float] = (32.0, 56.0)
    notes: tuple[str, ...] = ()  # what the figures do and do not count
    flag_types: tuple[str, ...] = ()  # 红旗村 types, in the district's order
    red_flags: tuple[RedFlagVillage, ...] = ()  # the villages holding a flag, by town

    @property
    def has_red_flags(self) -> bool:
        return self.district.stars.red_flag is not None

    @property
    def title(self) -> str:
        return f"{self.year}年度农村基层党建工作统计报告"


# -- tables -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "int"  # 'text' | 'int' | 'dec1' (one decimal) | 'pct' (a fraction shown as %)
    width: float = 1.0  # relative width in the PDF


@dataclass(frozen=True)
class StatTable:
    """One statistic: a sheet of the workbook and a table of the PDF (rows per town, then 合计)."""

    key: str  # sheet name (≤ 31 characters)
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    total: tuple | None = None
    note: str = ""


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _area_tables(report: DistrictReport) -> list[StatTable]:
    towns, d = report.towns, report.district
    name = Column("镇（街道）", "text", 2.2)
    villages = Column("村数")

    def table(key, title, columns, row_of, note=""):
        return StatTable(key, title, (name, *columns), tuple((t.name, *row_of(t)) for t in towns),
                         ("全区合计", *row_of(d)), note)

    member_floor, leader_floor = report.floors
    out = [
        table("培训情况", "各镇（街道）党员教育培训情况",
              (villages, Column("培训期数"), Column("参训人次"), Column("党员数"), Column("人均学时", "dec1"),
               Column("未达学时要求", "int", 1.2)),
              lambda a: (a.villages, a.training.sessions, a.training.attendances, a.training.members,
                         round(a.training.hours_per_member, 1), a.training.below_floor),
              f"学时要求：党员每年不少于 {member_floor:g} 学时，书记和支部委员不少于 {leader_floor:g} 学时；"
              "期数按各村举办的培训类会议计，人次按出席人数计。"),
        table("星级评定", "各镇（街道）星级村党组织、红旗村和软弱涣散村党组织",
              (villages, *(Column(CN_LEVEL[n]) for n in STAR_LEVELS), Column("未定星"), Column("红旗村"),
               Column("软弱涣散"), Column("已整顿")),
              lambda a: (a.villages, *(a.stars.levels.get(n, 0) for n in STAR_LEVELS), a.stars.not_rated,
                         a.stars.red_flag, a.stars.weak, a.stars.weak_rectified),
              "未定星含未参评、未评定、一票否决和得分低于最低星级的村；星级的口径见报告开头的说明。"),
        table("党员年龄", "各镇（街道）党员年龄结构",
              (Column("党员数"), *(Column(b, "int", 1.05) for b in AGE_BANDS), Column("未填", "int", 0.8),
               Column("35岁及以下占比", "pct", 1.25), Column("60岁以上占比", "pct", 1.2)),
              lambda a: (a.members.total, *a.members.age_bands, a.members.age_unknown,
                         share(a.members.young, a.members.total), share(a.members.over_60, a.members.total)),
              f"年龄按 {report.year} 年 12 月 31 日（当年按统计日）计；党员数为在册正式党员和预备党员；"
              "占比以党员数为分母。"),
        table("党员学历", "各镇（街道）党员学历结构",
              (Column("党员数"), *(Column(e, "int", 1.1) for e in EDUCATION_LEVELS), Column("未填", "int", 0.8),
               Column("大专及以上占比", "pct", 1.3)),
              lambda a: (a.members.total, *a.members.education, a.members.education_unknown,
                         share(a.members.college, a.members.total))),
        table("党员构成", "各镇（街道）党员性别、民族和类别",
              (Column("党员数"), Column("正式党员"), Column("预备党员"), Column("女党员"), Column("女党员占比", "pct"),
               Column("少数民族"), Column("流动党员"), Column("失联党员")),
              lambda a: (a.members.total, a.members.full, a.members.probationary, a.members.female,
                         share(a.members.female, a.members.total), a.members.minority, a.members.flowing,
                         a.members.lost_contact)),
        table("三会一课", "各镇（街道）“三会一课”等组织生活落实情况",
              (Column("党组织数"), Column("全部按时开展", "int", 1.2), Column("达标率", "pct"),
               Column("应考核周期"), Column("达标周期"), Column("周期完成率", "pct")),
              lambda a: (a.meetings.branches, a.meetings.compliant, a.meetings.rate, a.meetings.judged,
                         a.meetings.met, a.meetings.completion),
              "按会议类型规定的频次逐月、逐季或逐年考核，一个周期内开够规定次数为达标；"
              "已结束的周期和已开够的周期计入考核。党组织数含村和单独记录会议的支部。"),
        table("党员积分", "各镇（街道）党员积分评定结果",
              (Column("党员数"), Column("先锋党员"), Column("评定不合格")),
              lambda a: (a.members.total, a.points.vanguard, a.points.unqualified)),
        table("村级指标", "各镇（街道）村集体经济收入和党群服务中心面积",
              (villages, Column("填报收入村数", "int", 1.2), Column("收入合计（万元）", "dec1", 1.4),
               *(Column(label, "int", 1.3) for label in report.targets.reached_labels),
               Column(f"低于{report.targets.income_target:g}万元", "int", 1.2),
               Column("服务中心面积达标", "int", 1.4), Column("面积不足", "int", 1.0)),
              lambda a: (a.villages, a.indicators.income_reported, round(a.indicators.income_total, 1),
                         *a.indicators.income_reached, a.indicators.income_below_target,
                         a.indicators.area_reached, a.indicators.area_below),
              f"村集体经济收入为村填报的年度收入（万元），各档为达到该档的村数（可重复计）；"
              f"党群服务中心面积达标指不少于{report.targets.area_minimum:g}平方米。"),
    ]
    return out


def meeting_type_table(report: DistrictReport) -> StatTable:
    rows = tuple((t.name, t.frequency, t.periods, t.branches, t.compliant, t.rate, t.completion)
                 for t in report.meeting_types)
    return StatTable("会议类型", "全区各类会议开展情况",
                     (Column("会议类型", "text", 1.8), Column("规定频次", "text"), Column("考核周期数"),
                      Column("党组织数"), Column("全部按时开展", "int", 1.2), Column("达标率", "pct"),
                      Column("周期完成率", "pct")),
                     rows)


def village_table(report: DistrictReport) -> StatTable:
    """One row per village with the main figures (the workbook's detail sheet)."""
    def best_star(a: AreaFigures):
        return next((n for n in STAR_LEVELS if a.stars.levels.get(n)), None)

    rows = tuple((v.town, v.name, v.members.total, v.members.over_60, v.members.college, v.training.sessions,
                  v.training.attendances, round(v.training.hours_per_member, 1), v.meetings.rate, best_star(v),
                  v.stars.red_flag, v.stars.weak, v.points.vanguard, v.points.unqualified,
                  round(v.indicators.income_total, 1) if v.indicators.income_reported else None)
                 for v in report.villages)
    return StatTable("各村明细", "各村主要指标",
                     (Column("镇（街道）", "text", 2), Column("村党组织", "text", 2.5), Column("党员数"),
                      Column("60岁以上"), Column("大专及以上"), Column("培训期数"), Column("参训人次"),
                      Column("人均学时", "dec1"), Column("三会一课达标率", "pct"), Column("星级"),
                      Column("红旗村"), Column("软弱涣散"), Column("先锋党员"), Column("不合格"),
                      Column("集体收入（万元）", "dec1")),
                     rows)


def stat_tables(report: DistrictReport) -> list[StatTable]:
    """Every statistic of the report, in the report's order."""
    from dangjian_desktop.reports.district_report_flags import red_flag_tables

    tables = _area_tables(report)
    tables[2:2] = red_flag_tables(report)  # after 星级评定
    if report.meeting_types:
        tables.insert(next(i for i, t in enumerate(tables) if t.key == "三会一课") + 1, meeting_type_table(report))
    return tables
