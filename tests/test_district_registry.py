"""The district's registry: towns as org rows, villages attached, Excel import with per-row errors,
enrolment and sync status, silent villages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import Workbook

from dangjian_desktop.errors import DangjianError, NotFoundError, ValidationError
from dangjian_desktop.services import district, registry
from dangjian_desktop.store import sync_queries
from sync_fixtures import PASSPHRASE, small_world_files, world  # noqa: F401


def sheet(path, rows, header=("镇", "村代码", "村名称")):
    book = Workbook()
    ws = book.active
    ws.append(["新区村级党组织名单"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def status(world, code):
    return next(s for s in registry.village_status(world.district) if s.code == code)


def test_enrolment_attaches_villages_to_a_town_row(world):
    towns = registry.list_towns(world.district)
    assert [(t["name"], t["villages"]) for t in towns] == [("示范镇", 2)]
    row = world.district.store.query_one("SELECT * FROM orgs WHERE uuid = ?", [towns[0]["uuid"]])
    assert row["kind"] == "town" and row["parent_uuid"] == world.district.org_uuid


def test_add_and_rename_towns(world):
    d = world.district
    registry.add_town(d, name="河西镇", code="HX")
    with pytest.raises(DangjianError, match="已经有"):
        registry.add_town(d, name="河西镇")
    with pytest.raises(ValidationError):
        registry.add_town(d, name="  ")
    registry.rename_town(d, town="示范镇", name="示范街道")
    assert [t["name"] for t in registry.list_towns(d)] == ["河西镇", "示范街道"]  # pinyin order
    assert sync_queries.village_by_code(d.store, "DZC")["town"] == "示范街道"
    assert status(world, "DZC").town == "示范街道"
    with pytest.raises(DangjianError):
        registry.rename_town(d, town="HX", name="示范街道")
    with pytest.raises(NotFoundError):
        registry.rename_town(d, town="无此镇", name="某镇")


def test_import_from_excel_previews_then_adds_renames_and_moves(world, tmp_path):
    d = world.district
    path = sheet(tmp_path / "名单.xlsx", [
        ("示范镇", "NZC", "南庄村党支部"),
        ("河西镇", "XZC", "西庄村党总支"),  # known: renamed and moved
        ("示范镇", "DZC", "东庄村党总支"),  # known, unchanged
        ("河西镇", "bad code!", "北庄村"),
        ("河西镇", "NZC", "重复的南庄"),
        ("河西镇", "BZC", ""),
        (None, None, None),
    ])
    preview = registry.import_villages(d, path=path, dry_run=True)
    assert (preview.added, preview.updated, preview.unchanged) == (1, 1, 1)
    assert preview.rejected_rows == {6, 7, 8}
    assert {p.row for p in preview.rejected} == {6, 7, 8}
    assert "新增镇（街道）：河西镇" in preview.notes
    assert sync_queries.village_by_code(d.store, "NZC") is None  # the preview wrote nothing
    assert [t["name"] for t in registry.list_towns(d)] == ["示范镇"]

    report = registry.import_villages(d, path=path)
    assert (report.added, report.updated) == (1, 1)
    xzc = status(world, "XZC")
    assert (xzc.name, xzc.town) == ("西庄村党总支", "河西镇")
    nzc = status(world, "NZC")
    assert (nzc.town, nzc.enrolment, nzc.devices) == ("示范镇", "未登记", "无")
    again = registry.import_villages(d, path=path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_import_refuses_a_sheet_without_the_columns(world, tmp_path):
    path = sheet(tmp_path / "x.xlsx", [("a", "b")], header=("姓名", "身份证号"))
    with pytest.raises(ValidationError, match="村代码"):
        registry.import_villages(world.district, path=path)
    bad = tmp_path / "not.xlsx"
    bad.write_text("这不是表格")
    with pytest.raises(ValidationError, match="Excel"):
        registry.import_villages(world.district, path=bad)


def test_a_registered_village_keeps_its_identity_when_enrolled(world, tmp_path):
    d = world.district
    registered = registry.register_village(d, code="NZC", name="南庄村党支部", town="河西镇")
    enrolled = district.enrol_village(d, code="NZC", name="南庄村党支部", town=None, out=tmp_path / "NZC.dje",
                                      passphrase=PASSPHRASE)
    assert enrolled.village_org == registered["org_uuid"]
    s = status(world, "NZC")
    assert (s.town, s.enrolment) == ("河西镇", "已发登记文件，未收到数据包")
    with pytest.raises(DangjianError, match="已经登记"):
        registry.register_village(d, code="NZC", name="另一个", town=None)


def test_sync_status_follows_bundles(world):
    before = status(world, "DZC")
    assert before.last_bundle_at is None and before.enrolment == "已发登记文件，未收到数据包"
    world.round_trip()
    after = status(world, "DZC")
    assert after.enrolment == "已登记" and after.devices == "在用 1 台"
    assert after.last_bundle_at and after.last_import_at and after.last_return_at
    assert (after.last_status, after.waiting, after.quarantined, after.silent) == ("applied", 0, 0, False)


def test_villages_silent_for_more_than_45_days_are_flagged(world):
    world.import_district(world.export_village())
    d = world.district
    d.today = datetime.now(timezone.utc).date() + timedelta(days=registry.SILENT_DAYS)  # bundles carry real UTC times
    assert not status(world, "DZC").silent
    d.today = d.today + timedelta(days=1)
    assert status(world, "DZC").silent and status(world, "DZC").silent_days == registry.SILENT_DAYS + 1
    # a village that never sent anything counts from its registration
    assert status(world, "XZC").silent


def test_revoked_laptops_show_in_the_status(world):
    world.import_district(world.export_village())
    device = district.list_devices(world.district)[0]
    district.revoke_device(world.district, device=device["device_id"], reason="丢失")
    s = status(world, "DZC")
    assert s.devices == "已吊销 1 台" and s.enrolment == "电脑已停用"


def test_town_filter(world):
    registry.add_town(world.district, name="河西镇")
    registry.move_village(world.district, code="XZC", town="河西镇")
    hexi = registry.find_town(world.district, "河西镇")
    assert [s.code for s in registry.village_status(world.district, town_uuid=hexi["uuid"])] == ["XZC"]


def test_the_registry_is_for_the_district_only(village):
    with pytest.raises(DangjianError):
        registry.list_towns(village)


def test_the_migration_turns_town_names_into_town_rows(world):
    """A district database made before towns were rows: m003 derives one town row per name."""
    from dangjian_desktop.store.schema_district import _towns_from_text

    store = world.district.store
    store.conn.execute("UPDATE sync_villages SET town_uuid = NULL, town = '老镇' WHERE code = 'XZC'")
    store.conn.execute("UPDATE sync_villages SET town_uuid = NULL WHERE code = 'DZC'")
    with store.atomic():
        _towns_from_text(store.db)
    assert {t["name"]: t["villages"] for t in registry.list_towns(world.district)} == {"老镇": 1, "示范镇": 1}
    assert status(world, "XZC").town == "老镇"
    assert registry.find_town(world.district, "示范镇")["uuid"] == status(world, "DZC").town_uuid


def test_cli_towns_and_villages(world, tmp_path, capsys):
    from dangjian_desktop.cli import main

    db = str(world.district.store.path)
    world.district.close()
    assert main(["--db", db, "towns", "add", "河西镇", "--code", "HX"]) == 0
    assert main(["--db", db, "towns", "rename", "HX", "河西街道"]) == 0
    assert main(["--db", db, "towns", "list"]) == 0
    out = capsys.readouterr().out
    assert "河西街道（HX）  0 个村" in out and "示范镇  2 个村" in out
    path = sheet(tmp_path / "v.xlsx", [("河西街道", "NZC", "南庄村党支部"), ("河西街道", "", "无代码")])
    assert main(["--db", db, "villages", "import", str(path), "--dry-run"]) == 3  # a row was refused
    out = capsys.readouterr().out
    assert "未写入数据库" in out and "新增 1 个村" in out and "第 4 行" in out
    assert main(["--db", db, "villages", "list", "--town", "河西街道"]) == 0
    assert "还没有登记的村" in capsys.readouterr().out
    main(["--db", db, "villages", "import", str(path)])
    capsys.readouterr()
    assert main(["--db", db, "villages", "list"]) == 0
    out = capsys.readouterr().out
    assert "NZC  南庄村党支部  未登记" in out and "DZC" in out
    assert main(["--db", db, "reviews", "list"]) == 0
    assert "没有已提交的星级自评" in capsys.readouterr().out
    assert main(["--db", db, "towns", "add", "河西街道"]) == 2
    assert "已经有" in capsys.readouterr().err


@pytest.mark.parametrize("code", ["V900\n", "V900\r\n", "\nV900"])
def test_a_village_code_with_a_line_break_is_refused(world, code):
    """`$` in a pattern also matches before a final newline: a code pasted from a cell with a line
    break must not become part of file names and bundle headers."""
    with pytest.raises(ValidationError):
        registry.register_village(world.district, code=code, name="换行村", town="示范镇")
    assert world.district.store.query_one("SELECT 1 FROM sync_villages WHERE code LIKE 'V900%'") is None


def test_a_uuid_with_a_trailing_newline_is_not_a_uuid():
    from uuid import uuid4

    from dangjian_desktop.sync.bundle import is_uuid

    value = str(uuid4())
    assert is_uuid(value) and not is_uuid(value + "\n") and not is_uuid(value.upper())
