"""Kill a write in progress: run one operation in a child process and SIGKILL it at a chosen point.

Crash points, each a real SIGKILL of the child (no Python clean-up, no rollback by the program):
- ("stmt", n): as SQLite is about to run the n-th SQL statement of the operation (the trace
  callback fires before each statement, the statements of triggers included), so every step of
  a transaction, its COMMIT and what follows it can be hit exactly;
- ("wal", bytes): when the write-ahead log has grown by that many bytes, i.e. in the middle of
  SQLite writing a commit's pages (a watcher thread polls the file while SQLite works without
  the GIL);
- ("time", seconds): after that long from the operation's start.

Children are forked from a runner process that has imported the app already, so a crash point
costs a few milliseconds, not an interpreter start. Used by tests/test_crash_*.py and bench/crash_bench.py.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import sys
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.services import meetings, members, points
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.maintenance import check_database
from dangjian_desktop.store import db as store_db
from dangjian_desktop.store.tables import MIGRATIONS

TODAY = date(2026, 11, 27)
#: Caches recomputed from the ledger whenever they are stale (not data: `dangjian check` may refresh them).
DERIVED = ("points_stale", "points_totals")
SCENARIOS = ("points_one", "points_batch", "meeting", "roster", "migration")


# -- building the database each scenario starts from --------------------------------------------
def _village(path: Path, members_count: int) -> None:
    from dangjian_desktop.services.demo import create_demo_village

    ctx = Context.open(path, actor="准备")
    ctx.today = TODAY
    create_demo_village(ctx, member_count=members_count, seed=7)
    ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()


def _m001_village(path: Path) -> None:
    """A village made by the first release: only the first migration, with members and points."""
    from dangjian_desktop.services.setup import setup_village
    from dangjian_desktop.store.schema import migrations

    conn = store_db._connect(str(path))
    conn.execute("PRAGMA journal_mode = WAL")
    store = store_db.Store(conn, path)
    migrations.apply(store.db, stop_before=MIGRATIONS[1])
    ctx = Context(store, actor="准备", today=TODAY)
    setup_village(ctx, code="OLD", name="老版本村党支部", town="示范镇")
    uuids = [members.add_member(ctx, record={
        "name": f"党员{n}", "id_number": make_id(date(1960, 1, 1 + n % 28), "男", seq=11 + 2 * n),
        "category": "正式党员", "joined_on": "1990-07-01", "full_on": "1991-07-01"})["uuid"] for n in range(40)]
    points.record_points(ctx, member_uuids=uuids, item_code="volunteer_service", occurred_on=date(2026, 5, 1))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _roster_file(path: Path) -> None:
    """200 new members and every demo member again with a changed job: adds and updates."""
    from dangjian_desktop.reports.excel_roster import write_roster

    people = [{"name": f"新党员{n}", "id_number": make_id(date(1970, 1 + n % 12, 1 + n % 28), "女", seq=101 + 2 * n),
               "sex": "女", "category": "正式党员", "joined_on": "2000-07-01", "full_on": "2001-07-01",
               "job": "务农"} for n in range(200)]
    write_roster(path, people, title="花名册")


def prepare(folder: Path) -> dict[str, Path]:
    """The pristine database of every scenario (and the roster file), built once."""
    folder.mkdir(parents=True, exist_ok=True)
    village = folder / "village.db"
    _village(village, 25)
    old = folder / "m001.db"
    _m001_village(old)
    _roster_file(folder / "roster.xlsx")
    return {name: (old if name == "migration" else village) for name in SCENARIOS}


# -- the operations -------------------------------------------------------------------------------
def _open(db: Path) -> Context:
    ctx = Context.open(db, actor="崩溃测试")
    ctx.today = TODAY
    return ctx


def _run(scenario: str, db: Path, arm, done) -> None:
    """Open the database, arm the crash point, do the operation (the migration is the opening);
    `done` is called when the operation has returned, before the database is closed."""
    if scenario == "migration":
        arm()
        ctx = Context.open(db, actor="崩溃测试")
        done()
        ctx.close()
        return
    ctx = _open(db)
    roster = [m["uuid"] for m in members.list_members(ctx, roster_only=True)]
    if scenario == "roster":
        arm()
        members.import_roster(ctx, path=db.parent / "roster.xlsx")
    elif scenario == "points_one":
        arm()
        points.record_points(ctx, member_uuids=roster[:1], item_code="volunteer_service", occurred_on=date(2026, 6, 1))
    elif scenario == "points_batch":
        arm()
        points.record_points(ctx, member_uuids=roster, item_code="volunteer_service", occurred_on=date(2026, 6, 1))
    elif scenario == "meeting":
        attendance = [{"member_uuid": uuid, "status": "出席" if n % 4 else "缺席"} for n, uuid in enumerate(roster)]
        arm()
        meetings.save_meeting(ctx, record={"type_code": "general_meeting", "title": "崩溃测试党员大会",
                                           "held_on": "2026-11-20"}, attendance=attendance)
    else:
        raise ValueError(scenario)
    done()
    ctx.close()


def _child(scenario: str, db: str, point: tuple[str, float] | None) -> dict:
    """In the forked child: arm the crash point, run, report what a whole run looked like."""
    db_path = Path(db)
    wal = Path(db + "-wal")
    kind, value = point or ("none", 0)
    statements = [0]
    armed = threading.Event()

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def trace(_sql: str) -> None:
        if armed.is_set():
            statements[0] += 1
            if kind == "stmt" and statements[0] >= value:
                die()

    connect = store_db._connect

    def traced_connect(target: str) -> sqlite3.Connection:
        conn = connect(target)
        conn.set_trace_callback(trace)
        return conn

    store_db._connect = traced_connect
    wal_start = [0]

    def watch() -> None:
        started = time.monotonic()
        while True:
            if kind == "time" and time.monotonic() - started >= value:
                die()
            if kind == "wal":
                try:
                    if wal.stat().st_size - wal_start[0] >= value:
                        die()
                except FileNotFoundError:
                    pass

    def arm() -> None:
        wal_start[0] = wal.stat().st_size if wal.exists() else 0
        armed.set()
        if kind in ("wal", "time"):
            sys.setswitchinterval(1e-5)  # let the watcher in often while the operation runs Python
            threading.Thread(target=watch, daemon=True).start()

    grown = [0]

    def done() -> None:  # a point past the last statement: killed before the connection is closed
        grown[0] = (wal.stat().st_size if wal.exists() else 0) - wal_start[0]
        if kind == "stmt" and value > statements[0]:
            die()

    started = time.monotonic()
    _run(scenario, db_path, arm, done)
    return {"statements": statements[0], "wal_bytes": grown[0], "seconds": time.monotonic() - started}


def _fork_and_run(scenario: str, db: str, point: tuple[str, float] | None) -> tuple[str, dict | None]:
    """In the runner process (single-threaded, app imported): fork a child for one run."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        code = 1
        try:
            os.write(write_end, json.dumps(_child(scenario, db, point)).encode())
            code = 0
        except BaseException:  # noqa: BLE001 - reported through the exit code and stderr
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + 120
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)
            return "hung", None
        time.sleep(0.002)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return "killed", None
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return "finished", json.loads(data)
    return f"failed ({status})", None


