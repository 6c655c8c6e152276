from datetime import date, datetime

import pytest

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.core.members import (
    AGE_BANDS,
    CATEGORIES,
    EDUCATION_LEVELS,
    MEMBER_KEYS,
    ROSTER_COLUMNS,
    age_band,
    age_on,
    check_stage_change,
    check_status_change,
    clean_member,
    education_band,
    has_vote,
    is_leader,
    is_on_roster,
    normalize_education,
    parse_date,
    party_age,
)
from dangjian_desktop.errors import ValidationError

TODAY = date(2024, 6, 1)
MAN = make_id(date(1965, 3, 12), "男", seq=11)
WOMAN = make_id(date(1965, 3, 12), "女", seq=12)


def member(**changes) -> dict:
    raw = {"name": "张三", "id_number": MAN, "category": "正式党员",
           "joined_on": "1990-07-01", "full_on": "1991-07-01"}
    raw.update(changes)
    return raw


def problems_of(raw: dict) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        clean_member(raw, today=TODAY)
    return [(p.field, p.reason) for p in caught.value.problems]


# ---- constants -------------------------------------------------------------------------------

def test_roster_columns_follow_the_national_form_order():
    national = ["姓名", "所在党支部", "公民身份号码", "性别", "民族", "出生日期", "学历", "人员类别",
                "加入党组织日期", "转为正式党员日期", "工作岗位", "手机号", "固定电话", "家庭住址",
                "党籍状态", "是否为失联党员", "失去联系日期", "是否为流动党员", "外出流向", "备注"]
    assert [header for _, header in ROSTER_COLUMNS][:len(national)] == national


def test_every_member_key_is_cleaned():
    assert set(clean_member(member(), today=TODAY)) == set(MEMBER_KEYS)


# ---- parse_date ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    date(1965, 3, 12), datetime(1965, 3, 12, 8, 30), "1965-03-12", "1965.03.12", "1965/3/12",
    "1965年3月12日", "1965 年 3 月 12 日", "19650312", "1965-03-12 00:00:00", "1965-03-12T00:00:00",
    "１９６５－０３－１２", " 1965.3.12 ", 19650312, 19650312.0,
])
def test_parse_date_accepts(value):
    assert parse_date(value) == date(1965, 3, 12)


@pytest.mark.parametrize("value, reason", [
    ("1965.3", "只有年月"),
    ("1965年3月", "只有年月"),
    ("1965-03", "只有年月"),
    ("196503", "只有年月"),
    ("1965", "只有年月"),
    (1965.03, "只有年月"),
    ("1965-02-30", "不存在"),
    ("1965-13-01", "不存在"),
    ("1700-01-01", "年份不对"),
    ("三月十二日", "无法识别"),
    ("12/03/1965", "无法识别"),
    (23813.5, "无法识别"),
    (None, "不能为空"),
    ("", "不能为空"),
    (True, "无法识别"),
])
def test_parse_date_rejects(value, reason):
    with pytest.raises(ValidationError) as caught:
        parse_date(value)
    assert reason in str(caught.value)


def test_parse_date_names_the_field_it_was_given():
    with pytest.raises(ValidationError) as caught:
        parse_date("1965.3", field="birth_date", label="出生日期")
    assert caught.value.problems[0].field == "birth_date"


# ---- lists and bands -------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    *((level, level) for level in EDUCATION_LEVELS),
    ("本科", "大学本科"), ("大专", "大学专科"), ("专科", "大学专科"), ("中专", "中等专科"),
    ("职高", "中等专科"), ("小学", "小学及以下"), ("文盲", "小学及以下"), ("硕士", "研究生"),
    ("博士研究生", "研究生"), ("高中毕业", "高中"), (" 初中 ", "初中"), ("", None), (None, None),
])
def test_normalize_education(value, expected):
    assert normalize_education(value) == expected


@pytest.mark.parametrize("value", ["幼儿园", "大学", "高一"])
def test_normalize_education_rejects_unknown(value):
    with pytest.raises(ValidationError):
        normalize_education(value)


@pytest.mark.parametrize("level, band", [
    ("研究生", "本科及以上"), ("大学本科", "本科及以上"), ("本科", "本科及以上"),
    ("大学专科", "大专"), ("中等专科", "高中/中专"), ("高中", "高中/中专"),
    ("初中", "初中及以下"), ("小学及以下", "初中及以下"), ("文盲", "初中及以下"),
])
def test_education_band(level, band):
    assert education_band(level) == band


def test_education_band_of_blank_is_an_error():
    with pytest.raises(ValidationError):
        education_band(None)


