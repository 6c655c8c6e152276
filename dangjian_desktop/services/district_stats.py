"""The district's statistics (全区概况): the use cases the dashboard and the annual district report
both call. Every function takes a `StatsFilter` (year, and optionally a town and a village) and
returns plain frozen dataclasses — numbers, names and uuids, no Qt, no database handles.

    flt = StatsFilter(year=2026)                   # the whole district
    flt = StatsFilter(year=2026, town=town_key)    # one town (keys from scope_choices)
    data = dashboard(ctx, flt)                     # all six statistics at once

Definitions (DOMAIN.md §6): members are those on the roster (在册 正式/预备党员); ages are whole
years on 31 December of the year (today, for the current year); training counts the meetings of
training types (期数), each member present at each (人次) and the hours they earned; compliance
follows core.meetings (periods ended without the required meetings are missing; periods still
running count only once met); star levels are the villages' submitted self-assessments;
先锋党员 candidates are members graded 优秀 within their village's 优秀 quota; 不合格 is the
rulebook's lowest grade.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.core import district_stats as shaping
from dangjian_desktop.core.district_stats import DIMENSIONS, DistrictTargets, Outlier, VillageRef
from dangjian_desktop.core.members import EDUCATION_LEVELS, education_band
from dangjian_desktop.core.stars import WeakIndicator
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.district_figures import (
    BelowFloorMember, BranchCompliance, ComplianceSummary, IndicatorsSummary, MemberGrade, MonthRow, PointsSummary,
    StarsSummary, TrainingRow, TrainingSummary, VillageIndicator, VillageStar, WeakVillage, _held_by_unit,
    compliance_summary, indicators_summary, points_summary, stars_summary, training_summary)
from dangjian_desktop.store import district_roster as roster
from dangjian_desktop.store import district_stats as sql
from dangjian_desktop.store import red_flag_queries
from dangjian_desktop.store.points_sql import refresh_totals
from dangjian_desktop.store.district_stats import Scope

__all__ = [
    "StatsFilter", "VillageRef", "ScopeChoices", "StructureRow", "MemberStructure", "TrainingRow", "MonthRow",
    "BelowFloorMember", "TrainingSummary", "BranchCompliance", "ComplianceSummary", "VillageStar",
    "WeakVillage", "StarsSummary", "MemberGrade", "PointsSummary", "VillageIndicator", "IndicatorsSummary",
    "DashboardData", "Outlier", "WeakIndicator", "scope_choices", "member_structure", "training",
    "meeting_compliance", "stars", "points", "village_indicators", "dashboard", "members_of",
    "district_targets", "listed_members", "computed", "red_flag_villages",
]


# -- filter and choices --------------------------------------------------------------------------

@dataclass(frozen=True)
class StatsFilter:
    year: int
    town: str | None = None  # a town key from scope_choices().towns
    village: str | None = None  # a village org uuid

    def scope(self) -> Scope:
        return Scope(self.year, self.town, self.village)


@dataclass(frozen=True)
class ScopeChoices:
    years: tuple[int, ...]  # newest first; always holds today's year
    towns: tuple[tuple[str, str], ...]  # (key, name)
    villages: tuple[VillageRef, ...]


def scope_choices(ctx: Context) -> ScopeChoices:
    """What the filters offer: years with data, towns and villages (by town, then code)."""
    refs = tuple(_all_villages(ctx))
    towns = {v.town_key: v.town_name for v in refs if v.town_key}
    years = sorted({ctx.today.year, *sql.data_years(ctx.store)}, reverse=True)
    return ScopeChoices(tuple(years), tuple(sorted(towns.items(), key=lambda kv: kv[1])), refs)


def district_targets(ctx: Context) -> DistrictTargets:
    """The district's targets for village indicators and the outlier list (resources/district_targets.json)."""
    return shaping.load_targets()


# -- member structure ----------------------------------------------------------------------------

@dataclass(frozen=True)
class StructureRow:
    """One unit's roster: the district, a town or a village. `counts[dimension][label]`."""

    key: str  # '' for the district, a town key, a village org uuid
    name: str
    town_name: str
    members: int
    counts: dict[str, dict[str, int]]

    def share(self, dimension: str, *labels: str) -> float | None:
        return shaping.share(self.counts[dimension], labels)


