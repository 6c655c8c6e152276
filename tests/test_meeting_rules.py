"""Meeting types, attendance and quorum, meeting records, compliance and study hours (DOMAIN.md §3)."""

import copy
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.core.meetings import (
    ATTENDANCE_STATUSES,
    Attendee,
    ComplianceRow,
    StudyHourFloors,
    attendance_summary,
    compliance,
    compliance_summary,
    counts_expected,
    load_meeting_types,
    overdue,
    training_stats,
    validate_attendance,
    validate_meeting,
)
from dangjian_desktop.errors import RuleError, ValidationError
from dangjian_desktop.paths import resource_path

TODAY = date(2025, 5, 20)


@pytest.fixture(scope="module")
def types():
    return load_meeting_types()


@pytest.fixture
def raw_types():
    return json.loads(resource_path("meeting_types.json").read_text(encoding="utf-8"))


# -- the bundled meeting-type file --------------------------------------------------------------

@pytest.mark.parametrize("code, name, group, frequency, quorum, training", [
    ("general_meeting", "支部党员大会", "三会一课", "quarter", "voting_majority", False),
    ("committee", "支委会", "三会一课", "month", "committee_majority", False),
    ("group_meeting", "党小组会", "三会一课", "month", None, False),
    ("party_lesson", "党课", "三会一课", "quarter", None, True),
    ("theme_day", "主题党日", "主题党日", "month", None, True),
    ("org_life", "组织生活会", "组织生活", "year", None, False),
    ("training", "培训班", "培训", None, None, True),
    ("night_school", "党员夜校", "培训", None, None, True),
])
def test_bundled_type_has_its_rule(types, code, name, group, frequency, quorum, training):
    mtype = types.get(code)
    assert (mtype.name, mtype.group, mtype.frequency, mtype.quorum, mtype.training) == (
        name, group, frequency, quorum, training)


def test_bundled_file_has_exactly_the_known_codes(types):
    assert set(types.types) == {"general_meeting", "committee", "group_meeting", "party_lesson",
                                "theme_day", "org_life", "training", "night_school"}


def test_bundled_floors_are_32_and_56_hours_with_8_hours_a_day(types):
    assert (types.floors.member, types.floors.leader, types.hours_per_day) == (32, 56, 8)


def test_a_year_of_theme_days_and_lessons_reaches_the_member_floor(types):
    hours = 12 * types.get("theme_day").default_hours + 4 * types.get("party_lesson").default_hours
    assert hours == types.floors.member


def test_unknown_type_code_is_a_rule_error(types):
    with pytest.raises(RuleError, match="未知的会议类型"):
        types.get("tea_party")


@pytest.mark.parametrize("as_source", [
    lambda raw, tmp: raw,
    lambda raw, tmp: json.dumps(raw, ensure_ascii=False),
    lambda raw, tmp: (tmp / "t.json").write_text(json.dumps(raw), encoding="utf-8") and tmp / "t.json",
    lambda raw, tmp: (tmp / "t.json").write_text(json.dumps(raw), encoding="utf-8") and str(tmp / "t.json"),
], ids=["mapping", "json-text", "path", "path-string"])
def test_types_load_from_any_source(raw_types, tmp_path, as_source):
    assert set(load_meeting_types(as_source(raw_types, tmp_path)).types) == {t["code"] for t in raw_types["types"]}


def _set(path, value):
    def change(raw):
        target = raw
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


