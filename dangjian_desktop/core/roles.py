"""Roles and what each may do (pure data; the services layer enforces it, the GUI only mirrors it).

A village database has 书记 (secretary), 文书 (clerk) and 查看 (viewer) accounts; the district's has
管理员 (administrator), 审核人 (reviewer: a town reviewer when bound to a town, else a district
reviewer) and 查看 (viewer). A context with no user is the local operator of the command line and of
a database that has no accounts yet; once a database has accounts, the GUI and the CLI log in.
"""

from __future__ import annotations

VILLAGE_ROLES = ("secretary", "clerk", "viewer")
DISTRICT_ROLES = ("administrator", "reviewer", "viewer")

ROLE_LABELS = {
    "secretary": "书记",
    "clerk": "文书",
    "viewer": "查看",
    "administrator": "管理员",
    "reviewer": "审核人",
}

#: Every permission a service may require, with the Chinese phrase used in 'no permission' messages.
PERMISSIONS = {
    "members.edit": "修改党员信息",
    "points.record": "登记积分",
    "meetings.record": "登记会议培训",
    "stars.edit": "填写星级自评",
    "stars.submit": "提交星级自评",
    "personal.view": "查看完整的身份证号和电话",
    "personal.export": "导出含个人信息的表格",
    "exchange": "导入导出数据包",
    "settings.edit": "修改本村（本区）信息和设置",
    "backup.restore": "从备份恢复",
    "users.manage": "管理账户",
    "audit.view": "查看操作记录",
    "registry.edit": "管理镇村名册",
    "reviews.town": "做镇级初审",
    "reviews.district": "做区级审核、公示和命名",
    "rules.edit": "修改和下发积分细则、评定标准",
    "report.print": "打印报表",
}

_VILLAGE_WORK = {"members.edit", "points.record", "meetings.record", "stars.edit", "personal.view",
                 "personal.export", "exchange", "report.print"}

GRANTS: dict[str, frozenset[str]] = {
    "secretary": frozenset(_VILLAGE_WORK | {"stars.submit", "settings.edit", "backup.restore", "users.manage",
                                            "audit.view"}),
    "clerk": frozenset(_VILLAGE_WORK),
    "administrator": frozenset({"personal.view", "personal.export", "exchange", "settings.edit", "backup.restore",
                                "users.manage", "audit.view", "registry.edit", "reviews.district", "rules.edit",
                                "report.print"}),
    "reviewer": frozenset({"reviews.town", "reviews.district", "report.print"}),
    "viewer": frozenset(),
}


def roles_for(db_role: str | None) -> tuple[str, ...]:
    """The roles an account may have in a village ('village') or district ('district') database."""
    return DISTRICT_ROLES if db_role == "district" else VILLAGE_ROLES


def may(role: str | None, permission: str) -> bool:
    """Whether a user of `role` may do `permission`; role None is the local operator (no accounts)."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    return role is None or permission in GRANTS.get(role, frozenset())
