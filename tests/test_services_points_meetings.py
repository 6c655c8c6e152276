"""Points and meetings on a real database: recording, reversals, attendance points, quorum."""

from datetime import date

import pytest

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.core.ids import derived_uuid, org_prefix
from dangjian_desktop.errors import ValidationError
from dangjian_desktop.services import meetings, members, points
from dangjian_desktop.services.maintenance import check_database
from dangjian_desktop.store import queries


def _member(ctx, name, seq, **extra):
    record = {"name": name, "id_number": make_id(date(1960, 1, 1), "男", seq=seq), "category": "正式党员",
              "joined_on": "1990-07-01", "full_on": "1991-07-01", **extra}
    return members.add_member(ctx, record=record)


@pytest.fixture
def people(village):
    return [_member(village, "张一", 11, party_post="书记"), _member(village, "王二", 13),
            _member(village, "李三", 15, member_class="年老体弱")]


def _total(ctx, uuid):
    return next(s for s in points.member_scores(ctx, cycle=2026) if s.member_uuid == uuid).total_x100


def test_recording_for_many_members_adds_one_entry_each(village, people):
    changes = points.record_points(village, member_uuids=[p["uuid"] for p in people[:2]],
                                   item_code="volunteer_service", occurred_on=date(2026, 5, 1))
    assert len(changes.uuids) == 2
    assert _total(village, people[0]["uuid"]) == 7000 + 200


def test_a_reversal_cancels_and_needs_a_reason(village, people):
    entry = points.record_points(village, member_uuids=[people[0]["uuid"]], item_code="refuse_task",
                                 occurred_on=date(2026, 5, 1)).uuids[0]
    assert _total(village, people[0]["uuid"]) == 7000 - 1000
    with pytest.raises(ValidationError, match="原因"):
        points.reverse_entry(village, entry_uuid=entry, reason=" ")
    points.reverse_entry(village, entry_uuid=entry, reason="记错了人")
    assert _total(village, people[0]["uuid"]) == 7000
    with pytest.raises(ValidationError, match="已经冲销"):
        points.reverse_entry(village, entry_uuid=entry, reason="再来一次")
    assert len(queries.ledger(village.store, village.org_uuid)) == 2  # nothing erased


def test_an_exempt_member_class_cannot_be_given_that_item(village, people):
    with pytest.raises(ValidationError, match="年老体弱"):
        points.record_points(village, member_uuids=[people[2]["uuid"]], item_code="absent_meeting",
                             occurred_on=date(2026, 5, 1))