@dataclass(frozen=True)
class MemberStructure:
    as_of: date
    dimensions: tuple[shaping.Dimension, ...]  # code, title, labels in report order
    district: StructureRow
    towns: tuple[StructureRow, ...]
    villages: tuple[StructureRow, ...]
    outliers: tuple[Outlier, ...]  # per metric, the villages furthest from the district's share
    ethnicities: tuple[tuple[str, int], ...]  # every ethnicity named, most first


def _as_of(ctx: Context, year: int) -> date:
    return min(date(year, 12, 31), ctx.today)


def _all_villages(ctx: Context) -> list[VillageRef]:
    return [VillageRef(r["village"], r["code"], r["name"], r["town_key"], r["town_name"])
            for r in sql.villages(ctx.store)]


def _village_rows(ctx: Context, flt: StatsFilter) -> list[VillageRef]:
    """The villages of the filter, by town then code."""
    return [v for v in _all_villages(ctx)
            if (flt.town is None or v.town_key == flt.town) and (flt.village is None or v.org == flt.village)]


_EDUCATION_INDEX = {level: shaping.DIMENSION["education"].labels.index(education_band(level))
                    for level in EDUCATION_LEVELS}


def _counts_of(row: tuple) -> dict[str, dict[str, int]]:
    values = [int(v or 0) for v in row]
    out, at = {}, 0
    for dim in DIMENSIONS:
        out[dim.code] = dict(zip(dim.labels, values[at:at + len(dim.labels)]))
        at += len(dim.labels)
    return out


def member_structure(ctx: Context, flt: StatsFilter) -> MemberStructure:
    """Age bands, education, sex, ethnicity, full vs probationary, flowing — per village, per town,
    for the scope, and the villages furthest from the scope's average."""
    prepare(ctx, flt)
    return _structure(ctx, flt, _village_rows(ctx, flt))


def prepare(ctx: Context, flt: StatsFilter, scope: Scope | None = None) -> None:
    """Bring the derived caches up to date (points totals, training figures) and read the members of
    the filter (or of `scope`) once (store/district_roster.py); every member figure below reads that."""
    rulebook = ctx.rulebook
    refresh_totals(ctx.store, rulebook, cycle_year=flt.year)
    sql.refresh_training(ctx.store, training_codes=training_codes(ctx))
    roster.prepare_roster(ctx.store, scope or flt.scope(), cycle_year=flt.year,
                          base_total_x100=sum(c.base_x100 for c in rulebook.categories),
                          age_born_after=shaping.age_band_cutoffs(_as_of(ctx, flt.year)),
                          education_band_of=_EDUCATION_INDEX)


def training_codes(ctx: Context) -> list[str]:
    return [t.code for t in ctx.meeting_types.types.values() if t.training]


def _structure(ctx: Context, flt: StatsFilter, refs: list[VillageRef]) -> MemberStructure:
    n_education = len(shaping.DIMENSION["education"].labels) - 1
    rows = {r[0]: (int(r[1]), _counts_of(r[2:])) for r in roster.structure_counts(
        ctx.store, n_age=len(shaping.AGE_BAND_TOPS) + 1, n_education=n_education)}
    villages = tuple(StructureRow(v.org, v.name, v.town_name, rows[v.org][0] if v.org in rows else 0,
                                  rows[v.org][1] if v.org in rows else shaping.add_counts(()))
                     for v in refs)
    return structure_from(ctx, flt, refs, villages, tuple((name, int(n)) for name, n in roster.ethnicities(ctx.store)))


def structure_from(ctx: Context, flt: StatsFilter, refs: list[VillageRef], villages: tuple[StructureRow, ...],
                   ethnicities: tuple[tuple[str, int], ...]) -> MemberStructure:
    """The towns, the scope and the outliers from the villages' rows (`refs` in the same order)."""
    as_of = _as_of(ctx, flt.year)
    towns: dict[tuple[str, str], list[StructureRow]] = {}
    for ref, row in zip(refs, villages):
        towns.setdefault((ref.town_name, ref.town_key or ""), []).append(row)
    town_rows = tuple(StructureRow(key, name, name, sum(r.members for r in rs), _sum_counts(rs))
                      for (name, key), rs in sorted(towns.items()))
    district = StructureRow("", ctx.org["name"], "", sum(r.members for r in town_rows), _sum_counts(town_rows))
    targets = district_targets(ctx)
    found = shaping.outliers(_outlier_candidates(villages, district.counts, targets), district.counts,
                             min_members=targets.outlier_min_members, shown=targets.outliers_shown)
    return MemberStructure(as_of, DIMENSIONS, district, town_rows, villages, tuple(found), ethnicities)


