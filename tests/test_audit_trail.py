"""The audit trail service (services/audit.py): filters, newest first, counts, details, export,
permissions, and that nothing can change an entry."""

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from dangjian_desktop.core import audit_trail as trail
from dangjian_desktop.errors import PermissionDenied, ValidationError
from dangjian_desktop.services import audit, members
from dangjian_desktop.services.audit import AuditQuery
from dangjian_desktop.store import audit_queries


def _user(role: str, name: str | None = None) -> dict:
    return {"uuid": f"u-{role}", "name": name or role, "role": role, "town_uuid": None}


def _member(ctx):
    return next(m for m in members.list_members(ctx, roster_only=True) if m["phone"])


def test_a_change_shows_newest_first_with_only_the_changed_fields_in_chinese(demo):
    member = _member(demo)
    demo.actor = "王书记"
    members.update_member(demo, member_uuid=member["uuid"], changes={"job": "养殖户", "address": "东庄村 8 号"})
    page = audit.audit_page(demo, AuditQuery())
    newest = page.entries[0]
    assert (newest["actor"], newest["action_label"], newest["table_label"]) == ("王书记", "修改", "党员")
    assert newest["summary"] == f"修改党员信息：{member['name']}"
    assert page.total == demo.store.scalar("SELECT COUNT(*) FROM audit_log") and page.exact
    ids = [e["id"] for e in page.entries]
    assert ids == sorted(ids, reverse=True)
    detail = audit.audit_detail(demo, newest["id"])
    assert detail.kind == "update"
    assert {(c.label, c.after) for c in detail.changes} == {("工作岗位", "养殖户"), ("家庭住址", "东庄村 8 号")}
    assert all(c.before != c.after for c in detail.changes)


def test_filters_by_person_kind_action_text_and_days(demo):
    member = _member(demo)
    demo.actor = "李文书"
    members.update_member(demo, member_uuid=member["uuid"], changes={"job": "木匠"})
    demo.store.audit("李文书", "backup", "备份数据库到 U 盘")
    by_person = audit.audit_page(demo, AuditQuery(actor="李文书"))
    assert by_person.total == 2 and {e["actor"] for e in by_person.entries} == {"李文书"}
    assert [e["action"] for e in audit.audit_page(demo, AuditQuery(actor="李文书", table="members")).entries] == ["update"]
    no_table = audit.audit_page(demo, AuditQuery(actor="李文书", table=audit.NO_TABLE)).entries
    assert [e["action_label"] for e in no_table] == ["备份"]
    assert audit.audit_page(demo, AuditQuery(action="backup")).total == 1
    assert [e["summary"] for e in audit.audit_page(demo, AuditQuery(text="U 盘")).entries] == ["备份数据库到 U 盘"]
    assert audit.audit_page(demo, AuditQuery(text="100%")).total == 0  # % and _ are literal
    today = datetime.now(timezone.utc).astimezone().date()
    assert audit.audit_page(demo, AuditQuery(first=today, last=today, actor="李文书")).total == 2
    yesterday = today - timedelta(days=1)
    assert audit.audit_page(demo, AuditQuery(first=yesterday, last=yesterday, actor="李文书")).total == 0
    with pytest.raises(ValidationError):
        audit.audit_page(demo, AuditQuery(first=today, last=yesterday))
    choices = audit.audit_choices(demo)
    assert ("李文书", "李文书") in choices["actors"]
    assert choices["tables"][0] == ("members", "党员") and ("backup", "备份") in choices["actions"]


def test_pages_continue_without_repeating_and_counts_stop_at_the_limit(demo, monkeypatch):
    first = audit.audit_page(demo, AuditQuery(), limit=50)
    assert len(first.entries) == 50 and first.has_more
    second = audit.audit_page(demo, AuditQuery(), limit=50, before_id=first.entries[-1]["id"])
    assert second.entries[0]["id"] == first.entries[-1]["id"] - 1
    assert not {e["id"] for e in first.entries} & {e["id"] for e in second.entries}
    monkeypatch.setattr(audit, "COUNT_LIMIT", 100)
    capped = audit.audit_page(demo, AuditQuery(table="attendance"))
    assert (capped.total, capped.exact) == (100, False)
    capped_text = audit.audit_page(demo, AuditQuery(text="新增"))
    assert capped_text.exact is False or capped_text.total <= 100


def test_a_new_record_lists_its_fields_and_points_at_records_by_name(demo):
    member = _member(demo)
    ledger = demo.store.query_one("SELECT id FROM audit_log WHERE table_name = 'attendance' ORDER BY id DESC LIMIT 1")
    detail = audit.audit_detail(demo, ledger["id"])
    assert detail.kind == "new"
    labels = {c.label: c.after for c in detail.changes}
    assert "已删除" not in labels and "党员" in labels
    assert labels["党员"] in {m["name"] for m in members.list_members(demo)}  # a name, not a UUID
    added = demo.store.query_one("SELECT id FROM audit_log WHERE table_name = 'members' AND record_uuid = ?"
                                 " AND action = 'insert'", [member["uuid"]])
    fields = {c.label: c.after for c in audit.audit_detail(demo, added["id"]).changes}
    assert fields["姓名"] == member["name"] and fields["公民身份号码"] == member["id_number"]
    assert fields["失联党员"] in ("是", "否")


