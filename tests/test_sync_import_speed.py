"""What the district import's speed-ups (m007, sync/changes._flush, bundle._parse_changes) must keep:
the suspended triggers come back exactly, their work is done once per bundle, the kept state hash
is forgotten by any other write of a village's rows, and the reader refuses what it refused before."""

import json
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from dangjian_desktop.services import members, points, sync
from dangjian_desktop.store import Store, queries, sync_queries
from dangjian_desktop.sync import bundle, changes
from dangjian_desktop.sync.errors import BundleRejected
from dangjian_desktop.sync.state_hash import village_state_hash
from test_sync_bad_input import _seal_as
from sync_fixtures import PASSPHRASE, data_dump, demo_world, demo_world_files, dump, open_ctx, small_world_files, world  # noqa: F401


def _insert_triggers(store: Store, table: str) -> set[str]:
    return {name for name, sql in store.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table])
        if " INSERT ON " in " ".join(sql.split()).upper()}


def test_the_suspended_triggers_are_every_insert_trigger_of_the_bulk_tables():
    """A trigger added to these tables must be added to BULK_TRIGGERS (and its work done by _flush)."""
    store = Store.memory()
    for table, names in changes.BULK_TRIGGERS.items():
        assert _insert_triggers(store, table) == set(names)


def test_an_import_leaves_the_schema_as_it_was_and_marks_the_caches_once(demo_world):
    w = demo_world
    schema = dump(w.district)["schema"]
    log = w.district.store.scalar("SELECT COUNT(*) FROM change_log")
    conn = w.district.store.conn
    conn.execute("DELETE FROM points_stale")
    conn.execute("DELETE FROM training_stale")
    [receipt] = w.import_district(w.export_village())
    assert receipt.status == "applied" and receipt.counts["applied"] > 100
    assert dump(w.district)["schema"] == schema
    assert conn.execute("SELECT COUNT(*) FROM sync_applying").fetchone()[0] == 0
    assert w.district.store.scalar("SELECT COUNT(*) FROM change_log") == log  # the village's rows are not ours
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # off only for the bundle's own transaction
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # raised only while importing
    ledger = set(conn.execute("SELECT DISTINCT cycle_year, member_uuid FROM points_ledger WHERE org = ?", [w.org]))
    assert ledger and set(conn.execute("SELECT cycle_year, member_uuid FROM points_stale")) == ledger
    assert {r[0] for r in conn.execute("SELECT org FROM training_stale")} == {w.org}


def test_a_refused_import_leaves_the_triggers_in_place(world, monkeypatch):
    schema = dump(world.district)["schema"]
    delta = world.export_village()

    def broken(store, table, columns, rows):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(sync_queries, "insert_rows", broken)
    with pytest.raises(RuntimeError):
        world.import_district(delta)
    assert dump(world.district)["schema"] == schema
    assert world.district.store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    monkeypatch.undo()
    [receipt] = world.import_district(delta)
    assert receipt.status == "applied"