@pytest.mark.parametrize("age, band", [
    (18, AGE_BANDS[0]), (35, AGE_BANDS[0]), (36, AGE_BANDS[1]), (45, AGE_BANDS[1]),
    (46, AGE_BANDS[2]), (55, AGE_BANDS[2]), (56, AGE_BANDS[3]), (60, AGE_BANDS[3]),
    (61, AGE_BANDS[4]), (99, AGE_BANDS[4]),
])
def test_age_band(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize("post, expected", [
    ("书记", True), ("副书记", True), ("组织委员", True), ("宣传委员", True), ("纪检委员", True),
    ("支部书记", True), ("副书记、纪检委员", True), ("党小组长", False), ("", False),
    (None, False), ("党小组长、宣传委员", True),
])
def test_is_leader(post, expected):
    assert is_leader(post) is expected


@pytest.mark.parametrize("birth, day, age", [
    (date(1965, 3, 12), date(2024, 3, 11), 58),
    (date(1965, 3, 12), date(2024, 3, 12), 59),
    ("1965-03-12", date(2024, 6, 1), 59),
    (date(2000, 2, 29), date(2023, 2, 28), 22),
    (date(2000, 2, 29), date(2023, 3, 1), 23),
])
def test_age_on(birth, day, age):
    assert age_on(birth, day) == age


@pytest.mark.parametrize("joined, day, years", [
    ("1990-07-01", date(2024, 6, 30), 33),
    ("1990-07-01", date(2024, 7, 1), 34),
    (date(2024, 1, 1), date(2024, 6, 1), 0),
])
def test_party_age(joined, day, years):
    assert party_age(joined, day) == years


# ---- clean_member: what it normalises --------------------------------------------------------

@pytest.mark.parametrize("changes, key, expected", [
    ({"name": "  张三 "}, "name", "张三"),
    ({"name": "张  三"}, "name", "张三"),
    ({"name": "阿不都·热合曼"}, "name", "阿不都·热合曼"),
    ({"id_number": MAN[:-1] + MAN[-1].lower()}, "id_number", MAN),
    ({"id_number": MAN[:6] + MAN[8:17]}, "id_number", MAN),
    ({}, "sex", "男"),
    ({}, "birth_date", "1965-03-12"),
    ({"birth_date": "1965年3月12日"}, "birth_date", "1965-03-12"),
    ({"birth_date": datetime(1965, 3, 12)}, "birth_date", "1965-03-12"),
    ({"joined_on": date(1990, 7, 1)}, "joined_on", "1990-07-01"),
    ({"sex": "男性"}, "sex", "男"),
    ({"phone": "138 0013 8000"}, "phone", "13800138000"),
    ({"phone": "138-0013-8000"}, "phone", "13800138000"),
    ({"phone": "+86 13800138000"}, "phone", "13800138000"),
    ({"phone": 13800138000}, "phone", "13800138000"),
    ({"landline": "(0755)8888-6666"}, "landline", "(0755)8888-6666"),
    ({"landline": "0755 88886666"}, "landline", "075588886666"),
    ({"ethnicity": "汉"}, "ethnicity", "汉族"),
    ({"ethnicity": "蒙古族"}, "ethnicity", "蒙古族"),
    ({"education": "大专"}, "education", "大学专科"),
    ({"category": "正式"}, "category", "正式党员"),
    ({}, "standing", "正常"),
    ({}, "status", "在册"),
    ({}, "lost_contact", 0),
    ({"flowing": "是"}, "flowing", 1),
    ({"flowing": "否"}, "flowing", 0),
    ({"flowing": True}, "flowing", 1),
    ({"flowing": 1}, "flowing", 1),
    ({"flowing": "0"}, "flowing", 0),
    ({"flowing": ""}, "flowing", 0),
    ({"flowing": "是", "flow_to": " 广东省深圳市 "}, "flow_to", "广东省深圳市"),
    ({"dues_standard": "0.5元"}, "dues_standard", 0.5),
    ({"dues_standard": 2}, "dues_standard", 2.0),
    ({"dues_paid_until": "2024.6"}, "dues_paid_until", "2024-06"),
    ({"dues_paid_until": "2024年6月"}, "dues_paid_until", "2024-06"),
    ({"dues_paid_until": 202406}, "dues_paid_until", "2024-06"),
    ({"dues_paid_until": datetime(2024, 6, 1)}, "dues_paid_until", "2024-06"),
    ({"group_name": 1.0}, "group_name", "1"),
    ({"note": "  "}, "note", None),
    ({"uuid": "abc"}, "uuid", "abc"),
])
def test_clean_member_normalises(changes, key, expected):
    assert clean_member(member(**changes), today=TODAY)[key] == expected


@pytest.mark.parametrize("category, changes", [
    ("入党申请人", {"joined_on": None, "full_on": None}),
    ("入党积极分子", {"joined_on": None, "full_on": None}),
    ("发展对象", {"joined_on": None, "full_on": None}),
    ("预备党员", {"joined_on": "2023-07-01", "full_on": None}),
    ("正式党员", {}),
])
def test_every_category_with_its_dates_is_accepted(category, changes):
    assert clean_member(member(category=category, **changes), today=TODAY)["category"] == category


def test_joining_on_the_eighteenth_birthday_is_accepted():
    raw = member(joined_on="1983-03-12", full_on="1984-03-12")
    assert clean_member(raw, today=TODAY)["joined_on"] == "1983-03-12"


def test_lost_contact_with_a_date_is_accepted():
    raw = member(lost_contact="是", lost_contact_on="2023.01.05")
    cleaned = clean_member(raw, today=TODAY)
    assert (cleaned["lost_contact"], cleaned["lost_contact_on"]) == (1, "2023-01-05")


def test_clean_member_does_not_change_its_input():
    raw = member(name=" 张三 ")
    clean_member(raw, today=TODAY)
    assert raw["name"] == " 张三 "


# ---- clean_member: what it rejects -----------------------------------------------------------

@pytest.mark.parametrize("changes, field, words", [
    ({"name": ""}, "name", "姓名不能为空"),
    ({"name": "张" * 31}, "name", "太长"),
    ({"id_number": None}, "id_number", "不能为空"),
    ({"id_number": MAN[:-1] + ("0" if MAN[-1] != "0" else "1")}, "id_number", f"应为 {MAN[-1]}"),
    ({"id_number": 1.10105196503e17}, "id_number", "Excel 当作数字"),
    ({"category": None}, "category", "人员类别不能为空"),
    ({"category": "党员"}, "category", "人员类别“党员”不对"),
    ({"birth_date": "1965-03-13"}, "birth_date", "1965-03-13 与身份证号中的出生日期 1965-03-12"),
    ({"birth_date": "1965.3"}, "birth_date", "只有年月"),
    ({"sex": "女"}, "sex", "性别“女”与身份证号显示的性别“男”不一致"),
    ({"sex": "未知"}, "sex", "性别“未知”不对"),
    ({"id_number": WOMAN, "birth_date": "2030-01-01"}, "birth_date", "不一致"),
    ({"joined_on": "1960-01-01", "full_on": "1961-01-01"}, "joined_on", "不在出生日期"),
    ({"joined_on": "1965-03-12"}, "joined_on", "不在出生日期"),
    ({"joined_on": "1983-03-11", "full_on": "1984-03-11"}, "joined_on", "未满 18 周岁"),
    ({"joined_on": "1990-07-01", "full_on": "1990-06-30"}, "full_on", "早于加入党组织日期"),
    ({"full_on": "2024-06-02"}, "full_on", "晚于今天"),
    ({"category": "预备党员", "joined_on": "2024-06-02", "full_on": None}, "joined_on", "晚于今天"),
    ({"lost_contact": "是", "lost_contact_on": "2025-01-01"}, "lost_contact_on", "晚于今天"),
    ({"joined_on": None}, "joined_on", "正式党员须填写加入党组织日期"),
    ({"category": "预备党员", "joined_on": None, "full_on": None}, "joined_on", "预备党员须填写"),
    ({"full_on": None}, "full_on", "正式党员须填写转为正式党员日期"),
    ({"category": "预备党员"}, "full_on", "预备党员尚未转正"),
    ({"category": "发展对象", "full_on": None}, "joined_on", "发展对象尚未入党"),
    ({"joined_on": "1990.7"}, "joined_on", "只有年月"),
    ({"phone": "12345678901"}, "phone", "手机号“12345678901”不对"),
    ({"phone": "1380013800"}, "phone", "手机号"),
    ({"landline": "123"}, "landline", "固定电话"),
    ({"landline": "0755-8888#66"}, "landline", "固定电话"),
    ({"standing": "暂停"}, "standing", "党籍状态“暂停”不对"),
    ({"status": "失联"}, "status", "状态“失联”不对"),
    ({"education": "幼儿园"}, "education", "学历“幼儿园”无法识别"),
    ({"lost_contact": "可能"}, "lost_contact", "应填 是 或 否"),
    ({"lost_contact": "是"}, "lost_contact_on", "失联党员须填写失去联系日期"),
    ({"dues_standard": "五毛"}, "dues_standard", "不是金额"),
    ({"dues_standard": -1}, "dues_standard", "不能为负数"),
    ({"dues_paid_until": "2024.13"}, "dues_paid_until", "应写成 2024-06"),
    ({"dues_paid_until": 2024.1}, "dues_paid_until", "Excel 当作数字"),
])
def test_clean_member_rejects(changes, field, words):
    found = problems_of(member(**changes))
    assert any(f == field and words in reason for f, reason in found), found


def test_clean_member_lists_every_problem_at_once():
    raw = member(name="", sex="女", phone="123", category="预备党员")
    fields = [f for f, _ in problems_of(raw)]
    assert sorted(fields) == ["full_on", "name", "phone", "sex"]


def test_a_bad_id_reports_no_extra_problems_for_birth_and_sex():
    assert [f for f, _ in problems_of(member(id_number="123"))] == ["id_number"]


# ---- lifecycle -------------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    *zip(CATEGORIES, CATEGORIES[1:4]),
    ("正式党员", "正式党员"),
    ("入党申请人", "入党申请人"),
])
def test_stage_change_allowed(old, new):
    check_stage_change(old, new)


