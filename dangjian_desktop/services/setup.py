"""Creating a village database: its identity, its device, and the rules in force."""

from __future__ import annotations

import re

from dangjian_desktop.core.rulebook import Rulebook, default_rulebook
from dangjian_desktop.core.stars import Criteria, default_criteria
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import derived_uuid, new_uuid

RULE_FILES_ORG = "default"  # built-in rule files are owned by no village; the district issues others
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}\Z")
_AREA_CODE = re.compile(r"^\d{12}\Z")


def install_rule_version(ctx: Context, table: str, rules: Rulebook | Criteria, *, org: str = RULE_FILES_ORG) -> str:
    """Store one version of a rule file (same code and version → same row everywhere)."""
    uuid = derived_uuid(table, rules.code, rules.version)
    if ctx.store.query_one(f"SELECT uuid FROM [{table}] WHERE uuid = ?", [uuid]) is None:
        ctx.store.insert(
            table,
            {"uuid": uuid, "code": rules.code, "version_label": rules.version,
             "effective_from": rules.effective_from.isoformat(), "sha256": rules.sha256,
             "content": rules.to_json()},
            org=org, actor=ctx.actor, summary=f"安装 {rules.name} {rules.version}",
        )
    return uuid


def setup_village(ctx: Context, *, code: str, name: str, town: str | None = None,
                  area_code: str | None = None, org_type: str = "村党支部", org_uuid: str | None = None,
                  parent_uuid: str | None = None, rule_uuids: tuple[str, str] | None = None) -> dict:
    """Make an empty database the record of one village Party organisation.

    An enrolled village (services/sync_village.py) passes the org uuid the district assigned, the
    district's org as parent, and the (rulebook, criteria) rows already installed from the enrolment.
    """
    store = ctx.store
    if store.setting("org_uuid"):
        raise DangjianError(f"这个数据库已经属于“{ctx.org['name']}”，不能再次初始化。请用 --db 指定新的数据库文件。")
    problems = []
    if not _CODE.match(code or ""):
        problems.append("村代码只能由 1–32 位字母、数字、- 或 _ 组成")
    if not (name or "").strip():
        problems.append("村党组织名称不能为空")
    if area_code and not _AREA_CODE.match(area_code):
        problems.append("统计用区划代码应为 12 位数字")
    if problems:
        raise ValidationError("；".join(problems))
    org_uuid = org_uuid or new_uuid()
    with store.atomic():
        store.set_setting("device_id", new_uuid())
        store.set_setting("role", "village")
        store.set_setting("org_uuid", org_uuid)
        store.set_setting("town_name", town)
        store.insert(
            "orgs",
            {"uuid": org_uuid, "parent_uuid": parent_uuid, "kind": "village", "name": name.strip(), "code": code,
             "area_code": area_code, "org_type": org_type},
            org=org_uuid, actor=ctx.actor, summary=f"建立村级数据库：{name}",
        )
        rulebook_uuid, criteria_uuid = rule_uuids or (install_rule_version(ctx, "rulebooks", default_rulebook()),
                                                      install_rule_version(ctx, "star_criteria", default_criteria()))
        store.set_setting("rulebook_uuid", rulebook_uuid)
        store.set_setting("criteria_uuid", criteria_uuid)
    ctx.forget_rules()
    return ctx.org
