import copy
import json
from datetime import date

import pytest

from dangjian_desktop.core.rulebook import default_rulebook, load_rulebook
from dangjian_desktop.core.rulebook_diff import diff_rulebooks
from dangjian_desktop.errors import RuleError
from dangjian_desktop.paths import resource_path


@pytest.fixture(scope="module")
def default():
    return default_rulebook()


@pytest.fixture
def raw(default):
    return copy.deepcopy(default.raw)


def _item(data, code):
    return next(item for item in data["items"] if item["code"] == code)


def test_default_rulebook_loads(default):
    assert default.code == "default"
    assert default.version == "2026.1"
    assert default.effective_from == date(2026, 1, 1)
    assert default.cycle_start_month == 1
    assert [c.code for c in default.categories] == ["学习教育", "组织生活", "履职践诺", "遵纪守法", "廉洁自律", "服务群众"]


def test_default_rulebook_base_and_bonus_cap_make_a_hundred(default):
    assert default.base_total_x100 == 7000
    assert default.bonus_cap_x100 == 3000


@pytest.mark.parametrize(
    "code, kind, points_x100, cap_x100, cap_period",
    [
        ("attend_general_meeting", "bonus", 100, 400, "year"),
        ("attend_committee", "bonus", 100, 1200, "year"),
        ("attend_training", "bonus", 200, 800, "year"),
        ("volunteer_service", "bonus", 200, 1000, "year"),
        ("absent_meeting", "deduction", -200, None, None),
        ("late_or_early", "deduction", -50, None, None),
        ("absent_training", "deduction", -300, None, None),
        ("skip_labour", "deduction", -200, None, None),
        ("refuse_task", "deduction", -1000, None, None),
        ("break_law", "deduction", -500, None, None),
        ("join_cult", "deduction", -1000, None, None),
    ],
)
def test_default_items(default, code, kind, points_x100, cap_x100, cap_period):
    item = default.items[code]
    assert (item.kind, item.points_x100, item.cap_x100, item.cap_period) == (kind, points_x100, cap_x100, cap_period)


@pytest.mark.parametrize(
    "meeting_type, status, expected",
    [
        ("general_meeting", "出席", "attend_general_meeting"),
        ("committee", "出席", "attend_committee"),
        ("group_meeting", "出席", "attend_group_meeting"),
        ("party_lesson", "出席", "attend_party_lesson"),
        ("theme_day", "出席", "attend_theme_day"),
        ("org_life", "出席", "attend_org_life"),
        ("training", "出席", "attend_training"),
        ("training", "缺席", "absent_training"),
        ("general_meeting", "缺席", "absent_meeting"),
        ("党员夜校", "缺席", "absent_meeting"),
        ("党员夜校", "出席", None),
        ("general_meeting", "请假", None),
        ("general_meeting", "列席", None),
        ("general_meeting", "不计入应到", None),
    ],
)
def test_attendance_item(default, meeting_type, status, expected):
    item = default.attendance_item(meeting_type, status)
    assert (item.code if item else None) == expected


def test_specific_attendance_rule_wins_even_after_wildcard(raw):
    raw["attendance_rules"] = [
        {"meeting_type": "*", "status": "缺席", "item": "absent_meeting"},
        {"meeting_type": "training", "status": "缺席", "item": "absent_training"},
    ]
    assert load_rulebook(raw).attendance_item("training", "缺席").code == "absent_training"


@pytest.mark.parametrize(
    "member_class, item_code, exempt",
    [
        ("年老体弱", "absent_meeting", True),
        ("年老体弱", "absent_training", True),
        ("年老体弱", "refuse_task", False),
        ("流动党员", "skip_labour", True),
        ("流动党员", "absent_meeting", False),
        ("在村党员", "skip_labour", False),
        (None, "skip_labour", False),
        ("不存在的类别", "skip_labour", False),
    ],
)
def test_member_class_exemptions(default, member_class, item_code, exempt):
    assert default.is_exempt(member_class, item_code) is exempt


def test_thresholds_are_in_hundredths(default):
    assert default.member_stars[0] == (9600, 5)
    assert default.grades[-1] == (0, "不合格")
    assert (default.probation.on_time_x100, default.probation.extend_x100) == (8500, 7000)


def test_load_from_path_text_and_dict_agree(default):
    path = resource_path("rulebooks", "default.json")
    from_text = load_rulebook(path.read_text(encoding="utf-8"))
    from_path = load_rulebook(str(path))
    assert from_text == from_path == load_rulebook(default.raw) == default
    assert len({default.sha256, from_text.sha256}) == 1


def test_canonical_json_ignores_key_order_and_whole_number_floats(raw, default):
    reordered = dict(reversed(list(raw.items())))
    reordered["bonus_cap"] = {"period": "year", "points": 30.0}
    assert load_rulebook(reordered).sha256 == default.sha256