def test_probationer_becomes_full_with_a_date():
    check_stage_change("预备党员", "正式党员", full_on=date(2024, 5, 1))


@pytest.mark.parametrize("old, new, full_on, words", [
    ("预备党员", "正式党员", None, "须填写转正日期"),
    ("预备党员", "发展对象", None, "除名"),
    ("正式党员", "预备党员", None, "不能退回"),
    ("入党积极分子", "入党申请人", None, "不能退回"),
    ("入党申请人", "发展对象", None, "须先成为入党积极分子"),
    ("发展对象", "正式党员", date(2024, 1, 1), "须先成为预备党员"),
    ("群众", "入党申请人", None, "人员类别“群众”不对"),
    ("正式党员", "老党员", None, "人员类别“老党员”不对"),
])
def test_stage_change_rejected(old, new, full_on, words):
    with pytest.raises(ValidationError) as caught:
        check_stage_change(old, new, full_on=full_on)
    assert words in str(caught.value)


@pytest.mark.parametrize("old, new, on, note", [
    ("在册", "转出", date(2024, 1, 1), None),
    ("在册", "死亡", date(2024, 1, 1), None),
    ("在册", "出党", date(2024, 1, 1), "自行脱党"),
    ("在册", "除名", date(2024, 1, 1), "预备期未通过"),
    ("转出", "在册", date(2024, 3, 1), None),
    ("死亡", "死亡", None, None),
])
def test_status_change_allowed(old, new, on, note):
    check_status_change(old, new, on=on, note=note)


