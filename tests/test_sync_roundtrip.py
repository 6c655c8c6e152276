"""The bundle contract end to end: village → district → return → village, idempotence, order,
lost sticks, snapshots, confidentiality, rules only forward, drift and old backups."""

import itertools
import shutil

import pytest

from dangjian_desktop.core.rulebook import default_rulebook, load_rulebook
from dangjian_desktop.services import district, members, sync
from dangjian_desktop.store import queries, sync_queries
from dangjian_desktop.services.sync_village import setup_from_enrolment
from dangjian_desktop.sync.errors import BundleRejected, SyncSetupError
from dangjian_desktop.sync.state_hash import village_state_hash
from sync_fixtures import (PASSPHRASE, add_member, add_points, data_dump, demo_world, demo_world_files, dump,  # noqa: F401
                           edit_member, open_ctx, owned_rows, small_world_files, world)


def test_a_full_round_trip_leaves_both_sides_with_the_same_village(demo_world):
    w = demo_world
    pending = sync.pending_changes(w.village)
    delta = w.export_village()
    [receipt] = w.import_district(delta)
    assert receipt.status == "applied" and receipt.counts["applied"] == pending
    assert owned_rows(w.district, w.org) == owned_rows(w.village, w.org)
    [back] = w.import_village(w.export_return())
    assert back.status == "applied" and back.acked_seq == pending
    status = sync.sync_status(w.village)
    assert (status.pending, status.state) == (0, "ok")
    roster = members.list_members(w.village, roster_only=True)
    assert len(queries.members(w.district.store, w.org, roster_only=True)) == len(roster) > 0
    assert "DJ-DZC-" in delta.name and ":" not in delta.name


def test_importing_the_same_bundle_twice_is_a_duplicate_and_changes_nothing(world):
    delta = world.export_village()
    world.import_district(delta)
    before = dump(world.district)
    [again] = world.import_district(delta)
    assert again.status == "duplicate" and again.ok
    assert dump(world.district) == before


def test_an_old_bundle_after_a_newer_one_changes_nothing(world):
    old = world.export_village()
    uuid = add_member(world.village, 5)
    edit_member(world.village, uuid, 1)
    new = world.export_village()
    world.import_district(new)
    before = data_dump(world.district)
    [receipt] = world.import_district(old)
    assert receipt.ok and receipt.counts["applied"] == 0 and receipt.counts["duplicate"] > 0
    assert data_dump(world.district) == before


def test_any_order_of_a_set_of_bundles_gives_the_same_database(world, tmp_path):
    bundles = [world.export_village()]
    people = members.list_members(world.village)
    edit_member(world.village, people[0]["uuid"], 1)
    fresh = add_member(world.village, 6)
    bundles.append(world.export_village())
    world.village.store.tombstone("members", people[1]["uuid"], actor="测试")
    add_points(world.village, fresh, day=3)
    edit_member(world.village, people[0]["uuid"], 2)
    bundles.append(world.export_village())
    world.district.close()
    pristine = tmp_path / "pristine.db"
    shutil.copy(world.folder / "district.db", pristine)
    results = []
    for order in itertools.permutations(bundles):
        shutil.copy(pristine, world.folder / "district.db")
        world.district = open_ctx(world.folder / "district.db")
        assert all(r.ok for r in world.import_district(*order))
        results.append(owned_rows(world.district, world.org))
        world.district.close()
    world.district = open_ctx(world.folder / "district.db")
    assert all(r == results[0] for r in results)
    assert results[0] == owned_rows(world.village, world.org)


def test_a_lost_stick_costs_nothing(world):
    world.export_village()  # this stick is lost on the way
    add_member(world.village, 8)
    [receipt] = world.import_district(world.export_village())
    assert receipt.status == "applied"
    assert owned_rows(world.district, world.org) == owned_rows(world.village, world.org)