def test_to_json_is_sorted_and_keeps_chinese(default):
    text = default.to_json()
    assert "学习教育" in text and "\\u" not in text
    assert json.loads(text)["code"] == "default"
    assert list(json.loads(text)) == sorted(json.loads(text))


def test_changing_a_value_changes_the_hash(raw, default):
    _item(raw, "absent_meeting")["points"] = -1
    assert load_rulebook(raw).sha256 != default.sha256


def test_load_does_not_keep_a_reference_to_the_callers_dict(raw):
    rulebook = load_rulebook(raw)
    raw["code"] = "changed"
    assert rulebook.raw["code"] == "default"


def _item_set(code, key, value):
    def mutate(data):
        if value is _DELETE:
            del _item(data, code)[key]
        else:
            _item(data, code)[key] = value

    return mutate


def _top(key, value):
    def mutate(data):
        if value is _DELETE:
            del data[key]
        else:
            data[key] = value

    return mutate


def _append(key, entry):
    def mutate(data):
        data[key].append(entry)

    return mutate


_DELETE = object()


INVALID = [
    ("wrong format tag", _top("format", "dangjian-rulebook/2"), "格式标记"),
    ("missing format tag", _top("format", _DELETE), "格式标记"),
    ("empty code", _top("code", " "), "细则代码"),
    ("numeric version", _top("version", 2026.1), "版本号"),
    ("bad effective date", _top("effective_from", "2026-13-01"), "生效日期"),
    ("start month 0", _top("cycle_start_month", 0), "周期起始月份"),
    ("start month 13", _top("cycle_start_month", 13), "周期起始月份"),
    ("start month as text", _top("cycle_start_month", "7"), "周期起始月份"),
    ("no categories", _top("categories", []), "类别（categories）必须是非空的列表"),
    ("duplicate category", _append("categories", {"code": "学习教育", "name": "学习教育", "base": 1}), "类别代码“学习教育”重复"),
    ("negative base", lambda d: d["categories"][0].update(base=-1), "基础分不能为负数"),
    ("base finer than 0.01", lambda d: d["categories"][0].update(base=15.001), "0.01"),
    ("unknown category in item", _item_set("absent_meeting", "category", "文明新风"), "所属类别“文明新风”不在类别列表中"),
    ("duplicate item code", _append("items", {"code": "refuse_task", "name": "重复", "category": "履职践诺", "kind": "deduction", "points": -1}), "项目代码“refuse_task”重复"),
    ("unknown kind", _item_set("refuse_task", "kind", "penalty"), "类型（kind）"),
    ("bonus with negative points", _item_set("attend_committee", "points", -5), "加分项的分值必须为正数"),
    ("deduction with positive points", _item_set("absent_meeting", "points", 2), "扣分项的分值必须为负数"),
    ("zero points", _item_set("absent_meeting", "points", 0), "分值不能为 0"),
    ("points finer than 0.01", _item_set("late_or_early", "points", -0.125), "精确到 0.01"),
    ("points as text", _item_set("late_or_early", "points", "-0.5"), "分值必须是数字"),
    ("points as boolean", _item_set("late_or_early", "points", True), "分值必须是数字"),
    ("missing points", _item_set("late_or_early", "points", _DELETE), "分值必须是数字"),
    ("unknown cap period", _item_set("attend_committee", "cap_period", "week"), "上限周期（cap_period）"),
    ("cap without period", _item_set("attend_committee", "cap_period", None), "必须写明上限周期"),
    ("negative cap", _item_set("attend_committee", "cap", -60), "上限必须为正数"),
    ("item without name", _item_set("attend_committee", "name", ""), "项目名称"),
    ("bonus cap by quarter", _top("bonus_cap", {"points": 30, "period": "quarter"}), "只支持按年度"),
    ("bonus cap zero", _top("bonus_cap", {"points": 0, "period": "year"}), "加分总上限"),
    ("attendance rule to unknown item", _append("attendance_rules", {"meeting_type": "*", "status": "请假", "item": "nope"}), "积分项目“nope”不在项目列表中"),
    ("duplicate attendance rule", _append("attendance_rules", {"meeting_type": "*", "status": "缺席", "item": "late_or_early"}), "规则重复"),
    ("exempt unknown item", lambda d: d["member_classes"][0]["exempt_items"].append("nope"), "免扣项目“nope”不在项目列表中"),
    ("duplicate member class", _append("member_classes", {"code": "流动党员", "name": "x", "exempt_items": []}), "党员类别“流动党员”重复"),
    ("stars not descending", lambda d: d["member_stars"][1].update(min=97), "从高到低"),
    ("stars repeated threshold", lambda d: d["member_stars"][1].update(min=96), "从高到低"),
    ("star count not descending", lambda d: d["member_stars"][1].update(stars=5), "星数必须随分数线从高到低递减"),
    ("grades not descending", lambda d: d["grades"][2].update(min=80), "从高到低"),
    ("grade without a zero floor", lambda d: d["grades"][-1].update(min=10), "最低分必须是 0"),
    ("duplicate grade", lambda d: d["grades"][1].update(grade="优秀"), "等次“优秀”重复"),
    ("excellent share zero", _top("excellent_share_max", 0), "优秀等次最高比例"),
    ("excellent share above one", _top("excellent_share_max", 1.5), "优秀等次最高比例"),
    ("probation reversed", _top("probation", {"on_time": 70, "extend": 85}), "按期转正分数必须高于"),
    ("probation missing", _top("probation", _DELETE), "预备党员分数线"),
]


