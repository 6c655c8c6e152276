"""Reference scoring of the points ledger (党员积分) — the specification a faster SQL version must match.

Scoring rule, for one member and one cycle (entries outside the cycle, or after `through`, are
ignored; a reversal is just an entry with the opposite sign):

1. Sum the member's entries per item and per cap period of that item (calendar month, cycle quarter
   or the whole cycle; an item without a cap has one period, the cycle).
2. Clip each sum: a bonus item to [0, cap] (no cap: [0, ∞)), a deduction item to [−cap, 0]
   (no cap: (−∞, 0]). The non-zero clipped sums per item are `Score.items`.
3. Each category part = max(0, category base + Σ clipped deductions of its items) — "扣完为止".
4. Bonus part = Σ clipped bonuses (of every category), then clipped to the yearly bonus cap.
5. total = Σ category parts + bonus part.

`Score.base_x100` is Σ category parts (after the floors); `Score.deduction_x100` is Σ clipped
deductions (after item caps, before the category floors, ≤ 0); `Score.bonus_x100` is the bonus part
after the yearly cap. So total = base_x100 + bonus_x100, and when no category is floored also
total = rulebook base total + deduction_x100 + bonus_x100.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from dangjian_desktop.core.periods import cycle_bounds, cycle_year as cycle_year_of, period_key
from dangjian_desktop.core.rulebook import Item, Rulebook, human_points
from dangjian_desktop.errors import ValidationError

PROBATION_ON_TIME = "按期转正"
PROBATION_EXTEND = "延长预备期"
PROBATION_FAIL = "取消预备党员资格"


@dataclass(frozen=True)
class Score:
    member_uuid: str
    base_x100: int
    bonus_x100: int
    deduction_x100: int
    total_x100: int
    categories: dict[str, int] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Entry:
    member_uuid: str
    item_code: str
    occurred_on: date
    points_x100: int


def _get(entry: Any, name: str) -> Any:
    if isinstance(entry, Mapping):
        return entry[name]
    try:
        return getattr(entry, name)
    except AttributeError:
        return entry[name]  # database rows and other records keyed by column name


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValidationError(f"积分记录的日期无法识别：{value!r}", "occurred_on") from None


def _normalise(entry: Any) -> _Entry:
    points = _get(entry, "points_x100")
    if isinstance(points, bool) or not isinstance(points, int):
        raise ValidationError(f"积分记录的分值必须是以 0.01 分为单位的整数，而不是 {points!r}", "points_x100")
    return _Entry(str(_get(entry, "member_uuid")), _get(entry, "item_code"), _as_date(_get(entry, "occurred_on")), points)


def _clip(item: Item, total: int) -> int:
    if item.is_bonus:
        total = max(0, total)
        return total if item.cap_x100 is None else min(total, item.cap_x100)
    total = min(0, total)
    return total if item.cap_x100 is None else max(total, -item.cap_x100)


def _cap_key(item: Item, day: date, start_month: int) -> str:
    return "" if item.cap_x100 is None else period_key(day, start_month, item.cap_period)


def _score(member_uuid: str, entries: Iterable[_Entry], rulebook: Rulebook, start: date, end: date) -> Score:
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for entry in entries:
        if start <= entry.occurred_on <= end:
            item = rulebook.item(entry.item_code)
            sums[item.code, _cap_key(item, entry.occurred_on, rulebook.cycle_start_month)] += entry.points_x100
    items: dict[str, int] = defaultdict(int)
    for (code, _), total in sums.items():
        items[code] += _clip(rulebook.items[code], total)
    deductions: dict[str, int] = defaultdict(int)
    bonus = 0
    for code, total in items.items():
        item = rulebook.items[code]
        if item.is_bonus:
            bonus += total
        else:
            deductions[item.category] += total
    if rulebook.bonus_cap_x100 is not None:
        bonus = min(bonus, rulebook.bonus_cap_x100)
    categories = {c.code: max(0, c.base_x100 + deductions[c.code]) for c in rulebook.categories}
    base = sum(categories.values())
    counted = {code: total for code, total in items.items() if total}
    deduction = sum(deductions.values())
    return Score(member_uuid, base, bonus, deduction, base + bonus, categories, counted)


def score_members(
    entries: Iterable[Any],
    rulebook: Rulebook,
    *,
    cycle_year: int,
    members: Iterable[str],
    through: date | None = None,
) -> dict[str, Score]:
    """Each listed member's score in the cycle, counting entries up to `through` (inclusive).

    Entries of members not listed are ignored, and so are entries outside the window; an entry in
    the window whose item is not in the rulebook raises RuleError.
    """
    start, end = cycle_bounds(cycle_year, rulebook.cycle_start_month)
    if through is not None:
        end = min(end, through)
    wanted = list(dict.fromkeys(members))
    by_member: dict[str, list[_Entry]] = {uuid: [] for uuid in wanted}
    for raw in entries:
        entry = _normalise(raw)
        if entry.member_uuid in by_member:
            by_member[entry.member_uuid].append(entry)
    return {uuid: _score(uuid, by_member[uuid], rulebook, start, end) for uuid in wanted}


def period_change(entries: Iterable[Any], rulebook: Rulebook, *, member_uuid: str, start: date, end: date) -> int:
    """Score through `end` minus score through the day before `start`, in the cycle of `start`.

    Consecutive periods therefore add up: the quarters of a cycle sum to total − base total.
    """
    cycle = cycle_year_of(start, rulebook.cycle_start_month)
    _, cycle_end = cycle_bounds(cycle, rulebook.cycle_start_month)
    if end < start:
        raise ValidationError(f"期间的结束日期 {end} 早于开始日期 {start}", "end")
    if end > cycle_end:
        raise ValidationError(f"期间 {start} 至 {end} 跨越了积分周期（本周期到 {cycle_end} 结束）", "end")
    entries = list(entries)

    def total_through(day: date) -> int:
        scores = score_members(entries, rulebook, cycle_year=cycle, members=[member_uuid], through=day)
        return scores[member_uuid].total_x100

    return total_through(end) - total_through(start - timedelta(days=1))


def remaining_cap(entries_of_member: Iterable[Any], rulebook: Rulebook, item_code: str, on: date) -> int | None:
    """Hundredths of `item_code` that still count in its cap period containing `on` (None: no cap).

    For a deduction item this is how much more may still be deducted (a positive number).
    """
    item = rulebook.item(item_code)
    if item.cap_x100 is None:
        return None
    start_month = rulebook.cycle_start_month
    start, end = cycle_bounds(cycle_year_of(on, start_month), start_month)
    key = _cap_key(item, on, start_month)
    used = 0
    for raw in entries_of_member:
        entry = _normalise(raw)
        if entry.item_code == item_code and start <= entry.occurred_on <= end:
            if _cap_key(item, entry.occurred_on, start_month) == key:
                used += entry.points_x100
    return item.cap_x100 - abs(_clip(item, used))


def remaining_bonus_cap(entries_of_member: Iterable[Any], rulebook: Rulebook, member_uuid: str, on: date) -> int | None:
    """Hundredths of bonus that still count toward the yearly bonus cap in the cycle of `on`."""
    if rulebook.bonus_cap_x100 is None:
        return None
    cycle = cycle_year_of(on, rulebook.cycle_start_month)
    score = score_members(entries_of_member, rulebook, cycle_year=cycle, members=[member_uuid])[member_uuid]
    bonus = sum(total for code, total in score.items.items() if rulebook.items[code].is_bonus)
    return max(0, rulebook.bonus_cap_x100 - bonus)


def member_star(total_x100: int, rulebook: Rulebook) -> int:
    """Stars for an annual total (0 = below every threshold: no star)."""
    for minimum, stars in rulebook.member_stars:
        if total_x100 >= minimum:
            return stars
    return 0


def grade(total_x100: int, rulebook: Rulebook) -> str:
    """The 民主评议 grade band of a total (the 优秀 quota is applied separately)."""
    for minimum, label in rulebook.grades:
        if total_x100 >= minimum:
            return label
    return rulebook.grades[-1][1]


def probation_outcome(total_x100: int, rulebook: Rulebook) -> str:
    if total_x100 >= rulebook.probation.on_time_x100:
        return PROBATION_ON_TIME
    if total_x100 >= rulebook.probation.extend_x100:
        return PROBATION_EXTEND
    return PROBATION_FAIL


def rank(scores: dict[str, int]) -> list[tuple[int, str, int]]:
    """(rank, member_uuid, total), best first; equal totals share a rank (1, 1, 3), then by uuid."""
    ordered = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    ranked: list[tuple[int, str, int]] = []
    for position, (uuid, total) in enumerate(ordered, start=1):
        place = ranked[-1][0] if ranked and ranked[-1][2] == total else position
        ranked.append((place, uuid, total))
    return ranked


def excellent_quota(n_members: int, rulebook: Rulebook) -> int:
    """Most members that may be graded 优秀: floor(n × share).

    Shares are written to four decimals, so one within 0.00005 of a simple fraction is read as that
    fraction: 0.3333 means one third (3 members → 1, not floor(0.9999) = 0).
    """
    if n_members < 0:
        raise ValidationError(f"党员人数不能为负数：{n_members}", "n_members")
    share = Fraction(rulebook.excellent_share_max)
    simple = share.limit_denominator(100)
    if abs(simple - share) < Fraction(1, 20000):
        share = simple
    return math.floor(n_members * share)


def format_points(x100: int) -> str:
    """1200 → '12', -50 → '-0.5', 325 → '3.25'."""
    return human_points(x100)
