"""A village at a glance: the figures the CLI's `info` prints and the GUI's home page shows."""

from __future__ import annotations

from dangjian_desktop.core.meetings import overdue
from dangjian_desktop.services import meetings
from dangjian_desktop.services.context import Context
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