@pytest.mark.parametrize("change, fragment", [
    (_set(["format"], "other/1"), "文件格式"),
    (_set(["version"], ""), "版本号"),
    (_set(["study_hour_floors"], {"member": 32}), "study_hour_floors"),
    (_set(["hours_per_day"], 0), "hours_per_day"),
    (_set(["types"], []), "types 应为非空列表"),
    (_set(["types", 1, "code"], "general_meeting"), "代码重复：general_meeting"),
    (_set(["types", 0, "code"], "党员大会"), "代码无效"),
    (_set(["types", 0, "name"], " "), "缺少名称"),
    (_set(["types", 0, "group"], "其他"), "类别"),
    (_set(["types", 0, "frequency"], "week"), "频次"),
    (_set(["types", 0, "required"], 0), "每期次数"),
    (_set(["types", 0, "quorum"], "all"), "法定人数"),
    (_set(["types", 0, "training"], "yes"), "training"),
    (_set(["types", 0, "default_hours"], 30), "默认学时"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_broken_type_file_is_a_rule_error_saying_why(raw_types, change, fragment):
    change(raw_types)
    with pytest.raises(RuleError, match=fragment):
        load_meeting_types(raw_types)


def test_type_file_problems_are_all_listed(raw_types):
    raw_types["format"] = "x"
    raw_types["types"][0]["group"] = "x"
    with pytest.raises(RuleError) as caught:
        load_meeting_types(raw_types)
    assert "文件格式" in caught.value.message and "类别" in caught.value.message


@pytest.mark.parametrize("source, fragment", [("{not json", "不是有效的 JSON"), ("/nonexistent/types.json", "无法读取")])
def test_unreadable_type_file_is_a_rule_error(source, fragment):
    with pytest.raises(RuleError, match=fragment):
        load_meeting_types(source)


# -- attendance ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status, expected", [
    ("出席", True), ("请假", True), ("缺席", True), ("列席", False), ("不计入应到", False),
])
def test_which_statuses_count_in_expected(status, expected):
    assert counts_expected(status) is expected


def test_statuses_are_the_five_of_the_attendance_table():
    assert ATTENDANCE_STATUSES == ("出席", "请假", "缺席", "列席", "不计入应到")


@pytest.mark.parametrize("status, reason, cleaned", [
    ("出席", None, ("出席", None)),
    ("请假", "  外出务工 ", ("请假", "外出务工")),
    ("缺席", "", ("缺席", None)),
    ("不计入应到", "长期患病", ("不计入应到", "长期患病")),
])
def test_valid_attendance_is_cleaned(status, reason, cleaned):
    assert validate_attendance(status, reason) == cleaned


@pytest.mark.parametrize("status, reason, fragment", [
    ("不计入应到", None, "须注明原因"),
    ("不计入应到", "   ", "须注明原因"),
    ("迟到", None, "未知的出勤状态"),
])
def test_invalid_attendance_is_rejected(status, reason, fragment):
    with pytest.raises(ValidationError, match=fragment):
        validate_attendance(status, reason)


def _people(spec):
    """'出席 v c' → an attendee with a vote on the committee; 'p' marks a probationary member."""
    out = []
    for i, entry in enumerate(spec):
        status, *flags = entry.split()
        out.append(Attendee(f"m{i}", status, has_vote="p" not in flags, is_committee="c" in flags))
    return out


@pytest.mark.parametrize("spec, counts", [
    (["出席", "出席", "请假", "缺席", "列席", "不计入应到"], (4, 2, 1, 1, 1, 1)),
    (["列席", "列席"], (0, 0, 0, 0, 2, 0)),
    ([], (0, 0, 0, 0, 0, 0)),
])
def test_summary_counts_expected_present_leave_absent_observers_excluded(spec, counts):
    s = attendance_summary(_people(spec), quorum_rule=None)
    assert (s.expected, s.present, s.on_leave, s.absent, s.observers, s.excluded) == counts


@pytest.mark.parametrize("spec, required, met", [
    (["出席", "出席", "缺席"], 2, True),  # 2 of 3 voters
    (["出席", "出席", "缺席", "缺席"], 3, False),  # exactly half is not more than half
    (["出席", "出席", "缺席", "出席 p", "出席 p"], 2, True),  # probationary members have no vote
    (["出席", "缺席", "缺席", "出席 p", "出席 p"], 2, False),  # ... and do not make the quorum
    (["出席", "出席", "缺席", "不计入应到", "不计入应到"], 2, True),  # excluded members leave the base
    (["出席", "请假", "请假"], 2, False),  # leave counts in the base
    (["列席", "列席", "列席"], 1, False),  # observers are not members present
])
def test_general_meeting_quorum_is_more_than_half_of_voters(spec, required, met):
    s = attendance_summary(_people(spec), quorum_rule="voting_majority")
    assert (s.quorum_required, s.quorum_met) == (required, met)


@pytest.mark.parametrize("spec, required, met", [
    (["出席 c", "出席 c", "缺席 c"], 2, True),
    (["出席 c", "缺席 c", "请假 c", "出席", "出席"], 2, False),  # other members do not count
    (["出席 c", "出席 c", "请假 c", "缺席 c", "出席 c"], 3, True),
    (["出席 c"], 1, True),
])
def test_committee_quorum_is_more_than_half_of_committee(spec, required, met):
    s = attendance_summary(_people(spec), quorum_rule="committee_majority")
    assert (s.quorum_required, s.quorum_met) == (required, met)


def test_summary_counts_voters_and_committee_separately():
    s = attendance_summary(_people(["出席 c", "缺席 c", "出席 p", "出席", "列席 c"]), quorum_rule=None)
    assert (s.voting_expected, s.voting_present, s.committee_expected, s.committee_present) == (3, 2, 2, 1)


def test_no_quorum_rule_gives_no_quorum():
    s = attendance_summary(_people(["出席"]), quorum_rule=None)
    assert (s.quorum_required, s.quorum_met) == (None, None)


@pytest.mark.parametrize("spec, rate", [(["出席", "出席", "缺席", "请假"], 0.5), (["列席"], None)])
def test_rate_is_present_over_expected(spec, rate):
    assert attendance_summary(_people(spec), quorum_rule=None).rate == rate


def test_summary_rejects_a_member_listed_twice():
    with pytest.raises(ValidationError, match="两次"):
        attendance_summary([Attendee("m1", "出席"), Attendee("m1", "缺席")], quorum_rule=None)


def test_summary_rejects_an_unknown_quorum_rule():
    with pytest.raises(RuleError):
        attendance_summary([], quorum_rule="unanimous")


# -- meeting records ----------------------------------------------------------------------------

def _record(**changes):
    record = {"type_code": "committee", "title": "研究发展对象人选", "held_on": "2025-05-06",
              "start_time": "14:00", "end_time": "15:30", "place": "村党群服务中心", "host": "张书记",
              "recorder": "李委员", "lecturer": "", "content": "讨论", "decisions": "同意", "hours": None,
              "note": None}
    record.update(changes)
    return record


def test_valid_record_is_cleaned_to_the_meeting_columns(types):
    cleaned = validate_meeting(_record(title="  研究发展对象人选 ", extra="dropped"), types, today=TODAY)
    assert cleaned == {"type_code": "committee", "title": "研究发展对象人选", "held_on": "2025-05-06",
                       "start_time": "14:00", "end_time": "15:30", "place": "村党群服务中心", "host": "张书记",
                       "recorder": "李委员", "lecturer": None, "content": "讨论", "decisions": "同意",
                       "hours": 1.5, "note": None}


@pytest.mark.parametrize("held_on, stored", [
    ("2025-05-06", "2025-05-06"), ("2025/5/6", "2025-05-06"), ("2025.5.6", "2025-05-06"),
    ("2025年5月6日", "2025-05-06"), (date(2025, 5, 6), "2025-05-06"), (TODAY, TODAY.isoformat()),
])
def test_meeting_date_is_stored_as_iso_text(types, held_on, stored):
    assert validate_meeting(_record(held_on=held_on), types, today=TODAY)["held_on"] == stored


@pytest.mark.parametrize("changes, field, fragment", [
    ({"type_code": "tea_party"}, "type_code", "未知的会议类型"),
    ({"type_code": ""}, "type_code", "请选择会议类型"),
    ({"title": "  "}, "title", "不能为空"),
    ({"title": "议" * 201}, "title", "不能超过"),
    ({"held_on": None}, "held_on", "请填写会议日期"),
    ({"held_on": "2025-02-30"}, "held_on", "会议日期无效"),
    ({"held_on": "明天"}, "held_on", "会议日期无效"),
    ({"held_on": "2025-05-21"}, "held_on", "晚于今天"),
    ({"start_time": "2pm"}, "start_time", "时:分"),
    ({"end_time": "24:00"}, "end_time", "时:分"),
    ({"end_time": "13:00"}, "end_time", "晚于开始时间"),
    ({"end_time": "14:00"}, "end_time", "晚于开始时间"),
    ({"hours": -1}, "hours", "0–24"),
    ({"hours": 25}, "hours", "0–24"),
    ({"hours": "两小时"}, "hours", "0–24"),
    ({"type_code": "party_lesson", "lecturer": " "}, "lecturer", "授课人"),
])
def test_invalid_record_names_the_field(types, changes, field, fragment):
    with pytest.raises(ValidationError) as caught:
        validate_meeting(_record(**changes), types, today=TODAY)
    assert [(p.field, fragment in p.reason) for p in caught.value.problems] == [(field, True)]


def test_all_problems_of_a_record_are_listed_at_once(types):
    with pytest.raises(ValidationError) as caught:
        validate_meeting(_record(title="", held_on="2099-01-01", hours=-2), types, today=TODAY)
    assert {p.field for p in caught.value.problems} == {"title", "held_on", "hours"}


@pytest.mark.parametrize("changes, hours", [
    ({"hours": 3}, 3.0),
    ({"hours": "2.5"}, 2.5),
    ({"hours": 0}, 0.0),
    ({"start_time": "14:00", "end_time": "15:20"}, 1.5),  # nearest half hour
    ({"start_time": "08:30", "end_time": "17:30"}, 8.0),  # a full day counts 8 hours
    ({"start_time": None, "end_time": None}, 0.0),  # not a training type: no study hours
    ({"type_code": "party_lesson", "lecturer": "王老师", "start_time": None, "end_time": None}, 2.0),
    ({"type_code": "training", "start_time": None, "end_time": None}, 8.0),
    ({"type_code": "training", "start_time": "08:30", "end_time": "11:30"}, 3.0),  # times win
])
def test_hours_come_from_input_then_times_then_training_default(types, changes, hours):
    assert validate_meeting(_record(**changes), types, today=TODAY)["hours"] == hours


def test_party_lesson_with_lecturer_is_valid(types):
    assert validate_meeting(_record(type_code="party_lesson", lecturer="王老师"), types, today=TODAY)["lecturer"] == "王老师"


@pytest.mark.parametrize("start, stored", [("8:05", "08:05"), ("08：05", "08:05"), ("08:05", "08:05")])
def test_times_are_stored_as_hh_mm(types, start, stored):
    assert validate_meeting(_record(start_time=start), types, today=TODAY)["start_time"] == stored


# -- compliance ---------------------------------------------------------------------------------

def _row(rows, code, key) -> ComplianceRow:
    return next(r for r in rows if (r.type_code, r.period_key) == (code, key))


@pytest.mark.parametrize("code, keys", [
    ("committee", [f"2025-{m:02d}" for m in range(1, 13)]),
    ("general_meeting", ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]),
    ("org_life", ["2025"]),
    ("training", []),  # no required frequency: no rows
])
def test_compliance_has_one_row_per_period_of_each_type(types, code, keys):
    rows = compliance([], types, year=2025, today=TODAY)
    assert [r.period_key for r in rows if r.type_code == code] == keys