def test_a_capped_item_warns_once_the_cap_is_reached(village, people):
    uuid = people[0]["uuid"]
    cap = village.rulebook.items["volunteer_service"]
    for _ in range(cap.cap_x100 // cap.points_x100):
        assert not points.record_points(village, member_uuids=[uuid], item_code="volunteer_service",
                                        occurred_on=date(2026, 5, 1)).warnings
    over = points.record_points(village, member_uuids=[uuid], item_code="volunteer_service",
                                occurred_on=date(2026, 6, 1))
    assert "上限" in over.warnings[0]
    assert _total(village, uuid) == 7000 + cap.cap_x100


def _meeting(type_code="general_meeting", held_on="2026-03-10", **extra):
    return {"type_code": type_code, "title": "支部党员大会", "held_on": held_on, **extra}


def test_attendance_posts_points_from_the_rulebook(village, people):
    attendance = [{"member_uuid": people[0]["uuid"], "status": "出席"},
                  {"member_uuid": people[1]["uuid"], "status": "缺席"},
                  {"member_uuid": people[2]["uuid"], "status": "缺席"}]
    preview = meetings.preview_points(village, type_code="general_meeting", attendance=attendance)
    assert [(p.member_name, p.points_x100) for p in preview] == [("张一", 100), ("王二", -200)]
    meetings.save_meeting(village, record=_meeting(), attendance=attendance)
    entries = queries.ledger(village.store, village.org_uuid)
    assert sorted((e["member_name"], e["points_x100"], e["source"]) for e in entries) == [
        ("张一", 100, "attendance"), ("王二", -200, "attendance")]


def test_correcting_attendance_reverses_and_posts_again(village, people):
    first = [{"member_uuid": people[1]["uuid"], "status": "缺席"}]
    changes = meetings.save_meeting(village, record=_meeting(), attendance=first)
    meeting_uuid = changes.uuids[0]
    meetings.save_meeting(village, record=_meeting(), meeting_uuid=meeting_uuid,
                          attendance=[{"member_uuid": people[1]["uuid"], "status": "请假", "reason": "生病"}])
    ledger = queries.ledger(village.store, village.org_uuid)
    assert sum(e["points_x100"] for e in ledger) == 0 and len(ledger) == 2
    assert _total(village, people[1]["uuid"]) == 7000
    assert len(queries.attendance(village.store, meeting_uuid)) == 1


def test_withdrawing_a_meeting_reverses_its_points(village, people):
    uuid = meetings.save_meeting(village, record=_meeting(),
                                 attendance=[{"member_uuid": people[0]["uuid"], "status": "出席"}]).uuids[0]
    meetings.delete_meeting(village, meeting_uuid=uuid, reason="重复录入")
    assert meetings.list_meetings(village, year=2026) == []
    assert _total(village, people[0]["uuid"]) == 7000


def test_general_meeting_quorum_counts_only_members_with_a_vote(village, people):
    probationary = _member(village, "赵四", 17, category="预备党员", full_on=None, joined_on="2026-03-01")
    attendance = [{"member_uuid": people[0]["uuid"], "status": "出席"},
                  {"member_uuid": people[1]["uuid"], "status": "缺席"},
                  {"member_uuid": people[2]["uuid"], "status": "缺席"},
                  {"member_uuid": probationary["uuid"], "status": "出席"}]
    uuid = meetings.save_meeting(village, record=_meeting(held_on="2026-04-10"), attendance=attendance).uuids[0]
    summary = meetings.meeting_summary(village, uuid)
    assert (summary.expected, summary.present, summary.voting_expected, summary.voting_present) == (4, 2, 3, 1)
    assert summary.quorum_met is False


def test_not_counted_needs_a_reason_and_nothing_is_saved(village, people):
    with pytest.raises(ValidationError, match="原因"):
        meetings.save_meeting(village, record=_meeting(),
                              attendance=[{"member_uuid": people[0]["uuid"], "status": "不计入应到"}])
    assert meetings.list_meetings(village, year=2026) == []


def test_the_demo_village_passes_its_own_check(demo):
    assert check_database(demo) == []


def test_check_finds_a_reversal_that_does_not_mirror_its_entry(demo):
    entry = queries.ledger(demo.store, demo.org_uuid)[0]
    demo.store.insert("points_ledger", {**{k: entry[k] for k in ("member_uuid", "rulebook_uuid", "cycle_year",
                                                                 "occurred_on", "item_code")},
                                        "points_x100": 12345, "source": "reversal", "reverses_uuid": entry["uuid"]},
                      org=demo.org_uuid, actor="篡改")
    assert any("冲销" in p for p in check_database(demo))


def test_check_finds_totals_cache_tampering(demo):
    points.member_scores(demo, cycle=2026)  # fills the cache
    demo.store.conn.execute("UPDATE points_totals SET bonus_x100 = bonus_x100 + 1")
    assert any("积分合计" in p for p in check_database(demo))


def test_a_member_taken_off_the_checklist_can_be_put_back(village, people):
    one = [{"member_uuid": people[0]["uuid"], "status": "出席"}]
    both = one + [{"member_uuid": people[1]["uuid"], "status": "出席"}]
    uuid = meetings.save_meeting(village, record=_meeting(), attendance=both).uuids[0]
    meetings.save_meeting(village, record=_meeting(), meeting_uuid=uuid, attendance=one)
    meetings.save_meeting(village, record=_meeting(), meeting_uuid=uuid, attendance=both)
    assert len(queries.attendance(village.store, uuid)) == 2
    assert _total(village, people[1]["uuid"]) == 7000 + 100


def test_a_row_named_before_owned_identities_is_put_back_not_doubled(village, people):
    """Attendance rows recorded by earlier versions carry plain name-based identities; putting such a
    member back on the checklist brings that row back instead of adding a second one."""
    uuid = meetings.save_meeting(village, record=_meeting(),
                                 attendance=[{"member_uuid": people[0]["uuid"], "status": "出席"}]).uuids[0]
    legacy = derived_uuid("attendance", uuid, people[1]["uuid"])
    village.store.insert("attendance", {"uuid": legacy, "meeting_uuid": uuid, "member_uuid": people[1]["uuid"],
                                        "status": "缺席"}, org=village.org_uuid, actor="测试")
    village.store.tombstone("attendance", legacy, actor="测试")
    meetings.save_meeting(village, record=_meeting(), meeting_uuid=uuid,
                          attendance=[{"member_uuid": p["uuid"], "status": "出席"} for p in people[:2]])
    rows = {r["member_uuid"]: r for r in queries.attendance(village.store, uuid)}
    assert rows[people[1]["uuid"]]["uuid"] == legacy and rows[people[1]["uuid"]]["status"] == "出席"
    assert rows[people[0]["uuid"]]["uuid"].startswith(org_prefix(village.org_uuid).hex())