def _outlier_candidates(villages: tuple[StructureRow, ...], district: dict, targets: DistrictTargets) -> list[tuple]:
    """The villages shaping.outliers can pick (each metric's `shown` furthest, by its own order), in
    village order: the same result as giving it every village, without an Outlier object for each."""
    chosen: set[int] = set()
    for metric in shaping.OUTLIER_METRICS:
        overall = shaping.share(district[metric.dimension], metric.labels)
        if overall is None:
            continue
        ranked = []
        for n, row in enumerate(villages):
            if row.members >= targets.outlier_min_members:
                counts = row.counts[metric.dimension]  # shaping.share, inline: the same integers, the same quotient
                known = sum(counts.values()) - counts.get(shaping.UNKNOWN, 0)
                if known:
                    value = sum(counts.get(label, 0) for label in metric.labels) / known
                    ranked.append((-abs(value - overall), row.name, n))
        chosen.update(n for _, _, n in heapq.nsmallest(targets.outliers_shown, ranked))
    return [(r.key, r.name, r.members, r.counts) for n, r in enumerate(villages) if n in chosen]


def flat_counts(counts: dict[str, dict[str, int]]) -> list[int]:
    """A unit's counts as one list, dimension by dimension in label order (the inverse of counts_of_flat)."""
    return [counts[dim.code][label] for dim in DIMENSIONS for label in dim.labels]


_SPANS: list[tuple[str, tuple[str, ...], int]] = []  # (dimension, labels, where its counts start)
for _dim in DIMENSIONS:
    _SPANS.append((_dim.code, _dim.labels, sum(len(labels) for _, labels, _ in _SPANS)))
_WIDTH = sum(len(dim.labels) for dim in DIMENSIONS)


def counts_of_flat(values: list[int]) -> dict[str, dict[str, int]]:
    return {code: dict(zip(labels, values[at:at + len(labels)])) for code, labels, at in _SPANS}


def _sum_counts(rows) -> dict[str, dict[str, int]]:
    """shaping.add_counts of the rows' counts, as plain column sums when every row holds exactly the
    labels of every dimension (as the counts here do)."""
    rows = list(rows)
    try:
        flat = [flat_counts(r.counts) for r in rows]
    except KeyError:
        flat = None
    if flat is None or any(len(r.counts) != len(_SPANS) or sum(map(len, r.counts.values())) != _WIDTH for r in rows):
        return shaping.add_counts(r.counts for r in rows)
    return counts_of_flat([sum(column) for column in zip(*flat)] if flat else [0] * _WIDTH)


def _sizes(structure: MemberStructure) -> dict[str, int]:
    return {row.key: row.members for row in structure.villages}


# -- the other statistics (built in services/district_figures.py) ---------------------------------

def training(ctx: Context, flt: StatsFilter) -> TrainingSummary:
    """期数, 人次 and hours per village and month; members under the 32 h / 56 h floors."""
    return training_summary(ctx, flt.scope(), _village_rows(ctx, flt), _sizes(member_structure(ctx, flt)))


def meeting_compliance(ctx: Context, flt: StatsFilter) -> ComplianceSummary:
    """三会一课 (and every type with a required frequency) held against required, per branch."""
    return compliance_summary(ctx, flt.scope(), _village_rows(ctx, flt))


def stars(ctx: Context, flt: StatsFilter) -> StarsSummary:
    """Villages at each star level, and the 软弱涣散 warnings with the indicators behind them."""
    prepare(ctx, flt)
    return stars_summary(ctx, flt.scope(), _village_rows(ctx, flt))


def points(ctx: Context, flt: StatsFilter) -> PointsSummary:
    """先锋党员 candidates and members graded 不合格 in the points cycle named by the year."""
    return points_summary(ctx, flt.scope(), _village_rows(ctx, flt), _sizes(member_structure(ctx, flt)))


