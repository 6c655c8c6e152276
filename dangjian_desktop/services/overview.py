"""A village at a glance: the figures the CLI's `info` prints (`overview`) and the GUI's home page
shows (`home_summary`).

`home_summary` runs at every start of the GUI before the window is usable, so it imports only the
rules it applies (no other service module: they bring the write paths, pinyin and the star
criteria) and reads each table once. tests/test_startup_imports.py holds it to the same figures
as the services the other pages use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.core.meetings import ComplianceRow, TrainingStats, compliance, overdue, training_stats
from dangjian_desktop.core.members import is_leader, is_on_roster
from dangjian_desktop.core.periods import cycle_year
from dangjian_desktop.core.points import member_star, rank
from dangjian_desktop.core.weak import WeakIndicator, weak_indicators
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import queries
from dangjian_desktop.store.points_sql import score_totals


def overview(ctx: Context) -> dict[str, str]:
    from dangjian_desktop.services import meetings  # the CLI's `info` only: not at the GUI's start

    org = ctx.org
    roster = queries.members(ctx.store, ctx.org_uuid, roster_only=True)
    full = sum(m["category"] == "正式党员" for m in roster)
    flowing = sum(bool(m["flowing"]) for m in roster)
    lost = sum(bool(m["lost_contact"]) for m in roster)
    year = ctx.today.year
    held = meetings.list_meetings(ctx, year=year)
    training = meetings.training_stats(ctx, year=year)
    missing = overdue(meetings.compliance(ctx, year=year))
    return {
        "党组织": f"{org['name']}（{org['code']}）",
        "角色": "村级" if ctx.role == "village" else (ctx.role or "未初始化"),
        "积分细则": f"{ctx.rulebook.name} {ctx.rulebook.version}",
        "星级评定标准": f"{ctx.criteria.name} {ctx.criteria.version}",
        "在册党员": f"{len(roster)} 人（正式 {full}，预备 {len(roster) - full}，流动 {flowing}，失联 {lost}）",
        f"{year} 年会议": f"{len(held)} 次",
        f"{year} 年培训": f"{training.sessions} 期，{training.attendances} 人次，"
                         f"{len(training.below_floor)} 人学时未达标",
        f"{year} 年未按期召开": f"{len(missing)} 项" if missing else "无",
    }


# -- the home page (首页) ------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberCounts:
    roster: int  # 在册党员: full and probationary members on the roster
    full: int
    probationary: int
    flowing: int
    lost_contact: int


@dataclass(frozen=True)
class MeetingPeriod:
    """One meeting type in its current period: this month, this quarter or this year."""

    type_code: str
    type_name: str
    frequency: str  # 'month' | 'quarter' | 'year'
    period_key: str  # '2026-11' | '2026-Q4' | '2026'
    held: int
    required: int
    status: str  # 'ok' | 'due' (not yet met, the period is still running)


@dataclass(frozen=True)
class TrainingYear:
    year: int
    sessions: int  # 期数
    attendances: int  # 人次
    total_hours: float  # hours earned by all attendances
    member_floor: float
    leader_floor: float


@dataclass(frozen=True)
class BelowFloor:
    member_uuid: str
    name: str
    hours: float
    floor: float


@dataclass(frozen=True)
class LostContact:
    member_uuid: str
    name: str
    since: date | None


@dataclass(frozen=True)
class Leader:
    """One of the points leaders, ranked as `services.points.member_scores` ranks the whole roster."""

    rank: int
    member_uuid: str
    name: str
    total_x100: int
    stars: int


@dataclass(frozen=True)
class HomeSummary:
    org_name: str
    org_code: str
    today: date
    cycle: int  # the points cycle the leaders are ranked in
    members: MemberCounts
    meetings: tuple[MeetingPeriod, ...]
    training: TrainingYear
    leaders: tuple[Leader, ...]  # top 10 of the cycle so far
    overdue: tuple[ComplianceRow, ...]  # periods of this year that ended without the required meetings
    below_floor: tuple[BelowFloor, ...]  # study hours this year still under the yearly floor
    lost_contact: tuple[LostContact, ...]
    weak: tuple[WeakIndicator, ...]  # 软弱涣散 indicators

    @property
    def warning_count(self) -> int:
        return len(self.overdue) + bool(self.below_floor) + bool(self.lost_contact) + len(self.weak)


LEADERS_SHOWN = 10


def home_summary(ctx: Context) -> HomeSummary:
    """Everything the home page shows, gathered in one call.

    Each thing is read once: the village's members serve the counts, the training figures, the
    leaders and the warnings; the year's meetings serve compliance and training; study hours come
    from the 出席 rows of training sessions only.
    """
    org, today = ctx.org, ctx.today
    everyone = queries.members(ctx.store, ctx.org_uuid)  # in roster order, those who left too
    roster = [m for m in everyone if is_on_roster(m)]
    names = {m["uuid"]: m["name"] for m in roster}
    held = queries.meetings_held(ctx.store, ctx.org_uuid, f"{today.year}-01-01", f"{today.year}-12-31")
    rows = compliance([(m["type_code"], date.fromisoformat(m["held_on"])) for m in held], ctx.meeting_types,
                      year=today.year, today=today)
    current = tuple(
        MeetingPeriod(r.type_code, r.type_name, ctx.meeting_types.get(r.type_code).frequency, r.period_key,
                      r.held, r.required, r.status)
        for r in rows if r.period_start <= today <= r.period_end)
    training = _training_stats(ctx, held, roster)
    floors = ctx.meeting_types.floors
    below = tuple(sorted((BelowFloor(uuid, names.get(uuid, ""), hours, floor)
                          for uuid, hours, floor in training.below_floor), key=lambda b: b.hours))
    lost = tuple(LostContact(m["uuid"], m["name"], date.fromisoformat(m["lost_contact_on"]) if m["lost_contact_on"] else None)
                 for m in roster if m["lost_contact"])
    cycle = cycle_year(today, ctx.rulebook.cycle_start_month)
    return HomeSummary(
        org_name=org["name"], org_code=org["code"] or "", today=today, cycle=cycle,
        members=MemberCounts(
            roster=len(roster), full=sum(m["category"] == "正式党员" for m in roster),
            probationary=sum(m["category"] == "预备党员" for m in roster),
            flowing=sum(bool(m["flowing"]) for m in roster), lost_contact=len(lost)),
        meetings=current,
        training=TrainingYear(today.year, training.sessions, training.attendances, training.total_hours,
                              floors.member, floors.leader),
        leaders=_leaders(ctx, cycle, names),
        overdue=tuple(overdue(rows)),
        below_floor=below,
        lost_contact=lost,
        weak=tuple(_weak(ctx, rows, roster, everyone)),
    )


def _training_stats(ctx: Context, held: list[dict], roster: list[dict]) -> TrainingStats:
    """This year's 期数, 人次 and study hours, as `services.meetings.training_stats` counts them."""
    types, year = ctx.meeting_types, ctx.today.year
    sessions = [(m["uuid"], m["hours"]) for m in held if types.get(m["type_code"]).training]
    present = queries.presence_in_range(ctx.store, ctx.org_uuid, f"{year}-01-01", f"{year}-12-31",
                                        [code for code, mtype in types.types.items() if mtype.training])
    return training_stats(sessions, [(r["meeting_uuid"], r["member_uuid"], r["status"]) for r in present],
                          [(m["uuid"], is_leader(m["party_post"])) for m in roster], types.floors)


