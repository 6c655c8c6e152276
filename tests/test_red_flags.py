"""红旗村 at the district (services/red_flags.py and `dangjian redflag`): award per village,
half-year and type, one flag in force per type and period, revoke with a reason, list, extend the
types, permissions."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.errors import NotFoundError, PermissionDenied, ValidationError
from dangjian_desktop.services import red_flags

from sync_fixtures import small_world_files, world  # noqa: F401


def test_award_list_and_count(world):
    d = world.district
    rows = red_flags.award_flags(d, village_codes=["DZC", "XZC"], year=2026, half=1, flag_type="基层党建",
                                 awarded_on=date(2026, 7, 1), note="上半年评比")
    assert {r["code"] for r in rows} == {"DZC", "XZC"}
    red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=2, flag_type="产业发展")
    listed = red_flags.list_flags(d, year=2026)
    assert [(r["code"], r["half_label"], r["flag_type"], r["status"]) for r in listed] == [
        ("DZC", "下半年", "产业发展", "有效"), ("DZC", "上半年", "基层党建", "有效"), ("XZC", "上半年", "基层党建", "有效")]
    assert red_flags.summary(d, year=2026) == {
        "by_type": {"基层党建": 2, "产业发展": 1, "乡风文明": 0, "人居环境": 0}, "villages": 2}


def test_one_flag_of_a_type_per_period_and_the_batch_is_all_or_nothing(world):
    d = world.district
    red_flags.award_flags(d, village_codes=["XZC"], year=2026, half=1, flag_type="乡风文明")
    with pytest.raises(ValidationError, match="西庄村党支部 已获得 2026 年上半年“乡风文明”红旗"):
        red_flags.award_flags(d, village_codes=["DZC", "XZC"], year=2026, half=1, flag_type="乡风文明")
    assert [r["code"] for r in red_flags.list_flags(d)] == ["XZC"]


@pytest.mark.parametrize("kw, error, match", [
    ({"village_codes": ["NOPE"]}, NotFoundError, "NOPE"),
    ({"village_codes": []}, ValidationError, "选择"),
    ({"flag_type": "平安法治"}, ValidationError, "没有红旗类型"),
    ({"half": 3}, ValidationError, "半年"),
    ({"year": 2027}, ValidationError, "年度"),
    ({"awarded_on": date(2026, 12, 1)}, ValidationError, "晚于今天"),
    ({"awarded_on": date(2025, 12, 1)}, ValidationError, "早于"),
    ({"note": "长" * 201}, ValidationError, "太长"),
])
def test_bad_awards_are_refused(world, kw, error, match):
    args = {"village_codes": ["DZC"], "year": 2026, "half": 1, "flag_type": "基层党建"} | kw
    with pytest.raises(error, match=match):
        red_flags.award_flags(world.district, **args)
    assert red_flags.list_flags(world.district, include_revoked=True) == []


def test_revoke_keeps_the_flag_in_the_history(world):
    d = world.district
    (flag,) = red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=1, flag_type="人居环境",
                                    awarded_on=date(2026, 7, 1))
    with pytest.raises(ValidationError, match="原因"):
        red_flags.revoke_flag(d, flag_id=flag["uuid"], reason=" ")
    revoked = red_flags.revoke_flag(d, flag_id=flag["uuid"][:8], reason="环境整治不达标", revoked_on=date(2026, 9, 1))
    assert revoked["revoked_reason"] == "环境整治不达标" and revoked["revoked_by"] == "测试"
    assert red_flags.list_flags(d) == []
    (old,) = red_flags.list_flags(d, include_revoked=True)
    assert old["status"] == "已撤销（2026-09-01）"
    with pytest.raises(ValidationError, match="已于 2026-09-01 撤销"):
        red_flags.revoke_flag(d, flag_id=flag["uuid"], reason="再撤一次")
    # revoked: the same flag may be awarded again
    red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=1, flag_type="人居环境")
    assert red_flags.summary(d, year=2026)["villages"] == 1


def test_the_district_extends_the_flag_types(world):
    d = world.district
    assert red_flags.add_flag_type(d, name="平安法治")[-1] == "平安法治"
    with pytest.raises(ValidationError, match="已有"):
        red_flags.add_flag_type(d, name="平安法治")
    red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=2, flag_type="平安法治")
    assert red_flags.summary(d, year=2026)["by_type"]["平安法治"] == 1


@pytest.mark.parametrize("role", ["viewer", "clerk"])
def test_flags_need_the_district_review_permission(world, role):
    d = world.district
    d.user = {"uuid": "u", "name": "小陈", "role": role, "town_uuid": None}
    with pytest.raises(PermissionDenied):
        red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=1, flag_type="基层党建")
    with pytest.raises(PermissionDenied):
        red_flags.add_flag_type(d, name="平安法治")
    assert red_flags.list_flags(d) == []  # looking is allowed


def test_a_village_database_has_no_red_flag_office(world):
    from dangjian_desktop.errors import DangjianError

    with pytest.raises(DangjianError, match="区级数据库"):
        red_flags.award_flags(world.village, village_codes=["DZC"], year=2026, half=1, flag_type="基层党建")


def test_cli_awards_lists_and_revokes(world, capsys):
    from dangjian_desktop.cli import main

    db = str(world.district.store.path)
    world.district.close()
    assert main(["--db", db, "redflag", "award", "DZC", "XZC", "--year", "2026", "--half", "上",
                 "--type", "基层党建", "--date", "2026-07-01"]) == 0
    assert "已授旗 2 面" in capsys.readouterr().out
    assert main(["--db", db, "redflag", "list", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "2026 年上半年  基层党建  示范镇  DZC  东庄村党总支  授旗 2026-07-01  有效" in out
    assert "2026 年度红旗村 2 个：基层党建 2 个，产业发展 0 个" in out
    short = next(line.split()[0] for line in out.splitlines() if "XZC" in line)
    assert main(["--db", db, "redflag", "revoke", short, "--reason", "材料不实",
                 "--date", "2026-09-01"]) == 0
    assert "已撤销 西庄村党支部 2026 年上半年“基层党建”红旗" in capsys.readouterr().out
    assert main(["--db", db, "redflag", "list", "--all"]) == 0
    assert "已撤销（2026-09-01）：材料不实" in capsys.readouterr().out
    assert main(["--db", db, "redflag", "award", "DZC", "--year", "2026", "--half", "1", "--type", "没有"]) != 0
    assert "没有红旗类型" in capsys.readouterr().err
    assert main(["--db", db, "redflag", "types", "--add", "平安法治"]) == 0
    assert "平安法治" in capsys.readouterr().out


def test_the_return_bundle_carries_the_villages_flags(world):
    from dangjian_desktop.services import red_flags_sync

    d = world.district
    (kept,) = red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=1, flag_type="基层党建",
                                    awarded_on=date(2026, 7, 1))
    (gone,) = red_flags.award_flags(d, village_codes=["DZC"], year=2026, half=1, flag_type="乡风文明",
                                    awarded_on=date(2026, 7, 1))
    red_flags.award_flags(d, village_codes=["XZC"], year=2026, half=1, flag_type="产业发展")
    red_flags.revoke_flag(d, flag_id=gone["uuid"], reason="材料不实", revoked_on=date(2026, 8, 1))
    world.import_district(world.export_village())  # the district needs the village's first bundle
    receipts = world.import_village(world.export_return())
    assert "收到区里的红旗村评选结果" in receipts[0].notes
    flags = red_flags_sync.village_flags(world.village, year=2026)
    assert [(f["label"], f["revoked"] and f["revoked"]["reason"]) for f in flags] == [
        ("2026 年上半年“基层党建”红旗", None), ("2026 年上半年“乡风文明”红旗", "材料不实")]
    # the same return again changes nothing; a later one brings only what is new
    receipts = world.import_village(world.export_return())
    assert "收到区里的红旗村评选结果" not in receipts[0].notes
    assert len(red_flags_sync.village_flags(world.village)) == 2


def test_a_village_keeps_only_its_own_well_formed_flags(world):
    from dangjian_desktop.services import red_flags_sync

    v = world.village
    good = {"uuid": "6f1c2a4e-5d0b-4f7e-9a39-2c1b8d6e0a11", "village_uuid": v.org_uuid, "year": 2026, "half": 2,
            "flag_type": "基层党建", "awarded_on": "2026-12-01", "note": None, "at": "2026-12-01T00:00:00+00:00",
            "actor": "区里", "revoked": None}
    bad = [good | {"village_uuid": "someone-else"}, good | {"half": 3}, good | {"year": "2026"},
           good | {"awarded_on": "2026-13-01"}, good | {"flag_type": "长" * 13}, good | {"uuid": "x"},
           good | {"revoked": {"reason": ""}}, "not a flag"]
    bad = [b | {"uuid": f"6f1c2a4e-5d0b-4f7e-9a39-2c1b8d6e0a{n:02d}"} if isinstance(b, dict) and b["uuid"] != "x"
           else b for n, b in enumerate(bad)]
    with v.store.atomic():
        assert red_flags_sync.take_from_return(v, bad + [good]) == 1
    assert red_flags_sync.take_from_return(v, {"not": "a list"}) == 0
    assert [f["uuid"] for f in red_flags_sync.village_flags(v)] == [good["uuid"]]
