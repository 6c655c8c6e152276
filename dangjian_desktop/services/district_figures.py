"""The district's training, compliance, star, points and indicator figures (the member structure is
in services/district_stats.py, the public face of both). Each builder runs the store's aggregates
for a scope and shapes them, with the core rules, into plain frozen dataclasses. The builders that
read members expect the scope's roster prepared (services.district_stats.prepare)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from dangjian_desktop.core import district_stats as shaping
from dangjian_desktop.core.district_stats import DistrictTargets, VillageRef
from dangjian_desktop.core.meetings import period_key
from dangjian_desktop.core.members import is_leader
from dangjian_desktop.core.stars import WeakIndicator, add_months, weak_indicators
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import district_roster as roster
from dangjian_desktop.store import district_stats as sql
from dangjian_desktop.store import red_flag_queries as red_flags
from dangjian_desktop.store.district_stats import Scope
from dangjian_desktop.services.district_points import MemberGrade, PointsSummary, points_summary  # noqa: F401


# -- training ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingRow:
    org: str
    code: str
    name: str
    town_name: str
    sessions: int  # 期数
    attendances: int  # 人次
    hours: float  # hours earned by all attendances
    members: int  # on the roster
    below_floor: int  # members under their floor


@dataclass(frozen=True)
class MonthRow:
    month: int  # 1–12
    sessions: int
    attendances: int
    hours: float


@dataclass(frozen=True)
class BelowFloorMember:
    member_uuid: str
    name: str
    village_org: str
    village_name: str
    town_name: str
    party_post: str | None
    hours: float
    floor: float  # 32 for members, 56 for secretaries and committee members (from the types file)


@dataclass(frozen=True)
class TrainingSummary:
    year: int
    member_floor: float
    leader_floor: float
    sessions: int
    attendances: int
    hours: float
    villages: tuple[TrainingRow, ...]
    months: tuple[MonthRow, ...]  # all twelve, the scope's totals
    village_months: tuple[tuple[str, int, int, int, float], ...]  # (org, month, sessions, 人次, hours), held only
    below_floor: tuple[BelowFloorMember, ...]  # fewest hours first (on the dashboard: the first page)
    below_floor_count: int = 0  # all of them, also when `below_floor` holds only the first page


def training_summary(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
                     sizes: dict[str, int]) -> TrainingSummary:
    """`sizes`: village → members on the roster (from the member structure)."""
    floors = ctx.meeting_types.floors
    by_month = sql.training_by_village_month(ctx.store, scope)
    below_rows = roster.hours_below(ctx.store, member_floor=floors.member, leader_floor=floors.leader)
    refs = {v.org: v for v in villages}
    below = []
    for uuid, name, post, org, hours in below_rows:
        floor = floors.for_member(bool(post) and is_leader(post))
        ref = refs.get(org)
        if hours < floor and ref is not None:
            below.append(BelowFloorMember(uuid, name, org, ref.name, ref.town_name, post, round(hours, 2), floor))
    below.sort(key=lambda b: (b.hours, b.town_name, b.village_name, b.name))
    below_by_village: dict[str, int] = defaultdict(int)
    for b in below:
        below_by_village[b.village_org] += 1
    per_village: dict[str, list] = defaultdict(lambda: [0, 0, 0.0])
    months = {m: [0, 0, 0.0] for m in range(1, 13)}
    village_months = []
    for org, month, sessions, present, hours in by_month:
        present, hours = int(present or 0), float(hours or 0)
        village_months.append((org, month, sessions, present, round(hours, 2)))
        for acc in (per_village[org], months[month]):
            acc[0] += sessions
            acc[1] += present
            acc[2] += hours
    rows = tuple(TrainingRow(v.org, v.code, v.name, v.town_name, per_village[v.org][0], per_village[v.org][1],
                             round(per_village[v.org][2], 2), sizes.get(v.org, 0), below_by_village[v.org])
                 for v in villages)
    return TrainingSummary(
        year=scope.year, member_floor=floors.member, leader_floor=floors.leader,
        sessions=sum(r.sessions for r in rows), attendances=sum(r.attendances for r in rows),
        hours=round(sum(r.hours for r in rows), 2), villages=rows,
        months=tuple(MonthRow(m, a[0], a[1], round(a[2], 2)) for m, a in months.items()),
        village_months=tuple(sorted(village_months)), below_floor=tuple(below), below_floor_count=len(below))


# -- meeting compliance --------------------------------------------------------------------------

@dataclass(frozen=True)
class BranchCompliance:
    village_org: str
    village_name: str
    town_name: str
    branch_uuid: str  # the village org itself when the meetings are the village's own
    branch_name: str
    by_type: dict[str, tuple[int, int]]  # type_code → (periods met, periods judged so far)
    missing: tuple[str, ...]  # '支委会 2026-03' …: periods that ended without the required meetings

    @property
    def met(self) -> int:
        return sum(m for m, _ in self.by_type.values())

    @property
    def judged(self) -> int:
        return sum(j for _, j in self.by_type.values())

    @property
    def rate(self) -> float | None:
        return self.met / self.judged if self.judged else None


@dataclass(frozen=True)
class ComplianceSummary:
    year: int
    types: tuple[tuple[str, str], ...]  # (code, name) of the types with a required frequency
    rows: tuple[BranchCompliance, ...]  # worst rate first

    @cached_property
    def _totals(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for row in self.rows:
            for code, (met, judged) in row.by_type.items():
                m, j = out.get(code, (0, 0))
                out[code] = (m + met, j + judged)
        return out

    def type_totals(self) -> dict[str, tuple[int, int]]:
        """type_code → (periods met, periods judged) over every branch; summed once (8 000 branches)."""
        return dict(self._totals)

    @property
    def met(self) -> int:
        return sum(m for m, _ in self._totals.values())

    @property
    def judged(self) -> int:
        return sum(j for _, j in self._totals.values())


def _month_keys(frequency: str, year: int) -> dict[str, str]:
    """'MM' → the period key of that month of `year`, as core.meetings.period_key names it."""
    return {f"{m:02d}": period_key(frequency, date(year, m, 1)) for m in range(1, 13)}


def _held_by_unit(ctx: Context, scope: Scope) -> tuple[dict, dict, dict]:
    """(village, branch) → {(type, period): n}, village → the same summed over its branches, and a
    memo of judgements (see _judge)."""
    frequencies = {t.code: t.frequency for t in ctx.meeting_types.types.values() if t.frequency}
    by_branch: dict[tuple[str, str], dict] = defaultdict(dict)
    by_village: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    months = {code: _month_keys(freq, scope.year) for code, freq in frequencies.items()}
    for org, branch, code, held_on in sql.meetings_held(ctx.store, scope, type_codes=list(frequencies)):
        key = months[code][held_on[5:7]]
        unit = by_branch[(org, branch)]
        unit[(code, key)] = unit.get((code, key), 0) + 1
        by_village[org][(code, key)] += 1
    for org in list(by_village):  # a village whose meetings are all its own: one count, one judgement
        if by_branch.get((org, org)) == by_village[org]:
            by_village[org] = by_branch[(org, org)]
    return by_branch, by_village, {}


_NONE_HELD: dict = {}


def _judge(held: tuple, specs, counts: dict, today: date) -> shaping.UnitCompliance:
    """unit_compliance, judged once per count table of this `held` (compliance and the warnings
    share a village's); the memo lives in `held`, with the count tables it is keyed by."""
    memo = held[2]
    key = (id(counts), today)
    if key not in memo:
        memo[key] = shaping.unit_compliance(specs, counts, today=today)
    return memo[key]


def compliance_summary(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
                       held: tuple[dict, dict, dict] | None = None) -> ComplianceSummary:
    """Every village is a unit (silence shows as missing); so is each branch with meetings of its own."""
    today = ctx.today
    specs = shaping.period_specs(ctx.meeting_types, year=scope.year, today=today)
    held = held or _held_by_unit(ctx, scope)
    by_branch = held[0]
    names = sql.org_names(ctx.store, scope)
    units = {(v.org, v.org): v for v in villages}
    refs = {v.org: v for v in villages}
    for org, branch in by_branch:
        if org in refs:
            units.setdefault((org, branch), refs[org])
    rows = []
    for (org, branch), ref in units.items():
        result = _judge(held, specs, by_branch.get((org, branch), _NONE_HELD), today)
        rows.append(BranchCompliance(org, ref.name, ref.town_name, branch, names.get(branch, ref.name),
                                     result.by_type, tuple(f"{r.type_name} {r.period_key}" for r in result.missing)))
    rows.sort(key=lambda r: (r.rate if r.rate is not None else 2, r.town_name, r.village_name, r.branch_name))
    types = tuple((t.code, t.name) for t in ctx.meeting_types.types.values() if t.frequency)
    return ComplianceSummary(scope.year, types, tuple(rows))


# -- stars and 软弱涣散 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class VillageStar:
    org: str
    code: str
    name: str
    town_name: str
    state: str | None  # self-assessment: 'submitted' | 'draft' | None (none this year)
    score: float | None  # the self-assessed score
    self_level: int | None  # the self-assessed level (0: vetoed or below the lowest level)
    stage: str | None  # latest review stage: 'town' | 'district' | 'publicity' | 'award' | None
    star_level: int | None  # the level now: the latest review's, else the submitted self-assessment's
    vetoed: bool

    @property
    def awarded(self) -> bool:
        return self.stage == "award"


@dataclass(frozen=True)
class WeakVillage:
    org: str
    code: str
    name: str
    town_name: str
    indicators: tuple[WeakIndicator, ...]


@dataclass(frozen=True)
class StarsSummary:
    year: int
    levels: tuple[tuple[int, str, int], ...]  # (stars 5…1 then 0, label '★★★★★' … '后进', villages at it now)
    awarded: tuple[tuple[int, int], ...]  # (stars 5…0, villages awarded (命名) that level this year)
    vetoed: int  # of the level-0 villages, those vetoed (一票否决)
    not_submitted: int  # villages without a submitted self-assessment
    villages: tuple[VillageStar, ...]
    weak: tuple[WeakVillage, ...]  # villages with at least one 软弱涣散 indicator, most first
    red_flags: tuple[tuple[str, int], ...] = ()  # (红旗村 flag type, villages holding it this year)
    red_flag_villages: int = 0  # villages holding at least one flag this year (红旗村)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def stars_summary(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
                  held: tuple[dict, dict, dict] | None = None) -> StarsSummary:
    return stars_from(ctx, scope, villages, weak_villages(ctx, scope, villages, held))


