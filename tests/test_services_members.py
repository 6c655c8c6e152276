"""Roster use cases on a real database: add, update, lifecycle, Excel import and export."""

from datetime import date

import pytest

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.services import members
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.setup import setup_village
from roster_fixtures import TODAY as ROSTER_TODAY
from roster_fixtures import make_messy_roster


def _counts(ctx):
    return {t: ctx.store.scalar(f"SELECT COUNT(*) FROM {t}") for t in ("members", "orgs", "change_log", "audit_log")}


def _record(**extra):
    birth = date(1970, 5, 6)
    base = {"name": "张建国", "id_number": make_id(birth, "男", seq=17), "category": "正式党员",
            "joined_on": "1995-07-01", "full_on": "1996-07-01", "education": "初中", "ethnicity": "汉族"}
    return {**base, **extra}


def test_setup_twice_is_refused(village):
    with pytest.raises(DangjianError, match="已经属于"):
        setup_village(village, code="X", name="西庄村党支部")


def test_add_member_fills_birth_and_sex_from_the_id_and_pinyin(village):
    row = members.add_member(village, record=_record())
    assert (row["birth_date"], row["sex"]) == ("1970-05-06", "男")
    assert (row["name_pinyin"], row["name_initials"]) == ("zhangjianguo", "zjg")


def test_a_bad_member_is_rejected_and_nothing_is_written(village):
    before = _counts(village)
    good = _record()["id_number"]
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验"):
        members.add_member(village, record=_record(id_number=wrong_check))
    assert _counts(village) == before


def test_the_same_id_number_cannot_be_added_twice(village):
    members.add_member(village, record=_record())
    with pytest.raises(ValidationError, match="重复"):
        members.add_member(village, record=_record(name="张建军"))


def test_status_is_changed_only_through_a_status_change(village):
    row = members.add_member(village, record=_record())
    with pytest.raises(ValidationError, match="变更状态"):
        members.update_member(village, member_uuid=row["uuid"], changes={"status": "死亡"})
    members.change_member_status(village, member_uuid=row["uuid"], status="死亡", on=date(2026, 3, 1), note="病故")
    after = members.get_member(village, row["uuid"])
    assert (after["status"], after["deleted"]) == ("死亡", 0)
    assert members.list_members(village, roster_only=True) == []


def test_a_stage_moves_only_forward_one_step(village):
    row = members.add_member(village, record=_record(category="预备党员", full_on=None, joined_on="2026-01-10"))
    with pytest.raises(ValidationError):
        members.update_member(village, member_uuid=row["uuid"], changes={"category": "发展对象", "joined_on": None})
    members.update_member(village, member_uuid=row["uuid"], changes={"category": "正式党员", "full_on": "2026-11-10"})
    assert members.get_member(village, row["uuid"])["category"] == "正式党员"


@pytest.fixture
def roster_village(tmp_path):
    ctx = Context.open(tmp_path / "r.db", actor="测试")
    ctx.today = ROSTER_TODAY
    setup_village(ctx, code="HQ", name="红旗村党支部")
    yield ctx
    ctx.close()


def test_messy_roster_dry_run_reports_and_writes_nothing(roster_village, tmp_path):
    expected = make_messy_roster(tmp_path / "messy.xlsx")
    before = _counts(roster_village)
    report = members.import_roster(roster_village, path=tmp_path / "messy.xlsx", dry_run=True)
    assert report.added == len(expected["good"])
    assert report.rejected_rows == set(expected["rejected"])
    assert _counts(roster_village) == before


def test_messy_roster_import_keeps_good_rows_and_reports_bad_ones(roster_village, tmp_path):
    expected = make_messy_roster(tmp_path / "messy.xlsx")
    report = members.import_roster(roster_village, path=tmp_path / "messy.xlsx")
    assert report.added == len(expected["good"]) and not report.ok
    assert {p.row for p in report.rejected} == set(expected["rejected"])
    names = {m["name"] for m in members.list_members(roster_village)}
    assert names == {m["name"] for m in expected["good"].values()}
    again = members.import_roster(roster_village, path=tmp_path / "messy.xlsx")
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(expected["good"]))


def test_export_then_import_round_trips(demo, tmp_path):
    count = members.export_roster(demo, path=tmp_path / "out.xlsx")
    report = members.import_roster(demo, path=tmp_path / "out.xlsx", dry_run=True)
    assert (report.unchanged, report.added, report.updated, report.ok) == (count, 0, 0, True)


def test_a_file_that_is_not_excel_is_refused_cleanly(village, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    before = _counts(village)
    with pytest.raises(ValidationError, match="Excel"):
        members.import_roster(village, path=path)
    assert _counts(village) == before


def test_a_sheet_with_fewer_columns_does_not_blank_the_others(demo, tmp_path):
    from dangjian_desktop.reports.excel_table import write_table

    member = next(m for m in members.list_members(demo, roster_only=True) if m["phone"] and m["address"])
    write_table(tmp_path / "short.xlsx", title="花名册", headers=["姓名", "公民身份号码", "人员类别", "加入党组织日期",
                                                                  "转为正式党员日期"],
                rows=[[member["name"], member["id_number"], member["category"], member["joined_on"],
                       member["full_on"]]])
    report = members.import_roster(demo, path=tmp_path / "short.xlsx")
    assert (report.unchanged, report.updated, report.ok) == (1, 0, True)
    after = members.get_member(demo, member["uuid"])
    assert (after["phone"], after["address"], after["education"]) == (member["phone"], member["address"],
                                                                       member["education"])
