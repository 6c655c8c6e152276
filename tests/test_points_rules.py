from collections import namedtuple
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangjian_desktop.core.periods import cycle_bounds, quarter_bounds
from dangjian_desktop.core.points import (
    PROBATION_EXTEND,
    PROBATION_FAIL,
    PROBATION_ON_TIME,
    excellent_quota,
    format_points,
    grade,
    member_star,
    period_change,
    probation_outcome,
    rank,
    remaining_bonus_cap,
    remaining_cap,
    score_members,
)
from dangjian_desktop.core.rulebook import default_rulebook, load_rulebook
from dangjian_desktop.errors import RuleError, ValidationError

M = "member-1"


def _rulebook_dict(start_month=1):
    """A small rulebook where every kind of cap is easy to see: base 10 (A) + 5 (B), bonus cap 30."""
    return {
        "format": "dangjian-rulebook/1",
        "code": "test",
        "version": "1",
        "name": "测试细则",
        "effective_from": "2020-01-01",
        "cycle_start_month": start_month,
        "categories": [{"code": "A", "name": "甲", "base": 10}, {"code": "B", "name": "乙", "base": 5}],
        "items": [
            {"code": "bonus_y", "name": "年封顶加分", "category": "A", "kind": "bonus", "points": 5, "cap": 20, "cap_period": "year"},
            {"code": "bonus_q", "name": "季封顶加分", "category": "A", "kind": "bonus", "points": 2, "cap": 4, "cap_period": "quarter"},
            {"code": "bonus_m", "name": "月封顶加分", "category": "B", "kind": "bonus", "points": 1, "cap": 2, "cap_period": "month"},
            {"code": "bonus_free", "name": "不封顶加分", "category": "B", "kind": "bonus", "points": 3},
            {"code": "ded_a", "name": "甲类扣分", "category": "A", "kind": "deduction", "points": -2},
            {"code": "ded_m", "name": "月封顶扣分", "category": "B", "kind": "deduction", "points": -1, "cap": 2, "cap_period": "month"},
            {"code": "ded_q", "name": "季封顶扣分", "category": "A", "kind": "deduction", "points": -3, "cap": 3, "cap_period": "quarter"},
        ],
        "bonus_cap": {"points": 30, "period": "year"},
        "attendance_rules": [],
        "member_classes": [],
        "member_stars": [{"min": 96, "stars": 5}, {"min": 60, "stars": 1}],
        "grades": [{"min": 90, "grade": "优秀"}, {"min": 0, "grade": "不合格"}],
        "excellent_share_max": 0.3333,
        "probation": {"on_time": 85, "extend": 70},
    }


RULES = load_rulebook(_rulebook_dict(1))
JULY_RULES = load_rulebook(_rulebook_dict(7))
DEFAULT = default_rulebook()


def e(item_code, day, points_x100=None, member=M, rulebook=RULES):
    if points_x100 is None:
        points_x100 = rulebook.items[item_code].points_x100
    return {"member_uuid": member, "item_code": item_code, "occurred_on": day, "points_x100": points_x100}


def score(entries, rulebook=RULES, cycle_year=2025, through=None):
    return score_members(entries, rulebook, cycle_year=cycle_year, members=[M], through=through)[M]


# ------------------------------------------------------------------------------------- table tests

