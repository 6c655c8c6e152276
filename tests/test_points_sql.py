"""The fast SQL totals (store/points_sql.py) agree with the reference scoring of the core,
for any ledger: caps per month, quarter and year, floors, the bonus cap, July-start cycles,
reversals, the cache after more entries arrive, and scores up to a date inside the cycle."""

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangjian_desktop.core.points import score_members
from dangjian_desktop.core.rulebook import default_rulebook, load_rulebook
from dangjian_desktop.paths import resource_path
from dangjian_desktop.store import Store
from dangjian_desktop.store.points_sql import score_totals

MEMBERS = ["m1", "m2", "m3"]


def _periodic_rulebook():
    """The default rulebook with some caps per month and per quarter, and a July cycle start."""
    raw = json.loads(resource_path("rulebooks", "default.json").read_text(encoding="utf-8"))
    raw["cycle_start_month"] = 7
    raw["version"] = "test-periodic"
    for item in raw["items"]:
        if item["code"] in ("attend_committee", "attend_theme_day"):
            item["cap_period"], item["cap"] = "month", 1
        elif item["code"] in ("volunteer_service", "absent_meeting"):
            item["cap_period"], item["cap"] = "quarter", 4
    return load_rulebook(raw)


RULEBOOKS = [default_rulebook(), _periodic_rulebook()]


def _store():
    store = Store.memory()
    store.set_setting("device_id", "d")
    conn = store.conn
    conn.execute("INSERT INTO orgs (uuid, org, version, device, deleted, updated_at, kind, name)"
                 " VALUES ('v', 'v', 1, 'd', 0, '', 'village', 'v')")
    conn.execute("INSERT INTO rulebooks (uuid, org, version, device, deleted, updated_at, code, version_label,"
                 " effective_from, sha256, content) VALUES ('rb', 'v', 1, 'd', 0, '', 'x', '1', '2026-01-01', '', '{}')")
    for m in MEMBERS:
        conn.execute("INSERT INTO members (uuid, org, version, device, deleted, updated_at, branch_uuid, name, category)"
                     " VALUES (?, 'v', 1, 'd', 0, '', 'v', ?, '正式党员')", [m, m])
    return store


entries_strategy = st.lists(
    st.tuples(st.sampled_from(MEMBERS), st.integers(0, len(RULEBOOKS[0].items) - 1), st.integers(0, 364),
              st.integers(1, 3), st.booleans()),
    max_size=40,
)


def _ledger(rulebook, draws, cycle_start: date):
    items = list(rulebook.items.values())
    rows = []
    for member, item_index, day, count, reversed_too in draws:
        item = items[item_index % len(items)]
        row = {"member_uuid": member, "rulebook_uuid": "rb", "cycle_year": cycle_start.year,
               "occurred_on": (cycle_start + timedelta(days=day)).isoformat(), "item_code": item.code,
               "points_x100": item.points_x100 * count, "source": "manual"}
        rows.append(row)
        if reversed_too:
            rows.append({**row, "points_x100": -row["points_x100"], "source": "reversal"})
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draws=entries_strategy, extra=entries_strategy, rulebook_index=st.integers(0, 1), cut=st.integers(0, 364))
def test_sql_totals_equal_the_reference_scoring(draws, extra, rulebook_index, cut):
    rulebook = RULEBOOKS[rulebook_index]
    cycle_start = date(2026, rulebook.cycle_start_month, 1)
    store = _store()
    rows = _ledger(rulebook, draws, cycle_start)
    store.insert_many("points_ledger", rows, org="v", actor="t", summary="t")
    cycle = cycle_start.year

    def check(all_rows, through=None):
        sql = {r.member_uuid: r for r in score_totals(store, rulebook, cycle_year=cycle, through=through)}
        reference = score_members(all_rows, rulebook, cycle_year=cycle, members=MEMBERS,
                                  through=date.fromisoformat(through) if through else None)
        for m in MEMBERS:
            assert (sql[m].base_x100, sql[m].bonus_x100, sql[m].total_x100) == (
                reference[m].base_x100, reference[m].bonus_x100, reference[m].total_x100), m

    check(rows)  # fills the cache
    more = _ledger(rulebook, extra, cycle_start)
    store.insert_many("points_ledger", more, org="v", actor="t", summary="t")
    check(rows + more)  # stale members recomputed, the others read from the cache
    check(rows + more, through=(cycle_start + timedelta(days=cut)).isoformat())


def test_a_reversal_brings_the_total_back():
    rulebook = RULEBOOKS[0]
    store = _store()
    row = {"member_uuid": "m1", "rulebook_uuid": "rb", "cycle_year": 2026, "occurred_on": "2026-03-01",
           "item_code": "refuse_task", "points_x100": -1000, "source": "manual"}
    store.insert_many("points_ledger", [row], org="v", actor="t", summary="t")
    assert {r.member_uuid: r.total_x100 for r in score_totals(store, rulebook, cycle_year=2026)}["m1"] == 6000
    store.insert_many("points_ledger", [{**row, "points_x100": 1000, "source": "reversal"}], org="v", actor="t", summary="t")
    assert {r.member_uuid: r.total_x100 for r in score_totals(store, rulebook, cycle_year=2026)}["m1"] == 7000


def test_a_new_rulebook_version_recomputes_the_cached_cycle():
    store = _store()
    row = {"member_uuid": "m1", "rulebook_uuid": "rb", "cycle_year": 2026, "occurred_on": "2026-03-01",
           "item_code": "volunteer_service", "points_x100": 200, "source": "manual"}
    store.insert_many("points_ledger", [row], org="v", actor="t", summary="t")
    old = RULEBOOKS[0]
    score_totals(store, old, cycle_year=2026)
    raw = json.loads(old.to_json())
    raw["version"] = "bigger-bonus"
    for item in raw["items"]:
        if item["code"] == "volunteer_service":
            item["points"] = 3
    changed = load_rulebook(raw)
    assert changed.sha256 != old.sha256
    totals = {r.member_uuid: r for r in score_totals(store, changed, cycle_year=2026)}
    assert totals["m1"].bonus_x100 == 200  # the ledger keeps the points recorded; caps come from the new version
    assert store.scalar("SELECT COUNT(*) FROM points_totals WHERE rulebook_sha = ?", [changed.sha256]) == 1
