"""Bad bundles are refused with a Chinese reason, and the database is exactly as before
(the bundle log is the only trace a refused file may leave)."""

import json
from uuid import uuid4
import zipfile

import pytest
from nacl.signing import SigningKey

from dangjian_desktop.services import district, sync
from dangjian_desktop.services.sync_identity import district_of, own_keys, registration, schema_version
from dangjian_desktop.store import sync_queries
from dangjian_desktop.sync import bundle, container
from dangjian_desktop.sync.bundle import canonical
from dangjian_desktop.sync.errors import BundleRejected
from dangjian_desktop.sync.keys import KeyPair, b64
from sync_fixtures import PASSPHRASE, build_world, dump, open_ctx, open_world, small_world_files, world  # noqa: F401


def _refused(world, path, *, expect: str, status: str = "rejected"):
    before = dump(world.district)
    [receipt] = world.import_district(path)
    assert receipt.status == status and not receipt.ok
    assert any(expect in reason for reason in receipt.reasons), receipt.reasons
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in reason) for reason in receipt.reasons)
    assert dump(world.district) == before
    return receipt


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(path, members, name="forged.djb"):
    target = path.with_name(name)
    target.write_bytes(container.pack(list(members.items())))
    return target


def _seal_as(world, ctx, rows, *, after=0, header_edit=None):
    """A correctly signed and sealed delta from `ctx`'s laptop carrying arbitrary rows."""
    keys, dist, org = own_keys(ctx), district_of(ctx), ctx.org
    changes = [{"seq": after + i + 1, "table": table, "row": row} for i, (table, row) in enumerate(rows)]
    name, data = bundle.seal(kind="delta", sender=keys, sender_role="village", sender_device=ctx.store.device_id,
                             recipient_box_pk=dist["box_pk"], recipient_device=dist["device"], district=dist,
                             village={"code": org["code"], "org": org["uuid"]}, seq_after=after,
                             seq_through=after + len(changes), schema_version=schema_version(), info={},
                             changes=changes, state_hash=None, registration=registration(ctx))
    path = world.stick()
    path.mkdir()
    (path / name).write_bytes(data)
    if header_edit:
        members = _members(path / name)
        header = json.loads(members["header.json"])
        header_edit(header)
        members["header.json"] = canonical(header)
        members["header.sig"] = keys.sign.sign(members["header.json"]).signature
        return _rewrite(path / name, members)
    return path / name


@pytest.mark.parametrize("keep", [0, 10, 100, 0.5, -200, -22, -1])
def test_a_truncated_file_is_refused(world, keep):
    path = world.export_village()
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else (keep if keep >= 0 else len(data) + keep)
    path.write_bytes(data[:cut])
    _refused(world, path, expect="")


def test_any_flipped_byte_is_refused(world):
    path = world.export_village()
    data = path.read_bytes()
    before = dump(world.district)
    # Every ninth byte, and every byte of the zip's central directory and end record.
    for position in sorted(set(range(0, len(data), 9)) | set(range(len(data) - 150, len(data)))):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        path.write_bytes(bytes(flipped))
        [receipt] = world.import_district(path)
        assert receipt.status == "rejected", position
    assert dump(world.district) == before
    path.write_bytes(data)
    assert world.import_district(path)[0].status == "applied"


def test_a_bundle_re_signed_by_another_key_is_refused(world):
    path = world.export_village()
    members = _members(path)
    members["header.sig"] = SigningKey.generate().sign(members["header.json"]).signature
    _refused(world, _rewrite(path, members), expect="签名")


def test_a_bundle_claimed_by_another_enrolled_laptop_is_refused(world):
    world.import_district(world.export_village(world.village2))
    path = world.export_village()
    members = _members(path)
    header = json.loads(members["header.json"])
    other = sync_queries.devices(world.district.store)[0]
    header["sender"] = {"role": "village", "device": other["device_id"], "sign_key": b64(other["sign_pk"])}
    keys2 = own_keys(world.village2)
    members["header.json"] = canonical(header)
    members["header.sig"] = keys2.sign.sign(members["header.json"]).signature
    _refused(world, _rewrite(path, members), expect="")


def test_a_revoked_laptop_is_refused(world):
    world.round_trip()
    [device] = district.list_devices(world.district)
    district.revoke_device(world.district, device=device["device_id"], reason="丢失")
    _refused(world, world.export_village(), expect="吊销")