CASES = [
    ("no entries: the base", [], 1500, 0, 0, {"A": 1000, "B": 500}),
    ("one bonus", [e("bonus_y", "2025-03-01")], 1500, 500, 0, {"A": 1000, "B": 500}),
    ("year cap", [e("bonus_y", f"2025-{m:02d}-01") for m in range(1, 7)], 1500, 2000, 0, {"A": 1000, "B": 500}),
    ("quarter cap in one quarter", [e("bonus_q", "2025-01-05")] * 3, 1500, 400, 0, {"A": 1000, "B": 500}),
    ("quarter cap resets next quarter", [e("bonus_q", "2025-03-31")] * 3 + [e("bonus_q", "2025-04-01")], 1500, 600, 0, {"A": 1000, "B": 500}),
    ("month cap", [e("bonus_m", "2025-01-02")] * 3 + [e("bonus_m", "2025-02-02")], 1500, 300, 0, {"A": 1000, "B": 500}),
    ("bonus cap for the year", [e("bonus_free", "2025-05-05")] * 11, 1500, 3000, 0, {"A": 1000, "B": 500}),
    ("bonuses of all items share the year cap", [e("bonus_free", "2025-05-05")] * 8 + [e("bonus_y", "2025-06-01")], 1500, 2900, 0, {"A": 1000, "B": 500}),
    ("deduction", [e("ded_a", "2025-02-01")] * 3, 900, 0, -600, {"A": 400, "B": 500}),
    ("category floor 扣完为止", [e("ded_a", "2025-02-01")] * 6, 500, 0, -1200, {"A": 0, "B": 500}),
    ("floor of one category spares the other", [e("ded_a", "2025-02-01")] * 6 + [e("ded_m", "2025-02-01")], 400, 0, -1300, {"A": 0, "B": 400}),
    ("deduction month cap", [e("ded_m", "2025-02-01")] * 3 + [e("ded_m", "2025-03-01")], 1200, 0, -300, {"A": 1000, "B": 200}),
    ("deduction quarter cap", [e("ded_q", "2025-04-01")] * 2 + [e("ded_q", "2025-07-01")], 900, 0, -600, {"A": 400, "B": 500}),
    ("bonus does not refill a floored category", [e("ded_a", "2025-02-01")] * 6 + [e("bonus_y", "2025-02-02")], 500, 500, -1200, {"A": 0, "B": 500}),
    ("entries outside the cycle are ignored", [e("bonus_y", "2024-12-31"), e("ded_a", "2026-01-01")], 1500, 0, 0, {"A": 1000, "B": 500}),
    ("a net negative bonus counts as zero", [e("bonus_y", "2025-01-01", -500)], 1500, 0, 0, {"A": 1000, "B": 500}),
    ("a net positive deduction counts as zero", [e("ded_a", "2025-01-01", 200)], 1500, 0, 0, {"A": 1000, "B": 500}),
    ("reversal inside a capped month", [e("bonus_m", "2025-01-02")] * 3 + [e("bonus_m", "2025-01-09", -100)], 1500, 200, 0, {"A": 1000, "B": 500}),
    ("half points", [e("ded_a", "2025-01-01", -50)], 1450, 0, -50, {"A": 950, "B": 500}),
]