def village_indicators(ctx: Context, flt: StatsFilter) -> IndicatorsSummary:
    """Collective-economy income and service-centre area against the district's targets."""
    return indicators_summary(ctx, flt.scope(), _village_rows(ctx, flt), district_targets(ctx))


@dataclass(frozen=True)
class DashboardData:
    filter: StatsFilter
    structure: MemberStructure
    training: TrainingSummary
    compliance: ComplianceSummary
    stars: StarsSummary
    points: PointsSummary
    indicators: IndicatorsSummary


def dashboard(ctx: Context, flt: StatsFilter, progress: Progress | None = None, *, cached: bool = True,
              page: int | None = None) -> DashboardData:
    """Every statistic of the dashboard for one filter (a background job in the GUI).

    Cached (the default): read from the figures each village keeps per year (services/dashboard_cache.py),
    computing only those of villages changed since; `page` rows of each long list (under the floor,
    先锋党员, 不合格) instead of all of them (their counts are whole; `listed_members` pages on).
    `cached=False` computes everything from the tables: the reference the cache is tested against."""
    if ctx.role != "district":
        raise DangjianError("全区概况只能在区级数据库中查看")
    if cached:
        from dangjian_desktop.services import dashboard_cache

        return dashboard_cache.dashboard(ctx, flt, progress, page=page)
    return computed(ctx, flt, flt.scope(), _village_rows(ctx, flt), progress)


def computed(ctx: Context, flt: StatsFilter, scope: Scope, villages: list[VillageRef],
             progress: Progress | None = None) -> DashboardData:
    """Every statistic of `villages` (the villages of `scope`) from the tables; the villages' members
    and the meetings held are read once for all of them."""
    prepare(ctx, flt, scope)
    held = _held_by_unit(ctx, scope)
    structure = _structure(ctx, flt, villages)
    sizes = _sizes(structure)
    steps = (
        lambda: structure,
        lambda: training_summary(ctx, scope, villages, sizes),
        lambda: compliance_summary(ctx, scope, villages, held),
        lambda: stars_summary(ctx, scope, villages, held),
        lambda: points_summary(ctx, scope, villages, sizes),
        lambda: indicators_summary(ctx, scope, villages, district_targets(ctx)),
    )
    if progress is not None:
        progress.start(len(steps), "统计中")
    results = []
    for step in steps:
        results.append(step())
        if progress is not None:
            progress.step()
    return DashboardData(flt, *results)


def listed_members(ctx: Context, flt: StatsFilter, kind: str, *, offset: int = 0, limit: int = -1) -> list:
    """A long list behind a dashboard figure, a page at a time, in its order: 'below' (members under
    the study-hour floor: BelowFloorMember), 'vanguard' (先锋党员 candidates) or 'failing' (不合格;
    both MemberGrade)."""
    from dangjian_desktop.services import dashboard_cache

    return dashboard_cache.listed(ctx, flt, kind, offset=offset, limit=limit)


def red_flag_villages(ctx: Context, flt: StatsFilter, *, flag_type: str | None = None) -> list[dict]:
    """The 红旗村 flags in force in the filter's year and villages (one type, or all): dicts with the
    village (`name`, `village_uuid`), `town_name`, `flag_type`, `half` and `awarded_on`, by town and code."""
    in_scope = None if flt.town is None and flt.village is None else [v.org for v in _village_rows(ctx, flt)]
    rows = red_flag_queries.flags(ctx.store, year=flt.year, village_uuids=in_scope)
    return [r for r in rows if flag_type is None or r["flag_type"] == flag_type]


def members_of(ctx: Context, flt: StatsFilter, *, dimension: str | None = None, label: str | None = None,
               member_uuids: tuple[str, ...] | None = None, limit: int = 5000) -> list[dict]:
    """Roster members in scope behind a figure: those with `label` of `dimension` (e.g. ('age',
    '60岁以上')), or the given uuids. Plain dicts with the village and town names, at most `limit`."""
    as_of = _as_of(ctx, flt.year)
    rows = sql.members_in_scope(ctx.store, flt.scope(), limit=1_000_000 if dimension or member_uuids else limit)
    if member_uuids is not None:
        wanted = set(member_uuids)
        rows = [r for r in rows if r["uuid"] in wanted]
    if dimension is not None:
        rows = [r for r in rows if shaping.member_label(r, dimension, as_of) == label]
    return rows[:limit]
