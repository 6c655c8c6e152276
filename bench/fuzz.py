"""Fuzz the bundle reader and the roster importer with thousands of inputs; print what happened.

    python bench/fuzz.py                 # 4 000 cases (500 per target)
    python bench/fuzz.py --cases 2000    # per target
    python bench/fuzz.py --atheris 20000 # also atheris (coverage-guided) on the bundle reader

Every case must end read/imported or refused with one of our typed errors carrying a Chinese
message; a refused file must leave the database's tables as they were. Anything else is counted
as a failure and the first input of each kind is saved under the work folder to reproduce it.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzz_inputs as fz  # noqa: E402
import sync_fixtures as sf  # noqa: E402  (lowers the key derivation cost, builds the world)
from dangjian_desktop.core.idcard import make_id  # noqa: E402
from dangjian_desktop.errors import DangjianError  # noqa: E402
from dangjian_desktop.reports.excel_roster import write_roster  # noqa: E402
from dangjian_desktop.services import members, sync  # noqa: E402
from dangjian_desktop.services.context import Context  # noqa: E402
from dangjian_desktop.services.setup import setup_village  # noqa: E402
from dangjian_desktop.services.sync_identity import own_keys  # noqa: E402


def counts(ctx: Context) -> dict:
    conn = ctx.store.conn
    return {t: conn.execute(f"SELECT COUNT(*) FROM [{t}]").fetchone()[0]
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            if t not in ("sync_bundles", "sqlite_sequence", "audit_log", "sync_quarantine", "sync_devices")}


class Bench:
    def __init__(self, folder: Path, seed: int):
        self.folder, self.rng = folder, random.Random(seed)
        self.results: dict[str, Counter] = {}
        self.slowest: dict[str, float] = {}
        sf.build_world(folder / "world")
        self.world = sf.open_world(folder / "world", folder / "w")
        self.district_keys = own_keys(self.world.district, sf.PASSPHRASE)
        self.village_keys = own_keys(self.world.village)
        self.bundle = self.world.export_village().read_bytes()
        self.inner = fz.inner_members(self.bundle, self.district_keys.box)
        self.village = Context.open(folder / "roster-village.db", actor="fuzz")
        self.village.today = date(2026, 11, 27)
        setup_village(self.village, code="FUZZ", name="模糊测试村党支部")
        people = [{"name": f"党员{n}", "id_number": make_id(date(1970, 1, 1 + n), "男", seq=11 + 2 * n),
                   "category": "正式党员", "joined_on": "2000-07-01", "full_on": "2001-07-01"} for n in range(5)]
        self.xlsx = write_roster(folder / "valid.xlsx", people, title="花名册").read_bytes()

    # -- running one case -------------------------------------------------------------------------
    def case(self, target: str, data: bytes, run) -> None:
        tally = self.results.setdefault(target, Counter())
        started = time.monotonic()
        try:
            with fz.bounded():
                outcome = run(data)
        except DangjianError as exc:
            outcome = "refused" if fz.chinese(str(exc)) else "FAIL: refusal without a Chinese message"
        except Exception as exc:  # noqa: BLE001 - that is what the bench looks for
            outcome = f"FAIL: {type(exc).__name__}"
            if tally[outcome] == 0:
                saved = self.folder / f"failure-{target}-{tally.total()}.bin"
                saved.write_bytes(data)
                print(f"  {target}: {exc!r} (input saved to {saved})\n{traceback.format_exc(limit=4)}")
        tally[outcome] += 1
        self.slowest[target] = max(self.slowest.get(target, 0.0), time.monotonic() - started)

    def read_bundle(self, data: bytes) -> str:
        fz.read_bundle(data, box_key=self.district_keys.box, sign_pk=self.village_keys.sign_pk)
        return "read"

    def import_bundle(self, data: bytes) -> str:
        path = self.folder / "case.djb"
        path.write_bytes(data)
        before = counts(self.world.district)
        [receipt] = sync.import_bundles(self.world.district, paths=[path], passphrase=sf.PASSPHRASE, backup=False)
        if receipt.ok:
            self.world.district.close()  # applied: start the next case from the original district
            import shutil

            shutil.copy(self.folder / "world" / "district.db", self.folder / "w" / "district.db")
            for suffix in ("-wal", "-shm"):
                (self.folder / "w" / f"district.db{suffix}").unlink(missing_ok=True)
            self.world.district = sf.open_ctx(self.folder / "w" / "district.db")
            return "applied"
        after = counts(self.world.district)
        if after != before:
            changed = {t: (before.get(t), after.get(t)) for t in set(before) | set(after) if before.get(t) != after.get(t)}
            print(f"  refused ({receipt.status}: {receipt.reasons}) yet changed {changed}")
            return "FAIL: a refused bundle changed the database"
        if not all(fz.chinese(r) for r in receipt.reasons):
            return "FAIL: refusal without a Chinese message"
        return "refused"

    def import_roster(self, data: bytes) -> str:
        path = self.folder / "case.xlsx"
        path.write_bytes(data)
        before = counts(self.village)
        try:
            report = members.import_roster(self.village, path=path)
        except DangjianError:
            if counts(self.village) != before:
                return "FAIL: a refused roster changed the database"
            raise
        if not all(fz.chinese(p.reason) for p in report.rejected):
            return "FAIL: a row refused without a Chinese reason"
        return "imported" if report.added or report.updated else "no rows"

    # -- the targets ------------------------------------------------------------------------------
    def mutations(self):
        return fz.random_mutations(self.rng, self.rng.randint(1, 4))

    def resealed(self) -> bytes:
        target = self.rng.choice(["whole", "manifest.json", "info.json", "changes.jsonl"])
        if target == "whole":
            inner = fz.mutate_many(fz.resign_inner(self.inner, self.village_keys, fix_manifest=False), self.mutations())
        else:
            members_ = [(n, fz.mutate_many(d, self.mutations()) if n == target else d) for n, d in self.inner]
            inner = fz.resign_inner(members_, self.village_keys, fix_manifest=self.rng.random() < 0.7)
        return fz.reseal(self.bundle, inner, sender=self.village_keys,
                         recipient_box_pk=self.district_keys.box.public_key.encode())

    def mutated_part(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.xlsx)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            infos = source.infolist()
            part = self.rng.choice(infos).filename
            for info in infos:
                data = source.read(info)
                out.writestr(info.filename, fz.mutate_many(data, self.mutations()) if info.filename == part else data)
        return buffer.getvalue()

    def cells(self) -> bytes:
        from openpyxl import Workbook

        rng = self.rng
        pool = [None, "", "张三", "男", "女", "正式党员", "预备党员", "1990-07-01", "1990.7", "19900701",
                "合计", "=1/0", 0, -1, 10 ** 18, 1.5, float("inf"), date(1960, 2, 29), "汉", "是", "否",
                make_id(date(1970, 1, 1), "男", seq=11), make_id(date(1970, 1, 1), "男", seq=11)[:17]]
        workbook = Workbook()
        sheet = workbook.active
        header = fz.HEADERS[:]
        rng.shuffle(header)
        sheet.append(header[:rng.randint(2, len(header))])
        for _ in range(rng.randint(0, 12)):
            sheet.append([rng.choice(pool) if rng.random() < 0.8 else rng.randbytes(6).decode("latin-1")
                          .translate({c: None for c in range(32)}) for _ in range(rng.randint(0, 18))])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def run(self, per_target: int) -> None:
        rng = self.rng
        plans = {
            "bundle: random bytes": (lambda: rng.randbytes(rng.randint(0, 4096)), self.read_bundle),
            "bundle: mutated file": (lambda: fz.mutate_many(self.bundle, self.mutations()), self.read_bundle),
            "bundle: re-signed, mutated inside": (self.resealed, self.read_bundle),
            "bundle: re-signed, imported": (self.resealed, self.import_bundle),
            "roster: random bytes": (lambda: rng.randbytes(rng.randint(0, 4096)), self.import_roster),
            "roster: mutated file": (lambda: fz.mutate_many(self.xlsx, self.mutations()), self.import_roster),
            "roster: mutated part": (self.mutated_part, self.import_roster),
            "roster: arbitrary cells": (self.cells, self.import_roster),
        }
        for target, (make, run) in plans.items():
            started = time.monotonic()
            n = per_target // 5 if "imported" in target else per_target
            for _ in range(n):
                self.case(target, make(), run)
            tally = self.results[target]
            print(f"{target:38s} {tally.total():6d} cases in {time.monotonic() - started:6.1f} s, "
                  f"slowest {self.slowest[target] * 1000:7.1f} ms: {dict(tally)}", flush=True)


def run_atheris(bench: Bench, runs: int) -> None:
    """Coverage-guided fuzzing of the bundle reader in a child process, seeded with a valid bundle.

    The child instruments only the reader's modules (instrumenting everything loaded takes many
    minutes) and libFuzzer ends it: an unexpected exception is a crash with a non-zero exit."""
    import subprocess

    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed (pip install atheris): skipped")
        return
    work = Path(tempfile.mkdtemp(prefix="atheris-"))
    for target in ("outer", "inner"):
        (work / target).mkdir()
    (work / "outer" / "valid.djb").write_bytes(bench.bundle)
    (work / "inner" / "valid.zip").write_bytes(fz.resign_inner(bench.inner, bench.village_keys, fix_manifest=False))
    (work / "keys.json").write_text(json.dumps({"box": bytes(bench.district_keys.box).hex(),
                                                "sender_secret": bench.village_keys.secret.hex(),
                                                "max_len": len(bench.bundle) * 2}))
    for target in ("outer", "inner"):
        started = time.monotonic()
        child = subprocess.run([sys.executable, str(Path(__file__).with_name("fuzz_atheris.py")), str(work), str(runs),
                                target], capture_output=True, text=True)
        lines = (child.stdout + child.stderr).splitlines()
        summary = [line for line in lines if line.startswith(("atheris", "Done", "==", "Traceback"))]
        print("\n".join(summary[-2:]))
        print(f"atheris, {target}: exit code {child.returncode} after {time.monotonic() - started:.0f} s"
              + ("" if child.returncode == 0 else "; output:\n" + "\n".join(lines[-30:])), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500, help="cases per target")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--atheris", type=int, default=0, help="atheris runs on the bundle reader (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dangjian-fuzz-") as folder:
        bench = Bench(Path(folder), args.seed)
        bench.run(args.cases)
        total = sum(t.total() for t in bench.results.values())
        failures = sum(n for t in bench.results.values() for k, n in t.items() if k.startswith("FAIL"))
        print(f"total: {total} cases, {failures} failures", flush=True)
        if args.atheris:
            run_atheris(bench, args.atheris)
        bench.world.close()
        bench.village.close()
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
