"""Use cases for the points ledger (党员积分). The ledger is append-only; totals are derived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dangjian_desktop.core import points as rules
from dangjian_desktop.core.members import is_on_roster
from dangjian_desktop.core.periods import cycle_bounds, cycle_year, period_bounds
from dangjian_desktop.errors import NotFoundError, ValidationError
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import get_member
from dangjian_desktop.store import queries
from dangjian_desktop.store.points_sql import score_totals


@dataclass(frozen=True)
class MemberScore:
    rank: int
    member_uuid: str
    name: str
    branch_name: str
    group_name: str | None
    base_x100: int
    bonus_x100: int
    deduction_x100: int
    total_x100: int
    stars: int
    grade: str


def _ledger_row(ctx: Context, member: dict, item, occurred_on: date, points_x100: int, **extra) -> dict:
    return {
        "member_uuid": member["uuid"],
        "rulebook_uuid": ctx.rulebook_uuid,
        "cycle_year": cycle_year(occurred_on, ctx.rulebook.cycle_start_month),
        "occurred_on": occurred_on.isoformat(),
        "item_code": item.code,
        "points_x100": points_x100,
        "recorded_by": ctx.actor,
        **extra,
    }


def exemption(ctx: Context, member: dict, item_code: str) -> str | None:
    """Why this member's class exempts them from the item, or None."""
    member_class = ctx.rulebook.member_classes.get(member.get("member_class") or "")
    if member_class and item_code in member_class.exempt_items:
        return f"{member['name']}属于“{member_class.name}”，不参与“{ctx.rulebook.items[item_code].name}”"
    return None


def _cap_warning(ctx: Context, member: dict, item, occurred_on: date) -> str | None:
    if item.cap_x100 is None:
        return None
    entries = queries.ledger_entries_for_scoring(
        ctx.store, cycle_year=cycle_year(occurred_on, ctx.rulebook.cycle_start_month), member_uuids=[member["uuid"]])
    remaining = rules.remaining_cap(entries, ctx.rulebook, item.code, occurred_on)
    if remaining is not None and remaining <= 0:
        return f"{member['name']}的“{item.name}”本期已达上限，本条记入台账但不再计分"
    return None


def record_points(ctx: Context, *, member_uuids: list[str], item_code: str, occurred_on: date,
                  count: int = 1, note: str | None = None) -> Changes:
    """Record one rulebook item for one member or many at once."""
    ctx.require_village()
    item = ctx.rulebook.items.get(item_code)
    problems = []
    if item is None:
        raise ValidationError(f"积分细则中没有编号为“{item_code}”的项目", "item_code")
    if occurred_on > ctx.today:
        problems.append("发生日期不能晚于今天")
    if not 1 <= count <= 100:
        problems.append("次数应在 1 到 100 之间")
    if not member_uuids:
        problems.append("请至少选择一名党员")
    members = [get_member(ctx, uuid) for uuid in member_uuids]
    for member in members:
        if not is_on_roster(member):
            problems.append(f"{member['name']}不在党员名册中（{member['status']}），不能记分")
        reason = exemption(ctx, member, item_code)
        if reason:
            problems.append(reason)
    if problems:
        raise ValidationError("；".join(problems))
    warnings, uuids = [], []
    with ctx.store.atomic():
        for member in members:
            warning = _cap_warning(ctx, member, item, occurred_on)
            if warning:
                warnings.append(warning)
            row = ctx.store.insert(
                "points_ledger",
                _ledger_row(ctx, member, item, occurred_on, item.points_x100 * count, source="manual", reason=note),
                org=ctx.org_uuid, actor=ctx.actor,
                summary=f"记分：{member['name']} {item.name} {rules.format_points(item.points_x100 * count)}",
            )
            uuids.append(row["uuid"])
    return Changes(frozenset({"points_ledger"}), tuple(uuids), tuple(warnings))