@pytest.mark.parametrize("mutate, message", [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_rulebook_is_rejected(raw, mutate, message):
    mutate(raw)
    with pytest.raises(RuleError, match=message) as caught:
        load_rulebook(raw)
    assert str(caught.value).startswith("积分细则")


def test_error_names_the_item(raw):
    _item_set("attend_committee", "points", -5)(raw)
    with pytest.raises(RuleError, match=r"第 \d+ 个积分项目（attend_committee）"):
        load_rulebook(raw)


@pytest.mark.parametrize(
    "source, message",
    [
        ("/nonexistent/rulebook.json", "找不到积分细则文件"),
        ('{"format": ', "不是有效的 JSON"),
    ],
)
def test_unreadable_sources_are_rejected(source, message):
    with pytest.raises(RuleError, match=message):
        load_rulebook(source)


def test_top_level_must_be_an_object(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(RuleError, match="最外层必须是对象"):
        load_rulebook(path)


def test_cap_is_optional(raw):
    item = _item(raw, "attend_committee")
    item["cap"] = None
    item["cap_period"] = None
    assert load_rulebook(raw).items["attend_committee"].cap_x100 is None


def test_no_bonus_cap(raw):
    raw["bonus_cap"] = None
    assert load_rulebook(raw).bonus_cap_x100 is None


# ------------------------------------------------------------------------------------------- diff


def test_identical_rulebooks_have_no_diff(default):
    assert diff_rulebooks(default, default) == []


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (_top("version", "2026.2"), "版本：2026.1 → 2026.2"),
        (_item_set("absent_meeting", "points", -1), "项目“无故缺席三会一课或主题党日”分值：-2 → -1"),
        (_item_set("late_or_early", "points", -0.25), "项目“参加组织活动迟到早退”分值：-0.5 → -0.25"),
        (_item_set("attend_general_meeting", "cap", 15), "项目“参加支部党员大会”上限：每年最多加 4 分 → 每年最多加 15 分"),
        (_item_set("attend_general_meeting", "cap_period", "quarter"), "项目“参加支部党员大会”上限：每年最多加 4 分 → 每季度最多加 4 分"),
        (_item_set("attend_training", "name", "参加集中培训"), "项目“参加培训班”改名为“参加集中培训”"),
        (
            _append("items", {"code": "plant_trees", "name": "义务植树", "category": "服务群众", "kind": "bonus", "points": 1, "cap": 3, "cap_period": "year"}),
            "新增加分项目“义务植树”（服务群众，+1 分，每年最多加 3 分）",
        ),
        (lambda d: d["items"].remove(_item(d, "join_cult")), "删除项目“参与邪教或非法宗教活动”（join_cult）"),
        (lambda d: d["categories"][0].update(base=20), "类别“学习教育”：基础分 15 → 基础分 20"),
        (_top("bonus_cap", {"points": 20, "period": "year"}), "加分年度总上限：30 → 20"),
        (_top("bonus_cap", None), "加分年度总上限：30 → 不设上限"),
        (lambda d: d["member_stars"][0].update(min=95), "星级分数线“★★★★★”：96 分及以上 → 95 分及以上"),
        (lambda d: d["grades"][0].update(min=85), "等次分数线“优秀”：90 分及以上 → 85 分及以上"),
        (_top("probation", {"on_time": 80, "extend": 70}), "预备党员按期转正分数线：85 → 80"),
        (_top("excellent_share_max", 0.3), "优秀等次比例上限：33.33% → 30.00%"),
        (_top("cycle_start_month", 7), "积分周期起始月份：1 月 → 7 月"),
        (
            _append("attendance_rules", {"meeting_type": "*", "status": "请假", "item": "late_or_early"}),
            "新增考勤规则“*”会议“请假”：计入“参加组织活动迟到早退”",
        ),
        (
            lambda d: d["member_classes"][2]["exempt_items"].append("absent_meeting"),
            "党员类别“流动党员”：免扣项目 无故不参加支部组织的义务劳动 → 免扣项目 无故不参加支部组织的义务劳动、无故缺席三会一课或主题党日",
        ),
    ],
)
def test_diff_lines(default, raw, mutate, expected):
    mutate(raw)
    assert expected in diff_rulebooks(default, load_rulebook(raw))


def test_diff_of_one_change_is_one_line(default, raw):
    _item_set("break_law", "points", -6)(raw)
    assert diff_rulebooks(default, load_rulebook(raw)) == ["项目“违法违规受到处理”分值：-5 → -6"]