def test_an_unenrolled_laptop_is_refused(world):
    path = world.export_village()
    members = _members(path)
    header = json.loads(members["header.json"])
    intruder, fake_enrolment = KeyPair.generate(), SigningKey.generate()
    reg = header["registration"]
    reg["device"]["sign_key"] = b64(intruder.sign_pk)
    reg["certificate"]["enrolment_key"] = b64(bytes(fake_enrolment.verify_key))
    reg["device_sig"] = b64(fake_enrolment.sign(canonical(reg["device"])).signature)
    header["sender"]["sign_key"] = b64(intruder.sign_pk)
    members["header.json"] = canonical(header)
    members["header.sig"] = intruder.sign.sign(members["header.json"]).signature
    _refused(world, _rewrite(path, members), expect="未登记")


def test_a_second_laptop_cannot_reuse_an_enrolment(world, small_world_files):
    world.import_district(world.export_village())
    clone = world.new_village(small_world_files / "DZC.dje", name="clone.db")  # the file the first laptop used
    _refused(world, world.export_village(clone), expect="另一台电脑")
    clone.close()


def test_a_bundle_for_another_district_is_refused(world, tmp_path):
    build_world(tmp_path / "other")
    other = open_world(tmp_path / "other", tmp_path / "other-copy")
    try:
        _refused(world, other.export_village(), expect="另一个区")
    finally:
        other.close()


def test_rows_of_another_village_are_refused(world):
    theirs = world.village.store.query("SELECT * FROM members")[0]
    forged = dict(theirs, version=theirs["version"] + 1, job="被篡改", device=world.village2.store.device_id)
    _refused(world, _seal_as(world, world.village2, [("members", forged)]), expect="别的村")


def test_district_tables_cannot_be_changed_by_a_village(world):
    rule = world.village.store.query("SELECT * FROM rulebooks")[0]
    forged = dict(rule, version=2, content="{}", device=world.village.store.device_id)
    _refused(world, _seal_as(world, world.village, [("rulebooks", forged)]), expect="区里下发")


def test_rows_failing_the_schema_rules_are_refused(world):
    world.import_district(world.export_village())
    row = world.village.store.query("SELECT * FROM members")[0]
    bad = dict(row, version=row["version"] + 1, sex="未知")
    after = sync_queries.max_seq(world.village.store)
    _refused(world, _seal_as(world, world.village, [("members", bad)], after=after), expect="冲突")


def test_unknown_columns_from_a_newer_program_are_refused(world):
    row = dict(world.village.store.query("SELECT * FROM members")[0], wechat="abc")
    _refused(world, _seal_as(world, world.village, [("members", row)]), expect="升级")


def test_a_newer_format_version_is_refused(world):
    path = _seal_as(world, world.village, [], header_edit=lambda h: h.update(format_version=2))
    _refused(world, path, expect="升级")


def test_a_newer_database_structure_is_refused(world):
    path = _seal_as(world, world.village, [], header_edit=lambda h: h.update(schema_version=h["schema_version"] + 1))
    _refused(world, path, expect="升级")


def test_zip_entries_with_paths_are_refused(world):
    path = world.export_village()
    members = _members(path)
    members["../../evil.txt"] = b"x"
    _refused(world, _rewrite(path, members), expect="格式")
    members.pop("../../evil.txt")
    members["/etc/passwd"] = b"x"
    _refused(world, _rewrite(path, members, "abs.djb"), expect="格式")


def test_an_oversized_member_is_refused_before_reading_it(world):
    path = world.export_village()
    members = _members(path)
    members["header.json"] = members["header.json"] + b" " * (100 * 1024)
    _refused(world, _rewrite(path, members), expect="不合理")


def test_a_decompression_bomb_is_refused():
    bomb = container.pack([("changes.jsonl", b"\0" * (4 * 1024 ** 2))], compress=True)
    assert len(bomb) < 10_000
    with pytest.raises(BundleRejected, match="不合理"):
        container.unpack(bomb, ("changes.jsonl",), {"changes.jsonl": 1024 ** 2}, compressed=True)


def test_the_same_bundle_id_with_other_content_is_quarantined(world):
    path = world.export_village()
    world.import_district(path)
    keys = own_keys(world.village)
    members = _members(path)
    header = json.loads(members["header.json"])
    header["created_at"] = "2030-01-01T00:00:00+00:00"
    members["header.json"] = canonical(header)
    members["header.sig"] = keys.sign.sign(members["header.json"]).signature
    quarantine_only = ("sync_quarantine", "sqlite_sequence")
    before = {k: v for k, v in dump(world.district).items() if k not in quarantine_only}
    [receipt] = world.import_district(_rewrite(path, members))
    assert receipt.status == "quarantined" and "隔离" in receipt.reasons[0]
    assert {k: v for k, v in dump(world.district).items() if k not in quarantine_only} == before
    assert len(sync_queries.quarantined(world.district.store)) == 1