def stars_from(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
               weak: Sequence[WeakVillage]) -> StarsSummary:
    """The star levels (read now: a few rows a village) with the 软弱涣散 warnings given and the 红旗村."""
    criteria = ctx.criteria
    assessed = {row[0]: row[1:] for row in sql.star_assessments(ctx.store, scope)}
    stars_rows = []
    for v in villages:
        state, score, self_level, self_vetoed, stage, level, vetoed = assessed.get(v.org, (None,) * 7)
        if stage is None or level is None:
            level, vetoed = (self_level, self_vetoed) if state == "submitted" else (None, False)
        stars_rows.append(VillageStar(v.org, v.code, v.name, v.town_name, state, score, self_level, stage,
                                      level, bool(vetoed)))
    rated = [r for r in stars_rows if r.star_level is not None]
    levels = tuple((n, "★" * n if n else criteria.below_label, sum(r.star_level == n for r in rated))
                   for n in range(5, -1, -1))
    awarded = tuple((n, sum(r.awarded and r.star_level == n for r in rated)) for n in range(5, -1, -1))
    in_scope = None if scope.town is None and scope.village is None and scope.orgs is None else [v.org for v in villages]
    flags = red_flags.red_flag_counts(ctx.store, scope.year, in_scope)
    return StarsSummary(scope.year, levels, awarded, sum(r.vetoed for r in rated if r.star_level == 0),
                        sum(r.state != "submitted" for r in stars_rows), tuple(stars_rows), tuple(weak),
                        tuple(sorted(flags.items())), red_flags.red_flag_village_count(ctx.store, scope.year, in_scope))


