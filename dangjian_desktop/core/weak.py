"""软弱涣散 early warning: the indicators a village's own data shows (DOMAIN §5).

Apart from the star rating so that the home page, which shows these warnings at every start,
does not load the criteria and assessment types with them; `core.stars` re-exports both names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.core.meetings import PERIOD_UNITS, ComplianceRow, overdue
from dangjian_desktop.core.periods import days_in_month


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


@dataclass(frozen=True)
class WeakIndicator:
    code: str
    name: str
    detail: str


def _missed_meetings(rows: Iterable[ComplianceRow]) -> str:
    by_type: dict[str, list[ComplianceRow]] = {}
    for row in overdue(rows):
        by_type.setdefault(row.type_name, []).append(row)
    parts = []
    for name, missed in by_type.items():
        key = missed[0].period_key
        unit = PERIOD_UNITS["quarter" if "-Q" in key else "month" if "-" in key else "year"]
        parts.append(f"{name}缺 {len(missed)} {unit}（{'、'.join(r.period_key for r in missed)}）")
    return "；".join(parts)


def weak_indicators(*, today: date, secretary_vacant_since: date | None, compliance_rows: Iterable[ComplianceRow],
                    last_development_target_on: date | None, last_in_annual_review: bool = False,
                    vacancy_months: int = 3, development_gap_years: int = 2) -> list[WeakIndicator]:
    """The 软弱涣散 indicators the data can compute (DOMAIN §5); empty when none applies."""
    out = []
    if secretary_vacant_since is not None and today > add_months(secretary_vacant_since, vacancy_months):
        out.append(WeakIndicator("secretary_vacant", "书记长期空缺",
                                 f"书记岗位自 {secretary_vacant_since.isoformat()} 起空缺，已超过 {vacancy_months} 个月"))
    missed = _missed_meetings(compliance_rows)
    if missed:
        out.append(WeakIndicator("meetings_irregular", "组织生活不经常", f"未按规定频次召开：{missed}"))
    if last_development_target_on is None:
        out.append(WeakIndicator("no_development", "长期未发展党员", "没有确定发展对象的记录"))
    elif add_months(last_development_target_on, 12 * development_gap_years) <= today:
        out.append(WeakIndicator("no_development", "长期未发展党员",
                                 f"最近一次确定发展对象是 {last_development_target_on.isoformat()}，"
                                 f"已满 {development_gap_years} 年"))
    if last_in_annual_review:
        out.append(WeakIndicator("last_in_review", "年度考核排名末位", "在上一年度考核中排名末位"))
    return out
