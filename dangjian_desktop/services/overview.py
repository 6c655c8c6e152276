"""A village at a glance: the figures the CLI's `info` prints (`overview`) and the GUI's home page
shows (`home_summary`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.core.meetings import ComplianceRow, overdue
from dangjian_desktop.core.periods import cycle_year
from dangjian_desktop.core.stars import WeakIndicator
from dangjian_desktop.services import meetings, points
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.points import MemberScore
from dangjian_desktop.services.stars import weak_warnings
from dangjian_desktop.store import queries


def overview(ctx: Context) -> dict[str, str]:
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
class HomeSummary:
    org_name: str
    org_code: str
    today: date
    cycle: int  # the points cycle the leaders are ranked in
    members: MemberCounts
    meetings: tuple[MeetingPeriod, ...]
    training: TrainingYear
    leaders: tuple[MemberScore, ...]  # top 10 of the cycle so far
    overdue: tuple[ComplianceRow, ...]  # periods of this year that ended without the required meetings
    below_floor: tuple[BelowFloor, ...]  # study hours this year still under the yearly floor
    lost_contact: tuple[LostContact, ...]
    weak: tuple[WeakIndicator, ...]  # 软弱涣散 indicators

    @property
    def warning_count(self) -> int:
        return len(self.overdue) + bool(self.below_floor) + bool(self.lost_contact) + len(self.weak)


LEADERS_SHOWN = 10


def home_summary(ctx: Context) -> HomeSummary:
    """Everything the home page shows, gathered in one call (a few queries on a village database)."""
    org, today = ctx.org, ctx.today
    roster = queries.members(ctx.store, ctx.org_uuid, roster_only=True)
    names = {m["uuid"]: m["name"] for m in roster}
    rows = meetings.compliance(ctx, year=today.year)
    current = tuple(
        MeetingPeriod(r.type_code, r.type_name, ctx.meeting_types.get(r.type_code).frequency, r.period_key,
                      r.held, r.required, r.status)
        for r in rows if r.period_start <= today <= r.period_end)
    training = meetings.training_stats(ctx, year=today.year)
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
        leaders=tuple(points.member_scores(ctx, cycle=cycle)[:LEADERS_SHOWN]),
        overdue=tuple(overdue(rows)),
        below_floor=below,
        lost_contact=lost,
        weak=tuple(weak_warnings(ctx, compliance_rows=rows, roster=roster)),
    )
