"""Use cases for the points ledger (党员积分). The ledger is append-only; totals are derived."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dangjian_desktop.core import points as rules
from dangjian_desktop.core.members import is_on_roster
from dangjian_desktop.core.periods import Period, cycle_bounds, cycle_year, parse_period, period_bounds
from dangjian_desktop.errors import NotFoundError, ValidationError
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import get_member
from dangjian_desktop.store import ledger_queries, queries
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


@dataclass(frozen=True)
class PlannedEntry:
    """One entry `record_points` would post: what the ledger holds and how much of it still counts."""

    member_uuid: str
    member_name: str
    points_x100: int
    counted_x100: int
    note: str | None = None


@dataclass(frozen=True)
class RecordPreview:
    entries: tuple[PlannedEntry, ...]
    problems: tuple[str, ...]  # any problem blocks saving; the same ones `record_points` raises

    @property
    def total_x100(self) -> int:
        return sum(entry.points_x100 for entry in self.entries)


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


def record_problems(ctx: Context, *, members: list[dict], item_code: str, occurred_on: date, count: int) -> list[str]:
    """Why these members cannot get this item now (empty: they can); `record_points` refuses the same."""
    problems = []
    if occurred_on > ctx.today:
        problems.append("发生日期不能晚于今天")
    if not 1 <= count <= 100:
        problems.append("次数应在 1 到 100 之间")
    if not members:
        problems.append("请至少选择一名党员")
    for member in members:
        if not is_on_roster(member):
            problems.append(f"{member['name']}不在党员名册中（{member['status']}），不能记分")
        reason = exemption(ctx, member, item_code)
        if reason:
            problems.append(reason)
    return problems


def record_points(ctx: Context, *, member_uuids: list[str], item_code: str, occurred_on: date,
                  count: int = 1, note: str | None = None) -> Changes:
    """Record one rulebook item for one member or many at once."""
    ctx.require("points.record")
    ctx.require_village()
    item = ctx.rulebook.items.get(item_code)
    if item is None:
        raise ValidationError(f"积分细则中没有编号为“{item_code}”的项目", "item_code")
    members = [get_member(ctx, uuid) for uuid in member_uuids]
    problems = record_problems(ctx, members=members, item_code=item_code, occurred_on=occurred_on, count=count)
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


_NO_REASON = "冲销必须写明原因"


def _entry(ctx: Context, entry_uuid: str) -> dict:
    entry = queries.ledger_entry(ctx.store, entry_uuid)
    if entry is None or entry["org"] != ctx.org_uuid:
        raise NotFoundError("积分记录", entry_uuid)
    return entry


def reversal_problems(ctx: Context, *, entry_uuid: str, reason: str | None) -> list[str]:
    """Why this entry cannot be reversed with this reason (empty: it can); the entry must exist."""
    entry = _entry(ctx, entry_uuid)
    problems = []
    if entry["reversed"]:
        problems.append("这条记录已经冲销过了")
    if entry["reverses_uuid"]:
        problems.append("冲销记录本身不能再冲销；如需恢复，请重新记分")
    if not (reason or "").strip():
        problems.append(_NO_REASON)
    return problems


def reverse_entry(ctx: Context, *, entry_uuid: str, reason: str, source: str = "reversal") -> str:
    """Cancel an entry by a new one of the opposite sign; the original stays in the ledger."""
    ctx.require("points.record")
    entry = _entry(ctx, entry_uuid)
    problems = reversal_problems(ctx, entry_uuid=entry_uuid, reason=reason)
    if problems:
        raise ValidationError(problems[0], "reason" if problems[0] == _NO_REASON else "")
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


# -- for the points page ----------------------------------------------------------------------


def reverse_points(ctx: Context, *, entry_uuid: str, reason: str) -> Changes:
    """`reverse_entry` for a page: the new reversal entry as `Changes`."""
    ctx.require("points.record")
    uuid = reverse_entry(ctx, entry_uuid=entry_uuid, reason=reason)
    return Changes(frozenset({"points_ledger"}), (entry_uuid, uuid))


def exempt_members(ctx: Context, *, item_code: str) -> dict[str, str]:
    """Roster members whose class spares them this item, with the reason."""
    out = {}
    for member in queries.members(ctx.store, ctx.org_uuid, roster_only=True):
        reason = exemption(ctx, member, item_code)
        if reason:
            out[member["uuid"]] = reason
    return out


def _counted(ctx: Context, item, member_uuid: str, entries: list[dict], occurred_on: date,
             points: int) -> tuple[int, str | None]:
    """How much of `points` still counts after the item's cap and the yearly bonus cap, and why not all."""
    rulebook, counted, note = ctx.rulebook, points, None
    room = rules.remaining_cap(entries, rulebook, item.code, occurred_on)
    if room is not None and abs(points) > max(0, room):
        room = max(0, room)
        counted = room if item.is_bonus else -room
        note = ("本项目本期已达上限，记入台账但不再计分" if room == 0
                else f"本项目接近上限，只计 {rules.format_points(counted)} 分")
    if item.is_bonus and counted > 0:
        left = rules.remaining_bonus_cap(entries, rulebook, member_uuid, occurred_on)
        if left is not None and counted > left:
            counted = left
            note = (f"全年加分接近上限，只计 {rules.format_points(counted)} 分" if left
                    else "全年加分已达上限，不再计分")
    return counted, note


