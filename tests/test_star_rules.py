"""Star criteria, scoring, suggested scores and 软弱涣散 warnings (DOMAIN.md §5)."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.core.meetings import ComplianceRow, TrainingStats
from dangjian_desktop.core.stars import (
    AUTO_RULES,
    CommitteeMember,
    VillageFacts,
    default_criteria,
    load_criteria,
    score_assessment,
    stars_label,
    suggest_scores,
    weak_indicators,
)
from dangjian_desktop.errors import RuleError, ValidationError
from dangjian_desktop.paths import resource_path

TODAY = date(2025, 12, 20)


@pytest.fixture(scope="module")
def criteria():
    return default_criteria()


@pytest.fixture
def raw():
    return json.loads(resource_path("criteria", "default.json").read_text(encoding="utf-8"))


def full_marks(criteria, **changes):
    scores = {code: item.max for code, item in criteria.items.items()}
    scores.update(changes)
    return scores


def scores_totalling(criteria, total):
    """Full marks less deductions from the largest items, to reach `total`."""
    scores, left = full_marks(criteria), 100 - total
    for code, item in sorted(criteria.items.items(), key=lambda kv: -kv[1].max):
        cut = min(item.max, left)
        scores[code], left = item.max - cut, left - cut
    return scores


# -- the bundled criteria -----------------------------------------------------------------------

def test_default_criteria_total_100_points(criteria):
    assert criteria.max_total == 100


def test_default_criteria_have_the_five_dimensions(criteria):
    assert [d.name for d in criteria.dimensions] == ["组织体系", "班子队伍", "发展业绩", "服务群众", "治理机制"]


def test_default_criteria_have_20_to_25_items(criteria):
    assert 20 <= len(criteria.items) <= 25


def test_default_criteria_cover_every_auto_rule(criteria):
    assert {item.auto for item in criteria.items.values() if item.auto} == set(AUTO_RULES)


@pytest.mark.parametrize("name", ["发生严重违纪违法问题", "发生重大安全事故或群体性事件", "村“两委”班子严重不团结"])
def test_default_criteria_have_the_veto_items(criteria, name):
    assert name in [veto.name for veto in criteria.veto_items]


def test_default_criteria_identity(criteria):
    assert (criteria.code, criteria.version, criteria.effective_from) == ("default", "2026.1", date(2026, 1, 1))


def test_average_age_rule_is_data(criteria):
    assert dict(criteria.items["average_age"].rule) == {"of": "committee", "threshold": 48, "per_year": 3}


def test_stored_json_loads_back_with_the_same_hash(criteria):
    again = load_criteria(criteria.to_json())
    assert (again.sha256, again.to_json()) == (criteria.sha256, criteria.to_json())


def test_hash_changes_with_the_content(raw, criteria):
    raw["version"] = "2026.2"
    assert load_criteria(raw).sha256 != criteria.sha256


# -- broken criteria files ----------------------------------------------------------------------

def _item(raw, code):
    return next(i for d in raw["dimensions"] for i in d["items"] if i["code"] == code)


@pytest.mark.parametrize("change, fragment", [
    (lambda r: r.update(format="other/1"), "文件格式"),
    (lambda r: r.update(version=" "), "版本号"),
    (lambda r: r.update(effective_from="2026-13-01"), "生效日期"),
    (lambda r: r.update(dimensions=[]), "dimensions"),
    (lambda r: _item(r, "industry").update(code="org_setup"), "代码重复：org_setup"),
    (lambda r: r["veto_items"].append({"code": "civility", "name": "x"}), "代码重复：civility"),
    (lambda r: r["veto_items"].append({"code": "veto_safety", "name": "x"}), "代码重复：veto_safety"),
    (lambda r: _item(r, "industry").update(max=0), "满分应大于 0"),
    (lambda r: _item(r, "industry").update(max=-2), "满分应大于 0"),
    (lambda r: _item(r, "industry").update(max=7), "超过 100 分"),
    (lambda r: _item(r, "industry").update(auto="weather"), "自动计分规则未知"),
    (lambda r: _item(r, "average_age").update(rule={"threshold": "48"}), "rule.threshold"),
    (lambda r: _item(r, "average_age").update(rule={"cap": 1}), "未知参数"),
    (lambda r: _item(r, "average_age").update(rule={"of": "villagers"}), "rule.of"),
    (lambda r: r.update(levels=[{"min": 80, "stars": 4}, {"min": 90, "stars": 5}]), "从高到低"),
    (lambda r: r.update(levels=[{"min": 90, "stars": 4}, {"min": 80, "stars": 5}]), "从高到低"),
    (lambda r: r.update(levels=[{"min": 90, "stars": 5}, {"min": 90, "stars": 4}]), "从高到低"),
    (lambda r: r.update(levels=[{"min": 90, "stars": 6}]), "星级档次无效"),
    (lambda r: r.update(levels=[]), "levels"),
    (lambda r: r["dimensions"][0].update(items=[]), "没有评分项"),
    (lambda r: r["veto_items"].append({"code": "veto_x"}), "一票否决项无效"),
])
def test_broken_criteria_are_a_rule_error_saying_why(raw, change, fragment):
    change(raw)
    with pytest.raises(RuleError, match=fragment):
        load_criteria(raw)


def test_criteria_may_total_less_than_100(raw):
    _item(raw, "industry")["max"] = 2
    assert load_criteria(raw).max_total == 96


def test_criteria_problems_are_all_listed(raw):
    raw["format"] = "x"
    _item(raw, "industry")["max"] = 0
    with pytest.raises(RuleError) as caught:
        load_criteria(raw)
    assert "文件格式" in caught.value.message and "满分应大于 0" in caught.value.message


# -- scoring ------------------------------------------------------------------------------------

@pytest.mark.parametrize("total, stars, label", [
    (100, 5, "★★★★★"), (90, 5, "★★★★★"), (89.5, 4, "★★★★"), (80, 4, "★★★★"), (79.5, 3, "★★★"),
    (70, 3, "★★★"), (60, 2, "★★"), (59.5, 1, "★"), (0, 1, "★"),
])
def test_score_gives_stars_by_the_levels(criteria, total, stars, label):
    result = score_assessment(criteria, scores_totalling(criteria, total), set())
    assert (result.score, result.star_level, result.label) == (total, stars, label)


@pytest.mark.parametrize("total, stars, label", [(95, 5, "★★★★★"), (94.5, 4, "★★★★"), (60, 1, "★"), (59.5, 0, "后进")])
def test_score_below_the_lowest_level_gets_the_below_label(raw, total, stars, label):
    raw["levels"] = [{"min": m, "stars": s} for m, s in ((95, 5), (85, 4), (75, 3), (65, 2), (60, 1))]
    custom = load_criteria(raw)
    result = score_assessment(custom, scores_totalling(custom, total), set())
    assert (result.star_level, result.label) == (stars, label)


def test_veto_removes_all_stars(criteria):
    result = score_assessment(criteria, full_marks(criteria), {"veto_discipline"})
    assert (result.score, result.star_level, result.label, result.vetoed) == (100, 0, "一票否决", True)


def test_veto_hit_is_noted(criteria):
    result = score_assessment(criteria, full_marks(criteria), {"veto_safety"})
    assert [p.reason for p in result.problems] == ["一票否决：发生重大安全事故或群体性事件"]


def test_missing_items_count_zero_and_are_listed(criteria):
    result = score_assessment(criteria, full_marks(criteria, industry=None, civility=None) | {"four_two": None}, set())
    assert (result.score, result.missing_items) == (100 - 6 - 3 - 4, ["industry", "four_two", "civility"])


def test_missing_items_are_noted(criteria):
    scores = full_marks(criteria)
    del scores["industry"]
    result = score_assessment(criteria, scores, set())
    assert [(p.field, p.reason) for p in result.problems] == [("industry", "“特色产业发展”未评分，按 0 分计")]


def test_no_scores_at_all_is_zero(criteria):
    result = score_assessment(criteria, {}, set())
    assert (result.score, len(result.missing_items)) == (0, len(criteria.items))


@pytest.mark.parametrize("scores, vetoes, fields", [
    ({"industry": 7}, set(), ["industry"]),
    ({"industry": -0.5}, set(), ["industry"]),
    ({"industry": "6"}, set(), ["industry"]),
    ({"weather": 1}, set(), ["weather"]),
    ({}, {"veto_weather"}, ["veto_weather"]),
    ({"industry": 7, "civility": 4, "weather": 1}, {"veto_weather"},
     ["industry", "civility", "weather", "veto_weather"]),
])
def test_invalid_scores_are_all_listed(criteria, scores, vetoes, fields):
    with pytest.raises(ValidationError) as caught:
        score_assessment(criteria, scores, vetoes)
    assert [p.field for p in caught.value.problems] == fields


def test_out_of_range_message_gives_the_range(criteria):
    with pytest.raises(ValidationError, match="“特色产业发展”的得分应在 0–6 分之间，填写的是 7"):
        score_assessment(criteria, {"industry": 7}, set())


@pytest.mark.parametrize("value", [0, 6, 2.5])
def test_scores_at_the_bounds_are_accepted(criteria, value):
    assert score_assessment(criteria, full_marks(criteria, industry=value), set()).score == 94 + value


@pytest.mark.parametrize("n, label", [(0, "☆☆☆☆☆"), (3, "★★★☆☆"), (5, "★★★★★")])
def test_stars_label(n, label):
    assert stars_label(n) == label


@pytest.mark.parametrize("n", [-1, 6])
def test_stars_label_rejects_out_of_range(n):
    with pytest.raises(ValueError):
        stars_label(n)


# -- suggested scores ---------------------------------------------------------------------------

SECRETARY = CommitteeMember("书记", "男", 50)


def facts(**changes):
    return VillageFacts(as_of=TODAY, **changes)


@pytest.mark.parametrize("committee, full_members, score", [
    ([SECRETARY, CommitteeMember("组织委员", "女", 40), CommitteeMember("宣传委员", "男", 33)], 20, 5),
    ([SECRETARY, CommitteeMember("组织委员", "女", 40)], 20, 0),  # needs 3 from 7 full members
    ([SECRETARY], 6, 5),  # a secretary alone suffices below 7 full members
    ([SECRETARY], None, 0),
    ([CommitteeMember("副书记", "男", 40), CommitteeMember("组织委员", "女", 40),
      CommitteeMember("宣传委员", "男", 33)], 20, 0),  # secretary post vacant
    ([], 3, 0),
])
def test_committee_complete_suggestion(criteria, committee, full_members, score):
    suggested = suggest_scores(criteria, facts(committee=committee, full_member_count=full_members))
    assert suggested["committee_complete"][0] == score


@pytest.mark.parametrize("sexes, score", [(["男", "女"], 3), (["男", "男"], 0), ([None], 0)])
def test_female_member_suggestion(criteria, sexes, score):
    committee = [CommitteeMember("委员", sex, 40) for sex in sexes]
    assert suggest_scores(criteria, facts(committee=committee))["female_member"][0] == score


@pytest.mark.parametrize("ages, score", [([50, 34], 3), ([50, 35], 0), ([None, 60], 0)])
def test_young_cadre_suggestion_needs_someone_under_35(criteria, ages, score):
    committee = [CommitteeMember("委员", "男", age) for age in ages]
    assert suggest_scores(criteria, facts(committee=committee))["young_cadre"][0] == score


@pytest.mark.parametrize("ages, score", [
    ([40, 48], 4),  # 44
    ([48, 48], 4),  # exactly 48
    ([48, 49], 4),  # 48.5: not a whole year over
    ([49, 49], 1),  # one year over: −3
    ([49, 50], 1),  # 49.5: one whole year over
    ([50, 51], 0),  # two years over: −6, and a score never goes below 0
    ([60, 62, None], 0),
])
def test_average_age_suggestion_deducts_per_whole_year_over_48(criteria, ages, score):
    committee = [CommitteeMember("委员", "男", age) for age in ages]
    assert suggest_scores(criteria, facts(committee=committee))["average_age"][0] == score


def test_average_age_can_be_of_all_members(raw):
    _item(raw, "average_age")["rule"]["of"] = "members"
    custom = load_criteria(raw)
    assert suggest_scores(custom, facts(member_ages=[60, 30, 45]))["average_age"][0] == 4


@pytest.mark.parametrize("summary, score", [
    ({"committee": (11, 11), "general_meeting": (4, 4)}, 6),
    ({"committee": (9, 11), "general_meeting": (3, 4)}, 3),
    ({"committee": (0, 11)}, 0),  # deductions stop at 0
    ({"committee": (0, 0)}, 6),
])
def test_meetings_compliance_suggestion_deducts_per_missed_period(criteria, summary, score):
    assert suggest_scores(criteria, facts(meeting_compliance=summary))["meetings_compliance"][0] == score


def test_meetings_compliance_reason_names_the_types(criteria):
    suggested = suggest_scores(criteria, facts(meeting_compliance={"committee": (9, 11)},
                                               meeting_type_names={"committee": "支委会"}))
    assert suggested["meetings_compliance"][1] == "支委会缺 2 次，共扣 2 分"


def _training(members, below):
    return TrainingStats(sessions=1, attendances=0, total_hours=0,
                         hours_by_member={f"m{i}": 0.0 for i in range(members)},
                         below_floor=[(f"m{i}", 0.0, 32.0) for i in range(below)])


@pytest.mark.parametrize("members, below, score", [(10, 0, 3), (10, 10, 0), (10, 5, 1.5), (3, 1, 2), (3, 2, 1)])
def test_training_hours_suggestion_is_the_share_reaching_the_floor(criteria, members, below, score):
    assert suggest_scores(criteria, facts(training=_training(members, below)))["training_hours"][0] == score


@pytest.mark.parametrize("last, score", [
    (date(2025, 3, 1), 3), (date(2023, 12, 21), 3), (date(2023, 12, 20), 0), (None, 0),
])
def test_development_target_suggestion_needs_one_in_the_last_2_years(criteria, last, score):
    assert suggest_scores(criteria, facts(last_development_target_on=last))["development_target"][0] == score


def test_unknown_facts_give_no_suggestion(criteria):
    assert set(suggest_scores(criteria, facts())) == {"development_target"}


def test_suggestions_come_only_for_auto_items(criteria):
    everything = facts(committee=[SECRETARY], full_member_count=5, meeting_compliance={},
                       training=_training(2, 0), last_development_target_on=date(2025, 1, 1))
    assert set(suggest_scores(criteria, everything)) == {
        code for code, item in criteria.items.items() if item.auto}


def test_suggestions_carry_a_reason(criteria):
    assert suggest_scores(criteria, facts(committee=[SECRETARY]))["female_member"] == (0.0, "班子中没有女性成员")


# -- 软弱涣散 warnings ------------------------------------------------------------------------------

def _rows(*missing):
    """Compliance rows: each (type_name, period_key) missing, plus one met."""
    rows = [ComplianceRow("committee", "支委会", "2025-01", date(2025, 1, 1), date(2025, 1, 31), 1, 1, "ok")]
    rows += [ComplianceRow(name, name, key, date(2025, 1, 1), date(2025, 1, 31), 1, 0, "missing")
             for name, key in missing]
    return rows


def weak(**changes):
    kwargs = dict(today=TODAY, secretary_vacant_since=None, compliance_rows=_rows(),
                  last_development_target_on=date(2025, 6, 1))
    kwargs.update(changes)
    return weak_indicators(**kwargs)


def test_a_healthy_village_has_no_weak_indicators():
    assert weak() == []


@pytest.mark.parametrize("since, flagged", [
    (date(2025, 9, 20), False), (date(2025, 9, 19), True), (date(2025, 12, 1), False), (date(2024, 1, 1), True),
])
def test_secretary_vacant_more_than_3_months(since, flagged):
    assert ("secretary_vacant" in [w.code for w in weak(secretary_vacant_since=since)]) is flagged


def test_meetings_not_held_name_the_types_and_periods():
    [indicator] = weak(compliance_rows=_rows(("支委会", "2025-02"), ("支委会", "2025-04"), ("党课", "2025-Q3"),
                                             ("组织生活会", "2024")))
    assert (indicator.code, indicator.detail) == (
        "meetings_irregular",
        "未按规定频次召开：支委会缺 2 个月（2025-02、2025-04）；党课缺 1 个季度（2025-Q3）；组织生活会缺 1 年（2024）")


@pytest.mark.parametrize("last, flagged", [
    (date(2023, 12, 21), False), (date(2023, 12, 20), True), (None, True),
])
def test_no_development_target_for_2_years(last, flagged):
    assert ("no_development" in [w.code for w in weak(last_development_target_on=last)]) is flagged


def test_last_place_in_the_annual_review():
    assert [w.code for w in weak(last_in_annual_review=True)] == ["last_in_review"]


def test_thresholds_can_be_changed():
    indicators = weak(secretary_vacant_since=date(2025, 10, 1), vacancy_months=2)
    assert [w.code for w in indicators] == ["secretary_vacant"]


# -- properties ---------------------------------------------------------------------------------

CRITERIA = default_criteria()
half_points = st.fixed_dictionaries({
    code: st.integers(0, int(item.max * 2)).map(lambda n: n / 2) for code, item in CRITERIA.items.items()})


@given(half_points, half_points)
def test_a_higher_score_never_earns_fewer_stars(a, b):
    ra, rb = score_assessment(CRITERIA, a, set()), score_assessment(CRITERIA, b, set())
    if ra.score <= rb.score:
        assert ra.star_level <= rb.star_level


@given(half_points)
def test_score_is_the_sum_of_item_scores(scores):
    assert score_assessment(CRITERIA, scores, set()).score == sum(scores.values())
