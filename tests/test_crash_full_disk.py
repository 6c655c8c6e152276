"""A full disk: the write that does not fit is refused with a clear Chinese message, the whole
operation is rolled back, everything saved before is intact, and the same operation succeeds once
there is room. The store's size limit (`PRAGMA max_page_count`) stands in for the disk; where the
machine allows an unprivileged mount namespace, a real 1 MB tmpfs is filled as well."""

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from dangjian_desktop.errors import StorageFullError, from_sqlite
from dangjian_desktop.services import members, points
from dangjian_desktop.services.maintenance import check_database
from roster_fixtures import TODAY as ROSTER_TODAY, make_messy_roster


def _counts(ctx):
    conn = ctx.store.conn
    return {t: conn.execute(f"SELECT COUNT(*) FROM [{t}]").fetchone()[0]
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def _fill_up(ctx):
    """Leave room for almost nothing: the database may not grow by more than one page."""
    pages = ctx.store.scalar("PRAGMA page_count")
    ctx.store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")


def _make_room(ctx):
    ctx.store.conn.execute("PRAGMA max_page_count = 1073741823")


def test_recording_points_on_a_full_disk_saves_nothing_and_says_why(demo):
    roster = [m["uuid"] for m in members.list_members(demo, roster_only=True)]
    before = _counts(demo)
    _fill_up(demo)
    with pytest.raises(StorageFullError, match="磁盘空间已满") as caught:
        points.record_points(demo, member_uuids=roster, item_code="volunteer_service", occurred_on=date(2026, 6, 1))
    assert "之前保存的数据完好无损" in caught.value.message
    assert not demo.store.conn.in_transaction
    assert _counts(demo) == before
    assert demo.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    _make_room(demo)
    points.record_points(demo, member_uuids=roster, item_code="volunteer_service", occurred_on=date(2026, 6, 1))
    assert _counts(demo)["points_ledger"] == before["points_ledger"] + len(roster)
    assert check_database(demo) == []


def test_a_roster_import_on_a_full_disk_saves_nothing(demo, tmp_path):
    path = tmp_path / "roster.xlsx"
    make_messy_roster(path)
    demo.today = ROSTER_TODAY
    before = _counts(demo)
    _fill_up(demo)
    with pytest.raises(StorageFullError):
        members.import_roster(demo, path=path)
    assert _counts(demo) == before
    _make_room(demo)
    assert members.import_roster(demo, path=path).added > 0


def test_a_full_disk_met_outside_a_transaction_is_shown_as_such(qtbot):
    from dangjian_desktop.gui.errors import error_text

    raw = sqlite3.OperationalError("database or disk is full")
    raw.sqlite_errorcode = 13
    assert isinstance(from_sqlite(raw), StorageFullError)
    assert "磁盘空间已满" in error_text(raw)
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorcode = 11
    assert "已损坏" in error_text(corrupt)


_CHILD = textwrap.dedent("""
    import json, shutil, sys
    from datetime import date
    from pathlib import Path
    from dangjian_desktop.errors import StorageFullError
    from dangjian_desktop.services import members, points
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.maintenance import check_database

    disk = Path(sys.argv[1])
    shutil.copy(sys.argv[2], disk / "village.db")
    ctx = Context.open(disk / "village.db")
    roster = [m["uuid"] for m in members.list_members(ctx, roster_only=True)]
    saved, message = 0, None
    for _ in range(10000):
        try:
            points.record_points(ctx, member_uuids=roster, item_code="volunteer_service",
                                 occurred_on=date(2026, 6, 1))
            saved += len(roster)
        except StorageFullError as exc:
            message = exc.message
            break
    ledger = ctx.store.scalar("SELECT COUNT(*) FROM points_ledger")
    ctx.close()
    conn_ctx = Context.open(disk / "village.db")  # reopening on the full disk works
    result = {"saved": saved, "ledger": ledger, "message": message,
              "integrity": conn_ctx.store.conn.execute("PRAGMA integrity_check").fetchone()[0],
              "check": check_database(conn_ctx),
              "ledger_after_reopen": conn_ctx.store.scalar("SELECT COUNT(*) FROM points_ledger")}
    conn_ctx.close()
    print(json.dumps(result, ensure_ascii=False))
""")


def test_a_real_full_filesystem(demo, tmp_path):
    if shutil.which("unshare") is None or sys.platform != "linux":
        pytest.skip("needs unshare (Linux)")
    demo.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    source = demo.store.path
    base = demo.store.scalar("SELECT COUNT(*) FROM points_ledger")
    disk = tmp_path / "disk"
    disk.mkdir()
    size_kb = source.stat().st_size // 1024 + 1024
    script = tmp_path / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {disk}"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no unprivileged mount namespace here: " + probe.stderr.decode(errors="replace"))
    run = subprocess.run(["unshare", "-rm", "sh", "-c",
                          f"mount -t tmpfs -o size={size_kb}k tmpfs {disk} && exec {sys.executable} {script} {disk} {source}"],
                         capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    result = json.loads(run.stdout.decode().strip().splitlines()[-1])
    assert result["message"] and "磁盘空间已满" in result["message"]
    assert result["saved"] > 0  # it filled up while working, not at the start
    assert result["integrity"] == "ok" and result["check"] == []
    assert result["ledger"] == result["ledger_after_reopen"] == base + result["saved"]