#: The 软弱涣散 thresholds the district applies (core.weak.weak_indicators).
VACANCY_MONTHS, DEVELOPMENT_GAP_YEARS = 3, 2


def weak_turns(ctx: Context, villages: Sequence[VillageRef], year: int) -> dict[str, date]:
    """village → the next day after the year's as-of day on which its secretary-vacancy or
    development indicator turns on (as weak_villages judges them, from the prepared roster)."""
    as_of = min(date(year, 12, 31), ctx.today)
    leadership = {row[0]: row[1:] for row in roster.leadership(ctx.store)}
    updated = sql.village_updated_at(ctx.store)
    out = {}
    for v in villages:
        has_secretary, secretary_left, has_target, last_joined = leadership.get(v.org, (0, None, 0, None))
        days = []
        since = None if has_secretary else (_date(secretary_left) or _date(updated.get(v.org)))
        if since is not None:  # `today > add_months(since, 3)`
            days.append(add_months(since, VACANCY_MONTHS) + timedelta(days=1))
        if not has_target and _date(last_joined) is not None:  # `add_months(last, 24) <= today`
            days.append(add_months(_date(last_joined), 12 * DEVELOPMENT_GAP_YEARS))
        days = [d for d in days if d > as_of]
        if days:
            out[v.org] = min(days)
    return out