def test_with_sqlite_s_foreign_key_checks_off_a_row_whose_parent_is_missing_is_held_not_written(demo_world):
    """The import turns SQLite's foreign-key checks off for its transaction: changes.apply's own
    check must stop every row whose parent the district does not hold, in every referring column."""
    world = demo_world
    world.import_district(world.export_village())
    store = world.village.store
    attendance = store.query("SELECT * FROM attendance ORDER BY rowid")[0]
    entry = store.query("SELECT * FROM points_ledger ORDER BY rowid")[0]
    orphans = [("attendance", dict(attendance, uuid=str(uuid4()), meeting_uuid=str(uuid4()))),
               ("attendance", dict(attendance, uuid=str(uuid4()), member_uuid=str(uuid4()))),
               ("points_ledger", dict(entry, uuid=str(uuid4()), rulebook_uuid=str(uuid4()))),
               ("points_ledger", dict(entry, uuid=str(uuid4()), reverses_uuid=str(uuid4()), source="reversal"))]
    conn = world.district.store.conn
    for row in orphans:
        before = data_dump(world.district)
        after = sync_queries.max_seq(store)
        [receipt] = world.import_district(_seal_as(world, world.village, [row], after=after))
        assert receipt.status == "held" and receipt.counts["held"] == 1, row
        assert data_dump(world.district) == before
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_local_writes_still_fire_the_triggers(world):
    """Outside an import the change log and the caches follow every write, as before."""
    v = world.village
    uuid = members.list_members(v)[0]["uuid"]
    v.store.conn.execute("DELETE FROM points_stale")
    before = v.store.scalar("SELECT COUNT(*) FROM change_log")
    points.record_points(v, member_uuids=[uuid], item_code="volunteer_service", occurred_on=date(2026, 6, 1))
    assert v.store.scalar("SELECT COUNT(*) FROM change_log") == before + 1
    assert v.store.scalar("SELECT COUNT(*) FROM points_stale WHERE member_uuid = ?", [uuid]) == 1


def test_a_write_outside_the_import_forgets_the_kept_state_hash(world):
    d = world.district.store
    world.import_district(world.export_village())
    kept = sync_queries.kept_state_hash(d, world.org)
    assert kept == village_state_hash(d, world.org)
    # Someone edits a village's member at the district, not through a bundle: the next return
    # bundle must carry the hash of the rows as they are now, so the village sees the drift.
    d.conn.execute("UPDATE members SET version = version + 1, job = '区里改的' WHERE org = ? AND rowid ="
                   " (SELECT MIN(rowid) FROM members WHERE org = ?)", [world.org, world.org])
    assert sync_queries.kept_state_hash(d, world.org) is None
    world.import_village(world.export_return())
    assert world.village.store.setting("sync_state") == "drift"
    assert sync_queries.kept_state_hash(d, world.org) == village_state_hash(d, world.org) != kept


def test_return_bundles_carry_the_hash_of_the_rows(world):
    world.import_district(world.export_village())
    world.import_village(world.export_return())
    assert world.village.store.setting("sync_state") in (None, "ok")


def test_the_attendance_entries_query_uses_the_village_led_index(world):
    plan = " ".join(str(r[-1]) for r in world.village.store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM points_ledger l WHERE l.org = (SELECT org FROM attendance WHERE uuid = ?)"
        " AND l.source_uuid = ? AND l.source = 'attendance'", ["x", "x"]))
    assert "ledger_source" in plan
    assert queries.entries_from_source(world.village.store, "no-such-attendance") == []


# -- the reader ----------------------------------------------------------------------------------
def _line(change) -> bytes:
    return json.dumps(change, ensure_ascii=False).encode("utf-8")


ROW = {"uuid": "0" * 8 + "-0000-4000-8000-" + "0" * 12, "org": "o", "version": 1, "device": "d", "deleted": 0,
       "updated_at": "2026-01-01", "name": "张三", "score": 1.5, "flag": True, "note": None}


def test_the_reader_checks_values_while_parsing():
    parsed, checked = bundle._parse_changes(_line({"seq": 1, "table": "members", "row": ROW}) + b"\n")
    assert checked and parsed == [{"seq": 1, "table": "members", "row": ROW}]
    nested, checked = bundle._parse_changes(_line({"seq": 1, "table": "members", "row": {**ROW, "note": [1]}}))
    assert not checked and nested[0]["row"]["note"] == [1]  # left to changes.check, which refuses it
    long, checked = bundle._parse_changes(_line({"seq": 1, "table": "members",
                                                 "row": {**ROW, "note": "x" * (bundle.MAX_TEXT + 1)}}))
    assert not checked


