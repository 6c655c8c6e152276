"""A generated district for the benchmark suite (issue 9), built through the real bundle path and cached.

    python bench/district_cache.py [--villages 1000] [--cache /tmp/dangjian-bench] [--workers 2] [--force]

N villages (1 000 by default: about 50 000 members, a million ledger entries, 100 000 meetings and
a million attendance rows) are enrolled by a district, each village laptop is set up from its
enrolment file, filled with two years of work through its own store and exports its delta bundle
(`services/demo_district.build_village_bundles`, the code behind `dangjian demo district`). The
folder `CACHE/district-N` then holds:

- `district.db`   the district as it was before importing (enrolled villages, no village data);
- `*.djb`         the village bundles, as they would arrive on USB sticks;
- `done.json`     bundle names, generated row counts, generation seconds;
- `imported.db`   the district after importing every bundle with `services.sync.import_bundles`
                  (made again when the migrations change, and by every run of bench/run.py's
                  import line; `imported.json` records the migrations it was made with).

The bundles and the pre-import district stay valid when the import code changes; only the import is
timed by the benches. A symlink `district-N-2026` lets `bench/sync_bench.py --cache CACHE` use the same
files. The district key uses the cheapest argon2id cost (as in sync_bench: the cost is stored with the
key, so unlocking it does not dominate a small district's import).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import sync_bench  # noqa: E402  (PASSPHRASE, SEED, TODAY, open_ctx; sets the cheap district KDF cost)

from dangjian_desktop.progress import Progress  # noqa: E402
from dangjian_desktop.services import district  # noqa: E402
from dangjian_desktop.services.demo_district import DISTRICT, build_village_bundles, plan_villages  # noqa: E402
from dangjian_desktop.store.tables import MIGRATIONS  # noqa: E402

DEFAULT_CACHE = Path("/tmp/dangjian-bench")
PASSPHRASE, SEED = sync_bench.PASSPHRASE, sync_bench.SEED
GENERATOR_SOURCES = ("dangjian_desktop/core/ids.py", "dangjian_desktop/services/demo_district.py",
                     "dangjian_desktop/services/demo_village_bulk.py",
                     "dangjian_desktop/services/demo.py")
COUNTED = ("members", "points_ledger", "meetings", "attendance")


@dataclass
class CachedDistrict:
    villages: int
    folder: Path
    counts: dict[str, int]
    seconds: float  # generation wall time (village laptops and bundles, not the import)

    @property
    def pre_import(self) -> Path:
        return self.folder / "district.db"

    @property
    def imported(self) -> Path:
        return self.folder / "imported.db"

    @property
    def bundles(self) -> list[Path]:
        return [self.folder / name for name in json.loads((self.folder / "done.json").read_text())["bundles"]]


class _Printer(Progress):
    """Progress on stderr every `every` steps (a 1 000-village build runs for tens of minutes)."""

    def __init__(self, every: int):
        super().__init__()
        self.every, self.done, self.total, self.started = every, 0, 0, time.perf_counter()

    def start(self, total, label=""):
        self.total, self.done = total, 0
        print(f"  {label}: {total} steps", file=sys.stderr, flush=True)

    def step(self, n=1, label=""):
        self.done += n
        if self.done % self.every == 0 or self.done == self.total:
            print(f"  {self.done}/{self.total} {label} {time.perf_counter() - self.started:.0f} s",
                  file=sys.stderr, flush=True)


def folder_for(cache: Path, villages: int) -> Path:
    return Path(cache) / f"district-{villages}"


def generate(cache: Path, villages: int, *, workers: int | None = None, force: bool = False,
             verbose: bool = False) -> CachedDistrict:
    """The cached district of `villages` villages, generated first if missing (or with force)."""
    folder = folder_for(cache, villages)
    done = folder / "done.json"
    alias = Path(cache) / f"district-{villages}-{SEED}"  # the layout bench/sync_bench.py caches in
    if not done.exists() and not alias.is_symlink() and (alias / "done.json").exists() and not force:
        shutil.rmtree(folder, ignore_errors=True)
        alias.rename(folder)  # made by sync_bench with the same seed and passphrase: adopted
        alias.symlink_to(folder.name)
    if done.exists() and not force:
        info = json.loads(done.read_text())
        if info.get("generator") != generator_signature():
            print(f"  note: {folder} was made by another version of the demo generator"
                  " (bench/district_cache.py --force makes it again)", file=sys.stderr)
        return CachedDistrict(villages, folder, info["counts"], info.get("seconds", 0.0))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    # The village laptops live in memory where there is a tmpfs: the same code and files, without
    # waiting for the disk at every commit and bundle fsync (a third of a village's time on a busy disk).
    shm = Path("/dev/shm")
    work = Path(tempfile.mkdtemp(prefix="dangjian-bench-", dir=shm)) if shm.is_dir() else folder / "work"
    ctx = sync_bench.open_ctx(folder / "district.db")
    try:
        district.setup_district(ctx, code=DISTRICT["code"], name=DISTRICT["name"], passphrase=PASSPHRASE,
                                sheet_path=folder / "sheet.txt")
        progress = _Printer(max(1, villages // 20)) if verbose else None
        paths, counts = build_village_bundles(ctx, plan_villages(villages, SEED), passphrase=PASSPHRASE,
                                              work_dir=work, seed=SEED, progress=progress,
                                              workers=workers or os.cpu_count() or 1)
        ctx.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        names = []
        for path in paths:
            shutil.move(path, folder / path.name)
            names.append(path.name)
    finally:
        ctx.close()
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    done.write_text(json.dumps({"villages": villages, "seed": SEED, "bundles": names, "counts": counts,
                                "seconds": round(seconds, 1), "generator": generator_signature()},
                               ensure_ascii=False))
    if not alias.exists():
        alias.symlink_to(folder.name)
    return CachedDistrict(villages, folder, counts, seconds)


def _digest(names: tuple[str, ...], *extra: str) -> str:
    digest = hashlib.sha256(",".join(extra).encode())
    for name in names:
        path = ROOT / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def generator_signature() -> str:
    """What the village content is made by (a district made by another version is still valid)."""
    return _digest(GENERATOR_SOURCES)


def import_signature() -> str:
    """What the imported district was made with: the migrations (a district imported before a new
    migration may lack what that migration's import fills in). Changes to the import code alone do
    not make it again: every full run of bench/run.py imports anew and keeps its result here."""
    return _digest((), *MIGRATIONS)


def imported(cached: CachedDistrict, *, force: bool = False) -> Path:
    """The district after importing every bundle (through `services.sync.import_bundles`, by
    sync_bench.time_import), made again when the migrations changed since (or with force)."""
    marker = cached.folder / "imported.json"
    if not force and cached.imported.exists() and marker.exists() \
            and json.loads(marker.read_text()).get("signature") == import_signature():
        return cached.imported
    _wall, _cpu, _rows, db = sync_bench.time_import(cached.pre_import, cached.bundles, cached.folder / "run")
    return keep_imported(cached, db)


def keep_imported(cached: CachedDistrict, db: Path) -> Path:
    """Keep a district just imported from this cache's bundles (closed) as its imported district."""
    target = cached.imported
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{db}{suffix}").exists():
            os.replace(f"{db}{suffix}", f"{target}{suffix}")
    (cached.folder / "imported.json").write_text(json.dumps({"signature": import_signature()}))
    if db.parent != cached.folder:
        shutil.rmtree(db.parent, ignore_errors=True)
    return target


def district_counts(db: Path) -> dict[str, int]:
    """Rows of the counted tables in a district database (live rows, tombstones left out)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = {"villages": conn.execute("SELECT COUNT(*) FROM sync_villages").fetchone()[0]}
        for table in COUNTED:
            out[table] = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE NOT deleted").fetchone()[0]
        return out
    finally:
        conn.close()


def targets(villages: int) -> dict[str, int]:
    """The scale the issue asks for, pro rata: per village 50 members, 1 000 ledger entries,
    100 meetings, 1 000 attendance rows."""
    return {"villages": villages, "members": 50 * villages, "points_ledger": 1000 * villages,
            "meetings": 100 * villages, "attendance": 1000 * villages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--workers", type=int, default=None, help="village-building processes (default: CPUs)")
    parser.add_argument("--force", action="store_true", help="generate again even if cached")
    parser.add_argument("--no-import", action="store_true", help="only the bundles and the pre-import district")
    parser.add_argument("--reimport", action="store_true", help="import the district again even if it is up to date")
    args = parser.parse_args()
    cached = generate(args.cache, args.villages, workers=args.workers, force=args.force, verbose=True)
    print(f"district of {args.villages} villages at {cached.folder}: generated in {cached.seconds:.0f} s")
    print(f"  generated rows: {cached.counts}")
    if args.no_import:
        return 0
    started = time.perf_counter()
    db = imported(cached, force=args.reimport)
    print(f"  imported district {db} ready in {time.perf_counter() - started:.0f} s")
    have, want = district_counts(db), targets(args.villages)
    for key, target in want.items():
        print(f"  {key:14s} {have[key]:>10,d}  (target about {target:,d}, {have[key] / target:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
