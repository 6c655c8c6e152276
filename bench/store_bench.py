"""Store benchmarks at district scale (issue 2): bulk ledger insert and yearly totals.

    python bench/store_bench.py [--members 50000] [--entries 1000000]

Prints figures and their ratio to a baseline measured in the same run:
- bulk insert of the ledger through the store (Store.insert_many: foreign keys, the change-log
  and stale-totals triggers, the audit entry) against plain sqlite3 executemany of the same rows
  into (a) a bare table with the same columns and indexes but no triggers or foreign keys and
  (b) the same migrated table; target ≥ 40 %. Both insert in transactions of 5 000 rows, the size
  of one village's yearly bundle as the district imports it;
- yearly totals for every member (caps, floors and bonus cap applied, in SQL); target ≤ 0.2 s.
  The first call after the import refreshes the per-member cache (reported on its own line);
  later calls read the cache and recompute only members with new entries.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dangjian_desktop.core.rulebook import default_rulebook  # noqa: E402
from dangjian_desktop.store import Store  # noqa: E402
from dangjian_desktop.store.points_sql import score_totals  # noqa: E402

YEAR = 2025


def make_rows(n_members: int, n_entries: int, rulebook, seed: int = 1):
    rng = random.Random(seed)
    members = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(n_members)]
    items = list(rulebook.items.values())
    start = date(YEAR, 1, 1)
    rows = []
    for _ in range(n_entries):
        item = rng.choice(items)
        rows.append({
            "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
            "member_uuid": rng.choice(members),
            "rulebook_uuid": "rb",
            "cycle_year": YEAR,
            "occurred_on": (start + timedelta(days=rng.randrange(365))).isoformat(),
            "item_code": item.code,
            "points_x100": item.points_x100,
            "source": "manual",
        })
    return members, rows


def prepare(path: Path, members: list[str]) -> Store:
    store = Store.open(path)
    store.set_setting("device_id", "bench-device")
    with store.atomic():
        store.conn.execute("INSERT INTO orgs (uuid, org, version, device, deleted, updated_at, kind, name)"
                           " VALUES ('v', 'v', 1, 'x', 0, '', 'village', 'bench')")
        store.conn.execute("INSERT INTO rulebooks (uuid, org, version, device, deleted, updated_at, code,"
                           " version_label, effective_from, sha256, content)"
                           " VALUES ('rb', 'default', 1, 'x', 0, '', 'd', '1', '2025-01-01', '', '{}')")
        store.conn.executemany(
            "INSERT INTO members (uuid, org, version, device, deleted, updated_at, branch_uuid, name, category)"
            " VALUES (?, 'v', 1, 'x', 0, '', 'v', 'm', '正式党员')", [(m,) for m in members])
    return store


BATCH = 5_000  # rows per transaction: one village bundle's year of entries, as a district import sees it


def batches(rows: list[dict]):
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def plain_executemany(conn: sqlite3.Connection, rows: list[dict], table: str) -> float:
    columns = ["uuid", "org", "version", "device", "deleted", "updated_at"] + [c for c in rows[0] if c != "uuid"]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    t0 = time.perf_counter()
    for batch in batches(rows):
        conn.execute("BEGIN")
        conn.executemany(sql, ([r["uuid"], "v", 1, "bench-device", 0, "2025-01-01T00:00:00+00:00"]
                               + [r[c] for c in columns[6:]] for r in batch))
        conn.execute("COMMIT")
    return time.perf_counter() - t0


def bare_table(conn: sqlite3.Connection) -> None:
    """Same columns and indexes as points_ledger, no triggers, no foreign keys."""
    conn.execute("CREATE TABLE bare AS SELECT * FROM points_ledger WHERE 0")
    for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'points_ledger'"
                               " AND sql IS NOT NULL").fetchall():
        conn.execute(sql.replace("INDEX ", "INDEX bare_", 1).replace(" ON points_ledger", " ON bare"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args()
    rulebook = default_rulebook()
    members, rows = make_rows(args.members, args.entries, rulebook)
    print(f"{args.members} members, {args.entries} ledger entries")
    with tempfile.TemporaryDirectory() as tmp:
        base = prepare(Path(tmp) / "baseline.db", members)
        t_same = plain_executemany(base.conn, rows, "points_ledger")
        bare_table(base.conn)
        t_bare = plain_executemany(base.conn, rows, "bare")
        base.close()

        store = prepare(Path(tmp) / "store.db", members)
        t0 = time.perf_counter()
        for batch in batches(rows):
            store.insert_many("points_ledger", batch, org="v", actor="bench", summary="bench")
        t_store = time.perf_counter() - t0
        n = len(rows)
        print(f"plain executemany, bare table:     {n / t_bare:10,.0f} rows/s ({t_bare:.2f} s)")
        print(f"plain executemany, same table:     {n / t_same:10,.0f} rows/s ({t_same:.2f} s)")
        print(f"Store.insert_many:                 {n / t_store:10,.0f} rows/s ({t_store:.2f} s)")
        print(f"  ratio vs bare table: {t_bare / t_store:.0%}   vs same table: {t_same / t_store:.0%}   (target >= 40%)")

        t0 = time.perf_counter()
        totals = score_totals(store, rulebook, cycle_year=YEAR)
        first = time.perf_counter() - t0
        print(f"first yearly totals after the import (refreshes the cache for {len(totals)} members):"
              f" {first:.2f} s")
        timings = []
        for _ in range(5):
            t0 = time.perf_counter()
            totals = score_totals(store, rulebook, cycle_year=YEAR)
            timings.append(time.perf_counter() - t0)
        print(f"yearly totals for {len(totals)} members: best {min(timings) * 1000:.0f} ms,"
              f" median {sorted(timings)[2] * 1000:.0f} ms (target <= 200 ms)")
        one = rows[0]["member_uuid"]
        store.insert_many("points_ledger", [{**rows[0], "uuid": str(uuid.uuid4())}], org="v", actor="bench",
                          summary="one more")
        t0 = time.perf_counter()
        score_totals(store, rulebook, cycle_year=YEAR)
        print(f"yearly totals after one more entry (member {one[:8]} stale): {(time.perf_counter() - t0) * 1000:.0f} ms")
        store.close()


if __name__ == "__main__":
    main()