@pytest.mark.parametrize("change", [
    {"seq": 1, "table": "members", "row": ROW, "extra": 1},
    {"seq": 0, "table": "members", "row": ROW},
    {"seq": True, "table": "members", "row": ROW},
    {"seq": 1, "table": 5, "row": ROW},
    {"seq": 1, "table": "members"},
    {"seq": 1, "table": "members", "row": []},
])
def test_the_reader_refuses_malformed_changes(change):
    with pytest.raises(BundleRejected):
        bundle._parse_changes(_line(change))


def test_check_refuses_what_the_reader_left_unchecked(world):
    device = "1" * 8 + "-0000-4000-8000-" + "1" * 12
    row = {"uuid": ROW["uuid"], "org": world.org, "version": 1, "device": device, "deleted": 0,
           "updated_at": "2026-01-01", "name": "张三", "note": None}
    policy = changes.Policy("delta", world.org, "district", device)
    changes.check([{"seq": 1, "table": "members", "row": row}], world.district.store, policy)
    for value, reason in (([1], "不是文字或数字"), ({"a": 1}, "不是文字或数字"),
                          ("x" * (bundle.MAX_TEXT + 1), "长得不合理")):
        with pytest.raises(BundleRejected, match=reason):
            changes.check([{"seq": 1, "table": "members", "row": {**row, "note": value}}],
                          world.district.store, policy)


def test_the_whole_file_reader_agrees_with_json_line_by_line():
    rows = [{"seq": n, "table": "members", "row": {**ROW, "name": f"第{n}人\u2028", "score": n / 3}} for n in range(1, 40)]
    data = b"\n".join(_line(r) for r in rows) + b"\n"
    parsed, checked = bundle._parse_changes(data)
    assert checked and parsed == [json.loads(line) for line in data.splitlines()]
    for broken in (data.replace(b"\n", b"\n\n", 1), data.replace(b"\n", b"\r\n"), b"\n" + data):
        if b"\n\n" in broken or broken.startswith(b"\n"):
            with pytest.raises(BundleRejected, match="无法读取"):
                bundle._parse_changes(broken)
        else:
            assert bundle._parse_changes(broken)[0] == parsed


def _import_and_die_mid_write(db_path: str, delta: str) -> None:
    """In a fresh process: import the delta, and be killed (SIGKILL) at its first insert into a bulk
    table, after that table's triggers were dropped inside the bundle's transaction, before it commits."""
    import os
    import signal

    insert_rows = sync_queries.insert_rows

    def killed(store, table, columns, rows):
        names = {name for (name,) in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table])}
        if table in changes.BULK_TRIGGERS and not names & set(changes.BULK_TRIGGERS[table]):
            os.kill(os.getpid(), signal.SIGKILL)  # the triggers are gone in this transaction: die here
        insert_rows(store, table, columns, rows)

    sync_queries.insert_rows = killed
    ctx = open_ctx(Path(db_path))
    sync.import_bundles(ctx, paths=[delta], passphrase=PASSPHRASE, backup=False)


def test_a_process_killed_mid_import_leaves_the_triggers_and_rows_as_before(demo_world):
    """The suspended triggers are dropped inside the bundle's transaction: a process killed there
    must leave a database whose schema (every trigger) and rows are exactly as before the import."""
    import multiprocessing

    w = demo_world
    delta = w.export_village()
    path = w.district.store.path
    w.district.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = dump(w.district)
    process = multiprocessing.get_context("spawn").Process(target=_import_and_die_mid_write,
                                                             args=(str(path), str(delta)))
    process.start()
    process.join(120)
    assert process.exitcode == -9  # killed mid-write, not finished and not failed cleanly
    w.district.close()
    reopened = open_ctx(path)
    try:
        assert dump(reopened) == before
        assert reopened.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        [receipt] = sync.import_bundles(reopened, paths=[delta], passphrase=PASSPHRASE, backup=False)
        assert receipt.status == "applied"
        assert dump(reopened)["schema"] == before["schema"]
    finally:
        reopened.close()
