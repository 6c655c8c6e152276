"""Privacy: ID and phone numbers masked on screen unless the role may see them, never written back
as masks, exports of personal data refused or recorded, and a backup before a roster import."""

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from openpyxl import load_workbook

from dangjian_desktop.core import roles
from dangjian_desktop.core.privacy import (contains_personal_number, mask_id_number, mask_phone,
                                           mask_text, personal_columns)
from dangjian_desktop.errors import PermissionDenied
from dangjian_desktop.services import members, personal_data
from dangjian_desktop.store.backup import backup_files
from sync_fixtures import PASSPHRASE, small_world_files, world  # noqa: F401

ID = "330102199001011234"


def _user(role: str) -> dict:
    return {"uuid": f"u-{role}", "name": f"用户{role}", "role": role, "town_uuid": None}


def _with_phone(ctx) -> dict:
    return next(m for m in members.list_members(ctx, roster_only=True) if m["phone"] and m["id_number"])


# -- the masks --------------------------------------------------------------------------------------
def test_the_masks_keep_six_and_four_and_three_and_four():
    assert mask_id_number(ID) == "330102********1234"
    assert mask_id_number("33010219900101123X") == "330102********123X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number(None) is None and mask_phone("") == ""
    assert mask_id_number("12") == "**" and mask_phone("1234") == "1**4"


@given(st.text(max_size=40))
def test_masking_is_total_keeps_the_length_and_masking_twice_changes_nothing(text):
    for mask in (mask_id_number, mask_phone):
        once = mask(text)
        assert len(once) == len(text.strip())
        assert mask(once) == once
        if len(text.strip()) >= 4:
            assert "*" in once


@given(st.from_regex(r"[1-9]\d{16}[\dX]", fullmatch=True))
def test_a_masked_id_number_hides_the_birth_date(number):
    masked = mask_id_number(number)
    assert number[6:14] not in masked and masked[:6] == number[:6] and masked[-4:] == number[-4:]


def test_personal_numbers_are_found_in_tables_by_header_or_content():
    assert personal_columns(["姓名", "公民身份号码"], []) == [1]
    assert personal_columns(["姓名", "备注"], [["张三", f"身份证 {ID}"], ["李四", "13812345678"]]) == [1]
    assert personal_columns(["姓名", "备注"], [["张三", "330102********1234"]]) == [1]  # masked still counts
    assert personal_columns(["日期", "分值", "代码"], [["2026-11-27", "12.5", "330102001001"]]) == []
    assert not contains_personal_number("会议 2026-11-27 14:00，应到 35 人")
    assert mask_text(f"{ID} 或 13812345678") == "330102********1234 或 138****5678"


# -- screens -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("role, masked", [(None, False), ("secretary", False), ("clerk", False), ("viewer", True)])
def test_the_roster_and_a_member_s_page_are_masked_for_a_role_that_may_not_see_numbers(demo, role, masked):
    stored = _with_phone(demo)
    demo.user = _user(role) if role else None
    listed = next(m for m in members.list_members(demo) if m["uuid"] == stored["uuid"])
    detail = members.get_member(demo, stored["uuid"])
    for row in (listed, detail):
        if masked:
            assert row["id_number"] == mask_id_number(stored["id_number"]) != stored["id_number"]
            assert row["phone"] == mask_phone(stored["phone"]) != stored["phone"]
        else:
            assert (row["id_number"], row["phone"]) == (stored["id_number"], stored["phone"])


def test_no_full_number_reaches_a_viewer_through_any_member_listing(demo):
    full = {m["id_number"] for m in members.list_members(demo) if m["id_number"]}
    full |= {m["phone"] for m in members.list_members(demo) if m["phone"]}
    demo.user = _user("viewer")
    seen = [str(v) for m in members.list_members(demo) for v in m.values()]
    seen += [str(v) for m in members.list_members(demo) for v in members.get_member(demo, m["uuid"]).values()]
    assert not full & set(seen)


@pytest.fixture
def masked_clerk(monkeypatch):
    """A clerk who may edit members but not see their numbers (roles are data: a county may set it so)."""
    monkeypatch.setitem(roles.GRANTS, "clerk", roles.GRANTS["clerk"] - {"personal.view"})
    return _user("clerk")


def test_editing_a_member_whose_id_the_user_cannot_see_keeps_the_stored_id(demo, masked_clerk):
    stored = _with_phone(demo)
    demo.user = masked_clerk
    shown = members.get_member(demo, stored["uuid"])
    assert "*" in shown["id_number"] and "*" in shown["phone"]
    record = {k: shown[k] for k in ("name", "id_number", "sex", "birth_date", "category", "joined_on", "full_on",
                                    "phone", "branch_name", "group_name")}
    record["job"] = "种粮大户"
    assert members.member_problems(demo, record=record, member_uuid=stored["uuid"]) == []
    members.save_member(demo, record=record, member_uuid=stored["uuid"])
    demo.user = None
    after = members.get_member(demo, stored["uuid"])
    assert (after["id_number"], after["phone"], after["job"]) == (stored["id_number"], stored["phone"], "种粮大户")
    entry = demo.store.query_one("SELECT after_json FROM audit_log WHERE record_uuid = ? ORDER BY id DESC LIMIT 1",
                                 [stored["uuid"]])
    assert "*" not in entry["after_json"]


