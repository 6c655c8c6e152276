"""The benchmark suite (issue 9): every performance target, each against its baseline, in one run.

    python bench/run.py [--quick] [--only NAME[,NAME…]] [--markdown] [--cache DIR] [--villages N]

Every line reads `NAME: measured (target) PASS|FAIL`; an indented line under it gives the baseline
measured in the same run and what else was seen. The district benches run on one district generated
through the real bundle path and cached (bench/district_cache.py; the first full run generates the
1 000-village district, tens of minutes; later runs reuse it). `--quick` runs the same suite on a
50-village district (growth at 10/25/50 villages) in a few minutes. Exit status 1 when any target
fails. docs/performance.md says what each line measures and how to read it.

Benches marked "quiet" compare wall-clock times: run them on a quiet machine (the load average is
printed at the start and the end).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

FULL_VILLAGES, QUICK_VILLAGES = 1000, 50
FULL_GROWTH, QUICK_GROWTH = (10, 100, 1000), (10, 25, 50)

from targets import Config, Line, child_main, failed, markdown  # noqa: E402


# ------------------------------------------------------------------------------------------- the run

def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def run_suite(cfg: Config, only: list[str] | None, echo=print) -> list[Line]:
    import suite

    lines: list[Line] = []
    names = only or list(suite.BENCHES)
    unknown = [n for n in names if n not in suite.BENCHES]
    if unknown:
        raise SystemExit(f"unknown bench {', '.join(unknown)}; known: {', '.join(suite.BENCHES)}")
    for name in names:
        started = time.perf_counter()
        bench, target = suite.BENCHES[name]
        try:
            made = bench(cfg)
        except Exception as error:  # noqa: BLE001 — a broken bench is a FAIL line, the others still run
            made = [failed(name, target, error)]
        for line in made:
            echo(line.text())
            if line.baseline:
                echo(f"    {line.baseline}")
        quiet = "; wall-clock figures: needs a quiet machine" if any(line.quiet for line in made) else ""
        echo(f"    [{name}: {time.perf_counter() - started:.0f} s{quiet}]")
        lines += made
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"a {QUICK_VILLAGES}-village district, growth at 10/25/50")
    parser.add_argument("--only", help="comma-separated bench names (import, export, dashboard, pdf, startup,"
                                       " roster, memory, growth)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/dangjian-bench"), help="where districts are cached")
    parser.add_argument("--villages", type=int, help="district size (default 1000, --quick 50)")
    parser.add_argument("--rounds", type=int, help="timing rounds where a bench repeats (default 3, --quick 2)")
    parser.add_argument("--markdown", action="store_true", help="also print the figures as a markdown table")
    parser.add_argument("--json", type=Path, help="also write the lines as JSON to this file")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(*args.child)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)  # each line as it is measured, also into a file
    villages = args.villages or (QUICK_VILLAGES if args.quick else FULL_VILLAGES)
    growth = QUICK_GROWTH if args.quick else FULL_GROWTH
    if villages not in growth:
        growth = tuple(sorted({*(n for n in growth if n < villages), villages}))
    cfg = Config(args.cache, villages, growth, args.quick, args.rounds or (2 if args.quick else 3))
    cfg.cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    first = load()
    print(f"bench/run.py {'--quick ' if args.quick else ''}on {villages} villages, cache {cfg.cache}")
    print(f"load at start: {first}")
    lines = run_suite(cfg, [n.strip() for n in args.only.split(",")] if args.only else None)
    last = load()
    print(f"load at end: {last}")
    passed = sum(line.ok for line in lines)
    print(f"{passed} of {len(lines)} targets met in {time.perf_counter() - started:.0f} s")
    if args.markdown:
        print()
        print(markdown(lines, f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())},"
                              f" {villages}-village district, {os.cpu_count()} cores; {first}; {last}."))
    if args.json:
        args.json.write_text(json.dumps([asdict(line) for line in lines], ensure_ascii=False, indent=1))
    return 0 if passed == len(lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())
