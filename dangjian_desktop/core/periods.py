"""Cycle-aware periods (积分周期).

A points cycle starts on the first day of `start_month` (1–12) and lasts twelve months; it is named
after the calendar year it starts in, so with a July start the 2025 cycle runs 2025-07-01 to
2026-06-30. Quarters count from the cycle start. Months are always calendar months.

Period keys: '2025' (a cycle), '2025-Q2' (a quarter of the 2025 cycle), '2025-03' (March 2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dangjian_desktop.errors import ValidationError

PERIOD_KINDS = ("month", "quarter", "year")
_QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True)
class Period:
    """A parsed period: kind is 'year' | 'quarter' | 'month'; key is the normalised key."""

    kind: str
    key: str
    start: date
    end: date
    label: str


def _check_start_month(start_month: int) -> None:
    if isinstance(start_month, bool) or not isinstance(start_month, int) or not 1 <= start_month <= 12:
        raise ValidationError(f"周期起始月份必须是 1–12 的整数，而不是 {start_month!r}", "cycle_start_month")


def days_in_month(year: int, month: int) -> int:
    """28 to 31, as `calendar.monthrange(year, month)[1]` (the calendar module and the locale it
    imports cost the GUI's start a few milliseconds)."""
    return 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def cycle_year(d: date, start_month: int) -> int:
    """The cycle a day belongs to, named after the calendar year the cycle starts in."""
    _check_start_month(start_month)
    return d.year if d.month >= start_month else d.year - 1


def cycle_bounds(cycle_year: int, start_month: int) -> tuple[date, date]:
    _check_start_month(start_month)
    start = date(cycle_year, start_month, 1)
    return start, _add_months(start, 12) - timedelta(days=1)


def cycle_quarter(d: date, start_month: int) -> int:
    """1..4, counted from the cycle start."""
    _check_start_month(start_month)
    return (d.month - start_month) % 12 // 3 + 1


def quarter_bounds(cycle_year: int, quarter: int, start_month: int) -> tuple[date, date]:
    _check_start_month(start_month)
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(f"季度必须是 1–4，而不是 {quarter!r}", "quarter")
    start = _add_months(date(cycle_year, start_month, 1), (quarter - 1) * 3)
    return start, _add_months(start, 3) - timedelta(days=1)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise ValidationError(f"月份必须是 1–12，而不是 {month!r}", "month")
    start = date(year, month, 1)
    return start, _add_months(start, 1) - timedelta(days=1)


def period_key(d: date, start_month: int, period: str) -> str:
    """The key of the period of kind `period` ('month' | 'quarter' | 'year') that contains `d`."""
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "quarter":
        return f"{cycle_year(d, start_month):04d}-Q{cycle_quarter(d, start_month)}"
    if period == "year":
        return f"{cycle_year(d, start_month):04d}"
    raise ValidationError(f"未知的期间类型“{period}”，应为 month、quarter 或 year", "period")


def period_bounds(key: str, start_month: int) -> tuple[date, date]:
    period = parse_period(key, start_month)
    return period.start, period.end


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _cycle_label(year: int, start_month: int) -> str:
    return f"{year} 年度" if start_month == 1 else f"{year}–{year + 1} 年度"


def parse_period(text: str, start_month: int) -> Period:
    """Parse '2025', '2025Q2', '2025-Q2' or '2025-03' (a calendar month)."""
    _check_start_month(start_month)
    cleaned = str(text).strip() if text is not None else ""
    problem = f"无法识别的期间“{cleaned}”：请写成 2025（年度）、2025Q2 或 2025-Q2（季度）、2025-03（月份）"
    if match := _YEAR.match(cleaned):
        year = int(match[1])
        if not 1900 <= year <= 9998:
            raise ValidationError(problem, "period")
        start, end = cycle_bounds(year, start_month)
        return Period("year", f"{year:04d}", start, end, _cycle_label(year, start_month))
    if match := _QUARTER.match(cleaned):
        year, quarter = int(match[1]), int(match[2])
        if not 1900 <= year <= 9998:
            raise ValidationError(problem, "period")
        start, end = quarter_bounds(year, quarter, start_month)
        label = f"{_cycle_label(year, start_month)}第{_QUARTER_NAMES[quarter]}季度"
        return Period("quarter", f"{year:04d}-Q{quarter}", start, end, label)
    if match := _MONTH.match(cleaned):
        year, month = int(match[1]), int(match[2])
        if not 1900 <= year <= 9998 or not 1 <= month <= 12:
            raise ValidationError(problem, "period")
        start, end = month_bounds(year, month)
        return Period("month", f"{year:04d}-{month:02d}", start, end, f"{year} 年 {month} 月")
    raise ValidationError(problem, "period")


def local_time(utc_iso: str | None, empty: str = "") -> str:
    """A time stored in UTC (ISO text), shown in this computer's local time to the minute; text that
    is not an ISO time is shown as it is."""
    if not utc_iso:
        return empty
    try:
        return datetime.fromisoformat(utc_iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return utc_iso
