"""Kill writes in progress many times and check every database left behind; print the counts.

    python bench/crash_bench.py                    # every statement of each operation, plus 50
                                                   # kills during the commit's log writes and 50 at
                                                   # random moments, per operation
    python bench/crash_bench.py --every 5 --random 20   # a quicker pass
    python bench/crash_bench.py --only meeting

For each operation (tests/crash_worker.py: recording points for one member and for all, saving
a meeting with attendance, importing a roster, migrating a first-release database) it prints
how many crash points ran, how many left the operation wholly absent, wholly present (or, for a
migration, whole migrations done) and how many databases failed a check (must be 0).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import crash_worker as cw  # noqa: E402


def bench(scenario: str, pristine: Path, folder: Path, *, every: int, extra: int, seed: int) -> Counter:
    before = cw.table_counts(pristine)
    whole = cw.run_child(scenario, cw.fresh_copy(pristine, folder / "whole.db"), None)
    after = cw.table_counts(folder / "whole.db")
    rng = random.Random(seed)
    points = [("stmt", n) for n in range(1, whole["statements"] + 2, every)]
    points += [("wal", rng.randint(1, max(1, whole["wal_bytes"]))) for _ in range(extra)]
    points += [("time", rng.uniform(0, whole["seconds"])) for _ in range(extra)]
    tally: Counter = Counter()
    started = time.monotonic()
    for point in points:
        db = cw.fresh_copy(pristine, folder / "crash.db")
        killed = cw.run_child(scenario, db, point) is None
        tally["killed" if killed else "finished before the kill"] += 1
        try:
            tally[cw.judge(scenario, db, before, after)] += 1
        except AssertionError as exc:
            tally["FAILED"] += 1
            print(f"  {scenario} at {point}: {exc}")
    print(f"{scenario:13s} {len(points):5d} crash points ({whole['statements']} statements, "
          f"{whole['wal_bytes'] // 1024} KB of log, {whole['seconds'] * 1000:.0f} ms a run) in "
          f"{time.monotonic() - started:5.1f} s: none {tally['none']}, all {tally['all']}, "
          f"partial migrations {tally['some']}, killed {tally['killed']}, failed {tally['FAILED']}", flush=True)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=int, default=1, help="a crash point at every n-th statement")
    parser.add_argument("--random", type=int, default=50, help="kills in the log writes and at random times, each")
    parser.add_argument("--only", choices=cw.SCENARIOS)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    total: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="dangjian-crash-") as folder:
        pristine = cw.prepare(Path(folder) / "pristine")
        for scenario in [args.only] if args.only else cw.SCENARIOS:
            work = Path(folder) / scenario
            work.mkdir()
            total += bench(scenario, pristine[scenario], work, every=args.every, extra=args.random, seed=args.seed)
    points = total["none"] + total["all"] + total["some"] + total["FAILED"]
    print(f"total: {points} crash points, {total['killed']} processes killed, {total['FAILED']} damaged or partial")
    return 1 if total["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