def test_only_unacknowledged_changes_travel_after_a_return(world):
    world.round_trip()
    add_member(world.village, 9)
    delta = world.export_village()
    [receipt] = world.import_district(delta)
    assert receipt.counts["applied"] == sync.pending_changes(world.village) == 1
    assert owned_rows(world.district, world.org) == owned_rows(world.village, world.org)


def test_changes_made_after_the_export_are_not_drift(world):
    world.import_district(world.export_village())
    edit_member(world.village, members.list_members(world.village)[0]["uuid"], 3)
    [back] = world.import_village(world.export_return())
    assert back.status == "applied" and not back.reasons
    assert sync.sync_status(world.village).state == "ok" and sync.pending_changes(world.village) == 1


def test_snapshot_restores_a_lost_laptop_with_the_same_state_hash(demo_world):
    w = demo_world
    w.round_trip()
    [device] = district.list_devices(w.district)
    district.revoke_device(w.district, device=device["device_id"][:8], reason="笔记本电脑被盗")
    enrolment = w.enrol("DZC", "东庄村党总支")
    snapshot = sync.make_snapshot(w.district, village_code="DZC", out_dir=w.stick(), passphrase="测试用口令-2026")
    restored = w.new_village(enrolment, snapshot)
    assert village_state_hash(restored.store, w.org) == village_state_hash(w.district.store, w.org)
    assert owned_rows(restored, w.org) == owned_rows(w.village, w.org)
    assert restored.rulebook == w.village.rulebook
    add_member(restored, 11)
    [receipt] = w.import_district(w.export_village(restored))
    assert receipt.status == "applied" and receipt.counts["applied"] == 1
    [back] = w.import_village(w.export_return(), ctx=restored)
    assert back.status == "applied" and not back.reasons
    assert sync.sync_status(restored).state == "ok" and sync.pending_changes(restored) == 0
    [old] = w.import_district(w.export_village())
    assert old.status == "rejected" and "吊销" in old.reasons[0]
    restored.close()


def test_member_ids_and_phone_numbers_never_appear_in_the_file(demo_world):
    w = demo_world
    roster = members.list_members(w.village)
    data = w.export_village().read_bytes()
    secrets = [m["id_number"] for m in roster if m["id_number"]] + [m["phone"] for m in roster if m["phone"]]
    assert len(secrets) > 30
    assert not [s for s in secrets if s.encode() in data]
    assert not [m["name"] for m in roster if m["name"].encode("utf-8") in data]


def test_rules_travel_forward_only(world):
    world.round_trip()
    older_return = world.export_return()
    raw = dict(default_rulebook().raw, version="2027版", effective_from="2027-01-01")
    district.issue_rules(world.district, table="rulebooks", rules=load_rulebook(raw))
    world.import_district(world.export_village())
    [newer] = world.import_village(world.export_return())
    assert any("2027版" in note for note in newer.notes)
    assert world.village.rulebook.version == "2027版"
    before = dump(world.village)
    [stale] = world.import_village(older_return)
    assert stale.status == "outdated" and not stale.ok and "较早" in stale.reasons[0]
    assert dump(world.village) == before and world.village.rulebook.version == "2027版"


def test_drift_asks_for_a_snapshot_and_merges_nothing(world):
    world.import_district(world.export_village())
    uuid = members.list_members(world.village)[0]["uuid"]
    world.district.store.conn.execute("UPDATE members SET version = version + 5 WHERE uuid = ?", [uuid])
    before = owned_rows(world.village, world.org)
    [back] = world.import_village(world.export_return())
    assert any("快照" in reason for reason in back.reasons)
    assert sync.sync_status(world.village).state == "drift"
    assert owned_rows(world.village, world.org) == before


