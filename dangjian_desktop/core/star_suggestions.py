"""Suggested scores from a village's own data (星级评定 自动建议): committee complete, a woman
and a young cadre on the committee, average age, meetings held, training hours, 发展对象. Only
suggestions: the village secretary decides. Split from core/stars.py (which re-exports these)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dangjian_desktop.core.meetings import TrainingStats
from dangjian_desktop.core.weak import add_months

if TYPE_CHECKING:
    from dangjian_desktop.core.stars import Criteria


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class CommitteeMember:
    post: str | None  # 书记, 副书记, 组织委员, 宣传委员, 纪检委员
    sex: str | None  # 男 / 女
    age: int | None


@dataclass(frozen=True)
class VillageFacts:
    """Plain facts about one village; None means not known, and the items that need it get no suggestion.

    `last_development_target_on` is the exception: None there means no 发展对象 on record.
    """

    as_of: date
    committee: Sequence[CommitteeMember] | None = None
    full_member_count: int | None = None
    member_ages: Sequence[int] | None = None
    meeting_compliance: Mapping[str, tuple[int, int]] | None = None  # from compliance_summary()
    meeting_type_names: Mapping[str, str] = field(default_factory=dict)
    training: TrainingStats | None = None
    last_development_target_on: date | None = None


def _floor_half(value: float) -> float:
    return math.floor(value * 2 + 1e-9) / 2


def _committee_complete(item, facts):
    members = facts.committee
    if members is None:
        return None
    small = facts.full_member_count is not None and facts.full_member_count < item.rule["small_branch_below"]
    needed = 1 if small else int(item.rule["min_members"])
    if not any(m.post == "书记" for m in members):
        return 0.0, "书记岗位空缺"
    if len(members) < needed:
        return 0.0, f"支部委员会只有 {len(members)} 人，应不少于 {needed} 人"
    return item.max, f"书记在岗，支部委员会 {len(members)} 人，配备齐全"


def _female_member(item, facts):
    if facts.committee is None:
        return None
    women = sum(1 for m in facts.committee if m.sex == "女")
    return (item.max, f"班子中有女性成员 {women} 人") if women else (0.0, "班子中没有女性成员")


def _young_cadre(item, facts):
    if facts.committee is None:
        return None
    limit = item.rule["under_age"]
    young = sum(1 for m in facts.committee if m.age is not None and m.age < limit)
    return (item.max, f"班子中有 {_fmt(limit)} 岁以下成员 {young} 人") if young else (
        0.0, f"班子中没有 {_fmt(limit)} 岁以下成员")


def _average_age(item, facts):
    source = facts.committee if item.rule["of"] == "committee" else None
    ages = [m.age for m in source if m.age is not None] if source is not None else list(facts.member_ages or [])
    if not ages:
        return None
    who = "班子" if item.rule["of"] == "committee" else "党员"
    average = sum(ages) / len(ages)
    years_over = max(0, math.floor(average - item.rule["threshold"] + 1e-9))  # whole years over
    if not years_over:
        return item.max, f"{who}平均年龄 {average:.1f} 岁，未超过 {_fmt(item.rule['threshold'])} 岁"
    deduction = years_over * item.rule["per_year"]
    return (max(0.0, item.max - deduction),
            f"{who}平均年龄 {average:.1f} 岁，超过 {_fmt(item.rule['threshold'])} 岁 {years_over} 岁，扣 {_fmt(deduction)} 分")


def _meetings_compliance(item, facts):
    if facts.meeting_compliance is None:
        return None
    gaps = [(code, judged - met) for code, (met, judged) in facts.meeting_compliance.items() if judged > met]
    if not gaps:
        return item.max, "各类会议均按规定频次召开"
    missed = sum(n for _, n in gaps)
    deduction = missed * item.rule["per_missing"]
    detail = "、".join(f"{facts.meeting_type_names.get(code, code)}缺 {n} 次" for code, n in gaps)
    return max(0.0, item.max - deduction), f"{detail}，共扣 {_fmt(deduction)} 分"


def _training_hours(item, facts):
    stats = facts.training
    if stats is None or not stats.hours_by_member:
        return None
    total, below = len(stats.hours_by_member), len(stats.below_floor)
    return _floor_half(item.max * (total - below) / total), f"{total - below}/{total} 名党员学时达标"


def _development_target(item, facts):
    years = item.rule["within_years"]
    last = facts.last_development_target_on
    if last is not None and add_months(last, int(12 * years)) > facts.as_of:
        return item.max, f"近 {_fmt(years)} 年内确定过发展对象（最近一次 {last.isoformat()}）"
    return 0.0, f"近 {_fmt(years)} 年没有确定发展对象"


_SUGGESTERS = {
    "committee_complete": _committee_complete,
    "female_member": _female_member,
    "young_cadre": _young_cadre,
    "average_age": _average_age,
    "meetings_compliance": _meetings_compliance,
    "training_hours": _training_hours,
    "development_target": _development_target,
}


def suggest_scores(criteria: Criteria, facts: VillageFacts) -> dict[str, tuple[float, str]]:
    """item_code → (suggested score, reason) for the items the facts can score; a suggestion only."""
    out = {}
    for item in criteria.items.values():
        suggestion = _SUGGESTERS[item.auto](item, facts) if item.auto else None
        if suggestion is not None:
            out[item.code] = (float(suggestion[0]), suggestion[1])
    return out