def test_a_new_number_typed_over_the_mask_is_saved(demo, masked_clerk):
    stored = _with_phone(demo)
    demo.user = masked_clerk
    members.update_member(demo, member_uuid=stored["uuid"], changes={"phone": "13900001111"})
    demo.user = None
    assert members.get_member(demo, stored["uuid"])["phone"] == "13900001111"


# -- exports ---------------------------------------------------------------------------------------
def _last_audit(ctx) -> dict:
    return ctx.store.query_one("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")


@pytest.mark.parametrize("role", [None, "secretary", "clerk"])
def test_a_roster_export_is_recorded_with_file_name_and_row_count(demo, tmp_path, role):
    demo.user = _user(role) if role else None
    out = tmp_path / "花名册.xlsx"
    count = members.export_roster(demo, path=out)
    entry = _last_audit(demo)
    assert entry["action"] == "export_personal"
    assert "花名册.xlsx" in entry["summary"] and f"{count} 行" in entry["summary"]
    cells = {c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c}
    assert _with_phone(demo)["id_number"] in cells  # in full for a role that may see it


def test_a_viewer_may_not_export_the_roster_and_nothing_is_written(demo, tmp_path):
    demo.user = _user("viewer")
    before = _last_audit(demo)["id"]
    with pytest.raises(PermissionDenied):
        members.export_roster(demo, path=tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists() and _last_audit(demo)["id"] == before


def test_an_export_by_a_role_that_may_export_but_not_see_is_masked(demo, tmp_path, monkeypatch):
    monkeypatch.setitem(roles.GRANTS, "clerk", roles.GRANTS["clerk"] - {"personal.view"})
    full = _with_phone(demo)
    demo.user = _user("clerk")
    out = tmp_path / "r.xlsx"
    members.export_roster(demo, path=out)
    cells = {c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c}
    assert full["id_number"] not in cells and mask_id_number(full["id_number"]) in cells


def test_a_table_export_with_numbers_needs_the_permission_and_is_recorded(demo, tmp_path):
    rows = [[m["name"], m["id_number"]] for m in members.list_members(demo)]
    demo.user = _user("viewer")
    with pytest.raises(PermissionDenied):
        personal_data.export_table(demo, path=tmp_path / "t.xlsx", title="党员", headers=["姓名", "备注"], rows=rows)
    assert not (tmp_path / "t.xlsx").exists()
    demo.user = _user("clerk")
    written = personal_data.export_table(demo, path=tmp_path / "t.xlsx", title="党员", headers=["姓名", "备注"],
                                         rows=rows)
    assert written.exists() and _last_audit(demo)["action"] == "export_personal"
    before = _last_audit(demo)["id"]
    personal_data.export_table(demo, path=tmp_path / "p.xlsx", title="积分", headers=["姓名", "积分"],
                               rows=[["张三", 12.5]])
    assert _last_audit(demo)["id"] == before  # nothing personal: no entry, no permission needed


def test_the_district_roster_export_needs_the_permission_and_is_recorded(world, tmp_path):
    world.round_trip()
    ctx = world.district
    code = "DZC"
    from dangjian_desktop.services.district import export_village_roster

    ctx.user = _user("reviewer")
    with pytest.raises(PermissionDenied):
        export_village_roster(ctx, village_code=code, path=tmp_path / "v.xlsx")
    ctx.user = _user("administrator")
    count = export_village_roster(ctx, village_code=code, path=tmp_path / "v.xlsx")
    entry = _last_audit(ctx)
    assert entry["action"] == "export_personal" and "v.xlsx" in entry["summary"] and f"{count} 行" in entry["summary"]


# -- a backup before a roster import --------------------------------------------------------------------
def test_a_roster_import_backs_up_first_and_a_preview_does_not(demo, tmp_path):
    from datetime import date

    from dangjian_desktop.core.idcard import make_id
    from dangjian_desktop.reports.excel_roster import write_roster

    sheet = tmp_path / "roster.xlsx"
    newcomer = {"name": "新来的", "id_number": make_id(date(1990, 5, 6), "男", county="330102", seq=77), "sex": "男",
                "birth_date": "1990-05-06", "category": "入党积极分子", "branch_name": demo.org["name"]}
    write_roster(sheet, [newcomer], title="花名册")
    path = Path(demo.store.path)
    report = members.import_roster(demo, path=sheet, dry_run=True)
    assert report.added == 1 and backup_files(path.parent / "backups", path.stem) == []
    members.import_roster(demo, path=sheet)
    assert "新来的" in {m["name"] for m in members.list_members(demo)}
    [(backup, reason, _made)] = backup_files(path.parent / "backups", path.stem)
    assert reason == "pre-import"
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT COUNT(*) FROM members WHERE name = '新来的'").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == len(members.list_members(demo)) - 1
    conn.close()
