"""Dashboard bench (issue 6, performance): a district of 1 000 villages, 50 000 members and
1 000 000 ledger entries, and the refresh of the dashboard's default filter (this year, whole district).

    python bench/dashboard_bench.py [--db PATH] [--villages 1000] [--members 50000] [--entries 1000000]
                                    [--rounds 5] [--rebuild]

The district is generated fast with direct SQL into a migrated district database (rows as the
bundle import leaves them: village devices, no change log; the points totals cache refreshed once,
as after an import). Kept at --db and reused unless --rebuild; --db may also name a district built
through the real bundle path (`services/demo_district.py`, `dangjian demo district --villages N`),
which is then measured as it is. Each village also holds its year of
meetings (47: 三会一课, 主题党日, 组织生活会, 培训班), attendance at its 18 training sessions, a star
self-assessment and its indicators.

Measured in a fresh child process (so its peak RSS is the refresh's own):
- refresh: `services.district_stats.dashboard(ctx, StatsFilter(year))`, every statistic of the page;
- plain SQL: every statement the refresh ran (recorded with sqlite3's trace callback, parameters
  expanded) executed again as plain SQL with fetchall, in the same process;
- peak memory: ru_maxrss of that process.
Targets: refresh ≤ 0.5 s, ≤ 3 × plain SQL, peak ≤ 400 MB. The median of --rounds runs is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import uuid as uuidlib
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dangjian_desktop.core.rulebook import default_rulebook  # noqa: E402
from dangjian_desktop.core.members import EDUCATION_LEVELS  # noqa: E402

YEAR, TODAY = 2026, date(2026, 11, 27)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
MEETINGS = (("committee", 12, 1), ("group_meeting", 12, 1), ("general_meeting", 4, 2), ("party_lesson", 4, 2),
            ("theme_day", 12, 2), ("org_life", 1, 4), ("training", 2, 8))
TRAINING = {"party_lesson", "theme_day", "training"}


def _uuid(rng: random.Random) -> str:
    return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))


def build(path: Path, *, villages: int, members: int, entries: int, seed: int = 6) -> None:
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.setup import install_rule_version
    from dangjian_desktop.core.stars import default_criteria
    from dangjian_desktop.store.district_stats import refresh_training
    from dangjian_desktop.store.points_sql import refresh_totals

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    ctx = Context.open(path, actor="bench")
    store, conn = ctx.store, ctx.store.conn
    district = _uuid(rng)
    started = time.perf_counter()
    with store.atomic():
        store.set_setting("device_id", _uuid(rng))
        store.set_setting("role", "district")
        store.set_setting("org_uuid", district)
        store.insert("orgs", {"uuid": district, "kind": "district", "name": "新区党工委组织部", "code": "XQ"},
                     org=district, actor="bench")
        store.set_setting("rulebook_uuid", install_rule_version(ctx, "rulebooks", default_rulebook()))
        store.set_setting("criteria_uuid", install_rule_version(ctx, "star_criteria", default_criteria()))
    ctx.forget_rules()
    rulebook = ctx.rulebook
    now = "2026-11-20T08:00:00+00:00"
    conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive in a valid order; checking 2 M of them costs minutes
    conn.execute("BEGIN")
    towns = [(_uuid(rng), f"{name}镇") for name in "东西南北中城河山湖林岭桥塘坝湾集营庄寨店"]
    conn.executemany("INSERT INTO orgs (uuid, org, device, updated_at, parent_uuid, kind, name) VALUES"
                     " (?, ?, 'district', ?, ?, 'town', ?)", [(t, district, now, district, n) for t, n in towns])
    village_rows, member_rows, meeting_rows, attendance_rows = [], [], [], []
    per_village = members // villages
    all_members: list[str] = []
    for v in range(villages):
        org, device = _uuid(rng), f"dev-{v}"
        town = towns[v % len(towns)]
        name = f"{rng.choice(SURNAMES)}家{'庄村营屯寨'[v % 5]}{v:04d}"
        village_rows.append((org, f"V{v:04d}", name, town))
        conn.execute("INSERT INTO orgs (uuid, org, device, updated_at, parent_uuid, kind, name, code) VALUES"
                     " (?, ?, ?, ?, ?, 'village', ?, ?)", [org, org, device, now, district, name, f"V{v:04d}"])
        conn.execute("INSERT INTO sync_villages (org_uuid, code, name, town, enrolled_at, town_uuid) VALUES"
                     " (?, ?, ?, ?, ?, ?)", [org, f"V{v:04d}", name, town[1], now, town[0]])
        people = []
        old_village = rng.random() < 0.2
        for n in range(per_village):
            uuid = _uuid(rng)
            people.append(uuid)
            age = rng.randint(22, 90) if not old_village else rng.randint(50, 92)
            birth = date(YEAR - age, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
            post = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")[n] if n < 5 else None
            category = "预备党员" if rng.random() < 0.04 else "正式党员"
            joined = date(rng.randint(max(1960, YEAR - age + 20), YEAR), rng.randint(1, 12), 1).isoformat()
            member_rows.append((uuid, org, device, now, org, rng.choice(SURNAMES) + rng.choice(GIVEN),
                                rng.choice("男男男女"), "汉族" if rng.random() < 0.9 else "回族", birth,
                                rng.choice(EDUCATION_LEVELS), category, joined, post,
                                int(rng.random() < 0.06), int(rng.random() < 0.01)))
        all_members += people
        for code, count, hours in MEETINGS:
            for k in range(count):
                if rng.random() < 0.05:  # a missed meeting now and then
                    continue
                month = {12: k + 1, 4: 3 * k + 2, 1: 11, 2: 4 + 6 * k}[count]
                held = date(YEAR, month, rng.randint(1, 26))
                if held > TODAY:
                    continue
                meeting = _uuid(rng)
                meeting_rows.append((meeting, org, device, now, org, code, f"{code} {held}", held.isoformat(), hours))
                if code in TRAINING:
                    for person in people:
                        status = "出席" if rng.random() < 0.85 else rng.choice(("请假", "缺席"))
                        attendance_rows.append((_uuid(rng), org, device, now, meeting, person, status))
        conn.execute("INSERT INTO star_assessments (uuid, org, device, updated_at, year, criteria_uuid, state,"
                     " score, star_level, vetoed) VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, 0)",
                     [_uuid(rng), org, device, now, YEAR, store.setting("criteria_uuid"), s := rng.randint(50, 99),
                      ctx.criteria.stars_for(s)])
        conn.execute("INSERT INTO village_indicators (uuid, org, device, updated_at, year, collective_income,"
                     " service_centre_area) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [_uuid(rng), org, device, now, YEAR, round(rng.lognormvariate(2.5, 1), 1), rng.randint(80, 600)])
    conn.executemany("INSERT INTO members (uuid, org, device, updated_at, branch_uuid, name, sex, ethnicity,"
                     " birth_date, education, category, joined_on, party_post, flowing, lost_contact)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", member_rows)
    conn.executemany("INSERT INTO meetings (uuid, org, device, updated_at, branch_uuid, type_code, title, held_on,"
                     " hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", meeting_rows)
    conn.executemany("INSERT INTO attendance (uuid, org, device, updated_at, meeting_uuid, member_uuid, status)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", attendance_rows)
    # Mostly credit: about one entry in seven is a deduction, as in the demo villages' ledgers.
    bonus = [i for i in rulebook.items.values() if i.is_bonus]
    deduction = [i for i in rulebook.items.values() if not i.is_bonus]
    rulebook_uuid = store.setting("rulebook_uuid")
    owner = {m[0]: (m[1], m[2]) for m in member_rows}

    def ledger():
        start = date(YEAR, 1, 1)
        for _ in range(entries):
            member = all_members[rng.randrange(len(all_members))]
            pool = deduction if rng.random() < 0.15 else bonus
            item = pool[rng.randrange(len(pool))]
            org, device = owner[member]
            yield (_uuid(rng), org, device, now, member, rulebook_uuid, YEAR,
                   (start + timedelta(days=rng.randrange(330))).isoformat(), item.code, item.points_x100)

    conn.executemany("INSERT INTO points_ledger (uuid, org, device, updated_at, member_uuid, rulebook_uuid,"
                     " cycle_year, occurred_on, item_code, points_x100, source) VALUES"
                     " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual')", ledger())
    conn.execute("COMMIT")
    conn.execute("PRAGMA foreign_keys = ON")
    generated = time.perf_counter() - started
    t = time.perf_counter()
    refresh_totals(store, rulebook, cycle_year=YEAR)  # what the first look after the import pays once
    refreshed = time.perf_counter() - t
    t = time.perf_counter()
    refresh_training(store, training_codes=[t.code for t in ctx.meeting_types.types.values() if t.training])
    trained = time.perf_counter() - t
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    print(f"built {path}: {villages} villages, {len(member_rows)} members, {len(meeting_rows)} meetings,"
          f" {len(attendance_rows)} attendance rows, {entries} ledger entries in {generated:.1f} s"
          f" (+ caches after the import: points totals {refreshed:.1f} s, training figures {trained:.1f} s);"
          f" {path.stat().st_size / 1e6:.0f} MB")


def measure(path: Path, rounds: int) -> dict:
    """Run in a child process: the refresh through the service, then its statements as plain SQL."""
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.district_stats import StatsFilter, dashboard

    ctx = Context.open(path, create=False)
    ctx.today = TODAY
    flt = StatsFilter(YEAR)
    statements: list[str] = []
    dashboard(ctx, flt)  # warm: page cache, rules parsed once per context as in the app
    ctx.store.conn.set_trace_callback(statements.append)
    dashboard(ctx, flt)
    ctx.store.conn.set_trace_callback(None)
    # The reads, and the temporary roster table they aggregate (store/district_roster.py).
    selects = [s for s in statements if s.lstrip().upper().startswith(("WITH", "SELECT", "INSERT INTO TEMP.",
                                                                       "CREATE TABLE TEMP.", "DROP TABLE"))]
    service, plain, service_cpu, plain_cpu = [], [], [], []
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        data = dashboard(ctx, flt)
        service.append(time.perf_counter() - t)
        service_cpu.append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        for sql in selects:
            ctx.store.conn.execute(sql).fetchall()
        plain.append(time.perf_counter() - t)
        plain_cpu.append(time.process_time() - c)
    calibration = time.process_time()
    sum(range(10_000_000))  # a fixed amount of Python work: ~0.15 s on an idle 2020s core
    loop_cpu = time.process_time() - calibration
    t = time.perf_counter()
    sum(range(10_000_000))
    loop_wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"refresh_ms": statistics.median(service) * 1000, "plain_ms": statistics.median(plain) * 1000,
            "refresh_cpu_ms": statistics.median(service_cpu) * 1000, "plain_cpu_ms": statistics.median(plain_cpu) * 1000,
            "loop_cpu_ms": loop_cpu * 1000, "loop_wall_ms": loop_wall * 1000,
            "statements": len(selects), "peak_mb": peak, "villages": len(data.structure.villages),
            "members": data.structure.district.members, "attendances": data.training.attendances,
            "below_floor": len(data.training.below_floor), "weak": len(data.stars.weak),
            "vanguard": len(data.points.vanguard), "failing": len(data.points.failing)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/dangjian-dashboard-bench/district.db"))
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        print(json.dumps(measure(args.db, args.rounds)))
        return
    if args.rebuild or not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, villages=args.villages, members=args.members, entries=args.entries)
    out = subprocess.run([sys.executable, __file__, "--db", str(args.db), "--rounds", str(args.rounds),
                          "--measure-only"], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"the measuring process failed:\n{out.stderr}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    ratio = r["refresh_ms"] / r["plain_ms"]
    print(f"district: {r['villages']} villages, {r['members']} members on the roster; {r['attendances']} training"
          f" attendances, {r['below_floor']} under the study-hour floor, {r['weak']} villages with 软弱涣散 warnings,"
          f" {r['vanguard']} 先锋党员 candidates, {r['failing']} 不合格")
    print(f"dashboard refresh (service)   {r['refresh_ms']:7.0f} ms   target ≤ 500 ms"
          f"   {'OK' if r['refresh_ms'] <= 500 else 'OVER'}")
    print(f"same aggregates as plain SQL  {r['plain_ms']:7.0f} ms   ({r['statements']} statements)")
    print(f"ratio                         {ratio:7.2f}      target ≤ 3     {'OK' if ratio <= 3 else 'OVER'}")
    print(f"  CPU time of the same: refresh {r['refresh_cpu_ms']:.0f} ms, plain SQL {r['plain_cpu_ms']:.0f} ms"
          f" (wall time is CPU time plus waiting for a core: the calibration loop took {r['loop_cpu_ms']:.0f} ms"
          f" of CPU and {r['loop_wall_ms']:.0f} ms of wall time here)")
    print(f"peak memory (RSS)             {r['peak_mb']:7.0f} MB   target ≤ 400 MB"
          f"   {'OK' if r['peak_mb'] <= 400 else 'OVER'}")


if __name__ == "__main__":
    main()
