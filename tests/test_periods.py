from datetime import date

import pytest

from dangjian_desktop.core.periods import (
    cycle_bounds,
    cycle_quarter,
    cycle_year,
    month_bounds,
    parse_period,
    period_bounds,
    period_key,
    quarter_bounds,
)
from dangjian_desktop.errors import ValidationError


@pytest.mark.parametrize(
    "day, start_month, expected_year, expected_quarter",
    [
        (date(2025, 1, 1), 1, 2025, 1),
        (date(2025, 3, 31), 1, 2025, 1),
        (date(2025, 4, 1), 1, 2025, 2),
        (date(2025, 9, 30), 1, 2025, 3),
        (date(2025, 12, 31), 1, 2025, 4),
        (date(2025, 7, 1), 7, 2025, 1),
        (date(2025, 9, 30), 7, 2025, 1),
        (date(2025, 10, 1), 7, 2025, 2),
        (date(2025, 12, 31), 7, 2025, 2),
        (date(2026, 1, 1), 7, 2025, 3),
        (date(2026, 4, 1), 7, 2025, 4),
        (date(2026, 6, 30), 7, 2025, 4),
        (date(2025, 6, 30), 7, 2024, 4),
        (date(2025, 2, 28), 12, 2024, 1),
        (date(2025, 3, 1), 12, 2024, 2),
        (date(2025, 11, 30), 12, 2024, 4),
        (date(2025, 12, 1), 12, 2025, 1),
    ],
)
def test_cycle_year_and_quarter(day, start_month, expected_year, expected_quarter):
    assert cycle_year(day, start_month) == expected_year
    assert cycle_quarter(day, start_month) == expected_quarter


@pytest.mark.parametrize(
    "year, start_month, expected",
    [
        (2025, 1, (date(2025, 1, 1), date(2025, 12, 31))),
        (2025, 7, (date(2025, 7, 1), date(2026, 6, 30))),
        (2023, 3, (date(2023, 3, 1), date(2024, 2, 29))),
        (2025, 12, (date(2025, 12, 1), date(2026, 11, 30))),
    ],
)
def test_cycle_bounds(year, start_month, expected):
    assert cycle_bounds(year, start_month) == expected


@pytest.mark.parametrize(
    "year, quarter, start_month, expected",
    [
        (2025, 1, 1, (date(2025, 1, 1), date(2025, 3, 31))),
        (2025, 4, 1, (date(2025, 10, 1), date(2025, 12, 31))),
        (2025, 1, 7, (date(2025, 7, 1), date(2025, 9, 30))),
        (2025, 2, 7, (date(2025, 10, 1), date(2025, 12, 31))),
        (2025, 3, 7, (date(2026, 1, 1), date(2026, 3, 31))),
        (2025, 4, 7, (date(2026, 4, 1), date(2026, 6, 30))),
        (2023, 4, 12, (date(2024, 9, 1), date(2024, 11, 30))),
        (2023, 1, 12, (date(2023, 12, 1), date(2024, 2, 29))),
    ],
)
def test_quarter_bounds(year, quarter, start_month, expected):
    assert quarter_bounds(year, quarter, start_month) == expected


@pytest.mark.parametrize("start_month", range(1, 13))
def test_quarters_tile_the_cycle(start_month):
    start, end = cycle_bounds(2025, start_month)
    quarters = [quarter_bounds(2025, q, start_month) for q in range(1, 5)]
    assert quarters[0][0] == start and quarters[-1][1] == end
    for (_, previous_end), (next_start, _) in zip(quarters, quarters[1:]):
        assert (next_start - previous_end).days == 1


@pytest.mark.parametrize(
    "year, month, expected",
    [
        (2024, 2, (date(2024, 2, 1), date(2024, 2, 29))),
        (2025, 2, (date(2025, 2, 1), date(2025, 2, 28))),
        (2025, 12, (date(2025, 12, 1), date(2025, 12, 31))),
    ],
)
def test_month_bounds(year, month, expected):
    assert month_bounds(year, month) == expected


@pytest.mark.parametrize(
    "day, start_month, period, expected",
    [
        (date(2025, 3, 15), 1, "year", "2025"),
        (date(2025, 3, 15), 1, "quarter", "2025-Q1"),
        (date(2025, 3, 15), 1, "month", "2025-03"),
        (date(2026, 3, 15), 7, "year", "2025"),
        (date(2026, 3, 15), 7, "quarter", "2025-Q3"),
        (date(2026, 3, 15), 7, "month", "2026-03"),
    ],
)
def test_period_key(day, start_month, period, expected):
    assert period_key(day, start_month, period) == expected


def test_period_key_rejects_unknown_kind():
    with pytest.raises(ValidationError, match="未知的期间类型"):
        period_key(date(2025, 1, 1), 1, "week")


@pytest.mark.parametrize(
    "text, start_month, kind, key, bounds",
    [
        ("2025", 1, "year", "2025", (date(2025, 1, 1), date(2025, 12, 31))),
        ("2025", 7, "year", "2025", (date(2025, 7, 1), date(2026, 6, 30))),
        ("2025Q2", 1, "quarter", "2025-Q2", (date(2025, 4, 1), date(2025, 6, 30))),
        ("2025-Q2", 7, "quarter", "2025-Q2", (date(2025, 10, 1), date(2025, 12, 31))),
        ("2025-q4", 7, "quarter", "2025-Q4", (date(2026, 4, 1), date(2026, 6, 30))),
        (" 2025-03 ", 7, "month", "2025-03", (date(2025, 3, 1), date(2025, 3, 31))),
        ("2024-2", 1, "month", "2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ],
)
def test_parse_period(text, start_month, kind, key, bounds):
    period = parse_period(text, start_month)
    assert (period.kind, period.key, (period.start, period.end)) == (kind, key, bounds)
    assert period_bounds(text, start_month) == bounds


@pytest.mark.parametrize(
    "key, start_month",
    [("2025", 7), ("2025-Q3", 7), ("2025-11", 7), ("2024-Q1", 12), ("2025", 1)],
)
def test_period_key_round_trips_through_bounds(key, start_month):
    start, end = period_bounds(key, start_month)
    kind = parse_period(key, start_month).kind
    assert period_key(start, start_month, kind) == key
    assert period_key(end, start_month, kind) == key


@pytest.mark.parametrize(
    "start_month, expected",
    [(1, "2025 年度第二季度"), (7, "2025–2026 年度第二季度")],
)
def test_parse_period_label(start_month, expected):
    assert parse_period("2025Q2", start_month).label == expected


@pytest.mark.parametrize("text", ["", "25", "2025Q5", "2025-Q0", "2025-13", "2025-00", "2025年", "Q2", "2025/03", None, "0999"])
def test_parse_period_rejects(text):
    with pytest.raises(ValidationError, match="无法识别的期间"):
        parse_period(text, 1)


@pytest.mark.parametrize("start_month", [0, 13, True, "7"])
def test_start_month_out_of_range_is_rejected(start_month):
    with pytest.raises(ValidationError, match="周期起始月份"):
        cycle_year(date(2025, 1, 1), start_month)
