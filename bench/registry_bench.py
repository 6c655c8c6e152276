"""The district's registry and review list at district scale (issue 6).

    python bench/registry_bench.py [--villages 1000] [--bundles 12]

Builds a district database with N registered villages in 20 towns, one laptop each, `bundles`
delta bundles a village in the bundle log, a few quarantined items, and one submitted
self-assessment per village with a town and a district review; then times the reads the
村镇管理 and 星级审核 pages make: `registry.village_status` and `reviews.list_assessments`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nacl.pwhash  # noqa: E402

import dangjian_desktop.sync.keys as keys_module  # noqa: E402
from dangjian_desktop.services import district, registry, reviews  # noqa: E402
from dangjian_desktop.services.context import Context  # noqa: E402
from dangjian_desktop.store import review_queries, utc_now  # noqa: E402

keys_module.KDF_OPS = nacl.pwhash.argon2id.OPSLIMIT_MIN
keys_module.KDF_MEM = nacl.pwhash.argon2id.MEMLIMIT_MIN


def build(folder: Path, villages: int, bundles: int) -> Context:
    ctx = Context.open(folder / "district.db", actor="bench")
    district.setup_district(ctx, code="XQ", name="新区", passphrase="bench-passphrase", sheet_path=folder / "s.txt")
    towns = [registry.add_town(ctx, name=f"第{t}镇")["uuid"] for t in range(20)]
    criteria = ctx.store.setting("criteria_uuid")
    now = utc_now()
    conn = ctx.store.conn
    with ctx.store.atomic():
        for n in range(villages):
            org, device = str(uuid.uuid4()), str(uuid.uuid4())
            conn.execute("INSERT INTO sync_villages (org_uuid, code, name, town, town_uuid, enrolled_at)"
                         " VALUES (?, ?, ?, ?, ?, ?)", [org, f"V{n:04d}", f"第{n}村", None, towns[n % 20], now])
            conn.execute("INSERT INTO sync_enrolments VALUES (?, ?, ?, ?, ?)", [str(uuid.uuid4()), org, b"k", now, device])
            conn.execute("INSERT INTO sync_devices (device_id, org_uuid, enrolment_id, sign_pk, box_pk, registered_at,"
                         " acked_seq) VALUES (?, ?, 'e', ?, ?, ?, ?)", [device, org, b"s", b"b", now, bundles * 100])
            conn.executemany(
                "INSERT INTO sync_bundles (at, direction, bundle_id, kind, village_org, device, seq_after, seq_through,"
                " status) VALUES (?, 'in', ?, 'delta', ?, ?, ?, ?, 'applied')",
                [(now, str(uuid.uuid4()), org, device, b * 100, (b + 1) * 100) for b in range(bundles)])
            if n % 50 == 0:
                conn.execute("INSERT INTO sync_quarantine (at, device, reason) VALUES (?, ?, 'fork')", [now, device])
            assessment = str(uuid.uuid4())
            conn.execute("INSERT INTO star_assessments (uuid, org, device, updated_at, year, criteria_uuid, state,"
                         " score, star_level) VALUES (?, ?, ?, ?, 2026, ?, 'submitted', 88, 4)",
                         [assessment, org, device, now, criteria])
            for stage, role in (("town", "town"), ("district", "district")):
                review_queries.insert_stage(ctx.store, {
                    "uuid": str(uuid.uuid4()), "village_org": org, "assessment_uuid": assessment, "year": 2026,
                    "stage": stage, "reviewer": "bench", "reviewer_role": role, "at": now, "reviewed_on": "2026-11-01",
                    "score": 88, "star_level": 4, "vetoed": 0, "items": {"x": {"score": 1}}, "veto_hits": []})
    return ctx


def timed(label: str, fn, repeat: int = 5) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        rows = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label}: {len(rows)} rows, best of {repeat}: {best * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--bundles", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        ctx = build(Path(folder), args.villages, args.bundles)
        print(f"built {args.villages} villages × {args.bundles} bundles in {time.perf_counter() - start:.1f} s")
        timed("registry.village_status (村镇管理 table)", lambda: registry.village_status(ctx))
        timed("registry.list_towns (tree)", lambda: registry.list_towns(ctx))
        boss = reviews.Reviewer("bench", role="district")
        timed("reviews.list_assessments (星级审核 table)", lambda: reviews.list_assessments(ctx, reviewer=boss, year=2026))
        town = registry.list_towns(ctx)[0]["uuid"]
        clerk = reviews.Reviewer("bench", role="town", town_uuid=town)
        timed("reviews.list_assessments, one town", lambda: reviews.list_assessments(ctx, reviewer=clerk, year=2026))
        plan = ctx.store.query("EXPLAIN QUERY PLAN SELECT MAX(b.at) FROM sync_bundles b WHERE b.direction = 'in'"
                               " AND b.kind = 'delta' AND b.village_org = 'x'")
        print("bundle lookup plan:", json.dumps([p["detail"] for p in plan], ensure_ascii=False))
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