def test_a_laptop_restored_from_an_old_backup_refuses_to_export(world):
    world.village.close()
    shutil.copy(world.folder / "village.db", world.folder / "old-backup.db")
    world.village = open_ctx(world.folder / "village.db")
    add_member(world.village, 10)
    world.import_district(world.export_village())
    back = world.export_return()
    world.village.close()
    shutil.copy(world.folder / "old-backup.db", world.folder / "village.db")
    world.village = open_ctx(world.folder / "village.db")
    [receipt] = world.import_village(back)
    assert any("旧备份" in reason for reason in receipt.reasons)
    with pytest.raises(SyncSetupError, match="快照"):
        world.export_village()


def test_a_district_restored_from_backup_holds_the_gap_and_the_village_resends(world):
    world.district.close()
    shutil.copy(world.folder / "district.db", world.folder / "district-backup.db")
    world.district = open_ctx(world.folder / "district.db")
    world.round_trip()
    world.district.close()
    shutil.copy(world.folder / "district-backup.db", world.folder / "district.db")  # lost, restored
    world.district = open_ctx(world.folder / "district.db")
    add_member(world.village, 12)
    [held] = world.import_district(world.export_village())
    assert held.status == "held" and "重新导出" in held.reasons[0]
    world.import_village(world.export_return())
    [again] = world.import_district(world.export_village())
    assert again.status == "applied"
    assert owned_rows(world.district, world.org) == owned_rows(world.village, world.org)


def test_review_results_reach_the_village(world):
    world.round_trip()
    review = {"uuid": "0f6f7b8e-1111-4d7a-9a39-2c1b8d6e0a11", "village_org": world.org, "assessment_uuid": None,
              "year": 2025, "stage": "区级审核", "result": "通过", "star_level": 4, "note": None,
              "reviewer": "组织部", "reviewed_on": "2026-02-01", "version": 1}
    sync_queries.save_review(world.district.store, review)
    [back] = world.import_village(world.export_return())
    assert any("审核结果" in note for note in back.notes)
    assert sync_queries.reviews_for(world.village.store, world.org)[0]["star_level"] == 4


def test_a_failed_restore_leaves_nothing_and_can_be_retried(world):
    world.round_trip()
    district.revoke_device(world.district, device=district.list_devices(world.district)[0]["device_id"])
    first = world.enrol("DZC", "东庄村党总支")
    snapshot = sync.make_snapshot(world.district, village_code="DZC", out_dir=world.stick(), passphrase=PASSPHRASE)
    second = world.enrol("DZC", "东庄村党总支")  # the snapshot was sealed to the first enrolment
    ctx = open_ctx(world.folder / "restored.db")
    with pytest.raises(BundleRejected, match="另一份登记文件"):
        setup_from_enrolment(ctx, enrolment_path=second, snapshot_path=snapshot)
    assert ctx.store.setting("org_uuid") is None and not ctx.store.query("SELECT * FROM orgs")
    setup_from_enrolment(ctx, enrolment_path=first, snapshot_path=snapshot)
    assert owned_rows(ctx, world.org) == owned_rows(world.village, world.org)
    ctx.close()


def test_the_state_hash_the_district_keeps_agrees_with_its_rows(world):
    """The district moves each village's state hash by what an import applied instead of
    re-reading the village's rows; after edits, updates, a held bundle and its completion the
    kept value is the one computed from the rows."""
    uuid = members.list_members(world.village)[0]["uuid"]
    world.import_district(world.export_village())
    members.update_member(world.village, member_uuid=uuid, changes={"job": "更正一"})
    skipped = world.export_village()
    members.update_member(world.village, member_uuid=uuid, changes={"job": "更正二"})
    add_points(world.village, uuid, day=3)
    world.import_district(world.export_village())
    world.import_district(skipped)  # old and already covered: nothing changes
    world.import_district(world.export_village(world.village2))
    for ctx in (world.village, world.village2):
        kept = sync_queries.kept_state_hash(world.district.store, ctx.org_uuid)
        assert kept == village_state_hash(world.district.store, ctx.org_uuid) == village_state_hash(ctx.store, ctx.org_uuid)
