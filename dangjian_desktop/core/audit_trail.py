"""The audit trail as people read it: Chinese names of actions, kinds of record and fields, and
what one entry changed, field by field (pure: the entries come from store/audit_queries.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

#: Actions the store and the services write, in the order the filter offers them.
ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "restore": "恢复",
    "insert_many": "批量新增",
    "import": "导入",
    "export": "导出",
    "export_personal": "导出个人信息",
    "backup": "备份",
    "settings": "设置",
    "enrol": "登记电脑",
    "revoke": "吊销电脑",
    "snapshot": "快照",
    "registry": "镇村名册",
    "review": "星级审核",
    "rules": "下发细则",
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "users": "账户管理",
    "account_create": "新建账户",
    "account_role": "修改角色",
    "account_disable": "停用账户",
    "account_enable": "启用账户",
    "password_set": "重设密码",
    "password_change": "修改密码",
    "reset_code_issue": "发出重置码",
    "reset_code_received": "收到重置码",
    "password_reset_code": "用重置码改密码",
    "password_reset_passphrase": "用口令找回密码",
    "red_flag": "红旗村",
}

#: Kinds of record (audit_log.table_name).
TABLE_LABELS = {
    "members": "党员",
    "points_ledger": "积分",
    "meetings": "会议",
    "attendance": "出席",
    "orgs": "组织",
    "star_assessments": "星级自评",
    "star_item_scores": "星级自评得分",
    "village_indicators": "村级指标",
    "rulebooks": "积分细则",
    "star_criteria": "星级评定标准",
    "settings": "设置",
    "users": "账户",
    "red_flags": "红旗村",
}

#: Columns never shown in the detail (bookkeeping of sync, not something a person changed).
HIDDEN_FIELDS = frozenset({"uuid", "org", "version", "device", "updated_at", "name_pinyin", "name_initials",
                           "password_hash"})

FIELD_LABELS = {
    # 党员
    "name": "姓名", "id_number": "公民身份号码", "sex": "性别", "ethnicity": "民族", "birth_date": "出生日期",
    "education": "学历", "category": "人员类别", "joined_on": "入党日期", "full_on": "转正日期", "job": "工作岗位",
    "phone": "手机号", "landline": "固定电话", "address": "家庭住址", "standing": "党籍状态", "status": "状态",
    "status_changed_on": "状态变更日期", "status_note": "状态变更说明", "lost_contact": "失联党员",
    "lost_contact_on": "失去联系日期", "flowing": "流动党员", "flow_to": "外出流向", "party_post": "党内职务",
    "group_name": "党小组", "member_class": "党员分类", "dues_standard": "党费标准", "dues_paid_until": "党费交至",
    "note": "备注", "branch_uuid": "所在党支部", "deleted": "已删除",
    # 会议、出席
    "type_code": "会议类型", "title": "标题", "held_on": "日期", "start_time": "开始时间", "end_time": "结束时间",
    "place": "地点", "host": "主持人", "recorder": "记录人", "lecturer": "授课人", "content": "内容",
    "decisions": "决定事项", "hours": "学时", "meeting_uuid": "会议", "member_uuid": "党员", "reason": "原因",
    # 积分
    "rulebook_uuid": "积分细则", "cycle_year": "考评年度", "occurred_on": "发生日期", "item_code": "积分项目",
    "points_x100": "分值", "source": "来源", "source_uuid": "来源记录", "reverses_uuid": "冲销的记录",
    "recorded_by": "登记人",
    # 星级、村级指标、组织、细则
    "year": "年度", "criteria_uuid": "评定标准", "state": "状态", "score": "得分", "star_level": "星级",
    "vetoed": "一票否决", "signed_by": "签字人", "submitted_at": "提交时间", "assessment_uuid": "自评",
    "veto_hit": "触及否决项", "evidence": "佐证材料", "collective_income": "集体经济收入（万元）",
    "service_centre_area": "党群服务中心面积（㎡）", "parent_uuid": "上级组织", "kind": "组织类别", "code": "代码",
    "area_code": "统计区划代码", "org_type": "组织类型", "version_label": "版本", "effective_from": "生效日期",
    "sha256": "校验值", "role": "角色", "disabled": "已停用", "town_uuid": "所属镇",
}


def action_label(action: str | None) -> str:
    return ACTION_LABELS.get(action or "", action or "")


def table_label(table: str | None) -> str:
    return TABLE_LABELS.get(table or "", table or "—")


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


#: Yes/no columns (stored 0/1).
FLAG_FIELDS = frozenset({"lost_contact", "flowing", "deleted", "vetoed", "veto_hit", "disabled"})
#: Columns that point at another record: shown by that record's name when it is known.
REFERENCE_FIELDS = {
    "member_uuid": ("members", "name"), "meeting_uuid": ("meetings", "title"), "branch_uuid": ("orgs", "name"),
    "parent_uuid": ("orgs", "name"), "town_uuid": ("orgs", "name"), "rulebook_uuid": ("rulebooks", "version_label"),
    "criteria_uuid": ("star_criteria", "version_label"), "assessment_uuid": ("star_assessments", "year"),
    "source_uuid": ("meetings", "title"),
}


def _text(key: str, value, names: dict[str, str]) -> str:
    if value is None:
        return ""
    if key in FLAG_FIELDS:
        return "是" if value in (1, "1", True) else "否"
    if key == "points_x100" and isinstance(value, (int, float)):
        return f"{value / 100:g}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if key in REFERENCE_FIELDS and str(value) in names:
        return names[str(value)]
    return str(value)


def load_record(raw: str | dict | None) -> dict | None:
    if raw is None or isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def references(*records: dict | None) -> dict[str, tuple[str, str]]:
    """The other records these point at: uuid → (table, column that names it)."""
    out = {}
    for record in records:
        for key, (table, column) in REFERENCE_FIELDS.items():
            if record and record.get(key):
                out[str(record[key])] = (table, column)
    return out


def field_changes(before: str | dict | None, after: str | dict | None,
                  names: dict[str, str] | None = None) -> list[FieldChange]:
    """What one entry changed: for an update only the fields whose value differs; for a new or a
    deleted record every field it holds (bookkeeping columns left out). `names` (uuid → name)
    shows the records a field points at by name."""
    names = names or {}
    old, new = load_record(before), load_record(after)
    if old is None and new is None:
        return []
    keys = list(dict.fromkeys([*(old or {}), *(new or {})]))
    out = []
    for key in keys:
        if key in HIDDEN_FIELDS:
            continue
        a, b = _text(key, (old or {}).get(key), names), _text(key, (new or {}).get(key), names)
        if old is not None and new is not None and a == b:
            continue
        if not a and not b or (key == "deleted" and (old is None or new is None)):
            continue
        out.append(FieldChange(key, field_label(key), a, b))
    return out


def utc_bounds(first: date | None, last: date | None) -> tuple[str | None, str | None]:
    """The local days `first` … `last` (both included) as UTC ISO bounds [start, end) comparable
    with audit_log.at (stored as '2026-11-27T08:09:07+00:00')."""
    def utc(day: date) -> str:
        local = datetime.combine(day, time()).astimezone()  # this computer's zone on that day
        return local.astimezone(timezone.utc).isoformat(timespec="seconds")

    return (utc(first) if first else None), (utc(last + timedelta(days=1)) if last else None)
