"""Property: whatever a village and its sticks go through — edits, exports, lost, duplicated and
reordered bundles and returns — the district ends holding exactly the village's state, having
applied each change once, and the village sees no drift."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_desktop.services import members, sync
from sync_fixtures import add_member, add_points, edit_member, open_world, owned_rows, small_world_files  # noqa: F401

OPERATIONS = st.lists(st.sampled_from(["add", "edit", "points", "delete", "export", "lose", "duplicate", "district",
                                       "replay", "return", "village"]), min_size=3, max_size=14)


def _step(w, op, state, rng):
    people = [m["uuid"] for m in members.list_members(w.village)]
    if op == "add":
        add_member(w.village, 20 + state["added"])
        state["added"] += 1
    elif op == "edit":
        edit_member(w.village, rng.choice(people), rng.randrange(1000))
    elif op == "points":
        add_points(w.village, rng.choice(people), day=rng.randrange(1, 28))
    elif op == "delete" and len(people) > 2:
        w.village.store.tombstone("members", rng.choice(people), actor="测试")
    elif op == "export":
        state["carried"].append(w.export_village())
    elif op == "lose" and state["carried"]:
        state["carried"].pop()
    elif op == "duplicate" and state["carried"]:
        state["carried"].append(state["carried"][-1])
    elif op == "district":
        rng.shuffle(state["carried"])
        state["applied"] += _import(w, state["carried"])
        state["delivered"] += state["carried"]
        state["carried"] = []
    elif op == "replay" and state["delivered"]:
        state["applied"] += _import(w, [rng.choice(state["delivered"])])
    elif op == "return" and sync.sync_status(w.district).devices:
        state["returns"].append(w.export_return())
    elif op == "village" and state["returns"]:
        rng.shuffle(state["returns"])
        for receipt in w.import_village(*state["returns"]):
            assert receipt.status in ("applied", "duplicate", "outdated"), receipt
            assert not receipt.reasons or receipt.status == "outdated", receipt.reasons
        state["returns"] = []


def _import(w, paths):
    receipts = w.import_district(*paths) if paths else []
    assert all(r.ok for r in receipts), [r.reasons for r in receipts]
    return sum(r.counts["applied"] for r in receipts)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, rng=st.randoms(use_true_random=False))
def test_the_district_ends_with_exactly_the_village_state(small_world_files, operations, rng):
    with tempfile.TemporaryDirectory() as folder:
        w = open_world(small_world_files, Path(folder) / "world")
        try:
            state = {"added": 0, "carried": [], "delivered": [], "returns": [], "applied": 0}
            for op in operations:
                _step(w, op, state, rng)
            state["applied"] += _import(w, [w.export_village()])
            [back] = w.import_village(w.export_return())
            assert back.status == "applied" and not back.reasons
            assert owned_rows(w.district, w.org) == owned_rows(w.village, w.org)
            status = sync.sync_status(w.village)
            assert status.pending == 0 and status.state == "ok"
            assert state["applied"] == status.acked_seq  # every change applied exactly once
        finally:
            w.close()