def preview_record(ctx: Context, *, member_uuids: list[str], item_code: str, occurred_on: date,
                   count: int = 1) -> RecordPreview:
    """What `record_points` would post, member by member, before anything is saved."""
    item = ctx.rulebook.item(item_code)
    members = [get_member(ctx, uuid) for uuid in member_uuids]
    problems = record_problems(ctx, members=members, item_code=item_code, occurred_on=occurred_on, count=count)
    by_member: dict[str, list[dict]] = defaultdict(list)
    if members:
        cycle = cycle_year(occurred_on, ctx.rulebook.cycle_start_month)
        for entry in queries.ledger_entries_for_scoring(ctx.store, cycle_year=cycle, member_uuids=member_uuids):
            by_member[entry["member_uuid"]].append(entry)
    points = item.points_x100 * max(count, 0)
    planned = []
    for member in members:
        counted, note = _counted(ctx, item, member["uuid"], by_member[member["uuid"]], occurred_on, points)
        planned.append(PlannedEntry(member["uuid"], member["name"], points, counted, note))
    return RecordPreview(tuple(planned), tuple(problems))


def list_ledger(ctx: Context, *, start: date | None = None, end: date | None = None,
                member_uuid: str | None = None) -> list[dict]:
    """Ledger entries with their member, item name, category and reversal marks, newest first."""
    items = ctx.rulebook.items
    rows = ledger_queries.ledger_rows(ctx.store, ctx.org_uuid, start=start.isoformat() if start else None,
                                      end=end.isoformat() if end else None, member_uuid=member_uuid)
    for row in rows:
        item = items.get(row["item_code"])
        # Entries posted under an older rulebook may name an item this one no longer has.
        row["item_name"] = item.name if item else row["item_code"]
        row["category"] = item.category if item else None
    return rows


def score_periods(ctx: Context, *, kind: str) -> list[Period]:
    """Months, quarters or cycles ('month' | 'quarter' | 'year') from the first entry to today, newest first."""
    start_month = ctx.rulebook.cycle_start_month
    current = cycle_year(ctx.today, start_month)
    first = min(ledger_queries.first_ledger_cycle(ctx.store, ctx.org_uuid) or current, current)
    keys: list[str] = []
    for cycle in range(current, first - 1, -1):
        if kind == "year":
            keys.append(f"{cycle:04d}")
        elif kind == "quarter":
            keys += [f"{cycle:04d}-Q{q}" for q in (4, 3, 2, 1)]
        elif kind == "month":
            start, _ = cycle_bounds(cycle, start_month)
            months = [(start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1) for n in range(12)]
            keys += [f"{y:04d}-{m:02d}" for y, m in reversed(months)]
        else:
            raise ValidationError(f"未知的期间类型“{kind}”，应为 month、quarter 或 year", "kind")
    periods = [parse_period(key, start_month) for key in keys]
    return [period for period in periods if period.start <= ctx.today]


def excellent_quota(ctx: Context, *, member_count: int) -> int:
    """Most members that may be graded 优秀 under the rulebook in force."""
    return rules.excellent_quota(member_count, ctx.rulebook)