@pytest.mark.parametrize("code, key, start, end", [
    ("committee", "2025-02", date(2025, 2, 1), date(2025, 2, 28)),
    ("general_meeting", "2025-Q2", date(2025, 4, 1), date(2025, 6, 30)),
    ("org_life", "2025", date(2025, 1, 1), date(2025, 12, 31)),
])
def test_period_bounds(types, code, key, start, end):
    row = _row(compliance([], types, year=2025, today=TODAY), code, key)
    assert (row.period_start, row.period_end) == (start, end)


HELD = [("committee", date(2025, 1, 8)), ("committee", date(2025, 1, 20)), ("committee", date(2025, 3, 3)),
        ("committee", date(2025, 5, 6)), ("general_meeting", date(2025, 2, 10)),
        ("committee", date(2024, 2, 5)), ("tea_party", date(2025, 2, 5)), ("training", date(2025, 2, 5))]


@pytest.mark.parametrize("code, key, held, status", [
    ("committee", "2025-01", 2, "ok"),
    ("committee", "2025-02", 0, "missing"),  # a meeting of 2024 does not count
    ("committee", "2025-03", 1, "ok"),
    ("committee", "2025-04", 0, "missing"),
    ("committee", "2025-05", 1, "ok"),  # current period, already met
    ("committee", "2025-06", 0, "future"),
    ("general_meeting", "2025-Q1", 1, "ok"),
    ("general_meeting", "2025-Q2", 0, "due"),  # not ended, not yet met
    ("general_meeting", "2025-Q3", 0, "future"),
    ("org_life", "2025", 0, "due"),
])
def test_compliance_status_per_period(types, code, key, held, status):
    row = _row(compliance(HELD, types, year=2025, today=TODAY), code, key)
    assert (row.held, row.status) == (held, status)