def weak_villages(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
                  held: tuple[dict, dict, dict] | None = None) -> tuple[WeakVillage, ...]:
    """软弱涣散: the village's meetings this year (or the year asked), its secretary and its 发展对象;
    villages with at least one indicator, most first."""
    as_of = min(date(scope.year, 12, 31), ctx.today)
    held = held or _held_by_unit(ctx, scope)
    by_village = held[1]
    specs = shaping.period_specs(ctx.meeting_types, year=scope.year, today=as_of)
    leadership = {row[0]: row[1:] for row in roster.leadership(ctx.store)}
    updated = sql.village_updated_at(ctx.store)
    weak = []
    for v in villages:
        has_secretary, secretary_left, has_target, last_joined = leadership.get(v.org, (0, None, 0, None))
        updated_at = updated.get(v.org)
        vacant_since = None if has_secretary else (_date(secretary_left) or _date(updated_at))
        # The district holds no audit trail: a 发展对象 on the roster now, or the latest member who
        # joined (every 预备党员 was a 发展对象 first), dates the village's last development.
        last_target = as_of if has_target else _date(last_joined)
        missing = _judge(held, specs, by_village.get(v.org, _NONE_HELD), as_of).missing
        found = weak_indicators(today=as_of, secretary_vacant_since=vacant_since, compliance_rows=missing,
                                last_development_target_on=last_target, vacancy_months=VACANCY_MONTHS,
                                development_gap_years=DEVELOPMENT_GAP_YEARS)
        if found:
            weak.append(WeakVillage(v.org, v.code, v.name, v.town_name, tuple(found)))
    weak.sort(key=lambda w: (-len(w.indicators), w.town_name, w.code))
    return tuple(weak)


# -- village indicators --------------------------------------------------------------------------

@dataclass(frozen=True)
class VillageIndicator:
    org: str
    code: str
    name: str
    town_name: str
    income: float | None  # 万元; None: not reported for the year
    area: float | None  # m²
    income_ok: bool | None  # at or above the target; None when not reported
    area_ok: bool | None


@dataclass(frozen=True)
class IndicatorsSummary:
    year: int
    targets: DistrictTargets
    villages: tuple[VillageIndicator, ...]
    income_bands: tuple[tuple[float, int], ...]  # (threshold, villages at or above it)

    @property
    def below_income(self) -> tuple[VillageIndicator, ...]:
        return tuple(v for v in self.villages if v.income_ok is False)

    @property
    def below_area(self) -> tuple[VillageIndicator, ...]:
        return tuple(v for v in self.villages if v.area_ok is False)

    @property
    def not_reported(self) -> tuple[VillageIndicator, ...]:
        return tuple(v for v in self.villages if v.income is None and v.area is None)


def indicators_summary(ctx: Context, scope: Scope, villages: Sequence[VillageRef],
                       targets: DistrictTargets) -> IndicatorsSummary:
    values = {org: (income, area) for org, income, area in sql.village_indicators(ctx.store, scope)}
    rows = []
    for v in villages:
        income, area = values.get(v.org, (None, None))
        rows.append(VillageIndicator(v.org, v.code, v.name, v.town_name, income, area,
                                     None if income is None else income >= targets.income_target,
                                     None if area is None else area >= targets.area_minimum))
    bands = tuple((t, sum(1 for r in rows if r.income is not None and r.income >= t))
                  for t in targets.income_thresholds)
    return IndicatorsSummary(scope.year, targets, tuple(rows), bands)