@pytest.mark.parametrize("old, new, on, note, field", [
    ("在册", "转出", None, None, "status_changed_on"),
    ("在册", "除名", date(2024, 1, 1), "  ", "status_note"),
    ("在册", "出党", date(2024, 1, 1), None, "status_note"),
    ("死亡", "在册", date(2024, 1, 1), None, "status"),
    ("除名", "在册", date(2024, 1, 1), None, "status"),
    ("转出", "死亡", date(2024, 1, 1), None, "status"),
    ("在册", "失联", date(2024, 1, 1), None, "status"),
])
def test_status_change_rejected(old, new, on, note, field):
    with pytest.raises(ValidationError) as caught:
        check_status_change(old, new, on=on, note=note)
    assert caught.value.problems[0].field == field


def test_status_change_reports_date_and_reason_together():
    with pytest.raises(ValidationError) as caught:
        check_status_change("在册", "除名", on=None, note=None)
    assert [p.field for p in caught.value.problems] == ["status_changed_on", "status_note"]


ROSTER_CASES = [
    # (record, on the roster, has a vote)
    ({"status": "在册", "category": "正式党员", "standing": "正常"}, True, True),
    ({"status": "在册", "category": "正式党员", "standing": "停止党籍"}, True, False),
    ({"status": "在册", "category": "预备党员", "standing": "正常"}, True, False),
    ({"status": "在册", "category": "发展对象", "standing": "正常"}, False, False),
    ({"status": "转出", "category": "正式党员", "standing": "正常"}, False, False),
    ({"status": "死亡", "category": "正式党员", "standing": "正常"}, False, False),
]


@pytest.mark.parametrize("record, on_roster, vote", ROSTER_CASES)
def test_is_on_roster(record, on_roster, vote):
    assert is_on_roster(record) is on_roster


@pytest.mark.parametrize("record, on_roster, vote", ROSTER_CASES)
def test_has_vote(record, on_roster, vote):
    assert has_vote(record) is vote
