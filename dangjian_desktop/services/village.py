"""The village's own record: its name, codes and town, and the rule versions it runs under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.errors import FieldProblem, ValidationError
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.setup import _AREA_CODE, _CODE  # one rule for setup and for later edits

NAME_MAX = 60
TOWN_MAX = 60


@dataclass(frozen=True)
class VillageInfo:
    name: str
    code: str
    town: str
    area_code: str


@dataclass(frozen=True)
class RuleVersion:
    """One rule file in force (积分细则, 星级评定标准, 会议类型)."""

    kind: str  # 'rulebook' | 'criteria' | 'meeting_types'
    name: str
    version: str
    effective_from: date | None
    sha256: str | None

    @property
    def short_hash(self) -> str:
        return (self.sha256 or "")[:12]


def get_village_info(ctx: Context) -> VillageInfo:
    org = ctx.org
    return VillageInfo(name=org["name"] or "", code=org["code"] or "", town=ctx.store.setting("town_name") or "",
                       area_code=org["area_code"] or "")


def check_village_info(*, name: str, code: str, town: str = "", area_code: str = "") -> list[FieldProblem]:
    """Every problem with the typed values, in Chinese (empty: they can be saved). For live checks."""
    problems = []
    name, code, town, area_code = (v.strip() for v in (name or "", code or "", town or "", area_code or ""))
    if not name:
        problems.append(FieldProblem("name", "村党组织名称不能为空"))
    elif len(name) > NAME_MAX:
        problems.append(FieldProblem("name", f"村党组织名称不能超过 {NAME_MAX} 个字"))
    if not code:
        problems.append(FieldProblem("code", "村代码不能为空"))
    elif not _CODE.match(code):
        problems.append(FieldProblem("code", "村代码只能由 1–32 位字母、数字、- 或 _ 组成"))
    if len(town) > TOWN_MAX:
        problems.append(FieldProblem("town", f"所属镇（街道）不能超过 {TOWN_MAX} 个字"))
    if area_code and not _AREA_CODE.match(area_code):
        problems.append(FieldProblem("area_code", f"统计用区划代码应为 12 位数字（现在是 {len(area_code)} 位）"
                                     if area_code.isdigit() else "统计用区划代码只能是数字"))
    return problems


def update_village_info(ctx: Context, *, name: str, code: str, town: str = "", area_code: str = "") -> Changes:
    """Correct the village's name, short code, town or statistics area code (audited like any edit)."""
    ctx.require("settings.edit")
    ctx.require_village()
    problems = check_village_info(name=name, code=code, town=town, area_code=area_code)
    if problems:
        raise ValidationError(problems)
    values = {"name": name.strip(), "code": code.strip(), "area_code": area_code.strip() or None}
    store = ctx.store
    with store.atomic():
        store.update("orgs", ctx.org_uuid, values, actor=ctx.actor, summary=f"修改本村信息：{values['name']}")
        if (store.setting("town_name") or "") != town.strip():
            store.set_setting("town_name", town.strip() or None)
            store.audit(ctx.actor, "update", f"所属镇（街道）改为“{town.strip()}”", table="settings")
    return Changes(frozenset({"orgs", "settings"}), (ctx.org_uuid,))


def rules_in_force(ctx: Context) -> list[RuleVersion]:
    rulebook, criteria, types = ctx.rulebook, ctx.criteria, ctx.meeting_types
    return [
        RuleVersion("rulebook", rulebook.name, rulebook.version, rulebook.effective_from, rulebook.sha256),
        RuleVersion("criteria", criteria.name, criteria.version, criteria.effective_from, criteria.sha256),
        RuleVersion("meeting_types", "会议类型与学时标准", types.version, None, None),
    ]