def test_a_forked_stream_quarantines_the_laptop(world):
    world.import_district(world.export_village())
    row = world.village.store.query("SELECT * FROM members ORDER BY rowid")[0]
    forked = dict(row, job="另一份内容")  # same version, same laptop, other content
    path = _seal_as(world, world.village, [("members", forked)], after=sync_queries.max_seq(world.village.store))
    [receipt] = world.import_district(path)
    assert receipt.status == "quarantined" and "分叉" in receipt.reasons[0]
    assert district.list_devices(world.district)[0]["state"] == "已隔离"
    [later] = world.import_district(world.export_village())
    assert later.status == "quarantined"


def test_a_return_bundle_is_not_imported_at_the_district(world):
    world.import_district(world.export_village())
    _refused(world, world.export_return(), expect="村里导入")


def test_a_delta_is_not_imported_at_a_village(world):
    path = world.export_village(world.village2)
    before = dump(world.village)
    [receipt] = world.import_village(path)
    assert receipt.status == "rejected" and dump(world.village) == before


def test_a_return_for_another_village_is_refused(world):
    world.import_district(world.export_village(world.village2))
    path = world.export_return("XZC")
    before = dump(world.village)
    [receipt] = world.import_village(path)
    assert receipt.status == "rejected" and "另一个村" in receipt.reasons[0]
    assert dump(world.village) == before


def test_a_missing_file_and_a_non_bundle_are_refused(world, tmp_path):
    (tmp_path / "notes.djb").write_text("这不是数据包", encoding="utf-8")
    receipts = sync.import_bundles(world.district, paths=[tmp_path / "none.djb", tmp_path / "notes.djb"],
                                   passphrase=PASSPHRASE, backup=False)
    assert [r.status for r in receipts] == ["rejected", "rejected"]
    assert "找不到" in receipts[0].reasons[0] and "损坏" in receipts[1].reasons[0]


def test_a_change_whose_prerequisite_is_missing_is_held_with_everything_after_it(world):
    world.import_district(world.export_village())
    store = world.village.store
    member = store.query("SELECT * FROM members ORDER BY rowid")[0]
    entry = store.query("SELECT * FROM points_ledger")[0]
    orphan = dict(entry, uuid=str(uuid4()), member_uuid=str(uuid4()))
    rows = [("members", dict(member, version=member["version"] + 1, job="甲")), ("points_ledger", orphan),
            ("members", dict(member, version=member["version"] + 2, job="乙"))]
    after = sync_queries.max_seq(store)
    [receipt] = world.import_district(_seal_as(world, world.village, rows, after=after))
    assert receipt.status == "held" and not receipt.ok
    assert (receipt.counts["applied"], receipt.counts["held"], receipt.acked_seq) == (1, 2, after + 1)
    assert "尚未收到" in receipt.reasons[0]
    assert world.district.store.query_one("SELECT job FROM members WHERE uuid = ?", [member["uuid"]])["job"] == "甲"


def test_points_for_another_village_s_member_are_refused(world):
    world.import_district(world.export_village())
    world.import_district(world.export_village(world.village2))
    theirs = world.village2.store.query("SELECT uuid FROM members")[0]["uuid"]
    entry = world.village.store.query("SELECT * FROM points_ledger")[0]
    forged = dict(entry, uuid=str(uuid4()), member_uuid=theirs)
    after = sync_queries.max_seq(world.village.store)
    _refused(world, _seal_as(world, world.village, [("points_ledger", forged)], after=after), expect="别的村")


def test_a_row_taking_over_another_village_s_record_is_refused(world):
    """Same uuid as a record the district holds for another village, but claimed as one's own."""
    world.import_district(world.export_village())
    world.import_district(world.export_village(world.village2))
    theirs = world.village.store.query("SELECT * FROM members")[0]
    forged = dict(theirs, org=world.village2.org_uuid, version=theirs["version"] + 1, job="被篡改",
                  branch_uuid=world.village2.org_uuid, device=world.village2.store.device_id)
    after = sync_queries.max_seq(world.village2.store)
    _refused(world, _seal_as(world, world.village2, [("members", forged)], after=after), expect="另一个单位")