def test_last_day_of_a_period_is_still_due(types):
    row = _row(compliance([], types, year=2025, today=date(2025, 5, 31)), "committee", "2025-05")
    assert row.status == "due"


def test_required_count_comes_from_the_type_file(raw_types):
    raw_types["types"][1]["required"] = 2  # committee twice a month
    custom = load_meeting_types(raw_types)
    rows = compliance([("committee", date(2025, 1, 8))], custom, year=2025, today=TODAY)
    assert (_row(rows, "committee", "2025-01").required, _row(rows, "committee", "2025-01").status) == (2, "missing")


def test_held_dates_may_be_iso_text(types):
    rows = compliance([("committee", "2025-02-05")], types, year=2025, today=TODAY)
    assert _row(rows, "committee", "2025-02").status == "ok"


@pytest.mark.parametrize("code, summary", [
    ("committee", (3, 5)),  # Jan, Mar, May met; Feb, Apr missing; Jun… not yet judged
    ("general_meeting", (1, 1)),  # Q2 is due, not judged yet
    ("org_life", (0, 0)),
    ("group_meeting", (0, 4)),
])
def test_compliance_summary_is_met_over_judged_periods(types, code, summary):
    assert compliance_summary(compliance(HELD, types, year=2025, today=TODAY))[code] == summary