@pytest.mark.parametrize("role", ["clerk", "viewer"])
def test_roles_without_audit_view_are_refused(demo, role):
    demo.user = _user(role)
    for call in (lambda: audit.audit_page(demo, AuditQuery()), lambda: audit.audit_detail(demo, 1),
                 lambda: audit.audit_choices(demo)):
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize("role", ["secretary", "administrator"])
def test_secretary_and_administrator_may_read_it(demo, role):
    demo.user = _user(role)
    assert audit.audit_page(demo, AuditQuery()).entries and audit.audit_choices(demo)["actors"]


def test_personal_numbers_in_entries_are_masked_for_a_role_that_may_not_see_them(demo, monkeypatch):
    from dangjian_desktop.core import roles

    member = _member(demo)
    added = demo.store.query_one("SELECT id FROM audit_log WHERE record_uuid = ? AND action = 'insert'",
                                 [member["uuid"]])
    monkeypatch.setitem(roles.GRANTS, "auditor", frozenset({"audit.view"}))
    demo.user = _user("auditor")
    fields = {c.label: c.after for c in audit.audit_detail(demo, added["id"]).changes}
    assert fields["公民身份号码"] == member["id_number"][:6] + "********" + member["id_number"][-4:]
    assert fields["手机号"] == member["phone"][:3] + "****" + member["phone"][-4:]


def test_export_writes_the_filtered_entries_with_their_changes(demo, tmp_path):
    member = _member(demo)
    members.update_member(demo, member_uuid=member["uuid"], changes={"job": "木匠"})
    out = tmp_path / "操作记录.xlsx"
    count = audit.export_audit(demo, query=AuditQuery(table="members", action="update"), path=out)
    expected = demo.store.scalar("SELECT COUNT(*) FROM audit_log WHERE table_name = 'members' AND action = 'update'")
    assert count == expected
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == audit.EXPORT_HEADERS and len(rows) == 2 + count
    assert "工作岗位" in rows[2][5] and "木匠" in rows[2][5]
    last = demo.store.query_one("SELECT action, summary FROM audit_log ORDER BY id DESC LIMIT 1")
    assert last["action"] in ("export", "export_personal") and "操作记录.xlsx" in last["summary"]


def test_entries_cannot_be_changed_and_the_service_offers_no_way_to(demo):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        demo.store.conn.execute("UPDATE audit_log SET summary = '改过' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        demo.store.conn.execute("DELETE FROM audit_log WHERE id = 1")
    public = {name for name in dir(audit) if not name.startswith("_")}
    public |= {name for name in dir(audit_queries) if not name.startswith("_")}
    assert not {n for n in public if any(w in n.lower() for w in ("delete", "remove", "update", "edit", "purge",
                                                                  "clear", "set_"))}


def test_local_days_become_utc_bounds():
    since, until = trail.utc_bounds(date(2026, 11, 1), date(2026, 11, 30))
    start = datetime.fromisoformat(since)
    assert start.astimezone().date() == date(2026, 11, 1) and start.astimezone().hour == 0
    assert datetime.fromisoformat(until).astimezone().date() == date(2026, 12, 1)
    assert trail.utc_bounds(None, None) == (None, None)


def test_field_changes_of_odd_entries_are_total():
    assert trail.field_changes(None, None) == []
    assert trail.field_changes("not json", "[1, 2]") == []
    changes = trail.field_changes({"name": "张三", "version": 1}, {"name": "张三丰", "version": 2})
    assert [(c.label, c.before, c.after) for c in changes] == [("姓名", "张三", "张三丰")]


def _written_actions() -> set[str]:
    """Every action code the program can write to the audit trail, read from its source: the second
    argument of `…audit(actor, action, …)`, the `action` argument of any function that takes one, and
    module constants named ACTION (an `a if … else b` counts both)."""
    import ast
    from pathlib import Path

    import dangjian_desktop

    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in Path(dangjian_desktop.__file__).parent.rglob("*.py")]
    takes_action = {}  # function name → index of its `action` parameter
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args]
                if "action" in names:
                    takes_action[node.name] = names.index("action") - (names[:1] == ["self"])

    def strings(node) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return strings(node.body) | strings(node.orelse)
        return set()

    found: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                index = 1 if name == "audit" else takes_action.get(name)
                if index is None:
                    continue
                if index < len(node.args):
                    found |= strings(node.args[index])
                found |= {s for k in node.keywords if k.arg == "action" for s in strings(k.value)}
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "ACTION" for t in node.targets):
                found |= strings(node.value)
    return found


def test_every_action_the_program_writes_has_a_chinese_name():
    written = _written_actions()
    assert {"insert", "account_create", "password_reset_passphrase", "export_personal"} <= written  # the scan works
    assert written - set(trail.ACTION_LABELS) == set()