def _leaders(ctx: Context, cycle: int, names: dict[str, str]) -> tuple[Leader, ...]:
    """The top of the cycle's ranking, as `services.points.member_scores` ranks the roster."""
    rulebook = ctx.rulebook
    totals = score_totals(ctx.store, rulebook, cycle_year=cycle, org=ctx.org_uuid)
    ranking = rank({row.member_uuid: row.total_x100 for row in totals})[:LEADERS_SHOWN]
    return tuple(Leader(position, uuid, names[uuid], total, member_star(total, rulebook))
                 for position, uuid, total in ranking)


def _weak(ctx: Context, rows: list[ComplianceRow], roster: list[dict], everyone: list[dict]) -> list[WeakIndicator]:
    """The 软弱涣散 indicators, as `services.stars.weak_warnings` finds them."""
    vacant_since = None
    if not any(m["party_post"] == "书记" for m in roster):
        left = [m["status_changed_on"] for m in everyone if m["party_post"] == "书记" and m["status_changed_on"]]
        vacant_since = date.fromisoformat(max(left)) if left else date.fromisoformat(ctx.org["updated_at"][:10])
    if any(m["category"] == "发展对象" and m["status"] == "在册" for m in everyone):
        last_target = ctx.today
    else:
        last = queries.last_status_change(ctx.store, ctx.org_uuid, "发展对象")
        last_target = date.fromisoformat(last) if last else None
    return weak_indicators(today=ctx.today, secretary_vacant_since=vacant_since, compliance_rows=rows,
                           last_development_target_on=last_target)