def test_overdue_lists_the_missing_periods(types):
    rows = overdue(compliance(HELD, types, year=2025, today=TODAY))
    assert [(r.type_code, r.period_key) for r in rows if r.type_code == "committee"] == [
        ("committee", "2025-02"), ("committee", "2025-04")]


def test_a_past_year_has_no_due_periods(types):
    rows = compliance([], types, year=2024, today=TODAY)
    assert {r.status for r in rows} == {"missing"}


# -- study hours --------------------------------------------------------------------------------

SESSIONS = [("s1", 2), ("s2", 2), ("s3", 8)]
ATTENDANCE = [("s1", "a", "出席"), ("s2", "a", "出席"), ("s3", "a", "出席"),
              ("s1", "b", "出席"), ("s2", "b", "请假"), ("s3", "b", "缺席"),
              ("s1", "c", "列席"), ("s1", "x", "出席"),  # x is not on the roster
              ("m9", "a", "出席"),  # not a training session
              ("s1", "a", "出席")]  # entered twice
MEMBERS = [("a", False), ("b", True), ("c", False)]


@pytest.fixture
def stats():
    return training_stats(SESSIONS, ATTENDANCE, MEMBERS, StudyHourFloors(32, 56))


def test_sessions_are_counted_as_periods(stats):
    assert stats.sessions == 3


def test_attendances_count_each_member_at_each_session(stats):
    assert stats.attendances == 5  # a ×3, b ×1, x ×1


def test_hours_by_member_count_only_present(stats):
    assert stats.hours_by_member == {"a": 12.0, "b": 2.0, "c": 0.0}


def test_total_hours_are_summed_over_attendances(stats):
    assert (stats.total_hours, stats.session_hours) == (16.0, 12.0)


def test_below_floor_uses_the_leader_floor_for_leaders(stats):
    assert stats.below_floor == [("a", 12.0, 32.0), ("b", 2.0, 56.0), ("c", 0.0, 32.0)]


@pytest.mark.parametrize("hours, is_leader, below", [(32, False, False), (31.5, False, True),
                                                      (55, True, True), (56, True, False)])
def test_floor_is_reached_at_exactly_the_floor(hours, is_leader, below):
    stats = training_stats([("s", hours)], [("s", "a", "出席")], [("a", is_leader)], {"member": 32, "leader": 56})
    assert bool(stats.below_floor) is below


def test_training_stats_accept_floors_from_the_type_file(types):
    stats = training_stats([], [], [("a", True)], types.floors)
    assert stats.below_floor == [("a", 0.0, 56.0)]


def test_type_file_is_not_changed_by_loading(raw_types):
    before = copy.deepcopy(raw_types)
    load_meeting_types(raw_types)
    assert raw_types == before


# -- properties ---------------------------------------------------------------------------------

attendees = st.lists(st.tuples(st.sampled_from(ATTENDANCE_STATUSES), st.booleans(), st.booleans()), max_size=30)


@given(attendees)
def test_voting_quorum_is_met_exactly_when_more_than_half_of_voters_are_present(spec):
    people = [Attendee(f"m{i}", status, vote, committee) for i, (status, vote, committee) in enumerate(spec)]
    s = attendance_summary(people, quorum_rule="voting_majority")
    assert s.quorum_met == (2 * s.voting_present > s.voting_expected)


@given(attendees)
def test_expected_is_present_plus_leave_plus_absent(spec):
    people = [Attendee(f"m{i}", status, vote, committee) for i, (status, vote, committee) in enumerate(spec)]
    s = attendance_summary(people, quorum_rule=None)
    assert s.expected == s.present + s.on_leave + s.absent
    assert s.expected + s.observers + s.excluded == len(people)