_POOL: ProcessPoolExecutor | None = None


def run_child(scenario: str, db: Path, point: tuple[str, float] | None) -> dict | None:
    """Run the scenario on `db` in a child; None when the crash point killed it, else its figures.

    Children are forked by one runner process started once (spawned, so it has no threads of the
    test process: forking a process with threads could copy a held lock)."""
    global _POOL
    if _POOL is None:
        _POOL = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_warm)
    outcome, figures = _POOL.submit(_fork_and_run, scenario, str(db), point).result(timeout=300)
    assert outcome in ("killed", "finished"), f"{scenario} at {point}: the child {outcome}"
    return figures


def _warm() -> None:
    """Import in the runner what the children use, so that each fork starts ready."""
    from dangjian_desktop.reports import excel_roster  # noqa: F401
    from dangjian_desktop.store import schema  # noqa: F401


# -- judging what a crash left ----------------------------------------------------------------------
def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(str(db))
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: conn.execute(f"SELECT COUNT(*) FROM [{name}]").fetchone()[0] for name in names}
    finally:
        conn.close()


def applied_migrations(db: Path) -> list[str]:
    conn = sqlite3.connect(str(db))
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def sound(db: Path) -> list[str]:
    """What is wrong with the file as SQLite sees it, before the program touches it."""
    conn = sqlite3.connect(str(db))
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if problems == ["ok"] else problems
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        conn.close()


def judge(scenario: str, db: Path, before: dict[str, int], after: dict[str, int]) -> str:
    """'none' or 'all' (what the crash left); AssertionError when the database is not sound."""
    problems = sound(db)
    assert not problems, f"{scenario}: {problems}"
    counts = table_counts(db)
    if scenario == "migration":
        applied = applied_migrations(db)
        assert applied == list(MIGRATIONS[:len(applied)]), applied  # whole migrations, in order
        outcome = "all" if len(applied) == len(MIGRATIONS) else ("none" if len(applied) == 1 else "some")
        data = ("members", "points_ledger", "audit_log", "orgs", "settings")
        assert {t: counts[t] for t in data} == {t: before[t] for t in data}, "data changed by a migration"
    else:
        assert counts in (before, after), f"{scenario}: a partial write: {_diff(before, counts)} / {_diff(after, counts)}"
        outcome = "none" if counts == before else "all"
    ctx = _open(db)  # finishes an interrupted migration, as the next start of the program would
    try:
        assert check_database(ctx) == [], f"{scenario}: dangjian check failed"
    finally:
        ctx.close()
    if scenario == "migration":  # the score cache may have been refreshed by the check: derived data
        final = {t: n for t, n in table_counts(db).items() if t not in DERIVED}
        assert final == {t: n for t, n in after.items() if t not in DERIVED}, _diff(after, final)
    return outcome


def _diff(a: dict, b: dict) -> dict:
    return {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}


def fresh_copy(pristine: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(pristine, target)
    roster = pristine.parent / "roster.xlsx"
    if roster.exists() and not (target.parent / "roster.xlsx").exists():
        shutil.copy(roster, target.parent / "roster.xlsx")
    return target


def crash_points(whole: dict, kills: int, seed: int) -> list[tuple[str, float]]:
    """`kills` crash points spread over a whole run: two thirds at statements (always the last
    few, around the COMMIT), the rest inside the commit's log writes and at random moments."""
    import random

    rng = random.Random(seed)
    total, wal, seconds = whole["statements"], whole["wal_bytes"], whole["seconds"]
    by_statement = max(1, kills * 2 // 3)
    tail = list(range(max(1, total - 2), total + 2))  # total + 1: after the operation returned
    body = sorted(rng.sample(range(1, max(2, total - 2)), min(max(0, by_statement - len(tail)), max(1, total - 3))))
    points: list[tuple[str, float]] = [("stmt", n) for n in body + tail]
    while len(points) < kills:
        if wal > 0 and len(points) % 2 == 0:
            points.append(("wal", rng.randint(1, wal)))
        else:
            points.append(("time", rng.uniform(0, seconds)))
    return points[:kills]
