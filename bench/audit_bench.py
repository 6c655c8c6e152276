"""The 操作记录 page's reads on a large audit trail (issue 8): a page of entries and its count.

    python bench/audit_bench.py [--entries 1000000] [--db existing.db]

Builds a village database whose audit_log holds `--entries` entries (copies of a demo village's
own entries — members, meetings, attendance, points … with their before/after — spread over three
years and three people), or reads `--db`, then times each filter the page offers: nothing, a
person, a kind of record and an action, a month, free text alone and with a month. Each figure is
the milliseconds of `services.audit.audit_page` (the newest 200 entries and the count, capped at
100 000), best of three. `measure()` returns them for bench/run.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dangjian_desktop.services import audit  # noqa: E402
from dangjian_desktop.services.audit import AuditQuery  # noqa: E402
from dangjian_desktop.services.context import Context  # noqa: E402

QUERIES = {
    "everything": AuditQuery(),
    "one person": AuditQuery(actor="王书记"),
    "党员 changes": AuditQuery(table="members", action="update"),
    "one month": AuditQuery(first=date(2024, 3, 1), last=date(2024, 3, 31)),
    "free text": AuditQuery(text="修改党员"),
    "free text in a month": AuditQuery(first=date(2024, 3, 1), last=date(2024, 3, 31), text="导入"),
}


def build(path: Path, entries: int) -> Path:
    from dangjian_desktop.services.demo import create_demo_village

    with Context.open(path, actor="示范数据") as ctx:
        create_demo_village(ctx, member_count=120, seed=7)
        base = ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
        rounds = max(0, entries - base) // base + 1
        conn = ctx.store.conn
        conn.execute("BEGIN")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO audit_log (at, actor, action, table_name, record_uuid, before_json, after_json, summary)"
            " SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', '2023-11-01', '+' || ((i - 1) * 1095 / ? + a.id % 15)"
            " || ' days', '+' || (a.id % 86400) || ' seconds'),"
            " CASE a.id % 3 WHEN 0 THEN '王书记' WHEN 1 THEN '李文书' ELSE a.actor END,"
            " a.action, a.table_name, a.record_uuid, a.before_json, a.after_json, a.summary"
            " FROM n, (SELECT * FROM audit_log WHERE id <= ?) a ORDER BY i, a.id LIMIT ?",
            [rounds, rounds, base, max(0, entries - base)])
        conn.execute("COMMIT")
    return path


def measure(db: Path | None = None, entries: int = 1_000_000) -> dict:
    """Milliseconds per filter (best of three) and the trail's size."""
    with tempfile.TemporaryDirectory() as folder:
        path = db or build(Path(folder) / "audit.db", entries)
        with Context.open(path, create=False) as ctx:
            figures = {"entries": ctx.store.scalar("SELECT COUNT(*) FROM audit_log")}
            for name, query in QUERIES.items():
                best, page = None, None
                for _ in range(3):
                    start = time.perf_counter()
                    page = audit.audit_page(ctx, query)
                    elapsed = (time.perf_counter() - start) * 1000
                    best = elapsed if best is None else min(best, elapsed)
                figures[f"{name} ms"] = round(best, 1)
                figures[f"{name} matches"] = f"{page.total}{'' if page.exact else '+'}"
            start = time.perf_counter()
            audit.audit_detail(ctx, ctx.store.scalar("SELECT MAX(id) FROM audit_log WHERE action = 'update'"))
            figures["detail ms"] = round((time.perf_counter() - start) * 1000, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    for key, value in measure(args.db, args.entries).items():
        print(f"{key:32s} {value}")


if __name__ == "__main__":
    main()
