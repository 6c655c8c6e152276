"""红旗村 counts the dashboard reads (store/red_flag_queries.py): villages per flag type and villages
holding any flag in a year, revoked flags left out, optionally within a set of villages."""

from __future__ import annotations

import pytest

from dangjian_desktop.store import new_uuid
from dangjian_desktop.store import red_flag_queries as rf

from sync_fixtures import small_world_files, world  # noqa: F401


def villages(world) -> dict[str, str]:
    rows = world.district.store.query("SELECT code, org_uuid FROM sync_villages")
    return {r["code"]: r["org_uuid"] for r in rows}


def give(store, village_uuid, flag_type, *, year=2026, half=1) -> str:
    uuid = new_uuid()
    rf.insert_flag(store, {"uuid": uuid, "village_uuid": village_uuid, "year": year, "half": half,
                           "flag_type": flag_type, "awarded_on": f"{year}-07-01", "note": None,
                           "at": "2026-07-01T00:00:00+00:00", "actor": "测试"})
    return uuid


@pytest.fixture
def flagged(world):
    store, v = world.district.store, villages(world)
    give(store, v["DZC"], "基层党建", half=1)
    give(store, v["DZC"], "基层党建", half=2)  # the same type twice a year: one village
    give(store, v["DZC"], "产业发展", half=2)
    give(store, v["XZC"], "基层党建", half=2)
    revoked = give(store, v["XZC"], "乡风文明", half=1)
    rf.insert_revocation(store, {"flag_uuid": revoked, "reason": "材料不实", "revoked_on": "2026-09-01",
                                 "at": "2026-09-01T00:00:00+00:00", "actor": "测试"})
    give(store, v["XZC"], "人居环境", year=2025)
    return world


def test_counts_are_villages_per_flag_type_without_revoked_flags(flagged):
    store = flagged.district.store
    assert rf.red_flag_counts(store, 2026) == {"基层党建": 2, "产业发展": 1}
    assert rf.red_flag_village_count(store, 2026) == 2
    assert rf.red_flag_counts(store, 2025) == {"人居环境": 1}
    assert rf.red_flag_village_count(store, 2024) == 0
    assert rf.red_flag_counts(store, 2024) == {}


def test_counts_within_a_set_of_villages(flagged):
    store, v = flagged.district.store, villages(flagged)
    assert rf.red_flag_counts(store, 2026, [v["XZC"]]) == {"基层党建": 1}
    assert rf.red_flag_village_count(store, 2026, [v["XZC"]]) == 1
    assert rf.red_flag_village_count(store, 2026, []) == 0
    assert rf.red_flag_village_count(store, 2026, {v["DZC"], v["XZC"]}) == 2


def test_flags_and_revocations_are_append_only(flagged):
    conn = flagged.district.store.conn
    for sql in ("UPDATE red_flags SET note = 'x'", "DELETE FROM red_flags",
                "UPDATE red_flag_revocations SET reason = 'x'", "DELETE FROM red_flag_revocations"):
        with pytest.raises(Exception, match="append-only"):
            conn.execute(sql)


def test_the_four_flag_types_come_with_the_database(world):
    assert rf.flag_types(world.district.store) == ["基层党建", "产业发展", "乡风文明", "人居环境"]