def reverse_entry(ctx: Context, *, entry_uuid: str, reason: str, source: str = "reversal") -> str:
    """Cancel an entry by a new one of the opposite sign; the original stays in the ledger."""
    entry = queries.ledger_entry(ctx.store, entry_uuid)
    if entry is None or entry["org"] != ctx.org_uuid:
        raise NotFoundError("积分记录", entry_uuid)
    if not (reason or "").strip():
        raise ValidationError("冲销必须写明原因", "reason")
    if entry["reversed"]:
        raise ValidationError("这条记录已经冲销过了")
    if entry["reverses_uuid"]:
        raise ValidationError("冲销记录本身不能再冲销；如需恢复，请重新记分")
    row = dict(
        member_uuid=entry["member_uuid"], rulebook_uuid=entry["rulebook_uuid"], cycle_year=entry["cycle_year"],
        occurred_on=entry["occurred_on"], item_code=entry["item_code"], points_x100=-entry["points_x100"],
        source="reversal", source_uuid=entry["source_uuid"], reverses_uuid=entry_uuid,
        reason=reason.strip(), recorded_by=ctx.actor,
    )
    return ctx.store.insert("points_ledger", row, org=ctx.org_uuid, actor=ctx.actor,
                            summary=f"冲销积分记录：{reason.strip()}")["uuid"]


def member_scores(ctx: Context, *, cycle: int | None = None, through: date | None = None) -> list[MemberScore]:
    """Every roster member's score in a cycle (up to `through`), ranked, with star and grade."""
    rulebook = ctx.rulebook
    if cycle is None:
        cycle = cycle_year(through or ctx.today, rulebook.cycle_start_month)
    totals = score_totals(ctx.store, rulebook, cycle_year=cycle, org=ctx.org_uuid,
                          through=through.isoformat() if through else None)
    by_uuid = {m["uuid"]: m for m in queries.members(ctx.store, ctx.org_uuid, roster_only=True)}
    by_total = {row.member_uuid: row for row in totals}
    ranking = rules.rank({uuid: row.total_x100 for uuid, row in by_total.items()})
    out = []
    for position, uuid, total in ranking:
        member, row = by_uuid[uuid], by_total[uuid]
        out.append(MemberScore(position, uuid, member["name"], member["branch_name"], member["group_name"],
                               row.base_x100, row.bonus_x100, row.deduction_x100, total,
                               rules.member_star(total, rulebook), rules.grade(total, rulebook)))
    return out


def period_scores(ctx: Context, *, period: str) -> tuple[date, date, list[MemberScore]]:
    """Scores at the end of a month, quarter or cycle ('2025-03', '2025-Q2', '2025')."""
    start, end = period_bounds(period, ctx.rulebook.cycle_start_month)
    cycle = cycle_year(start, ctx.rulebook.cycle_start_month)
    return start, end, member_scores(ctx, cycle=cycle, through=min(end, ctx.today))


def period_changes(ctx: Context, *, start: date, end: date) -> dict[str, int]:
    """Each member's net points earned between two dates within one cycle (caps applied)."""
    rulebook = ctx.rulebook
    cycle = cycle_year(start, rulebook.cycle_start_month)
    if cycle_bounds(cycle, rulebook.cycle_start_month)[1] < end:
        raise ValidationError("统计区间不能跨越积分周期")
    before = {r.member_uuid: r.total_x100 for r in score_totals(
        ctx.store, rulebook, cycle_year=cycle, org=ctx.org_uuid, through=(start - timedelta(days=1)).isoformat())}
    after = score_totals(ctx.store, rulebook, cycle_year=cycle, org=ctx.org_uuid, through=end.isoformat())
    return {r.member_uuid: r.total_x100 - before.get(r.member_uuid, r.base_x100) for r in after}


def member_ledger(ctx: Context, *, member_uuid: str, cycle: int | None = None) -> list[dict]:
    return queries.ledger(ctx.store, ctx.org_uuid, member_uuid=member_uuid, cycle_year=cycle)
