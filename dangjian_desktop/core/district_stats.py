"""Pure shaping of the district's statistics (全区概况): the targets file, member-structure
dimensions, villages far from the district average, meeting compliance from held counts, and the
先锋党员 candidates within each village's 优秀 quota. No SQL here: store/district_stats.py counts,
services/district_stats.py calls these to turn counts into the figures the district reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.core.meetings import ComplianceRow, MeetingTypes, compliance, is_number, read_json_source
from dangjian_desktop.core.members import AGE_BANDS, EDUCATION_BANDS, age_band, age_on, education_band
from dangjian_desktop.errors import RuleError
from dangjian_desktop.paths import resource_path

FORMAT = "dangjian-district-targets/1"

UNKNOWN = "未填"


# -- the district's targets (data, not code) -----------------------------------------------------

@dataclass(frozen=True)
class DistrictTargets:
    version: str
    name: str
    income_unit: str
    income_target: float  # 村集体经济收入 below this: a weak village (薄弱村)
    income_thresholds: tuple[float, ...]  # ascending; how many villages reach each
    area_unit: str
    area_minimum: float  # 党群服务中心面积 floor
    outlier_min_members: int
    outliers_shown: int


def load_targets(source=None) -> DistrictTargets:
    """Load and check a targets file (default: resources/district_targets.json)."""
    data = read_json_source(source, resource_path("district_targets.json"), "区级指标目标文件")
    problems = []
    if data.get("format") != FORMAT:
        problems.append(f"文件格式应为“{FORMAT}”，实际为“{data.get('format')}”")
    income = data.get("collective_income") if isinstance(data.get("collective_income"), Mapping) else {}
    area = data.get("service_centre_area") if isinstance(data.get("service_centre_area"), Mapping) else {}
    outliers = data.get("outliers") if isinstance(data.get("outliers"), Mapping) else {}
    thresholds = income.get("thresholds")
    if not (isinstance(thresholds, list) and thresholds and all(is_number(t) and t >= 0 for t in thresholds)
            and thresholds == sorted(set(thresholds))):
        problems.append("collective_income.thresholds 应为从小到大、不重复的非负数列表")
        thresholds = []
    for value, label in ((income.get("target"), "collective_income.target"),
                         (area.get("minimum"), "service_centre_area.minimum")):
        if not (is_number(value) and value >= 0):
            problems.append(f"{label} 应为非负数")
    for key in ("min_members", "shown"):
        value = outliers.get(key)
        if not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
            problems.append(f"outliers.{key} 应为正整数")
    if problems:
        raise RuleError("区级指标目标文件不能使用：" + "；".join(problems))
    return DistrictTargets(
        version=str(data.get("version") or ""), name=str(data.get("name") or ""),
        income_unit=str(income.get("unit") or "万元"), income_target=float(income["target"]),
        income_thresholds=tuple(float(t) for t in thresholds),
        area_unit=str(area.get("unit") or "平方米"), area_minimum=float(area["minimum"]),
        outlier_min_members=outliers["min_members"], outliers_shown=outliers["shown"],
    )


# -- member structure ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Dimension:
    """One way of dividing the roster; `labels` in report order, `UNKNOWN` last where data may be blank."""

    code: str
    title: str
    labels: tuple[str, ...]


DIMENSIONS = (
    Dimension("age", "年龄结构", (*AGE_BANDS, UNKNOWN)),
    Dimension("education", "学历结构", (*EDUCATION_BANDS, UNKNOWN)),
    Dimension("sex", "性别", ("男", "女", UNKNOWN)),
    Dimension("ethnicity", "民族", ("汉族", "少数民族", UNKNOWN)),
    Dimension("category", "正式与预备", ("正式党员", "预备党员")),
    Dimension("flowing", "流动党员", ("流动党员", "失联党员", "在村党员")),
)
DIMENSION = {d.code: d for d in DIMENSIONS}
#: The upper age of each age band but the last (open) one, read off core.members.age_band.
AGE_BAND_TOPS = tuple(age for age in range(0, 130) if age_band(age) != age_band(age + 1))


def age_band_cutoffs(as_of: date) -> tuple[str, ...]:
    """For each age band but the last: its members were born after this ISO date (aged at most the
    band's top on `as_of`). Whoever was born on or before it had their (top + 1)th birthday by then;
    a 29 February with no match in that year counts as the 28th, as core.members.age_on does."""
    out = []
    for top in AGE_BAND_TOPS:
        year = as_of.year - top - 1
        try:
            out.append(as_of.replace(year=year).isoformat())
        except ValueError:  # 29 February
            out.append(date(year, 2, 28).isoformat())
    return tuple(out)


@dataclass(frozen=True)
class Metric:
    """A share the district compares villages by: members with `label` of `dimension` among those known."""

    code: str
    title: str
    dimension: str
    labels: tuple[str, ...]


OUTLIER_METRICS = (
    Metric("old", "60岁以上党员占比", "age", (AGE_BANDS[-1],)),
    Metric("low_education", "初中及以下学历占比", "education", (EDUCATION_BANDS[0],)),
    Metric("young", "35岁及以下党员占比", "age", (AGE_BANDS[0],)),
)


def share(counts: Mapping[str, int], labels: Iterable[str]) -> float | None:
    """The share of `labels` among the known values (UNKNOWN left out); None when nothing is known."""
    known = sum(n for label, n in counts.items() if label != UNKNOWN)
    return sum(counts.get(label, 0) for label in labels) / known if known else None


def add_counts(rows: Iterable[Mapping[str, Mapping[str, int]]]) -> dict[str, dict[str, int]]:
    """Sum dimension → label → count mappings (villages into a town or the district)."""
    out = {d.code: dict.fromkeys(d.labels, 0) for d in DIMENSIONS}
    for counts in rows:
        for code, by_label in counts.items():
            target = out.setdefault(code, {})
            for label, n in by_label.items():
                target[label] = target.get(label, 0) + n
    return out


@dataclass(frozen=True)
class Outlier:
    metric: str
    title: str
    key: str  # the village's org uuid
    name: str
    members: int
    share: float
    district_share: float

    @property
    def difference(self) -> float:
        return self.share - self.district_share


def outliers(villages: Sequence[tuple[str, str, int, Mapping[str, Mapping[str, int]]]],
             district: Mapping[str, Mapping[str, int]], *, min_members: int, shown: int) -> list[Outlier]:
    """For each metric, the `shown` villages whose share is furthest from the district's (either side).

    `villages` are (key, name, members, counts); villages with fewer than `min_members` are left out,
    since a share of three people says little. Ties go by village name.
    """
    out = []
    for metric in OUTLIER_METRICS:
        overall = share(district[metric.dimension], metric.labels)
        if overall is None:
            continue
        found = []
        for key, name, members, counts in villages:
            value = share(counts[metric.dimension], metric.labels) if members >= min_members else None
            if value is not None:
                found.append(Outlier(metric.code, metric.title, key, name, members, value, overall))
        found.sort(key=lambda o: (-abs(o.difference), o.name))
        out += found[:shown]
    return out


# -- meeting compliance from held counts ---------------------------------------------------------

@dataclass(frozen=True)
class PeriodSpec:
    """One period of one meeting type, as core.meetings.compliance judges it with nothing held."""

    type_code: str
    type_name: str
    period_key: str
    period_start: date
    period_end: date
    required: int


def period_specs(types: MeetingTypes, *, year: int, today: date) -> list[PeriodSpec]:
    """Every (type, period) of the year that has started by `today` (later ones are not judged)."""
    return [PeriodSpec(r.type_code, r.type_name, r.period_key, r.period_start, r.period_end, r.required)
            for r in compliance((), types, year=year, today=today) if r.status != "future"]


@dataclass(frozen=True)
class UnitCompliance:
    """One branch's year so far: type_code → (periods met, periods judged), as
    core.meetings.compliance_summary gives, and the periods that ended without the required meetings."""

    by_type: dict[str, tuple[int, int]]
    missing: list[ComplianceRow]

    @property
    def met(self) -> int:
        return sum(met for met, _ in self.by_type.values())

    @property
    def judged(self) -> int:
        return sum(judged for _, judged in self.by_type.values())


def unit_compliance(specs: Sequence[PeriodSpec], held: Mapping[tuple[str, str], int], *,
                    today: date) -> UnitCompliance:
    """core.meetings.compliance + compliance_summary for one branch, from counts:
    (type_code, period_key) → meetings held. A period is met when held ≥ required (once started);
    judged when met or ended; missing when ended and not met."""
    by_type: dict[str, tuple[int, int]] = {}
    missing = []
    for spec in specs:
        n = held.get((spec.type_code, spec.period_key), 0)
        met, judged = by_type.get(spec.type_code, (0, 0))
        if n >= spec.required:
            by_type[spec.type_code] = (met + 1, judged + 1)
        elif spec.period_end < today:
            by_type[spec.type_code] = (met, judged + 1)
            missing.append(ComplianceRow(spec.type_code, spec.type_name, spec.period_key, spec.period_start,
                                         spec.period_end, spec.required, n, "missing"))
        else:
            by_type[spec.type_code] = (met, judged)
    return UnitCompliance(by_type, missing)


# -- points --------------------------------------------------------------------------------------

def within_quota(ranked: Sequence[tuple[int, str, int]], quota: int, minimum_x100: int) -> list[tuple[int, str, int]]:
    """(rank, member, total) of a village's members ranked best first: those at or above `minimum_x100`
    whose rank is within `quota` (equal totals share a rank, so a tie at the edge is kept)."""
    return [row for row in ranked if row[0] <= quota and row[2] >= minimum_x100]


# -- one member's label in a dimension (drill-down from a chart) ---------------------------------

@dataclass(frozen=True)
class VillageRef:
    org: str
    code: str
    name: str
    town_key: str | None
    town_name: str


def member_label(member: Mapping, dimension: str, as_of: date) -> str:
    """The label a roster member counts under in `dimension` — the same rule as the SQL counts."""
    if dimension == "age":
        birth = member.get("birth_date")
        try:
            return age_band(age_on(birth, as_of)) if birth else UNKNOWN
        except Exception:  # noqa: BLE001 - a malformed stored date counts as unknown, as in SQL
            return UNKNOWN
    if dimension == "education":
        try:
            return education_band(member.get("education")) if member.get("education") else UNKNOWN
        except Exception:  # noqa: BLE001 - an unrecognised level counts as unknown
            return UNKNOWN
    if dimension == "sex":
        return member.get("sex") if member.get("sex") in ("男", "女") else UNKNOWN
    if dimension == "ethnicity":
        text = (member.get("ethnicity") or "").strip()
        return UNKNOWN if not text else ("汉族" if text == "汉族" else "少数民族")
    if dimension == "category":
        return member.get("category") or UNKNOWN
    if dimension == "flowing":
        return "流动党员" if member.get("flowing") else ("失联党员" if member.get("lost_contact") else "在村党员")
    raise ValueError(f"unknown dimension: {dimension}")