@pytest.mark.parametrize("entries, base, bonus, deduction, categories", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_score(entries, base, bonus, deduction, categories):
    result = score(entries)
    assert (result.base_x100, result.bonus_x100, result.deduction_x100) == (base, bonus, deduction)
    assert result.categories == categories
    assert result.total_x100 == base + bonus
    assert result.base_x100 == sum(max(0, c.base_x100 + sum(
        v for code, v in result.items.items() if RULES.items[code].category == c.code and not RULES.items[code].is_bonus
    )) for c in RULES.categories)
    assert result.deduction_x100 == sum(v for code, v in result.items.items() if not RULES.items[code].is_bonus)


def test_item_detail_is_capped_per_item_before_the_bonus_cap():
    result = score([e("bonus_free", "2025-05-05")] * 11 + [e("bonus_m", "2025-01-01")] * 5)
    assert result.items == {"bonus_free": 3300, "bonus_m": 200}
    assert result.bonus_x100 == 3000


@pytest.mark.parametrize(
    "days, expected_bonus",
    [
        (["2025-07-01", "2025-09-30", "2025-08-15"], 400),  # all Q1 of the July cycle
        (["2025-09-30", "2025-10-01"], 400),  # Q1 and Q2
        (["2025-12-31", "2026-01-01"], 400),  # Q2 and Q3: calendar years differ, cycle does not
        (["2026-01-01", "2026-03-31", "2026-02-01"], 400),  # all Q3
        (["2025-06-30", "2026-07-01"], 0),  # both outside the 2025 cycle
    ],
)
def test_quarter_caps_follow_a_july_cycle(days, expected_bonus):
    entries = [e("bonus_q", day, rulebook=JULY_RULES) for day in days]
    assert score(entries, JULY_RULES).bonus_x100 == expected_bonus


def test_july_cycle_year_cap_spans_two_calendar_years():
    entries = [e("bonus_y", f"2025-{m:02d}-01") for m in (7, 9, 11)] + [e("bonus_y", f"2026-{m:02d}-01") for m in (2, 4, 6)]
    assert score(entries, JULY_RULES).bonus_x100 == 2000


def test_through_counts_entries_up_to_and_including_the_day():
    entries = [e("bonus_y", "2025-03-01"), e("bonus_y", "2025-03-02")]
    assert score(entries, through=date(2025, 3, 1)).bonus_x100 == 500
    assert score(entries, through=date(2024, 12, 31)).total_x100 == 1500


def test_every_listed_member_is_scored_and_others_ignored():
    entries = [e("bonus_y", "2025-03-01", member="a"), e("ded_a", "2025-03-01", member="stranger")]
    scores = score_members(entries, RULES, cycle_year=2025, members=["a", "b"])
    assert list(scores) == ["a", "b"]
    assert (scores["a"].total_x100, scores["b"].total_x100) == (2000, 1500)


def test_unknown_item_in_the_cycle_raises():
    with pytest.raises(RuleError, match="没有积分项目“gone”"):
        score([e("bonus_y", "2025-01-01"), {**e("bonus_y", "2025-02-01"), "item_code": "gone"}])


def test_unknown_item_of_another_cycle_is_ignored():
    # an old cycle was scored under an older rulebook version with other items
    assert score([{**e("bonus_y", "2024-02-01"), "item_code": "gone"}]).total_x100 == 1500


Entry = namedtuple("Entry", "member_uuid item_code occurred_on points_x100")


@pytest.mark.parametrize("day", [date(2025, 3, 1), "2025-03-01", "2025-03-01T08:30:00", "2025-03-01 08:30:00"])
def test_entries_may_be_objects_and_dates_strings(day):
    assert score([Entry(M, "bonus_y", day, 500)]).bonus_x100 == 500


@pytest.mark.parametrize(
    "entry, message",
    [
        (Entry(M, "bonus_y", "3月1日", 500), "日期无法识别"),
        (Entry(M, "bonus_y", "2025-03-01", 5.0), "整数"),
        (Entry(M, "bonus_y", "2025-03-01", True), "整数"),
    ],
)
def test_malformed_entries_are_rejected(entry, message):
    with pytest.raises(ValidationError, match=message):
        score([entry])


def test_default_rulebook_full_marks():
    entries = [e("attend_committee", f"2025-{m:02d}-05", rulebook=DEFAULT) for m in range(1, 13)]
    entries += [e("attend_theme_day", f"2025-{m:02d}-01", rulebook=DEFAULT) for m in range(1, 13)]
    entries += [e("attend_group_meeting", f"2025-{m:02d}-09", rulebook=DEFAULT) for m in range(1, 13)]
    result = score(entries, DEFAULT)
    assert (result.base_x100, result.bonus_x100, result.total_x100) == (7000, 3000, 10000)


def test_default_rulebook_cult_floors_its_category():
    entries = [e("join_cult", "2025-05-01", rulebook=DEFAULT), e("break_law", "2025-06-01", rulebook=DEFAULT)]
    result = score(entries, DEFAULT)
    assert result.categories["遵纪守法"] == 0
    assert result.total_x100 == 6000


# ------------------------------------------------------------------------------------ period_change


def test_period_change_of_a_quarter():
    entries = [e("bonus_y", "2025-03-31"), e("bonus_y", "2025-04-01"), e("ded_a", "2025-06-30")]
    assert period_change(entries, RULES, member_uuid=M, start=date(2025, 4, 1), end=date(2025, 6, 30)) == 300


def test_period_change_sees_a_cap_reached_earlier():
    entries = [e("bonus_y", f"2025-{m:02d}-01") for m in (1, 2, 3, 4, 5)]
    assert period_change(entries, RULES, member_uuid=M, start=date(2025, 4, 1), end=date(2025, 6, 30)) == 500


@pytest.mark.parametrize(
    "start, end, message",
    [
        (date(2025, 12, 1), date(2026, 1, 31), "跨越了积分周期"),
        (date(2025, 6, 1), date(2025, 5, 1), "早于开始日期"),
    ],
)
def test_period_change_rejects_bad_ranges(start, end, message):
    with pytest.raises(ValidationError, match=message):
        period_change([], RULES, member_uuid=M, start=start, end=end)


# ------------------------------------------------------------------------------------ remaining_cap


@pytest.mark.parametrize(
    "item_code, entries, on, expected",
    [
        ("bonus_free", [], date(2025, 1, 1), None),
        ("bonus_y", [], date(2025, 1, 1), 2000),
        ("bonus_y", [e("bonus_y", "2025-02-01")] * 3, date(2025, 12, 1), 500),
        ("bonus_y", [e("bonus_y", "2025-02-01")] * 5, date(2025, 12, 1), 0),
        ("bonus_y", [e("bonus_y", "2024-02-01")] * 5, date(2025, 1, 1), 2000),
        ("bonus_q", [e("bonus_q", "2025-03-01")], date(2025, 3, 31), 200),
        ("bonus_q", [e("bonus_q", "2025-03-01")], date(2025, 4, 1), 400),
        ("bonus_m", [e("bonus_m", "2025-03-01")] * 2, date(2025, 3, 20), 0),
        ("bonus_m", [e("bonus_m", "2025-03-01")] * 2 + [e("bonus_m", "2025-03-02", -100)], date(2025, 3, 20), 100),
        ("ded_m", [e("ded_m", "2025-03-01")], date(2025, 3, 20), 100),
        ("ded_q", [e("ded_q", "2025-03-01")], date(2025, 2, 1), 0),
    ],
)
def test_remaining_cap(item_code, entries, on, expected):
    assert remaining_cap(entries, RULES, item_code, on) == expected


def test_remaining_cap_of_an_unknown_item_raises():
    with pytest.raises(RuleError):
        remaining_cap([], RULES, "gone", date(2025, 1, 1))


@pytest.mark.parametrize(
    "entries, expected",
    [([], 3000), ([e("bonus_free", "2025-01-01")] * 4, 1800), ([e("bonus_free", "2025-01-01")] * 12, 0)],
)
def test_remaining_bonus_cap(entries, expected):
    assert remaining_bonus_cap(entries, RULES, M, date(2025, 6, 1)) == expected


# ------------------------------------------------------------------------ thresholds and rankings


@pytest.mark.parametrize(
    "total, stars",
    [(10000, 5), (9600, 5), (9599, 4), (9000, 4), (8999, 3), (8000, 3), (7999, 2), (7000, 2), (6999, 1), (6000, 1), (5999, 0), (0, 0)],
)
def test_member_star(total, stars):
    assert member_star(total, DEFAULT) == stars


@pytest.mark.parametrize(
    "total, expected",
    [(10000, "优秀"), (9000, "优秀"), (8999, "合格"), (7500, "合格"), (7499, "基本合格"), (6000, "基本合格"), (5999, "不合格"), (0, "不合格")],
)
def test_grade(total, expected):
    assert grade(total, DEFAULT) == expected


@pytest.mark.parametrize(
    "total, expected",
    [(8500, PROBATION_ON_TIME), (8499, PROBATION_EXTEND), (7000, PROBATION_EXTEND), (6999, PROBATION_FAIL)],
)
def test_probation_outcome(total, expected):
    assert probation_outcome(total, DEFAULT) == expected


@pytest.mark.parametrize(
    "scores, expected",
    [
        ({}, []),
        ({"a": 9000}, [(1, "a", 9000)]),
        ({"b": 9000, "a": 9000, "c": 8000}, [(1, "a", 9000), (1, "b", 9000), (3, "c", 8000)]),
        ({"a": 7000, "b": 9000, "c": 9000, "d": 9000, "e": 7000}, [(1, "b", 9000), (1, "c", 9000), (1, "d", 9000), (4, "a", 7000), (4, "e", 7000)]),
        ({"z": 100, "y": 200, "x": 300}, [(1, "x", 300), (2, "y", 200), (3, "z", 100)]),
    ],
)
def test_rank(scores, expected):
    assert rank(scores) == expected


@pytest.mark.parametrize("n, expected", [(0, 0), (2, 0), (3, 1), (5, 1), (6, 2), (10, 3), (30, 10), (31, 10), (300, 100)])
def test_excellent_quota_reads_0_3333_as_one_third(n, expected):
    assert excellent_quota(n, DEFAULT) == expected


def test_excellent_quota_other_share():
    raw = _rulebook_dict()
    raw["excellent_share_max"] = 0.3
    assert [excellent_quota(n, load_rulebook(raw)) for n in (3, 9, 10)] == [0, 2, 3]


@pytest.mark.parametrize(
    "x100, text",
    [(0, "0"), (1200, "12"), (-50, "-0.5"), (325, "3.25"), (5, "0.05"), (-5, "-0.05"), (10000, "100"), (-1010, "-10.1")],
)
def test_format_points(x100, text):
    assert format_points(x100) == text


# ------------------------------------------------------------------------------------- properties

CODES = sorted(RULES.items)
CYCLE_START, CYCLE_END = cycle_bounds(2025, 1)
days = st.dates(min_value=date(2024, 11, 1), max_value=date(2026, 2, 28))
members = st.sampled_from(["m1", "m2"])


@st.composite
def ledger_entry(draw, rulebook=RULES, codes=CODES):
    code = draw(st.sampled_from(codes))
    unit = rulebook.items[code].points_x100
    # mostly whole multiples of the item's points, sometimes an odd manual amount or a reversal
    points = draw(st.one_of(st.integers(1, 4).map(lambda k: k * unit), st.integers(-2000, 2000)))
    return {"member_uuid": draw(members), "item_code": code, "occurred_on": draw(days), "points_x100": points}


ledgers = st.lists(ledger_entry(), max_size=40)
default_ledgers = st.lists(ledger_entry(DEFAULT, sorted(DEFAULT.items)), max_size=40)


def _scores(entries, rulebook=RULES, cycle_year=2025):
    return {
        uuid: (s.total_x100, s.base_x100, s.bonus_x100, s.categories, s.items)
        for uuid, s in score_members(entries, rulebook, cycle_year=cycle_year, members=["m1", "m2"]).items()
    }


@given(ledgers, st.data())
def test_a_reversal_cancels_its_entry(entries, data):
    extra = data.draw(ledger_entry())
    reversal = {**extra, "points_x100": -extra["points_x100"]}
    position = data.draw(st.integers(0, len(entries)))
    changed = entries[:position] + [extra] + entries[position:] + [reversal]
    assert _scores(changed) == _scores(entries)


@given(ledgers, st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_entry_order(entries, random):
    shuffled = list(entries)
    random.shuffle(shuffled)
    assert _scores(shuffled) == _scores(entries)


@given(ledgers)
def test_quarters_add_up_to_the_year(entries):
    total = score_members(entries, RULES, cycle_year=2025, members=["m1"])["m1"].total_x100
    changes = [
        period_change(entries, RULES, member_uuid="m1", start=start, end=end)
        for start, end in (quarter_bounds(2025, q, 1) for q in range(1, 5))
    ]
    assert sum(changes) == total - RULES.base_total_x100


@given(ledgers, st.sampled_from([1, 7]))
def test_months_add_up_to_the_year_in_any_cycle(entries, start_month):
    rulebook = RULES if start_month == 1 else JULY_RULES
    start, end = cycle_bounds(2024, start_month)
    total = score_members(entries, rulebook, cycle_year=2024, members=["m1"])["m1"].total_x100
    changes, month_start = 0, start
    while month_start <= end:
        next_start = (month_start + timedelta(days=32)).replace(day=1)
        changes += period_change(entries, rulebook, member_uuid="m1", start=month_start, end=next_start - timedelta(days=1))
        month_start = next_start
    assert changes == total - rulebook.base_total_x100


@given(ledgers)
def test_without_binding_caps_or_floors_the_total_is_the_plain_sum(entries):
    # only uncapped items with their own sign, and too few to reach a floor or the bonus cap
    plain = [x for x in entries if x["item_code"] in ("bonus_free", "ded_a") and (x["points_x100"] > 0) == (x["item_code"] == "bonus_free")]
    plain = [x for x in plain if abs(x["points_x100"]) <= 200][:5]
    in_cycle = sum(x["points_x100"] for x in plain if x["member_uuid"] == "m1" and CYCLE_START <= x["occurred_on"] <= CYCLE_END)
    assert score_members(plain, RULES, cycle_year=2025, members=["m1"])["m1"].total_x100 == RULES.base_total_x100 + in_cycle


@settings(max_examples=200)
@given(st.one_of(ledgers.map(lambda x: (RULES, x)), default_ledgers.map(lambda x: (DEFAULT, x))))
def test_totals_stay_between_zero_and_base_plus_bonus_cap(case):
    rulebook, entries = case
    for s in score_members(entries, rulebook, cycle_year=2025, members=["m1", "m2"]).values():
        assert 0 <= s.total_x100 <= rulebook.base_total_x100 + rulebook.bonus_cap_x100
        assert 0 <= s.bonus_x100 <= rulebook.bonus_cap_x100
        assert s.deduction_x100 <= 0
        assert s.total_x100 == s.base_x100 + s.bonus_x100
        # floors only ever take back part of a deduction
        assert rulebook.base_total_x100 + s.deduction_x100 <= s.base_x100 <= rulebook.base_total_x100


@given(ledgers, ledger_entry())
def test_a_bonus_never_lowers_and_a_deduction_never_raises_the_total(entries, extra):
    extra = {**extra, "member_uuid": "m1", "occurred_on": date(2025, 6, 1)}
    extra["points_x100"] = abs(extra["points_x100"]) * (1 if RULES.items[extra["item_code"]].is_bonus else -1)
    before = _scores(entries)["m1"][0]
    after = _scores(entries + [extra])["m1"][0]
    assert after >= before if RULES.items[extra["item_code"]].is_bonus else after <= before


@given(ledgers)
def test_members_are_scored_independently(entries):
    together = score_members(entries, RULES, cycle_year=2025, members=["m1", "m2"])
    alone = score_members([x for x in entries if x["member_uuid"] == "m1"], RULES, cycle_year=2025, members=["m1"])
    assert together["m1"] == alone["m1"]


@given(ledgers, st.sampled_from(CODES), days)
def test_remaining_cap_is_between_zero_and_the_cap(entries, code, on):
    left = remaining_cap([x for x in entries if x["member_uuid"] == "m1"], RULES, code, on)
    cap = RULES.items[code].cap_x100
    assert left is None if cap is None else 0 <= left <= cap
