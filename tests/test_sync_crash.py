"""The district's import killed (SIGKILL) at random moments, 50 times: each time the database is
intact and the bundle is either wholly applied or not at all, and importing again completes it."""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from dangjian_desktop.services import sync
from sync_fixtures import PASSPHRASE, demo_world, demo_world_files, open_ctx  # noqa: F401  (fixtures)

KILLS = 50


def _members_of(path, org: str) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT COUNT(*) FROM members WHERE org = ?", [org]).fetchone()[0]
    finally:
        conn.close()


def _start_import(db, bundle):
    env = {**os.environ, "DANGJIAN_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen([sys.executable, "-m", "dangjian_desktop", "--db", str(db), "bundle", "import", str(bundle)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_an_import_killed_anywhere_is_all_or_nothing(demo_world, tmp_path):
    w = demo_world
    org, delta = w.org, w.export_village()
    expected = len(w.village.store.query("SELECT uuid FROM members WHERE org = ?", [org]))
    w.district.close()
    pristine = tmp_path / "pristine.db"
    shutil.copy(w.folder / "district.db", pristine)
    assert _members_of(pristine, org) == 0

    timing = tmp_path / "timing.db"
    shutil.copy(pristine, timing)
    started = time.monotonic()
    assert _start_import(timing, delta).wait() == 0
    whole = time.monotonic() - started
    assert _members_of(timing, org) == expected

    rng = random.Random(2026)
    outcomes = {"none": 0, "all": 0}
    for n in range(KILLS):
        db = tmp_path / f"kill{n}.db"
        shutil.copy(pristine, db)
        process = _start_import(db, delta)
        time.sleep(rng.uniform(0.05, whole))
        process.send_signal(signal.SIGKILL)
        process.wait()
        count = _members_of(db, org)
        assert count in (0, expected), f"kill {n}: {count} of {expected} members — a partial import"
        outcomes["all" if count else "none"] += 1
        ctx = open_ctx(db)
        try:
            receipts = sync.import_bundles(ctx, paths=[delta], passphrase=PASSPHRASE, backup=False)
            assert all(r.ok for r in receipts)
        finally:
            ctx.close()
        assert _members_of(db, org) == expected
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"kill{n}.db{suffix}").unlink(missing_ok=True)
    assert outcomes["none"] > 0  # some kills landed before the commit
